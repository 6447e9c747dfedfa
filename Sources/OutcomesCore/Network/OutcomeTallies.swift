/// The counts of reliable_change.csv (analysis.md §13), safety.csv (§14) and
/// baseline_severity.csv (§1 bands) for one instrument × route: like RouteAggregate's, they
/// add up across sites, and each file's figures are functions of them.
public struct OutcomeTallies: Equatable, Sendable {
    // §13, with the pipeline's reliable-change and caseness points (zero when not asked for).
    public var rcEvaluable = 0, rcImproved = 0, rcDeteriorated = 0
    public var rcAtCaseness = 0, rcRecovered = 0, rcReliablyRecovered = 0
    public var rcFollowedUp = 0, rcDeterioratedAny = 0
    // §14: PHQ-9 item 9 (zero for the other instruments).
    public var item9Known = 0, item9Positive = 0, item9AtRisk = 0, item9Emergent = 0
    public var item9PositiveWithEndpoint = 0, item9Resolved = 0
    /// §1: courses whose baseline falls in each of the instrument's bands, in band order.
    public var bands: [Int]

    public init(instrument: Instrument) {
        bands = [Int](repeating: 0, count: instrument.severityBands.count)
    }

    /// `parameters` gives §13's points; nil leaves the §13 counts at zero.
    public init(instrument: Instrument, courses facts: some Collection<CourseFacts>, parameters: AnalysisParameters?) {
        self.init(instrument: instrument)
        let severity = instrument.severityBands
        let change = parameters?.reliableChange(instrument), caseness = parameters?.caseness(instrument)
        for fact in facts {
            if let baseline = fact.baseline, let index = severity.firstIndex(where: { $0.totals.contains(baseline) }) { bands[index] += 1 }
            if let item9 = fact.item9, let known = item9.baseline {
                item9Known += 1
                if known >= 1 {
                    item9Positive += 1
                    if let endpoint = item9.endpoint {
                        item9PositiveWithEndpoint += 1
                        if endpoint == 0 { item9Resolved += 1 }
                    }
                } else if item9.followUpKnown {
                    item9AtRisk += 1
                    if item9.followUpPositive { item9Emergent += 1 }
                }
            }
            guard let change, let caseness else { continue }
            // Evaluable: baseline > 0 and an endpoint observation (§7), so both totals are there.
            if fact.evaluable, let b = fact.baseline, let e = fact.endpointTotal {
                rcEvaluable += 1
                if b - e >= change { rcImproved += 1 }
                if e - b >= change { rcDeteriorated += 1 }
                if b >= caseness {
                    rcAtCaseness += 1
                    if e < caseness {
                        rcRecovered += 1
                        if b - e >= change { rcReliablyRecovered += 1 }
                    }
                }
            }
            if let baseline = fact.baseline, fact.followUps > 0 {
                rcFollowedUp += 1
                if let worst = fact.worstFollowUp, worst - baseline >= change { rcDeterioratedAny += 1 }
            }
        }
    }

    /// The counts by their published names (docs/network.md), the bands `band_1`, `band_2`, ….
    public static let fields: [(name: String, value: WritableKeyPath<OutcomeTallies, Int> & Sendable)] = [
        ("rc_evaluable", \.rcEvaluable), ("rc_improved", \.rcImproved), ("rc_deteriorated", \.rcDeteriorated),
        ("rc_at_caseness", \.rcAtCaseness), ("rc_recovered", \.rcRecovered), ("rc_reliably_recovered", \.rcReliablyRecovered),
        ("rc_followed_up", \.rcFollowedUp), ("rc_deteriorated_any", \.rcDeterioratedAny),
        ("item9_known", \.item9Known), ("item9_positive", \.item9Positive), ("item9_at_risk", \.item9AtRisk),
        ("item9_emergent", \.item9Emergent), ("item9_positive_with_endpoint", \.item9PositiveWithEndpoint),
        ("item9_resolved", \.item9Resolved),
    ]

    public var counts: [(name: String, value: Int)] {
        Self.fields.map { ($0.name, self[keyPath: $0.value]) } + bands.enumerated().map { ("band_\($0.offset + 1)", $0.element) }
    }

    /// Sets a count by its published name; false for a name not known here.
    public mutating func setCount(_ name: String, _ value: Int) -> Bool {
        if let field = Self.fields.first(where: { $0.name == name }) {
            self[keyPath: field.value] = value
            return true
        }
        guard name.hasPrefix("band_"), let number = Int(name.dropFirst(5)), bands.indices.contains(number - 1) else { return false }
        bands[number - 1] = value
        return true
    }

    public static func + (a: OutcomeTallies, b: OutcomeTallies) -> OutcomeTallies {
        var sum = a
        for field in fields { sum[keyPath: field.value] += b[keyPath: field.value] }
        sum.bands = zip(a.bands, b.bands).map { $0 + $1 }
        return sum
    }
}
