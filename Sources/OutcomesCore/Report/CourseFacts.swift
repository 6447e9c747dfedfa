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
    /// The facts of §11–§14 packed into 16 bytes: a large clinic's report holds a million of
    /// these, and the unpacked optionals would double its memory. Read them through the
    /// properties below.
    private var packed: PackedAfterRelief

    /// §11: the course's observation on the session scale; nil when not in the analysis.
    public var sessionsToRelief: SurvivalObservation? { packed.sessionsToRelief }
    /// §12.
    public var reliefDuration: ReliefDuration { packed.reliefDuration }
    /// §13: the endpoint observation's total (analysis.md §7), when there is one.
    public var endpointTotal: Int? { packed.endpointTotal }
    /// §13: the highest follow-up total, when there is a follow-up.
    public var worstFollowUp: Int? { packed.worstFollowUp }
    /// §14: PHQ-9 only.
    public var item9: Item9Facts? { packed.item9 }

    public init(instrument: Instrument, route: Route, indexDay: Int64, clinicID: String? = nil, mixedRoute: Bool = false,
                baseline: Int?, followUps: Int, relief: SurvivalObservation?, evaluable: Bool, responder: Bool, remitter: Bool,
                sessionsToRelief: SurvivalObservation? = nil, reliefDuration: ReliefDuration = .notRelieved, endpointTotal: Int? = nil,
                worstFollowUp: Int? = nil, item9: Item9Facts? = nil) {
        packed = PackedAfterRelief(sessionsToRelief: sessionsToRelief, reliefDuration: reliefDuration, endpointTotal: endpointTotal,
                                   worstFollowUp: worstFollowUp, item9: item9)
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

/// §11–§14 of one course × instrument in small integers: session counts and durations of
/// relief in seconds fit 32 bits (durability_days is at most 3650), totals and item values 8.
struct PackedAfterRelief: Equatable, Sendable {
    /// The session count, negative when censored; 0 when not in the analysis.
    var sessions: Int32
    var durationSeconds: Int32
    /// 0 not relieved, 1 unobserved, 2 lost, 3 held.
    var durationKind: UInt8
    /// −1 for none.
    var endpointTotal8: Int8, worst8: Int8, item9Baseline8: Int8, item9Endpoint8: Int8
    /// Bit 0: item 9 facts present (PHQ-9); bit 1: a follow-up has item 9 known; bit 2: one has it ≥ 1.
    var item9Flags: UInt8

    init(sessionsToRelief: SurvivalObservation?, reliefDuration: ReliefDuration, endpointTotal: Int?, worstFollowUp: Int?,
         item9: Item9Facts?) {
        sessions = sessionsToRelief.map { Int32(clamping: $0.isEvent ? $0.time : -$0.time) } ?? 0
        switch reliefDuration {
        case .notRelieved: (durationKind, durationSeconds) = (0, 0)
        case .unobserved: (durationKind, durationSeconds) = (1, 0)
        case .lost(let seconds): (durationKind, durationSeconds) = (2, Int32(clamping: seconds))
        case .held(let seconds): (durationKind, durationSeconds) = (3, Int32(clamping: seconds))
        }
        func small(_ value: Int?) -> Int8 { value.map { Int8(clamping: $0) } ?? -1 }
        endpointTotal8 = small(endpointTotal)
        worst8 = small(worstFollowUp)
        item9Baseline8 = small(item9?.baseline)
        item9Endpoint8 = small(item9?.endpoint)
        item9Flags = item9.map { 1 | ($0.followUpKnown ? 2 : 0) | ($0.followUpPositive ? 4 : 0) } ?? 0
    }

    var sessionsToRelief: SurvivalObservation? {
        sessions == 0 ? nil : SurvivalObservation(time: Int64(abs(sessions)), isEvent: sessions > 0)
    }

    var reliefDuration: ReliefDuration {
        switch durationKind {
        case 1: .unobserved
        case 2: .lost(secondsAfterRelief: Int64(durationSeconds))
        case 3: .held(secondsAfterRelief: Int64(durationSeconds))
        default: .notRelieved
        }
    }

    static func value(_ small: Int8) -> Int? { small < 0 ? nil : Int(small) }

    var endpointTotal: Int? { Self.value(endpointTotal8) }
    var worstFollowUp: Int? { Self.value(worst8) }

    var item9: Item9Facts? {
        guard item9Flags & 1 != 0 else { return nil }
        return Item9Facts(baseline: Self.value(item9Baseline8), followUpKnown: item9Flags & 2 != 0, followUpPositive: item9Flags & 4 != 0,
                          endpoint: Self.value(item9Endpoint8))
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
