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

            Exit codes: 0 done; 1 a stage failed (nothing of it committed); 64 usage or pipeline-file error, or a report folder \
            the pipeline did not write (it replaces only its own); \
            66 export folder or named file missing; 75 another run holds the database (try again later).
            """)

    @Argument(help: "The pipeline file, e.g. Pipelines/nightly.toml.")
    var pipeline: String

    @Option(help: "Run this stage alone over what the database holds: ingest, transform or report.")
    var stage: PipelineStage?

    @Option(help: "Run this stage and every stage after it.")
    var from: PipelineStage?

    @OptionGroup var overrides: PipelineOverrides

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
        let runner = PipelineRunner(
            config: config, pipelineFile: pipeline, databasePath: databasePath, exportsFolder: exportsFolder,
            reportsPath: overrides.reports(config), period: overrides.reportPeriod(config), now: now, logger: logger)
        if stages.contains(.report) { try checkReportFolder(runner.reportFolderGuard) }
        let lock: DatabaseLock
        let store: OutcomesStore
        do {
            let folder = (databasePath as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            lock = try DatabaseLock(database: databasePath, now: now)
            store = try OutcomesStore(path: databasePath)
            try store.closeAbandonedRuns(at: now)
        } catch let busy as DatabaseBusy {
            printError(busy.description)
            throw Exit.locked
        } catch {
            printError("cannot open the database \(databasePath): \(error)")
            throw Exit.stageFailed
        }
        defer { withExtendedLifetime(lock) {} }
        let runID = try store.beginRun(pipeline: config.name, stages: stages.map(\.rawValue), at: now)
        let progress = ProgressLine()
        do {
            _ = try runner.run(store: store, runID: runID, stages: stages, forced: stage != nil || from != nil, progress: progress.show) { line in
                progress.clear()
                print(line)
            }
            try store.finishRun(runID, status: "completed", message: nil, at: RunClock.now())
        } catch {
            progress.clear()
            try? store.finishRun(runID, status: "failed", message: "\(error)", at: RunClock.now())
            printError("\(error)")
            throw failedRunExit(error)
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
