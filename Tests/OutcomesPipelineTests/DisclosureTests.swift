import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// The folder that leaves the clinic (min_cell > 0) and the files that stay inside it
/// (min_cell 0), on the golden clinic (docs/report.md, "The disclosure check", "exclusions.csv").
@Suite struct DisclosureTests {
    static let exports = GoldenReportTests.fixtures + "/exports"

    func config(minCell: Int, period: ReportPeriod) -> PipelineConfig {
        var config = PipelineConfig(path: "golden.toml", name: "golden")
        config.timezone = "America/New_York"
        config.period = period
        config.minCell = minCell
        return config
    }

    /// A store with the golden clinic ingested from `exports` and transformed.
    func store(_ folder: TemporaryFolder, exports: String = Self.exports) throws -> OutcomesStore {
        let config = config(minCell: 5, period: .lastQuarter)
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        _ = try IngestStage(config: config, exportsFolder: exports).run(store: store, runID: nil, now: GoldenReportTests.now)
        _ = try TransformStage(config: config).run(store: store, runID: nil, now: GoldenReportTests.now)
        return store
    }

    func files(_ folder: String) throws -> [String: Data] {
        var contents: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) { contents[name] = FileManager.default.contents(atPath: folder + "/" + name) }
        return contents
    }

    @Test func eachKindPlantedInAFileFailsTheCheckNamingFileAndKind() throws {
        let folder = TemporaryFolder()
        let store = try store(folder)
        let stage = ReportStage(config: config(minCell: 5, period: .lastQuarter), reportsPath: folder.path + "/q")
        _ = try stage.run(store: store, now: GoldenReportTests.now)
        let resolved = stage.config.resolvedPeriod(stage.period, now: GoldenReportTests.now)
        // A rejected row as the ingest notes it, quoting its raw value.
        try store.database.execute("""
            INSERT INTO row_issue(source_file_id, line, column_name, kind, reason) SELECT min(id), 7, 'administered_at', 'rejected',
            'the administration time ''2026-02-31 10:00'' has day 31, which February 2026 does not have' FROM source_file
            """)
        let check = try stage.disclosureCheck(store: store, now: GoldenReportTests.now, period: resolved)
        try check.check(folder: folder.path + "/q")   // the report as written passes
        // One value of each kind the store holds, written as an export writes it.
        let values = try store.disclosureValues(timezone: LocalTimeZone(identifier: "America/New_York")!)
        let allowed = Set([resolved.days!.lowerBound, resolved.days!.upperBound, CivilTime.daysFromCivil(year: 2026, month: 10, day: 5)])
        let administrationDay = try #require(values.administrationDays.subtracting(allowed).min())
        let sessionDay = try #require(values.sessionDays.subtracting(values.administrationDays).subtracting(allowed).min())
        let raw = try #require(values.quotedValues.filter(DisclosureCheck.isCheckableRawValue).min())
        #expect(raw == "2026-02-31 10:00")
        let (y, m, d) = CivilTime.civilFromDays(sessionDay)
        let planted: [(text: String, kind: DisclosureCheck.Kind)] = [
            (" | P00001 | ", .patientID), ("(S0000001)", .sessionID),
            (CivilTime.isoDate(days: administrationDay) + "T09:00:00-05:00", .administrationDate),
            ("\(m)/\(d)/\(y) 09:30", .sessionDate), ("'\(raw)'", .rawValue),
        ]
        for (index, plant) in planted.enumerated() {
            let copy = folder.path + "/copy\(index)"
            try FileManager.default.copyItem(atPath: folder.path + "/q", toPath: copy)
            let name = ["report.md", "route_summary.csv", "time_to_relief_gad7.svg", "manifest.json", "data_quality_summary.csv"][index]
            let handle = try #require(FileHandle(forWritingAtPath: copy + "/" + name))
            handle.seekToEndOfFile()
            handle.write(Data(plant.text.utf8))
            handle.closeFile()
            let error = try #require(throws: DisclosureFound.self) { try check.check(folder: copy) }
            #expect(error == DisclosureFound(file: name, kind: plant.kind), "\(plant.kind)")
            #expect(error.description.hasPrefix("\(name) holds \(plant.kind.rawValue); the folder was not written"))
            #expect(!error.description.contains(plant.text.trimmingCharacters(in: CharacterSet(charactersIn: " |()'"))))
        }
    }

    @Test func aHostileExportFailsTheStageAndLeavesThePreviousFolder() throws {
        let folder = TemporaryFolder()
        let exports = folder.path + "/exports"
        try FileManager.default.copyItem(atPath: Self.exports, toPath: exports)
        let store = try store(folder, exports: exports)
        let out = folder.path + "/q"
        let stage = ReportStage(config: config(minCell: 5, period: .lastQuarter), reportsPath: out)
        _ = try stage.run(store: store, now: GoldenReportTests.now)
        let before = try files(out)
        // An export named after a patient: its name reaches data_quality_summary.csv, report.md and manifest.json.
        try FileManager.default.copyItem(atPath: exports + "/clinic_notes.csv", toPath: exports + "/notes_P00001.csv")
        _ = try IngestStage(config: stage.config, exportsFolder: exports).run(store: store, runID: nil, now: GoldenReportTests.now + 60)
        let error = try #require(throws: DisclosureFound.self) { try stage.run(store: store, now: GoldenReportTests.now + 60) }
        #expect(error == DisclosureFound(file: "data_quality_summary.csv", kind: .patientID))
        #expect(try files(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func rowLevelFilesOnlyInsideTheClinic() throws {
        let folder = TemporaryFolder()
        let store = try store(folder)
        _ = try ReportStage(config: config(minCell: 5, period: .all), reportsPath: folder.path + "/out").run(store: store, now: GoldenReportTests.now)
        let outside = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out")
        #expect(outside.contains("data_quality_summary.csv") && !outside.contains("data_quality.csv") && !outside.contains("exclusions.csv"))
        _ = try ReportStage(config: config(minCell: 0, period: .all), reportsPath: folder.path + "/in").run(store: store, now: GoldenReportTests.now)
        let inside = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/in")
        #expect(inside.contains("data_quality_summary.csv") && inside.contains("data_quality.csv") && inside.contains("exclusions.csv"))
        // The manifest lists what is there, and so the folder stays the report's own.
        let manifest = try String(contentsOfFile: folder.path + "/in/manifest.json", encoding: .utf8)
        #expect(RunManifest.fileNames(manifest) == Set(inside).subtracting(["manifest.json"]))
    }

    /// exclusions.csv counts what report.md's "Who is counted" table leaves out, route by route.
    @Test func exclusionsAgreeWithWhoIsCounted() throws {
        let folder = TemporaryFolder()
        let store = try store(folder)
        let out = folder.path + "/in"
        _ = try ReportStage(config: config(minCell: 0, period: .all), reportsPath: out).run(store: store, now: GoldenReportTests.now)
        let exclusions = try String(contentsOfFile: out + "/exclusions.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(exclusions[0] == ExclusionsCSV.header)
        var counted: [String: Int] = [:]
        for row in exclusions.dropFirst() { counted[row[3] + " " + row[2] + " " + row[4], default: 0] += 1 }
        let summary = try String(contentsOfFile: out + "/route_summary.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let column = { (name: String) in summary[0].firstIndex(of: name)! }
        var checked = 0
        for row in summary.dropFirst() {
            let key = row[0] + " " + row[1]
            let courses = Int(row[column("courses")])!, baseline = Int(row[column("with_baseline")])!
            let km = Int(row[column("km_courses")])!, evaluable = Int(row[column("evaluable")])!
            #expect(counted[key + " all", default: 0] == courses - baseline, "\(key)")
            #expect(counted[key + " time_to_relief", default: 0] == baseline - km, "\(key)")
            #expect(counted[key + " endpoint", default: 0] == baseline - evaluable, "\(key)")
            checked += courses - evaluable
        }
        #expect(checked > 0)
        // Sorted by instrument, route (report order), patient id, index date and analysis.
        let keys = exclusions.dropFirst().map { row in
            [row[3], String(Route(rawValue: row[2])!.order), row[0], row[1], row[4]]
        }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
        // Every reason is one of the funnel's.
        #expect(Set(exclusions.dropFirst().map { $0[4] + ": " + $0[5] }).isSubset(of: [
            "all: no baseline", "time_to_relief: baseline 0", "time_to_relief: no follow-up", "endpoint: baseline 0",
            "endpoint: no follow-up", "endpoint: no endpoint observation"]))
    }

    @Test func flaggedRowsCarryThePatientID() throws {
        let folder = TemporaryFolder()
        let store = try store(folder)
        let missing: Int64? = try store.database.scalar(
            "SELECT count(*) FROM row_issue WHERE kind IN ('duplicate', 'superseded', 'prorated', 'skipped') AND patient_id IS NULL")
        #expect(missing == 0)
        let skipped: Int64? = try store.database.scalar("SELECT count(*) FROM row_issue WHERE kind = 'skipped' AND patient_id LIKE 'P%'")
        #expect((skipped ?? 0) > 0)
        let unrecognised: Int64? = try store.database.scalar("SELECT count(*) FROM row_issue WHERE kind = 'unrecognised_file' AND patient_id IS NULL")
        #expect(unrecognised == 1)
    }
}
