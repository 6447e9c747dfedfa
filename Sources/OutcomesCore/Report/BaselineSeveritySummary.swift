/// The baseline severity mix of one instrument × route (analysis.md §1 bands): how many of
/// the courses with a baseline started in each band. It says whether two routes treated
/// comparable patients before anyone compares their response rates.
///
/// Small cells: the bands add up to `withBaseline`, so withholding only the small bands would
/// let a reader recover them by subtraction. When any band count (or `withBaseline`) is from 1
/// to `min_cell − 1`, every band count and share of the row is withheld; `withBaseline` stays
/// unless it is small itself.
public struct BaselineSeveritySummary: Equatable, Sendable {
    public var instrument: Instrument
    public var route: Route
    public var withBaseline: Int
    /// One count per band of `instrument.severityBands`, in its order.
    public var bandCourses: [Int]
    public var suppressed: Bool

    public init(instrument: Instrument, route: Route, courses facts: some Collection<CourseFacts>, smallCells: SmallCells) {
        self.init(RouteAggregate(instrument: instrument, route: route, courses: facts), smallCells: smallCells)
    }

    /// The row from its aggregate: the bands and the courses with a baseline.
    public init(_ aggregate: RouteAggregate, smallCells: SmallCells) {
        instrument = aggregate.instrument
        route = aggregate.route
        withBaseline = aggregate.withBaseline
        bandCourses = aggregate.tallies.bands
        suppressed = smallCells.suppresses([withBaseline] + bandCourses)
    }

    /// The share of the courses with a baseline in band `index`; nil with no baseline.
    public func share(_ index: Int) -> Double? {
        withBaseline > 0 ? Double(bandCourses[index]) / Double(withBaseline) : nil
    }
}
