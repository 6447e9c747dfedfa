import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesSample
@testable import OutcomesIO
@testable import OutcomesPipeline

/// Issue 11, "Done when": the sample clinic written as FHIR R4 NDJSON (`sample --fhir`) gives
/// report files byte-identical to the same clinic in the plain CSV form (`sample --plain`, the
/// form whose content the FHIR form carries: each session and administration once, no bad rows),
/// apart from data_quality.csv's file names and lines — and, as the exports are other files,
/// report.md's file count and per-file rows (summed per kind) and the manifest's list of inputs.
@Suite struct FHIRSampleTests {
    /// 2026-10-05 12:00 UTC: the run's time, pinned (as `OUTCOMES_RUN_TIME` pins it for the command).
    static let now: Int64 = 1_791_201_600

    struct Sink: SampleSink, SampleLineSink {
        let base: SampleFolderSink
        mutating func write(_ file: String, header: [String], _ row: [String]) { base.write(file, header: header, row) }
        mutating func write(_ file: String, line: String) { base.write(file, line: line) }
    }

    static func options() -> SampleOptions {
        var options = SampleOptions()
        options.patients = 40
        options.seed = 11
        options.timezone = "America/New_York"
        return options
    }

    /// Writes the clinic in one form and runs it through ingest, transform and report.
    func run(fhir: Bool, in folder: TemporaryFolder) throws -> (store: OutcomesStore, reports: String) {
        let exports = folder.path + "/exports"
        var sink = Sink(base: try SampleFolderSink(folder: exports))
        var options = Self.options()
        if fhir {
            SampleFHIR.generate(options, into: &sink)
        } else {
            options.plain = true
            SampleClinic.generate(options, into: &sink)
        }
        try sink.base.close()
        var config = PipelineConfig(path: "sample.toml", name: "sample")
        config.timezone = options.timezone
        config.period = .all
        config.minCell = 0
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        _ = try IngestStage(config: config, exportsFolder: exports).run(store: store, runID: nil, now: Self.now)
        _ = try TransformStage(config: config).run(store: store, runID: nil, now: Self.now)
        let reports = folder.path + "/report"
        _ = try ReportStage(config: config, reportsPath: reports).run(store: store, now: Self.now)
        return (store, reports)
    }

    func scores(_ store: OutcomesStore) throws -> [String] {
        try store.database.prepare("SELECT patient_id, instrument, administered_at, total FROM score ORDER BY 1, 2, 3")
            .rows { "\($0.text(0) ?? "") \($0.text(1) ?? "") \($0.int64(2)) \($0.int64(3))" }
    }

    func sessions(_ store: OutcomesStore) throws -> [String] {
        try store.database.prepare("SELECT patient_id, route, session_start FROM session ORDER BY 1, 3, 2")
            .rows { "\($0.text(0) ?? "") \($0.text(1) ?? "") \($0.int64(2))" }
    }

    /// Rows of one table, FHIR against plain: the counts and the first few rows only one side has.
    static func expectSame(_ got: [String], _ expected: [String], what: String) {
        guard got != expected else { return }
        let (a, b) = (Set(got), Set(expected))
        Issue.record("""
            \(what) rows differ: \(got.count) from FHIR, \(expected.count) from the plain form
              only from FHIR:  \(got.filter { !b.contains($0) }.prefix(5))
              only from plain: \(expected.filter { !a.contains($0) }.prefix(5))
            """)
    }

    @Test func theFHIRFormHoldsWhatThePlainFormHolds() throws {
        var lines = Sink(base: try SampleFolderSink(folder: TemporaryFolder().path))
        SampleFHIR.generate(Self.options(), into: &lines)
        let counts = lines.base.rowCounts
        #expect(counts[SampleFHIR.observationFile, default: 0] > 0)
        #expect(counts[SampleFHIR.questionnaireResponseFile, default: 0] > 0)
        #expect(counts[SampleFHIR.medicationAdministrationFile, default: 0] > 0)
        var plain = Sink(base: try SampleFolderSink(folder: TemporaryFolder().path))
        var options = Self.options()
        options.plain = true
        SampleClinic.generate(options, into: &plain)
        #expect(counts[SampleFHIR.observationFile, default: 0] + counts[SampleFHIR.questionnaireResponseFile, default: 0]
                == plain.base.rowCounts["scores.csv"])
        #expect(counts[SampleFHIR.medicationAdministrationFile] == plain.base.rowCounts["sessions.csv"])
    }

    /// Passes with the Observation and QuestionnaireResponse reader alone.
    @Test func storedScoresAreTheSame() throws {
        let (a, b) = (TemporaryFolder(), TemporaryFolder())
        let csv = try run(fhir: false, in: a), fhir = try run(fhir: true, in: b)
        let (expected, got) = (try scores(csv.store), try scores(fhir.store))
        #expect(!expected.isEmpty)
        Self.expectSame(got, expected, what: "score")
    }

    /// Needs the MedicationAdministration reader: until it lands, the FHIR sessions are counted, not read.
    @Test func storedSessionsAreTheSame() throws {
        let (a, b) = (TemporaryFolder(), TemporaryFolder())
        let csv = try run(fhir: false, in: a), fhir = try run(fhir: true, in: b)
        let (expected, got) = (try sessions(csv.store), try sessions(fhir.store))
        #expect(!expected.isEmpty)
        Self.expectSame(got, expected, what: "session")
    }

    /// Every report file byte for byte; data_quality.csv without its file and line columns, report.md
    /// and the manifest without what names the export files. Needs the MedicationAdministration
    /// reader (sessions), as `storedSessionsAreTheSame` does.
    @Test func reportsAreByteIdentical() throws {
        let (a, b) = (TemporaryFolder(), TemporaryFolder())
        let csv = try run(fhir: false, in: a).reports, fhir = try run(fhir: true, in: b).reports
        let manager = FileManager.default
        let files = try manager.contentsOfDirectory(atPath: csv).sorted()
        let fhirFiles = try manager.contentsOfDirectory(atPath: fhir).sorted()
        if fhirFiles != files { Issue.record("report files: only from plain \(files.filter { !fhirFiles.contains($0) }), only from FHIR \(fhirFiles.filter { !files.contains($0) })") }
        // The plain sample writes totals only, so its PHQ-9 item 9 is unknown (analysis.md §14):
        // safety.csv and report.md's item 9 table are the FHIR sample's alone. report.html is
        // rendered from the same document as report.md, which is compared.
        for file in files where fhirFiles.contains(file) && file != "safety.csv" && file != "report.html" {
            var (want, got) = (try String(contentsOfFile: csv + "/" + file, encoding: .utf8), try String(contentsOfFile: fhir + "/" + file, encoding: .utf8))
            if file == "data_quality.csv" { (want, got) = (Self.withoutPlaces(want), Self.withoutPlaces(got)) }
            if file == "data_quality_summary.csv" { (want, got) = (Self.withoutFiles(want), Self.withoutFiles(got)) }
            if file == "manifest.json" { (want, got) = (Self.withoutInputs(want), Self.withoutInputs(got)) }
            if file == "report.md" { (want, got) = (Self.withoutItem9(Self.withoutFileCount(want)), Self.withoutItem9(Self.withoutFileCount(got))) }
            guard want != got else { continue }
            let (w, g) = (want.components(separatedBy: "\n"), got.components(separatedBy: "\n"))
            let index = (0..<min(w.count, g.count)).first { w[$0] != g[$0] } ?? min(w.count, g.count)
            Issue.record("\(file) differs at line \(index + 1):\n  FHIR:  \(index < g.count ? g[index] : "(end of file)")\n  plain: \(index < w.count ? w[index] : "(end of file)")")
        }
    }

    /// data_quality.csv's rows without `file` and `line`, sorted (the order follows the files).
    /// data_quality_summary.csv's rows per kind and reason class, summed over the files.
    static func withoutFiles(_ text: String) -> String {
        var rows: [String: Int] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2, let comma = fields[1].lastIndex(of: ",") else { continue }
            rows[String(fields[1][..<comma]), default: 0] += Int(fields[1][fields[1].index(after: comma)...]) ?? 0
        }
        return rows.keys.sorted().map { "\($0),\(rows[$0]!)" }.joined(separator: "\n")
    }

    static func withoutPlaces(_ text: String) -> String {
        let rows = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var fields = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            if fields.count == 3 { fields.removeFirst(2) }
            return fields.joined(separator: ",")
        }
        return ([rows.first ?? ""] + rows.dropFirst().sorted()).joined(separator: "\n")
    }

    /// The manifest without what names the exports: its `inputs` (paths, forms, digests of the
    /// files read), and the digests and sizes of data_quality.csv and report.md (both compared
    /// above, without their file names and file count).
    /// report.md without the rows of its PHQ-9 item 9 table.
    static func withoutItem9(_ text: String) -> String {
        var out: [String] = [], inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("| route | courses | positive at baseline") { inTable = true; continue }
            if inTable, line.hasPrefix("|") { continue }
            inTable = false
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    static func withoutInputs(_ text: String) -> String {
        guard var manifest = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return text }
        manifest["inputs"] = nil
        if let files = manifest["files"] as? [[String: Any]] {
            manifest["files"] = files.map { file in
                ["data_quality.csv", "data_quality_summary.csv", "report.html", "report.md", "safety.csv"].contains(file["name"] as? String ?? "") ? ["name": file["name"]!] : file
            }
        }
        let data = try? JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// report.md names the exports: it counts the files read ("Data: 3 export file(s) read so
    /// far": three NDJSON files, one resource type a file as Bulk Data writes them, against two
    /// CSV files) and has a row per file in its data-quality table. The count is masked and the
    /// table's rows summed per kind (scores, sessions), so the records, stored, duplicates, … are
    /// still compared.
    static func withoutFileCount(_ text: String) -> String {
        var out: [String] = [], sums: [String: [Int]] = [:], inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("| file | kind | records") { inTable = true; out.append(line); continue }
            if inTable {
                let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                if line.hasPrefix("|---") { out.append(line); continue }
                if cells.count == 8, let kind = cells[1].split(separator: " ").first {
                    let counts = cells[2...].map { Int($0) ?? 0 }
                    sums[String(kind)] = zip(sums[String(kind)] ?? Array(repeating: 0, count: counts.count), counts).map { $0 + $1 }
                    continue
                }
                out += sums.keys.sorted().map { "| (all files) | \($0) | " + sums[$0]!.map(String.init).joined(separator: " | ") + " |" }
                inTable = false
            }
            if line.hasPrefix("Data: "), let end = line.range(of: " export file(s)") {
                out.append("Data: N" + line[end.lowerBound...])
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }
}
