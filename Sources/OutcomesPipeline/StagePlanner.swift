import Foundation
import OutcomesCore
import OutcomesIO

/// Whether a stage is up to date, and if not, why: an ordered list of typed reasons in the
/// manner of R's `targets` (never ran, last run failed, new or changed export files,
/// analysis parameters changed, upstream stage reran since, program version changed).
public struct StageStatus: Sendable {
    public var stage: PipelineStage
    /// The report folder for the report stage; empty otherwise.
    public var target: String
    public var staleReasons: [StaleReason]
    public var latest: StageRunRecord?
    /// Ingest only: the export files that cannot be read now (warned about on every run).
    public var unreadable: [UnreadableExport] = []

    /// The reasons as the sentences `status` prints.
    public var reasons: [String] { staleReasons.map(\.description) }
    public var isUpToDate: Bool { staleReasons.isEmpty }
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

    /// The id of the stage's last completed run that changed what later stages read: a
    /// downstream stage is stale once it changes. An ingest that found only touched files
    /// (same content, new modification time) changed nothing, so it does not count.
    func lastCompleted(_ stage: PipelineStage, store: OutcomesStore) throws -> String {
        String(try store.lastChangingStageRun(stage: stage.rawValue, target: "") ?? 0)
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

    /// The stage's reasons to run, checked in order: its own runs first, then what it reads,
    /// then the program version.
    public func status(_ stage: PipelineStage, store: OutcomesStore) throws -> StageStatus {
        let target = target(stage)
        let folder = stage == .report ? target : nil
        let runs = try store.lastStageRuns(stage: stage.rawValue, target: target)
        var status = StageStatus(stage: stage, target: target, staleReasons: [], latest: runs.latest)
        guard let latest = runs.latest else {
            status.staleReasons = [.neverRan(folder: folder)]
            return status
        }
        var reasons: [StaleReason] = []
        if latest.status != "completed" {
            reasons.append(.lastRunFailed(finished: latest.status != "running", summary: latest.summary))
        }
        guard let completed = runs.completed else {
            status.staleReasons = reasons + [.neverCompleted(folder: folder)]
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
            if !check.pending.isEmpty { reasons.append(.exportsPending(count: check.pending.count, names: check.pending.prefix(3).map(\.relativePath))) }
            if !check.others.isEmpty { reasons.append(.unmatchedFiles(count: check.others.count, names: Array(check.others.prefix(3)))) }
            if !check.gone.isEmpty { reasons.append(.unreadableGone(count: check.gone.count, names: Array(check.gone.prefix(3)))) }
            if let reason = try ingest.contentCheckReason(store: store, now: self.now) { reasons.append(reason) }
            if changed.contains("exports") { reasons.append(.exportSettingsChanged) }
        case .transform:
            let keys = analysisChanges(before: before, now: now)
            if !keys.isEmpty { reasons.append(.analysisChanged(keys: keys)) }
            let patients = try store.changedPatientCount()
            if changed.contains("ingest_run") || patients > 0 { reasons.append(.upstreamReran(stages: [.ingest], patients: patients)) }
        case .report:
            let settings = ["period", "min_cell", "chart_min_courses", "pipeline"].filter(changed.contains)
            if !settings.isEmpty {
                let current = Dictionary(now.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
                reasons.append(.reportSettingsChanged(settings.map {
                    StaleReason.SettingChange(key: $0, before: before[$0] ?? "(none)", after: current[$0] ?? "(none)")
                }))
            }
            if !analysisChanges(before: before, now: now).isEmpty { reasons.append(.analysisChanged(keys: [])) }
            let upstream = [PipelineStage.transform, .ingest].filter { changed.contains("\($0.rawValue)_run") }
            if !upstream.isEmpty { reasons.append(.upstreamReran(stages: upstream, patients: 0)) }
            var isDirectory: ObjCBool = false
            if !(FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) && isDirectory.boolValue) {
                reasons.append(.reportFolderMissing(target))
            }
        }
        if changed.contains("program_version") {
            // (The analysis settings text carries the version too; it is named once, here.)
            reasons.append(.programVersionChanged(from: before["program_version"] ?? "unknown", to: ProgramVersion.string))
        }
        status.staleReasons = reasons
        return status
    }

    /// The analysis keys that changed since the last completed run, without the program version.
    func analysisChanges(before: [String: String], now: [(key: String, value: String)]) -> [String] {
        guard let old = before["analysis"], let new = now.first(where: { $0.key == "analysis" })?.value, old != new else { return [] }
        return TransformSettings.changes(from: old, to: new).parameters
    }
}
