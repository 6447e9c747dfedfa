/// One stage of the run, for the manifest.
public struct StageTiming: Equatable, Sendable {
    public var stage: String
    /// False when the stage was up to date and skipped.
    public var ran: Bool
    public var seconds: Double
    public var summary: String

    public init(stage: String, ran: Bool, seconds: Double, summary: String) {
        self.stage = stage
        self.ran = ran
        self.seconds = seconds
        self.summary = summary
    }
}

/// Who ran the report, and how: what manifest.json records besides the report's own inputs.
public struct RunContext: Sendable {
    public var runID: Int64?
    public var pipelineFile: String
    public var database: String
    /// The stages of this run before the report, in order.
    public var stages: [StageTiming]

    public init(runID: Int64?, pipelineFile: String, database: String, stages: [StageTiming]) {
        self.runID = runID
        self.pipelineFile = pipelineFile
        self.database = database
        self.stages = stages
    }
}

/// manifest.json: enough to trace a figure back to the exports it came from: the pipeline,
/// parameters, program version, every input file with its SHA-256 and row counts, the
/// stages with their timings, the run id, and the SHA-256 of every file of the report.
public enum RunManifest {
    public static func render(_ report: OutcomeReport, context: RunContext, files: [(name: String, sha256: String, bytes: Int)],
                              transformSettings: String) -> String {
        let inputs = report.inputs
        let period = inputs.period
        let object: JSONText = .object([
            ("manifest_version", .integer(2)),
            ("run_id", context.runID.map(JSONText.integer) ?? .null),
            ("run_time", .string(CivilTime.isoUTC(inputs.runTime))),
            ("program_version", .string(ProgramVersion.string)),
            ("pipeline", .object([("name", .string(inputs.pipelineName)), ("file", .string(context.pipelineFile))])),
            ("database", .string(context.database)),
            ("period", .object([
                ("name", .string(period.name)),
                // A quarter's days follow from its name; only a range of days names them (its name holds them too).
                ("kind", .string(period.days == nil ? "all" : period.quarter != nil ? "quarter" : "days")),
                ("first_day", period.quarter == nil ? period.days.map { .string(CivilTime.isoDate(days: $0.lowerBound)) } ?? .null : .null),
                ("last_day", period.quarter == nil ? period.days.map { .string(CivilTime.isoDate(days: $0.upperBound)) } ?? .null : .null),
            ])),
            ("parameters", .object([
                ("analysis", .raw(transformSettings)),
                ("max_missing_items", .object(Instrument.allCases.sorted().map {
                    ($0.rawValue, .integer(Int64(inputs.parameters.scoring.maxMissingItems[$0] ?? $0.defaultMaxMissingItems)))
                })),
                ("min_cell", .integer(Int64(inputs.smallCells.minCell))),
                ("chart_min_courses", .integer(Int64(inputs.chartMinCourses))),
            ])),
            ("inputs", .array(inputs.files.map { file in
                .object([
                    ("path", .string(file.path)), ("kind", .string(file.kind)), ("form", file.form.map(JSONText.string) ?? .null),
                    ("sha256", .string(file.sha256)), ("size_bytes", .integer(Int64(file.sizeBytes))),
                    ("records", .integer(Int64(file.records))), ("stored", .integer(Int64(file.stored))),
                    ("superseded", .integer(Int64(file.superseded))), ("duplicates", .integer(Int64(file.duplicates))),
                    ("skipped", .integer(Int64(file.skipped))), ("rejected", .integer(Int64(file.rejected))),
                ])
            })),
            ("stages", .array(context.stages.map { stage in
                .object([("stage", .string(stage.stage)), ("ran", .bool(stage.ran)), ("seconds", .number(stage.seconds, decimals: 3)),
                         ("summary", .string(stage.summary))])
            })),
            ("files", .array(files.map { file in
                .object([("name", .string(file.name)), ("sha256", .string(file.sha256)), ("bytes", .integer(Int64(file.bytes)))])
            })),
        ])
        return object.rendered() + "\n"
    }
}
