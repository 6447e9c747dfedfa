/// The statements that ingest runs for every row, prepared once per file: a row costs
/// binds and steps, never a parse or a look-up by SQL text.
struct IngestStatements {
    let insertScore: SQLiteStatement
    let findScore: SQLiteStatement
    let archiveScore: SQLiteStatement
    let replaceScore: SQLiteStatement
    let insertSession: SQLiteStatement
    let findSessionByID: SQLiteStatement
    let findSessionByStart: SQLiteStatement
    let archiveSession: SQLiteStatement
    let replaceSession: SQLiteStatement
    let insertIssue: SQLiteStatement

    /// The session columns in the order `put(session:)` binds and reads them.
    static let sessionColumns = "patient_id, session_start, route, dose_mg, weight_kg, duration_min, clinic_id, session_id, source_file_id, source_line"

    init(_ db: SQLiteDatabase) throws {
        insertScore = try db.prepare("""
            INSERT INTO score(patient_id, instrument, administered_at, total, items, answered_items, prorated, clinic_id,
                              source_file_id, source_line)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        findScore = try db.prepare("""
            SELECT id, total, items, clinic_id, source_file_id, source_line FROM score
            WHERE patient_id = ? AND instrument = ? AND administered_at = ?
            """)
        archiveScore = try db.prepare("""
            INSERT INTO score_history(patient_id, instrument, administered_at, total, items, answered_items, prorated,
                                      clinic_id, source_file_id, source_line, superseded_by_file_id, superseded_by_line)
            SELECT patient_id, instrument, administered_at, total, items, answered_items, prorated, clinic_id,
                   source_file_id, source_line, ?, ? FROM score WHERE id = ?
            """)
        replaceScore = try db.prepare("""
            UPDATE score SET total = ?, items = ?, answered_items = ?, prorated = ?, clinic_id = ?, source_file_id = ?,
                             source_line = ? WHERE id = ?
            """)
        let columns = Self.sessionColumns
        insertSession = try db.prepare("INSERT INTO session(\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        findSessionByID = try db.prepare("SELECT id, \(columns) FROM session WHERE session_id = ?")
        findSessionByStart = try db.prepare(
            "SELECT id, \(columns) FROM session WHERE patient_id = ? AND session_start = ? AND session_id IS NULL")
        archiveSession = try db.prepare("""
            INSERT INTO session_history(\(columns), superseded_by_file_id, superseded_by_line)
            SELECT \(columns), ?, ? FROM session WHERE id = ?
            """)
        replaceSession = try db.prepare("""
            UPDATE session SET patient_id = ?, session_start = ?, route = ?, dose_mg = ?, weight_kg = ?, duration_min = ?,
                               clinic_id = ?, session_id = ?, source_file_id = ?, source_line = ? WHERE id = ?
            """)
        insertIssue = try db.prepare("INSERT INTO row_issue(source_file_id, line, column_name, kind, reason, patient_id) VALUES (?, ?, ?, ?, ?, ?)")
    }
}
