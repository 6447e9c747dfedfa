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
    /// boosters.csv's multisets: one per route with a course in the period, in route order.
    public var boosters: [BoosterAggregate]
    /// by_clinic.csv's aggregates: one per clinic id with a course in the period, in id order.
    public var clinics: [BreakdownAggregate]
    /// For a quarter's contribution, report.md's trend: one per earlier quarter with a course
    /// (named `2026Q1`, no finer than the period), in order. Empty for other periods.
    public var quarters: [BreakdownAggregate]
    /// The site's data quality rows by kind and reason class (all its exports, not only the period's).
    public var quality: [QualityCount]

    public init(site: String, period: String, programVersion: String, settings: String, instrumentsWithScores: Set<Instrument>,
                routes: [RouteAggregate], curves: [CurveAggregate] = [], boosters: [BoosterAggregate] = [],
                clinics: [BreakdownAggregate] = [], quarters: [BreakdownAggregate] = [], quality: [QualityCount] = []) {
        self.quarters = quarters
        self.curves = curves
        self.boosters = boosters
        self.clinics = clinics
        self.quality = quality
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
        let routes = BreakdownAggregate.routes(report.periodGroups, parameters: inputs.parameters)
        let period = inputs.period
        let boosterFacts = Dictionary(grouping: inputs.boosterFacts.lazy.filter { period.contains(day: $0.indexDay) }, by: \.route)
        let boosters = Route.allCases.sorted().filter { route in routes.contains { $0.route == route } }.map { route in
            BoosterAggregate(route: route, courses: boosterFacts[route] ?? [])
        }
        let clinics = BreakdownAggregate.of(report.periodGroups.values.joined()) { $0.clinicID }
        // The quarters before the period's, as OutcomeReport.trend takes them.
        let quarters = period.quarter.map { current in
            BreakdownAggregate.of(inputs.facts.lazy.filter { $0.indexDay < current.days.lowerBound }) { Quarter(containing: $0.indexDay).description }
        } ?? []
        var curves: [CurveAggregate] = []
        for group in inputs.curveGroups where !group.values.isEmpty {
            guard let aggregate = CurveAggregate(group) else { throw UnpublishableCurveValue(key: group.key) }
            curves.append(aggregate)
        }
        self.init(site: site, period: inputs.period.name, programVersion: ProgramVersion.string,
                  settings: NetworkSettings.text(inputs.parameters), instrumentsWithScores: inputs.instrumentsWithScores, routes: routes,
                  curves: curves, boosters: boosters, clinics: clinics, quarters: quarters, quality: QualityCount.of(inputs.dataQuality))
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

    /// The parameters a settings text was made from: nil unless it is exactly `text` of them (a
    /// text written by another program). The network report reads them for its charts and
    /// its parameters table.
    public static func parameters(_ text: String) -> AnalysisParameters? {
        var p = AnalysisParameters()
        func number(_ value: String) -> Double? { Double(value) }
        func perInstrument(_ value: String) -> [Instrument: Int]? {
            let inner = TransformSettings.fields(of: value)
            var result: [Instrument: Int] = [:]
            for field in inner {
                guard let instrument = Instrument(rawValue: field.key), let n = Int(field.value) else { return nil }
                result[instrument] = n
            }
            return result
        }
        let scalars: [String: WritableKeyPath<AnalysisParameters, Double>] = [
            "relief_threshold": \.reliefThreshold, "response_threshold": \.responseThreshold, "course_gap_days": \.courseGapDays,
            "baseline_window_days": \.baselineWindowDays, "followup_days": \.followupDays, "endpoint_start_days": \.endpointStartDays,
            "endpoint_end_days": \.endpointEndDays, "durability_days": \.durabilityDays, "loss_threshold": \.lossThreshold,
            "induction_days": \.inductionDays,
        ]
        let maps: [String: WritableKeyPath<AnalysisParameters, [Instrument: Int]>] = [
            "remission_cutoff": \.remissionCutoff, "reliable_change": \.reliableChange, "caseness": \.caseness,
        ]
        for field in TransformSettings.fields(of: text) {
            if let key = scalars[field.key] {
                guard let value = number(field.value) else { return nil }
                p[keyPath: key] = value
            } else if let key = maps[field.key] {
                guard let value = perInstrument(field.value) else { return nil }
                p[keyPath: key] = value
            } else if field.key == "curve_bins_hours" {
                guard field.value.hasPrefix("["), field.value.hasSuffix("]") else { return nil }
                let values = field.value.dropFirst().dropLast().split(separator: ",").map { Double(String($0)) }
                guard !values.contains(nil) else { return nil }
                p.curveBinsHours = values.map { $0! }
            }
        }
        return Self.text(p) == text ? p : nil
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
