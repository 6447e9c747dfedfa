/// A rate with its 95 % Wilson interval; nil parts when the denominator is 0.
public struct Rate: Equatable, Sendable {
    public var numerator: Int
    public var denominator: Int

    public init(_ numerator: Int, of denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    public var value: Double? { denominator > 0 ? Double(numerator) / Double(denominator) : nil }

    public var interval: (low: Double, high: Double)? { WilsonInterval.interval(successes: numerator, trials: denominator) }

    public static func == (a: Rate, b: Rate) -> Bool { a.numerator == b.numerator && a.denominator == b.denominator }
}

/// One instrument × route of route_summary.csv (analysis.md §6–7).
public struct RouteSummary: Equatable, Sendable {
    public var instrument: Instrument
    public var route: Route
    public var courses: Int
    public var withBaseline: Int
    /// Baseline above 0 and at least one follow-up (`km_courses`).
    public var kmCourses: Int
    public var evaluable: Int
    public var responders: Int
    public var remitters: Int
    public var reliefEvents: Int
    public var responderRate: Rate
    public var ittRate: Rate
    public var remissionRate: Rate
    public var survival: KaplanMeier
    /// Seconds; nil when not reached or when no course is in the analysis.
    public var median: Int64?
    public var medianInterval: (low: Int64?, high: Int64?)
    /// 1 − S at 24 h, 7 d and 28 d; nil when no course is in the analysis.
    public var relievedBy: [Double]?
    public var meanBaseline: Double?
    public var suppressed: Bool

    /// The times of `relievedBy`, in seconds.
    public static let relievedByTimes: [Int64] = [24 * 3600, 7 * 86_400, 28 * 86_400]

    /// Every count of the row, the ones small-cell suppression looks at.
    public var counts: [Int] { [courses, withBaseline, kmCourses, evaluable, responders, remitters, reliefEvents] }

    public static func == (a: RouteSummary, b: RouteSummary) -> Bool {
        a.instrument == b.instrument && a.route == b.route && a.counts == b.counts && a.survival == b.survival
            && a.median == b.median && a.medianInterval.low == b.medianInterval.low && a.medianInterval.high == b.medianInterval.high
            && a.relievedBy == b.relievedBy && a.meanBaseline == b.meanBaseline && a.suppressed == b.suppressed
    }

    /// Summarises the courses of one instrument and route (every course of the route in the
    /// period, with or without that instrument's scores).
    public init(instrument: Instrument, route: Route, courses facts: some Collection<CourseFacts>, smallCells: SmallCells) {
        self.init(RouteAggregate(instrument: instrument, route: route, courses: facts), smallCells: smallCells)
    }

    /// The row from its aggregate: every figure is a function of it, so pooled aggregates give
    /// the row of the pooled courses.
    public init(_ aggregate: RouteAggregate, smallCells: SmallCells) {
        instrument = aggregate.instrument
        route = aggregate.route
        courses = aggregate.courses
        withBaseline = aggregate.withBaseline
        kmCourses = aggregate.timeToRelief.observations
        evaluable = aggregate.evaluable
        responders = aggregate.responders
        remitters = aggregate.remitters
        reliefEvents = aggregate.timeToRelief.events
        responderRate = Rate(responders, of: evaluable)
        ittRate = Rate(responders, of: withBaseline)
        remissionRate = Rate(remitters, of: evaluable)
        let survival = KaplanMeier(aggregate.timeToRelief)
        self.survival = survival
        if kmCourses == 0 {
            median = nil
            medianInterval = (nil, nil)
            relievedBy = nil
        } else {
            median = survival.median
            medianInterval = survival.medianInterval
            relievedBy = Self.relievedByTimes.map { survival.relieved(by: $0) }
        }
        meanBaseline = withBaseline == 0 ? nil : Double(aggregate.baselineSum) / Double(withBaseline)
        suppressed = smallCells.suppresses([courses, withBaseline, kmCourses, evaluable, responders, remitters, reliefEvents])
    }
}
