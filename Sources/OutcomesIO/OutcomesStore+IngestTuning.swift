extension OutcomesStore {
    /// The page cache an ingest works with, in KiB (SQLite's default is 2 MiB): the unique
    /// index on scores and the session indexes are written at scattered places, and a page
    /// read back from the cache costs nothing, one evicted costs a read and a WAL write.
    static let ingestCacheKiB = 65_536

    /// Runs `body` (the ingest) with a larger page cache, then puts the connection's setting
    /// back. The cache does not touch durability: the journal mode and `synchronous` stay as
    /// they are, so a kill at any point leaves what it left before. (`temp_store` is left
    /// alone: changing it drops the connection's temporary tables and triggers.)
    public func withIngestTuning<T>(_ body: () throws -> T) throws -> T {
        let cache = try database.scalar("PRAGMA cache_size") ?? -2_000
        try database.execute("PRAGMA cache_size = -\(Self.ingestCacheKiB)")
        defer { try? database.execute("PRAGMA cache_size = \(cache)") }
        return try body()
    }
}
