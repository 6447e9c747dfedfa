import TestSupport
import Foundation
import Testing

/// What `make run` does, and issue 13's "done when": the quarterly pipeline over SampleData,
/// after the nightly one, writes a folder in which no patient id, session id or date of
/// SampleData/exports appears, in any form the exports write it or in its ISO form.
@Suite struct QuarterlyFolderTests {
    static let root = CommandLineTests.root

    /// Every patient id, session id and date (as written, and in ISO form) of the exports.
    static func exportValues() throws -> (ids: Set<String>, dates: Set<String>) {
        var ids: Set<String> = [], dates: Set<String> = []
        let folder = root + "/SampleData/exports"
        let iso = try NSRegularExpression(pattern: "\\b(\\d{4})-(\\d{2})-(\\d{2})\\b")
        let us = try NSRegularExpression(pattern: "\\b(\\d{1,2})/(\\d{1,2})/(\\d{4})\\b")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".csv") {
            let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            let idColumns = header.indices.filter { ["patient_id", "record_id", "session_id"].contains(header[$0]) }
            for line in lines.dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                for column in idColumns where column < fields.count && !fields[column].isEmpty { ids.insert(fields[column]) }
            }
            let range = NSRange(text.startIndex..., in: text)
            for match in iso.matches(in: text, range: range) { dates.insert((text as NSString).substring(with: match.range)) }
            for match in us.matches(in: text, range: range) {
                let part = { (k: Int) in Int((text as NSString).substring(with: match.range(at: k)))! }
                dates.insert((text as NSString).substring(with: match.range))
                dates.insert(String(format: "%04d-%02d-%02d", part(3), part(1), part(2)))
            }
        }
        return (ids, dates)
    }

    @Test func theQuarterlyFolderHoldsNoIdAndNoDateOfTheExports() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/o.sqlite"
        let cli = CommandLineTests()
        let nightly = try cli.run(["run", "Pipelines/nightly.toml", "--db", db, "--out", folder.path + "/nightly"])
        #expect(nightly.status == 0, "\(nightly.stderr)")
        let out = folder.path + "/quarterly/{period}"
        let quarterly = try cli.run(["run", "Pipelines/quarterly.toml", "--db", db, "--out", out, "--period", "2026Q3"])
        #expect(quarterly.status == 0, "\(quarterly.stderr)")
        let report = folder.path + "/quarterly/2026Q3"
        let files = try FileManager.default.contentsOfDirectory(atPath: report)
        #expect(files.contains("data_quality_summary.csv") && !files.contains("data_quality.csv") && !files.contains("exclusions.csv"))
        let (ids, dates) = try Self.exportValues()
        #expect(ids.count > 200 && dates.count > 100)
        // The one date the report writes on purpose is the run's day (a quarter is named by its
        // months, not by its first and last day, which are dates of service in SampleData).
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(dates.contains("2026-07-01") && dates.contains("2026-09-30"))
        let written = dates.subtracting([today])
        for name in files {
            let text = try String(contentsOfFile: report + "/" + name, encoding: .utf8)
            let tokens = Set(text.components(separatedBy: CharacterSet.alphanumerics.inverted).filter { !$0.isEmpty })
            for id in ids where tokens.contains(id) { Issue.record("\(name) holds a patient or session id") }
            for date in written where text.contains(date) { Issue.record("\(name) holds a date of the exports") }
        }
    }
}
