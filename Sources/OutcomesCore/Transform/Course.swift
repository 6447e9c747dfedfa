/// A session as the transform sees it: when, by which route, and its export id (for ties).
public struct TimelineSession: Equatable, Sendable {
    public var start: Int64
    public var route: Route
    public var sessionID: String?
    public var clinicID: String?
    /// The stored row it came from, so that a flag on the course can point back to its export line.
    public var rowID: Int64

    public init(start: Int64, route: Route, sessionID: String? = nil, clinicID: String? = nil, rowID: Int64 = 0) {
        self.start = start
        self.route = route
        self.sessionID = sessionID
        self.clinicID = clinicID
        self.rowID = rowID
    }
}

/// A treatment course of one patient (analysis.md §4): sessions no more than
/// `course_gap_days` apart, counted under the route of its first (index) session.
public struct Course: Equatable, Sendable {
    public var patientID: String
    /// 1 for the patient's first course, 2 for the next, …
    public var number: Int
    public var sessions: [TimelineSession]
    /// The next course's index start, which ends this course's follow-up.
    public var nextCourseStart: Int64?

    public var indexStart: Int64 { sessions[0].start }
    public var route: Route { sessions[0].route }
    /// A course that uses more than one route is still counted under its index route.
    public var isMixedRoute: Bool { sessions.contains { $0.route != route } }
}

/// Groups a patient's sessions into courses (analysis.md §4).
public enum CourseBuilder {
    /// Sessions ordered by start; ties by session id (absent ids first), then by route in
    /// the order of analysis.md §2.
    public static func ordered(_ sessions: [TimelineSession]) -> [TimelineSession] {
        sessions.sorted { a, b in
            if a.start != b.start { return a.start < b.start }
            if (a.sessionID ?? "") != (b.sessionID ?? "") { return (a.sessionID ?? "") < (b.sessionID ?? "") }
            return a.route < b.route
        }
    }

    /// A new course begins when a session starts more than `gapDays` after the start of the
    /// previous session (a gap of exactly `gapDays` stays in the course).
    public static func courses(patientID: String, sessions: [TimelineSession], gapDays: Double) -> [Course] {
        let gap = gapDays * 86_400
        var groups: [[TimelineSession]] = []
        for session in ordered(sessions) {
            if let previous = groups.last?.last, Double(session.start - previous.start) <= gap {
                groups[groups.count - 1].append(session)
            } else {
                groups.append([session])
            }
        }
        return groups.enumerated().map { offset, group in
            Course(patientID: patientID, number: offset + 1, sessions: group,
                   nextCourseStart: offset + 1 < groups.count ? groups[offset + 1][0].start : nil)
        }
    }
}
