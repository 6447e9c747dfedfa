import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesIO
import OutcomesPipeline

/// The stages, in the order they run.
enum StageName: String, CaseIterable, ExpressibleByArgument {
    case ingest, transform, report
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline: ingest the exports, transform them into the analysis tables, and write the report.")

    @Argument(help: "The pipeline file, e.g. Pipelines/nightly.toml.")
    var pipeline: String

    @Option(help: "Run this stage alone over what the database holds.")
    var stage: StageName?

    @Option(help: "Run this stage and every stage after it.")
    var from: StageName?

    @Option(help: "Report period: all, YYYYQn, YYYY-MM-DD..YYYY-MM-DD or last-quarter.")
    var period: String?

    @Option(help: "Database path (overrides the pipeline's [pipeline] database).")
    var db: String?

    @Option(help: "Report folder (overrides the pipeline's [pipeline] reports).")
    var out: String?

    @Option(help: "Export folder (overrides the pipeline's [pipeline] exports).")
    var input: String?

    func validate() throws {
        if stage != nil, from != nil { throw ValidationError("use --stage or --from, not both") }
        if let period, ReportPeriod(parsing: period) == nil {
            throw ValidationError("--period '\(period)' is not a period; use all, YYYYQn, YYYY-MM-DD..YYYY-MM-DD or last-quarter")
        }
    }

    func run() throws {
        let config = try loadPipeline(pipeline)
        let stages: [StageName] = stage.map { [$0] } ?? from.map { first in Array(StageName.allCases.drop { $0 != first }) } ?? StageName.allCases
        let available = stages
        let databasePath = db ?? config.database
        let exportsFolder = input ?? config.exports
        if available.contains(.ingest) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: exportsFolder, isDirectory: &isDirectory), isDirectory.boolValue else {
                printError(ExportFolderMissing(path: exportsFolder).description)
                throw Exit.inputMissing
            }
        }
        let store: OutcomesStore
        do {
            let folder = (databasePath as NSString).deletingLastPathComponent
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            store = try OutcomesStore(path: databasePath)
        } catch {
            printError("cannot open the database \(databasePath): \(error)")
            throw Exit.stageFailed
        }
        let now = Int64(Date().timeIntervalSince1970)
        let runID = try store.beginRun(pipeline: config.name, stages: available.map(\.rawValue), at: now)
        let progress = ProgressLine()
        for stage in available {
            do {
                let line = switch stage {
                case .ingest:
                    try IngestStage(config: config, exportsFolder: exportsFolder).run(store: store, runID: runID, now: now, progress: progress.show).line
                case .transform:
                    try TransformStage(config: config).run(store: store, runID: runID, now: now, progress: progress.show).line
                case .report:
                    try ReportStage(config: config, period: period.flatMap(ReportPeriod.init(parsing:)), reportsPath: out)
                        .run(store: store, now: now).line
                }
                progress.clear()
                print(line)
            } catch {
                progress.clear()
                try? store.finishRun(runID, status: "failed", message: "\(stage.rawValue): \(error)", at: Int64(Date().timeIntervalSince1970))
                let kept = switch stage {
                case .ingest: "committed nothing of the file it was reading"
                case .transform: "committed nothing; the previous analysis tables are unchanged"
                case .report: "wrote nothing; the previous report folder is unchanged"
                }
                printError("the \(stage.rawValue) stage failed and \(kept): \(error)")
                throw Exit.stageFailed
            }
        }
        try store.finishRun(runID, status: "completed", message: nil, at: Int64(Date().timeIntervalSince1970))
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
