import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// FHIR R4 exports (Tests/Fixtures/fhir, README there): every administration stored with its
/// hand-checked total and instant, every other resource counted, every bad one listed.
@Suite struct FHIRFixtureTests {
    static let fixtures = #filePath.components(separatedBy: "/Tests/")[0] + "/Tests/Fixtures/fhir"
    let folder = TemporaryFolder()

    func ingest() throws -> (OutcomesStore, IngestSummary) {
        let exports = folder.path + "/exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        for name in ["Observation.ndjson", "QuestionnaireResponse.json"] {
            try FileManager.default.copyItem(atPath: Self.fixtures + "/" + name, toPath: exports + "/" + name)
        }
        var config = PipelineConfig(path: "p.toml", name: "p")
        config.timezone = "America/New_York"
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        return (store, try IngestStage(config: config, exportsFolder: exports).run(store: store, runID: nil, now: 1))
    }

    @Test func everyAdministrationIsStoredAndEveryOtherResourceCounted() throws {
        let (store, summary) = try ingest()
        #expect(summary.unrecognisedFiles == 0)
        let scores = try store.database.prepare("""
            SELECT f.path, s.source_line, s.patient_id, s.instrument, s.administered_at, s.total, s.prorated FROM score s
            JOIN source_file f ON f.id = s.source_file_id ORDER BY f.path, s.source_line
            """).rows { "\($0.text(0)!):\($0.int(1)) \($0.text(2)!) \($0.text(3)!) \($0.int64(4)) \($0.int(5))\($0.int(6) == 1 ? " prorated" : "")" }
        #expect(scores == [
            "Observation.ndjson:1 p1 PHQ9 1772634600 14",
            "Observation.ndjson:2 p1 GAD7 1772634600 11",
            // Six GAD-7 item Observations and the total after them: 9 from 6 items, 9 × 7 / 6 = 10.5 → 11.
            "Observation.ndjson:11 p3 GAD7 1772870400 11 prorated",
            "QuestionnaireResponse.json:1 p4 PHQ9 1773151200 10",
            "QuestionnaireResponse.json:2 p5 PHQ9 1773230400 27",
            // 10 from 6 items: 10 × 7 / 6 = 11.67 → 12; +01:00 is 11:00 UTC.
            "QuestionnaireResponse.json:4 9b2e-p6 GAD7 1773399600 12 prorated",
        ])
        let issues = try store.database.prepare("""
            SELECT f.path, i.line, i.kind, i.reason FROM row_issue i JOIN source_file f ON f.id = i.source_file_id
            WHERE i.kind <> 'prorated' ORDER BY f.path, i.line, i.kind
            """).rows { "\($0.text(0)!):\($0.int(1)) \($0.text(2)!): \($0.text(3)!)" }
        #expect(issues == [
            "Observation.ndjson:3 other_rows: 2 rows of Observation 8302-2 (Body height) not read: not an instrument or a ketamine session this pipeline reads",
            "Observation.ndjson:5 skipped: the Observation's status is 'preliminary': only final, amended and corrected are read",
            "Observation.ndjson:6 other_rows: 1 row of Observation 55758-7 (Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]) not read: not an instrument or a ketamine session this pipeline reads",
            "Observation.ndjson:8 rejected: the effectiveDateTime '2026-03' is only a partial date; a day is needed",
            "Observation.ndjson:9 rejected: GAD-7 total 25 is outside 0–21",
            "Observation.ndjson:10 rejected: the line is not valid JSON (unexpected end of the text at byte 41)",
            "Observation.ndjson:18 other_rows: 1 row of Observation 44249-1 (PHQ-9 quick depression assessment panel) not read: a panel that only lists its members; the member Observations are read on their own",
            "QuestionnaireResponse.json:3 skipped: the QuestionnaireResponse's status is 'in-progress': only completed and amended are read",
            "QuestionnaireResponse.json:5 other_rows: 1 row of FHIR Patient not read: not an instrument or a ketamine session this pipeline reads",
            "QuestionnaireResponse.json:6 other_rows: 1 row of FHIR Encounter not read: not an instrument or a ketamine session this pipeline reads",
            // The total Observation derived from entry 1 is that administration (its effectiveDateTime an hour later notwithstanding).
            "QuestionnaireResponse.json:7 duplicate: same PHQ-9 administration as QuestionnaireResponse.json line 1",
        ])
        // Per file, every administration is one of stored, skipped or rejected.
        let totals = summary.totals
        #expect(totals.records == 12 && totals.accepted == 6 && totals.duplicates == 1 && totals.skipped == 2 && totals.rejected == 3)
    }
}
