import CSQLite
import OutcomesCore

/// The pipeline's database: owns the connection and the schema, and brings an older file up
/// to date when it opens it.
public final class OutcomesStore {
    public let path: String
    public let database: SQLiteDatabase

    /// Whether opening this file ran `PRAGMA quick_check` (false: a new file, or one exactly as
    /// the last run left it; DatabaseStamp).
    public let checkedIntegrity: Bool

    /// Opens (or creates) the database for a run. An existing file is checked with
    /// `PRAGMA quick_check` first, before anything (a migration, a run row) is written to it,
    /// unless it is exactly as the last run left it (`seal()`, DatabaseStamp).
    public init(path: String) throws {
        self.path = path
        let existing = SQLiteDatabase.fileHasContent(path)
        checkedIntegrity = existing && !DatabaseStamp.isUnchangedSinceLastRun(path)
        database = try SQLiteDatabase(path: path)
        if checkedIntegrity { try database.checkIntegrity() }
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        try migrate()
    }

    /// Opens the database to read only (`outcomes status`): no lock, no migration, so it never
    /// waits on a run in progress. Checked with `PRAGMA quick_check`, so a damaged file is
    /// named as such whichever page is hurt. A database that needs a migration is reported, not changed.
    public init(readingOnly path: String) throws {
        self.path = path
        checkedIntegrity = !DatabaseStamp.isUnchangedSinceLastRun(path)
        database = try SQLiteDatabase(path: path, readOnly: true)
        if checkedIntegrity { try database.checkIntegrity() }
        let current = Int(try database.scalar("PRAGMA user_version") ?? 0)
        guard current == Self.schemaVersion else {
            throw DatabaseVersionMismatch(description: current < Self.schemaVersion
                ? "the database \(path) has schema version \(current); the next `outcomes run` brings it to \(Self.schemaVersion)"
                : "the database \(path) has schema version \(current), newer than this program's \(Self.schemaVersion); use a newer outcomes")
        }
    }

    /// Called by a run after its last write: moves the write-ahead log into the file and notes
    /// how the file looks (DatabaseStamp), so the next open can skip the full-page check. Best
    /// effort: if either step fails, the next open checks in full.
    public func seal() {
        guard (try? database.execute("PRAGMA wal_checkpoint(TRUNCATE)")) != nil else { return }
        DatabaseStamp.record(path)
    }

    /// How many migrations this program knows; a database with more was written by a newer version.
    public static var schemaVersion: Int { StoreSchema.migrations.count }

    private func migrate() throws {
        let current = Int(try database.scalar("PRAGMA user_version") ?? 0)
        guard current <= Self.schemaVersion else {
            throw DatabaseVersionMismatch(
                description: "the database \(path) has schema version \(current), newer than this program's \(Self.schemaVersion); use a newer outcomes")
        }
        guard current < Self.schemaVersion else { return }
        // A migration may rebuild a table others refer to (8 rebuilds source_file): foreign
        // keys are off while migrations run (the pragma cannot change inside a transaction) and
        // on again for the run. A rebuild copies every row with its id, so references still hold.
        try database.execute("PRAGMA foreign_keys = OFF")
        for version in current..<Self.schemaVersion {
            try database.transaction {
                try database.execute(StoreSchema.migrations[version])
                try database.execute("PRAGMA user_version = \(version + 1)")
            }
        }
        try database.execute("PRAGMA foreign_keys = ON")
    }

    // MARK: runs

    public func beginRun(pipeline: String, stages: [String], at time: Int64, programVersion: String = ProgramVersion.string) throws -> Int64 {
        try database.prepare("INSERT INTO run(pipeline, started_at, status, stages, program_version) VALUES (?, ?, 'running', ?, ?)")
            .run([.text(pipeline), .integer(time), .text(stages.joined(separator: ",")), .text(programVersion)])
        return database.lastInsertID
    }

    public func finishRun(_ id: Int64, status: String, message: String?, at time: Int64) throws {
        try database.prepare("UPDATE run SET finished_at = ?, status = ?, message = ? WHERE id = ?")
            .run([.integer(time), .text(status), SQLiteValue(message), .integer(id)])
    }

    // MARK: files

    /// The kind of a file seen before at this path with this size and modification time
    /// (`scores`, `sessions` or `unrecognised`), or nil: such a file is taken as unchanged
    /// without reading it.
    public func knownFileKind(path: String, sizeBytes: Int, modifiedNs: Int64) throws -> String? {
        try database.prepare("SELECT kind FROM source_file WHERE path = ? AND size_bytes = ? AND modified_ns = ? ORDER BY id DESC LIMIT 1")
            .rows([.text(path), .integer(Int64(sizeBytes)), .integer(modifiedNs)]) { $0.text(0) ?? "" }.first
    }

    /// Notes the current size and modification time of a file whose content is already
    /// ingested under this path (a touched or re-exported identical file), so the next run
    /// knows it without reading it.
    public func refreshStamp(path: String, sha256: String, sizeBytes: Int, modifiedNs: Int64) throws {
        try database.prepare("UPDATE source_file SET modified_ns = ?, size_bytes = ? WHERE path = ? AND sha256 = ? AND kind != 'unrecognised'")
            .run([.integer(modifiedNs), .integer(Int64(sizeBytes)), .text(path), .text(sha256)])
    }


    /// The path of an ingested file with this content, if any (unrecognised files are not
    /// "ingested": they are looked at again on every run).
    public func ingestedPath(sha256: String) throws -> String? {
        let statement = try database.prepare("SELECT path FROM source_file WHERE sha256 = ? AND kind != 'unrecognised' LIMIT 1")
        return try statement.rows([.text(sha256)]) { $0.text(0) }.first ?? nil
    }
}
