/// Small-cell suppression (analysis.md §10): with `min_cell` set, a row whose counts include
/// one from 1 to `min_cell − 1` is suppressed; its small counts and all its rates and
/// statistics are withheld, so nothing suppressed can be recovered from what is shown.
public struct SmallCells: Equatable, Sendable {
    /// 0 = off.
    public var minCell: Int

    public init(minCell: Int) { self.minCell = minCell }

    public func isSmall(_ count: Int) -> Bool { count >= 1 && count < minCell }

    public func suppresses(_ counts: [Int]) -> Bool { counts.contains(where: isSmall) }
}
