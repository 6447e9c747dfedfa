import OutcomesCore

/// What the database holds, in lines for `outcomes status`.
public enum StoreStatus {
    public static func lines(_ store: OutcomesStore) throws -> [String] {
        let db = store.database
        var lines: [String] = []
        let files = try db.prepare("""
            SELECT path, kind, coalesce(form, ''), records, stored, superseded, duplicates, skipped, rejected
            FROM source_file_status ORDER BY path, id
            """).rows { row in
            "  \(row.text(0) ?? "")  \(row.text(1) ?? "") \(row.text(2) ?? ""): \(row.int(3)) records, \(row.int(4)) stored, "
                + "\(row.int(5)) superseded, \(row.int(6)) duplicates, \(row.int(7)) skipped, \(row.int(8)) rejected"
        }
        let scores = try db.scalar("SELECT count(*) FROM score") ?? 0
        let sessions = try db.scalar("SELECT count(*) FROM session") ?? 0
        let patients = try db.scalar("SELECT count(*) FROM (SELECT patient_id FROM score UNION SELECT patient_id FROM session)") ?? 0
        lines.append("database \(store.path): \(scores) scores, \(sessions) sessions, \(patients) patients, \(files.count) files")
        lines.append(contentsOf: files)
        lines.append(contentsOf: try db.prepare("SELECT path, reason FROM unreadable_file WHERE resolved_at IS NULL ORDER BY path")
            .rows { "  \($0.text(0) ?? "")  unreadable: \($0.text(1) ?? "")" })
        let runs = try db.prepare("SELECT id, started_at, status, coalesce(message, '') FROM run ORDER BY id DESC LIMIT 1")
            .rows { row in
                "last run #\(row.int64(0)), started \(CivilTime.isoUTC(row.int64(1))): \(row.text(2) ?? "")"
                    + (row.text(3).map { $0.isEmpty ? "" : ": \($0)" } ?? "")
            }
        lines.append(runs.first ?? "no run yet")
        return lines
    }
}
