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
        self.instrument = instrument
        self.route = route
        let change = parameters.reliableChange(instrument), caseness = parameters.caseness(instrument)
        // Evaluable: baseline > 0 and an endpoint observation (§7), so both totals are there.
        let pairs = facts.filter(\.evaluable).compactMap { fact -> (b: Int, e: Int)? in
            guard let b = fact.baseline, let e = fact.endpointTotal else { return nil }
            return (b, e)
        }
        evaluable = pairs.count
        improvement = Rate(pairs.filter { $0.b - $0.e >= change }.count, of: evaluable)
        deterioration = Rate(pairs.filter { $0.e - $0.b >= change }.count, of: evaluable)
        let cases = pairs.filter { $0.b >= caseness }
        atCaseness = cases.count
        let recovered = cases.filter { $0.e < caseness }
        recovery = Rate(recovered.count, of: atCaseness)
        reliableRecovery = Rate(recovered.filter { $0.b - $0.e >= change }.count, of: atCaseness)
        let followed = facts.filter { $0.baseline != nil && $0.followUps > 0 }
        followedUp = followed.count
        deterioratedAny = Rate(followed.filter { fact in fact.worstFollowUp.map { $0 - fact.baseline! >= change } ?? false }.count,
                               of: followedUp)
        improvementGroup = FigureGroup([evaluable, improvement.numerator], smallCells: smallCells)
        deteriorationGroup = FigureGroup([evaluable, deterioration.numerator], smallCells: smallCells)
        recoveryGroup = FigureGroup([atCaseness, recovery.numerator], smallCells: smallCells)
        reliableRecoveryGroup = FigureGroup([atCaseness, reliableRecovery.numerator], smallCells: smallCells)
        anyDeteriorationGroup = FigureGroup([followedUp, deterioratedAny.numerator], smallCells: smallCells)
    }
}
