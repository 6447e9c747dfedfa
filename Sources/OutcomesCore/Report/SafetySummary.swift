/// One route of safety.csv (analysis.md §14): PHQ-9 item 9 at baseline, emergent during
/// follow-up, and resolved at the endpoint, over the route's courses of the period.
public struct SafetySummary: Equatable, Sendable {
    public var route: Route
    public var courses: Int
    /// Over the courses whose PHQ-9 baseline has item 9 known: item 9 ≥ 1.
    public var baselinePositive: Rate
    /// Over the courses with baseline item 9 = 0 and a follow-up with item 9 known: any ≥ 1.
    public var emergent: Rate
    /// Over the courses with baseline item 9 ≥ 1 whose endpoint has item 9 known: endpoint 0.
    public var resolved: Rate
    public var coursesGroup, baselineGroup, emergentGroup, resolvedGroup: FigureGroup

    public var suppressed: Bool { [coursesGroup, baselineGroup, emergentGroup, resolvedGroup].contains(where: \.suppressed) }

    /// `phq9` holds the route's PHQ-9 course facts: every course has one, with or without scores.
    public init(route: Route, phq9 facts: some Collection<CourseFacts>, smallCells: SmallCells) {
        self.init(phq9: RouteAggregate(instrument: .phq9, route: route, courses: facts), smallCells: smallCells)
    }

    /// The row from the route's PHQ-9 aggregate.
    public init(phq9 aggregate: RouteAggregate, smallCells: SmallCells) {
        route = aggregate.route
        courses = aggregate.courses
        let t = aggregate.tallies
        baselinePositive = Rate(t.item9Positive, of: t.item9Known)
        emergent = Rate(t.item9Emergent, of: t.item9AtRisk)
        resolved = Rate(t.item9Resolved, of: t.item9PositiveWithEndpoint)
        coursesGroup = FigureGroup([courses], smallCells: smallCells)
        baselineGroup = FigureGroup([baselinePositive.denominator, baselinePositive.numerator], smallCells: smallCells)
        emergentGroup = FigureGroup([emergent.denominator, emergent.numerator], smallCells: smallCells)
        resolvedGroup = FigureGroup([resolved.denominator, resolved.numerator], smallCells: smallCells)
    }
}
