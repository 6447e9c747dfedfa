import Testing
@testable import OutcomesCore

/// analysis.md §11–§15 on small hand-made timelines, every boundary the spec names. Times are
/// seconds; day = 86 400 s. Baselines are at the index start; PHQ-9 unless said otherwise.
@Suite struct AfterReliefRulesTests {
    let day: Int64 = 86_400, hour: Int64 = 3600
    let t0: Int64 = 1_772_600_000
    let p = AnalysisParameters()

    func course(_ offsets: [Int64], next: Int64? = nil) -> Course {
        var c = CourseBuilder.courses(patientID: "P", sessions: offsets.map { TimelineSession(start: t0 + $0, route: .iv) }, gapDays: 60)[0]
        c.nextCourseStart = next
        return c
    }

    /// The course's analysis for `instrument`, scores given as (seconds after index, total, item 9).
    /// The first course's analysis; `c` may be a course whose next course starts at `next`.
    func analyse(_ c: Course, _ scores: [(Int64, Int, Int?)], instrument: Instrument = .phq9,
                 parameters: AnalysisParameters? = nil) -> CourseInstrumentAnalysis {
        let next = c.nextCourseStart.map { [TimelineSession(start: $0, route: .iv)] } ?? []
        let timeline = PatientTimeline(patientID: "P", sessions: c.sessions + next,
                                       scores: [instrument: scores.map { TimelineScore(at: t0 + $0.0, total: $0.1, item9: $0.2) }])
        let analysis = PatientTransform.analyse(timeline, parameters: parameters ?? p, timeZone: LocalTimeZone(identifier: "UTC")!)
        return analysis[0].instruments.first { $0.instrument == instrument }!
    }

    // MARK: §11 sessions to relief

    @Test func reliefAtSessionOne() {
        // 20 → 10 one hour after the index session: 50 %, after one session.
        let a = analyse(course([0, 3 * day, 7 * day]), [(0, 20, nil), (hour, 10, nil)])
        #expect(a.sessionsToRelief == SurvivalObservation(time: 1, isEvent: true))
    }

    @Test func reliefAtSessionThree() {
        // 11 after session 1 and 2 (45 %), 10 after session 3 (50 %).
        let a = analyse(course([0, 3 * day, 7 * day]), [(0, 20, nil), (day, 11, nil), (4 * day, 11, nil), (8 * day, 10, nil)])
        #expect(a.sessionsToRelief == SurvivalObservation(time: 3, isEvent: true))
    }

    @Test func noReliefIsCensoredAtTheLastFollowUpsSession() {
        let a = analyse(course([0, 3 * day, 7 * day]), [(0, 20, nil), (day, 15, nil), (4 * day, 12, nil)])
        #expect(a.sessionsToRelief == SurvivalObservation(time: 2, isEvent: false))
        #expect(analyse(course([0]), [(0, 0, nil), (day, 0, nil)]).sessionsToRelief == nil)   // baseline 0
        #expect(analyse(course([0]), [(0, 20, nil)]).sessionsToRelief == nil)                 // no follow-up
    }

    // MARK: §12 how long relief lasts

    @Test func lossExactlyAtTwentyFivePercentIsNotALoss() {
        // Baseline 20: 15 is exactly 25 % (kept), 16 is 20 % (lost), 7 days after relief at day 1.
        let held = analyse(course([0]), [(0, 20, nil), (day, 10, nil), (5 * day, 15, nil)])
        #expect(held.reliefDuration == .held(secondsAfterRelief: 4 * day))
        let lost = analyse(course([0]), [(0, 20, nil), (day, 10, nil), (5 * day, 15, nil), (8 * day, 16, nil), (9 * day, 10, nil)])
        #expect(lost.reliefDuration == .lost(secondsAfterRelief: 7 * day))
    }

    @Test func reliefWithNoLaterObservationIsUnobserved() {
        #expect(analyse(course([0]), [(0, 20, nil), (day, 10, nil)]).reliefDuration == .unobserved)
        #expect(analyse(course([0]), [(0, 20, nil), (day, 12, nil)]).reliefDuration == .notRelieved)
    }

    @Test func laterObservationsRunToDurabilityDaysInclusive() {
        // Past the 84-day follow-up window: index + 182 days counts, one second more does not.
        let edge = analyse(course([0]), [(0, 20, nil), (day, 10, nil), (182 * day, 10, nil), (182 * day + 1, 20, nil)])
        #expect(edge.reliefDuration == .held(secondsAfterRelief: 181 * day))
        #expect(edge.aligned.followUps.count == 1)
        // The next course's index start ends them too (100 days is more than the 60-day course gap).
        let cut = analyse(course([0], next: t0 + 100 * day), [(0, 20, nil), (day, 10, nil), (99 * day, 10, nil), (100 * day, 20, nil)])
        #expect(cut.reliefDuration == .held(secondsAfterRelief: 98 * day))
    }

    // MARK: §15 boosters

    @Test func sessionExactlyAtInductionDaysIsInduction() {
        let b = CourseBoosters(course([0, 3 * day, 21 * day, 21 * day + 1, 40 * day]), inductionDays: 21)
        #expect(b.inductionSessions == 3 && b.boosterOffsets == [21 * day + 1, 40 * day])
        #expect(b.gaps == [19 * day - 1])
        #expect(CourseBoosters(course([0, 2 * day]), inductionDays: 21) == CourseBoosters(inductionSessions: 2, boosterOffsets: []))
    }

    @Test func boosterMediansFollowTheCurveMedianRule() {
        func facts(_ offsets: [Int64]) -> CourseBoosterFacts {
            CourseBoosterFacts(route: .iv, indexDay: 0, boosters: CourseBoosters(course(offsets), inductionDays: 21))
        }
        // Induction 2, 3, 1, 4 → 2.5; first boosters at 30 and 40 days → 35; gaps 14 and 20 → 17.
        let row = BoosterSummary(route: .iv, courses: [facts([0, day]), facts([0, day, 2 * day, 30 * day]), facts([0]),
                                                       facts([0, day, 2 * day, 3 * day, 40 * day, 54 * day, 74 * day])],
                                 smallCells: SmallCells(minCell: 0))
        #expect(row.medianInductionSessions == 2.5 && row.withBooster == Rate(2, of: 4))
        #expect(row.medianDaysToFirstBooster == 35 && row.medianDaysBetweenBoosters == 17)
        let none = BoosterSummary(route: .iv, courses: [facts([0])], smallCells: SmallCells(minCell: 0))
        #expect(none.medianDaysToFirstBooster == nil && none.medianDaysBetweenBoosters == nil)
    }

    // MARK: §13 reliable change and recovery

    func fact(baseline: Int?, endpoint: Int?, worst: Int? = nil, followUps: Int = 1, instrument: Instrument = .phq9) -> CourseFacts {
        CourseFacts(instrument: instrument, route: .iv, indexDay: 0, baseline: baseline, followUps: followUps, relief: nil,
                    evaluable: (baseline ?? 0) > 0 && endpoint != nil, responder: false, remitter: false,
                    endpointTotal: endpoint, worstFollowUp: worst ?? endpoint)
    }

    func change(_ facts: [CourseFacts]) -> ReliableChangeSummary {
        ReliableChangeSummary(instrument: .phq9, route: .iv, courses: facts, parameters: p, smallCells: SmallCells(minCell: 0))
    }

    @Test func reliableChangeExactlyAtTheThreshold() {
        // PHQ-9 reliable change is 6 points: 16 → 10 is reliable, 16 → 11 is not; 10 → 16 deteriorates.
        #expect(change([fact(baseline: 16, endpoint: 10)]).improvement == Rate(1, of: 1))
        #expect(change([fact(baseline: 16, endpoint: 11)]).improvement == Rate(0, of: 1))
        #expect(change([fact(baseline: 10, endpoint: 16)]).deterioration == Rate(1, of: 1))
        #expect(change([fact(baseline: 10, endpoint: 15)]).deterioration == Rate(0, of: 1))
    }

    @Test func casenessExactlyAtTheCutoff() {
        // PHQ-9 caseness is 10: a baseline of 10 is a case, 9 is not; an endpoint of 10 is not recovered.
        let row = change([fact(baseline: 10, endpoint: 4), fact(baseline: 9, endpoint: 2), fact(baseline: 20, endpoint: 10),
                          fact(baseline: 12, endpoint: 9)])
        #expect(row.atCaseness == 3 && row.recovery == Rate(2, of: 3))
        #expect(row.reliableRecovery == Rate(1, of: 3))   // 10 → 4 improves by 6; 12 → 9 only by 3
    }

    @Test func deteriorationAtAnyTimeCountsBaselineZero() {
        // Worst follow-up 6 on a baseline of 0 is +6; a course without follow-up or baseline is not followed up.
        let row = change([fact(baseline: 0, endpoint: nil, worst: 6), fact(baseline: 12, endpoint: 10, worst: 17),
                          fact(baseline: 12, endpoint: nil, worst: nil, followUps: 0), fact(baseline: nil, endpoint: nil, worst: 20)])
        #expect(row.followedUp == 2 && row.deterioratedAny == Rate(1, of: 2))
        #expect(row.evaluable == 1)
    }

    // MARK: §14 item 9

    @Test func item9PositiveAtBaselineAndResolvedAtEndpoint() {
        let a = analyse(course([0]), [(0, 20, 2), (10 * day, 12, 1), (30 * day, 8, 0)])
        #expect(a.item9 == Item9Facts(baseline: 2, followUpKnown: true, followUpPositive: true, endpoint: 0))
        let row = SafetySummary(route: .iv, phq9: [fact(a)], smallCells: SmallCells(minCell: 0))
        #expect(row.baselinePositive == Rate(1, of: 1) && row.resolved == Rate(1, of: 1) && row.emergent == Rate(0, of: 0))
    }

    @Test func item9Emergent() {
        let a = analyse(course([0]), [(0, 20, 0), (10 * day, 15, 1), (30 * day, 8, 0)])
        let row = SafetySummary(route: .iv, phq9: [fact(a)], smallCells: SmallCells(minCell: 0))
        #expect(row.emergent == Rate(1, of: 1) && row.baselinePositive == Rate(0, of: 1) && row.resolved == Rate(0, of: 0))
    }

    @Test func proratedPHQ9WithItem9MissingIsUnknown() {
        // Baseline unknown (item 9 missing): not in any denominator, even with an earlier positive in the window.
        let a = analyse(course([0]), [(-2 * day, 20, 3), (0, 20, nil), (10 * day, 15, 1)])
        #expect(a.item9?.baseline == nil)
        let row = SafetySummary(route: .iv, phq9: [fact(a)], smallCells: SmallCells(minCell: 0))
        #expect(row.courses == 1 && row.baselinePositive == Rate(0, of: 0) && row.emergent == Rate(0, of: 0))
        // An endpoint whose item 9 is unknown leaves a positive baseline out of the resolved denominator.
        let b = analyse(course([0]), [(0, 20, 1), (25 * day, 8, 0), (30 * day, 8, nil)])
        #expect(SafetySummary(route: .iv, phq9: [fact(b)], smallCells: SmallCells(minCell: 0)).resolved == Rate(0, of: 0))
    }

    func fact(_ a: CourseInstrumentAnalysis) -> CourseFacts {
        CourseFacts(instrument: .phq9, route: .iv, indexDay: 0, baseline: a.aligned.baseline?.total, followUps: a.aligned.followUps.count,
                    relief: nil, evaluable: a.endpoint.evaluable, responder: a.endpoint.responder, remitter: a.endpoint.remitter,
                    item9: a.item9)
    }

    @Test func item9OfTheItemsText() {
        func item9(_ text: String) -> Int? { Array(text.utf8).withUnsafeBufferPointer { Item9Facts.item9(ofItems: $0) } }
        #expect(item9("2,2,3,3,3,3,1,3,2") == 2 && item9("1,1,1,1,1,1,1,1,") == nil && item9("") == nil && item9("1,2") == nil)
    }
}
