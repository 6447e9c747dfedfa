import OutcomesCore

/// What the last completed transform left beside its tables (table `transform_state`).
public struct TransformState: Equatable, Sendable {
    /// `TransformSettings.canonicalText` of the parameters that produced the tables.
    public var settings: String
    public var runID: Int64?
    public var completedAt: Int64
    public var mode: String
    public var reason: String
    public var patientsRecomputed: Int

    public init(settings: String, runID: Int64?, completedAt: Int64, mode: String, reason: String, patientsRecomputed: Int) {
        self.settings = settings
        self.runID = runID
        self.completedAt = completedAt
        self.mode = mode
        self.reason = reason
        self.patientsRecomputed = patientsRecomputed
    }
}

/// The analysis tables inside one transform transaction: reads a patient's timeline and
/// replaces the patient's rows. Statements are prepared once per transform.
public final class AnalysisTables {
    let database: SQLiteDatabase
    private let sessions, scores: SQLiteStatement
    private let deletions: [SQLiteStatement]
    private let insertCourse, insertCourseSession, insertCourseInstrument: SQLiteStatement
    /// Reused buffers for the packed follow-ups and curve points of one course × instrument.
    private var followUpJSON = PackedJSON(), curvePointJSON = PackedJSON()

    /// Tables holding one patient's derived rows, cleared before the patient is written again.
    /// (`follow_up` and `curve_point` are views of `course_instrument` since migration 12.)
    static let patientTables = ["course", "course_session", "course_instrument"]

    init(_ database: SQLiteDatabase) throws {
        self.database = database
        sessions = try database.prepare("SELECT id, session_start, route, session_id, clinic_id FROM session WHERE patient_id = ?")
        // Items only for PHQ-9, whose item 9 §14 counts.
        scores = try database.prepare("""
            SELECT instrument, administered_at, total, CASE WHEN instrument = 'PHQ9' THEN items END
            FROM score WHERE patient_id = ? ORDER BY instrument, administered_at
            """)
        deletions = try Self.patientTables.map { try database.prepare("DELETE FROM \($0) WHERE patient_id = ?") }
        insertCourse = try database.prepare("""
            INSERT INTO course(patient_id, course_number, index_session_row, index_start, index_local_date, route, mixed_route,
                               clinic_id, sessions, last_session_start, next_course_start, induction_sessions, booster_sessions,
                               first_booster_seconds, booster_offsets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertCourseSession = try database.prepare("""
            INSERT INTO course_session(patient_id, course_number, session_number, session_row, session_start, route) VALUES (?, ?, ?, ?, ?, ?)
            """)
        insertCourseInstrument = try database.prepare("""
            INSERT INTO course_instrument(patient_id, course_number, instrument, baseline_total, baseline_at, follow_ups, relief_status,
                relief_event, relief_seconds, relief_hours, endpoint_at, endpoint_total, endpoint_hours, endpoint_pct_reduction,
                evaluable, responder, remitter, route, index_local_date, clinic_id, mixed_route, sessions_to_relief,
                relief_duration_status, relief_duration_seconds, worst_follow_up_total, item9_baseline, item9_follow_up_known,
                item9_follow_up_positive, item9_endpoint, follow_up_json, curve_point_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    // MARK: which patients

    /// Every patient with a session, in byte order of the id (patients without sessions have no course).
    public func patientsWithSessions() throws -> [String] {
        try database.prepare("SELECT DISTINCT patient_id FROM session ORDER BY patient_id").rows { $0.text(0) ?? "" }
    }

    /// Patients whose scores or sessions changed since the last transform.
    public func changedPatients() throws -> [String] {
        try database.prepare("SELECT patient_id FROM patient_change ORDER BY patient_id").rows { $0.text(0) ?? "" }
    }

    /// Empties the analysis tables: a DELETE without WHERE, which SQLite does by dropping the
    /// tables' pages (its truncate optimisation), not row by row.
    public func clearAll() throws {
        for table in Self.patientTables { try database.execute("DELETE FROM \(table)") }
    }

    /// Forgets which patients changed: called once they have all been recomputed.
    public func clearChanges() throws { try database.execute("DELETE FROM patient_change") }

    public func courseCount() throws -> Int { Int(try database.scalar("SELECT count(*) FROM course") ?? 0) }

    public func clear(patientID: String) throws {
        for statement in deletions { try statement.run([.text(patientID)]) }
    }

    // MARK: read

    public func timeline(patientID: String) throws -> PatientTimeline {
        let key: [SQLiteValue] = [.text(patientID)]
        let sessionRows = try sessions.rows(key) { row in
            TimelineSession(start: row.int64(1), route: Route(rawValue: row.text(2) ?? "") ?? .iv,
                            sessionID: row.text(3), clinicID: row.text(4), rowID: row.int64(0))
        }
        var byInstrument: [Instrument: [TimelineScore]] = [:]
        let scoreRows = try scores.rows(key) { row in
            (instrument: Instrument(rawValue: row.text(0) ?? ""),
             score: TimelineScore(at: row.int64(1), total: row.int(2), item9: row.isNull(3) ? nil : row.withBytes(3, Item9Facts.item9(ofItems:))))
        }
        for row in scoreRows {
            guard let instrument = row.instrument else { continue }   // the schema's CHECK allows only the three
            byInstrument[instrument, default: []].append(row.score)
        }
        return PatientTimeline(patientID: patientID, sessions: sessionRows, scores: byInstrument)
    }

    // MARK: write

    /// Writes one patient's courses; the patient's earlier rows must have been cleared.
    public func write(patientID: String, courses: [CourseAnalysis], parameters: AnalysisParameters) throws {
        let patient = SQLiteValue.text(patientID)
        for analysis in courses {
            let course = analysis.course
            let number = SQLiteValue.integer(Int64(course.number))
            let index = course.sessions[0]
            let keys = CourseKeys(patientID: patientID, courseNumber: Int64(course.number), route: course.route.rawValue,
                                  date: CivilTime.isoDate(days: analysis.indexLocalDay), clinic: index.clinicID,
                                  mixed: course.isMixedRoute)
            try insertCourse.run([
                patient, number, .integer(index.rowID), .integer(course.indexStart), .text(keys.date),
                .text(keys.route), .integer(keys.mixed ? 1 : 0), SQLiteValue(keys.clinic),
                .integer(Int64(course.sessions.count)), .integer(course.sessions[course.sessions.count - 1].start),
                SQLiteValue(course.nextCourseStart), .integer(Int64(analysis.boosters.inductionSessions)),
                .integer(Int64(analysis.boosters.boosterOffsets.count)), SQLiteValue(analysis.boosters.boosterOffsets.first),
                .text(analysis.boosters.boosterOffsets.map(String.init).joined(separator: ",")),
            ])
            for (offset, session) in course.sessions.enumerated() {
                try insertCourseSession.run([patient, number, .integer(Int64(offset + 1)), .integer(session.rowID),
                                             .integer(session.start), .text(session.route.rawValue)])
            }
            for item in analysis.instruments {
                try write(item, keys: keys, parameters: parameters)
            }
        }
    }

    private func write(_ item: CourseInstrumentAnalysis, keys: CourseKeys, parameters: AnalysisParameters) throws {
        let baseline = item.aligned.baseline
        let relief: (status: String, event: Int64?, seconds: Int64?) = switch item.relief {
        case .relief(let seconds): ("relief", 1, seconds)
        case .censored(let seconds): ("censored", 0, seconds)
        case .noFollowUp: ("no_follow_up", nil, nil)
        case .notEvaluable: (baseline == nil ? "no_baseline" : "baseline_zero", nil, nil)
        }
        let endpoint = item.endpoint.observation
        let duration: (status: String?, seconds: Int64?) = switch item.reliefDuration {
        case .notRelieved: (nil, nil)
        case .unobserved: ("unobserved", nil)
        case .lost(let seconds): ("lost", seconds)
        case .held(let seconds): ("held", seconds)
        }
        let item9 = item.item9
        try insertCourseInstrument.bind([
            .text(keys.patientID), .integer(keys.courseNumber), .text(item.instrument.rawValue), SQLiteValue(baseline.map { $0.total }),
            SQLiteValue(baseline?.at), .integer(Int64(item.aligned.followUps.count)), .text(relief.status), SQLiteValue(relief.event),
            SQLiteValue(relief.seconds), SQLiteValue(relief.seconds.map(Self.hours)),
            SQLiteValue(endpoint?.at), SQLiteValue(endpoint.map { $0.total }), SQLiteValue(endpoint?.hoursSinceIndex),
            SQLiteValue(endpoint?.pctReduction), .integer(item.endpoint.evaluable ? 1 : 0),
            .integer(item.endpoint.responder ? 1 : 0), .integer(item.endpoint.remitter ? 1 : 0),
            .text(keys.route), .text(keys.date), SQLiteValue(keys.clinic), .integer(keys.mixed ? 1 : 0),
            SQLiteValue(item.sessionsToRelief?.time), SQLiteValue(duration.status), SQLiteValue(duration.seconds),
            SQLiteValue(item.worstFollowUp.map(Int64.init)), SQLiteValue(item9?.baseline.map(Int64.init)),
            SQLiteValue(item9.map { Int64($0.followUpKnown ? 1 : 0) }), SQLiteValue(item9.map { Int64($0.followUpPositive ? 1 : 0) }),
            SQLiteValue(item9?.endpoint.map(Int64.init)),
        ])
        // Follow-ups and curve points, once one row each (most of the rows written), are packed
        // into two texts of this row: bound after the array above, then the row is run.
        PackedFollowUps.encode(item.aligned.followUps, into: &followUpJSON)
        PackedCurvePoints.encode(item, parameters: parameters, into: &curvePointJSON)
        insertCourseInstrument.bindText(30, bytes: followUpJSON.bytes)
        insertCourseInstrument.bindText(31, bytes: curvePointJSON.bytes)
        try insertCourseInstrument.execute()
    }

    static func hours(_ seconds: Int64) -> Double { Double(seconds) / 3600 }


    /// A course as its rows repeat it: the key, and what the report reads without a join.
    struct CourseKeys {
        var patientID: String
        var courseNumber: Int64
        var route: String
        var date: String
        var clinic: String?
        var mixed: Bool
    }

    // MARK: state

    public func record(_ state: TransformState) throws {
        try database.prepare("""
            INSERT OR REPLACE INTO transform_state(id, settings, run_id, completed_at, mode, reason, patients_recomputed)
            VALUES (1, ?, ?, ?, ?, ?, ?)
            """).run([.text(state.settings), SQLiteValue(state.runID), .integer(state.completedAt), .text(state.mode),
                      .text(state.reason), .integer(Int64(state.patientsRecomputed))])
    }
}

extension OutcomesStore {
    /// The state the last completed transform left, or nil when none has completed.
    public func transformState() throws -> TransformState? {
        try database.prepare("SELECT settings, run_id, completed_at, mode, reason, patients_recomputed FROM transform_state WHERE id = 1")
            .rows { row in
                TransformState(settings: row.text(0) ?? "", runID: row.isNull(1) ? nil : row.int64(1), completedAt: row.int64(2),
                               mode: row.text(3) ?? "", reason: row.text(4) ?? "", patientsRecomputed: row.int(5))
            }.first
    }

    /// Patients whose data changed since the last transform.
    public func changedPatientCount() throws -> Int { Int(try database.scalar("SELECT count(*) FROM patient_change") ?? 0) }

    /// Runs a transform in one transaction: when `body` throws, the previous tables stay as they were.
    public func transform<T>(_ body: (AnalysisTables) throws -> T) throws -> T {
        try database.transaction { try body(try AnalysisTables(database)) }
    }
}
