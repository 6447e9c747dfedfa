import OutcomesCore

/// One run of one stage (table `stage_run`): the history `status` shows, and the record the
/// plan compares with to tell whether a stage is up to date.
public struct StageRunRecord: Equatable, Sendable {
    public var id: Int64
    public var runID: Int64
    public var stage: String
    /// What the stage wrote to, when that varies: the report folder. Empty for ingest and transform.
    public var target: String
    public var startedAt: Int64
    public var finishedAt: Int64?
    public var status: String
    /// The named inputs the stage ran on, one `key=value` per line (see StagePlanner).
    public var inputs: String
    public var summary: String?
    public var seconds: Double?
}

extension OutcomesStore {
    public func beginStage(runID: Int64, stage: String, target: String, inputs: String, at time: Int64) throws -> Int64 {
        try database.prepare("""
            INSERT INTO stage_run(run_id, stage, target, started_at, status, inputs) VALUES (?, ?, ?, ?, 'running', ?)
            """).run([.integer(runID), .text(stage), .text(target), .integer(time), .text(inputs)])
        return database.lastInsertID
    }

    /// `changedData` false: the stage completed without changing anything a later stage reads
    /// (an ingest that found only touched files); later stages do not count it as a rerun.
    public func finishStage(_ id: Int64, status: String, summary: String?, seconds: Double, at time: Int64,
                            changedData: Bool = true) throws {
        try database.prepare("UPDATE stage_run SET finished_at = ?, status = ?, summary = ?, seconds = ?, changed_data = ? WHERE id = ?")
            .run([.integer(time), .text(status), SQLiteValue(summary), .real(seconds), .integer(changedData ? 1 : 0), .integer(id)])
    }

    /// The id of the stage's last completed run that changed what later stages read, if any.
    public func lastChangingStageRun(stage: String, target: String) throws -> Int64? {
        try database.scalar("""
            SELECT id FROM stage_run WHERE stage = ? AND target = ? AND status = 'completed' AND changed_data = 1 ORDER BY id DESC LIMIT 1
            """, [.text(stage), .text(target)])
    }

    /// The latest run of a stage (any outcome), and the latest that completed.
    public func lastStageRuns(stage: String, target: String) throws -> (latest: StageRunRecord?, completed: StageRunRecord?) {
        let select = "SELECT id, run_id, stage, target, started_at, finished_at, status, inputs, summary, seconds FROM stage_run"
        func record(_ row: SQLiteStatement) -> StageRunRecord {
            StageRunRecord(id: row.int64(0), runID: row.int64(1), stage: row.text(2) ?? "", target: row.text(3) ?? "",
                           startedAt: row.int64(4), finishedAt: row.isNull(5) ? nil : row.int64(5), status: row.text(6) ?? "",
                           inputs: row.text(7) ?? "", summary: row.text(8), seconds: row.double(9))
        }
        let latest = try database.prepare(select + " WHERE stage = ? AND target = ? ORDER BY id DESC LIMIT 1")
            .rows([.text(stage), .text(target)], record).first
        let completed = try database.prepare(select + " WHERE stage = ? AND target = ? AND status = 'completed' ORDER BY id DESC LIMIT 1")
            .rows([.text(stage), .text(target)], record).first
        return (latest, completed)
    }

    /// Marks runs and stages left "running" by a process that died (their lock is gone), so
    /// the history says what happened. Called by the run that holds the lock.
    public func closeAbandonedRuns(at time: Int64) throws {
        try database.execute("""
            UPDATE stage_run SET status = 'failed', summary = coalesce(summary, 'did not finish (the process stopped)'),
                                 finished_at = coalesce(finished_at, \(time)) WHERE status = 'running';
            UPDATE run SET status = 'failed', message = coalesce(message, 'did not finish (the process stopped)'),
                           finished_at = coalesce(finished_at, \(time)) WHERE status = 'running';
            """)
    }
}
