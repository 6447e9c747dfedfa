/// A score as the transform sees it.
public struct TimelineScore: Equatable, Sendable {
    public var at: Int64
    public var total: Int
    /// PHQ-9's item 9 (thoughts of death or self-harm) when the score came with items and
    /// item 9 was answered (analysis.md §14); nil otherwise, and for the other instruments.
    public var item9: Int?

    public init(at: Int64, total: Int, item9: Int? = nil) {
        self.at = at
        self.total = total
        self.item9 = item9
    }
}

/// One score after a course's index session, placed on the course's timeline (analysis.md §5).
public struct FollowUpObservation: Equatable, Sendable {
    public var at: Int64
    public var total: Int
    public var secondsSinceIndex: Int64
    /// Sessions of the course that started strictly before the score.
    public var sessionNumber: Int
    public var secondsSinceLastSession: Int64
    /// The course's baseline total for this instrument; nil when it has none.
    public var baseline: Int?
    /// The score's own PHQ-9 item 9, when known (TimelineScore.item9).
    public var item9: Int? = nil

    public var hoursSinceIndex: Double { Double(secondsSinceIndex) / 3600 }
    public var hoursSinceLastSession: Double { Double(secondsSinceLastSession) / 3600 }

    /// 100 × (baseline − score) / baseline (positive = better); nil without a baseline above 0.
    public var pctReduction: Double? {
        guard let baseline, baseline > 0 else { return nil }
        return 100 * Double(baseline - total) / Double(baseline)
    }

    /// `pct_reduction ≥ threshold`, compared without division: 100 × (b − s) ≥ threshold × b.
    public func reaches(_ threshold: Double) -> Bool {
        guard let baseline, baseline > 0 else { return false }
        return 100 * Double(baseline - total) >= threshold * Double(baseline)
    }
}

/// A course's scores of one instrument, aligned: its baseline and follow-up observations.
public struct AlignedCourse: Equatable, Sendable {
    /// The baseline score, or nil when the course has none for this instrument.
    public var baseline: TimelineScore?
    public var followUps: [FollowUpObservation]

    /// Baseline > 0: percent reduction is defined.
    public var isEvaluableBaseline: Bool { (baseline?.total ?? 0) > 0 }

    /// The relief observation of analysis.md §6: the first follow-up at or above `threshold`
    /// (none without a baseline above 0). §11 and §12 start from it too.
    public func reliefObservation(threshold: Double) -> FollowUpObservation? {
        followUps.first { $0.reaches(threshold) }
    }
}

/// Baseline and follow-up rules of analysis.md §5, boundaries inclusive exactly as written.
public enum CourseAlignment {
    public static func align(_ course: Course, scores: [TimelineScore], parameters: AnalysisParameters) -> AlignedCourse {
        let index = course.indexStart
        let windowStart = Double(index) - parameters.baselineWindowDays * 86_400
        let followUpEnd = Double(index) + parameters.followupDays * 86_400
        let ordered = scores.sorted { $0.at < $1.at }
        let baseline = ordered.last { Double($0.at) >= windowStart && $0.at <= index }
        var followUps: [FollowUpObservation] = []
        for score in ordered where score.at > index && Double(score.at) <= followUpEnd {
            if let next = course.nextCourseStart, score.at >= next { continue }
            let before = course.sessions.lastIndex { $0.start < score.at }!   // the index session is before it
            followUps.append(FollowUpObservation(
                at: score.at, total: score.total, secondsSinceIndex: score.at - index, sessionNumber: before + 1,
                secondsSinceLastSession: score.at - course.sessions[before].start,
                baseline: baseline?.total, item9: score.item9))
        }
        return AlignedCourse(baseline: baseline, followUps: followUps)
    }
}
