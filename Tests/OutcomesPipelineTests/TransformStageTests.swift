import TestSupport
import Foundation
import PropertyBased
import Testing
@testable import OutcomesCore
@testable import OutcomesSample
@testable import OutcomesIO
@testable import OutcomesPipeline

/// The transform stage over a real store: tables, one transaction, full versus incremental.
@Suite struct TransformStageTests {
    let folder = TemporaryFolder()
    var exports: String { folder.path + "/exports" }

    init() throws {
        try FileManager.default.createDirectory(atPath: folder.path + "/exports", withIntermediateDirectories: true)
    }

    static let scoresHeader = "patient_id,instrument,administered_at,total\n"
    static let sessionsHeader = "patient_id,session_start,route\n"

    func ingestAndTransform(_ store: OutcomesStore, config: PipelineConfig = PipelineConfig(path: "t.toml", name: "t"),
                            now: Int64 = 1) throws -> TransformSummary {
        _ = try IngestStage(config: config, exportsFolder: exports).run(store: store, runID: nil, now: now)
        return try TransformStage(config: config).run(store: store, runID: nil, now: now)
    }

    func rows(_ store: OutcomesStore, _ sql: String) throws -> [String] {
        let statement = try store.database.prepare(sql)
        let width = statement.columnCount
        return try statement.rows { row in (0..<width).map { row.isNull($0) ? "∅" : row.text($0) ?? "" }.joined(separator: "|") }
    }

    @Test func handMadeClinicGivesTheExpectedRows() throws {
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        folder.write("exports/sessions.csv", Self.sessionsHeader
            + "P1,2026-03-02 09:00,IV\nP1,2026-03-04 09:00,IV\nP1,2026-03-06 09:00,IM\n"
            + "P2,2026-03-02 09:00,nasal\n")
        folder.write("exports/scores.csv", Self.scoresHeader
            + "P1,PHQ-9,2026-03-01 09:00,20\n"       // baseline
            + "P1,PHQ-9,2026-03-03 09:00,14\n"       // 30 %, session 1
            + "P1,PHQ-9,2026-03-04 09:00,12\n"       // at session 2's start: still session 1
            + "P1,PHQ-9,2026-03-30 09:00,4\n"        // 80 %, day 28: endpoint, remitter
            + "P2,GAD-7,2026-03-02 09:00,0\n"        // baseline 0 at the index start itself
            + "P2,GAD-7,2026-03-05 09:00,0\n")
        let summary = try ingestAndTransform(store)
        #expect(summary.plan == .full(reason: "first transform of this database"))
        #expect(summary.patientsRecomputed == 2 && summary.courses == 2)
        #expect(try rows(store, "SELECT patient_id, course_number, index_local_date, route, mixed_route, sessions FROM course ORDER BY 1, 2")
                == ["P1|1|2026-03-02|IV|1|3", "P2|1|2026-03-02|IN|0|1"])
        #expect(try rows(store, """
            SELECT patient_id, instrument, baseline_total, follow_ups, relief_status, relief_event, relief_hours, endpoint_total,
                   evaluable, responder, remitter FROM course_instrument WHERE baseline_total IS NOT NULL ORDER BY 1, 2
            """) == ["P1|PHQ9|20|3|relief|1|672.0|4|1|1|1", "P2|GAD7|0|1|baseline_zero|∅|∅|∅|0|0|0"])
        #expect(try rows(store, "SELECT count(*) FROM course_instrument WHERE baseline_total IS NULL AND relief_status = 'no_baseline'") == ["4"])
        #expect(try rows(store, "SELECT hours_since_index, session_number, hours_since_last_session, pct_reduction FROM follow_up WHERE patient_id = 'P1' ORDER BY administered_at")
                == ["24.0|1|24.0|30.0", "48.0|1|48.0|40.0", "672.0|3|576.0|80.0"])
        #expect(try rows(store, "SELECT curve, point, bin_start_hours, bin_end_hours, pct_reduction, responding FROM curve_point ORDER BY curve, point")
                == ["session|1|∅|∅|40.0|0", "session|3|∅|∅|80.0|1", "time|2|24.0|72.0|40.0|0", "time|7|672.0|1008.0|80.0|1"])
        #expect(try store.changedPatientCount() == 0)
    }

    @Test func failedTransformLeavesThePreviousTables() throws {
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        folder.write("exports/a_sessions.csv", Self.sessionsHeader + "P1,2026-03-02 09:00,IV\n")
        _ = try ingestAndTransform(store)
        let before = try rows(store, "SELECT * FROM course")
        let state = try store.transformState()

        folder.write("exports/b_sessions.csv", Self.sessionsHeader + "P2,2026-03-02 09:00,IM\n")
        try store.database.execute("""
            CREATE TEMP TRIGGER fail BEFORE INSERT ON course WHEN NEW.patient_id = 'P2' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
            """)
        #expect(throws: SQLiteError.self) { try ingestAndTransform(store, now: 2) }
        #expect(try rows(store, "SELECT * FROM course") == before)
        #expect(try store.transformState() == state)
        #expect(try store.changedPatientCount() == 1)       // P2 is still waiting

        try store.database.execute("DROP TRIGGER fail")
        let retry = try TransformStage(config: PipelineConfig(path: "t.toml", name: "t")).run(store: store, runID: nil, now: 3)
        #expect(retry.plan == .incremental(changedPatients: 1) && retry.courses == 2)
    }

    @Test func changedParametersRecomputeEverythingAndSayWhich() throws {
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        folder.write("exports/s.csv", Self.sessionsHeader + "P1,2026-03-02 09:00,IV\nP2,2026-03-02 09:00,IM\n")
        _ = try ingestAndTransform(store)
        var config = PipelineConfig(path: "t.toml", name: "t")
        let same = try TransformStage(config: config).run(store: store, runID: nil, now: 2)
        #expect(same.plan == .incremental(changedPatients: 0) && same.patientsRecomputed == 0 && same.courses == 2)
        #expect(same.line == "transform: incremental, 0 patient(s) recomputed (no score or session changed since the last transform); 2 course(s) in the tables")
        config.analysis.reliefThreshold = 40
        let changed = try TransformStage(config: config).run(store: store, runID: nil, now: 3)
        #expect(changed.plan == .full(reason: "analysis settings changed: relief_threshold 50 → 40"))
        #expect(changed.patientsRecomputed == 2)
        config.timezone = "Europe/Paris"
        let zone = try TransformStage(config: config).run(store: store, runID: nil, now: 4)
        #expect(zone.plan == .full(reason: #"analysis settings changed: timezone "UTC" → "Europe/Paris""#))
    }

    @Test func aLaterSessionThatSplitsACourseReplacesThePatientsRows() throws {
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        folder.write("exports/a.csv", Self.sessionsHeader + "P1,2026-01-01 09:00,IV\nP1,2026-04-15 09:00,IV\n")
        #expect(try ingestAndTransform(store).courses == 2)
        // A session between them closes the gap: one course of three sessions.
        folder.write("exports/b.csv", Self.sessionsHeader + "P1,2026-02-20 09:00,IM\n")
        let summary = try ingestAndTransform(store, now: 2)
        #expect(summary.plan == .incremental(changedPatients: 1) && summary.courses == 1)
        #expect(try rows(store, "SELECT course_number, sessions, mixed_route FROM course") == ["1|3|1"])
        #expect(try rows(store, "SELECT session_number, route FROM course_session ORDER BY 1") == ["1|IV", "2|IM", "3|IV"])
    }

    // MARK: incremental = full

    /// A random clinic as export lines, with corrections, same-start sessions and scores of
    /// every instrument around the sessions, cut into batches that arrive one per night.
    static func randomNights(seed: UInt64) -> [(scores: [String], sessions: [String])] {
        var random = SampleRandom(seed: seed)
        let routes = ["IV", "IM", "nasal", "SL", "oral", "SC"]
        let instruments: [(String, Int)] = [("GAD-7", 21), ("PHQ-9", 27), ("HAM-A", 56)]
        let t0: Int64 = 1_767_254_400   // 2026-01-01 08:00 UTC
        func stamp(_ t: Int64) -> String { CivilTime.isoUTC(t) }
        var scoreLines: [String] = [], sessionLines: [String] = []
        for patient in 0..<random.int(1...7) {
            var t = t0 + Int64(random.int(0...20)) * 86_400
            var starts: [Int64] = []
            for _ in 0..<random.int(0...7) {
                starts.append(t)
                sessionLines.append("P\(patient),\(stamp(t)),\(routes[random.int(0...5)])")
                if random.chance(0.15) { sessionLines.append("P\(patient),\(stamp(t)),\(routes[random.int(0...5)])") }  // correction
                t += random.chance(0.2) ? 0 : Int64(random.int(1...90)) * 86_400 / Int64(random.int(1...4))
            }
            for _ in 0..<random.int(0...16) {
                let anchor = starts.isEmpty ? t0 : starts[random.int(0...starts.count - 1)]
                let at = anchor + Int64(random.int(-20 * 24...100 * 24)) * 3600 / Int64(random.int(1...2))
                let (name, maximum) = instruments[random.int(0...2)]
                let total = random.chance(0.1) ? 0 : random.int(0...maximum)
                scoreLines.append("P\(patient),\(name),\(stamp(at)),\(total)")
                if random.chance(0.1) { scoreLines.append("P\(patient),\(name),\(stamp(at)),\(random.int(0...maximum))") }
            }
        }
        scoreLines.shuffle(using: &random)
        sessionLines.shuffle(using: &random)
        let nights = random.int(1...5)
        var result = Array(repeating: (scores: [String](), sessions: [String]()), count: nights)
        for line in scoreLines { result[random.int(0...nights - 1)].scores.append(line) }
        for line in sessionLines { result[random.int(0...nights - 1)].sessions.append(line) }
        return result
    }

    static let analysisTables = [
        "SELECT * FROM course ORDER BY patient_id, course_number",
        "SELECT * FROM course_session ORDER BY patient_id, course_number, session_number",
        "SELECT * FROM course_instrument ORDER BY patient_id, course_number, instrument",
        "SELECT * FROM follow_up ORDER BY patient_id, course_number, instrument, administered_at",
        "SELECT * FROM curve_point ORDER BY patient_id, course_number, instrument, curve, point",
    ]

    @Test func incrementalNightsGiveTheSameTablesAsOneFullTransform() async throws {
        // propertyCheck drops errors thrown by its body (it runs it under `try?`), so they are recorded here.
        await propertyCheck(count: 40, input: Gen.int(in: 0...Int(Int32.max))) { seed in
            do { try compareNightlyWithOnce(seed: seed) } catch { Issue.record(error, "seed \(seed)") }
        }
    }

    func compareNightlyWithOnce(seed: Int) throws {
        let nights = Self.randomNights(seed: UInt64(seed))
        let nightly = TemporaryFolder(), once = TemporaryFolder()
        for base in [nightly.path, once.path] { try FileManager.default.createDirectory(atPath: base + "/exports", withIntermediateDirectories: true) }
        var config = PipelineConfig(path: "t.toml", name: "t")
        config.timezone = "America/New_York"
        let incremental = try OutcomesStore(path: nightly.path + "/db.sqlite")
        for (night, batch) in nights.enumerated() {
            for base in [nightly, once] {
                base.write(String(format: "exports/n%02d_scores.csv", night), Self.scoresHeader + batch.scores.map { $0 + "\n" }.joined())
                base.write(String(format: "exports/n%02d_sessions.csv", night), Self.sessionsHeader + batch.sessions.map { $0 + "\n" }.joined())
            }
            _ = try IngestStage(config: config, exportsFolder: nightly.path + "/exports").run(store: incremental, runID: nil, now: Int64(night))
            _ = try TransformStage(config: config).run(store: incremental, runID: nil, now: Int64(night))
        }
        let full = try OutcomesStore(path: once.path + "/db.sqlite")
        _ = try IngestStage(config: config, exportsFolder: once.path + "/exports").run(store: full, runID: nil, now: 0)
        let summary = try TransformStage(config: config).run(store: full, runID: nil, now: 0)
        #expect(summary.plan == .full(reason: "first transform of this database"))
        for sql in Self.analysisTables {
            #expect(try rows(incremental, sql) == rows(full, sql), "\(sql), seed \(seed)")
        }
    }
}
