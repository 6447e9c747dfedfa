import OutcomesCore
import OutcomesIO

/// A report folder the pipeline will not replace (exit 64): what it is, which other path it
/// meets, and what to do.
public struct ReportFolderRefused: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The rule that the report stage replaces only its own folder (issue 9: `--out ~/docs`
/// deleted a thesis, `reports` equal to the exports deleted them, `work/reports/..` deleted
/// the database). Checked before any stage runs, and again by the report stage under the
/// database lock, right before the folder is replaced.
///
/// The folder may be replaced when it does not exist, is empty, or holds our manifest.json
/// and only the files it lists (ReportFolderOwnership). It is refused when it is a file or a
/// symbolic link, holds anything else, is or contains or lies inside the exports folder (the
/// exports are read recursively: a report inside them would be read as exports), or is or
/// contains the database's folder. Paths are compared resolved through `..` and links.
public struct ReportFolderGuard: Sendable {
    /// The report folder with `{period}` already replaced, as the user wrote it.
    public let reportFolder: String
    public let exportsFolder: String
    public let databasePath: String

    public init(reportFolder: String, exportsFolder: String, databasePath: String) {
        self.reportFolder = reportFolder
        self.exportsFolder = exportsFolder
        self.databasePath = databasePath
    }

    static let whatToDo = "choose another --out or [pipeline] reports"

    /// Throws when the folder must not be replaced.
    public func check() throws(ReportFolderRefused) {
        let entry = FileSystemPath.resolvedEntry(reportFolder)
        let report = FileSystemPath.resolved(reportFolder)
        if let refusal = overlap(report: report) { throw refusal }
        if let refusal = Self.refusal(shown(reportFolder, entry), contents: FolderContents.at(entry)) { throw refusal }
    }

    /// The paths the report folder must keep clear of: the exports folder and the database.
    func overlap(report: String) -> ReportFolderRefused? {
        let folder = shown(reportFolder, report)
        // The link and the folder it leads to: replacing a folder that holds either loses it.
        let exports = Set([FileSystemPath.resolved(exportsFolder), FileSystemPath.resolvedEntry(exportsFolder)])
        let exportsShown = shown(exportsFolder, FileSystemPath.resolved(exportsFolder))
        if exports.contains(report) {
            return ReportFolderRefused("the report folder \(folder) is the export folder \(exportsShown); "
                + "replacing the report folder would delete the exports: choose a report folder outside the exports with --out or [pipeline] reports")
        }
        if exports.contains(where: { FileSystemPath.isWithin($0, report) }) {
            return ReportFolderRefused("the report folder \(folder) contains the export folder \(exportsShown); "
                + "replacing the report folder would delete the exports: choose a report folder outside the exports with --out or [pipeline] reports")
        }
        if exports.contains(where: { FileSystemPath.isWithin(report, $0) }) {
            return ReportFolderRefused("the report folder \(folder) lies inside the export folder \(exportsShown); "
                + "the next run would read the report's files as exports: choose a report folder outside the exports with --out or [pipeline] reports")
        }
        let databaseFolders = [FileSystemPath.resolvedEntry(databasePath), FileSystemPath.resolved(databasePath)].map(FileSystemPath.parent)
        if databaseFolders.contains(where: { FileSystemPath.isWithin($0, report) }) {
            return ReportFolderRefused("the report folder \(folder) holds the database \(shown(databasePath, FileSystemPath.resolved(databasePath))); "
                + "replacing the report folder would delete it: choose a report folder that does not hold the database with --out or [pipeline] reports")
        }
        return nil
    }

    /// What is at the report folder decides: nothing, an empty folder or our own report may be
    /// replaced; anything else is refused. `folder` is the path as shown in the message.
    static func refusal(_ folder: String, contents: FolderContents) -> ReportFolderRefused? {
        switch contents {
        case .missing: return nil
        case .notFolder:
            return ReportFolderRefused("the report folder \(folder) is a file, not a folder; outcomes replaces the report folder "
                + "as a whole and will not delete it: \(whatToDo)")
        case .symbolicLink(let destination):
            return ReportFolderRefused("the report folder \(folder) is a symbolic link to \(destination); replacing it would "
                + "replace the link, not the folder it leads to: name that folder itself, or \(whatToDo)")
        case .folder(let entries, let manifest):
            let foreign = ReportFolderOwnership.foreignEntries(entries, manifest: manifest)
            guard !foreign.isEmpty else { return nil }
            let named = foreign.count > 5 ? foreign.prefix(5).joined(separator: ", ") + " and \(foreign.count - 5) more" : foreign.joined(separator: ", ")
            return ReportFolderRefused("the report folder \(folder) holds files the report did not write (\(named)); "
                + "outcomes replaces the report folder as a whole and will not delete them: move them away, or \(whatToDo)")
        }
    }

    /// A path as the user wrote it, with what it resolves to when that reads differently.
    func shown(_ given: String, _ resolved: String) -> String {
        given == resolved ? given : "\(given) (resolved: \(resolved))"
    }
}
