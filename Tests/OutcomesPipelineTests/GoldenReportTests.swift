import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// Every report file, byte for byte, on a small fixed clinic (Tests/Fixtures/golden/exports,
/// 30 synthetic patients with bad rows and overlapping exports).
///
/// To change a report on purpose: `OUTCOMES_RECORD_GOLDENS=1 swift test --filter GoldenReportTests`
/// rewrites the expected files and fails, so that nothing passes until the diff has been read
/// (`git diff Tests/Fixtures/golden`) and the tests rerun without the variable.
@Suite struct GoldenReportTests {
    static let fixtures = #filePath.components(separatedBy: "/Tests/")[0] + "/Tests/Fixtures/golden"
    /// 2026-10-05 12:00 UTC: the run's time, passed in, so `last-quarter` is 2026Q3.
    static let now: Int64 = 1_791_201_600

    func report(period: ReportPeriod, minCell: Int, into folder: TemporaryFolder) throws -> String {
        var config = PipelineConfig(path: "golden.toml", name: "golden")
        config.timezone = "America/New_York"
        config.period = period
        config.minCell = minCell
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        _ = try IngestStage(config: config, exportsFolder: Self.fixtures + "/exports").run(store: store, runID: nil, now: Self.now)
        _ = try TransformStage(config: config).run(store: store, runID: nil, now: Self.now)
        let out = folder.path + "/report"
        _ = try ReportStage(config: config, reportsPath: out).run(store: store, now: Self.now)
        return out
    }

    func compare(_ produced: String, with expected: String) throws {
        let manager = FileManager.default
        if ProcessInfo.processInfo.environment["OUTCOMES_RECORD_GOLDENS"] == "1" {
            try? manager.removeItem(atPath: expected)
            try manager.copyItem(atPath: produced, toPath: expected)
            Issue.record("re-recorded \(expected): review `git diff Tests/Fixtures/golden`, then rerun without OUTCOMES_RECORD_GOLDENS")
            return
        }
        let files = try manager.contentsOfDirectory(atPath: produced).sorted()
        let goldens = (try? manager.contentsOfDirectory(atPath: expected).sorted()) ?? []
        #expect(files == goldens, "the report's files differ from \(expected)")
        for file in files where goldens.contains(file) {
            let a = try String(contentsOfFile: produced + "/" + file, encoding: .utf8)
            let b = try String(contentsOfFile: expected + "/" + file, encoding: .utf8)
            if a != b {
                let lines = (a.components(separatedBy: "\n"), b.components(separatedBy: "\n"))
                let index = (0..<min(lines.0.count, lines.1.count)).first { lines.0[$0] != lines.1[$0] } ?? min(lines.0.count, lines.1.count)
                let got = index < lines.0.count ? lines.0[index] : "(end of file)"
                let want = index < lines.1.count ? lines.1[index] : "(end of file)"
                Issue.record("\(file) differs from its golden at line \(index + 1):\n  got:      \(got)\n  expected: \(want)")
            }
        }
    }

    @Test func nightlyReportOfAllCourses() throws {
        let folder = TemporaryFolder()
        try compare(try report(period: .all, minCell: 0, into: folder), with: Self.fixtures + "/nightly")
    }

    @Test func quarterlyReportWithSmallCells() throws {
        let folder = TemporaryFolder()
        try compare(try report(period: .lastQuarter, minCell: 5, into: folder), with: Self.fixtures + "/quarterly")
    }

    @Test func sameDatabaseSameFiles() throws {
        // Determinism: a second report over the same database is byte-identical, and replaces the first whole:
        // a chart the previous report listed in its manifest, and this one does not write, is gone.
        let folder = TemporaryFolder()
        let first = try report(period: .all, minCell: 0, into: folder)
        let copy = folder.path + "/first"
        try FileManager.default.copyItem(atPath: first, toPath: copy)
        let manifest = try String(contentsOfFile: first + "/manifest.json", encoding: .utf8)
        let listed = manifest.replacingOccurrences(of: "\"files\": [\n", with: "\"files\": [\n    {\"name\": \"time_to_relief_old.svg\", \"sha256\": \"00\", \"bytes\": 0},\n")
        #expect(listed != manifest)
        try Data(listed.utf8).write(to: URL(fileURLWithPath: first + "/manifest.json"))
        try FileManager.default.createFile(atPath: first + "/time_to_relief_old.svg", contents: Data())
        var config = PipelineConfig(path: "golden.toml", name: "golden")
        config.timezone = "America/New_York"
        _ = try ReportStage(config: config, reportsPath: first).run(store: try OutcomesStore(path: folder.path + "/db.sqlite"), now: Self.now)
        let names = try FileManager.default.contentsOfDirectory(atPath: first).sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: copy).sorted()))
        for name in names {
            #expect(FileManager.default.contents(atPath: first + "/" + name) == FileManager.default.contents(atPath: copy + "/" + name), "\(name)")
        }
    }

    @Test func failedReportLeavesThePreviousOne() throws {
        let folder = TemporaryFolder()
        let out = try report(period: .all, minCell: 0, into: folder)
        let before = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        let summary = FileManager.default.contents(atPath: out + "/route_summary.csv")
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        // Fails after data_quality.csv is written: curve points are read from this column (migration 12).
        try store.database.execute("DROP VIEW curve_point; DROP VIEW follow_up; ALTER TABLE course_instrument DROP COLUMN curve_point_json")
        var config = PipelineConfig(path: "golden.toml", name: "golden")
        config.timezone = "America/New_York"
        #expect(throws: SQLiteError.self) { try ReportStage(config: config, reportsPath: out).run(store: store, now: Self.now) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == before)
        #expect(FileManager.default.contents(atPath: out + "/route_summary.csv") == summary)
        // No temporary folder is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }
}
