import Foundation
import OutcomesCore
import OutcomesIO

/// Whether a stage is up to date, and if not, why: an ordered list of named reasons in the
/// manner of R's `targets` (never ran, last run failed, new or changed export files,
/// analysis parameters changed, upstream stage reran since, program version changed).
public struct StageStatus: Sendable {
    public var stage: PipelineStage
    /// The report folder for the report stage; empty otherwise.
    public var target: String
    public var reasons: [String]
    public var latest: StageRunRecord?
    /// Ingest only: the export files that cannot be read now (warned about on every run).
    public var unreadable: [UnreadableExport] = []

    public var isUpToDate: Bool { reasons.isEmpty }
}

/// Tells what is stale. Each stage run records the named inputs it ran on (`stage_run.inputs`);
/// a stage is stale when its inputs now differ from those of its last completed run, when
/// it never completed, or when its upstream has work it has not seen.
public struct StagePlanner {
    public let config: PipelineConfig
    public let exportsFolder: String
    public let reportsPath: String
    public let period: ReportPeriod
    public let now: Int64
    /// `--rehash`: the ingest reads every export's content; a reason for it to run.
    public var rehash = false

    public init(config: PipelineConfig, exportsFolder: String, reportsPath: String, period: ReportPeriod, now: Int64) {
        self.config = config
        self.exportsFolder = exportsFolder
        self.reportsPath = reportsPath
        self.period = period
        self.now = now
    }

    /// The report folder this run writes, with `{period}` filled in.
    public var reportFolder: String {
        reportsPath.replacingOccurrences(of: "{period}", with: config.resolvedPeriod(period, now: now).name)
    }

    public func target(_ stage: PipelineStage) -> String { stage == .report ? reportFolder : "" }

    /// The named inputs a run of `stage` starting now depends on, as recorded with it.
    public func inputs(_ stage: PipelineStage, store: OutcomesStore) throws -> [(key: String, value: String)] {
        switch stage {
        case .ingest:
            return [("program_version", ProgramVersion.string), ("exports", config.ingestSettingsText)]
        case .transform:
            return [("program_version", ProgramVersion.string),
                    ("analysis", config.transformSettings.canonicalText),
                    ("ingest_run", try lastCompleted(.ingest, store: store))]
        case .report:
            return [("program_version", ProgramVersion.string),
                    ("period", config.resolvedPeriod(period, now: now).name),
                    ("min_cell", String(config.minCell)), ("chart_min_courses", String(config.chartMinCourses)), ("pipeline", config.name),
                    ("analysis", config.transformSettings.canonicalText),
                    ("transform_run", try lastCompleted(.transform, store: store)), ("ingest_run", try lastCompleted(.ingest, store: store))]
        }
    }

    /// The id of the stage's last completed run: a downstream stage is stale once it changes.
    func lastCompleted(_ stage: PipelineStage, store: OutcomesStore) throws -> String {
        String(try store.lastStageRuns(stage: stage.rawValue, target: "").completed?.id ?? 0)
    }

    static func text(_ inputs: [(key: String, value: String)]) -> String {
        inputs.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
    }

    static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }

    public func status(_ stage: PipelineStage, store: OutcomesStore) throws -> StageStatus {
        let target = target(stage)
        let runs = try store.lastStageRuns(stage: stage.rawValue, target: target)
        var status = StageStatus(stage: stage, target: target, reasons: [], latest: runs.latest)
        guard let latest = runs.latest else {
            status.reasons = ["never ran" + (stage == .report ? " for \(target)" : "")]
            return status
        }
        if latest.status != "completed" {
            status.reasons.append("last run \(latest.status == "running" ? "did not finish" : "failed")"
                + (latest.summary.map { ": \($0)" } ?? ""))
        }
        guard let completed = runs.completed else {
            status.reasons.append("never completed" + (stage == .report ? " for \(target)" : ""))
            return status
        }
        let before = Self.parse(completed.inputs)
        let now = try inputs(stage, store: store)
        let changed = Set(now.filter { before[$0.key] != $0.value }.map(\.key))
        switch stage {
        case .ingest:
            let ingest = IngestStage(config: config, exportsFolder: exportsFolder, rehash: rehash)
            let check = try ingest.checkExports(store: store)
            status.unreadable = check.unreadable
            let pending = check.pending
            if !pending.isEmpty {
                let names = pending.prefix(3).map(\.relativePath).joined(separator: ", ") + (pending.count > 3 ? ", …" : "")
                status.reasons.append("\(pending.count) new or changed export file(s): \(names)")
            }
            if !check.others.isEmpty {
                status.reasons.append("\(check.others.count) new file(s) that no [[sources]] pattern matches, to be listed: "
                    + check.others.prefix(3).joined(separator: ", ") + (check.others.count > 3 ? ", …" : ""))
            }
            if !check.gone.isEmpty {
                status.reasons.append("\(check.gone.count) export file(s) listed as unreadable are gone: " + check.gone.prefix(3).joined(separator: ", ")
                    + (check.gone.count > 3 ? ", …" : ""))
            }
            if let reason = try ingest.contentCheckReason(store: store, now: self.now) { status.reasons.append(reason) }
            if changed.contains("exports") { status.reasons.append("export settings changed ([[sources]], timezone or max_missing_items)") }
        case .transform:
            let keys = analysisChanges(before: before, now: now)
            if !keys.isEmpty { status.reasons.append("analysis parameters changed: " + keys.joined(separator: ", ")) }
            let patients = try store.changedPatientCount()
            if changed.contains("ingest_run") || patients > 0 {
                status.reasons.append("upstream stage reran since: ingest" + (patients > 0 ? " (new or changed data of \(patients) patient(s))" : ""))
            }
        case .report:
            let settings = ["period", "min_cell", "chart_min_courses", "pipeline"].filter(changed.contains)
            if !settings.isEmpty {
                let current = Dictionary(now.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
                status.reasons.append("report settings changed: "
                    + settings.map { key in "\(key) \(before[key] ?? "(none)") → \(current[key] ?? "(none)")" }.joined(separator: ", "))
            }
            if !analysisChanges(before: before, now: now).isEmpty { status.reasons.append("analysis parameters changed") }
            var upstream: [String] = []
            if changed.contains("transform_run") { upstream.append("transform") }
            if changed.contains("ingest_run") { upstream.append("ingest") }
            if !upstream.isEmpty { status.reasons.append("upstream stage reran since: " + upstream.joined(separator: " and ")) }
            var isDirectory: ObjCBool = false
            if !(FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && isDirectory.boolValue) {
                status.reasons.append("the report folder \(target) is missing")
            }
        }
        if changed.contains("program_version") {
            // (The analysis settings text carries the version too; it is named once, here.)
            status.reasons.append("program version changed (\(before["program_version"] ?? "unknown") → \(ProgramVersion.string))")
        }
        return status
    }

    /// The analysis keys that changed since the last completed run, without the program version.
    func analysisChanges(before: [String: String], now: [(key: String, value: String)]) -> [String] {
        guard let old = before["analysis"], let new = now.first(where: { $0.key == "analysis" })?.value, old != new else { return [] }
        return TransformSettings.changes(from: old, to: new).parameters
    }
}
