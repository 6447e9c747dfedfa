/// run.json: the machine-readable log of one `outcomes run`, written into the report folder at
/// the end of every run (docs/operations.md, "run.json"), so that a script under cron can
/// tell what happened last night without parsing sentences. It holds stage states, reasons,
/// times, counts and the exit code; never a patient value (the error is the sentence the
/// command printed, and error sentences name files, lines and keys, not cell values).
public struct RunLog: Sendable, Equatable {
    /// What became of one stage in this run.
    public enum Status: String, Sendable, Equatable {
        /// It ran and completed.
        case ran
        /// It was up to date and did no work.
        case upToDate = "up_to_date"
        /// It ran and failed; nothing of it was committed.
        case failed
        /// It was not run: not asked for (`--stage`, `--from`), or an earlier stage failed.
        case notRun = "not_run"
    }

    /// One reason a stage was stale: its kind and the sentence `outcomes status` prints.
    public struct Reason: Sendable, Equatable {
        public var code: String
        public var text: String

        public init(code: String, text: String) {
            self.code = code
            self.text = text
        }
    }

    public struct Stage: Sendable, Equatable {
        public var stage: String
        public var status: Status
        /// Why it was stale (empty when it was up to date, forced, or not run).
        public var reasons: [Reason] = []
        /// Whether `--stage` or `--from` asked for it whatever its status.
        public var forced = false
        public var startedAt: Int64?
        public var finishedAt: Int64?
        public var seconds: Double?
        /// What it counted, in a fixed order per stage (files, records, courses, rows …).
        public var counts: [(String, Int)] = []
        /// The line printed for it, or the error sentence when it failed.
        public var summary: String?

        public init(stage: String, status: Status) {
            self.stage = stage
            self.status = status
        }

        public static func == (a: Stage, b: Stage) -> Bool {
            a.stage == b.stage && a.status == b.status && a.reasons == b.reasons && a.forced == b.forced && a.startedAt == b.startedAt
                && a.finishedAt == b.finishedAt && a.seconds == b.seconds && a.summary == b.summary
                && a.counts.map(\.0) == b.counts.map(\.0) && a.counts.map(\.1) == b.counts.map(\.1)
        }
    }

    public var runID: Int64?
    public var pipeline: String
    public var pipelineFile: String
    public var startedAt: Int64
    public var finishedAt: Int64
    public var seconds: Double
    public var stages: [Stage]
    public var exitCode: Int32
    /// The error sentence the command printed, when it failed (exit 1, 64, 66, 75).
    public var error: String?
    /// Export files that could not be read and were skipped (exit 2), by name.
    public var skippedFiles: [String]

    public init(runID: Int64?, pipeline: String, pipelineFile: String, startedAt: Int64, finishedAt: Int64, seconds: Double,
                stages: [Stage], exitCode: Int32, error: String?, skippedFiles: [String] = []) {
        self.runID = runID
        self.pipeline = pipeline
        self.pipelineFile = pipelineFile
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.seconds = seconds
        self.stages = stages
        self.exitCode = exitCode
        self.error = error
        self.skippedFiles = skippedFiles
    }

    public static let fileName = "run.json"

    /// The text of run.json: keys in a fixed order, times as UTC ISO 8601, seconds to the millisecond.
    public var rendered: String {
        func time(_ seconds: Int64?) -> JSONText { seconds.map { .string(CivilTime.isoUTC($0)) } ?? .null }
        let object: JSONText = .object([
            ("run_log_version", .integer(1)),
            ("program_version", .string(ProgramVersion.string)),
            ("run_id", runID.map(JSONText.integer) ?? .null),
            ("pipeline", .object([("name", .string(pipeline)), ("file", .string(pipelineFile))])),
            ("started_at", time(startedAt)),
            ("finished_at", time(finishedAt)),
            ("seconds", .number(seconds, decimals: 3)),
            ("exit_code", .integer(Int64(exitCode))),
            ("error", error.map(JSONText.string) ?? .null),
            ("skipped_files", .array(skippedFiles.map(JSONText.string))),
            ("stages", .array(stages.map { stage in
                .object([
                    ("stage", .string(stage.stage)),
                    ("status", .string(stage.status.rawValue)),
                    ("forced", .bool(stage.forced)),
                    ("reasons", .array(stage.reasons.map { .object([("code", .string($0.code)), ("text", .string($0.text))]) })),
                    ("started_at", time(stage.startedAt)),
                    ("finished_at", time(stage.finishedAt)),
                    ("seconds", stage.seconds.map { .number($0, decimals: 3) } ?? .null),
                    ("counts", .object(stage.counts.map { ($0.0, .integer(Int64($0.1))) })),
                    ("summary", stage.summary.map(JSONText.string) ?? .null),
                ])
            })),
        ])
        return object.rendered() + "\n"
    }
}
