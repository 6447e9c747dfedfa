import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// Never a silent zero: an instrument whose columns are in a file but from which nothing could
/// be read, and a form named like an instrument whose items were not found, are warned about,
/// listed in data quality, and fail `validate`.
@Suite struct UnreadInstrumentTests {
    let folder = TemporaryFolder()
    var exports: String { folder.path + "/exports" }

    init() throws {
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
    }

    func ingest(_ store: OutcomesStore) throws -> IngestSummary {
        var config = PipelineConfig(path: "p.toml", name: "p")
        config.timezone = "America/New_York"
        return try IngestStage(config: config, exportsFolder: exports).run(store: store, runID: nil, now: 1)
    }

    func issues(_ store: OutcomesStore, kind: String) throws -> [String] {
        try store.database.prepare("SELECT f.path, i.line, i.reason FROM row_issue i JOIN source_file f ON f.id = i.source_file_id WHERE i.kind = ? ORDER BY f.path")
            .rows([.text(kind)]) { "\($0.text(0)!):\($0.int(1)) \($0.text(2)!)" }
    }

    /// PHQ-9 is read; every GAD-7 is marked with no status (a report exported without the
    /// form's `_complete` field would look the same to a reader that found the wrong column).
    static let export = "record_id,redcap_event_name,gad7_date," + (1...7).map { "gad7_\($0)" }.joined(separator: ",") + ",gad7_complete,"
        + "phq9_date," + (1...9).map { "phq9_\($0)" }.joined(separator: ",") + ",phq9_complete\n"
        + "1,e1,2026-03-04 09:30,1,1,1,1,1,1,1,,2026-03-04 09:30,1,1,1,1,1,1,1,1,1,2\n"
        + "2,e1,2026-03-05 09:30,2,2,2,2,2,2,2,,2026-03-05 09:30,2,2,2,2,2,2,2,2,2,2\n"

    static let gadWarning = "GAD-7 columns were found (gad7_1, gad7_2, gad7_3 … gad7_date, gad7_complete) but none of its 2 administration(s) could be read (2 skipped); "
        + "most often: form not complete: GAD-7 is marked with no status; likely fix: check the form status column named in the reason "
        + "(REDCap writes <form>_complete: 2 complete, 1 unverified, 0 incomplete); with a data dictionary in the export folder, "
        + "or named by the source's dictionary key, the form's columns are known"

    @Test func anInstrumentNothingWasReadFromIsWarnedAboutAndListed() throws {
        folder.write("exports/redcap.csv", Self.export)
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        let summary = try ingest(store)
        #expect(summary.totals.accepted == 2)
        #expect(summary.warnings == ["redcap.csv: " + Self.gadWarning])
        #expect(try issues(store, kind: "instrument_not_read") == ["redcap.csv:1 " + Self.gadWarning])
    }

    static let unmatched = "record_id,redcap_event_name,gad7_date," + (1...7).map { "gad7_\($0)" }.joined(separator: ",") + ",gad7_complete,"
        + "interest,down,patient_health_questionnaire_9_complete\n"
        + "1,e1,2026-03-04 09:30,1,1,1,1,1,1,1,2,1,1,2\n"

    static let note = "the form patient_health_questionnaire_9 looks like PHQ-9 by its name, but its items were not found, so it is not read; "
        + "put the project's data dictionary in the export folder, or map the item prefix in the source (columns = { phq9 = \"…\" })"

    @Test func aFormNamedLikeAnInstrumentWithoutItemsIsListed() throws {
        folder.write("exports/redcap.csv", Self.unmatched)
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        let summary = try ingest(store)
        #expect(summary.totals.accepted == 1)
        #expect(summary.warnings == ["redcap.csv: " + Self.note])
        #expect(try issues(store, kind: "columns_not_read") == ["redcap.csv:1 " + Self.note])
    }

    @Test func validateFailsAndSaysWhy() throws {
        folder.write("exports/redcap.csv", Self.export)
        folder.write("exports/other.csv", Self.unmatched)
        let check = try CommandLineTests().run(["validate", exports + "/redcap.csv"])
        #expect(check.status == 1)
        #expect(check.stdout == "\(exports)/redcap.csv: redcap export, 4 records, 0 would be rejected\n\(exports)/redcap.csv:1: \(Self.gadWarning)\n")
        let other = try CommandLineTests().run(["validate", exports + "/other.csv"])
        #expect(other.status == 0)
        #expect(other.stdout == "\(exports)/other.csv: redcap export, 1 records, 0 would be rejected\n\(exports)/other.csv:1: \(Self.note)\n")
    }
}
