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

/// A report stage run that cannot start: the tables it reads are missing, or were computed
/// with other analysis settings than the pipeline's (a report would print the new parameters
/// beside numbers computed with the old ones).
public struct ReportNotReady: Error, CustomStringConvertible {
    public var changes: [String] = []

    public var description: String {
        if changes.isEmpty {
            return "the database has no analysis tables yet; run the transform stage first (outcomes run PIPELINE --stage transform)"
        }
        return "the analysis tables were computed with other settings (\(changes.joined(separator: ", "))); "
            + "run the transform stage first (outcomes run PIPELINE --from transform)"
    }
}

/// Stage 3: reads the analysis tables and writes the report directory (interface.md,
/// "Report directory") as a whole.
public struct ReportStage {
    public let config: PipelineConfig
    public let period: ReportPeriod
    /// The folder as configured; a `{period}` in it becomes the period's name.
    public let reportsPath: String
    /// The export folder the report folder must keep clear of (ReportFolderGuard).
    public let exportsFolder: String

    public init(config: PipelineConfig, period: ReportPeriod? = nil, reportsPath: String? = nil, exportsFolder: String? = nil) {
        self.config = config
        self.period = period ?? config.period
        self.reportsPath = reportsPath ?? config.reports
        self.exportsFolder = exportsFolder ?? config.exports
    }

    /// The report folder of a run at `now`: the configured path with `{period}` replaced.
    public func directory(now: Int64) -> String {
        reportsPath.replacingOccurrences(of: "{period}", with: config.resolvedPeriod(period, now: now).name)
    }

    /// The rule that this stage replaces only its own folder, for a run at `now` on `databasePath`.
    public func folderGuard(now: Int64, databasePath: String) -> ReportFolderGuard {
        ReportFolderGuard(reportFolder: directory(now: now), exportsFolder: exportsFolder, databasePath: databasePath)
    }

    /// Reads the inputs of the report, all but data quality.
    func inputs(store: OutcomesStore, now: Int64, period resolved: ResolvedPeriod, dataQuality: DataQualitySummary) throws -> ReportInputs {
        let reader = ReportReader(store)
        return ReportInputs(
            pipelineName: config.name, runTime: now, timezone: config.timezone, period: resolved, parameters: config.analysis,
            smallCells: SmallCells(minCell: config.minCell), instrumentsWithScores: try reader.instrumentsWithScores(),
            facts: try reader.courseFacts(), curveGroups: try reader.curveGroups(days: resolved.days),
            dataQuality: dataQuality, files: try reader.inputFiles(), boosterFacts: try reader.courseBoosters(),
            chartMinCourses: config.chartMinCourses)
    }

    /// The transform's settings text, once the analysis tables are known to be computed with them.
    func checkReady(store: OutcomesStore) throws -> String {
        guard let state = try store.transformState() else { throw ReportNotReady() }
        let settings = config.transformSettings.canonicalText
        if state.settings != settings {
            throw ReportNotReady(changes: TransformSettings.differences(from: state.settings, to: settings))
        }
        return settings
    }

    public func run(store: OutcomesStore, now: Int64, context: RunContext? = nil) throws -> ReportSummary {
        let settings = try checkReady(store: store)
        var summary: ReportSummary?
        // `now` is the run's time: it decides `last-quarter`.
        let resolved = config.resolvedPeriod(period, now: now)
        let directory = directory(now: now)
        // Again under the database lock, right before the folder is replaced.
        try folderGuard(now: now, databasePath: store.path).check()
        // Row-level files only in a report that stays in the clinic (min_cell 0; docs/report.md).
        let insideClinic = config.minCell == 0
        try ReportDirectory.replace(directory) { folder in
            // data_quality.csv first, a row at a time, gathering what report.md and
            // data_quality_summary.csv say of it.
            var quality = DataQualitySummary()
            let writer = insideClinic ? try BufferedFileWriter(path: folder + "/data_quality.csv") : nil
            try writer?.write(CSVTable.line(ReportCSV.dataQualityHeader.map(CSVTable.Cell.text)))
            try ReportReader(store).forEachDataQualityRow { row in
                quality.add(row)
                try writer?.write(ReportCSV.dataQualityLine(row))
            }
            try writer?.close()
            let report = OutcomeReport(try inputs(store: store, now: now, period: resolved, dataQuality: quality))
            var rowLevel = writer == nil ? [] : ["data_quality.csv"]
            if insideClinic {
                try writeExclusions(store: store, report: report, to: folder + "/exclusions.csv")
                rowLevel.append("exclusions.csv")
            }
            let files = ReportFiles.render(report)
            for file in files { try ReportDirectory.write(file.contents, to: folder + "/" + file.name) }
            Checkpoint.reach("report.files-written")
            // The manifest last, with the fingerprint of every file beside it.
            let written = try (rowLevel + files.map(\.name)).sorted().map { name in
                let (digest, size) = try SHA256.ofFile(folder + "/" + name)
                return (name: name, sha256: digest, bytes: size)
            }
            let manifest = RunManifest.render(
                report, context: context ?? RunContext(runID: nil, pipelineFile: config.path, database: "", stages: []), files: written,
                transformSettings: settings)
            try ReportDirectory.write(manifest, to: folder + "/manifest.json")
            if !insideClinic {
                try disclosureCheck(store: store, now: now, period: resolved).check(folder: folder)
            }
            summary = ReportSummary(directory: directory, period: report.inputs.period.name, files: written.count + 1,
                                    courses: report.courseCount, rows: report.summaries.count)
        }
        return summary!
    }

    /// exclusions.csv, a course × instrument at a time: the courses of the period, of the
    /// instruments the report has a section for.
    func writeExclusions(store: OutcomesStore, report: OutcomeReport, to path: String) throws {
        let writer = try BufferedFileWriter(path: path)
        try writer.write(ExclusionsCSV.headerLine)
        let instruments = report.inputs.instrumentsWithScores
        try ReportReader(store).forEachExclusionCandidate { course, day in
            guard instruments.contains(course.instrument), report.inputs.period.contains(day: day) else { return }
            try writer.write(ExclusionsCSV.lines(course))
        }
        try writer.close()
    }

    /// The check of a folder that leaves the clinic, with the values the store holds and the
    /// days the report writes on purpose: the run's (UTC and local) and a range of days' first and last.
    func disclosureCheck(store: OutcomesStore, now: Int64, period: ResolvedPeriod) throws -> FolderDisclosureCheck {
        let zone = LocalTimeZone(identifier: config.timezone) ?? LocalTimeZone(identifier: "UTC")!
        let values = try store.disclosureValues(timezone: zone)
        var allowed: Set<Int64> = [zone.localDay(of: now), LocalTimeZone(identifier: "UTC")!.localDay(of: now)]
        // A range of days is written with its first and last day; a quarter by its months only, so
        // a quarter's bounds found in the folder are a leak like any other date of service.
        if let days = period.days, period.quarter == nil { allowed.formUnion([days.lowerBound, days.upperBound]) }
        return FolderDisclosureCheck(DisclosureCheck(
            patientIDs: values.patientIDs, sessionIDs: values.sessionIDs, administrationDays: values.administrationDays,
            sessionDays: values.sessionDays, allowedDays: allowed, rawValues: values.quotedValues))
    }
}
