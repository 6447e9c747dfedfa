import ArgumentParser
import Foundation
import Logging
import OutcomesCore
import OutcomesIO
import OutcomesPipeline

extension PipelineStage: ExpressibleByArgument {}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: the stages that are stale (ingest, transform, report), or the ones named.",
        discussion: """
            With neither --stage nor --from, each stage runs only if it is stale (outcomes status PIPELINE says why); \
            a run with nothing new does no work and says so. --stage S runs S alone over what the database holds; \
            --from S runs S and every stage after it.

            An export file is skipped unread when its size and modification time are those of a file already \
            ingested; --rehash (and, by default, a run every [pipeline] rehash_every_days = 7 days) reads every \
            file's content again, so a rewrite that kept its size and time is still ingested.

            Under cron: --quiet prints nothing when the run succeeds (warnings and errors still print); when standard \
            error is not a terminal each of its lines starts with the UTC time. Every run ends by writing run.json \
            (each stage's status, reasons, times, counts, and the exit code) into the report folder, when that folder \
            holds this pipeline's report.

            Exit codes: 0 done; 1 a stage failed (nothing of it committed), or the database is damaged (nothing written); 2 every stage ran, but at least one \
            export file could not be read and was skipped (a warning names it; see data_quality.csv, kind \
            unreadable); 64 usage or pipeline-file error, or a report folder \
            the pipeline did not write (it replaces only its own); 66 export folder or named file missing; 75 another run \
            holds the database (try again later).
            """)

    @Argument(help: "The pipeline file, e.g. Pipelines/nightly.toml.")
    var pipeline: String

    @Option(help: "Run this stage alone over what the database holds: ingest, transform or report.")
    var stage: PipelineStage?

    @Option(help: "Run this stage and every stage after it.")
    var from: PipelineStage?

    @OptionGroup var overrides: PipelineOverrides

    @Flag(help: "Read every export's content again, even files whose size and modification time are unchanged.")
    var rehash = false

    @Flag(name: .shortAndLong, help: "Log each file and why each stage runs.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print nothing when the run succeeds (for cron); warnings and errors still print.")
    var quiet = false

    func validate() throws {
        if stage != nil, from != nil { throw ValidationError("use --stage or --from, not both") }
        if quiet, verbose { throw ValidationError("use --quiet or --verbose, not both") }
    }

    func run() throws {
        bootstrapLogging(verbose: verbose)
        let logger = Logger(label: "outcomes")
        let config = try loadPipeline(pipeline)
        let stages: [PipelineStage] = stage.map { [$0] } ?? from.map { first in PipelineStage.allCases.filter { $0 >= first } } ?? PipelineStage.allCases
        let databasePath = overrides.database(config)
        // The run's time, read once and passed to every stage (interface.md: reports are reproducible).
        let now = RunClock.now()
        let started = Date()
        var runner = PipelineRunner(
            config: config, pipelineFile: pipeline, databasePath: databasePath, exportsFolder: overrides.exports(config),
            reportsPath: overrides.reports(config), period: overrides.reportPeriod(config), now: now, logger: logger)
        runner.rehash = rehash
        runner.clock = RunClock.now
        var book = RunBook()
        let code: ExitCode
        do {
            try perform(runner, stages: stages, book: &book)
            code = .success
        } catch let exit as ExitCode {
            code = exit
        } catch {
            book.error = Exit.sentence(error)
            code = Exit.failure(error)
        }
        let log = RunLog(runID: book.runID, pipeline: config.name, pipelineFile: pipeline, startedAt: now, finishedAt: RunClock.now(),
                         seconds: Date().timeIntervalSince(started), stages: book.allStages(), exitCode: code.rawValue,
                         error: book.error, skippedFiles: book.skippedFiles)
        writeRunLog(log, runner: runner, lock: book.lock, now: now)
        withExtendedLifetime(book.lock) {}
        if code != .success { throw code }
    }

    /// What the run did, gathered for run.json; the lock is kept here so run.json is written under it.
    struct RunBook {
        var runID: Int64?
        var stages: [RunLog.Stage] = []
        var error: String?
        var skippedFiles: [String] = []
        var lock: DatabaseLock?

        /// Every stage of the pipeline in order: those this run looked at as recorded, the others not run.
        func allStages() -> [RunLog.Stage] {
            PipelineStage.allCases.map { stage in
                stages.first { $0.stage == stage.rawValue } ?? RunLog.Stage(stage: stage.rawValue, status: .notRun)
            }
        }
    }

    /// The run proper. An error is printed where it happens (its sentence noted in `book`) and
    /// thrown as its exit code, from the one mapping of ExitCodes.swift.
    private func perform(_ runner: PipelineRunner, stages: [PipelineStage], book: inout RunBook) throws {
        var failed: String?
        func fail(_ error: Error, path: String? = nil, context: String? = nil) -> ExitCode {
            failed = Exit.sentence(error, path: path, context: context)
            return Exit.failure(error, path: path, context: context)
        }
        defer { book.error = failed }
        let databasePath = runner.databasePath
        if stages.contains(.ingest) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: runner.exportsFolder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw fail(ExportFolderMissing(path: runner.exportsFolder))
            }
        }
        if stages.contains(.report) {
            do { try runner.reportFolderGuard.check() } catch { throw fail(error) }
        }
        let store: OutcomesStore
        let runID: Int64
        do {
            let folder = (databasePath as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw fail(error, path: folder, context: "cannot create the database's folder \(folder)")
                }
            }
            book.lock = try DatabaseLock(database: databasePath, now: runner.now)
            // Checks an existing file with PRAGMA quick_check before anything is written to it.
            store = try OutcomesStore(path: databasePath)
            try store.closeAbandonedRuns(at: runner.now)
            runID = try store.beginRun(pipeline: runner.config.name, stages: stages.map(\.rawValue), at: runner.now)
            book.runID = runID
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw fail(error, path: databasePath, context: "cannot open the database \(databasePath)")
        }
        let progress = ProgressLine(enabled: !quiet)
        var recorded: [RunLog.Stage] = []
        defer { book.stages = recorded }
        do {
            let result = try runner.run(store: store, runID: runID, stages: stages, forced: stage != nil || from != nil,
                                        progress: progress.show, record: { recorded.append($0) }) { line in
                progress.clear()
                if !quiet { print(line) }
            }
            book.skippedFiles = result.unreadable.map(\.path)
            let skipped = result.unreadable.isEmpty ? nil
                : "\(result.unreadable.count) export file(s) could not be read and were skipped: "
                    + result.unreadable.map(\.path).joined(separator: ", ")
            try store.finishRun(runID, status: "completed", message: skipped, at: RunClock.now())
            store.seal()
            if !result.unreadable.isEmpty { throw Exit.fileSkipped }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            progress.clear()
            try? store.finishRun(runID, status: "failed", message: ErrorSentence.describe(error), at: RunClock.now())
            // A failed run leaves no stamp: the next open checks the file in full.
            throw fail(error)
        }
    }

    /// run.json into the report folder when it is the pipeline's (RunLogFile), under the
    /// database lock: this run's, or taken now for a run that stopped before it took it (a
    /// missing export folder). A run that finds the lock held writes none: the run holding it
    /// writes its own. A failure to write is warned about and does not change the exit code.
    private func writeRunLog(_ log: RunLog, runner: PipelineRunner, lock: DatabaseLock?, now: Int64) {
        guard RunLogFile.mayWrite(runner.reportFolderGuard) else { return }
        let held = lock ?? (try? DatabaseLock(database: runner.databasePath, now: now))
        guard held != nil else { return }
        do {
            try RunLogFile.write(log, folder: runner.reportFolderGuard)
        } catch {
            Logger(label: "outcomes").warning("run.json was not written: \(ErrorSentence.describe(error))")
        }
        withExtendedLifetime(held) {}
    }
}

/// The run's time. `OUTCOMES_RUN_TIME` (seconds since 1970) pins it, so that a test or an
/// auditor can rerun a report and get the same bytes.
enum RunClock {
    static func now() -> Int64 {
        if let pinned = ProcessInfo.processInfo.environment["OUTCOMES_RUN_TIME"], let seconds = Int64(pinned) { return seconds }
        return Int64(Date().timeIntervalSince1970)
    }
}

/// Progress on a terminal, nothing under cron.
final class ProgressLine {
    private let enabled: Bool
    private var last = Date.distantPast

    /// `enabled` false (`--quiet`): nothing even on a terminal.
    init(enabled: Bool = true) { self.enabled = enabled && isatty(STDERR_FILENO) == 1 }

    func show(_ text: String) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
