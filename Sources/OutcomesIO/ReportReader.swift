import OutcomesCore

/// Reads what the report stage needs from the analysis tables, as values without patient ids.
public struct ReportReader {
    let database: SQLiteDatabase

    public init(_ store: OutcomesStore) {
        database = store.database
    }

    /// Every course × instrument, in every period.
    public func courseFacts() throws -> [CourseFacts] {
        try database.prepare("""
            SELECT ci.instrument, c.route, c.index_local_date, c.clinic_id, c.mixed_route, ci.baseline_total, ci.follow_ups,
                   ci.relief_event, ci.relief_seconds, ci.evaluable, ci.responder, ci.remitter
            FROM course c JOIN course_instrument ci USING (patient_id, course_number)
            """).rows { row in
            CourseFacts(
                instrument: Instrument(rawValue: row.text(0) ?? "") ?? .gad7, route: Route(rawValue: row.text(1) ?? "") ?? .iv,
                indexDay: Self.day(row.text(2) ?? ""), clinicID: row.text(3), mixedRoute: row.int(4) != 0,
                baseline: row.isNull(5) ? nil : row.int(5), followUps: row.int(6),
                relief: row.isNull(7) ? nil : SurvivalObservation(time: row.int64(8), isEvent: row.int(7) == 1),
                evaluable: row.int(9) != 0, responder: row.int(10) != 0, remitter: row.int(11) != 0)
        }
    }

    /// The curve points of the courses whose index date is in `days` (nil: all).
    public func curveValues(days: ClosedRange<Int64>?) throws -> [CurveValue] {
        let from = days.map { CivilTime.isoDate(days: $0.lowerBound) } ?? "0000-01-01"
        let to = days.map { CivilTime.isoDate(days: $0.upperBound) } ?? "9999-12-31"
        return try database.prepare("""
            SELECT p.instrument, c.route, p.curve, p.point, p.bin_start_hours, p.bin_end_hours, p.pct_reduction, p.responding
            FROM curve_point p JOIN course c USING (patient_id, course_number)
            WHERE c.index_local_date BETWEEN ? AND ?
            """).rows([.text(from), .text(to)]) { row in
            CurveValue(instrument: Instrument(rawValue: row.text(0) ?? "") ?? .gad7, route: Route(rawValue: row.text(1) ?? "") ?? .iv,
                       kind: CurveKind(rawValue: row.text(2) ?? "") ?? .time, point: row.int(3), binStartHours: row.double(4),
                       binEndHours: row.double(5), pctReduction: row.double(6) ?? 0, responding: row.int(7) != 0)
        }
    }

    /// Instruments with at least one accepted score.
    public func instrumentsWithScores() throws -> Set<Instrument> {
        Set(try database.prepare("SELECT DISTINCT instrument FROM score").rows { Instrument(rawValue: $0.text(0) ?? "") }.compactMap { $0 })
    }

    /// Every rejected or flagged input row: the ingest's notes, and the sessions that make a
    /// course mixed-route (each session whose route is not the course's index route).
    public func dataQuality() throws -> [DataQualityRow] {
        var rows = try database.prepare("""
            SELECT f.path, i.line, i.kind, i.reason FROM row_issue i JOIN source_file f ON f.id = i.source_file_id
            """).rows { DataQualityRow(file: $0.text(0) ?? "", line: $0.int(1), kind: $0.text(2) ?? "", reason: $0.text(3) ?? "") }
        rows += try database.prepare("""
            SELECT f.path, s.source_line, cs.route, c.route, c.index_local_date
            FROM course c JOIN course_session cs USING (patient_id, course_number)
                 JOIN session s ON s.id = cs.session_row JOIN source_file f ON f.id = s.source_file_id
            WHERE c.mixed_route = 1 AND cs.route != c.route
            """).rows { row in
            DataQualityRow(file: row.text(0) ?? "", line: row.int(1), kind: "mixed_route",
                           reason: "route \(row.text(2) ?? "") in a course whose index session (\(row.text(4) ?? "")) was "
                               + "\(row.text(3) ?? ""); the course is counted under \(row.text(3) ?? "")")
        }
        return rows.sorted()
    }

    /// The files read so far, with what became of their records.
    public func inputFiles() throws -> [InputFileSummary] {
        try database.prepare("""
            SELECT path, kind, form, records, stored, superseded, duplicates, skipped, rejected FROM source_file_status ORDER BY path, id
            """).rows { row in
            InputFileSummary(path: row.text(0) ?? "", kind: row.text(1) ?? "", form: row.text(2), records: row.int(3), stored: row.int(4),
                             superseded: row.int(5), duplicates: row.int(6), skipped: row.int(7), rejected: row.int(8))
        }
    }

    /// `YYYY-MM-DD` as days since 1970-01-01.
    static func day(_ text: String) -> Int64 {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return 0 }
        return CivilTime.daysFromCivil(year: parts[0], month: parts[1], day: parts[2])
    }
}
