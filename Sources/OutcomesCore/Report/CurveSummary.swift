/// One instrument × route × point of response_curves.csv or session_curves.csv (analysis.md §8).
public struct CurveSummary: Equatable, Sendable {
    public var instrument: Instrument
    public var route: Route
    public var kind: CurveKind
    /// Bin position or session number.
    public var point: Int
    public var binStartHours: Double?
    public var binEndHours: Double?
    public var statistics: Descriptive
    /// Contributing courses at or above the response threshold.
    public var responding: Int
    public var suppressed: Bool

    public var courses: Int { statistics.count }
    public var shareResponding: Double { Double(responding) / Double(statistics.count) }

    /// One row per group of `kind` (groups exist only where a course contributes), in the
    /// groups' order: instrument, route, point.
    public static func summarise(_ groups: [CurveGroup], kind: CurveKind, smallCells: SmallCells) -> [CurveSummary] {
        groups.filter { $0.kind == kind && !$0.values.isEmpty }.map { group in
            let statistics = Descriptive(group.values)!
            return CurveSummary(instrument: group.instrument, route: group.route, kind: kind, point: group.point,
                                binStartHours: group.binStartHours, binEndHours: group.binEndHours, statistics: statistics,
                                responding: group.responding, suppressed: smallCells.suppresses([statistics.count]))
        }
    }

    public static func summarise(_ values: [CurveValue], kind: CurveKind, smallCells: SmallCells) -> [CurveSummary] {
        summarise(CurveGroupCollector.groups(values), kind: kind, smallCells: smallCells)
    }
}
