import OutcomesCore
import OutcomesIO

/// Where run.json goes, and whether it may: into the report folder of the run, only when
/// that folder already holds this pipeline's report (our manifest.json and nothing foreign,
/// the rule of `ReportFolderGuard`). A folder that is missing, empty or not ours gets no
/// run.json: it is not created for the log alone (an empty folder with only run.json would no
/// longer be a report folder the next run may replace), and a folder someone else's files
/// share is never written into. The error of such a run still goes to standard error and
/// the database's `run` table.
public enum RunLogFile {
    /// Writes `log` as run.json when the folder is ours; false when it was not written.
    /// Call it under the database lock: the report stage replaces the folder under it.
    @discardableResult
    public static func write(_ log: RunLog, folder rule: ReportFolderGuard) throws -> Bool {
        guard mayWrite(rule) else { return false }
        try ReportDirectory.replaceFile(RunLog.fileName, in: rule.reportFolder, contents: log.rendered)
        return true
    }

    /// Whether the folder holds our report and nothing else (run.json aside): asked before the
    /// lock is taken for the log alone, so a refused run creates not even a lock file.
    public static func mayWrite(_ rule: ReportFolderGuard) -> Bool {
        guard (try? rule.check()) != nil,
              case .folder(_, let manifest?) = FolderContents.at(FileSystemPath.resolvedEntry(rule.reportFolder)),
              RunManifest.fileNames(manifest) != nil else { return false }
        return true
    }
}
