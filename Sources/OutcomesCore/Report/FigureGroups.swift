/// Small cells per group of figures (analysis.md §11–§15, "Small cells"): a group is
/// suppressed when any of its counts is from 1 to `min_cell − 1`; its small counts and all of
/// its statistics are then withheld, its other counts stay. A small count is in at least one
/// suppressed group, so a count is shown exactly when it is not small.
public struct FigureGroup: Equatable, Sendable {
    public var counts: [Int]
    public var suppressed: Bool

    public init(_ counts: [Int], smallCells: SmallCells) {
        self.counts = counts
        suppressed = smallCells.suppresses(counts)
    }

    /// The group's statistic, or nil when the group is suppressed.
    public func shown<T>(_ value: T?) -> T? { suppressed ? nil : value }
}
