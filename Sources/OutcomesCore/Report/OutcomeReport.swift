/// A source file as the report lists it (the `source_file_status` view).
public struct InputFileSummary: Equatable, Sendable {
    public var path: String
    public var kind: String
    public var form: String?
    public var records: Int
    public var stored: Int
    public var superseded: Int
    public var duplicates: Int
    public var skipped: Int
    public var rejected: Int
    public var sha256: String
    public var sizeBytes: Int

    public init(path: String, kind: String, form: String?, records: Int, stored: Int, superseded: Int, duplicates: Int,
                skipped: Int, rejected: Int, sha256: String = "", sizeBytes: Int = 0) {
        self.sha256 = sha256
        self.sizeBytes = sizeBytes
        self.path = path
        self.kind = kind
        self.form = form
        self.records = records
        self.stored = stored
        self.superseded = superseded
        self.duplicates = duplicates
        self.skipped = skipped
        self.rejected = rejected
    }
}

/// Everything the report stage reads, as values: the report is a pure function of it.
public struct ReportInputs: Sendable {
    public var pipelineName: String
    /// The run's time (seconds since 1970, UTC), passed in: it decides `last-quarter`, and
    /// it is the only thing that differs between two runs over the same data (it appears in
    /// report.md and manifest.json only).
    public var runTime: Int64
    public var timezone: String
    public var period: ResolvedPeriod
    public var parameters: AnalysisParameters
    public var smallCells: SmallCells
    /// Chart points on fewer courses are drawn hollow and not joined (`[report] chart_min_courses`):
    /// a display setting, it changes no number.
    public var chartMinCourses: Int
    /// Instruments with at least one accepted score, in any period.
    public var instrumentsWithScores: Set<Instrument>
    /// Every course × instrument, in every period (the trend table looks back).
    public var facts: [CourseFacts]
    /// Curve points of the courses in the period, grouped.
    public var curveGroups: [CurveGroup]
    public var dataQuality: DataQualitySummary
    public var files: [InputFileSummary]
    /// Every course's induction sessions and boosters (§15), in every period.
    public var boosterFacts: [CourseBoosterFacts]

    public init(pipelineName: String, runTime: Int64, timezone: String, period: ResolvedPeriod, parameters: AnalysisParameters,
                smallCells: SmallCells, instrumentsWithScores: Set<Instrument>, facts: [CourseFacts], curveGroups: [CurveGroup],
                dataQuality: DataQualitySummary, files: [InputFileSummary], boosterFacts: [CourseBoosterFacts] = [],
                chartMinCourses: Int = 5) {
        self.boosterFacts = boosterFacts
        self.chartMinCourses = chartMinCourses
        self.pipelineName = pipelineName
        self.runTime = runTime
        self.timezone = timezone
        self.period = period
        self.parameters = parameters
        self.smallCells = smallCells
        self.instrumentsWithScores = instrumentsWithScores
        self.facts = facts
        self.curveGroups = curveGroups
        self.dataQuality = dataQuality
        self.files = files
    }
}

/// The computed report: route summaries, curves, and the quarterly and clinic breakdowns.
public struct OutcomeReport: Sendable {
    public let inputs: ReportInputs
    /// Courses × instruments of the period, by `groupKey` (instrument × route).
    let periodGroups: [Int: [CourseFacts]]
    /// Courses × instruments of the period, group after group.
    public var periodFacts: [CourseFacts] { periodGroups.keys.sorted().flatMap { periodGroups[$0]! } }
    public let summaries: [RouteSummary]
    public let timeCurves: [CurveSummary]
    public let sessionCurves: [CurveSummary]
    /// For a quarterly period: the summaries of each earlier quarter with courses, then of the period's own.
    public let trend: [(quarter: Quarter, summaries: [RouteSummary])]
    /// Per clinic (when sessions carry clinic ids): its summaries.
    public let clinics: [(clinic: String, summaries: [RouteSummary])]
    /// §11–§12, §13: one per row of `summaries`, in its order.
    public let afterRelief: [AfterReliefSummary]
    public let reliableChange: [ReliableChangeSummary]
    /// §14 and §15: one per route with a course in the period, in route order.
    public let safety: [SafetySummary]
    public let boosters: [BoosterSummary]
    /// §1 bands of the baselines: one per row of `summaries`, in its order.
    public let baselineSeverity: [BaselineSeveritySummary]
    /// The period's courses by route (report.md's header).
    public let coursesByRoute: [Route: Int]
    /// The period's courses with a session by another route than their first.
    public let mixedRouteCourses: Int
    /// A network's report (pooled from sites' contributions): its sites, their data quality and
    /// comparison. Nil for a clinic's report.
    public let network: NetworkSection?

    public init(_ inputs: ReportInputs) {
        self.inputs = inputs
        // The period's facts in one pass, straight into their instrument × route groups: one
        // copy of a large clinic's facts, however many tables read them.
        let byGroup = Self.grouped(inputs.facts.lazy.filter { inputs.period.contains(day: $0.indexDay) })
        periodGroups = byGroup
        summaries = Self.summaries(byGroup, instruments: inputs.instrumentsWithScores, smallCells: inputs.smallCells)
        timeCurves = CurveSummary.summarise(inputs.curveGroups, kind: .time, smallCells: inputs.smallCells)
        sessionCurves = CurveSummary.summarise(inputs.curveGroups, kind: .session, smallCells: inputs.smallCells)
        if let current = inputs.period.quarter {
            let byQuarter = Dictionary(grouping: inputs.facts.filter { $0.indexDay < current.days.lowerBound }) { Quarter(containing: $0.indexDay) }
            trend = byQuarter.keys.sorted().map { ($0, Self.summaries(byQuarter[$0]!, instruments: inputs.instrumentsWithScores, smallCells: inputs.smallCells)) }
                + [(current, summaries)]
        } else {
            trend = []
        }
        let byClinic = Dictionary(grouping: byGroup.keys.sorted().lazy.flatMap { byGroup[$0]! }.filter { $0.clinicID != nil }) { $0.clinicID! }
        clinics = byClinic.keys.sorted().map { ($0, Self.summaries(byClinic[$0]!, instruments: inputs.instrumentsWithScores, smallCells: inputs.smallCells)) }
        afterRelief = summaries.map { row in
            AfterReliefSummary(instrument: row.instrument, route: row.route, courses: byGroup[Self.groupKey(row.instrument, row.route)] ?? [],
                               smallCells: inputs.smallCells)
        }
        reliableChange = summaries.map { row in
            ReliableChangeSummary(instrument: row.instrument, route: row.route,
                                  courses: byGroup[Self.groupKey(row.instrument, row.route)] ?? [], parameters: inputs.parameters,
                                  smallCells: inputs.smallCells)
        }
        baselineSeverity = summaries.map { row in
            BaselineSeveritySummary(instrument: row.instrument, route: row.route,
                                    courses: byGroup[Self.groupKey(row.instrument, row.route)] ?? [], smallCells: inputs.smallCells)
        }
        let routes = Route.allCases.sorted().filter { route in Instrument.allCases.contains { byGroup[Self.groupKey($0, route)] != nil } }
        safety = routes.map { route in
            SafetySummary(route: route, phq9: byGroup[Self.groupKey(.phq9, route)] ?? [], smallCells: inputs.smallCells)
        }
        let periodBoosters = inputs.boosterFacts.lazy.filter { inputs.period.contains(day: $0.indexDay) }
        boosters = routes.map { route in
            BoosterSummary(route: route, courses: Array(periodBoosters.filter { $0.route == route }), smallCells: inputs.smallCells)
        }
        let first = Instrument.allCases.sorted()[0]
        let courses = Route.allCases.sorted().flatMap { byGroup[Self.groupKey(first, $0)] ?? [] }
        coursesByRoute = Dictionary(grouping: courses, by: \.route).mapValues(\.count)
        mixedRouteCourses = courses.filter(\.mixedRoute).count
        network = nil
    }

    /// A report from figures computed elsewhere (a network's pooled aggregates, NetworkPool.report):
    /// the inputs carry no course, so nothing here recomputes from facts.
    init(inputs: ReportInputs, summaries: [RouteSummary], clinics: [(clinic: String, summaries: [RouteSummary])],
         afterRelief: [AfterReliefSummary], reliableChange: [ReliableChangeSummary], safety: [SafetySummary],
         boosters: [BoosterSummary], baselineSeverity: [BaselineSeveritySummary],
         trend: [(quarter: Quarter, summaries: [RouteSummary])], coursesByRoute: [Route: Int],
         mixedRouteCourses: Int, network: NetworkSection) {
        self.inputs = inputs
        periodGroups = [:]
        self.summaries = summaries
        timeCurves = CurveSummary.summarise(inputs.curveGroups, kind: .time, smallCells: inputs.smallCells)
        sessionCurves = CurveSummary.summarise(inputs.curveGroups, kind: .session, smallCells: inputs.smallCells)
        self.trend = trend
        self.clinics = clinics
        self.afterRelief = afterRelief
        self.reliableChange = reliableChange
        self.safety = safety
        self.boosters = boosters
        self.baselineSeverity = baselineSeverity
        self.coursesByRoute = coursesByRoute
        self.mixedRouteCourses = mixedRouteCourses
        self.network = network
    }

    /// Instrument × route as a small integer (position of the instrument, then of the route).
    public static func groupKey(_ instrument: Instrument, _ route: Route) -> Int {
        instrumentOrder[instrument]! * 8 + route.order
    }

    static let instrumentOrder = Dictionary(uniqueKeysWithValues: Instrument.allCases.enumerated().map { ($1, $0) })

    /// A row per instrument with scores × route with at least one course in `facts`, in the
    /// order GAD7, HAMA, PHQ9 × IV, IM, IN, SL, PO, SC.
    static func summaries(_ facts: [CourseFacts], instruments: Set<Instrument>, smallCells: SmallCells) -> [RouteSummary] {
        summaries(grouped(facts), instruments: instruments, smallCells: smallCells)
    }

    /// The same from facts grouped by `groupKey` (one pass over a large clinic's facts, not one per row).
    static func summaries(_ byGroup: [Int: [CourseFacts]], instruments: Set<Instrument>, smallCells: SmallCells) -> [RouteSummary] {
        // Every course has a fact for each instrument, so a route has courses when any group of it has facts.
        let routes = Set(Route.allCases.filter { route in Instrument.allCases.contains { byGroup[groupKey($0, route)] != nil } })
        var rows: [RouteSummary] = []
        for instrument in Instrument.allCases.sorted() where instruments.contains(instrument) {
            for route in Route.allCases.sorted() where routes.contains(route) {
                rows.append(RouteSummary(instrument: instrument, route: route, courses: byGroup[groupKey(instrument, route)] ?? [],
                                         smallCells: smallCells))
            }
        }
        return rows
    }

    /// Facts by `groupKey`, in one pass: a bucket per instrument × route, each in input order.
    static func grouped(_ facts: some Sequence<CourseFacts>) -> [Int: [CourseFacts]] {
        var buckets = [[CourseFacts]](repeating: [], count: Instrument.allCases.count * 8)
        for fact in facts { buckets[groupKey(fact.instrument, fact.route)].append(fact) }
        return Dictionary(uniqueKeysWithValues: buckets.indices.filter { !buckets[$0].isEmpty }.map { ($0, buckets[$0]) })
    }
    /// The period's courses (every course has a row for each instrument: the first instrument's rows).
    public var courseCount: Int { coursesByRoute.values.reduce(0, +) }
}
