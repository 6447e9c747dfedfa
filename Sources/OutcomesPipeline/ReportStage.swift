import OutcomesCore
import OutcomesIO

/// What the report stage wrote.
public struct ReportSummary: Sendable, Equatable {
    public var directory: String
    public var period: String
    public var files: Int
    public var courses: Int
    public var rows: Int

    public var line: String {
        "report: \(period), \(courses) course(s), \(rows) route row(s); \(files) files in \(directory)"
    }
}

/// A report stage run that cannot start: the tables it reads are missing.
public struct ReportNotReady: Error, CustomStringConvertible {
    public var description: String {
        "the database has no analysis tables yet; run the transform stage first (outcomes run PIPELINE --stage transform)"
    }
}

/// Stage 3: reads the analysis tables and writes the report directory (interface.md,
/// "Report directory") as a whole.
public struct ReportStage {
    public let config: PipelineConfig
    public let period: ReportPeriod
    /// The folder as configured; a `{period}` in it becomes the period's name.
    public let reportsPath: String

    public init(config: PipelineConfig, period: ReportPeriod? = nil, reportsPath: String? = nil) {
        self.config = config
        self.period = period ?? config.period
        self.reportsPath = reportsPath ?? config.reports
    }

    /// Reads the inputs of the report: `now` is the run's time, which decides `last-quarter`.
    public func inputs(store: OutcomesStore, now: Int64) throws -> ReportInputs {
        guard try store.transformState() != nil else { throw ReportNotReady() }
        guard let zone = LocalTimeZone(identifier: config.timezone) else {
            throw PipelineFileError(path: config.path, line: nil, "unknown time zone \(config.timezone)")
        }
        let resolved = period.resolved(today: zone.localDay(of: now))
        let reader = ReportReader(store)
        return ReportInputs(
            pipelineName: config.name, runTime: now, timezone: config.timezone, period: resolved, parameters: config.analysis,
            smallCells: SmallCells(minCell: config.minCell), instrumentsWithScores: try reader.instrumentsWithScores(),
            facts: try reader.courseFacts(), curveValues: try reader.curveValues(days: resolved.days),
            dataQuality: try reader.dataQuality(), files: try reader.inputFiles())
    }

    public func run(store: OutcomesStore, now: Int64) throws -> ReportSummary {
        let inputs = try inputs(store: store, now: now)
        let report = OutcomeReport(inputs)
        let files = ReportFiles.render(report)
        let directory = reportsPath.replacingOccurrences(of: "{period}", with: inputs.period.name)
        try ReportDirectory.write(files, to: directory)
        return ReportSummary(directory: directory, period: inputs.period.name, files: files.count, courses: report.courseCount,
                             rows: report.summaries.count)
    }
}
