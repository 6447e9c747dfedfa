import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// Control characters and duplicate headers, from the export file to the data-quality rows.
@Suite struct UntrustedTextIngestTests {
    let folder = TemporaryFolder()
    var exports: String { folder.path + "/exports" }

    init() throws {
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
    }

    func ingest(_ store: OutcomesStore) throws -> IngestSummary {
        try IngestStage(config: PipelineConfig(path: "t.toml", name: "t"), exportsFolder: exports).run(store: store, runID: nil, now: 1)
    }

    func issues(_ store: OutcomesStore) throws -> [String] {
        try store.database.prepare("""
            SELECT f.path, i.line, coalesce(i.column_name, '-'), i.kind, i.reason FROM row_issue i
            JOIN source_file f ON f.id = i.source_file_id ORDER BY f.path, i.line
            """).rows { "\($0.text(0)!):\($0.int(1)) \($0.text(2)!) \($0.text(3)!): \($0.text(4)!)" }
    }

    @Test func aNULNeitherCutsAReasonNorEntersAnId() throws {
        folder.write("exports/a.csv", bytes: Array("patient_id,instrument,administered_at,total\n".utf8)
            + Array("P1,GAD".utf8) + [0] + Array("-7,2026-03-04 09:00,5\n".utf8)
            + Array("P".utf8) + [0] + Array("2,GAD-7,2026-03-04 09:00,5\n".utf8)
            + Array("P3,GAD-7,2026-03-04 09:00,5\n".utf8))
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        let summary = try ingest(store)
        #expect(summary.totals.records == 3 && summary.totals.accepted == 1 && summary.totals.rejected == 2)
        #expect(try issues(store) == [
            "a.csv:2 instrument rejected: unknown instrument 'GAD\\0-7'; expected GAD-7, PHQ-9 or HAM-A",
            "a.csv:3 patient_id rejected: the patient id contains a control character (\\0); ids must be printable text",
        ])
        #expect(try store.database.prepare("SELECT patient_id FROM score").rows { $0.text(0) } == ["P3"])
    }

    @Test func duplicateHeadersMakeTheFileUnrecognised() throws {
        folder.write("exports/a.csv", "patient_id,mrn,instrument,administered_at,total\nP1,M1,GAD-7,2026-03-04 09:00,5\n")
        folder.write("exports/b.csv", "patient_id,instrument,administered_at,total,total\nP1,GAD-7,2026-03-04 09:00,5,6\n")
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        let summary = try ingest(store)
        #expect(summary.unrecognisedFiles == 2 && summary.totals.records == 0)
        #expect(try issues(store) == [
            "a.csv:1 - unrecognised_file: columns 1 (patient_id) and 2 (mrn) both give the patient id; keep one, or pick one with the source's columns key, e.g. columns = { patient_id = \"mrn\" }",
            "b.csv:1 - unrecognised_file: columns 4 (total) and 5 (total) both give the total; keep one",
        ])
    }
}
