/// One instrument × route of reliable_change.csv (analysis.md §13): reliable improvement and
/// deterioration, recovery and reliable recovery at the endpoint, and deterioration at any time.
public struct ReliableChangeSummary: Equatable, Sendable {
    public var instrument: Instrument
    public var route: Route
    public var evaluable: Int
    public var improvement: Rate
    public var deterioration: Rate
    /// Of the evaluable courses, those with baseline ≥ caseness.
    public var atCaseness: Int
    public var recovery: Rate
    public var reliableRecovery: Rate
    /// Courses with a baseline (0 included) and at least one follow-up observation.
    public var followedUp: Int
    public var deterioratedAny: Rate
    public var improvementGroup, deteriorationGroup, recoveryGroup, reliableRecoveryGroup, anyDeteriorationGroup: FigureGroup

    public var suppressed: Bool {
        [improvementGroup, deteriorationGroup, recoveryGroup, reliableRecoveryGroup, anyDeteriorationGroup].contains(where: \.suppressed)
    }

    public init(instrument: Instrument, route: Route, courses facts: some Collection<CourseFacts>, parameters: AnalysisParameters,
                smallCells: SmallCells) {
        self.init(RouteAggregate(instrument: instrument, route: route, courses: facts, parameters: parameters), smallCells: smallCells)
    }

    /// The row from its aggregate's counts (made with the pipeline's parameters).
    public init(_ aggregate: RouteAggregate, smallCells: SmallCells) {
        instrument = aggregate.instrument
        route = aggregate.route
        let t = aggregate.tallies
        evaluable = t.rcEvaluable
        improvement = Rate(t.rcImproved, of: evaluable)
        deterioration = Rate(t.rcDeteriorated, of: evaluable)
        atCaseness = t.rcAtCaseness
        recovery = Rate(t.rcRecovered, of: atCaseness)
        reliableRecovery = Rate(t.rcReliablyRecovered, of: atCaseness)
        followedUp = t.rcFollowedUp
        deterioratedAny = Rate(t.rcDeterioratedAny, of: followedUp)
        improvementGroup = FigureGroup([evaluable, improvement.numerator], smallCells: smallCells)
        deteriorationGroup = FigureGroup([evaluable, deterioration.numerator], smallCells: smallCells)
        recoveryGroup = FigureGroup([atCaseness, recovery.numerator], smallCells: smallCells)
        reliableRecoveryGroup = FigureGroup([atCaseness, reliableRecovery.numerator], smallCells: smallCells)
        anyDeteriorationGroup = FigureGroup([followedUp, deterioratedAny.numerator], smallCells: smallCells)
    }
}
