import TestSupport
import Foundation
import Testing
@testable import OutcomesIO

/// Issue 9, item 1, through the executable as cron runs it: a report folder the pipeline did
/// not write is refused with exit 64 before any stage runs (no database is even created), and
/// every file the user had is intact, byte for byte.
@Suite struct ReportFolderSafetyTests {
    let cli = CommandLineTests()
    let folder = TemporaryFolder()
    var root: String { FileSystemPath.resolved(folder.path) }
    static let what = "outcomes replaces the report folder as a whole and will not delete"
    static let next = "choose another --out or [pipeline] reports"

    func make(_ files: [String: String]) throws {
        for (name, text) in files {
            try FileManager.default.createDirectory(atPath: root + "/" + (name as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: root + "/" + name, contents: Data(text.utf8))
        }
    }

    @Test func aFolderOfUserFilesIsRefusedBeforeAnyStage() throws {
        try make(["docs/thesis.docx": "chapter 1", "docs/notes/n.txt": "n"])
        let before = try FolderSnapshot(root)
        for extra in [[], ["--stage", "report"], ["--from", "transform"]] {
            let result = try cli.run(["run", "Pipelines/nightly.toml", "--db", root + "/db/o.sqlite", "--out", root + "/docs"] + extra)
            #expect(result.status == 64, "\(extra)")
            #expect(result.stderr == "outcomes: the report folder \(root)/docs holds files the report did not write (notes/, thesis.docx); "
                + "\(Self.what) them: move them away, or \(Self.next)\n")
            #expect(result.stdout == "")
        }
        #expect(try FolderSnapshot(root) == before)
        #expect(!FileManager.default.fileExists(atPath: root + "/db"))   // nothing ran: not even the database was created
    }

    @Test func aFileIsRefused() throws {
        try make(["precious.txt": "keep me"])
        let before = try FolderSnapshot(root)
        let result = try cli.run(["run", CommandLineTests.root + "/Pipelines/nightly.toml", "--db", "o.sqlite", "--out", "precious.txt",
                                  "--input", CommandLineTests.root + "/SampleData/exports"], in: root)
        #expect(result.status == 64)
        #expect(result.stderr == "outcomes: the report folder precious.txt (resolved: \(root)/precious.txt) is a file, not a folder; \(Self.what) it: \(Self.next)\n")
        #expect(try FolderSnapshot(root) == before)
    }

    @Test func theExportsByDotDotAreRefused() throws {
        try FileManager.default.copyItem(atPath: CommandLineTests.root + "/SampleData/exports", toPath: root + "/exports")
        let pipeline = folder.write("p.toml", "[pipeline]\nname = \"p\"\nexports = \"exports\"\nreports = \"exports/reports/..\"\ndatabase = \"o.sqlite\"\n")
        let before = try FolderSnapshot(root)
        let result = try cli.run(["run", pipeline], in: root)
        #expect(result.status == 64)
        #expect(result.stderr == "outcomes: the report folder exports/reports/.. (resolved: \(root)/exports) is the export folder exports "
            + "(resolved: \(root)/exports); replacing the report folder would delete the exports: choose a report folder outside the exports "
            + "with --out or [pipeline] reports\n")
        #expect(try FolderSnapshot(root) == before)
    }

    /// The case that lost a database: `reports = "work/reports/.."` with the database in work/db.
    @Test func aFolderHoldingTheDatabaseIsRefusedAndTheDatabaseKept() throws {
        let db = root + "/work/db/o.sqlite"
        let first = try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--out", root + "/work/reports"])
        #expect(first.status == 0, "\(first.stderr)")
        let before = try FolderSnapshot(root)
        let result = try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--out", root + "/work/reports/..", "--stage", "report"])
        #expect(result.status == 64)
        #expect(result.stderr == "outcomes: the report folder \(root)/work/reports/.. (resolved: \(root)/work) holds the database \(db); "
            + "replacing the report folder would delete it: choose a report folder that does not hold the database with --out or [pipeline] reports\n")
        #expect(try FolderSnapshot(root) == before)
    }

    @Test func aPeriodTemplateOnASharedFolderIsRefused() throws {
        try make(["shared/2026Q2/minutes.docx": "minutes"])
        let before = try FolderSnapshot(root)
        let result = try cli.run(["run", "Pipelines/nightly.toml", "--db", root + "/o.sqlite", "--out", root + "/shared/{period}", "--period", "2026Q2"])
        #expect(result.status == 64)
        #expect(result.stderr == "outcomes: the report folder \(root)/shared/2026Q2 holds files the report did not write (minutes.docx); "
            + "\(Self.what) them: move them away, or \(Self.next)\n")
        #expect(try FolderSnapshot(root) == before)
    }

    /// An empty folder is taken; our own previous report is replaced whole; a note put in it
    /// afterwards makes it someone's again.
    @Test func anEmptyFolderAndOurOwnReportAreReplaced() throws {
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: true)
        let db = root + "/o.sqlite"
        let first = try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--out", root + "/out"])
        #expect(first.status == 0, "\(first.stderr)")
        let again = try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--out", root + "/out", "--stage", "report"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "report: all, 220 course(s), 18 route row(s); 33 files in \(root)/out\n")
        // No temporary or previous folder is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix(".") }.isEmpty)
        try make(["out/my notes.txt": "mine"])
        let before = try FolderSnapshot(root)
        let refused = try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--out", root + "/out", "--stage", "report"])
        #expect(refused.status == 64)
        #expect(refused.stderr == "outcomes: the report folder \(root)/out holds files the report did not write (my notes.txt); "
            + "\(Self.what) them: move them away, or \(Self.next)\n")
        #expect(try FolderSnapshot(root) == before)
    }

    /// Item 5: a report folder that cannot be written is a sentence with the path, not Foundation's text.
    @Test func anUnwritableReportFolderIsASentence() throws {
        try make(["file.txt": "keep"])
        let db = root + "/o.sqlite"
        // A temporary --out: each run writes run.json into its report folder.
        #expect(try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--stage", "ingest", "--out", root + "/r"]).status == 0)
        #expect(try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--stage", "transform", "--out", root + "/r"]).status == 0)
        let result = try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--out", root + "/file.txt/report", "--stage", "report"])
        #expect(result.status == 1)
        #expect(result.stderr == "outcomes: the report stage failed and wrote nothing; the previous report folder is unchanged: "
            + "cannot write the report folder \(root)/file.txt/report: \(root)/file.txt is a file, not a folder; \(Self.next)\n")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
        #expect(FileManager.default.contents(atPath: root + "/file.txt") == Data("keep".utf8))
    }
}
