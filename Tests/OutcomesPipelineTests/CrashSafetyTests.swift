import TestSupport
import Foundation
import Testing
@testable import OutcomesIO

/// Kill the process (SIGKILL) at random points of ingest, transform and report, run again,
/// and get the same report files and the same rows as a run that was never interrupted.
@Suite struct CrashSafetyTests {
    let cli = CommandLineTests()
    /// Pinned, so that report.md is comparable byte for byte.
    static let runTime = ["OUTCOMES_RUN_TIME": "1791201600"]

    static let tables = ["source_file", "score", "score_history", "session", "session_history", "row_issue", "patient_change",
                         "course", "course_session", "course_instrument", "follow_up", "curve_point"]

    func counts(_ db: String) throws -> [String: Int64] {
        let store = try OutcomesStore(path: db)
        var counts: [String: Int64] = [:]
        for table in Self.tables { counts[table] = try store.database.scalar("SELECT count(*) FROM \(table)") }
        // The content too, not only the sizes: a sum over the values every report is built from.
        counts["score_sum"] = try store.database.scalar("SELECT total(total * 7 + administered_at % 1000) FROM score")
        counts["curve_sum"] = try store.database.scalar("SELECT total(pct_reduction * 1000) FROM curve_point")
        return counts
    }

    func arguments(_ folder: TemporaryFolder, _ name: String) -> [String] {
        ["run", "Pipelines/nightly.toml", "--db", folder.path + "/\(name).sqlite", "--out", folder.path + "/\(name)-report",
         "--input", folder.path + "/exports"]
    }

    @Test func killedAtRandomPointsThenRerunGivesTheSameReport() throws {
        let folder = TemporaryFolder()
        #expect(try cli.run(["sample", "--out", folder.path + "/exports", "--patients", "500", "--seed", "8", "--bad-rows", "--overlap"]).status == 0)

        let started = Date()
        let reference = try cli.run(arguments(folder, "reference"), environment: Self.runTime)
        #expect(reference.status == 0, "\(reference.stderr)")
        let duration = Date().timeIntervalSince(started)

        // Trials spread over the run, so kills land in ingest, transform and report: trial i is killed
        // at a random time within the i-th sixth of an uninterrupted run, then run again to the end.
        var generator = SystemRandomNumberGenerator()
        let trials = 6
        var killedMidway = 0
        for trial in 0..<trials {
            let name = "crashed\(trial)"
            let delay = Double.random(in: (Double(trial) / Double(trials) * duration)...(Double(trial + 1) / Double(trials) * duration),
                                      using: &generator)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try CommandLineTests.binary())
            process.arguments = arguments(folder, name)
            process.currentDirectoryURL = URL(fileURLWithPath: CommandLineTests.root)
            process.environment = ProcessInfo.processInfo.environment.merging(Self.runTime) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }
            let finish = try cli.run(arguments(folder, name), environment: Self.runTime)
            #expect(finish.status == 0, "trial \(trial), killed at \(delay) s: \(finish.stderr)")
            try compare(folder, name, note: "trial \(trial), killed at \(delay) s of \(duration) s")
        }
        #expect(killedMidway >= trials - 1, "only \(killedMidway) of \(trials) runs were still going when killed")
    }

    func compare(_ folder: TemporaryFolder, _ name: String, note: String) throws {
        #expect(try counts(folder.path + "/\(name).sqlite") == counts(folder.path + "/reference.sqlite"), "\(note)")
        let a = folder.path + "/reference-report", b = folder.path + "/\(name)-report"
        let files = try FileManager.default.contentsOfDirectory(atPath: a).sorted()
        #expect(try FileManager.default.contentsOfDirectory(atPath: b).sorted() == files, "\(note)")
        for file in files where file != "manifest.json" {
            #expect(FileManager.default.contents(atPath: a + "/" + file) == FileManager.default.contents(atPath: b + "/" + file),
                    "\(file) differs: \(note)")
        }
        // The manifest differs in run id, timings and database path only: its inputs and files agree.
        func traced(_ path: String) throws -> [NSDictionary] {
            let json = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: path) ?? Data()) as? [String: Any]
            return ((json?["inputs"] as? [NSDictionary]) ?? []) + ((json?["files"] as? [NSDictionary]) ?? [])
        }
        #expect(try traced(a + "/manifest.json") == traced(b + "/manifest.json"), "\(note)")
        // Nothing half-written is left beside the report.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
