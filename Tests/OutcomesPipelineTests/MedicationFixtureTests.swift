import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// Issue 11, item 4: sessions from medication records, end to end through `IngestStage`
/// (Tests/Fixtures/medications/README.md says where each record comes from). The folder is
/// ingested with only its pipeline.toml (exports and timezone): every ketamine or esketamine
/// administration is stored with its hand-checked start, route, dose and duration, or listed
/// at its line with its reason; every other drug is counted, one other_rows line per drug.
@Suite struct MedicationFixtureTests {
    static let fixtures = #filePath.components(separatedBy: "/Tests/")[0] + "/Tests/Fixtures/medications"

    struct StoredSession: Comparable, CustomStringConvertible {
        var file: String
        var line: Int
        var patient: String
        var startUTC: String
        var route: String
        var doseMg: Double?
        var durationMin: Double?
        var sessionID: String?

        static func < (a: StoredSession, b: StoredSession) -> Bool { (a.file, a.line) < (b.file, b.line) }
        var description: String {
            "\(file):\(line) \(patient) \(startUTC) \(route) \(doseMg.map { "\($0) mg" } ?? "-") \(durationMin.map { "\($0) min" } ?? "-") \(sessionID ?? "-")"
        }
    }

    /// Worked out by hand from the files (README.md lists each line).
    static let expectedSessions: [StoredSession] = [
        StoredSession(file: "administrations.csv", line: 2, patient: "c1", startUTC: "2026-03-02T15:00:00Z", route: "IV", doseMg: 35, durationMin: 40, sessionID: "csv-1"),
        StoredSession(file: "administrations.csv", line: 4, patient: "c2", startUTC: "2026-03-03T19:00:00Z", route: "IN", doseMg: 84, durationMin: nil, sessionID: "csv-3"),
        StoredSession(file: "administrations.csv", line: 6, patient: "c3", startUTC: "2026-03-04T14:30:00Z", route: "IM", doseMg: 50, durationMin: nil, sessionID: "csv-5"),
        StoredSession(file: "administrations.csv", line: 9, patient: "c1", startUTC: "2026-03-09T14:00:00Z", route: "IV", doseMg: 40, durationMin: 45, sessionID: "csv-8"),
        StoredSession(file: "administrations.ndjson", line: 1, patient: "pat1", startUTC: "2015-01-15T13:30:00Z", route: "IV", doseMg: 35, durationMin: nil, sessionID: "ketamine-0301"),
        StoredSession(file: "administrations.ndjson", line: 3, patient: "pat2", startUTC: "2026-03-04T14:30:00Z", route: "IN", doseMg: 56, durationMin: nil, sessionID: "spravato-1"),
        StoredSession(file: "administrations.ndjson", line: 6, patient: "pat1", startUTC: "2015-02-05T13:30:00Z", route: "IV", doseMg: 35, durationMin: 40, sessionID: "ketamine-0304"),
    ]

    /// (file, line, kind, reason) of every row issue, in file and line order.
    static let expectedIssues: [[String]] = [
        ["administrations.csv", "3", "other_rows", "2 rows of administration of Ondansetron 4 MG Oral Tablet not read: not an instrument or a ketamine session this pipeline reads"],
        ["administrations.csv", "5", "other_rows", "1 row of administration of Midazolam 2 MG/2ML Injection not read: not an instrument or a ketamine session this pipeline reads"],
        ["administrations.csv", "7", "rejected", "the dose unit 'mL' is not a mass; mg, ug (mcg) or g are read"],
        ["administrations.csv", "8", "rejected", "the route is empty; ketamine may be given IV, IM, IN, SL, PO or SC"],
        ["administrations.ndjson", "2", "other_rows", "2 rows of MedicationAdministration of Vancomycin Hydrochloride (VANCOMYCIN HYDROCHLORIDE) not read: not an instrument or a ketamine session this pipeline reads"],
        ["administrations.ndjson", "4", "skipped", "the MedicationAdministration's status is 'in-progress': only completed is read"],
        ["administrations.ndjson", "5", "skipped", "the MedicationAdministration's status is 'entered-in-error': only completed is read"],
        ["administrations.ndjson", "7", "other_rows", "1 row of MedicationAdministration of Lantus 100 UNT/ML Injectable Solution not read: not an instrument or a ketamine session this pipeline reads"],
        ["administrations.ndjson", "9", "rejected", "the dose unit 'mL' is not a mass; mg, ug (mcg) or g are read"],
        ["administrations.ndjson", "10", "other_rows", "1 row of FHIR Patient not read: not an instrument or a ketamine session this pipeline reads"],
    ]

    @Test func everyAdministrationIsStoredOrListed() throws {
        let work = TemporaryFolder()
        let exports = work.path + "/exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        for file in ["administrations.csv", "administrations.ndjson"] {
            try FileManager.default.copyItem(atPath: Self.fixtures + "/" + file, toPath: exports + "/" + file)
        }
        try FileManager.default.copyItem(atPath: Self.fixtures + "/pipeline.toml", toPath: work.path + "/pipeline.toml")
        var config = try PipelineLoader.load(path: work.path + "/pipeline.toml")
        config.exports = exports

        let store = try OutcomesStore(path: work.path + "/outcomes.sqlite")
        let summary = try IngestStage(config: config, exportsFolder: exports).run(store: store, runID: nil, now: 1)
        for file in ["administrations.csv", "administrations.ndjson"] {
            guard case .ingested = summary.files.first(where: { $0.path == file })?.outcome else {
                Issue.record("\(file) was not ingested: \(String(describing: summary.files.first { $0.path == file }?.outcome))")
                continue
            }
        }

        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let stored = try store.database.prepare("""
            SELECT f.path, s.source_line, s.patient_id, s.session_start, s.route, s.dose_mg, s.duration_min, s.session_id
            FROM session s JOIN source_file f ON f.id = s.source_file_id
            """).rows { row in
            StoredSession(file: row.text(0) ?? "", line: row.int(1), patient: row.text(2) ?? "",
                          startUTC: formatter.string(from: Date(timeIntervalSince1970: TimeInterval(row.int64(3)))),
                          route: row.text(4) ?? "", doseMg: row.double(5), durationMin: row.double(6), sessionID: row.text(7))
        }
        #expect(stored.sorted() == Self.expectedSessions)

        let issues = try store.database.prepare("""
            SELECT f.path, i.line, i.kind, i.reason FROM row_issue i JOIN source_file f ON f.id = i.source_file_id
            ORDER BY f.path, i.line, i.id
            """).rows { row in [row.text(0) ?? "", String(row.int(1)), row.text(2) ?? "", row.text(3) ?? ""] }
        #expect(issues == Self.expectedIssues)

        // Per file: records = stored + superseded + duplicates + skipped + rejected; the form and kind are the file's.
        let status = try store.database.prepare("""
            SELECT path, kind, form, records, stored, superseded, duplicates, skipped, rejected FROM source_file_status ORDER BY path
            """).rows { row in [row.text(0) ?? "", row.text(1) ?? "", row.text(2) ?? ""] + (3...8).map { String(row.int(Int32($0))) } }
        #expect(status == [
            ["administrations.csv", "sessions", "medications", "6", "4", "0", "0", "0", "2"],
            ["administrations.ndjson", "sessions", "fhir", "6", "3", "0", "0", "2", "1"],
        ])
    }
}
