/// One instrument × route of after_relief.csv: sessions to relief (analysis.md §11) and how
/// long relief lasts (§12).
public struct AfterReliefSummary: Equatable, Sendable {
    public var instrument: Instrument
    public var route: Route
    /// The time-to-relief analysis of §6, on the session scale.
    public var kmCourses: Int
    /// Courses with relief (§6 event = 1): the events of `sessions`.
    public var reliefCourses: Int
    /// Of those, without any later observation: left out of §12.
    public var reliefUnobserved: Int
    /// The §12 analysis: courses with relief and a later observation.
    public var durationCourses: Int
    public var losses: Int
    public var sessions: KaplanMeier
    public var duration: KaplanMeier
    /// `km_courses, relief_courses` and the session medians.
    public var sessionsGroup: FigureGroup
    /// `relief_courses, duration_courses, losses` and the duration figures.
    public var durationGroup: FigureGroup

    /// 4 and 12 weeks, in seconds: where `held_at_4w` and `held_at_12w` read S.
    public static let heldAtTimes: [Int64] = [672 * 3600, 2016 * 3600]

    public var suppressed: Bool { sessionsGroup.suppressed || durationGroup.suppressed }

    /// Median sessions and its 95 % interval (nil: not reached, or no course in the analysis).
    public var medianSessions: Int64? { sessions.median }
    public var medianSessionsInterval: (low: Int64?, high: Int64?) { sessions.medianInterval }
    /// Median seconds relief held, and its interval.
    public var medianHeld: Int64? { duration.median }
    public var medianHeldInterval: (low: Int64?, high: Int64?) { duration.medianInterval }
    /// S at 4 and 12 weeks; nil when no course is in the §12 analysis.
    public var heldAt: [Double]? { durationCourses == 0 ? nil : Self.heldAtTimes.map { duration.survival(at: $0) } }

    public static func == (a: AfterReliefSummary, b: AfterReliefSummary) -> Bool {
        a.instrument == b.instrument && a.route == b.route && a.sessions == b.sessions && a.duration == b.duration
            && a.reliefUnobserved == b.reliefUnobserved && a.sessionsGroup == b.sessionsGroup && a.durationGroup == b.durationGroup
    }

    public init(instrument: Instrument, route: Route, courses facts: some Collection<CourseFacts>, smallCells: SmallCells) {
        self.init(RouteAggregate(instrument: instrument, route: route, courses: facts), smallCells: smallCells)
    }

    /// The row from its aggregate (pooled aggregates give the row of the pooled courses).
    public init(_ aggregate: RouteAggregate, smallCells: SmallCells) {
        instrument = aggregate.instrument
        route = aggregate.route
        kmCourses = aggregate.sessionsToRelief.observations
        reliefCourses = aggregate.sessionsToRelief.events
        reliefUnobserved = aggregate.reliefUnobserved
        durationCourses = aggregate.reliefDuration.observations
        losses = aggregate.reliefDuration.events
        sessions = KaplanMeier(aggregate.sessionsToRelief)
        duration = KaplanMeier(aggregate.reliefDuration)
        sessionsGroup = FigureGroup([kmCourses, reliefCourses], smallCells: smallCells)
        durationGroup = FigureGroup([reliefCourses, durationCourses, losses], smallCells: smallCells)
    }
}
