import Testing
@testable import OutcomesCore

/// One patient's whole transform, and the settings that decide when everything is recomputed.
@Suite struct PatientTransformTests {
    let hour: Int64 = 3600, day: Int64 = 86_400
    /// 2026-03-04 14:00 UTC = 09:00 in New York (EST).
    let t0: Int64 = 1_772_632_800

    @Test func twoCoursesEachWithItsOwnBaselineAndFollowUp() throws {
        let zone = try #require(LocalTimeZone(identifier: "America/New_York"))
        let second = t0 + 100 * day
        let timeline = PatientTimeline(
            patientID: "P",
            sessions: [TimelineSession(start: t0, route: .iv, rowID: 1), TimelineSession(start: t0 + 2 * day, route: .intranasal, rowID: 2),
                       TimelineSession(start: second, route: .intranasal, rowID: 3)],
            scores: [.phq9: [TimelineScore(at: t0 - day, total: 20), TimelineScore(at: t0 + 22 * day, total: 10),
                             TimelineScore(at: second - hour, total: 16), TimelineScore(at: second + 4 * hour, total: 12)]])
        let courses = PatientTransform.analyse(timeline, parameters: AnalysisParameters(), timeZone: zone)
        #expect(courses.count == 2)
        #expect(courses.map(\.course.route) == [.iv, .intranasal])
        #expect(courses.map(\.course.isMixedRoute) == [true, false])
        #expect(CivilTime.isoDate(days: courses[0].indexLocalDay) == "2026-03-04")
        #expect(courses.allSatisfy { $0.instruments.map(\.instrument) == [.gad7, .hama, .phq9] })

        let first = try #require(courses[0].instruments.first { $0.instrument == .phq9 })
        #expect(first.aligned.baseline?.total == 20)
        #expect(first.relief == .relief(secondsSinceIndex: 22 * day))          // 10 of 20 is exactly 50 %
        #expect(first.endpoint.evaluable && first.endpoint.responder && !first.endpoint.remitter)
        #expect(first.sessionPoints.map(\.point) == [2])

        // The second course's baseline is the score an hour before its index session, not the first course's.
        let next = try #require(courses[1].instruments.first { $0.instrument == .phq9 })
        #expect(next.aligned.baseline?.total == 16)
        #expect(next.relief == .censored(secondsSinceIndex: 4 * hour))        // 25 %
        #expect(next.timePoints.map(\.point) == [1])
        #expect(!next.endpoint.evaluable && next.endpoint.hasBaseline)

        let gad = try #require(courses[0].instruments.first { $0.instrument == .gad7 })
        #expect(gad.aligned.baseline == nil && gad.relief == .notEvaluable && !gad.endpoint.hasBaseline)
    }

    @Test func indexDateIsTheLocalDate() throws {
        let zone = try #require(LocalTimeZone(identifier: "America/New_York"))
        // 2026-04-01 02:30 UTC is still 2026-03-31 in New York (EDT, UTC−4).
        let lateEvening: Int64 = 1_775_010_600
        let timeline = PatientTimeline(patientID: "P", sessions: [TimelineSession(start: lateEvening, route: .iv)], scores: [:])
        let course = try #require(PatientTransform.analyse(timeline, parameters: AnalysisParameters(), timeZone: zone).first)
        #expect(CivilTime.isoDate(days: course.indexLocalDay) == "2026-03-31")
    }

    @Test func settingsTextNamesEveryParameterAndTheirChanges() {
        var parameters = AnalysisParameters()
        let before = TransformSettings(parameters: parameters, timezone: "UTC", programVersion: "9.9").canonicalText
        #expect(before == #"{"program_version":"9.9","rules_version":4,"timezone":"UTC","relief_threshold":50,"response_threshold":50,"course_gap_days":60,"#
            + #""baseline_window_days":14,"followup_days":84,"endpoint_start_days":21,"endpoint_end_days":42,"#
            + #""curve_bins_hours":[0,4,24,72,168,336,504,672,1008,2016],"remission_cutoff":{"GAD7":4,"HAMA":7,"PHQ9":4},"#
            + #""durability_days":182,"loss_threshold":25,"induction_days":21,"reliable_change":{"GAD7":4,"HAMA":8,"PHQ9":6},"#
            + #""caseness":{"GAD7":8,"HAMA":18,"PHQ9":10}}"#)
        parameters.reliefThreshold = 40
        parameters.curveBinsHours = [0, 4.5, 24]
        parameters.remissionCutoff[.hama] = 10
        parameters.caseness[.phq9] = 12
        let after = TransformSettings(parameters: parameters, timezone: "UTC", programVersion: "9.9").canonicalText
        #expect(TransformSettings.differences(from: before, to: after) == [
            "relief_threshold 50 → 40",
            "curve_bins_hours [0,4,24,72,168,336,504,672,1008,2016] → [0,4.5,24]",
            #"remission_cutoff {"GAD7":4,"HAMA":7,"PHQ9":4} → {"GAD7":4,"HAMA":10,"PHQ9":4}"#,
            #"caseness {"GAD7":8,"HAMA":18,"PHQ9":10} → {"GAD7":8,"HAMA":18,"PHQ9":12}"#,
        ])
        #expect(TransformSettings.differences(from: after, to: after).isEmpty)
        // Ingest-only settings do not force a recompute.
        parameters.scoring.maxMissingItems[.gad7] = 0
        #expect(TransformSettings(parameters: parameters, timezone: "UTC", programVersion: "9.9").canonicalText == after)
        let newer = TransformSettings(parameters: parameters, timezone: "UTC", programVersion: "10.0").canonicalText
        #expect(TransformSettings.differences(from: after, to: newer) == [#"program_version "9.9" → "10.0""#])
        let split = TransformSettings.changes(from: before, to: newer)
        #expect(split.programVersion == "9.9 → 10.0" && split.parameters.count == 4)
    }
}
