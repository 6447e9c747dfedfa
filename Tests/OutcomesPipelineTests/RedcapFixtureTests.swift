import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// Issue 10: REDCap exports in the layouts REDCap really writes (Tests/Fixtures/redcap/README.md
/// says where each comes from). Each folder is ingested with only its own pipeline.toml, and
/// every administration in it must come out as its expected.csv says, worked out by hand: stored
/// (patient, instrument, instant, total, file and line; `prorated` in the reason column when the
/// total was prorated), or skipped / rejected at its file and line with a reason that contains
/// the expected text (several pieces joined by " & " must all be in it).
@Suite struct RedcapFixtureTests {
    static let fixtures = #filePath.components(separatedBy: "/Tests/")[0] + "/Tests/Fixtures/redcap"
    static let folders = ["shared-library", "classic-survey", "longitudinal", "repeating", "labels", "missing-codes"]
    /// Files of a fixture folder that are not exports: they are not copied into the exports folder.
    static let notExports: Set<String> = ["expected.csv", "pipeline.toml"]

    @Test func everyFixtureFolderIsTested() throws {
        let found = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).filter { name in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: Self.fixtures + "/" + name, isDirectory: &folder) && folder.boolValue
        }
        #expect(found.sorted() == Self.folders.sorted())
    }

    @Test(arguments: folders) func everyAdministrationIsStoredOrListed(_ name: String) throws {
        let source = Self.fixtures + "/" + name
        let expected = try ExpectedRow.read(source + "/expected.csv")
        try #require(!expected.isEmpty, "\(name)/expected.csv lists no administration")

        // The folder's exports (and data dictionary) in a fresh exports folder, its pipeline file beside it.
        let work = TemporaryFolder()
        let exports = work.path + "/exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: source) where !Self.notExports.contains(file) {
            try FileManager.default.copyItem(atPath: source + "/" + file, toPath: exports + "/" + file)
        }
        try FileManager.default.copyItem(atPath: source + "/pipeline.toml", toPath: work.path + "/pipeline.toml")
        var config = try PipelineLoader.load(path: work.path + "/pipeline.toml")
        config.exports = exports

        let store = try OutcomesStore(path: work.path + "/outcomes.sqlite")
        let summary = try IngestStage(config: config, exportsFolder: exports).run(store: store, runID: nil, now: 1)

        // Every export is read as such; nothing in the folder (the data dictionary included) is unrecognised or unreadable.
        let exportFiles = Set(expected.map(\.file))
        for file in exportFiles.sorted() {
            let outcome = summary.files.first { $0.path == file }?.outcome
            guard case .ingested = outcome else {
                Issue.record("\(name)/\(file) was not ingested: \(outcome.map { "\($0)" } ?? "not found")")
                continue
            }
        }
        for (path, outcome) in summary.files {
            switch outcome {
            case .unrecognised(let reason, _), .unreadable(let reason, _): Issue.record("\(name)/\(path): \(reason)")
            default: break
            }
        }

        // The score table holds exactly the stored administrations.
        let stored = try StoredScore.all(in: store)
        let expectedStored = try expected.filter { $0.outcome == "stored" }.map { try $0.storedScore() }
        #expect(stored.sorted() == expectedStored.sorted(), "\(name): the score table")

        // Every skipped or rejected administration is listed at its file and line, with its reason;
        // every prorated one has its `prorated` note.
        var issues = try store.database.prepare("""
            SELECT f.path, i.line, i.kind, i.reason FROM row_issue i JOIN source_file f ON f.id = i.source_file_id
            ORDER BY f.path, i.line, i.id
            """).rows { row in ListedIssue(file: row.text(0) ?? "", line: row.int(1), kind: row.text(2) ?? "", reason: row.text(3) ?? "") }
        let unrecognised = issues.filter { $0.kind == "unrecognised_file" || $0.kind == "unreadable" }
        #expect(unrecognised.isEmpty, "\(name): \(unrecognised)")
        for row in expected {
            let kind: String
            let pieces: [String]
            switch row.outcome {
            case "stored":
                guard row.prorated else { continue }
                kind = "prorated"
                pieces = []
            case "skipped", "rejected":
                kind = row.outcome
                pieces = row.reasonPieces
            default:
                Issue.record("\(name)/expected.csv line \(row.csvLine): outcome '\(row.outcome)' is not stored, skipped or rejected")
                continue
            }
            if let index = issues.firstIndex(where: { issue in
                issue.file == row.file && issue.line == row.line && issue.kind == kind && pieces.allSatisfy { issue.reason.contains($0) }
            }) {
                issues.remove(at: index)
            } else {
                let atLine = issues.filter { $0.file == row.file && $0.line == row.line }.map { "\($0.kind): \($0.reason)" }
                let containing = pieces.isEmpty ? "" : " with a reason containing " + pieces.map { "'\($0)'" }.joined(separator: " and ")
                Issue.record("\(name): no \(kind) issue at \(row.file) line \(row.line) (\(row.instrument))\(containing); listed at that line: \(atLine)")
            }
        }

        // Per file, the counts match expected.csv and reconcile: records = stored + superseded + duplicates + skipped + rejected.
        let status = try store.database.prepare("""
            SELECT path, records, stored, superseded, duplicates, skipped, rejected FROM source_file_status
            """).rows { row in (path: row.text(0) ?? "", counts: (1...6).map { row.int(Int32($0)) }) }
        for file in exportFiles.sorted() {
            let rows = expected.filter { $0.file == file }
            let want = [rows.count, rows.filter { $0.outcome == "stored" }.count, 0, 0,
                        rows.filter { $0.outcome == "skipped" }.count, rows.filter { $0.outcome == "rejected" }.count]
            guard let got = status.first(where: { $0.path == file })?.counts else {
                Issue.record("\(name)/\(file) is not in source_file_status")
                continue
            }
            #expect(got == want, "\(name)/\(file): records, stored, superseded, duplicates, skipped, rejected")
            #expect(got[0] == got[1...].reduce(0, +), "\(name)/\(file): the counts do not reconcile")
        }
    }
}

extension RedcapFixtureTests {
/// One row of a fixture's score table, as stored or as expected.
struct StoredScore: Comparable, CustomStringConvertible {
    /// Every row of the store's `score` table, with the file and line it came from.
    static func all(in store: OutcomesStore) throws -> [StoredScore] {
        try store.database.prepare("""
            SELECT f.path, s.source_line, s.patient_id, s.instrument, s.administered_at, s.total, s.prorated
            FROM score s JOIN source_file f ON f.id = s.source_file_id
            """).rows { row in
            StoredScore(file: row.text(0) ?? "", line: row.int(1), patient: row.text(2) ?? "", instrument: row.text(3) ?? "",
                        administeredAt: row.int64(4), total: row.int(5), prorated: row.int(6) != 0)
        }
    }

    var file: String
    var line: Int
    var patient: String
    var instrument: String
    var administeredAt: Int64
    var total: Int
    var prorated: Bool

    static func < (a: StoredScore, b: StoredScore) -> Bool {
        (a.file, a.line, a.instrument, a.patient, a.administeredAt) < (b.file, b.line, b.instrument, b.patient, b.administeredAt)
    }

    var description: String {
        "\(file):\(line) \(patient) \(instrument) @\(administeredAt) total \(total)\(prorated ? " (prorated)" : "")"
    }
}

struct ListedIssue: CustomStringConvertible {
    var file: String
    var line: Int
    var kind: String
    var reason: String
    var description: String { "\(file):\(line) \(kind): \(reason)" }
}

/// A row of expected.csv: `file,line,outcome,patient,instrument,administered_at_utc,total,reason`.
/// The file is plain CSV without quotes (no field holds a comma).
struct ExpectedRow {
    struct Malformed: Error, CustomStringConvertible { let description: String }

    static let header = "file,line,outcome,patient,instrument,administered_at_utc,total,reason"

    var csvLine: Int
    var file: String
    var line: Int
    var outcome: String
    var patient: String
    var instrument: String
    var administeredAtUTC: String
    var total: String
    var reason: String

    var reasonPieces: [String] { reason.components(separatedBy: " & ").filter { !$0.isEmpty } }
    var prorated: Bool { outcome == "stored" && reason == "prorated" }

    static func read(_ path: String) throws -> [ExpectedRow] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.first == header else { throw Malformed(description: "\(path): the header is not \(header)") }
        return try lines.enumerated().dropFirst().map { index, text in
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 8, !text.contains("\""), let line = Int(fields[1]) else {
                throw Malformed(description: "\(path) line \(index + 1): expected 8 unquoted fields with a line number")
            }
            return ExpectedRow(csvLine: index + 1, file: fields[0], line: line, outcome: fields[2], patient: fields[3],
                               instrument: fields[4], administeredAtUTC: fields[5], total: fields[6], reason: fields[7])
        }
    }

    func storedScore() throws -> StoredScore {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard let date = formatter.date(from: administeredAtUTC), administeredAtUTC.hasSuffix("Z"), let total = Int(total) else {
            throw Malformed(description: "expected.csv line \(csvLine): a stored row needs an instant like 2026-03-04T14:30:00Z and a total")
        }
        return StoredScore(file: file, line: line, patient: patient, instrument: instrument,
                           administeredAt: Int64(date.timeIntervalSince1970), total: total, prorated: prorated)
    }
}
}
