/// What the report needs of one course × instrument (a row of `course_instrument`, which
/// repeats its course's route, index date and clinic). No patient id: a report cannot leak
/// one it never reads.
public struct CourseFacts: Equatable, Sendable {
    public var instrument: Instrument
    public var route: Route
    /// The index session's local date, days since 1970-01-01 (what periods select on).
    public var indexDay: Int64
    public var clinicID: String?
    public var mixedRoute: Bool
    public var baseline: Int?
    public var followUps: Int
    /// The course's time-to-relief observation; nil when it is not in the analysis.
    public var relief: SurvivalObservation?
    public var evaluable: Bool
    public var responder: Bool
    public var remitter: Bool
    /// §11: the course's observation on the session scale; nil when not in the analysis.
    public var sessionsToRelief: SurvivalObservation?
    /// §12.
    public var reliefDuration: ReliefDuration
    /// §13: the endpoint observation's total (analysis.md §7), when there is one.
    public var endpointTotal: Int?
    /// §13: the highest follow-up total, when there is a follow-up.
    public var worstFollowUp: Int?
    /// §14: PHQ-9 only.
    public var item9: Item9Facts?

    public init(instrument: Instrument, route: Route, indexDay: Int64, clinicID: String? = nil, mixedRoute: Bool = false,
                baseline: Int?, followUps: Int, relief: SurvivalObservation?, evaluable: Bool, responder: Bool, remitter: Bool,
                sessionsToRelief: SurvivalObservation? = nil, reliefDuration: ReliefDuration = .notRelieved, endpointTotal: Int? = nil,
                worstFollowUp: Int? = nil, item9: Item9Facts? = nil) {
        self.sessionsToRelief = sessionsToRelief
        self.reliefDuration = reliefDuration
        self.endpointTotal = endpointTotal
        self.worstFollowUp = worstFollowUp
        self.item9 = item9
        self.instrument = instrument
        self.route = route
        self.indexDay = indexDay
        self.clinicID = clinicID
        self.mixedRoute = mixedRoute
        self.baseline = baseline
        self.followUps = followUps
        self.relief = relief
        self.evaluable = evaluable
        self.responder = responder
        self.remitter = remitter
    }
}

/// What §15 needs of one course (a row of `course`): its route, index date and sessions.
public struct CourseBoosterFacts: Equatable, Sendable {
    public var route: Route
    public var indexDay: Int64
    public var boosters: CourseBoosters

    public init(route: Route, indexDay: Int64, boosters: CourseBoosters) {
        self.route = route
        self.indexDay = indexDay
        self.boosters = boosters
    }
}

/// Which response curve a point belongs to.
public enum CurveKind: String, Sendable {
    case time, session
}

/// A point of a response curve: instrument × route × bin (time) or session number.
public struct CurvePointKey: Equatable, Sendable {
    public var instrument: Instrument
    public var route: Route
    public var kind: CurveKind
    /// The bin's position (time) or the session number (session).
    public var point: Int
    /// The bin's edges (time curve only).
    public var binStartHours: Double?
    public var binEndHours: Double?

    public init(instrument: Instrument, route: Route, kind: CurveKind, point: Int, binStartHours: Double? = nil, binEndHours: Double? = nil) {
        self.instrument = instrument
        self.route = route
        self.kind = kind
        self.point = point
        self.binStartHours = binStartHours
        self.binEndHours = binEndHours
    }

    /// Instrument, route, kind, point: the order of the curve files.
    static func < (a: CurvePointKey, b: CurvePointKey) -> Bool {
        (a.instrument, a.route, a.kind.rawValue, a.point) < (b.instrument, b.route, b.kind.rawValue, b.point)
    }
}

/// One course's contribution to one point of a response curve (a row of `curve_point`).
public struct CurveValue: Equatable, Sendable {
    public var key: CurvePointKey
    public var pctReduction: Double
    public var responding: Bool

    public init(instrument: Instrument, route: Route, kind: CurveKind, point: Int, binStartHours: Double? = nil,
                binEndHours: Double? = nil, pctReduction: Double, responding: Bool) {
        key = CurvePointKey(instrument: instrument, route: route, kind: kind, point: point, binStartHours: binStartHours,
                            binEndHours: binEndHours)
        self.pctReduction = pctReduction
        self.responding = responding
    }
}
