import TestSupport
import Foundation
import Testing
@testable import OutcomesIO

/// What cron and analysts rely on (interface.md, issue "Running it for real"): what reruns
/// and why, the database lock, and a lock left by a killed run.
@Suite struct RunControlTests {
    let cli = CommandLineTests()
    let folder = TemporaryFolder()
    var exports: String { folder.path + "/exports" }
    var db: String { folder.path + "/o.sqlite" }
    var out: String { folder.path + "/report" }

    /// A private copy of SampleData's exports, so touching them leaves the repository alone.
    init() throws {
        try FileManager.default.copyItem(atPath: CommandLineTests.root + "/SampleData/exports", toPath: folder.path + "/exports")
    }

    func run(_ pipeline: String = "Pipelines/nightly.toml", _ extra: [String] = []) throws -> CommandLineTests.Output {
        try cli.run(["run", pipeline, "--db", db, "--out", out, "--input", exports] + extra)
    }

    func stages(_ output: CommandLineTests.Output) -> [String] {
        output.stdout.split(separator: "\n").map { line in
            let stage = line.prefix { $0 != ":" }
            return line.contains(": up to date") ? "\(stage) skipped" : "\(stage) ran"
        }
    }

    @Test func touchingAnExportRerunsOnlyTheIngest() throws {
        #expect(stages(try run()) == ["ingest ran", "transform ran", "report ran"])
        #expect(stages(try run()) == ["ingest skipped", "transform skipped", "report skipped"])
        // Same content, new modification time: ingest reads it, finds it ingested and records its new time;
        // nothing the transform or report read changed, so they stay up to date (CronTests touches every file).
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: exports + "/sessions.csv")
        let status = try cli.run(["status", "Pipelines/nightly.toml", "--db", db, "--out", out, "--input", exports])
        #expect(status.stdout.contains("ingest: stale: 1 new or changed export file(s): sessions.csv"), "\(status.stdout)")
        #expect(status.stdout.contains("\ntransform: up to date\n"), "\(status.stdout)")
        let touched = try run()
        #expect(stages(touched) == ["ingest ran", "transform skipped", "report skipped"], "\(touched.stdout)")
        #expect(touched.stdout.hasPrefix("ingest: 0 new file(s), 7 unchanged, 1 unrecognised"))
        // …and is known by its new time from then on.
        #expect(stages(try run()) == ["ingest skipped", "transform skipped", "report skipped"])
        // A new export with new rows: the transform recomputes only its patients.
        try "patient_id,instrument,administered_at,total\nP00001,PHQ-9,2026-10-01 09:00,3\n".write(toFile: exports + "/zz_new.csv", atomically: true, encoding: .utf8)
        let night = try run()
        #expect(night.stdout.contains("ingest: 1 new file(s)") && night.stdout.contains("transform: incremental, 1 patient(s) recomputed"), "\(night.stdout)")
    }

    @Test func aFileNoFormFittedIsReadAgainWhenTheSourcesChange() throws {
        try "study,instrument,when,score\nP00001,PHQ-9,2026-03-04 09:00,12\n".write(toFile: exports + "/zz_lab.csv", atomically: true, encoding: .utf8)
        let first = try run()
        #expect(first.stdout.contains("2 unrecognised"), "\(first.stdout)")
        #expect(first.stderr.contains("zz_lab.csv is not an export this pipeline can read"))
        #expect(stages(try run()) == ["ingest skipped", "transform skipped", "report skipped"])
        // The clinic's names mapped in the pipeline file: the plan sees it, and ingest reads the file.
        let text = try String(contentsOfFile: CommandLineTests.root + "/Pipelines/nightly.toml", encoding: .utf8)
        let mapped = folder.write("mapped.toml", text.replacingOccurrences(of: "format = \"auto\"",
            with: "format = \"auto\"\ncolumns = { patient_id = \"study\", administered_at = \"when\" }"))
        let status = try cli.run(["status", mapped, "--db", db, "--out", out, "--input", exports])
        #expect(status.stdout.contains("ingest: stale: export settings changed"), "\(status.stdout)")
        let again = try run(mapped)
        #expect(again.stdout.hasPrefix("ingest: 1 new file(s)"), "\(again.stdout)")
        #expect(!again.stderr.contains("clinic_notes.csv is not an export"), "listed once: \(again.stderr)")
    }

    @Test func changingAParameterRerunsTransformAndReportNotIngest() throws {
        _ = try run()
        let text = try String(contentsOfFile: CommandLineTests.root + "/Pipelines/nightly.toml", encoding: .utf8)
        let changed = folder.write("forty.toml", text.replacingOccurrences(of: "relief_threshold = 50", with: "relief_threshold = 40"))
        let status = try cli.run(["status", changed, "--db", db, "--out", out, "--input", exports])
        #expect(status.stdout.contains("ingest: up to date"), "\(status.stdout)")
        #expect(status.stdout.contains("transform: stale: analysis parameters changed: relief_threshold 50 → 40"), "\(status.stdout)")
        #expect(status.stdout.contains("report (\(out)): stale: analysis parameters changed"), "\(status.stdout)")
        // The report alone would print 40 % beside numbers computed with 50 %: it refuses and says what to run.
        let alone = try run(changed, ["--stage", "report"])
        #expect(alone.status == 1 && alone.stderr.contains("computed with other settings (relief_threshold 50 → 40)")
                && alone.stderr.contains("--from transform"), "\(alone.stderr)")
        let result = try run(changed)
        #expect(stages(result) == ["ingest skipped", "transform ran", "report ran"], "\(result.stdout)")
        #expect(result.stdout.contains("transform: full, 200 patient(s) recomputed (analysis settings changed: relief_threshold 50 → 40)"))
        // A report setting alone reruns the report only.
        let quarterly = try run(changed, ["--period", "2026Q2"])
        #expect(stages(quarterly) == ["ingest skipped", "transform skipped", "report ran"], "\(quarterly.stdout)")
    }

    @Test func changingChartMinCoursesRerunsTheReportOnly() throws {
        _ = try run()
        let text = try String(contentsOfFile: CommandLineTests.root + "/Pipelines/nightly.toml", encoding: .utf8)
        let changed = folder.write("charts.toml", text.replacingOccurrences(of: "chart_min_courses = 5", with: "chart_min_courses = 3"))
        #expect(changed != text)
        // A display setting: the transform stays up to date, the report is stale and says why.
        let status = try cli.run(["status", changed, "--db", db, "--out", out, "--input", exports])
        #expect(status.stdout.contains("transform: up to date"), "\(status.stdout)")
        #expect(status.stdout.contains("report (\(out)): stale: report settings changed: chart_min_courses 5 → 3"), "\(status.stdout)")
        let result = try run(changed)
        #expect(stages(result) == ["ingest skipped", "transform skipped", "report ran"], "\(result.stdout)")
        let manifest = try String(contentsOfFile: out + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"chart_min_courses\": 3"))
        #expect(stages(try run(changed)) == ["ingest skipped", "transform skipped", "report skipped"])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func anotherRunHoldingTheDatabaseExits75AndAKilledHolderDoesNotBlock() throws {
        _ = try run()
        // A process that holds the lock the way a run does (flock on <database>.lock), like a long run in progress.
        // It says when it holds it, so the test waits for that and not for a time.
        let holder = Process(), said = Pipe()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); "
                                + "print('held', flush=True); time.sleep(600)", db + ".lock"]
        holder.standardOutput = said
        try holder.run()
        defer { if holder.isRunning { kill(holder.processIdentifier, SIGKILL) } }
        #expect(String(decoding: said.fileHandleForReading.readData(ofLength: 5), as: UTF8.self) == "held\n")
        let busy = try run()
        #expect(busy.status == 75, "\(busy.stderr)")
        #expect(busy.stderr.contains("another run holds the database \(db)") && busy.stderr.contains("try again later"), "\(busy.stderr)")
        // status only reads: it answers while the database is held.
        let status = try cli.run(["status", "Pipelines/nightly.toml", "--db", db, "--out", out, "--input", exports])
        #expect(status.status == 0 && status.stdout.contains("ingest: up to date"), "\(status.stderr)")
        // Killed without a chance to clean up: the kernel drops its lock when the process ends (waited for), and the next run goes ahead.
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        #expect(holder.terminationReason == .uncaughtSignal)
        let after = try run()
        #expect(after.status == 0, "\(after.stderr)")
        #expect(stages(after) == ["ingest skipped", "transform skipped", "report skipped"])
    }

    @Test func aRunKilledMidwayIsRecordedAndRedone() throws {
        // A run that dies leaves stage runs "running"; the next run marks them failed and the plan redoes them.
        _ = try run()
        let sqlite = try OutcomesStore(path: db).database
        try sqlite.execute("INSERT INTO run(pipeline, started_at, status, stages) VALUES ('nightly', 1, 'running', 'transform')")
        try sqlite.execute("INSERT INTO stage_run(run_id, stage, target, started_at, status, inputs) VALUES (last_insert_rowid(), 'transform', '', 1, 'running', '')")
        let status = try cli.run(["status", "Pipelines/nightly.toml", "--db", db, "--out", out, "--input", exports])
        #expect(status.stdout.contains("transform: stale: last run did not finish"), "\(status.stdout)")
        let redo = try run()
        #expect(stages(redo) == ["ingest skipped", "transform ran", "report ran"], "\(redo.stdout)")
        #expect(try sqlite.scalar("SELECT count(*) FROM stage_run WHERE status = 'running'") == 0)
    }
}
