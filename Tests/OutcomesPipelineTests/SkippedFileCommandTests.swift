import TestSupport
import Foundation
import Glibc
import Testing

/// `outcomes run` over an export folder holding a file it cannot read: the warning, exit 2,
/// the other files ingested and the report written, night after night.
@Suite struct SkippedFileCommandTests {
    @Test func aFIFOAmongTheExportsIsWarnedAboutAndTheRunExits2() throws {
        let cli = CommandLineTests()
        let folder = TemporaryFolder()
        let exports = folder.path + "/exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        for name in ["scores_long.csv", "sessions.csv"] {
            try FileManager.default.copyItem(atPath: CommandLineTests.root + "/SampleData/exports/" + name, toPath: exports + "/" + name)
        }
        #expect(mkfifo(exports + "/pipe.csv", 0o644) == 0)
        let arguments = ["run", "Pipelines/nightly.toml", "--db", folder.path + "/o.sqlite", "--out", folder.path + "/report", "--input", exports]
        let warning = "outcomes: warning: pipe.csv could not be read and was skipped: it is a named pipe (FIFO), not a regular file, so it was not read\n"
        let first = try cli.run(arguments)
        #expect(first.status == 2, "\(first.stderr)")
        #expect(first.stderr == warning)
        #expect(first.stdout.hasPrefix("ingest: 2 new file(s), 0 unchanged, 0 unrecognised, 1 unreadable;"), "\(first.stdout)")
        #expect(first.stdout.contains("\nreport: all, "), "\(first.stdout)")
        let quality = try String(contentsOfFile: folder.path + "/report/data_quality.csv", encoding: .utf8)
        #expect(quality.contains("\npipe.csv,0,unreadable,\"it is a named pipe (FIFO), not a regular file, so it was not read\"\n"))
        // The next night: nothing new, so every stage is up to date; the warning and exit 2 again.
        let second = try cli.run(arguments)
        #expect(second.status == 2 && second.stderr == warning, "\(second.stderr)")
        #expect(second.stdout.hasPrefix("ingest: up to date"), "\(second.stdout)")
        let status = try cli.run(["status"] + arguments.dropFirst())
        #expect(status.stdout.contains("\n  pipe.csv  unreadable: it is a named pipe (FIFO), not a regular file, so it was not read\n"), "\(status.stdout)")
        #expect(status.stdout.contains("completed: 1 export file(s) could not be read and were skipped: pipe.csv\n"), "\(status.stdout)")
        // Gone: exit 0, and the listing is closed.
        unlink(exports + "/pipe.csv")
        let third = try cli.run(arguments)
        #expect(third.status == 0 && third.stderr.isEmpty, "\(third.stderr)")
        #expect(!(try String(contentsOfFile: folder.path + "/report/data_quality.csv", encoding: .utf8)).contains("unreadable"))
    }

    @Test func rehashReadsEveryExportAgain() throws {
        let cli = CommandLineTests()
        let folder = TemporaryFolder()
        let arguments = ["run", "Pipelines/nightly.toml", "--db", folder.path + "/o.sqlite", "--out", folder.path + "/report"]
        #expect(try cli.run(arguments).status == 0)
        let again = try cli.run(arguments + ["--rehash", "--verbose"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("outcomes: info: ingest: running (why: content check asked for (--rehash))"), "\(again.stderr)")
        #expect(again.stdout.hasPrefix("ingest: 0 new file(s), 7 unchanged, 1 unrecognised;"), "\(again.stdout)")
    }

    @Test func validateRefusesAFIFOInsteadOfWaitingOnIt() throws {
        let folder = TemporaryFolder()
        #expect(mkfifo(folder.path + "/pipe.csv", 0o644) == 0)
        let result = try CommandLineTests().run(["validate", folder.path + "/pipe.csv"])
        #expect(result.status == 66)
        #expect(result.stderr == "outcomes: \(folder.path)/pipe.csv could not be read: it is a named pipe (FIFO), not a regular file, so it was not read\n")
    }
}
