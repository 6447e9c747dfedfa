import TestSupport
import Foundation
import Testing
@testable import OutcomesIO

/// A damaged database is found before anything is written to it: `run` and `status` exit 1
/// naming the file, and its bytes are unchanged.
@Suite struct DamagedDatabaseTests {
    let cli = CommandLineTests()
    let folder = TemporaryFolder()
    var db: String { folder.path + "/o.sqlite" }

    /// A database of the sample data after one run (page size 4096).
    func runOnce() throws {
        let first = try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--out", folder.path + "/report"])
        try #require(first.status == 0, "\(first.stderr)")
    }

    func bytes() -> Data { FileManager.default.contents(atPath: db) ?? Data() }

    /// Overwrites 64 bytes in the middle of page 6, a b-tree page of the schema the sample
    /// run writes: its cell pointers then point outside the page.
    func scribbleOnPage6() throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: db))
        try handle.seek(toOffset: 5 * 4096 + 100)
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 64))
        try handle.close()
    }

    func truncateToHalf() throws {
        #expect(truncate(db, off_t(bytes().count / 2)) == 0)
    }

    func expectRefused(finding: String) throws {
        let before = bytes()
        let message = "outcomes: the database \(db) is damaged (SQLite: \(finding)); restore it from a backup or move it away to start a new one\n"
        let run = try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--out", folder.path + "/report2"])
        #expect(run.status == 1)
        #expect(run.stderr.hasSuffix(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        #expect(bytes() == before)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/report2"))
        let status = try cli.run(["status", "Pipelines/nightly.toml", "--db", db])
        #expect(status.status == 1)
        #expect(status.stderr == message, "\(status.stderr)")
        #expect(status.stdout.isEmpty, "\(status.stdout)")
        #expect(bytes() == before)
    }

    @Test func aPageOverwrittenInTheMiddle() throws {
        try runOnce()
        try scribbleOnPage6()
        try expectRefused(finding: "On tree page 6 cell 48: Offset 65535 out of range 2797..4092")
    }

    @Test func aTruncatedFile() throws {
        try runOnce()
        try truncateToHalf()
        try expectRefused(finding: "database disk image is malformed")
    }

    @Test func aFileThatIsNotADatabase() throws {
        folder.write("o.sqlite", String(repeating: "patient_id,instrument\n", count: 300))
        try expectRefused(finding: "file is not a database")
    }

    /// A file exactly as the last run left it (its stamp, `o.sqlite.checked`) is opened without
    /// the full-page check; any write by someone else, even one that keeps the size, brings the check back.
    @Test func theCheckIsSkippedOnlyForTheFileTheLastRunLeft() throws {
        try runOnce()
        #expect(FileManager.default.fileExists(atPath: db + ".checked"))
        #expect(try OutcomesStore(readingOnly: db).checkedIntegrity == false)
        #expect(try OutcomesStore(path: db).checkedIntegrity == false)
        // Only the modification time changed (as a copy that keeps times would leave it).
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: db)
        #expect(try OutcomesStore(readingOnly: db).checkedIntegrity == true)
        try runOnce()
        #expect(try OutcomesStore(readingOnly: db).checkedIntegrity == false)
        try scribbleOnPage6()
        try expectRefused(finding: "On tree page 6 cell 48: Offset 65535 out of range 2797..4092")
    }

    @Test func aFileOfTheStampsNameThatIsNotAStampIsLeftAlone() throws {
        try "someone else's notes\n".write(toFile: db + ".checked", atomically: false, encoding: .utf8)
        try runOnce()
        #expect(try String(contentsOfFile: db + ".checked", encoding: .utf8) == "someone else's notes\n")
        #expect(!FileManager.default.fileExists(atPath: db + ".checked.tmp"))
        #expect(try OutcomesStore(readingOnly: db).checkedIntegrity == true)
    }

    @Test func aSoundDatabasePassesTheCheck() throws {
        try runOnce()
        let store = try OutcomesStore(path: db)
        try store.database.checkIntegrity()
        #expect(throws: Never.self) { try OutcomesStore(readingOnly: db) }
    }
}
