/// The observation one course contributes to one point of a response curve (analysis.md §8).
public struct CurvePoint: Equatable, Sendable {
    /// For the curve by time: the bin's position (0 for the first bin). For the curve by
    /// session: the session number k (1 for the index session).
    public var point: Int
    public var observation: FollowUpObservation

    public init(point: Int, observation: FollowUpObservation) {
        self.point = point
        self.observation = observation
    }
}

/// Which observation of a course stands for it in each bin and after each session.
/// Only courses with a baseline above 0 contribute, since percent reduction needs one.
public enum ResponseCurvePoints {
    /// The bin of `[edges[i], edges[i+1])` that holds `hours`, the last bin closed; nil
    /// outside every bin. Hours are compared as hours (seconds / 3600), as the spec states them.
    public static func bin(ofHours hours: Double, edges: [Double]) -> Int? {
        guard edges.count >= 2 else { return nil }
        let last = edges.count - 2
        for index in 0...last where hours >= edges[index] {
            if hours < edges[index + 1] || (index == last && hours == edges[index + 1]) { return index }
        }
        return nil
    }

    /// Per bin, the course's last follow-up observation in it.
    public static func byTime(_ aligned: AlignedCourse, edgesHours: [Double]) -> [CurvePoint] {
        guard aligned.isEvaluableBaseline else { return [] }
        var latest: [Int: FollowUpObservation] = [:]
        for observation in aligned.followUps {     // in time order, so the last one wins
            if let bin = bin(ofHours: observation.hoursSinceIndex, edges: edgesHours) { latest[bin] = observation }
        }
        return latest.keys.sorted().map { CurvePoint(point: $0, observation: latest[$0]!) }
    }

    /// Per session k of the course, the last follow-up observation in
    /// `(start of session k, start of session k + 1]`, or after session k's start when it is
    /// the last session. Sessions that share a start leave the earlier one without a point.
    public static func bySession(_ aligned: AlignedCourse, sessions: [TimelineSession]) -> [CurvePoint] {
        guard aligned.isEvaluableBaseline else { return [] }
        var points: [CurvePoint] = []
        for k in sessions.indices {
            let from = sessions[k].start
            let to = k + 1 < sessions.count ? sessions[k + 1].start : Int64.max
            if let last = aligned.followUps.last(where: { $0.at > from && $0.at <= to }) {
                points.append(CurvePoint(point: k + 1, observation: last))
            }
        }
        return points
    }
}
