import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesIO
import OutcomesPipeline

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what the pipeline's database holds, and per stage whether it is up to date and why not.")

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @OptionGroup var overrides: PipelineOverrides

    func run() throws {
        let config = try loadPipeline(pipeline)
        let path = overrides.database(config)
        guard FileManager.default.fileExists(atPath: path) else {
            print("\(config.name): no database yet at \(path); every stage has never run")
            return
        }
        do {
            let store = try OutcomesStore(readingOnly: path)
            var lines = try StoreStatus.lines(store)
            let planner = StagePlanner(config: config, exportsFolder: overrides.exports(config), reportsPath: overrides.reports(config),
                                       period: overrides.reportPeriod(config), now: RunClock.now())
            for stage in PipelineStage.allCases { lines.append(try Self.line(stage, planner: planner, store: store)) }
            for line in lines { print(line) }
        } catch {
            throw Exit.failure(error, path: path, context: "cannot read the status of the database \(path)")
        }
    }

    /// "transform: stale: analysis parameters changed: … | last run 2026-…: completed in 3.1 s: transform: full, …"
    static func line(_ stage: PipelineStage, planner: StagePlanner, store: OutcomesStore) throws -> String {
        let name = stage == .report ? "report (\(planner.reportFolder))" : stage.rawValue
        let status: StageStatus
        do {
            status = try planner.status(stage, store: store)
        } catch let missing as ExportFolderMissing {
            return "\(name): cannot tell: \(missing)"
        } catch let missing as ExportFileMissing {
            return "\(name): cannot tell: \(missing)"
        }
        var line = name + ": " + (status.isUpToDate ? "up to date" : "stale: " + status.reasons.joined(separator: "; "))
        if let last = status.latest {
            line += "\n  last run \(CivilTime.isoUTC(last.startedAt)): \(last.status)"
                + (last.seconds.map { " in " + NumberFormat.fixed($0, decimals: 1) + " s" } ?? "")
                + (last.summary.map { ": " + $0 } ?? "")
        }
        return line
    }
}
