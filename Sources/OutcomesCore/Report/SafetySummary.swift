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
        self.route = route
        courses = facts.count
        let items = facts.compactMap(\.item9)
        let known = items.filter { $0.baseline != nil }
        baselinePositive = Rate(known.filter { $0.baseline! >= 1 }.count, of: known.count)
        let atRisk = known.filter { $0.baseline == 0 && $0.followUpKnown }
        emergent = Rate(atRisk.filter(\.followUpPositive).count, of: atRisk.count)
        let positive = known.filter { $0.baseline! >= 1 && $0.endpoint != nil }
        resolved = Rate(positive.filter { $0.endpoint == 0 }.count, of: positive.count)
        coursesGroup = FigureGroup([courses], smallCells: smallCells)
        baselineGroup = FigureGroup([baselinePositive.denominator, baselinePositive.numerator], smallCells: smallCells)
        emergentGroup = FigureGroup([emergent.denominator, emergent.numerator], smallCells: smallCells)
        resolvedGroup = FigureGroup([resolved.denominator, resolved.numerator], smallCells: smallCells)
    }
}
