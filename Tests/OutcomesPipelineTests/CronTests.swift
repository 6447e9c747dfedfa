import TestSupport
import Foundation
import Glibc
import Testing

/// `outcomes run` as cron runs it (docs/operations.md, "Running under cron"): `--quiet`, the
/// time on each standard-error line, a touched export that changes nothing downstream, and
/// run.json. The run time is pinned, so lines and times are exact.
@Suite struct CronTests {
    let cli = CommandLineTests()
    let folder = TemporaryFolder()
    var exports: String { folder.path + "/exports" }
    var db: String { folder.path + "/o.sqlite" }
    var out: String { folder.path + "/report" }
    /// 2026-12-02T06:00:00Z.
    static let time = ["OUTCOMES_RUN_TIME": "1796191200"]
    static let stamp = "2026-12-02T06:00:00Z "

    init() throws {
        try FileManager.default.copyItem(atPath: CommandLineTests.root + "/SampleData/exports", toPath: exports)
    }

    func run(_ extra: [String] = [], input: String? = nil) throws -> CommandLineTests.Output {
        try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--out", out, "--input", input ?? exports] + extra, environment: Self.time)
    }

    func runLog() throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: out + "/run.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func stages(_ log: [String: Any]) throws -> [[String: Any]] { try #require(log["stages"] as? [[String: Any]]) }

    static let topKeys = ["error", "exit_code", "finished_at", "pipeline", "program_version", "run_id", "run_log_version", "seconds",
                          "skipped_files", "stages", "started_at"]
    static let stageKeys = ["counts", "finished_at", "forced", "reasons", "seconds", "stage", "started_at", "status", "summary"]

    @Test func quietPrintsNothingOnSuccess() throws {
        // The first night warns once about clinic_notes.csv (no source matches it): --quiet keeps warnings.
        let first = try run(["--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty, "\(first.stdout)")
        #expect(first.stampedStderr.hasPrefix(Self.stamp + "outcomes: warning: clinic_notes.csv is not an export"), "\(first.stampedStderr)")
        #expect(first.stampedStderr.split(separator: "\n").count == 1)
        // The nights after: nothing at all.
        let second = try run(["--quiet"])
        #expect(second.status == 0 && second.stdout.isEmpty && second.stampedStderr.isEmpty, "\(second.stdout)\(second.stampedStderr)")
        // New data, every stage runs: still nothing.
        try "patient_id,instrument,administered_at,total\nP00001,PHQ-9,2026-10-01 09:00,3\n".write(toFile: exports + "/zz_new.csv", atomically: true, encoding: .utf8)
        let third = try run(["--quiet"])
        #expect(third.status == 0 && third.stdout.isEmpty && third.stampedStderr.isEmpty, "\(third.stdout)\(third.stampedStderr)")
        #expect(try stages(try runLog()).map { $0["status"] as? String } == ["ran", "ran", "ran"])
    }

    @Test func quietStillWarnsAboutASkippedFileAndExits2() throws {
        #expect(try run().status == 0)
        #expect(mkfifo(exports + "/pipe.csv", 0o644) == 0)
        let skipped = try run(["--quiet"])
        #expect(skipped.status == 2)
        #expect(skipped.stdout.isEmpty)
        #expect(skipped.stampedStderr == Self.stamp + "outcomes: warning: pipe.csv could not be read and was skipped: "
            + "it is a named pipe (FIFO), not a regular file, so it was not read\n")
        let log = try runLog()
        #expect(log["exit_code"] as? Int == 2 && log["error"] is NSNull)
        #expect(log["skipped_files"] as? [String] == ["pipe.csv"])
    }

    @Test func quietAndVerboseIsAUsageError() throws {
        let result = try run(["--quiet", "--verbose"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("use --quiet or --verbose, not both"), "\(result.stderr)")
    }

    @Test func everyStandardErrorLineStartsWithTheRunTime() throws {
        let verbose = try run(["--verbose"])
        #expect(verbose.status == 0)
        let lines = verbose.stampedStderr.split(separator: "\n")
        #expect(lines.count > 5)
        for line in lines { #expect(line.hasPrefix(Self.stamp + "outcomes: "), "\(line)") }
        #expect(lines.contains { $0 == Self.stamp + "outcomes: info: ingest: running (why: never ran)" }, "\(verbose.stampedStderr)")
        // Standard output, the stage summaries, has no time.
        #expect(verbose.stdout.hasPrefix("ingest: 7 new file(s)"))
        // An error line too.
        let missing = try run(input: folder.path + "/nope")
        #expect(missing.status == 66)
        #expect(missing.stampedStderr == Self.stamp + "outcomes: the export folder \(folder.path)/nope does not exist; create it, or point "
            + "[pipeline] exports (or --input) at the clinic's export folder\n")
    }

    /// The nightly job after the clinic's export tool rewrote every file with the same bytes.
    @Test func touchingEveryExportChangesNothingDownstream() throws {
        #expect(try run().status == 0)
        let before = folder.path + "/before"
        try FileManager.default.copyItem(atPath: out, toPath: before)
        let later = Date(timeIntervalSinceNow: 3600)
        let names = try FileManager.default.contentsOfDirectory(atPath: exports)
        for name in names { try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: exports + "/" + name) }
        let touched = try run()
        #expect(touched.status == 0, "\(touched.stderr)")
        let lines = touched.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "ingest: 0 new file(s), 7 unchanged, 1 unrecognised; 0 records: 0 stored (0 corrections), 0 duplicates, 0 skipped, 0 rejected")
        #expect(lines.dropFirst().allSatisfy { $0.contains(": up to date (last ran ") }, "\(touched.stdout)")
        // The report folder is byte for byte the same, run.json (this run's log) aside.
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == (try FileManager.default.contentsOfDirectory(atPath: before).sorted()))
        for file in files where file != "run.json" {
            #expect(FileManager.default.contents(atPath: out + "/" + file) == FileManager.default.contents(atPath: before + "/" + file), "\(file)")
        }
        let log = try stages(try runLog())
        #expect(log.map { $0["status"] as? String } == ["ran", "up_to_date", "up_to_date"])
        #expect((log[0]["reasons"] as? [[String: String]])?.map { $0["code"] } == ["exports_changed"])
        #expect((log[0]["counts"] as? [String: Int])?["files_unchanged"] == 7)
        let status = try cli.run(["status", "Pipelines/nightly.toml", "--db", db, "--out", out, "--input", exports], environment: Self.time)
        for stage in ["ingest", "transform", "report (\(out))"] {
            #expect(status.stdout.contains("\n\(stage): up to date\n"), "\(status.stdout)")
        }
        // And the night after, nothing runs at all.
        #expect(try run().stdout.split(separator: "\n").allSatisfy { $0.contains(": up to date") })
    }

    @Test func runJSONOfACompletedRun() throws {
        #expect(try run().status == 0)
        let log = try runLog()
        #expect(log.keys.sorted() == Self.topKeys)
        #expect(log["run_log_version"] as? Int == 1)
        #expect(log["run_id"] as? Int == 1)
        #expect(log["pipeline"] as? [String: String] == ["name": "nightly", "file": "Pipelines/nightly.toml"])
        #expect(log["started_at"] as? String == "2026-12-02T06:00:00Z" && log["finished_at"] as? String == "2026-12-02T06:00:00Z")
        #expect(log["exit_code"] as? Int == 0 && log["error"] is NSNull && log["skipped_files"] as? [String] == [])
        #expect((log["seconds"] as? Double).map { $0 >= 0 } == true)
        let stages = try stages(log)
        #expect(stages.map { $0["stage"] as? String } == ["ingest", "transform", "report"])
        for stage in stages {
            #expect(stage.keys.sorted() == Self.stageKeys)
            #expect(stage["status"] as? String == "ran" && stage["forced"] as? Bool == false)
            #expect(stage["started_at"] as? String == "2026-12-02T06:00:00Z" && stage["finished_at"] as? String == "2026-12-02T06:00:00Z")
            #expect((stage["reasons"] as? [[String: String]])?.map { $0["code"] } == ["never_ran"])
        }
        #expect(stages[0]["counts"] as? [String: Int] == ["files_read": 7, "files_unchanged": 0, "files_unrecognised": 1, "files_unreadable": 0,
                                                         "records": 9993, "rows_stored": 9183, "corrections": 41, "duplicates": 703,
                                                         "rows_skipped": 93, "rows_rejected": 14])
        #expect(stages[1]["counts"] as? [String: Int] == ["patients_recomputed": 200, "courses": 220])
        #expect(stages[2]["counts"] as? [String: Int] == ["courses": 220, "route_rows": 18, "files": 33])
        #expect(stages[2]["summary"] as? String == "report: all, 220 course(s), 18 route row(s); 33 files in \(out)")
        // Not in the manifest it follows.
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(!manifest.contains("run.json"))
    }

    @Test func runJSONOfAnUpToDateRun() throws {
        #expect(try run().status == 0)
        #expect(try run().status == 0)
        let log = try runLog()
        #expect(log.keys.sorted() == Self.topKeys)
        #expect(log["run_id"] as? Int == 2 && log["exit_code"] as? Int == 0 && log["error"] is NSNull)
        for stage in try stages(log) {
            #expect(stage.keys.sorted() == Self.stageKeys)
            #expect(stage["status"] as? String == "up_to_date")
            #expect((stage["reasons"] as? [Any])?.isEmpty == true)
            #expect(stage["started_at"] is NSNull && stage["finished_at"] is NSNull && stage["seconds"] is NSNull)
            #expect((stage["counts"] as? [String: Any])?.isEmpty == true)
            #expect((stage["summary"] as? String)?.hasSuffix(": up to date (last ran 2026-12-02T06:00:00Z)") == true)
        }
        // The next run may replace the folder: run.json is the report's own beside its manifest.
        #expect(try run(["--from", "report"]).status == 0)
        #expect(try stages(try runLog()).map { $0["status"] as? String } == ["not_run", "not_run", "ran"])
        #expect(try stages(try runLog())[2]["forced"] as? Bool == true)
    }

    @Test func runJSONOfFailedRuns() throws {
        #expect(try run().status == 0)
        // A stage that fails: a mapping that finds no column stops the ingest (exit 64).
        let text = try String(contentsOfFile: CommandLineTests.root + "/Pipelines/nightly.toml", encoding: .utf8)
        let broken = folder.write("broken.toml", text.replacingOccurrences(of: "format = \"auto\"",
                                                                              with: "format = \"auto\"\ncolumns = { patient_id = \"nosuch\" }"))
        let failed = try cli.run(["run", broken, "--db", db, "--out", out, "--input", exports], environment: Self.time)
        #expect(failed.status == 64)
        var log = try runLog()
        #expect(log.keys.sorted() == Self.topKeys)
        #expect(log["exit_code"] as? Int == 64)
        let sentence = try #require(log["error"] as? String)
        #expect(failed.stderr == "outcomes: " + sentence + "\n")
        #expect(sentence.contains("matches no column"))
        var stages = try stages(log)
        #expect(stages.map { $0["status"] as? String } == ["failed", "not_run", "not_run"])
        #expect((stages[0]["reasons"] as? [[String: String]])?.map { $0["code"] } == ["export_settings_changed"])
        #expect(stages[0]["started_at"] as? String == "2026-12-02T06:00:00Z")
        for stage in stages { #expect(stage.keys.sorted() == Self.stageKeys) }
        // The export folder is gone (a mount that failed): exit 66, no stage looked at.
        let missing = try run(input: folder.path + "/nope")
        #expect(missing.status == 66)
        log = try runLog()
        #expect(log["exit_code"] as? Int == 66 && log["run_id"] is NSNull)
        #expect((log["error"] as? String)?.hasPrefix("the export folder \(folder.path)/nope does not exist") == true)
        stages = try self.stages(log)
        #expect(stages.map { $0["status"] as? String } == ["not_run", "not_run", "not_run"])
        // Another run holds the database: exit 75, and run.json stays that run's business.
        let lockBefore = FileManager.default.contents(atPath: out + "/run.json")
        let holder = open(db + ".lock", O_RDWR | O_CREAT, 0o644)
        #expect(flock(holder, LOCK_EX | LOCK_NB) == 0)
        defer { close(holder) }
        #expect(try run().status == 75)
        #expect(FileManager.default.contents(atPath: out + "/run.json") == lockBefore)
    }

    @Test func noRunJSONInAFolderThatIsNotYetAReport() throws {
        // The first night fails before any report was written: no folder is made for the log alone.
        let missing = try run(input: folder.path + "/nope")
        #expect(missing.status == 66)
        #expect(!FileManager.default.fileExists(atPath: out))
        // An empty folder stays empty until the report fills it.
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(try run(input: folder.path + "/nope").status == 66)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
        #expect(try run().status == 0)
        #expect(FileManager.default.fileExists(atPath: out + "/run.json"))
        // No temporary file is left beside the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
