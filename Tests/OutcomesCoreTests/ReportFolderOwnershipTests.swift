import Foundation
import Testing
@testable import OutcomesCore

/// Issue 9, item 1: which folders the report stage may replace, decided on their entries.
@Suite struct ReportFolderOwnershipTests {
    static let ours = """
        {
          "manifest_version": 1,
          "run_id": 3,
          "run_time": "2026-10-05T12:00:00Z",
          "program_version": "1.0.0",
          "pipeline": {"name": "nightly", "file": "Pipelines/nightly.toml"},
          "files": [
            {"name": "data_quality.csv", "sha256": "ab", "bytes": 10},
            {"name": "report.md", "sha256": "cd", "bytes": 20}
          ]
        }
        """

    @Test(arguments: [
        // Empty, or only what an operating system drops there: ours.
        ([], nil, []),
        ([FolderEntry(".DS_Store"), FolderEntry("Thumbs.db")], nil, []),
        // Our manifest and the files it lists: ours.
        ([FolderEntry("manifest.json"), FolderEntry("data_quality.csv"), FolderEntry("report.md")], ours, []),
        // Our manifest and someone's notes: not ours, the notes named.
        ([FolderEntry("manifest.json"), FolderEntry("report.md"), FolderEntry("notes.txt")], ours, ["notes.txt"]),
        // A folder, even one named like a report file, is never ours.
        ([FolderEntry("manifest.json"), FolderEntry("report.md", .folder)], ours, ["report.md/"]),
        // A FIFO or socket named like a report file.
        ([FolderEntry("manifest.json"), FolderEntry("data_quality.csv", .other)], ours, ["data_quality.csv"]),
        // A user's documents, no manifest.
        ([FolderEntry("thesis.docx"), FolderEntry("notes", .folder)], nil, ["notes/", "thesis.docx"]),
        // Report-like files without our manifest (a copy someone keeps): not ours.
        ([FolderEntry("report.md"), FolderEntry("route_summary.csv")], nil, ["report.md", "route_summary.csv"]),
        // Another tool's manifest.json does not count.
        ([FolderEntry("manifest.json"), FolderEntry("app.js")], #"{"name": "web", "version": "1.0.0", "files": ["app.js"]}"#,
         ["app.js", "manifest.json (not written by outcomes)"]),
        ([FolderEntry("manifest.json")], "not json", ["manifest.json (not written by outcomes)"]),
    ] as [([FolderEntry], String?, [String])])
    func foreignEntries(entries: [FolderEntry], manifest: String?, expected: [String]) {
        #expect(ReportFolderOwnership.foreignEntries(entries, manifest: manifest) == expected)
    }

    @Test func manifestRecognition() {
        #expect(RunManifest.fileNames(Self.ours) == ["data_quality.csv", "report.md"])
        // Every required key: without program_version, or with a file lacking its sha256, it is not ours.
        #expect(RunManifest.fileNames(Self.ours.replacingOccurrences(of: "\"program_version\"", with: "\"version\"")) == nil)
        #expect(RunManifest.fileNames(Self.ours.replacingOccurrences(of: "\"sha256\": \"cd\"", with: "\"hash\": \"cd\"")) == nil)
        #expect(RunManifest.fileNames(#"{"manifest_version": 1}"#) == nil)
        #expect(RunManifest.fileNames("[]") == nil)
        // A listed name with a slash would reach outside the folder: not ours.
        #expect(RunManifest.fileNames(Self.ours.replacingOccurrences(of: "\"report.md\"", with: "\"../thesis.docx\"")) == nil)
    }

    /// run.json is written after the manifest, so the manifest never lists it: it is ours
    /// beside our manifest, and a file like any other elsewhere.
    @Test func runLogBesideOurManifestOnly() {
        let folder = [FolderEntry("manifest.json"), FolderEntry("report.md"), FolderEntry("run.json")]
        #expect(ReportFolderOwnership.foreignEntries(folder, manifest: Self.ours) == [])
        #expect(ReportFolderOwnership.foreignEntries([FolderEntry("run.json")], manifest: nil) == ["run.json"])
        #expect(ReportFolderOwnership.foreignEntries([FolderEntry("manifest.json"), FolderEntry("run.json", .folder)], manifest: Self.ours) == ["run.json/"])
        #expect(ReportFolderOwnership.isLeftover(folder, manifest: Self.ours))
        #expect(!ReportFolderOwnership.isLeftover([FolderEntry("report.md"), FolderEntry("run.json")], manifest: nil))
    }

    @Test func leftoversHoldOnlyReportFiles() {
        // A half-written report (no manifest yet) and a previous one moved aside are leftovers.
        #expect(ReportFolderOwnership.isLeftover([FolderEntry("data_quality.csv"), FolderEntry("time_to_relief_gad7.svg")], manifest: nil))
        #expect(ReportFolderOwnership.isLeftover([FolderEntry("manifest.json"), FolderEntry("report.md")], manifest: Self.ours))
        #expect(ReportFolderOwnership.isLeftover([], manifest: nil))
        // Anything else is someone's, whatever the folder's name.
        #expect(!ReportFolderOwnership.isLeftover([FolderEntry("data_quality.csv"), FolderEntry("thesis.docx")], manifest: nil))
        #expect(!ReportFolderOwnership.isLeftover([FolderEntry("report.md", .folder)], manifest: nil))
        #expect(!ReportFolderOwnership.isLeftover([FolderEntry("report.md", .other)], manifest: nil))
    }

    @Test(arguments: [
        ("data_quality.csv", true), ("route_summary.csv", true), ("report.md", true), ("manifest.json", true),
        ("time_to_relief_gad7.svg", true), ("response_curve_phq9.svg", true), ("session_curve_hama.svg", true),
        ("time_to_relief_.svg", false), ("time_to_relief_GAD7.svg", false), ("response_curve_a/b.svg", false),
        ("thesis.docx", false), ("report.md.bak", false),
    ])
    func reportFileNames(name: String, expected: Bool) {
        #expect(ReportFiles.isReportFileName(name) == expected)
    }
}
