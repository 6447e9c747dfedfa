/// The contributions to one point of a curve (instrument × route × bin or session), as the
/// report reads them: only the percent reductions and how many reach the response threshold,
/// so that a large clinic's curve points take 8 bytes each in memory.
public struct CurveGroup: Equatable, Sendable {
    public var key: CurvePointKey
    public var values: [Double]
    public var responding: Int
}

/// Gathers curve values into groups, in any order. Each value costs an integer-keyed look-up
/// and an append in place (the report reads millions of them).
public struct CurveGroupCollector: Sendable {
    private var positions: [Int: Int] = [:]
    private var groups: [CurveGroup] = []

    public init() {}

    /// `bins` is asked only for a group's first value (the reader then skips two columns a row).
    public mutating func add(instrument: Instrument, route: Route, kind: CurveKind, point: Int, bins: () -> (Double?, Double?),
                             pctReduction: Double, responding: Bool) {
        let key = ((Instrument.allCases.firstIndex(of: instrument)! * 8 + route.order) * 2 + (kind == .time ? 0 : 1)) << 32 | point
        let position: Int
        if let known = positions[key] {
            position = known
        } else {
            position = groups.count
            positions[key] = position
            let (start, end) = bins()
            groups.append(CurveGroup(key: CurvePointKey(instrument: instrument, route: route, kind: kind, point: point,
                                                        binStartHours: start, binEndHours: end), values: [], responding: 0))
        }
        groups[position].values.append(pctReduction)
        if responding { groups[position].responding += 1 }
    }

    public mutating func add(_ value: CurveValue) {
        let key = value.key
        add(instrument: key.instrument, route: key.route, kind: key.kind, point: key.point, bins: { (key.binStartHours, key.binEndHours) },
            pctReduction: value.pctReduction, responding: value.responding)
    }

    /// Sorted by instrument, route, kind and point.
    public var result: [CurveGroup] {
        groups.sorted { $0.key < $1.key }
    }

    public static func groups(_ values: [CurveValue]) -> [CurveGroup] {
        var collector = CurveGroupCollector()
        for value in values { collector.add(value) }
        return collector.result
    }
}
