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

    /// Groups curve values into rows, sorted by instrument, route and point. Only points with
    /// at least one contributing course get a row.
    public static func summarise(_ values: [CurveValue], kind: CurveKind, smallCells: SmallCells) -> [CurveSummary] {
        struct Key: Hashable { var instrument: Instrument; var route: Route; var point: Int }
        var groups: [Key: [CurveValue]] = [:]
        for value in values where value.kind == kind {
            groups[Key(instrument: value.instrument, route: value.route, point: value.point), default: []].append(value)
        }
        return groups.keys.sorted { ($0.instrument, $0.route, $0.point) < ($1.instrument, $1.route, $1.point) }.map { key in
            let group = groups[key]!
            let statistics = Descriptive(group.map(\.pctReduction))!
            return CurveSummary(instrument: key.instrument, route: key.route, kind: kind, point: key.point,
                                binStartHours: group[0].binStartHours, binEndHours: group[0].binEndHours, statistics: statistics,
                                responding: group.filter(\.responding).count, suppressed: smallCells.suppresses([statistics.count]))
        }
    }
}
