/// One route of boosters.csv (analysis.md §15): the induction series and the boosters after it.
/// Medians follow §8's rule (the mean of the two middle values of an even count).
public struct BoosterSummary: Equatable, Sendable {
    public var route: Route
    public var courses: Int
    public var medianInductionSessions: Double?
    public var withBooster: Rate
    /// Days (seconds / 86 400) from the index start to the first booster, over the courses with one.
    public var medianDaysToFirstBooster: Double?
    /// Days between consecutive boosters, over every such pair of the route's courses.
    public var medianDaysBetweenBoosters: Double?
    /// `courses, with_booster` and every statistic.
    public var group: FigureGroup

    public var suppressed: Bool { group.suppressed }

    public init(route: Route, courses facts: some Collection<CourseBoosterFacts>, smallCells: SmallCells) {
        self.route = route
        courses = facts.count
        func median(_ values: [Double]) -> Double? { values.isEmpty ? nil : Descriptive.median(values) }
        medianInductionSessions = median(facts.map { Double($0.boosters.inductionSessions) })
        let boosted = facts.filter { !$0.boosters.boosterOffsets.isEmpty }
        withBooster = Rate(boosted.count, of: courses)
        medianDaysToFirstBooster = median(boosted.map { Double($0.boosters.boosterOffsets[0]) / 86_400 })
        medianDaysBetweenBoosters = median(facts.flatMap { $0.boosters.gaps.map { Double($0) / 86_400 } })
        group = FigureGroup([courses, boosted.count], smallCells: smallCells)
    }
}
