import CSQLite

/// The pipeline's database: owns the connection and the schema, and brings an older file up
/// to date when it opens it.
public final class OutcomesStore {
    public let path: String
    public let database: SQLiteDatabase

    public init(path: String) throws {
        self.path = path
        database = try SQLiteDatabase(path: path)
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        try migrate()
    }

    /// How many migrations this program knows; a database with more was written by a newer version.
    public static var schemaVersion: Int { StoreSchema.migrations.count }

    private func migrate() throws {
        let current = Int(try database.scalar("PRAGMA user_version") ?? 0)
        guard current <= Self.schemaVersion else {
            throw SQLiteError(code: SQLITE_ERROR,
                message: "the database \(path) has schema version \(current), newer than this program's \(Self.schemaVersion); use a newer outcomes")
        }
        for version in current..<Self.schemaVersion {
            try database.transaction {
                try database.execute(StoreSchema.migrations[version])
                try database.execute("PRAGMA user_version = \(version + 1)")
            }
        }
    }

    // MARK: runs

    public func beginRun(pipeline: String, stages: [String], at time: Int64) throws -> Int64 {
        try database.prepare("INSERT INTO run(pipeline, started_at, status, stages) VALUES (?, ?, 'running', ?)")
            .run([.text(pipeline), .integer(time), .text(stages.joined(separator: ","))])
        return database.lastInsertID
    }

    public func finishRun(_ id: Int64, status: String, message: String?, at time: Int64) throws {
        try database.prepare("UPDATE run SET finished_at = ?, status = ?, message = ? WHERE id = ?")
            .run([.integer(time), .text(status), SQLiteValue(message), .integer(id)])
    }

    // MARK: files

    /// The path of an ingested file with this content, if any (unrecognised files are not
    /// "ingested": they are looked at again on every run).
    public func ingestedPath(sha256: String) throws -> String? {
        let statement = try database.prepare("SELECT path FROM source_file WHERE sha256 = ? AND kind != 'unrecognised' LIMIT 1")
        return try statement.rows([.text(sha256)]) { $0.text(0) }.first ?? nil
    }
}
