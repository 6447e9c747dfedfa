import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// Issue 9, item 1: the report folder is replaced only when it is the pipeline's own; one
/// table of layouts, with the exact message (`R` stands for the test's folder) and every
/// file of the layout intact after the check.
@Suite struct ReportFolderGuardTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Folders and files to make under R: a name ending in `/` is a folder, `a -> b` a link to R/b.
        var layout: [String]
        var report: String
        var exports = "R/exports"
        var database = "R/var/outcomes.sqlite"
        /// nil: the folder may be replaced.
        var message: String?
        var testDescription: String { name }
    }

    static let what = "outcomes replaces the report folder as a whole and will not delete"
    static let next = "choose another --out or [pipeline] reports"
    static let outside = "choose a report folder outside the exports with --out or [pipeline] reports"
    static let ours = #"{"manifest_version": 1, "run_time": "2026-10-05T12:00:00Z", "program_version": "1.0.0", "pipeline": {"name": "n"}, "#
        + #""files": [{"name": "report.md", "sha256": "ab", "bytes": 1}]}"#

    static let cases: [Case] = [
        Case(name: "a folder with a user's files", layout: ["docs/thesis.docx", "docs/notes/", "docs/notes/n.txt"], report: "R/docs",
             message: "the report folder R/docs holds files the report did not write (notes/, thesis.docx); \(what) them: move them away, or \(next)"),
        Case(name: "a regular file", layout: ["precious.txt"], report: "R/precious.txt",
             message: "the report folder R/precious.txt is a file, not a folder; \(what) it: \(next)"),
        Case(name: "the exports themselves", layout: [], report: "R/exports",
             message: "the report folder R/exports is the export folder R/exports; replacing the report folder would delete the exports: \(outside)"),
        Case(name: "inside the exports", layout: [], report: "R/exports/reports",
             message: "the report folder R/exports/reports lies inside the export folder R/exports; the next run would read the report's files as exports: \(outside)"),
        Case(name: "around the exports", layout: ["data/", "data/exports/", "data/exports/a.csv"], report: "R/data", exports: "R/data/exports",
             message: "the report folder R/data contains the export folder R/data/exports; replacing the report folder would delete the exports: \(outside)"),
        Case(name: "the exports by ..", layout: [], report: "R/exports/sub/..",
             message: "the report folder R/exports/sub/.. (resolved: R/exports) is the export folder R/exports; replacing the report folder would delete the exports: \(outside)"),
        Case(name: "the exports by a link", layout: ["link -> exports"], report: "R/link",
             message: "the report folder R/link (resolved: R/exports) is the export folder R/exports; replacing the report folder would delete the exports: \(outside)"),
        Case(name: "inside the exports by a link", layout: ["link -> exports"], report: "R/link/reports",
             message: "the report folder R/link/reports (resolved: R/exports/reports) lies inside the export folder R/exports; the next run would read the report's files as exports: \(outside)"),
        Case(name: "exports named by a link", layout: ["elink -> exports"], report: "R/exports", exports: "R/elink",
             message: "the report folder R/exports is the export folder R/elink (resolved: R/exports); replacing the report folder would delete the exports: \(outside)"),
        Case(name: "the database's folder", layout: [], report: "R/var",
             message: "the report folder R/var holds the database R/var/outcomes.sqlite; replacing the report folder would delete it: choose a report folder that does not hold the database with --out or [pipeline] reports"),
        Case(name: "around the database by ..", layout: ["work/", "work/db/", "work/db/o.sqlite"], report: "R/work/reports/..", database: "R/work/db/o.sqlite",
             message: "the report folder R/work/reports/.. (resolved: R/work) holds the database R/work/db/o.sqlite; replacing the report folder would delete it: choose a report folder that does not hold the database with --out or [pipeline] reports"),
        Case(name: "the folder a database link lies in", layout: ["var/", "links/", "links/db -> var/outcomes.sqlite"], report: "R/links", database: "R/links/db",
             message: "the report folder R/links holds the database R/links/db (resolved: R/var/outcomes.sqlite); replacing the report folder would delete it: choose a report folder that does not hold the database with --out or [pipeline] reports"),
        Case(name: "a symbolic link to a report", layout: ["reports/", "latest -> reports"], report: "R/latest",
             message: "the report folder R/latest is a symbolic link to R/reports; replacing it would replace the link, not the folder it leads to: name that folder itself, or \(next)"),
        Case(name: "another tool's manifest", layout: ["site/", "site/manifest.json={\"name\": \"web\"}", "site/app.js"], report: "R/site",
             message: "the report folder R/site holds files the report did not write (app.js, manifest.json (not written by outcomes)); \(what) them: move them away, or \(next)"),
        Case(name: "our manifest and a user's notes", layout: ["r/", "r/manifest.json=\(ours)", "r/report.md", "r/notes.txt"], report: "R/r",
             message: "the report folder R/r holds files the report did not write (notes.txt); \(what) them: move them away, or \(next)"),
        Case(name: "many files", layout: ["m/", "m/a", "m/b", "m/c", "m/d", "m/e", "m/f", "m/g"], report: "R/m",
             message: "the report folder R/m holds files the report did not write (a, b, c, d, e and 2 more); \(what) them: move them away, or \(next)"),
        // May be replaced:
        Case(name: "a new folder", layout: [], report: "R/reports/nightly"),
        Case(name: "an empty folder", layout: ["empty/"], report: "R/empty"),
        Case(name: "a folder with only .DS_Store", layout: ["mac/", "mac/.DS_Store"], report: "R/mac"),
        Case(name: "our own previous report", layout: ["r/", "r/manifest.json=\(ours)", "r/report.md"], report: "R/r"),
        // Beside the database (in its folder, not holding it): replacing it cannot touch the database.
        Case(name: "beside the database", layout: ["var/reports/"], report: "R/var/reports"),
    ]

    @Test(arguments: cases)
    func reportFolder(_ c: Case) throws {
        let folder = TemporaryFolder()
        let root = FileSystemPath.resolved(folder.path)
        let manager = FileManager.default
        for path in ["exports/", "exports/a.csv", "var/", "var/outcomes.sqlite"] + c.layout {
            if let arrow = path.range(of: " -> ") {
                try manager.createSymbolicLink(atPath: root + "/" + path[..<arrow.lowerBound], withDestinationPath: root + "/" + path[arrow.upperBound...])
            } else if path.hasSuffix("/") {
                try manager.createDirectory(atPath: root + "/" + path, withIntermediateDirectories: true)
            } else {
                let parts = path.split(separator: "=", maxSplits: 1)
                try manager.createDirectory(atPath: root + "/" + (String(parts[0]) as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                _ = manager.createFile(atPath: root + "/" + parts[0], contents: Data((parts.count > 1 ? String(parts[1]) : String(parts[0])).utf8))
            }
        }
        let before = try FolderSnapshot(root)
        let rule = ReportFolderGuard(reportFolder: c.report.replacingOccurrences(of: "R/", with: root + "/"),
                                     exportsFolder: c.exports.replacingOccurrences(of: "R/", with: root + "/"),
                                     databasePath: c.database.replacingOccurrences(of: "R/", with: root + "/"))
        let message: String?
        do { try rule.check(); message = nil } catch { message = error.description }
        #expect(message == c.message?.replacingOccurrences(of: "R/", with: root + "/"))
        #expect(try FolderSnapshot(root) == before)
    }

    /// A `{period}` in the reports path is checked as it resolves: a shared folder it lands on is refused.
    @Test func periodTemplateResolvingToASharedFolder() throws {
        let folder = TemporaryFolder()
        let root = FileSystemPath.resolved(folder.path)
        try FileManager.default.createDirectory(atPath: root + "/shared/2026Q2", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: root + "/shared/2026Q2/minutes.docx", contents: Data("m".utf8))
        let stage = ReportStage(config: PipelineConfig(path: "p.toml", name: "p"), period: .quarter(year: 2026, quarter: 2),
                                reportsPath: root + "/shared/{period}", exportsFolder: root + "/exports")
        let error = #expect(throws: ReportFolderRefused.self) { try stage.folderGuard(now: 0, databasePath: root + "/o.sqlite").check() }
        #expect(error?.message == "the report folder \(root)/shared/2026Q2 holds files the report did not write (minutes.docx); "
            + "\(Self.what) them: move them away, or \(Self.next)")
        #expect(FileManager.default.contents(atPath: root + "/shared/2026Q2/minutes.docx") == Data("m".utf8))
    }
}

/// Every file and folder under a path with its SHA-256 (links by their destination): what a
/// test compares before and after to show that nothing was lost.
struct FolderSnapshot: Equatable {
    var entries: [String: String] = [:]

    init(_ root: String) throws {
        let manager = FileManager.default
        for case let name as String in manager.enumerator(atPath: root)! {
            let path = root + "/" + name
            if let destination = try? manager.destinationOfSymbolicLink(atPath: path) {
                entries[name] = "link " + destination
                continue
            }
            var isFolder: ObjCBool = false
            _ = manager.fileExists(atPath: path, isDirectory: &isFolder)
            entries[name] = isFolder.boolValue ? "folder" : try SHA256.ofFile(path).0
        }
    }
}
