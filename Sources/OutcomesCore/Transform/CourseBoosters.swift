/// A course's induction series and its boosters (analysis.md §15).
public struct CourseBoosters: Equatable, Sendable {
    /// Sessions with index start ≤ start ≤ index start + `induction_days`, whatever their route.
    public var inductionSessions: Int
    /// Seconds from the index start to each later session (a booster), in session order.
    public var boosterOffsets: [Int64]

    public init(inductionSessions: Int, boosterOffsets: [Int64]) {
        self.inductionSessions = inductionSessions
        self.boosterOffsets = boosterOffsets
    }

    /// Splits the course's sessions (already in course order) at `inductionDays` after the index
    /// start; a session exactly then is still induction.
    public init(_ course: Course, inductionDays: Double) {
        let end = Double(course.indexStart) + inductionDays * 86_400
        var induction = 0
        var offsets: [Int64] = []
        for session in course.sessions {
            if Double(session.start) <= end { induction += 1 } else { offsets.append(session.start - course.indexStart) }
        }
        self.init(inductionSessions: induction, boosterOffsets: offsets)
    }

    /// Seconds between each pair of consecutive boosters.
    public var gaps: [Int64] { zip(boosterOffsets, boosterOffsets.dropFirst()).map { $1 - $0 } }
}
