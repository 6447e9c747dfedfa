/// Time to relief of one course and instrument (analysis.md §6).
public enum ReliefOutcome: Equatable, Sendable {
    /// The first follow-up at or above the relief threshold: event = 1.
    case relief(secondsSinceIndex: Int64)
    /// No relief: censored at the last follow-up observation (event = 0).
    case censored(secondsSinceIndex: Int64)
    /// Baseline > 0 but no follow-up observation: left out of the analysis, counted.
    case noFollowUp
    /// No baseline, or baseline 0: not in the time-to-relief analysis.
    case notEvaluable

    /// In the Kaplan–Meier analysis (`km_courses`).
    public var isInAnalysis: Bool {
        switch self {
        case .relief, .censored: true
        case .noFollowUp, .notEvaluable: false
        }
    }
}

/// Response and remission at the endpoint of one course and instrument (analysis.md §7).
public struct EndpointOutcome: Equatable, Sendable {
    /// The last follow-up with endpoint_start_days ≤ days since index ≤ endpoint_end_days.
    public var observation: FollowUpObservation?
    public var hasBaseline: Bool
    /// Baseline > 0 and an endpoint observation.
    public var evaluable: Bool
    public var responder: Bool
    public var remitter: Bool
}

public enum CourseOutcomes {
    public static func relief(_ aligned: AlignedCourse, threshold: Double) -> ReliefOutcome {
        guard aligned.isEvaluableBaseline else { return .notEvaluable }
        guard let last = aligned.followUps.last else { return .noFollowUp }
        if let first = aligned.reliefObservation(threshold: threshold) {
            return .relief(secondsSinceIndex: first.secondsSinceIndex)
        }
        return .censored(secondsSinceIndex: last.secondsSinceIndex)
    }

    public static func endpoint(_ aligned: AlignedCourse, instrument: Instrument, parameters: AnalysisParameters) -> EndpointOutcome {
        let from = parameters.endpointStartDays * 86_400, to = parameters.endpointEndDays * 86_400
        let observation = aligned.followUps.last { Double($0.secondsSinceIndex) >= from && Double($0.secondsSinceIndex) <= to }
        let evaluable = aligned.isEvaluableBaseline && observation != nil
        return EndpointOutcome(
            observation: observation, hasBaseline: aligned.baseline != nil, evaluable: evaluable,
            responder: evaluable && observation!.reaches(parameters.responseThreshold),
            remitter: evaluable && observation!.total <= parameters.remissionCutoff(instrument))
    }
}
