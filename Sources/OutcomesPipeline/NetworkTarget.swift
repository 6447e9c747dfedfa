import OutcomesCore
import TOMLKit

/// A pipeline's `[network]` table: where `outcomes publish` sends the site's contribution, and
/// under which site name (docs/network.md). The password is never here: libpq reads
/// `PGPASSWORD` or `~/.pgpass`.
public struct NetworkTarget: Equatable, Sendable {
    /// A libpq connection URI or key/value string.
    public var url: String
    public var site: String

    public init(url: String, site: String) {
        self.url = url
        self.site = site
    }

    /// A site name: what `network_site.site` allows (lower-case letters, digits, `-` and `_`).
    static func isSiteName(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 40 else { return false }
        let allowed = { (byte: UInt8) in (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        return allowed(first) && text.utf8.allSatisfy { allowed($0) || $0 == 0x2D || $0 == 0x5F }
    }

    /// True when the connection text carries a password (`password=…`, or `user:secret@` in a URI).
    static func carriesPassword(_ url: String) -> Bool {
        let lower = url.lowercased()
        if lower.contains("password=") { return true }
        guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") else { return false }
        let rest = url.drop { $0 != "/" }.dropFirst(2)
        guard let at = rest.firstIndex(of: "@") else { return false }
        let credentials = rest[..<at]
        return !credentials.contains("/") && credentials.contains(":")
    }
}

extension TableReader {
    static let networkKeys = ["url", "site"]

    /// `[network]` of a pipeline file: both keys required.
    func network(_ table: TOMLTable) throws(PipelineFileError) -> NetworkTarget {
        try allowOnly(table, table: "network", keys: Self.networkKeys)
        let url = try networkURL(table, "network")
        guard let site = try string(table, "network", "site") else {
            throw PipelineFileError(path: path, line: lines.line(table: "network"), "[network] needs site = \"…\" (this clinic's site name in the network)")
        }
        guard NetworkTarget.isSiteName(site) else {
            throw error("network", "site", "'\(site)' is not a site name; use lower-case letters, digits, - and _ (at most 40), starting with a letter or digit")
        }
        return NetworkTarget(url: url, site: site)
    }

    /// The `url` key of `[network]`: present, and without a password.
    func networkURL(_ table: TOMLTable, _ name: String) throws(PipelineFileError) -> String {
        guard let url = try string(table, name, "url"), !url.trimmingWhitespace.isEmpty else {
            throw PipelineFileError(path: path, line: lines.line(table: name),
                                    "[\(name)] needs url = \"…\" (the network database, e.g. \"postgresql://outcomes_site_north@db.example.org/network\")")
        }
        guard !NetworkTarget.carriesPassword(url) else {
            throw error(name, "url", "must not hold a password; put it in the PGPASSWORD environment variable or ~/.pgpass")
        }
        return url
    }
}
