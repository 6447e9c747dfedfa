import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// interface.md, "Duplicates and corrections": when only one of two rows of an administration
/// carries items and the totals are equal, the repeat is a duplicate and the stored score keeps
/// the items, whichever row was read first.
@Suite struct OneSidedItemsTests {
    let folder = TemporaryFolder()

    func run(_ files: [(String, String)]) throws -> (items: String, issues: [String]) {
        try FileManager.default.createDirectory(atPath: folder.path + "/exports", withIntermediateDirectories: true)
        for (name, text) in files { folder.write("exports/" + name, text) }
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        _ = try IngestStage(config: PipelineConfig(path: "p.toml", name: "p"), exportsFolder: folder.path + "/exports").run(store: store, runID: nil, now: 1)
        let items = try store.database.prepare("SELECT items FROM score").rows { $0.text(0) ?? "" }
        let issues = try store.database.prepare("SELECT f.path, i.line, i.kind, i.reason FROM row_issue i JOIN source_file f ON f.id = i.source_file_id ORDER BY f.path, i.line")
            .rows { "\($0.text(0)!):\($0.int(1)) \($0.text(2)!): \($0.text(3)!)" }
        #expect(try store.database.scalar("SELECT count(*) FROM score_history") == Int64(0))
        return (items.joined(separator: ";"), issues)
    }

    static let totals = "patient_id,instrument,administered_at,total\nP1,GAD-7,2026-03-04 09:30,7\n"
    static let items = "patient_id,administered_at," + (1...7).map { "gad7_\($0)" }.joined(separator: ",") + "\nP1,2026-03-04 09:30,1,1,1,1,1,1,1\n"

    @Test func totalFirstThenItems() throws {
        let result = try run([("a_totals.csv", Self.totals), ("b_items.csv", Self.items)])
        #expect(result.items == "1,1,1,1,1,1,1")
        #expect(result.issues == ["b_items.csv:2 duplicate: same GAD-7 administration as a_totals.csv line 2"])
    }

    @Test func itemsFirstThenTotal() throws {
        let result = try run([("a_items.csv", Self.items), ("b_totals.csv", Self.totals)])
        #expect(result.items == "1,1,1,1,1,1,1")
        #expect(result.issues == ["b_totals.csv:2 duplicate: same GAD-7 administration as a_items.csv line 2"])
    }
}
