import ArgumentParser
import Foundation
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
    }
}
