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

    func validate() throws {
        if stage != nil, from != nil { throw ValidationError("use --stage or --from, not both") }
    }

    func run() throws {
        bootstrapLogging(verbose: verbose)
        let logger = Logger(label: "outcomes")
        let config = try loadPipeline(pipeline)
        let stages: [PipelineStage] = stage.map { [$0] } ?? from.map { first in PipelineStage.allCases.filter { $0 >= first } } ?? PipelineStage.allCases
        let databasePath = overrides.database(config)
        let exportsFolder = overrides.exports(config)
        if stages.contains(.ingest) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: exportsFolder, isDirectory: &isDirectory), isDirectory.boolValue else {
                printError(ExportFolderMissing(path: exportsFolder).description)
                throw Exit.inputMissing
            }
        }
        // The run's time, read once and passed to every stage (interface.md: reports are reproducible).
        let now = RunClock.now()
        var runner = PipelineRunner(
            config: config, pipelineFile: pipeline, databasePath: databasePath, exportsFolder: exportsFolder,
            reportsPath: overrides.reports(config), period: overrides.reportPeriod(config), now: now, logger: logger)
        runner.rehash = rehash
        if stages.contains(.report) { try checkReportFolder(runner.reportFolderGuard) }
        let lock: DatabaseLock
        let store: OutcomesStore
        let runID: Int64
        do {
            let folder = (databasePath as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw Exit.failure(error, path: folder, context: "cannot create the database's folder \(folder)")
                }
            }
            lock = try DatabaseLock(database: databasePath, now: now)
            // Checks an existing file with PRAGMA quick_check before anything is written to it.
            store = try OutcomesStore(path: databasePath)
            try store.closeAbandonedRuns(at: now)
            runID = try store.beginRun(pipeline: config.name, stages: stages.map(\.rawValue), at: now)
        } catch {
            throw Exit.failure(error, path: databasePath, context: "cannot open the database \(databasePath)")
        }
        defer { withExtendedLifetime(lock) {} }
        let progress = ProgressLine()
        do {
            let result = try runner.run(store: store, runID: runID, stages: stages, forced: stage != nil || from != nil,
                                        progress: progress.show) { line in
                progress.clear()
                print(line)
            }
            let skipped = result.unreadable.isEmpty ? nil
                : "\(result.unreadable.count) export file(s) could not be read and were skipped: "
                    + result.unreadable.map(\.path).joined(separator: ", ")
            try store.finishRun(runID, status: "completed", message: skipped, at: RunClock.now())
            if !result.unreadable.isEmpty { throw Exit.fileSkipped }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            progress.clear()
            try? store.finishRun(runID, status: "failed", message: ErrorSentence.describe(error), at: RunClock.now())
            throw Exit.failure(error)
        }
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
    private let enabled = isatty(STDERR_FILENO) == 1
    private var last = Date.distantPast

    func show(_ text: String) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
    }

    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
