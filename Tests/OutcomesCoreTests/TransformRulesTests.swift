import Testing
@testable import OutcomesCore

/// analysis.md §4–7 on small hand-made timelines. Times are seconds; day = 86 400 s.
@Suite struct TransformRulesTests {
    let day: Int64 = 86_400, hour: Int64 = 3600
    let t0: Int64 = 1_772_600_000
    let p = AnalysisParameters()

    func course(_ starts: [Int64], route: Route = .iv) -> Course {
        CourseBuilder.courses(patientID: "P", sessions: starts.map { TimelineSession(start: $0, route: route) }, gapDays: 60)[0]
    }

    @Test func gapOfExactlySixtyDaysStaysInTheCourse() {
        let sixty = CourseBuilder.courses(patientID: "P", sessions: [TimelineSession(start: t0, route: .iv),
                                                                    TimelineSession(start: t0 + 60 * day, route: .iv)], gapDays: 60)
        #expect(sixty.count == 1)
        let more = CourseBuilder.courses(patientID: "P", sessions: [TimelineSession(start: t0, route: .iv),
                                                                   TimelineSession(start: t0 + 60 * day + 1, route: .iv)], gapDays: 60)
        #expect(more.count == 2)
        #expect(more[0].nextCourseStart == t0 + 60 * day + 1 && more[1].number == 2)
    }

    @Test func gapIsFromThePreviousSessionNotTheIndex() {
        let starts = [t0, t0 + 50 * day, t0 + 100 * day]
        #expect(CourseBuilder.courses(patientID: "P", sessions: starts.map { TimelineSession(start: $0, route: .iv) }, gapDays: 60).count == 1)
    }

    @Test func tiesAndMixedRoutes() {
        let sessions = [TimelineSession(start: t0, route: .intranasal, sessionID: "B"),
                        TimelineSession(start: t0, route: .iv, sessionID: "A"),
                        TimelineSession(start: t0 + day, route: .sublingual)]
        let c = CourseBuilder.courses(patientID: "P", sessions: sessions, gapDays: 60)[0]
        #expect(c.route == .iv && c.isMixedRoute)
        let noIDs = CourseBuilder.ordered([TimelineSession(start: t0, route: .sublingual), TimelineSession(start: t0, route: .im)])
        #expect(noIDs.map(\.route) == [.im, .sublingual])
    }

    @Test func baselineWindowIsInclusive() {
        let c = course([t0])
        let atIndex = CourseAlignment.align(c, scores: [TimelineScore(at: t0 - day, total: 20), TimelineScore(at: t0, total: 18)], parameters: p)
        #expect(atIndex.baseline == TimelineScore(at: t0, total: 18))
        #expect(atIndex.followUps.isEmpty)   // a score at the index start is baseline, not follow-up
        let edge = CourseAlignment.align(c, scores: [TimelineScore(at: t0 - 14 * day, total: 20)], parameters: p)
        #expect(edge.baseline?.total == 20)
        let outside = CourseAlignment.align(c, scores: [TimelineScore(at: t0 - 14 * day - 1, total: 20)], parameters: p)
        #expect(outside.baseline == nil)
    }

    @Test func followUpWindowAndNextCourse() {
        let c = course([t0])
        let a = CourseAlignment.align(c, scores: [TimelineScore(at: t0, total: 20), TimelineScore(at: t0 + 84 * day, total: 10),
                                                  TimelineScore(at: t0 + 84 * day + 1, total: 5)], parameters: p)
        #expect(a.followUps.map(\.total) == [10])
        var second = c
        second.nextCourseStart = t0 + 30 * day
        let cut = CourseAlignment.align(second, scores: [TimelineScore(at: t0, total: 20), TimelineScore(at: t0 + 30 * day - 1, total: 12),
                                                         TimelineScore(at: t0 + 30 * day, total: 11)], parameters: p)
        #expect(cut.followUps.map(\.total) == [12])
    }

    @Test func scoreAtALaterSessionStartBelongsToTheSessionBefore() {
        let c = course([t0, t0 + 3 * day, t0 + 7 * day])
        let a = CourseAlignment.align(c, scores: [TimelineScore(at: t0 - hour, total: 20), TimelineScore(at: t0 + 3 * day, total: 15),
                                                  TimelineScore(at: t0 + 3 * day + 2 * hour, total: 9)], parameters: p)
        #expect(a.followUps.map(\.sessionNumber) == [1, 2])
        #expect(a.followUps.map(\.hoursSinceLastSession) == [72, 2])
        #expect(a.followUps.map(\.hoursSinceIndex) == [72, 74])
        #expect(a.followUps.map(\.pctReduction) == [25, 55])
    }

    @Test func reliefExactlyAtFiftyPercent() {
        let c = course([t0])
        let a = CourseAlignment.align(c, scores: [TimelineScore(at: t0, total: 15), TimelineScore(at: t0 + 2 * hour, total: 8),
                                                  TimelineScore(at: t0 + 24 * hour, total: 7)], parameters: p)
        // 15 → 8 is 46.7 %; 15 → 7 is 53.3 %.
        #expect(CourseOutcomes.relief(a, threshold: 50) == .relief(secondsSinceIndex: 24 * hour))
        let exact = CourseAlignment.align(c, scores: [TimelineScore(at: t0, total: 14), TimelineScore(at: t0 + 2 * hour, total: 7)], parameters: p)
        #expect(CourseOutcomes.relief(exact, threshold: 50) == .relief(secondsSinceIndex: 2 * hour))   // exactly 50 % counts
        let none = CourseAlignment.align(c, scores: [TimelineScore(at: t0, total: 14), TimelineScore(at: t0 + 5 * hour, total: 8)], parameters: p)
        #expect(CourseOutcomes.relief(none, threshold: 50) == .censored(secondsSinceIndex: 5 * hour))
    }

    @Test func reliefWithoutBaselineOrFollowUp() {
        let c = course([t0])
        let zero = CourseAlignment.align(c, scores: [TimelineScore(at: t0, total: 0), TimelineScore(at: t0 + hour, total: 0)], parameters: p)
        #expect(CourseOutcomes.relief(zero, threshold: 50) == .notEvaluable)
        #expect(zero.followUps[0].pctReduction == nil)
        let noFollowUp = CourseAlignment.align(c, scores: [TimelineScore(at: t0, total: 12)], parameters: p)
        #expect(CourseOutcomes.relief(noFollowUp, threshold: 50) == .noFollowUp)
        let noBaseline = CourseAlignment.align(c, scores: [TimelineScore(at: t0 + hour, total: 12)], parameters: p)
        #expect(CourseOutcomes.relief(noBaseline, threshold: 50) == .notEvaluable)
    }

    @Test func endpointWindowIsInclusive() {
        let c = course([t0])
        let scores = [TimelineScore(at: t0, total: 20), TimelineScore(at: t0 + 21 * day - 1, total: 2),
                      TimelineScore(at: t0 + 21 * day, total: 10), TimelineScore(at: t0 + 42 * day, total: 4),
                      TimelineScore(at: t0 + 42 * day + 1, total: 1)]
        let e = CourseOutcomes.endpoint(CourseAlignment.align(c, scores: scores, parameters: p), instrument: .phq9, parameters: p)
        #expect(e.observation?.total == 4 && e.evaluable && e.responder && e.remitter)   // the last in [21 d, 42 d]
        let onlyStart = CourseOutcomes.endpoint(CourseAlignment.align(c, scores: Array(scores.prefix(3)), parameters: p), instrument: .phq9, parameters: p)
        #expect(onlyStart.observation?.total == 10 && onlyStart.responder && !onlyStart.remitter)   // 50 % exactly; 10 > 4
        let none = CourseOutcomes.endpoint(CourseAlignment.align(c, scores: Array(scores.prefix(2)), parameters: p), instrument: .phq9, parameters: p)
        #expect(none.observation == nil && none.hasBaseline && !none.evaluable && !none.responder)
    }

    @Test func daylightSavingSpanIsSeventyOneHours() throws {
        let zone = try #require(LocalTimeZone(identifier: "America/New_York"))
        let saturday = CivilTime.daysFromCivil(year: 2026, month: 3, day: 7) * 86_400 + 9 * 3600
        let index = zone.instant(ofLocal: saturday)!
        let tuesday = zone.instant(ofLocal: saturday + 3 * 86_400)!
        let a = CourseAlignment.align(course([index]), scores: [TimelineScore(at: index, total: 20), TimelineScore(at: tuesday, total: 10)], parameters: p)
        #expect(a.followUps[0].hoursSinceIndex == 71)
        // So it falls in the [24, 72) bin, not in [72, 168) as "3 days" would.
        #expect(ResponseCurvePoints.byTime(a, edgesHours: p.curveBinsHours).map(\.point) == [2])
    }
}
