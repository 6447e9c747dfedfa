import Foundation
import OutcomesCore
import TOMLKit

/// A network's own pipeline file (`outcomes network NETWORK.toml`; docs/network.md):
///
///     [network]
///     name = "ketamine-network"
///     url = "postgresql://alice@db.example.org/network"   # a role in outcomes_analyst
///     period = "2026Q3"
///     min_cell = 11
///     sites = ["north", "south", "east"]
///     reports = "Reports/network/{period}"
public struct NetworkConfig: Equatable, Sendable {
    public var path: String
    public var name: String
    public var url: String
    public var period = ReportPeriod.lastQuarter
    public var minCell = 11
    /// The sites the network expects; the report refuses to pool when one has not published.
    public var sites: [String]
    public var reports = "Reports/network/{period}"

    public static let keys = ["name", "url", "period", "min_cell", "sites", "reports"]

    public init(path: String, name: String, url: String, sites: [String]) {
        self.path = path
        self.name = name
        self.url = url
        self.sites = sites
    }

    /// The report folder for `period`'s resolved name.
    public func directory(period name: String) -> String { reports.replacingOccurrences(of: "{period}", with: name) }

    public static func load(path: String) throws(PipelineFileError) -> NetworkConfig {
        try parse(text: try PipelineFileText.read(path: path), path: path)
    }

    public static func parse(text: String, path: String) throws(PipelineFileError) -> NetworkConfig {
        let root = try PipelineLoader.document(text, path: path)
        let reader = TableReader(path: path, lines: TOMLKeyLines(text: text))
        try reader.allowOnly(root, table: "", keys: ["network"])
        guard let table = root["network"]?.table else {
            throw PipelineFileError(path: path, line: nil, "missing [network] table with name, url and sites")
        }
        try reader.allowOnly(table, table: "network", keys: keys)
        guard let name = try reader.string(table, "network", "name"), !name.isEmpty else {
            throw PipelineFileError(path: path, line: reader.lines.line(table: "network"), "[network] needs name = \"…\" (a non-empty string)")
        }
        let url = try reader.networkURL(table, "network")
        guard let array = table["sites"]?.array else {
            throw PipelineFileError(path: path, line: reader.lines.line(table: "network"),
                                    "[network] needs sites = [\"…\", …] (the site names that publish to this network)")
        }
        var sites: [String] = []
        for index in 0..<array.count {
            guard let site = array[index].string, NetworkTarget.isSiteName(site) else {
                throw reader.error("network", "sites", "item \(index + 1) is not a site name; use lower-case letters, digits, - and _ (at most 40)")
            }
            guard !sites.contains(site) else { throw reader.error("network", "sites", "'\(site)' is listed twice") }
            sites.append(site)
        }
        guard !sites.isEmpty else { throw reader.error("network", "sites", "must name at least one site") }
        var config = NetworkConfig(path: path, name: name, url: url, sites: sites)
        if let text = try reader.string(table, "network", "period") {
            guard let period = ReportPeriod(parsing: text) else {
                throw reader.error("network", "period", "'\(text)' is not a period; allowed: all, YYYYQn (2026Q3), YYYY-MM-DD..YYYY-MM-DD, last-quarter")
            }
            config.period = period
        }
        if let value = try reader.integer(table, "network", "min_cell", in: 0...1_000_000) { config.minCell = value }
        if let value = try reader.string(table, "network", "reports") {
            guard !value.trimmingWhitespace.isEmpty else { throw reader.error("network", "reports", "must name a folder") }
            config.reports = value
        }
        return config
    }
}
