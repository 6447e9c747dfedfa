import Foundation
import OutcomesCore
import OutcomesIO
import OutcomesNetwork

/// Sites the network expects that have not published the period.
public struct SitesMissing: Error, CustomStringConvertible {
    public let sites: [String]
    public let period: String

    public var description: String {
        "no contribution for period \(period) from site(s) \(sites.joined(separator: ", ")); each runs outcomes publish PIPELINE "
            + "with [report] period = \"\(period)\", or the network file's sites leaves them out"
    }
}

/// What `outcomes network` wrote.
public struct NetworkReportSummary: Sendable, Equatable {
    public var directory: String
    public var period: String
    public var sites: Int
    public var rows: Int

    public var line: String { "network report: \(period), \(sites) site(s), \(rows) route row(s); written to \(directory)" }
}

/// `outcomes network NETWORK.toml`: the network's report folder from its sites' contributions,
/// pooled exactly (NetworkPool), each figure with the network's small-cell rule.
public struct NetworkReportStage {
    public let config: NetworkConfig

    public init(config: NetworkConfig) { self.config = config }

    /// The network's period, pinned to days on `now`'s UTC date (a network spans time zones).
    public func resolvedPeriod(now: Int64) -> ResolvedPeriod {
        config.period.resolved(today: LocalTimeZone(identifier: "UTC")!.localDay(of: now))
    }

    /// The pooled contributions of the listed sites for the period.
    public func pool(_ database: NetworkDatabase, now: Int64) throws -> NetworkPool {
        let period = resolvedPeriod(now: now).name
        let published = try database.pooledContributions(period: period, sites: config.sites)
        let missing = config.sites.filter { site in !published.sites.contains { $0.site == site } }
        guard missing.isEmpty else { throw SitesMissing(sites: missing, period: period) }
        return try NetworkPool(published.sites, period: period, detail: published.detail)
    }

    /// The files of the network report folder, by name (manifest.json aside): a clinic report's
    /// files from the pooled figures, and the network's own (ReportFiles.render).
    public func files(_ pool: NetworkPool, now: Int64) -> [(name: String, contents: String)] {
        ReportFiles.render(pool.report(name: config.name, runTime: now, period: resolvedPeriod(now: now),
                                       smallCells: SmallCells(minCell: config.minCell)))
    }

    public func run(now: Int64) throws -> NetworkReportSummary {
        let database = try NetworkDatabase(url: config.url)
        let pool = try pool(database, now: now)
        let directory = config.directory(period: pool.period)
        if let refusal = ReportFolderGuard.refusal(directory, contents: FolderContents.at(FileSystemPath.resolvedEntry(directory))) {
            throw refusal
        }
        let files = files(pool, now: now)
        try ReportDirectory.replace(directory) { folder in
            for file in files { try ReportDirectory.write(file.contents, to: folder + "/" + file.name) }
            let listed = try files.map { file in
                let (digest, size) = try SHA256.ofFile(folder + "/" + file.name)
                return JSONText.object([("name", .string(file.name)), ("sha256", .string(digest)), ("bytes", .integer(Int64(size)))])
            }
            let manifest = JSONText.object([
                ("manifest_version", .integer(2)),
                ("run_time", .string(CivilTime.isoUTC(now))),
                ("program_version", .string(ProgramVersion.string)),
                ("pipeline", .object([("name", .string(config.name)), ("file", .string(config.path))])),
                ("period", .object([("name", .string(pool.period))])),
                ("sites", .array(pool.contributions.map { .string($0.site) })),
                ("parameters", .object([("analysis", .raw(pool.settings)), ("min_cell", .integer(Int64(config.minCell)))])),
                ("files", .array(listed)),
            ])
            try ReportDirectory.write(manifest.rendered() + "\n", to: folder + "/manifest.json")
        }
        return NetworkReportSummary(directory: directory, period: pool.period, sites: pool.contributions.count,
                                    rows: pool.rows.count)
    }
}
