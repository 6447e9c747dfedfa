import OutcomesCore
import OutcomesIO
import OutcomesNetwork

/// A pipeline without `[network]` cannot publish.
public struct NoNetworkTable: Error, CustomStringConvertible {
    public let path: String

    public var description: String {
        "\(path) has no [network] table; add one with url = \"postgresql://…\" and site = \"…\" to publish (docs/network.md)"
    }
}

/// The connecting role is not the role of the pipeline's site.
public struct WrongSiteRole: Error, CustomStringConvertible {
    public let role: String
    public let site: String
    public let registered: String?

    public var description: String {
        let actual = registered.map { "the role of site \($0)" } ?? "no site's role"
        return "the network database knows role \(role) as \(actual), not site \(site)'s; connect as \(NetworkDatabase.role(ofSite: site)) "
            + "in [network] url, or ask the network's coordinator to register the site (outcomes network NETWORK.toml --setup)"
    }
}

/// What `outcomes publish` sent.
public struct PublishSummary: Sendable, Equatable {
    public var site: String
    public var period: String
    public var rows: Int
    public var courses: Int

    public var line: String { "publish: site \(site), period \(period): \(rows) instrument × route row(s) of \(courses) course(s)" }
}

/// `outcomes publish PIPELINE`: the site's contribution for its report period, computed from
/// the analysis tables as the report computes its figures, written to the network database in
/// one transaction (docs/network.md).
public struct PublishStage {
    public let config: PipelineConfig

    public init(config: PipelineConfig) { self.config = config }

    /// The contribution, from the store's analysis tables (they must be up to date with the
    /// pipeline's settings, as for a report).
    public func contribution(store: OutcomesStore, site: String, now: Int64) throws -> SiteContribution {
        let stage = ReportStage(config: config)
        _ = try stage.checkReady(store: store)
        let resolved = config.resolvedPeriod(config.period, now: now)
        // The data quality rows counted as the report counts them (their kinds and reason classes leave; files and lines do not).
        var quality = DataQualitySummary()
        try ReportReader(store).forEachDataQualityRow { quality.add($0) }
        let inputs = try stage.inputs(store: store, now: now, period: resolved, dataQuality: quality)
        return try SiteContribution(site: site, report: OutcomeReport(inputs))
    }

    public func run(store: OutcomesStore, now: Int64) throws -> PublishSummary {
        guard let target = config.network else { throw NoNetworkTable(path: config.path) }
        let contribution = try contribution(store: store, site: target.site, now: now)
        let network = try NetworkDatabase(url: target.url)
        let registered = try network.siteOfRole()
        guard registered == target.site else {
            throw WrongSiteRole(role: try network.role(), site: target.site, registered: registered)
        }
        try network.publish(contribution)
        let courses = Route.allCases.reduce(0) { total, route in
            total + (contribution.routes.first { $0.route == route }?.courses ?? 0)
        }
        return PublishSummary(site: target.site, period: contribution.period, rows: contribution.routes.count, courses: courses)
    }
}
