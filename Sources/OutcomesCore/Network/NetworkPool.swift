/// Contributions that cannot be pooled: made with other analysis settings or another program
/// version than the first site's, or for another period. Each names the site and what differs.
public struct PoolingRefused: Error, CustomStringConvertible, Equatable {
    public var problems: [String]

    public var description: String {
        "cannot pool the network's contributions: " + problems.joined(separator: "; ")
            + " (every site publishes again with the same program version and [analysis] settings: outcomes publish PIPELINE)"
    }
}

/// The network's figures from its sites' contributions: each instrument × route the sum of the
/// sites' aggregates, so every figure equals the one a single run over all the sites' courses
/// would give (docs/network.md, "Pooled exactly").
public struct NetworkPool: Sendable {
    public let contributions: [SiteContribution]
    public let period: String
    public let programVersion: String
    public let settings: String
    /// The pooled aggregate of every instrument × route with a course at some site.
    public let pooledRoutes: [RouteAggregate]
    /// The pooled aggregate of each route_summary row, in the report's order (GAD7, HAMA, PHQ9 ×
    /// IV, IM, IN, SL, PO, SC): an instrument with scores at some site × a route with a course
    /// at some site. Every per-row file reads these, each in its own way.
    public let rows: [RouteAggregate]
    /// The pooled curve points, in the report's order (instrument, route, kind, point).
    public let pooledCurves: [CurveGroup]
    /// The analysis parameters of the contributions (their settings text read back).
    public let parameters: AnalysisParameters

    /// Where the curves, boosters and breakdowns are summed from: the contributions, or one
    /// contribution that is their sum already (NetworkDatabase.pooledContributions).
    let detailParts: [SiteContribution]

    /// Checks that the contributions agree on period, program version and settings. `detail`,
    /// when given, is the sum of their curves, boosters and breakdowns (theirs are then not read).
    public init(_ contributions: [SiteContribution], period: String, detail: SiteContribution? = nil) throws(PoolingRefused) {
        let sorted = contributions.sorted { $0.site < $1.site }
        guard let first = sorted.first else { throw PoolingRefused(problems: ["no site has published for period \(period)"]) }
        var problems: [String] = []
        for site in sorted {
            if site.period != period { problems.append("site \(site.site) published period \(site.period), not \(period)") }
            if site.programVersion != first.programVersion {
                problems.append("site \(site.site) used program version \(site.programVersion), site \(first.site) \(first.programVersion)")
            }
            let differences = NetworkSettings.differences(first.settings, site.settings)
            if !differences.isEmpty {
                problems.append("site \(site.site) used other analysis settings than site \(first.site) (\(differences.joined(separator: ", ")))")
            }
        }
        guard problems.isEmpty else { throw PoolingRefused(problems: problems) }
        guard let parameters = NetworkSettings.parameters(first.settings) else {
            throw PoolingRefused(problems: ["site \(first.site)'s analysis settings are not ones this program writes (\(first.settings))"])
        }
        self.parameters = parameters
        self.contributions = sorted
        self.period = period
        programVersion = first.programVersion
        settings = first.settings
        pooledRoutes = Self.pool(sorted.flatMap(\.routes))
        rows = Self.rows(pooledRoutes, instruments: sorted.reduce(into: Set()) { $0.formUnion($1.instrumentsWithScores) })
        var byPoint: [Int: CurveAggregate] = [:]
        detailParts = detail.map { [$0] } ?? sorted
        for curve in detailParts.flatMap(\.curves) { byPoint[curve.order] = byPoint[curve.order].map { $0 + curve } ?? curve }
        pooledCurves = byPoint.keys.sorted().map { byPoint[$0]!.group }
    }

    /// route_summary.csv's rows.
    public func summaries(smallCells: SmallCells) -> [RouteSummary] {
        rows.map { RouteSummary($0, smallCells: smallCells) }
    }

    /// response_curves.csv's (`.time`) or session_curves.csv's (`.session`) rows.
    public func curves(_ kind: CurveKind, smallCells: SmallCells) -> [CurveSummary] {
        CurveSummary.summarise(pooledCurves, kind: kind, smallCells: smallCells)
    }

    /// after_relief.csv's rows, one per row of `summaries`, in its order.
    public func afterRelief(smallCells: SmallCells) -> [AfterReliefSummary] {
        rows.map { AfterReliefSummary($0, smallCells: smallCells) }
    }

    /// reliable_change.csv's rows, one per row of `summaries`.
    public func reliableChange(smallCells: SmallCells) -> [ReliableChangeSummary] {
        rows.map { ReliableChangeSummary($0, smallCells: smallCells) }
    }

    /// baseline_severity.csv's rows, one per row of `summaries`.
    public func baselineSeverity(smallCells: SmallCells) -> [BaselineSeveritySummary] {
        rows.map { BaselineSeveritySummary($0, smallCells: smallCells) }
    }

    /// safety.csv's rows: one per route with a course at some site, in route order.
    public func safety(smallCells: SmallCells) -> [SafetySummary] {
        let pooled = pooledRoutes
        let routes = Route.allCases.sorted().filter { route in pooled.contains { $0.route == route && $0.courses > 0 } }
        return routes.map { route in
            SafetySummary(phq9: pooled.first { $0.instrument == .phq9 && $0.route == route } ?? RouteAggregate(instrument: .phq9, route: route),
                          smallCells: smallCells)
        }
    }

    /// boosters.csv's rows: one per route with a course at some site, in route order.
    public func boosters(smallCells: SmallCells) -> [BoosterSummary] {
        var byRoute: [Route: BoosterAggregate] = [:]
        for aggregate in detailParts.flatMap(\.boosters) { byRoute[aggregate.route] = byRoute[aggregate.route].map { $0 + aggregate } ?? aggregate }
        return byRoute.keys.sorted().map { BoosterSummary(byRoute[$0]!, smallCells: smallCells) }
    }

    /// by_clinic.csv's clinics: each clinic id's aggregates summed over the sites that have it,
    /// in id order, with route_summary's rows.
    public func clinics(smallCells: SmallCells) -> [(clinic: String, summaries: [RouteSummary])] {
        breakdown(detailParts.flatMap(\.clinics), smallCells: smallCells).map { (clinic: $0.key, summaries: $0.summaries) }
    }

    /// report.md's trend, for a quarter: each earlier quarter's rows pooled, then the period's
    /// own (as OutcomeReport.trend); empty for another period.
    public func trend(_ period: ResolvedPeriod, smallCells: SmallCells) -> [(quarter: Quarter, summaries: [RouteSummary])] {
        guard let current = period.quarter else { return [] }
        let earlier = breakdown(detailParts.flatMap(\.quarters), smallCells: smallCells).compactMap { part in
            Quarter(name: part.key).map { (quarter: $0, summaries: part.summaries) }
        }
        return earlier + [(current, summaries(smallCells: smallCells))]
    }

    /// Each key's aggregates summed over the sites that have it, in key order.
    func breakdown(_ parts: [BreakdownAggregate], smallCells: SmallCells) -> [(key: String, summaries: [RouteSummary])] {
        var byKey: [String: [RouteAggregate]] = [:]
        for part in parts { byKey[part.key, default: []] += part.routes }
        return byKey.keys.sorted().map { key in
            (key, Self.rows(Self.pool(byKey[key]!), instruments: instruments).map { RouteSummary($0, smallCells: smallCells) })
        }
    }

    /// Instruments with scores at some site.
    public var instruments: Set<Instrument> { contributions.reduce(into: Set()) { $0.formUnion($1.instrumentsWithScores) } }

    /// The period's courses by route (the first instrument's aggregates count every course).
    public var coursesByRoute: [Route: Int] {
        let first = Instrument.allCases.sorted()[0]
        return Dictionary(uniqueKeysWithValues: pooledRoutes.filter { $0.instrument == first && $0.courses > 0 }.map { ($0.route, $0.courses) })
    }

    public var mixedRouteCourses: Int {
        let first = Instrument.allCases.sorted()[0]
        return pooledRoutes.filter { $0.instrument == first }.reduce(0) { $0 + $1.mixedRouteCourses }
    }

    /// The network's report: the clinic report's figures from the pooled aggregates, with the
    /// network's sites, their data quality and their comparison. `period` is the resolved
    /// period whose name the contributions were published under.
    public func report(name: String, runTime: Int64, period: ResolvedPeriod, smallCells: SmallCells, chartMinCourses: Int = 5) -> OutcomeReport {
        let inputs = ReportInputs(pipelineName: name, runTime: runTime, timezone: "", period: period, parameters: parameters,
                                  smallCells: smallCells, instrumentsWithScores: instruments, facts: [], curveGroups: pooledCurves,
                                  dataQuality: DataQualitySummary(), files: [], chartMinCourses: chartMinCourses)
        let network = NetworkSection(sites: contributions.map(\.site), quality: contributions.map { ($0.site, $0.quality) },
                                     comparison: SiteComparison.rows(self, smallCells: smallCells))
        return OutcomeReport(inputs: inputs, summaries: summaries(smallCells: smallCells), clinics: clinics(smallCells: smallCells),
                             afterRelief: afterRelief(smallCells: smallCells), reliableChange: reliableChange(smallCells: smallCells),
                             safety: safety(smallCells: smallCells), boosters: boosters(smallCells: smallCells),
                             baselineSeverity: baselineSeverity(smallCells: smallCells), trend: trend(period, smallCells: smallCells),
                             coursesByRoute: coursesByRoute,
                             mixedRouteCourses: mixedRouteCourses, network: network)
    }

    static func pool(_ aggregates: [RouteAggregate]) -> [RouteAggregate] {
        var byGroup: [Int: RouteAggregate] = [:]
        for aggregate in aggregates {
            let key = OutcomeReport.groupKey(aggregate.instrument, aggregate.route)
            byGroup[key] = byGroup[key].map { $0 + aggregate } ?? aggregate
        }
        return byGroup.keys.sorted().map { byGroup[$0]! }
    }

    static func rows(_ pooled: [RouteAggregate], instruments: Set<Instrument>) -> [RouteAggregate] {
        let routes = Set(pooled.filter { $0.courses > 0 }.map(\.route))
        let byGroup = Dictionary(uniqueKeysWithValues: pooled.map { (OutcomeReport.groupKey($0.instrument, $0.route), $0) })
        var rows: [RouteAggregate] = []
        for instrument in Instrument.allCases.sorted() where instruments.contains(instrument) {
            for route in Route.allCases.sorted() where routes.contains(route) {
                rows.append(byGroup[OutcomeReport.groupKey(instrument, route)] ?? RouteAggregate(instrument: instrument, route: route))
            }
        }
        return rows
    }
}
