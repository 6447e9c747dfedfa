import OutcomesCore

/// Reads what the report stage needs from the analysis tables, as values without patient ids.
public struct ReportReader {
    let database: SQLiteDatabase

    public init(_ store: OutcomesStore) {
        database = store.database
    }

    /// Every course × instrument, in every period, in key order (the order a WITHOUT ROWID
    /// table gave before migration 12; rowids follow the order of writing, which an incremental
    /// transform changes).
    public func courseFacts() throws -> [CourseFacts] {
        try database.prepare("""
            SELECT instrument, route, index_local_date, clinic_id, mixed_route, baseline_total, follow_ups,
                   relief_event, relief_seconds, evaluable, responder, remitter, sessions_to_relief,
                   relief_duration_status, relief_duration_seconds, endpoint_total, worst_follow_up_total,
                   item9_baseline, item9_follow_up_known, item9_follow_up_positive, item9_endpoint
            FROM course_instrument ORDER BY patient_id, course_number, instrument
            """).rows { row in
            CourseFacts(
                instrument: row.withBytes(0, Self.instrument) ?? .gad7, route: row.withBytes(1, Self.route) ?? .iv,
                indexDay: row.withBytes(2, Self.day), clinicID: row.text(3), mixedRoute: row.int(4) != 0,
                baseline: row.isNull(5) ? nil : row.int(5), followUps: row.int(6),
                relief: row.isNull(7) ? nil : SurvivalObservation(time: row.int64(8), isEvent: row.int(7) == 1),
                evaluable: row.int(9) != 0, responder: row.int(10) != 0, remitter: row.int(11) != 0,
                sessionsToRelief: row.isNull(12) ? nil : SurvivalObservation(time: row.int64(12), isEvent: row.int(7) == 1),
                reliefDuration: Self.duration(status: row.withBytes(13) { $0.first }, seconds: row.int64(14)),
                endpointTotal: row.isNull(15) ? nil : row.int(15), worstFollowUp: row.isNull(16) ? nil : row.int(16),
                item9: row.isNull(18) ? nil : Item9Facts(baseline: row.isNull(17) ? nil : row.int(17), followUpKnown: row.int(18) != 0,
                                                         followUpPositive: row.int(19) != 0, endpoint: row.isNull(20) ? nil : row.int(20)))
        }
    }

    /// Every course × instrument with a patient id, for exclusions.csv (reports inside the
    /// clinic only), in that file's order: instrument, route in report order, patient id, index
    /// date. Read one at a time; `day` is the index date's day number, for the period.
    public func forEachExclusionCandidate(_ body: (ExclusionsCSV.Course, _ day: Int64) throws -> Void) throws {
        let routeOrder = "CASE route " + Route.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
        let statement = try database.prepare("""
            SELECT patient_id, index_local_date, route, instrument, relief_status, evaluable FROM course_instrument
            WHERE relief_status NOT IN ('relief', 'censored') OR evaluable = 0
            ORDER BY instrument, \(routeOrder), patient_id, index_local_date
            """)
        try statement.bind([])
        while try statement.step() {
            guard let route = statement.withBytes(2, Self.route), let instrument = statement.withBytes(3, Self.instrument) else { continue }
            let course = ExclusionsCSV.Course(patientID: statement.text(0) ?? "", indexDate: statement.text(1) ?? "", route: route,
                                              instrument: instrument, reliefStatus: statement.text(4) ?? "", evaluable: statement.int(5) != 0)
            try body(course, statement.withBytes(1, Self.day))
        }
    }

    /// `relief_duration_status` by its first letter: lost, held, unobserved, or NULL (not relieved).
    static func duration(status: UInt8?, seconds: Int64) -> ReliefDuration {
        switch status {
        case UInt8(ascii: "l"): .lost(secondsAfterRelief: seconds)
        case UInt8(ascii: "h"): .held(secondsAfterRelief: seconds)
        case UInt8(ascii: "u"): .unobserved
        default: .notRelieved
        }
    }

    /// Every course's induction sessions and boosters (§15), in every period.
    public func courseBoosters() throws -> [CourseBoosterFacts] {
        try database.prepare("SELECT route, index_local_date, induction_sessions, booster_offsets FROM course").rows { row in
            let offsets = row.withBytes(3, Self.integers)
            return CourseBoosterFacts(route: row.withBytes(0, Self.route) ?? .iv, indexDay: row.withBytes(1, Self.day),
                                      boosters: CourseBoosters(inductionSessions: row.int(2), boosterOffsets: offsets))
        }
    }

    /// The curve points of the courses whose index date is in `days` (nil: all), grouped as they
    /// are read: one pass over `course_instrument`, whose `curve_point_json` packs a course ×
    /// instrument's points (migration 12), reading codes and numbers as bytes (millions of points:
    /// no String per value). Rows in key order, as the `curve_point` table was scanned, so each
    /// group's values come in the same order as before and its sums are the same to the last bit.
    public func curveGroups(days: ClosedRange<Int64>?) throws -> [CurveGroup] {
        let from = days.map { CivilTime.isoDate(days: $0.lowerBound) } ?? "0000-01-01"
        let to = days.map { CivilTime.isoDate(days: $0.upperBound) } ?? "9999-12-31"
        let statement = try database.prepare("""
            SELECT instrument, route, curve_point_json FROM course_instrument
            WHERE index_local_date BETWEEN ? AND ? AND curve_point_json != '{"time":[],"session":[]}'
            ORDER BY patient_id, course_number, instrument
            """)
        var collector = CurveGroupCollector()
        try statement.bind([.text(from), .text(to)])
        while try statement.step() {
            guard let instrument = statement.withBytes(0, Self.instrument), let route = statement.withBytes(1, Self.route) else { continue }
            statement.withBytes(2) { bytes in
                PackedCurvePoints.forEach(bytes) { point in
                    collector.add(instrument: instrument, route: route, kind: point.kind, point: point.point,
                                  bins: { (point.binStartHours, point.binEndHours) },
                                  pctReduction: point.pctReduction, responding: point.responding)
                }
            }
        }
        return collector.result
    }

    static func instrument(_ bytes: UnsafeBufferPointer<UInt8>) -> Instrument? {
        switch bytes.first {
        case UInt8(ascii: "G"): .gad7
        case UInt8(ascii: "H"): .hama
        case UInt8(ascii: "P"): .phq9
        default: nil
        }
    }

    static func route(_ bytes: UnsafeBufferPointer<UInt8>) -> Route? {
        guard bytes.count == 2 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (UInt8(ascii: "I"), UInt8(ascii: "V")): return .iv
        case (UInt8(ascii: "I"), UInt8(ascii: "M")): return .im
        case (UInt8(ascii: "I"), UInt8(ascii: "N")): return .intranasal
        case (UInt8(ascii: "S"), UInt8(ascii: "L")): return .sublingual
        case (UInt8(ascii: "P"), UInt8(ascii: "O")): return .oral
        case (UInt8(ascii: "S"), UInt8(ascii: "C")): return .subcutaneous
        default: return nil
        }
    }

    /// Instruments with at least one accepted score.
    public func instrumentsWithScores() throws -> Set<Instrument> {
        // One look each, stopping at the first score (DISTINCT would read the whole score index).
        let exists = try database.prepare("SELECT 1 FROM score WHERE instrument = ? LIMIT 1")
        return Set(try Instrument.allCases.filter { !(try exists.rows([.text($0.rawValue)]) { _ in true }).isEmpty })
    }

    /// Every rejected or flagged input row, in file, line, kind and reason order (byte order,
    /// as SQLite sorts): the ingest's notes, the export files that could not be read (line 0,
    /// while they stay unreadable), and the sessions that make a course mixed-route
    /// (each session whose route is not the course's index route). Read one at a time.
    public func forEachDataQualityRow(_ body: (DataQualityRow) throws -> Void) throws {
        let statement = try database.prepare("""
            SELECT f.path, i.line, i.kind, i.reason FROM row_issue i JOIN source_file f ON f.id = i.source_file_id
            UNION ALL
            SELECT path, 0, 'unreadable', reason FROM unreadable_file WHERE resolved_at IS NULL
            UNION ALL
            SELECT f.path, s.source_line, 'mixed_route',
                   'route ' || cs.route || ' in a course whose index session (' || c.index_local_date || ') was ' || c.route
                   || '; the course is counted under ' || c.route
            FROM course c JOIN course_session cs USING (patient_id, course_number)
                 JOIN session s ON s.id = cs.session_row JOIN source_file f ON f.id = s.source_file_id
            WHERE c.mixed_route = 1 AND cs.route != c.route
            ORDER BY 1, 2, 3, 4
            """)
        try statement.bind([])
        while try statement.step() {
            try body(DataQualityRow(file: statement.text(0) ?? "", line: statement.int(1), kind: statement.text(2) ?? "",
                                    reason: statement.text(3) ?? ""))
        }
    }

    /// The files read so far, with what became of their records.
    public func inputFiles() throws -> [InputFileSummary] {
        try database.prepare("""
            SELECT s.path, s.kind, s.form, s.records, s.stored, s.superseded, s.duplicates, s.skipped, s.rejected, f.sha256, f.size_bytes
            FROM source_file_status s JOIN source_file f ON f.id = s.id ORDER BY s.path, s.id
            """).rows { row in
            InputFileSummary(path: row.text(0) ?? "", kind: row.text(1) ?? "", form: row.text(2), records: row.int(3), stored: row.int(4),
                             superseded: row.int(5), duplicates: row.int(6), skipped: row.int(7), rejected: row.int(8),
                             sha256: row.text(9) ?? "", sizeBytes: row.int(10))
        }
    }

    /// Comma-separated whole numbers (`booster_offsets`), read as bytes: no String per course.
    static func integers(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int64] {
        guard !bytes.isEmpty else { return [] }
        var values: [Int64] = [], value: Int64 = 0, digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ",") {
                if digits > 0 { values.append(value) }
                (value, digits) = (0, 0)
            } else if byte >= 48, byte <= 57 {
                value = value * 10 + Int64(byte - 48)
                digits += 1
            }
        }
        if digits > 0 { values.append(value) }
        return values
    }

    /// `YYYY-MM-DD` as days since 1970-01-01 (0 for anything else; the transform writes this form).
    static func day(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        guard bytes.count == 10 else { return 0 }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(bytes[$1]) - 48 } }
        return CivilTime.daysFromCivil(year: number(0..<4), month: number(5..<7), day: number(8..<10))
    }
}
