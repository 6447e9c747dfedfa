/// What route_summary.csv's and after_relief.csv's rows for one instrument × route are
/// computed from (analysis.md §6–7, §11–§12): counts, the sum of baselines, and the event
/// tables of time to relief, sessions to relief and relief duration. It names no course
/// and no date, and two samples' aggregates add up to the aggregate of both, which is how a
/// network pools its sites exactly (docs/network.md).
public struct RouteAggregate: Equatable, Sendable {
    public var instrument: Instrument
    public var route: Route
    public var courses = 0
    public var withBaseline = 0
    public var evaluable = 0
    public var responders = 0
    public var remitters = 0
    public var baselineSum = 0
    /// The courses in the time-to-relief analysis (`km_courses` of them; `relief_events` events).
    public var timeToRelief = EventTable([])
    /// §11: the same courses on the session scale.
    public var sessionsToRelief = EventTable([])
    /// §12: courses with relief and a later observation; time in seconds after relief.
    public var reliefDuration = EventTable([])
    /// §12: courses with relief and no later observation (left out of `reliefDuration`).
    public var reliefUnobserved = 0
    /// Courses with a session by another route than their first (report.md's data quality).
    public var mixedRouteCourses = 0
    /// The counts of reliable_change.csv, safety.csv and baseline_severity.csv.
    public var tallies: OutcomeTallies

    public init(instrument: Instrument, route: Route) {
        self.instrument = instrument
        self.route = route
        tallies = OutcomeTallies(instrument: instrument)
    }

    /// `parameters` gives §13's points for the reliable-change counts (nil: left at zero, for
    /// a caller that reads no §13 figure).
    public init(instrument: Instrument, route: Route, courses facts: some Collection<CourseFacts>, parameters: AnalysisParameters? = nil) {
        self.init(instrument: instrument, route: route)
        tallies = OutcomeTallies(instrument: instrument, courses: facts, parameters: parameters)
        courses = facts.count
        for fact in facts {
            if let baseline = fact.baseline {
                withBaseline += 1
                baselineSum += baseline
            }
            if fact.evaluable { evaluable += 1 }
            if fact.responder { responders += 1 }
            if fact.remitter { remitters += 1 }
            if fact.reliefDuration == .unobserved { reliefUnobserved += 1 }
            if fact.mixedRoute { mixedRouteCourses += 1 }
        }
        timeToRelief = EventTable(facts.lazy.compactMap(\.relief))
        sessionsToRelief = EventTable(facts.lazy.compactMap(\.sessionsToRelief))
        reliefDuration = EventTable(facts.lazy.compactMap(\.reliefDuration.observation))
    }

    /// The counts by the names they are published under (docs/network.md): one table that
    /// `counts`, `setCount` and `+` all read, so a count cannot be published but not pooled.
    public static let fields: [(name: String, value: WritableKeyPath<RouteAggregate, Int> & Sendable)] = [
        ("courses", \.courses), ("with_baseline", \.withBaseline), ("evaluable", \.evaluable), ("responders", \.responders),
        ("remitters", \.remitters), ("baseline_sum", \.baselineSum), ("relief_unobserved", \.reliefUnobserved),
        ("mixed_route_courses", \.mixedRouteCourses),
    ]

    public var counts: [(name: String, value: Int)] { Self.fields.map { ($0.name, self[keyPath: $0.value]) } + tallies.counts }

    /// Sets a count read back by its published name; false for a name this program does not know.
    public mutating func setCount(_ name: String, _ value: Int) -> Bool {
        guard let field = Self.fields.first(where: { $0.name == name }) else { return tallies.setCount(name, value) }
        self[keyPath: field.value] = value
        return true
    }

    /// The event tables by the measure names they are published under (docs/network.md).
    public static let measures: [(name: String, table: WritableKeyPath<RouteAggregate, EventTable> & Sendable)] = [
        ("time_to_relief", \.timeToRelief), ("sessions_to_relief", \.sessionsToRelief), ("relief_duration", \.reliefDuration),
    ]

    /// Both samples together (same instrument and route).
    public static func + (a: RouteAggregate, b: RouteAggregate) -> RouteAggregate {
        var sum = a
        for field in fields { sum[keyPath: field.value] += b[keyPath: field.value] }
        sum.tallies = a.tallies + b.tallies
        for measure in measures { sum[keyPath: measure.table] = a[keyPath: measure.table] + b[keyPath: measure.table] }
        return sum
    }
}
