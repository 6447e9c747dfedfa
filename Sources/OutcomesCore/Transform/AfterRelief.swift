/// How long one course's relief lasted (analysis.md §12).
public enum ReliefDuration: Equatable, Sendable {
    /// No relief (event = 0 in §6), or not in the time-to-relief analysis: not in §12.
    case notRelieved
    /// Relief, but no later observation: left out of the analysis and counted (`relief_unobserved`).
    case unobserved
    /// The first later observation below the loss threshold, this long after relief (event = 1).
    case lost(secondsAfterRelief: Int64)
    /// No loss: censored at the last later observation, this long after relief (event = 0).
    case held(secondsAfterRelief: Int64)

    /// The course's observation in the Kaplan–Meier analysis of §12, if it is in it.
    public var observation: SurvivalObservation? {
        switch self {
        case .notRelieved, .unobserved: nil
        case .lost(let seconds): SurvivalObservation(time: seconds, isEvent: true)
        case .held(let seconds): SurvivalObservation(time: seconds, isEvent: false)
        }
    }
}

/// What happens after relief: how many sessions it took (§11) and how long it held (§12).
public enum AfterRelief {
    /// §11: the relief observation's session number (event), or the last follow-up's when
    /// there is no relief (censored); nil when the course is not in the time-to-relief
    /// analysis (no baseline above 0, or no follow-up).
    public static func sessionsToRelief(_ aligned: AlignedCourse, threshold: Double) -> SurvivalObservation? {
        guard aligned.isEvaluableBaseline, let last = aligned.followUps.last else { return nil }
        if let relief = aligned.reliefObservation(threshold: threshold) {
            return SurvivalObservation(time: Int64(relief.sessionNumber), isEvent: true)
        }
        return SurvivalObservation(time: Int64(last.sessionNumber), isEvent: false)
    }

    /// §12: the later observations are the instrument's scores after the relief observation,
    /// up to `durability_days` after the index start (longer than the follow-up window on
    /// purpose) and before the next course; relief is lost at the first one whose reduction
    /// from the course's baseline is below `loss_threshold`, compared without division.
    public static func duration(_ course: Course, aligned: AlignedCourse, scores: [TimelineScore],
                                parameters: AnalysisParameters) -> ReliefDuration {
        guard let baseline = aligned.baseline?.total, baseline > 0,
              let relief = aligned.reliefObservation(threshold: parameters.reliefThreshold) else { return .notRelieved }
        let end = Double(course.indexStart) + parameters.durabilityDays * 86_400
        // One pass, in any order: the earliest later observation below the threshold, and the last one.
        var firstLoss: Int64?, last: Int64?
        for score in scores where score.at > relief.at && Double(score.at) <= end && (course.nextCourseStart.map { score.at < $0 } ?? true) {
            last = max(last ?? score.at, score.at)
            if 100 * Double(baseline - score.total) < parameters.lossThreshold * Double(baseline) {
                firstLoss = min(firstLoss ?? score.at, score.at)
            }
        }
        guard let last else { return .unobserved }
        if let firstLoss { return .lost(secondsAfterRelief: firstLoss - relief.at) }
        return .held(secondsAfterRelief: last - relief.at)
    }

    /// §13's "deterioration at any time" needs only the worst follow-up total: the highest.
    public static func worstFollowUp(_ aligned: AlignedCourse) -> Int? {
        aligned.followUps.map(\.total).max()
    }
}
