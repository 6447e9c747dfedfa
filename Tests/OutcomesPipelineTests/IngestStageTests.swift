import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesSample
@testable import OutcomesIO
@testable import OutcomesPipeline

@Suite struct IngestStageTests {
    let folder = TemporaryFolder()
    var exports: String { folder.path + "/exports" }

    init() throws {
        try FileManager.default.createDirectory(atPath: folder.path + "/exports", withIntermediateDirectories: true)
    }

    func config(timezone: String = "UTC") -> PipelineConfig {
        var config = PipelineConfig(path: "test.toml", name: "test")
        config.timezone = timezone
        return config
    }

    func ingest(_ store: OutcomesStore, now: Int64 = 1) throws -> IngestSummary {
        try IngestStage(config: config(), exportsFolder: exports).run(store: store, runID: nil, now: now)
    }

    func count(_ store: OutcomesStore, _ sql: String) throws -> Int64 { try store.database.scalar(sql) ?? -1 }

    func issues(_ store: OutcomesStore) throws -> [String] {
        try store.database.prepare("""
            SELECT f.path, i.line, i.kind, i.reason FROM row_issue i JOIN source_file f ON f.id = i.source_file_id ORDER BY f.path, i.line, i.kind
            """).rows { "\($0.text(0)!):\($0.int(1)) \($0.text(2)!): \($0.text(3)!)" }
    }

    static let header = "patient_id,instrument,administered_at,total\n"

    @Test func duplicatesCorrectionsAndSupersededAcrossFilesAndRuns() throws {
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        folder.write("exports/a.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,20\nP1,PHQ-9,2026-03-05 09:00,15\nP2,GAD-7,2026-03-04 09:00,12\n")
        folder.write("exports/b.csv", Self.header
            + "P1,phq9,2026-03-04T09:00:00Z,20\n"     // same instant, other style: duplicate
            + "P1,PHQ-9,2026-03-05 09:00,14\n"        // correction of a.csv line 3
            + "P3,GAD-7,2026-03-04 09:00,30\n")       // rejected
        let first = try ingest(store)
        #expect(first.ingestedFiles == 2)
        #expect(first.totals.records == 6 && first.totals.accepted == 4 && first.totals.duplicates == 1
                && first.totals.rejected == 1 && first.totals.corrections == 1)
        #expect(try count(store, "SELECT count(*) FROM score") == 3)
        #expect(try count(store, "SELECT total FROM score WHERE administered_at = 1772701200") == 14)
        #expect(try count(store, "SELECT count(*) FROM score_history") == 1)
        #expect(try issues(store) == [
            "a.csv:3 superseded: corrected by b.csv line 3 (PHQ-9 total 15 → 14)",
            "b.csv:2 duplicate: same PHQ-9 administration as a.csv line 2",
            "b.csv:4 rejected: GAD-7 total 30 is outside 0–21",
        ])
        // Per file, every record is stored, superseded, duplicate, skipped or rejected.
        let status = try store.database.prepare("SELECT path, records, stored, superseded, duplicates, skipped, rejected FROM source_file_status ORDER BY path")
            .rows { [$0.int(1), $0.int(2), $0.int(3), $0.int(4), $0.int(5), $0.int(6)] }
        #expect(status == [[3, 2, 1, 0, 0, 0], [3, 1, 0, 1, 0, 1]])

        // A second run over the same files adds nothing and lists nothing again.
        let second = try ingest(store, now: 2)
        #expect(second.ingestedFiles == 0 && second.unchangedFiles == 2)
        #expect(try count(store, "SELECT count(*) FROM row_issue") == 3)

        // A later run with a changed file: the later row wins again.
        folder.write("exports/a.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,21\n")
        let third = try ingest(store, now: 3)
        #expect(third.ingestedFiles == 1 && third.totals.corrections == 1)
        #expect(try count(store, "SELECT total FROM score WHERE administered_at = 1772614800 AND patient_id = 'P1'") == 21)
        #expect(try count(store, "SELECT count(*) FROM score_history") == 2)
    }

    @Test func sessionsByIdAndByStart() throws {
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        let header = "patient_id,session_start,route,dose_mg,session_id\n"
        folder.write("exports/s1.csv", header + "P1,2026-03-04 09:00,IV,40,S1\nP1,2026-03-07 09:00,IV,40,\n")
        folder.write("exports/s2.csv", header + "P1,2026-03-04 10:00,IV,40,S1\nP1,2026-03-07 09:00,infusion,40,\n")
        let summary = try ingest(store)
        #expect(summary.totals.accepted == 3 && summary.totals.corrections == 1 && summary.totals.duplicates == 1)
        #expect(try count(store, "SELECT session_start FROM session WHERE session_id = 'S1'") == 1_772_618_400)
        #expect(try issues(store).first == "s1.csv:2 superseded: corrected by s2.csv line 2 (start time changed)")
    }

    @Test func aFileInterruptedMidWayLeavesNothing() throws {
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        let path = folder.write("exports/a.csv", Self.header + (1...50).map { "P\($0),PHQ-9,2026-03-04 09:00,\($0 % 27)\n" }.joined())
        let file = ExportFile(path: path, options: SourceOptions(), zone: LocalTimeZone(identifier: "UTC")!, rules: ScoringRules())
        let (layout, header) = try file.layout().get()
        struct Interrupted: Error {}
        let info = SourceFileInfo(path: "a.csv", sizeBytes: 1, sha256: "x", kind: "scores", form: "long", runID: nil, ingestedAt: 0)
        #expect(throws: Interrupted.self) {
            _ = try store.ingest(info) { writer in
                var n = 0
                try file.read(layout: layout, header: header) { event in
                    if case .record(let line, .score(let s)) = event { _ = try writer.put(score: s, line: line) }
                    n += 1
                    if n == 30 { throw Interrupted() }
                }
                return FileCounts()
            }
        }
        #expect(try count(store, "SELECT count(*) FROM score") == 0)
        #expect(try count(store, "SELECT count(*) FROM source_file") == 0)
        // The next run ingests the whole file.
        #expect(try ingest(store).totals.accepted == 50)
    }

    @Test func unrecognisedAndEmptyFilesAreListedAndTheRunGoesOn() throws {
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        folder.write("exports/a.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,20\n")
        folder.write("exports/notes.csv", "patient_id,note\nP1,hello\n")
        folder.write("exports/empty.csv", "")
        let summary = try ingest(store)
        #expect(summary.ingestedFiles == 1 && summary.unrecognisedFiles == 2)
        #expect(try issues(store).contains("empty.csv:1 unrecognised_file: the file is empty: it has no header row"))
        _ = try ingest(store)
        #expect(try count(store, "SELECT count(*) FROM row_issue WHERE kind = 'unrecognised_file'") == 2)
    }

    @Test func generatedClinicReconciles() throws {
        var options = SampleOptions()
        options.patients = 60
        options.badRows = true
        options.overlap = true
        var sink = TestSink(folder: try SampleFolderSink(folder: exports))
        SampleClinic.generate(options, into: &sink)
        try sink.folder.close()
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        var config = config(timezone: "America/New_York")
        config.sources = [SourceConfig()]
        let summary = try IngestStage(config: config, exportsFolder: exports).run(store: store, runID: nil, now: 1)
        for case (_, .ingested(let counts)) in summary.files { #expect(counts.reconciles) }
        #expect(summary.totals.rejected > 0 && summary.totals.duplicates > 0 && summary.totals.skipped > 0 && summary.totals.corrections > 0)
        let rows = try count(store, "SELECT (SELECT count(*) FROM score) + (SELECT count(*) FROM session) + (SELECT count(*) FROM score_history) + (SELECT count(*) FROM session_history)")
        #expect(rows == Int64(summary.totals.accepted))
        #expect(try count(store, "SELECT sum(records) - sum(stored) - sum(superseded) - sum(duplicates) - sum(skipped) - sum(rejected) FROM source_file_status") == 0)
        // The view derives `stored` from the counts; the tables themselves must agree, file by file.
        #expect(try count(store, """
            SELECT count(*) FROM source_file_status v
            WHERE v.stored != (SELECT count(*) FROM score s WHERE s.source_file_id = v.id) + (SELECT count(*) FROM session s WHERE s.source_file_id = v.id)
            """) == 0)
        #expect(try count(store, "SELECT sum(superseded) FROM source_file_status") > 0)
    }
}

struct TestSink: SampleSink {
    let folder: SampleFolderSink
    mutating func write(_ file: String, header: [String], _ row: [String]) { folder.write(file, header: header, row) }
}
