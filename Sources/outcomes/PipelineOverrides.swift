import ArgumentParser
import OutcomesCore
import OutcomesPipeline

/// The options that override a pipeline file's paths and period, shared by `run` and `status`
/// (status must look at the same database, exports and report folder the run would use).
struct PipelineOverrides: ParsableArguments {
    @Option(help: "Report period: all, YYYYQn, YYYY-MM-DD..YYYY-MM-DD or last-quarter.")
    var period: String?

    @Option(help: "Database path (overrides the pipeline's [pipeline] database).")
    var db: String?

    @Option(help: "Report folder (overrides the pipeline's [pipeline] reports).")
    var out: String?

    @Option(help: "Export folder (overrides the pipeline's [pipeline] exports).")
    var input: String?

    func validate() throws {
        if let period, ReportPeriod(parsing: period) == nil {
            throw ValidationError("--period '\(period)' is not a period; use all, YYYYQn, YYYY-MM-DD..YYYY-MM-DD or last-quarter")
        }
    }

    func database(_ config: PipelineConfig) -> String { db ?? config.database }
    func exports(_ config: PipelineConfig) -> String { input ?? config.exports }
    func reports(_ config: PipelineConfig) -> String { out ?? config.reports }
    func reportPeriod(_ config: PipelineConfig) -> ReportPeriod { period.flatMap(ReportPeriod.init(parsing:)) ?? config.period }
}
