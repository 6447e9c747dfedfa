extension OutcomesStore {
    /// Ingests one file in one transaction: when `body` throws, nothing of the file remains.
    public func ingest(_ info: SourceFileInfo, _ body: (FileIngestion) throws -> FileCounts) throws -> FileCounts {
        try database.transaction {
            try database.prepare("""
                INSERT INTO source_file(path, size_bytes, sha256, kind, form, run_id, ingested_at, modified_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).run([.text(info.path), .integer(Int64(info.sizeBytes)), .text(info.sha256), .text(info.kind),
                          SQLiteValue(info.form), SQLiteValue(info.runID), .integer(info.ingestedAt), SQLiteValue(info.modifiedNs)])
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
            Checkpoint.reach("ingest.file-written")
            return counts
        }
    }

    /// Records a file whose header fits no export form, once: a file already recorded with the
    /// same content and path is left as it is (so a rerun changes nothing); its modification
    /// time is updated so the next run need not read it again.
    /// Returns true when the file is recorded for the first time.
    @discardableResult
    public func recordUnrecognised(_ info: SourceFileInfo, reason: String) throws -> Bool {
        try database.transaction {
            let known = try database.scalar("SELECT id FROM source_file WHERE sha256 = ? AND path = ? AND kind = 'unrecognised'",
                                             [.text(info.sha256), .text(info.path)])
            if let known {
                try database.prepare("UPDATE source_file SET modified_ns = ?, size_bytes = ? WHERE id = ?")
                    .run([SQLiteValue(info.modifiedNs), .integer(Int64(info.sizeBytes)), .integer(known)])
                return false
            }
            try database.prepare("""
                INSERT INTO source_file(path, size_bytes, sha256, kind, form, run_id, ingested_at, modified_ns)
                VALUES (?, ?, ?, 'unrecognised', NULL, ?, ?, ?)
                """).run([.text(info.path), .integer(Int64(info.sizeBytes)), .text(info.sha256), SQLiteValue(info.runID),
                          .integer(info.ingestedAt), SQLiteValue(info.modifiedNs)])
            try database.prepare("INSERT INTO row_issue(source_file_id, line, column_name, kind, reason) VALUES (?, 1, NULL, 'unrecognised_file', ?)")
                .run([.integer(database.lastInsertID), .text(reason)])
            return true
        }
    }
}
