import Foundation
import Logging
import OutcomesCore
import OutcomesIO

/// A stage that failed: which one, and why. Nothing of it was committed.
public struct StageFailure: Error, CustomStringConvertible {
    public let stage: PipelineStage
    public let underlying: Error

    public var description: String {
        let kept = switch stage {
        case .ingest: "committed nothing of the file it was reading (files finished before it are kept)"
        case .transform: "committed nothing; the previous analysis tables are unchanged"
        case .report: "wrote nothing; the previous report folder is unchanged"
        }
        return "the \(stage.rawValue) stage failed and \(kept): \(ErrorSentence.describe(underlying))"
    }
}

/// What one `outcomes run` did: each stage's timing, and the export files it could not read.
public struct PipelineRunResult: Sendable {
    public var timings: [StageTiming] = []
    public var unreadable: [UnreadableExport] = []
}

/// Runs the stages of one `outcomes run`: each one if it is stale (or forced by `--stage` /
/// `--from`), recording every stage run in `stage_run` with the inputs it ran on.
public struct PipelineRunner {
    public let config: PipelineConfig
    public let pipelineFile: String
    public let databasePath: String
    public let exportsFolder: String
    public let reportsPath: String
    public let period: ReportPeriod
    /// The run's time, read once: every stage and the report use it.
    public let now: Int64
    public let logger: Logger
    /// `--rehash`: the ingest reads every export's content again (and so runs).
    public var rehash = false
    /// The clock for stage start and end times (the executable's `RunClock`, which a test pins).
    public var clock: @Sendable () -> Int64 = PipelineRunner.clock

    public init(config: PipelineConfig, pipelineFile: String, databasePath: String, exportsFolder: String, reportsPath: String,
                period: ReportPeriod, now: Int64, logger: Logger = Logger(label: "outcomes")) {
        self.config = config
        self.pipelineFile = pipelineFile
        self.databasePath = databasePath
        self.exportsFolder = exportsFolder
        self.reportsPath = reportsPath
        self.period = period
        self.now = now
        self.logger = logger
    }

    public var planner: StagePlanner {
        var planner = StagePlanner(config: config, exportsFolder: exportsFolder, reportsPath: reportsPath, period: period, now: now)
        planner.rehash = rehash
        return planner
    }

    public var reportStage: ReportStage {
        ReportStage(config: config, period: period, reportsPath: reportsPath, exportsFolder: exportsFolder)
    }

    /// The report folder rule for this run: `outcomes run` checks it before any stage runs.
    public var reportFolderGuard: ReportFolderGuard { reportStage.folderGuard(now: now, databasePath: databasePath) }

    /// Runs `stages` in order; `forced` runs them whatever their status. `say` gets the one
    /// line per stage (what ran and what it did, or that it was up to date). Export files that
    /// cannot be read are warned about on every run that has the ingest stage, whether it ran
    /// or was up to date, and returned: the command exits 2 for them. `record` gets what became
    /// of each stage of `stages` that was looked at (for run.json), a failed one included,
    /// before the failure is thrown.
    public func run(store: OutcomesStore, runID: Int64, stages: [PipelineStage], forced: Bool,
                    progress: @escaping (String) -> Void = { _ in }, record: (RunLog.Stage) -> Void = { _ in },
                    say: (String) -> Void) throws -> PipelineRunResult {
        var result = PipelineRunResult()
        for stage in stages.sorted() {
            let planner = planner
            let status = try planner.status(stage, store: store)
            if stage == .ingest { result.unreadable = status.unreadable }
            var entry = RunLog.Stage(stage: stage.rawValue, status: .upToDate)
            entry.forced = forced
            entry.reasons = forced ? [] : status.staleReasons.map { RunLog.Reason(code: $0.code, text: $0.description) }
            if !forced && status.isUpToDate {
                if stage == .ingest { warn(result.unreadable) }
                let line = "\(stage.rawValue): up to date" + Self.lastRun(status.latest)
                say(line)
                result.timings.append(StageTiming(stage: stage.rawValue, ran: false, seconds: 0, summary: line))
                entry.summary = line
                record(entry)
                continue
            }
            logger.info("\(stage.rawValue): running", metadata: ["why": .string(forced ? "asked for" : status.reasons.joined(separator: "; "))])
            let inputs = StagePlanner.text(try planner.inputs(stage, store: store))
            let id = try store.beginStage(runID: runID, stage: stage.rawValue, target: status.target, inputs: inputs, at: now)
            let started = Date()
            entry.startedAt = clock()
            let done: (line: String, counts: [(String, Int)], changedData: Bool)
            do {
                if stage == .ingest {
                    let summary = try IngestStage(config: config, exportsFolder: exportsFolder, rehash: rehash)
                        .run(store: store, runID: runID, now: now, progress: progress)
                    log(summary)
                    result.unreadable = summary.unreadable
                    done = (summary.line, Self.counts(summary), summary.changedData)
                } else {
                    let ran = try run(stage, store: store, runID: runID, timings: result.timings, progress: progress)
                    done = (ran.line, ran.counts, true)
                }
            } catch {
                let seconds = Date().timeIntervalSince(started)
                let finished = clock()
                try? store.finishStage(id, status: "failed", summary: ErrorSentence.describe(error), seconds: seconds, at: finished)
                entry.status = .failed
                entry.finishedAt = finished
                entry.seconds = seconds
                entry.summary = ErrorSentence.describe(error)
                record(entry)
                // A pipeline file that does not fit its exports, or a data dictionary it names that
                // is missing, stops the ingest before any file is read: said as it is (exit 64, 66).
                if error is PipelineFileError || error is DictionaryFileMissing || error is DictionaryUnusable { throw error }
                throw StageFailure(stage: stage, underlying: error)
            }
            Checkpoint.reach("\(stage.rawValue).finished")
            let seconds = Date().timeIntervalSince(started)
            let finished = clock()
            try store.finishStage(id, status: "completed", summary: done.line, seconds: seconds, at: finished, changedData: done.changedData)
            result.timings.append(StageTiming(stage: stage.rawValue, ran: true, seconds: seconds, summary: done.line))
            entry.status = .ran
            entry.finishedAt = finished
            entry.seconds = seconds
            entry.counts = done.counts
            entry.summary = done.line
            record(entry)
            say(done.line)
        }
        return result
    }

    /// The ingest's counts for run.json.
    static func counts(_ summary: IngestSummary) -> [(String, Int)] {
        let t = summary.totals
        return [("files_read", summary.ingestedFiles), ("files_unchanged", summary.unchangedFiles),
                ("files_unrecognised", summary.unrecognisedFiles), ("files_unreadable", summary.unreadable.count),
                ("records", t.records), ("rows_stored", t.accepted), ("corrections", t.corrections), ("duplicates", t.duplicates),
                ("rows_skipped", t.skipped), ("rows_rejected", t.rejected)]
    }

    /// One warning per unreadable export file, on every run while it stays so.
    private func warn(_ files: [UnreadableExport]) {
        for file in files { logger.warning("\(file.path) could not be read and was skipped: \(file.reason)") }
    }

    private func log(_ summary: IngestSummary) {
        for (path, outcome) in summary.files {
            if case .unrecognised(let reason, firstSeen: true) = outcome {
                // A file no source matches: "notes.txt was not read: no [[sources]] pattern matches it; …".
                logger.warning(reason.hasPrefix("not read: ") ? "\(path) was \(reason)" : "\(path) is not an export this pipeline can read: \(reason)")
            }
            if case .ingested(let counts) = outcome {
                logger.info("\(path): \(counts.records) records, \(counts.accepted) stored, \(counts.rejected) rejected")
            }
        }
        for warning in summary.warnings { logger.warning("\(warning)") }
        warn(summary.unreadable)
    }

    private func run(_ stage: PipelineStage, store: OutcomesStore, runID: Int64, timings: [StageTiming],
                     progress: @escaping (String) -> Void) throws -> (line: String, counts: [(String, Int)]) {
        switch stage {
        case .ingest:
            let summary = try IngestStage(config: config, exportsFolder: exportsFolder, rehash: rehash)
                .run(store: store, runID: runID, now: now, progress: progress)
            return (summary.line, Self.counts(summary))
        case .transform:
            let summary = try TransformStage(config: config).run(store: store, runID: runID, now: now, progress: progress)
            return (summary.line, [("patients_recomputed", summary.patientsRecomputed), ("courses", summary.courses)])
        case .report:
            let context = RunContext(runID: runID, pipelineFile: pipelineFile, database: databasePath, stages: timings)
            let summary = try reportStage.run(store: store, now: now, context: context)
            return (summary.line, [("courses", summary.courses), ("route_rows", summary.rows), ("files", summary.files)])
        }
    }

    static func lastRun(_ record: StageRunRecord?) -> String {
        guard let record else { return "" }
        return " (last ran \(CivilTime.isoUTC(record.startedAt)))"
    }

    @Sendable public static func clock() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
