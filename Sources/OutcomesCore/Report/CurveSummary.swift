/// One instrument × route × point of response_curves.csv or session_curves.csv (analysis.md §8).
public struct CurveSummary: Equatable, Sendable {
    public var key: CurvePointKey
    public var statistics: Descriptive
    /// Contributing courses at or above the response threshold.
    public var responding: Int
    public var suppressed: Bool

    public var instrument: Instrument { key.instrument }
    public var route: Route { key.route }
    public var kind: CurveKind { key.kind }
    /// Bin position or session number.
    public var point: Int { key.point }
    public var binStartHours: Double? { key.binStartHours }
    public var binEndHours: Double? { key.binEndHours }
    public var courses: Int { statistics.count }
    public var shareResponding: Double { Double(responding) / Double(statistics.count) }

    /// One row per group of `kind` (groups exist only where a course contributes), in the
    /// groups' order: instrument, route, point.
    public static func summarise(_ groups: [CurveGroup], kind: CurveKind, smallCells: SmallCells) -> [CurveSummary] {
        groups.filter { $0.key.kind == kind && !$0.values.isEmpty }.map { group in
            let statistics = Descriptive(group.values)!
            return CurveSummary(key: group.key, statistics: statistics, responding: group.responding,
                                suppressed: smallCells.suppresses([statistics.count]))
        }
    }

    public static func summarise(_ values: [CurveValue], kind: CurveKind, smallCells: SmallCells) -> [CurveSummary] {
        summarise(CurveGroupCollector.groups(values), kind: kind, smallCells: smallCells)
    }
}
