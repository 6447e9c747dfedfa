/// One treatment session, validated.
public struct SessionRecord: Equatable, Sendable {
    public var patientID: String
    /// Seconds since the epoch (UTC).
    public var start: Int64
    public var route: Route
    public var doseMg: Double?
    public var weightKg: Double?
    public var durationMin: Double?
    public var clinicID: String?
    public var sessionID: String?

    public init(patientID: String, start: Int64, route: Route, doseMg: Double? = nil, weightKg: Double? = nil,
                durationMin: Double? = nil, clinicID: String? = nil, sessionID: String? = nil) {
        self.patientID = patientID
        self.start = start
        self.route = route
        self.doseMg = doseMg
        self.weightKg = weightKg
        self.durationMin = durationMin
        self.clinicID = clinicID
        self.sessionID = sessionID
    }

    /// The identity of interface.md: the export's `session_id` when it gives one, else
    /// (patient, session start).
    public var identity: String {
        if let sessionID { return "id\u{1F}\(sessionID)" }
        return "ps\u{1F}\(patientID)\u{1F}\(start)"
    }
}
