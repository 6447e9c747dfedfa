/// What one site publishes for one report period (docs/network.md): per instrument × route of
/// its courses, the aggregates its report's figures are computed from. No patient id, no
/// course, no date but the period's name; counts are exact (not suppressed), because a pooled
/// figure needs every site's exact counts, and small cells are suppressed where figures are
/// shown: in the network report, by the network's `min_cell`.
public struct SiteContribution: Equatable, Sendable {
    public var site: String
    /// The resolved period's name: `all`, `2026Q3` or `2026-01-01..2026-03-31`.
    public var period: String
    public var programVersion: String
    /// The analysis settings the figures were computed with (`NetworkSettings.text`).
    public var settings: String
    /// Instruments with at least one accepted score at the site (a row of route_summary per
    /// instrument with scores somewhere in the network).
    public var instrumentsWithScores: Set<Instrument>
    /// Every instrument × route with a course in the period, instruments without scores too
    /// (a course counts in every instrument's row of its route), in instrument then route order.
    public var routes: [RouteAggregate]
    /// Every point of the response and session curves with a contributing course, in the
    /// report's order (instrument, route, kind, point).
    public var curves: [CurveAggregate]

    public init(site: String, period: String, programVersion: String, settings: String, instrumentsWithScores: Set<Instrument>,
                routes: [RouteAggregate], curves: [CurveAggregate] = []) {
        self.curves = curves
        self.site = site
        self.period = period
        self.programVersion = programVersion
        self.settings = settings
        self.instrumentsWithScores = instrumentsWithScores
        self.routes = routes
    }

    /// A site's contribution from its report: the period's courses, grouped as the report groups them.
    public init(site: String, report: OutcomeReport) throws(UnpublishableCurveValue) {
        let inputs = report.inputs
        var routes: [RouteAggregate] = []
        let withCourses = Route.allCases.sorted().filter { route in
            Instrument.allCases.contains { report.periodGroups[OutcomeReport.groupKey($0, route)] != nil }
        }
        for instrument in Instrument.allCases.sorted() {
            for route in withCourses {
                routes.append(RouteAggregate(instrument: instrument, route: route,
                                             courses: report.periodGroups[OutcomeReport.groupKey(instrument, route)] ?? [],
                                             parameters: inputs.parameters))
            }
        }
        var curves: [CurveAggregate] = []
        for group in inputs.curveGroups where !group.values.isEmpty {
            guard let aggregate = CurveAggregate(group) else { throw UnpublishableCurveValue(key: group.key) }
            curves.append(aggregate)
        }
        self.init(site: site, period: inputs.period.name, programVersion: ProgramVersion.string,
                  settings: NetworkSettings.text(inputs.parameters), instrumentsWithScores: inputs.instrumentsWithScores, routes: routes,
                  curves: curves)
    }
}

/// A curve value that is not a percent reduction of two totals (a database written by another
/// program, or damaged): it cannot be published as an exact fraction.
public struct UnpublishableCurveValue: Error, CustomStringConvertible, Equatable {
    public var key: CurvePointKey

    public var description: String {
        "a \(key.instrument.displayName) \(key.route.rawValue) curve value is not a percent reduction of two totals; "
            + "recompute the analysis tables (outcomes run PIPELINE --from transform) and publish again"
    }
}

/// The analysis settings two sites must share for their figures to pool: the transform's
/// canonical settings without the program version (stored and compared on its own) and
/// without the timezone (a network spans zones; each site's index dates are local to it).
public enum NetworkSettings {
    public static func text(_ parameters: AnalysisParameters) -> String {
        let fields = TransformSettings.fields(of: TransformSettings(parameters: parameters, timezone: "").canonicalText)
            .filter { $0.key != "program_version" && $0.key != "timezone" }
        return "{" + fields.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    /// The keys whose values differ between two settings texts, `key a → b`.
    public static func differences(_ a: String, _ b: String) -> [String] {
        let left = TransformSettings.fields(of: a), right = Dictionary(TransformSettings.fields(of: b).map { ($0.key, $0.value) },
                                                                        uniquingKeysWith: { first, _ in first })
        var keys = left.filter { right[$0.key] != $0.value }.map { "\($0.key) \($0.value) → \(right[$0.key] ?? "absent")" }
        let known = Set(left.map(\.key))
        keys += right.keys.sorted().filter { !known.contains($0) }.map { "\($0) absent → \(right[$0]!)" }
        return keys
    }
}
