import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// Issue 11: coded observation tables (Synthea's observations.csv, an EHR extract) and session
/// files with standard route codes (Tests/Fixtures/coded/README.md says where each layout comes
/// from). Each folder is ingested with only its own pipeline.toml. As in `RedcapFixtureTests`,
/// every administration must come out as expected.csv says (worked out by hand), every session
/// as expected_sessions.csv says, and every other row must be counted: one `other_rows` line per
/// code, at its first line, with its count, as other_rows.csv says. Nothing else is listed.
@Suite struct CodedFixtureTests {
    typealias ExpectedRow = RedcapFixtureTests.ExpectedRow
    typealias StoredScore = RedcapFixtureTests.StoredScore
    typealias ListedIssue = RedcapFixtureTests.ListedIssue

    static let fixtures = #filePath.components(separatedBy: "/Tests/")[0] + "/Tests/Fixtures/coded"
    static let folders = ["synthea", "ehr", "sessions"]
    static let notExports: Set<String> = ["expected.csv", "expected_sessions.csv", "other_rows.csv", "pipeline.toml"]

    @Test func everyFixtureFolderIsTested() throws {
        let found = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures).filter { name in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: Self.fixtures + "/" + name, isDirectory: &folder) && folder.boolValue
        }
        #expect(found.sorted() == Self.folders.sorted())
    }

    /// A row of other_rows.csv: `file,line,count,label` (the label may hold commas).
    struct OtherRows {
        var file: String
        var line: Int
        var count: Int
        var label: String

        static func read(_ path: String) throws -> [OtherRows] {
            guard FileManager.default.fileExists(atPath: path) else { return [] }
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(lines.first == "file,line,count,label")
            return lines.dropFirst().map { text in
                let f = text.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
                return OtherRows(file: f[0], line: Int(f[1]) ?? -1, count: Int(f[2]) ?? -1, label: f[3])
            }
        }
    }

    /// A row of expected_sessions.csv: `file,line,outcome,patient,route,start_utc,reason`.
    struct ExpectedSession {
        var file: String
        var line: Int
        var outcome: String
        var patient: String
        var route: String
        var start: Int64?
        var reason: String

        static func read(_ path: String) throws -> [ExpectedSession] {
            guard FileManager.default.fileExists(atPath: path) else { return [] }
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            #expect(lines.first == "file,line,outcome,patient,route,start_utc,reason")
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            return lines.dropFirst().map { text in
                let f = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return ExpectedSession(file: f[0], line: Int(f[1]) ?? -1, outcome: f[2], patient: f[3], route: f[4],
                                       start: formatter.date(from: f[5]).map { Int64($0.timeIntervalSince1970) }, reason: f[6])
            }
        }
    }

    @Test(arguments: folders) func everyRowIsStoredListedOrCounted(_ name: String) throws {
        let source = Self.fixtures + "/" + name
        let scores = FileManager.default.fileExists(atPath: source + "/expected.csv") ? try ExpectedRow.read(source + "/expected.csv") : []
        let sessions = try ExpectedSession.read(source + "/expected_sessions.csv")
        let others = try OtherRows.read(source + "/other_rows.csv")
        try #require(!scores.isEmpty || !sessions.isEmpty, "\(name) expects nothing")

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
        for (path, outcome) in summary.files {
            guard case .ingested = outcome else { Issue.record("\(name)/\(path) was not ingested: \(outcome)"); continue }
        }

        // The score table holds exactly the stored administrations.
        let stored = try StoredScore.all(in: store)
        let expectedStored = try scores.filter { $0.outcome == "stored" }.map { try $0.storedScore() }
        #expect(stored.sorted() == expectedStored.sorted(), "\(name): the score table")

        // The session table holds exactly the stored sessions.
        let storedSessions = try store.database.prepare("""
            SELECT f.path, s.source_line, s.patient_id, s.route, s.session_start FROM session s JOIN source_file f ON f.id = s.source_file_id
            ORDER BY f.path, s.source_line
            """).rows { row in "\(row.text(0) ?? ""):\(row.int(1)) \(row.text(2) ?? "") \(row.text(3) ?? "") @\(row.int64(4))" }
        let expectedSessions = sessions.filter { $0.outcome == "stored" }.map { "\($0.file):\($0.line) \($0.patient) \($0.route) @\($0.start ?? -1)" }
        #expect(storedSessions == expectedSessions, "\(name): the session table")

        // Every rejected row, prorated total and other code is listed, and nothing else.
        var issues = try store.database.prepare("""
            SELECT f.path, i.line, i.kind, i.reason FROM row_issue i JOIN source_file f ON f.id = i.source_file_id
            ORDER BY f.path, i.line, i.id
            """).rows { row in ListedIssue(file: row.text(0) ?? "", line: row.int(1), kind: row.text(2) ?? "", reason: row.text(3) ?? "") }
        var wanted: [(file: String, line: Int, kind: String, pieces: [String])] = []
        for row in scores {
            switch row.outcome {
            case "stored": if row.prorated { wanted.append((row.file, row.line, "prorated", [])) }
            default: wanted.append((row.file, row.line, row.outcome, row.reasonPieces))
            }
        }
        for row in sessions where row.outcome != "stored" { wanted.append((row.file, row.line, row.outcome, [row.reason])) }
        for row in others {
            wanted.append((row.file, row.line, "other_rows", ["\(row.count) row\(row.count == 1 ? "" : "s") of \(row.label) not read"]))
        }
        for want in wanted {
            if let index = issues.firstIndex(where: { $0.file == want.file && $0.line == want.line && $0.kind == want.kind && want.pieces.allSatisfy($0.reason.contains) }) {
                issues.remove(at: index)
            } else {
                let atLine = issues.filter { $0.file == want.file && $0.line == want.line }.map { "\($0.kind): \($0.reason)" }
                Issue.record("\(name): no \(want.kind) issue at \(want.file) line \(want.line) containing \(want.pieces); listed there: \(atLine)")
            }
        }
        #expect(issues.isEmpty, "\(name): listed but not expected: \(issues)")

        // Per file, the counts match and reconcile.
        let status = try store.database.prepare("""
            SELECT path, records, stored, superseded, duplicates, skipped, rejected FROM source_file_status
            """).rows { row in (path: row.text(0) ?? "", counts: (1...6).map { row.int(Int32($0)) }) }
        let outcomes = scores.map { ($0.file, $0.outcome) } + sessions.map { ($0.file, $0.outcome) }
        for file in Set(outcomes.map(\.0)).sorted() {
            let rows = outcomes.filter { $0.0 == file }.map(\.1)
            let want = [rows.count, rows.filter { $0 == "stored" }.count, 0, 0, rows.filter { $0 == "skipped" }.count, rows.filter { $0 == "rejected" }.count]
            let got = status.first { $0.path == file }?.counts
            #expect(got == want, "\(name)/\(file): records, stored, superseded, duplicates, skipped, rejected")
        }
    }
}
