import TestSupport
import Foundation
import Testing
@testable import OutcomesIO

/// Kill the process (SIGKILL) at named checkpoints of ingest, transform and report
/// (`OUTCOMES_CHECKPOINT`, docs/operations.md), look at what the kill left, run again, and get
/// the same rows and report files as a run that was never interrupted. The checkpoints make
/// every kill land where the table says, whatever the machine's load.
@Suite struct CrashSafetyTests {
    /// What a killed run must have left in the database.
    enum Database: Sendable {
        /// `files` export files committed (the sample has 7 readable ones), no analysis tables.
        case ingested(files: Int)
        /// Every table as the uninterrupted run left it.
        case complete
    }

    /// What a killed run must have left at the report path (it held a previous report).
    enum Report: Sendable {
        /// The previous report, untouched.
        case previous
        /// No report folder; the previous one beside it, renamed aside whole.
        case movedAside
        /// The new report, whole.
        case new
    }

    struct Trial {
        var checkpoint: String
        /// The stage killed: `status` must call it stale because its last run did not finish.
        var stage: String
        var database: Database
        var report: Report
    }

    /// Every checkpoint, with a count where the first time would not be mid-way: the sample's
    /// 7 readable files are ingested in name order, and its 200 patients transformed.
    static let trials: [Trial] = [
        Trial(checkpoint: "ingest.file-written:1", stage: "ingest", database: .ingested(files: 0), report: .previous),
        Trial(checkpoint: "ingest.file-written:5", stage: "ingest", database: .ingested(files: 4), report: .previous),
        Trial(checkpoint: "ingest.file-committed:3", stage: "ingest", database: .ingested(files: 3), report: .previous),
        Trial(checkpoint: "ingest.finished", stage: "ingest", database: .ingested(files: 7), report: .previous),
        Trial(checkpoint: "transform.patient-written:100", stage: "transform", database: .ingested(files: 7), report: .previous),
        Trial(checkpoint: "transform.before-commit", stage: "transform", database: .ingested(files: 7), report: .previous),
        Trial(checkpoint: "transform.finished", stage: "transform", database: .complete, report: .previous),
        Trial(checkpoint: "report.files-written", stage: "report", database: .complete, report: .previous),
        Trial(checkpoint: "report.old-moved-aside", stage: "report", database: .complete, report: .movedAside),
        Trial(checkpoint: "report.finished", stage: "report", database: .complete, report: .new),
    ]

    /// Pinned, so that report.md is comparable byte for byte; no checkpoint (whatever the caller's environment).
    static let runTime = ["OUTCOMES_RUN_TIME": "1791201600", "OUTCOMES_CHECKPOINT": ""]

    static let tables = ["source_file", "score", "score_history", "session", "session_history", "row_issue", "patient_change",
                         "course", "course_session", "course_instrument", "follow_up", "curve_point"]

    let cli = CommandLineTests()
    let folder = TemporaryFolder()
    var exports: String { folder.path + "/exports" }
    var reference: String { folder.path + "/reference" }
    /// A report of another period: what each killed run finds at its report path and must not lose.
    var previous: String { folder.path + "/previous-report" }

    func arguments(_ name: String) -> [String] {
        ["run", "Pipelines/nightly.toml", "--db", name + ".sqlite", "--out", name + "-report", "--input", exports]
    }

    @Test func killedAtEachCheckpointThenRerunGivesTheSameReport() throws {
        #expect(try cli.run(["sample", "--out", exports, "--patients", "200", "--seed", "8", "--bad-rows", "--overlap"]).status == 0)
        let run = try cli.run(arguments(reference), environment: Self.runTime)
        #expect(run.status == 0, "\(run.stderr)")
        let older = try cli.run(["run", "Pipelines/nightly.toml", "--db", reference + ".sqlite", "--out", previous, "--input", exports,
                                 "--stage", "report", "--period", "2026Q1"], environment: Self.runTime)
        #expect(older.status == 0, "\(older.stderr)")
        for trial in Self.trials { try killAndRerun(trial) }
    }

    func killAndRerun(_ trial: Trial) throws {
        let note = Comment(rawValue: "killed at \(trial.checkpoint)")
        let name = folder.path + "/" + trial.checkpoint.replacingOccurrences(of: ":", with: "-")
        try FileManager.default.copyItem(atPath: previous, toPath: name + "-report")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CommandLineTests.binary())
        process.arguments = arguments(name)
        process.currentDirectoryURL = URL(fileURLWithPath: CommandLineTests.root)
        process.environment = ProcessInfo.processInfo.environment.merging(["OUTCOMES_RUN_TIME": Self.runTime["OUTCOMES_RUN_TIME"]!,
                                                                           "OUTCOMES_CHECKPOINT": trial.checkpoint]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        // Killed by its own SIGKILL at the checkpoint: not finished, not failed, not stopped elsewhere.
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL,
                "\(note): ended with \(process.terminationReason == .exit ? "exit" : "signal") \(process.terminationStatus)")

        try expectLeft(trial, name: name, note: note)
        let status = try cli.run(["status", "Pipelines/nightly.toml", "--db", name + ".sqlite", "--out", name + "-report", "--input", exports])
        let line = status.stdout.split(separator: "\n").first { $0.hasPrefix(trial.stage + ":") || $0.hasPrefix(trial.stage + " (") }
        #expect(line?.contains(": stale: last run did not finish") == true, "\(note): \(status.stdout)")

        let finish = try cli.run(arguments(name), environment: Self.runTime)
        #expect(finish.status == 0, "\(note): \(finish.stderr)")
        try compare(name, note: note)
    }

    /// The state the kill left: the database committed up to the checkpoint and no further, the
    /// previous report intact (at its path or, between the two renames, beside it).
    func expectLeft(_ trial: Trial, name: String, note: Comment) throws {
        switch trial.database {
        case .ingested(let files):
            let store = try OutcomesStore(path: name + ".sqlite")
            #expect(try store.database.scalar("SELECT count(*) FROM source_file WHERE kind != 'unrecognised'") == Int64(files), note)
            #expect(try store.transformState() == nil, note)
            #expect(try store.database.scalar("SELECT count(*) FROM course") == 0, note)
            if files == 7 {
                let ingestTables = ["source_file", "score", "score_history", "session", "session_history", "row_issue", "score_sum"]
                let (now, then) = (try counts(name + ".sqlite"), try counts(reference + ".sqlite"))
                #expect(ingestTables.map { now[$0] } == ingestTables.map { then[$0] }, note)
            }
        case .complete:
            #expect(try counts(name + ".sqlite") == counts(reference + ".sqlite"), note)
        }
        let base = URL(fileURLWithPath: name).lastPathComponent + "-report"
        let aside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".\(base).old-") }
        switch trial.report {
        case .previous:
            try expectSameFiles(previous, name + "-report", manifest: true, note: note)
        case .movedAside:
            #expect(!FileManager.default.fileExists(atPath: name + "-report"), note)
            #expect(aside.count == 1, note)
            if let old = aside.first { try expectSameFiles(previous, folder.path + "/" + old, manifest: true, note: note) }
        case .new:
            #expect(aside.isEmpty, note)
            try expectSameFiles(reference + "-report", name + "-report", manifest: false, note: note)
        }
    }

    func counts(_ db: String) throws -> [String: Int64] {
        let store = try OutcomesStore(path: db)
        var counts: [String: Int64] = [:]
        for table in Self.tables { counts[table] = try store.database.scalar("SELECT count(*) FROM \(table)") }
        // The content too, not only the sizes: a sum over the values every report is built from.
        counts["score_sum"] = try store.database.scalar("SELECT total(total * 7 + administered_at % 1000) FROM score")
        counts["curve_sum"] = try store.database.scalar("SELECT total(pct_reduction * 1000) FROM curve_point")
        return counts
    }

    /// The same file names, and the same bytes in each (the manifest too when `manifest`).
    /// run.json is left out: it logs each run (its times, its run id) and a killed run writes none.
    func expectSameFiles(_ a: String, _ b: String, manifest: Bool, note: Comment) throws {
        func names(_ folder: String) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "run.json" }.sorted()
        }
        let files = try names(a)
        #expect((try? names(b)) == files, "\(note): the files in \(b)")
        for file in files where manifest || file != "manifest.json" {
            #expect(FileManager.default.contents(atPath: a + "/" + file) == FileManager.default.contents(atPath: b + "/" + file),
                    "\(note): \(file) differs")
        }
    }

    /// The rerun's rows and report against the uninterrupted run's.
    func compare(_ name: String, note: Comment) throws {
        #expect(try counts(name + ".sqlite") == counts(reference + ".sqlite"), note)
        try expectSameFiles(reference + "-report", name + "-report", manifest: false, note: note)
        // The manifest differs in run id, timings and database path only: its inputs and files agree.
        func traced(_ path: String) throws -> [NSDictionary] {
            let json = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: path) ?? Data()) as? [String: Any]
            return ((json?["inputs"] as? [NSDictionary]) ?? []) + ((json?["files"] as? [NSDictionary]) ?? [])
        }
        #expect(try traced(reference + "-report/manifest.json") == traced(name + "-report/manifest.json"), note)
        // Nothing half-written is left beside the report.
        let base = URL(fileURLWithPath: name).lastPathComponent
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".\(base)") }
        #expect(left.isEmpty, "\(note): \(left)")
    }
}
