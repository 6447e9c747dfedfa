/// One reason a stage must run, in the order `StagePlanner` checks them. `description` is
/// the sentence `outcomes status` and `--verbose` print; `code` names the kind for run.json,
/// so a script can tell reasons apart without reading sentences. No reason holds a patient
/// value: only export file names, setting names and run states.
public enum StaleReason: Sendable, Equatable, CustomStringConvertible {
    /// The stage has no run (for the report: for this folder).
    case neverRan(folder: String?)
    /// Its latest run failed, or was left running by a process that stopped.
    case lastRunFailed(finished: Bool, summary: String?)
    /// It ran, but never completed (for the report: for this folder).
    case neverCompleted(folder: String?)
    /// Ingest: files new or changed by size and modification time, files newly unreadable,
    /// or listed unreadable files that can be read again (the first three named).
    case exportsPending(count: Int, names: [String])
    /// Ingest: files of the export folder that no source matches, not listed yet.
    case unmatchedFiles(count: Int, names: [String])
    /// Ingest: files listed as unreadable that are gone.
    case unreadableGone(count: Int, names: [String])
    /// Ingest: every file's content is read again (`--rehash`, or `rehash_every_days` passed).
    case contentCheck(asked: Bool, everyDays: Int)
    /// Ingest: `[[sources]]`, `timezone` or `max_missing_items` changed.
    case exportSettingsChanged
    /// The analysis parameters changed; the transform names the keys, the report does not.
    case analysisChanged(keys: [String])
    /// Report: `period`, `min_cell` or the pipeline's name changed (key, before, after).
    case reportSettingsChanged([SettingChange])
    /// An earlier stage completed a run that changed what this one reads; for the transform,
    /// with the number of patients whose data changed.
    case upstreamReran(stages: [PipelineStage], patients: Int)
    /// Report: the folder it writes is not there.
    case reportFolderMissing(String)
    case programVersionChanged(from: String, to: String)

    /// One changed setting of the report.
    public struct SettingChange: Sendable, Equatable {
        public var key: String
        public var before: String
        public var after: String
    }

    /// The kind of reason, for run.json.
    public var code: String {
        switch self {
        case .neverRan: "never_ran"
        case .lastRunFailed: "last_run_failed"
        case .neverCompleted: "never_completed"
        case .exportsPending: "exports_changed"
        case .unmatchedFiles: "unmatched_files"
        case .unreadableGone: "unreadable_files_gone"
        case .contentCheck: "content_check"
        case .exportSettingsChanged: "export_settings_changed"
        case .analysisChanged: "analysis_parameters_changed"
        case .reportSettingsChanged: "report_settings_changed"
        case .upstreamReran: "upstream_reran"
        case .reportFolderMissing: "report_folder_missing"
        case .programVersionChanged: "program_version_changed"
        }
    }

    public var description: String {
        switch self {
        case .neverRan(let folder): "never ran" + (folder.map { " for \($0)" } ?? "")
        case .lastRunFailed(let finished, let summary):
            "last run \(finished ? "failed" : "did not finish")" + (summary.map { ": \($0)" } ?? "")
        case .neverCompleted(let folder): "never completed" + (folder.map { " for \($0)" } ?? "")
        case .exportsPending(let count, let names): "\(count) new or changed export file(s): " + Self.listed(names, count)
        case .unmatchedFiles(let count, let names):
            "\(count) new file(s) that no [[sources]] pattern matches, to be listed: " + Self.listed(names, count)
        case .unreadableGone(let count, let names): "\(count) export file(s) listed as unreadable are gone: " + Self.listed(names, count)
        case .contentCheck(let asked, let days):
            asked ? "content check asked for (--rehash)" : "content check due (every \(days) day\(days == 1 ? "" : "s"))"
        case .exportSettingsChanged: "export settings changed ([[sources]], timezone or max_missing_items)"
        case .analysisChanged(let keys): "analysis parameters changed" + (keys.isEmpty ? "" : ": " + keys.joined(separator: ", "))
        case .reportSettingsChanged(let changes):
            "report settings changed: " + changes.map { "\($0.key) \($0.before) → \($0.after)" }.joined(separator: ", ")
        case .upstreamReran(let stages, let patients):
            "upstream stage reran since: " + stages.map(\.rawValue).joined(separator: " and ")
                + (patients > 0 ? " (new or changed data of \(patients) patient(s))" : "")
        case .reportFolderMissing(let folder): "the report folder \(folder) is missing"
        case .programVersionChanged(let before, let after): "program version changed (\(before) → \(after))"
        }
    }

    /// The first three names, then "…" when there are more.
    static func listed(_ names: [String], _ count: Int) -> String {
        names.prefix(3).joined(separator: ", ") + (count > 3 ? ", …" : "")
    }
}
