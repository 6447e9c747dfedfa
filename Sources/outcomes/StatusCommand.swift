import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesIO
import OutcomesPipeline

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show what the pipeline's database holds and its last run.")

    @Argument(help: "The pipeline file.")
    var pipeline: String

    @Option(help: "Database path (overrides the pipeline's).")
    var db: String?

    func run() throws {
        let config = try loadPipeline(pipeline)
        let path = db ?? config.database
        guard FileManager.default.fileExists(atPath: path) else {
            print("\(config.name): no database yet at \(path); every stage has never run")
            return
        }
        let store = try OutcomesStore(path: path)
        for line in try StoreStatus.lines(store) { print(line) }
        print(try Self.transformLine(store: store, config: config))
    }

    /// Whether the analysis tables reflect the stored data and the pipeline's settings.
    static func transformLine(store: OutcomesStore, config: PipelineConfig) throws -> String {
        let last = try store.transformState()
        let plan = TransformPlan.decide(current: TransformStage(config: config).settings, last: last,
                                        changedPatients: try store.changedPatientCount())
        let when = last.map { " (last completed \(CivilTime.isoUTC($0.completedAt)), \($0.mode))" } ?? ""
        switch plan {
        case .incremental(0): return "transform: up to date" + when
        case .incremental: return "transform: stale, \(plan.reason)" + when
        case .full(let reason): return "transform: stale, \(reason)" + when
        }
    }
}
