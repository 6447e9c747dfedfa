extension OutcomesStore {
    /// Ingests one file in one transaction: when `body` throws, nothing of the file remains.
    public func ingest(_ info: SourceFileInfo, _ body: (FileIngestion) throws -> FileCounts) throws -> FileCounts {
        try database.transaction {
            try database.prepare("""
                INSERT INTO source_file(path, size_bytes, sha256, kind, form, run_id, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).run([.text(info.path), .integer(Int64(info.sizeBytes)), .text(info.sha256), .text(info.kind),
                          SQLiteValue(info.form), SQLiteValue(info.runID), .integer(info.ingestedAt)])
            let fileID = database.lastInsertID
            let ingestion = try FileIngestion(fileID: fileID, path: info.path, store: self)
            let counts = try body(ingestion)
            let mark = try database.prepare("INSERT OR IGNORE INTO patient_change(patient_id) VALUES (?)")
            for patient in ingestion.changedPatients { try mark.run([.text(patient.id)]) }
            try database.prepare("""
                UPDATE source_file SET rows_read = ?, empty_rows = ?, records = ?, accepted = ?, duplicates = ?, skipped = ?,
                                       rejected = ?, prorated = ? WHERE id = ?
                """).run([counts.rowsRead, counts.emptyRows, counts.records, counts.accepted, counts.duplicates,
                          counts.skipped, counts.rejected, counts.prorated].map { .integer(Int64($0)) } + [.integer(fileID)])
            return counts
        }
    }

    /// Records a file whose header fits no export form. An earlier record of the same content
    /// is replaced, so the file is listed once however often it is seen.
    public func recordUnrecognised(_ info: SourceFileInfo, reason: String) throws {
        try database.transaction {
            try database.prepare("""
                DELETE FROM row_issue WHERE source_file_id IN
                    (SELECT id FROM source_file WHERE sha256 = ? AND path = ? AND kind = 'unrecognised')
                """).run([.text(info.sha256), .text(info.path)])
            try database.prepare("DELETE FROM source_file WHERE sha256 = ? AND path = ? AND kind = 'unrecognised'")
                .run([.text(info.sha256), .text(info.path)])
            try database.prepare("""
                INSERT INTO source_file(path, size_bytes, sha256, kind, form, run_id, ingested_at) VALUES (?, ?, ?, 'unrecognised', NULL, ?, ?)
                """).run([.text(info.path), .integer(Int64(info.sizeBytes)), .text(info.sha256), SQLiteValue(info.runID),
                          .integer(info.ingestedAt)])
            try database.prepare("INSERT INTO row_issue(source_file_id, line, column_name, kind, reason) VALUES (?, 1, NULL, 'unrecognised_file', ?)")
                .run([.integer(database.lastInsertID), .text(reason)])
        }
    }
}
