import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesIO
import OutcomesPipeline

struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send this site's de-identified aggregates for the report period to the network database ([network] of the pipeline).",
        discussion: """
            Replaces the site's earlier contribution for the same period, in one transaction. What leaves the clinic: \
            docs/network.md. The password comes from PGPASSWORD or ~/.pgpass, never from the pipeline file.
            """)

    @Argument(help: "The pipeline file (with a [network] table).")
    var pipeline: String

    @Option(help: "The database to read, instead of [pipeline] database.")
    var db: String?

    @Option(help: "Report period (all, YYYYQn, YYYY-MM-DD..YYYY-MM-DD or last-quarter), instead of [report] period.")
    var period: String?

    func run() throws {
        var config = try loadPipeline(pipeline)
        if let period {
            guard let parsed = ReportPeriod(parsing: period) else {
                printError("--period '\(period)' is not a period; allowed: all, YYYYQn (2026Q3), YYYY-MM-DD..YYYY-MM-DD, last-quarter")
                throw Exit.usage
            }
            config.period = parsed
        }
        let path = db ?? config.database
        guard FileManager.default.fileExists(atPath: path) else {
            printError("no database at \(path); run the pipeline first (outcomes run \(pipeline))")
            throw Exit.inputMissing
        }
        do {
            let store = try OutcomesStore(readingOnly: path)
            let summary = try PublishStage(config: config).run(store: store, now: RunClock.now())
            print(summary.line)
        } catch {
            throw Exit.failure(error, path: path, context: "cannot publish from the database \(path)")
        }
    }
}
