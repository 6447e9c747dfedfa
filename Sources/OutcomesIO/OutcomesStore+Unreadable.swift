/// Export files that could not be read (table `unreadable_file`) and the last content check
/// (table `content_check`). An unreadable file is listed once per path and reason: while it
/// stays unreadable for the same reason the row stays open and nothing is added; when the path
/// is read again, or is gone or fails for another reason, the row is closed (`resolved_at`).
extension OutcomesStore {
    /// Records that `path` could not be read; returns true when this listing is new.
    @discardableResult
    public func recordUnreadable(path: String, reason: String, runID: Int64?, at time: Int64) throws -> Bool {
        try database.transaction {
            let open = try database.scalar("SELECT id FROM unreadable_file WHERE path = ? AND reason = ? AND resolved_at IS NULL",
                                           [.text(path), .text(reason)])
            if open != nil { return false }
            try resolveUnreadable(path: path, at: time)
            try database.prepare("INSERT INTO unreadable_file(path, reason, run_id, first_seen_at) VALUES (?, ?, ?, ?)")
                .run([.text(path), .text(reason), SQLiteValue(runID), .integer(time)])
            return true
        }
    }

    /// Closes the open listing of `path`, if any: the file was read, or is gone.
    public func resolveUnreadable(path: String, at time: Int64) throws {
        try database.prepare("UPDATE unreadable_file SET resolved_at = ? WHERE path = ? AND resolved_at IS NULL")
            .run([.integer(time), .text(path)])
    }

    /// The open listings: path → reason.
    public func openUnreadable() throws -> [String: String] {
        let rows = try database.prepare("SELECT path, reason FROM unreadable_file WHERE resolved_at IS NULL")
            .rows { ($0.text(0) ?? "", $0.text(1) ?? "") }
        return Dictionary(rows, uniquingKeysWith: { a, _ in a })
    }

    /// The run time of the last ingest that read every export's content, if any.
    public func lastContentCheck() throws -> Int64? {
        try database.scalar("SELECT checked_at FROM content_check WHERE id = 1")
    }

    public func recordContentCheck(at time: Int64, runID: Int64?) throws {
        try database.prepare("INSERT OR REPLACE INTO content_check(id, checked_at, run_id) VALUES (1, ?, ?)")
            .run([.integer(time), SQLiteValue(runID)])
    }
}
