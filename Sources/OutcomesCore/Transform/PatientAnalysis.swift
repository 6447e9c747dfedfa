/// Everything stored about one patient that the transform reads: sessions and scores.
public struct PatientTimeline: Equatable, Sendable {
    public var patientID: String
    public var sessions: [TimelineSession]
    public var scores: [Instrument: [TimelineScore]]

    public init(patientID: String, sessions: [TimelineSession], scores: [Instrument: [TimelineScore]]) {
        self.patientID = patientID
        self.sessions = sessions
        self.scores = scores
    }
}

/// One course × instrument, fully analysed (analysis.md §5–8, §11–§14).
public struct CourseInstrumentAnalysis: Equatable, Sendable {
    public var instrument: Instrument
    public var aligned: AlignedCourse
    public var relief: ReliefOutcome
    public var endpoint: EndpointOutcome
    public var timePoints: [CurvePoint]
    public var sessionPoints: [CurvePoint]
    /// §11: nil when the course is not in the time-to-relief analysis.
    public var sessionsToRelief: SurvivalObservation?
    /// §12.
    public var reliefDuration: ReliefDuration
    /// §13: the highest follow-up total (deterioration at any time); nil without follow-up.
    public var worstFollowUp: Int?
    /// §14: PHQ-9 only.
    public var item9: Item9Facts?
}

/// One course and its analysis for every instrument (the course counts for an instrument
/// even when it has no score of it: route_summary's `courses`).
public struct CourseAnalysis: Equatable, Sendable {
    public var course: Course
    /// The index session's local date in the pipeline's timezone, as days since 1970-01-01:
    /// what a report period selects on (analysis.md §9).
    public var indexLocalDay: Int64
    public var instruments: [CourseInstrumentAnalysis]
    /// §15: induction sessions and boosters.
    public var boosters: CourseBoosters
}

/// The whole transform of one patient: a pure function of the patient's timeline, the
/// analysis parameters and the timezone. Patients are independent of each other, which is
/// what lets a nightly run recompute only the patients whose data changed.
public enum PatientTransform {
    public static func analyse(_ timeline: PatientTimeline, parameters: AnalysisParameters, timeZone: LocalTimeZone) -> [CourseAnalysis] {
        let courses = CourseBuilder.courses(patientID: timeline.patientID, sessions: timeline.sessions, gapDays: parameters.courseGapDays)
        return courses.map { course in
            CourseAnalysis(
                course: course,
                indexLocalDay: timeZone.localDay(of: course.indexStart),
                instruments: Instrument.allCases.map { instrument in
                    let scores = timeline.scores[instrument] ?? []
                    let aligned = CourseAlignment.align(course, scores: scores, parameters: parameters)
                    let endpoint = CourseOutcomes.endpoint(aligned, instrument: instrument, parameters: parameters)
                    return CourseInstrumentAnalysis(
                        instrument: instrument, aligned: aligned,
                        relief: CourseOutcomes.relief(aligned, threshold: parameters.reliefThreshold),
                        endpoint: endpoint,
                        timePoints: ResponseCurvePoints.byTime(aligned, edgesHours: parameters.curveBinsHours),
                        sessionPoints: ResponseCurvePoints.bySession(aligned, sessions: course.sessions),
                        sessionsToRelief: AfterRelief.sessionsToRelief(aligned, threshold: parameters.reliefThreshold),
                        reliefDuration: AfterRelief.duration(course, aligned: aligned, scores: scores, parameters: parameters),
                        worstFollowUp: AfterRelief.worstFollowUp(aligned),
                        item9: instrument == .phq9 ? Item9Facts(aligned, endpoint: endpoint) : nil)
                },
                boosters: CourseBoosters(course, inductionDays: parameters.inductionDays))
        }
    }
}
