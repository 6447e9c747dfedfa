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
        self.init(BoosterAggregate(route: route, courses: facts), smallCells: smallCells)
    }

    /// From the multisets: a clinic's courses, or a network's sites pooled.
    public init(_ aggregate: BoosterAggregate, smallCells: SmallCells) {
        route = aggregate.route
        courses = aggregate.courses
        medianInductionSessions = BoosterAggregate.median(aggregate.inductionSessions)
        withBooster = Rate(aggregate.withBooster, of: courses)
        medianDaysToFirstBooster = BoosterAggregate.median(aggregate.firstBoosterSeconds, scale: 86_400)
        medianDaysBetweenBoosters = BoosterAggregate.median(aggregate.boosterGapSeconds, scale: 86_400)
        group = FigureGroup([courses, aggregate.withBooster], smallCells: smallCells)
    }
}
