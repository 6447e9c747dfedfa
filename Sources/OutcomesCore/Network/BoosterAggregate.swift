/// What boosters.csv's row for one route is computed from (analysis.md §15): the exact
/// multisets of induction sessions, seconds to the first booster and seconds between
/// boosters, as value → courses. Medians need every value, and a multiset names no course
/// and no date (offsets from a course's own index start); two samples' aggregates add up.
public struct BoosterAggregate: Equatable, Sendable {
    public var route: Route
    public var inductionSessions: [Int64: Int] = [:]
    /// Over the courses with a booster (their count is its total).
    public var firstBoosterSeconds: [Int64: Int] = [:]
    public var boosterGapSeconds: [Int64: Int] = [:]

    public init(route: Route) { self.route = route }

    public init(route: Route, courses facts: some Collection<CourseBoosterFacts>) {
        self.init(route: route)
        for fact in facts {
            inductionSessions[Int64(fact.boosters.inductionSessions), default: 0] += 1
            if let first = fact.boosters.boosterOffsets.first { firstBoosterSeconds[first, default: 0] += 1 }
            for gap in fact.boosters.gaps { boosterGapSeconds[gap, default: 0] += 1 }
        }
    }

    public var courses: Int { inductionSessions.values.reduce(0, +) }
    public var withBooster: Int { firstBoosterSeconds.values.reduce(0, +) }

    /// The multisets by the measure names they are published under (docs/network.md).
    public static let measures: [(name: String, values: WritableKeyPath<BoosterAggregate, [Int64: Int]> & Sendable)] = [
        ("induction_sessions", \.inductionSessions), ("first_booster_seconds", \.firstBoosterSeconds),
        ("booster_gap_seconds", \.boosterGapSeconds),
    ]

    /// The median of a multiset (§8: the mean of the two middle values of an even count), each
    /// value divided by `scale`; nil when empty.
    public static func median(_ values: [Int64: Int], scale: Double = 1) -> Double? {
        let total = values.values.reduce(0, +)
        guard total > 0 else { return nil }
        let counts = values.keys.sorted().map { (value: Double($0) / scale, count: values[$0]!) }
        return Descriptive.median(counts: counts, total: total)
    }

    /// Both samples together (same route).
    public static func + (a: BoosterAggregate, b: BoosterAggregate) -> BoosterAggregate {
        var sum = a
        for measure in measures { sum[keyPath: measure.values].merge(b[keyPath: measure.values], uniquingKeysWith: +) }
        return sum
    }
}
