import OutcomesCore

extension FileIngestion {
    public func put(session: SessionRecord, line: Int) throws -> PutResult {
        // The common case, a new session, binds without building arrays (millions of rows).
        let insert = sql.insertSession
        insert.bind(1, session.patientID)
        insert.bind(2, session.start)
        insert.bind(3, session.route.rawValue)
        insert.bind(4, session.doseMg)
        insert.bind(5, session.weightKg)
        insert.bind(6, session.durationMin)
        if let clinic = session.clinicID { insert.bind(7, clinic) } else { insert.bindNull(7) }
        if let id = session.sessionID { insert.bind(8, id) } else { insert.bindNull(8) }
        insert.bind(9, fileID)
        insert.bind(10, Int64(line))
        try insert.execute()
        if store.database.changes == 1 {
            markChanged(session.patientID)
            return .stored
        }
        let values: [SQLiteValue] = [
            .text(session.patientID), .integer(session.start), .text(session.route.rawValue), SQLiteValue(session.doseMg),
            SQLiteValue(session.weightKg), SQLiteValue(session.durationMin), SQLiteValue(session.clinicID),
            SQLiteValue(session.sessionID), .integer(fileID), .integer(Int64(line)),
        ]
        let find = session.sessionID == nil ? sql.findSessionByStart : sql.findSessionByID
        let keys: [SQLiteValue] = session.sessionID.map { [.text($0)] } ?? [.text(session.patientID), .integer(session.start)]
        let found = try find.rows(keys) { row in
            (id: row.int64(0),
             record: SessionRecord(patientID: row.text(1) ?? "", start: row.int64(2), route: Route(rawValue: row.text(3) ?? "") ?? .iv,
                                   doseMg: row.double(4), weightKg: row.double(5), durationMin: row.double(6),
                                   clinicID: row.text(7), sessionID: row.text(8)),
             file: row.int64(9), line: row.int(10))
        }
        guard let old = found.first else { throw SQLiteError(code: 1, message: "a session conflicted but could not be found", path: store.path) }
        if old.record == session {
            try issue(line: line, column: nil, kind: "duplicate", reason: "same session as \(try pathOf(old.file)) line \(old.line)",
                          patientID: session.patientID)
            return .duplicate
        }
        try sql.archiveSession.run([.integer(fileID), .integer(Int64(line)), .integer(old.id)])
        try sql.replaceSession.run(values + [.integer(old.id)])
        markChanged(old.record.patientID)
        markChanged(session.patientID)
        let change = old.record.route != session.route ? "route \(old.record.route.rawValue) → \(session.route.rawValue)"
            : old.record.start != session.start ? "start time changed" : "details changed"
        try issue(line: old.line, column: nil, kind: "superseded", reason: "corrected by \(path) line \(line) (\(change))", fileID: old.file,
                      patientID: old.record.patientID)
        return .corrected
    }
}
