/// The contributions to one point of a curve (instrument × route × bin or session), as the
/// report reads them: only the percent reductions and how many reach the response threshold,
/// so that a large clinic's curve points take 8 bytes each in memory.
public struct CurveGroup: Equatable, Sendable {
    public var instrument: Instrument
    public var route: Route
    public var kind: CurveKind
    public var point: Int
    public var binStartHours: Double?
    public var binEndHours: Double?
    public var values: [Double]
    public var responding: Int
}

/// Gathers curve values into groups, in any order.
public struct CurveGroupCollector: Sendable {
    struct Key: Hashable { var instrument: Instrument; var route: Route; var kind: CurveKind; var point: Int }
    private var groups: [Key: CurveGroup] = [:]

    public init() {}

    public mutating func add(_ value: CurveValue) {
        let key = Key(instrument: value.instrument, route: value.route, kind: value.kind, point: value.point)
        if groups[key] == nil {
            groups[key] = CurveGroup(instrument: value.instrument, route: value.route, kind: value.kind, point: value.point,
                                     binStartHours: value.binStartHours, binEndHours: value.binEndHours, values: [], responding: 0)
        }
        groups[key]!.values.append(value.pctReduction)
        if value.responding { groups[key]!.responding += 1 }
    }

    /// Sorted by instrument, route, kind and point.
    public var result: [CurveGroup] {
        groups.values.sorted { ($0.instrument, $0.route, $0.kind.rawValue, $0.point) < ($1.instrument, $1.route, $1.kind.rawValue, $1.point) }
    }

    public static func groups(_ values: [CurveValue]) -> [CurveGroup] {
        var collector = CurveGroupCollector()
        for value in values { collector.add(value) }
        return collector.result
    }
}
