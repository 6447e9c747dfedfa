import Testing
@testable import OutcomesCore

/// Small cells per group of figures (analysis.md §11–§15, "Small cells"), on after_relief.csv
/// lines computed by hand.
@Suite struct FigureGroupTests {
    let day: Int64 = 86_400

    /// 20 courses in the analysis: 15 relieved after session 1, 5 censored after session 2; of the
    /// 15, `unobserved` without a later score, `lost` lost at 5 days and the rest held for 10 days.
    func facts(unobserved: Int, lost: Int) -> [CourseFacts] {
        func fact(_ sessions: SurvivalObservation, _ duration: ReliefDuration) -> CourseFacts {
            CourseFacts(instrument: .gad7, route: .iv, indexDay: 0, baseline: 12, followUps: 1,
                        relief: SurvivalObservation(time: 3600, isEvent: sessions.isEvent), evaluable: false, responder: false,
                        remitter: false, sessionsToRelief: sessions, reliefDuration: duration)
        }
        let relieved = (0..<15).map { n -> CourseFacts in
            let duration: ReliefDuration = n < unobserved ? .unobserved : n < unobserved + lost ? .lost(secondsAfterRelief: 5 * day)
                : .held(secondsAfterRelief: 10 * day)
            return fact(SurvivalObservation(time: 1, isEvent: true), duration)
        }
        return relieved + (0..<5).map { _ in fact(SurvivalObservation(time: 2, isEvent: false), .notRelieved) }
    }

    func line(_ facts: [CourseFacts]) -> String {
        let row = AfterReliefSummary(instrument: .gad7, route: .iv, courses: facts, smallCells: SmallCells(minCell: 11))
        return String(AfterReliefCSV.render([row], smallCells: SmallCells(minCell: 11)).split(separator: "\n")[1])
    }

    @Test func aSmallCountOutsideEveryGroupIsShown() {
        // S(1) = 5/20 ≤ ½: median 1, and both band limits are ≤ ½ there too. No loss: S stays 1,
        // the median is not reached and relief is held at 4 and 12 weeks. 3 unobserved is small
        // but in no group, and the duration group (15, 12, 0) is not suppressed.
        #expect(line(facts(unobserved: 3, lost: 0)) == "GAD7,IV,20,1,1,1,15,3,12,0,,,,1.000000,1.000000,false")
    }

    @Test func aSmallLossWithholdsTheDurationGroupOnly() {
        // 2 losses: the duration group is suppressed (its small count, its statistics and the
        // unobserved count with it); the sessions group and duration_courses (12: 2 lost, 10 held) stay.
        #expect(line(facts(unobserved: 3, lost: 2)) == "GAD7,IV,20,1,1,1,15,,12,,,,,,,true")
    }

    @Test func aCountInTwoGroupsWithholdsBoth() {
        // 3 relieved courses is small: both groups that hold relief_courses are suppressed.
        let three = Array(facts(unobserved: 0, lost: 0).prefix(3)) + (0..<12).map { _ in
            CourseFacts(instrument: .gad7, route: .iv, indexDay: 0, baseline: 12, followUps: 1,
                        relief: SurvivalObservation(time: 3600, isEvent: false), evaluable: false, responder: false, remitter: false,
                        sessionsToRelief: SurvivalObservation(time: 2, isEvent: false))
        }
        #expect(line(three) == "GAD7,IV,15,,,,,,,0,,,,,,true")
    }

    @Test func theSurvivalTablesLeaveOutSuppressedGroups() {
        let rows = [AfterReliefSummary(instrument: .gad7, route: .iv, courses: facts(unobserved: 3, lost: 2), smallCells: SmallCells(minCell: 11))]
        #expect(SurvivalTableCSV.sessionsToRelief(rows).split(separator: "\n").count == 3)   // header, sessions 1 and 2
        #expect(SurvivalTableCSV.reliefDuration(rows).split(separator: "\n").count == 1)     // header only
    }
}

/// CourseFacts keeps the facts of §11–§14 packed; what goes in comes out.
@Suite struct PackedFactsTests {
    @Test func randomFactsRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let sessions: SurvivalObservation? = Bool.random(using: &generator)
                ? SurvivalObservation(time: Int64.random(in: 1...400, using: &generator), isEvent: Bool.random(using: &generator)) : nil
            let seconds = Int64.random(in: 0...(3650 * 86_400), using: &generator)
            let duration = [ReliefDuration.notRelieved, .unobserved, .lost(secondsAfterRelief: seconds), .held(secondsAfterRelief: seconds)]
                .randomElement(using: &generator)!
            func total() -> Int? { Bool.random(using: &generator) ? Int.random(in: 0...56, using: &generator) : nil }
            let item9: Item9Facts? = Bool.random(using: &generator)
                ? Item9Facts(baseline: Bool.random(using: &generator) ? Int.random(in: 0...3, using: &generator) : nil,
                             followUpKnown: Bool.random(using: &generator), followUpPositive: Bool.random(using: &generator),
                             endpoint: Bool.random(using: &generator) ? Int.random(in: 0...3, using: &generator) : nil) : nil
            let (endpoint, worst) = (total(), total())
            let fact = CourseFacts(instrument: .phq9, route: .iv, indexDay: 0, baseline: 10, followUps: 1, relief: nil, evaluable: false,
                                   responder: false, remitter: false, sessionsToRelief: sessions, reliefDuration: duration,
                                   endpointTotal: endpoint, worstFollowUp: worst, item9: item9)
            #expect(fact.sessionsToRelief == sessions && fact.reliefDuration == duration && fact.endpointTotal == endpoint
                    && fact.worstFollowUp == worst && fact.item9 == item9)
        }
    }
}
