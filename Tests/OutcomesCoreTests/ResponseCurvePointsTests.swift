import Testing
@testable import OutcomesCore

/// analysis.md §8: which observation each course contributes per bin and per session.
@Suite struct ResponseCurvePointsTests {
    let hour: Int64 = 3600, day: Int64 = 86_400
    let t0: Int64 = 1_772_600_000
    let edges: [Double] = [0, 4, 24, 72, 168, 336, 504, 672, 1008, 2016]

    func aligned(sessions: [Int64], baseline: Int, scores: [(Int64, Int)]) -> (Course, AlignedCourse) {
        let course = CourseBuilder.courses(patientID: "P", sessions: sessions.map { TimelineSession(start: $0, route: .iv) }, gapDays: 60)[0]
        let all = [TimelineScore(at: sessions[0] - hour, total: baseline)] + scores.map { TimelineScore(at: $0.0, total: $0.1) }
        return (course, CourseAlignment.align(course, scores: all, parameters: AnalysisParameters()))
    }

    @Test func binsAreHalfOpenAndTheLastIsClosed() {
        #expect(ResponseCurvePoints.bin(ofHours: 0, edges: edges) == 0)
        #expect(ResponseCurvePoints.bin(ofHours: 3.999, edges: edges) == 0)
        #expect(ResponseCurvePoints.bin(ofHours: 4, edges: edges) == 1)
        #expect(ResponseCurvePoints.bin(ofHours: 1007.99, edges: edges) == 7)
        #expect(ResponseCurvePoints.bin(ofHours: 1008, edges: edges) == 8)
        #expect(ResponseCurvePoints.bin(ofHours: 2016, edges: edges) == 8)     // 84 days: the closed end of the last bin
        #expect(ResponseCurvePoints.bin(ofHours: 2016.001, edges: edges) == nil)
        #expect(ResponseCurvePoints.bin(ofHours: -1, edges: edges) == nil)
    }

    @Test func eachCourseGivesItsLastObservationPerBin() {
        // Baseline 20. At 2 h: 16, at 3 h: 12 (same bin, later wins), exactly 4 h: 10 (next bin), 84 d: 5 (last bin).
        let (_, a) = aligned(sessions: [t0], baseline: 20,
                             scores: [(t0 + 2 * hour, 16), (t0 + 3 * hour, 12), (t0 + 4 * hour, 10), (t0 + 84 * day, 5)])
        let points = ResponseCurvePoints.byTime(a, edgesHours: edges)
        #expect(points.map(\.point) == [0, 1, 8])
        #expect(points.map(\.observation.total) == [12, 10, 5])
        #expect(points.map(\.observation.pctReduction) == [40, 50, 75])
    }

    @Test func bySessionAScoreAtTheNextStartBelongsToTheSessionBefore() {
        // Sessions at 0, 2 d, 4 d. Scores: 1 d (s1), exactly 2 d (still s1, and the later one), 3 d (s2), 10 d (s3, the last: open-ended).
        let (course, a) = aligned(sessions: [t0, t0 + 2 * day, t0 + 4 * day], baseline: 20,
                                  scores: [(t0 + day, 18), (t0 + 2 * day, 16), (t0 + 3 * day, 12), (t0 + 10 * day, 8)])
        let points = ResponseCurvePoints.bySession(a, sessions: course.sessions)
        #expect(points.map(\.point) == [1, 2, 3])
        #expect(points.map(\.observation.total) == [16, 12, 8])
        #expect(a.followUps.map(\.sessionNumber) == [1, 1, 2, 3])
    }

    @Test func aSessionWithoutAScoreAfterItHasNoPoint() {
        let (course, a) = aligned(sessions: [t0, t0 + 2 * day, t0 + 4 * day], baseline: 20, scores: [(t0 + 3 * day, 12)])
        #expect(ResponseCurvePoints.bySession(a, sessions: course.sessions).map(\.point) == [2])
    }

    @Test func sessionsSharingAStartLeaveTheFirstWithoutAPoint() {
        let (course, a) = aligned(sessions: [t0, t0 + day, t0 + day], baseline: 20, scores: [(t0 + day, 15), (t0 + 2 * day, 10)])
        let points = ResponseCurvePoints.bySession(a, sessions: course.sessions)
        #expect(points.map(\.point) == [1, 3])
        #expect(points.map(\.observation.total) == [15, 10])
    }

    @Test func onlyCoursesWithABaselineAboveZeroContribute() {
        let (course, zero) = aligned(sessions: [t0], baseline: 0, scores: [(t0 + day, 0)])
        #expect(ResponseCurvePoints.byTime(zero, edgesHours: edges).isEmpty)
        #expect(ResponseCurvePoints.bySession(zero, sessions: course.sessions).isEmpty)
        let none = CourseAlignment.align(course, scores: [TimelineScore(at: t0 + day, total: 3)], parameters: AnalysisParameters())
        #expect(none.baseline == nil && none.followUps.count == 1)
        #expect(ResponseCurvePoints.byTime(none, edgesHours: edges).isEmpty)
    }
}
