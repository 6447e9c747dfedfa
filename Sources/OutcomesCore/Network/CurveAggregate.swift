/// What one point of a response curve (instrument × route × bin or session) is computed from
/// (analysis.md §8): the responding courses and the exact multiset of the courses'
/// `pct_reduction` values, each a reduced fraction `numerator / denominator` with its count.
/// A value is 100 × (baseline − score) / baseline, so its denominator divides a baseline
/// total (at most 56, HAM-A's maximum). Pooled points merge the multisets; Descriptive reads a
/// multiset the same whatever the order, so the pooled figures are the one-database ones.
public struct CurveAggregate: Equatable, Sendable {
    public struct Fraction: Hashable, Sendable, Comparable {
        public var numerator: Int64
        public var denominator: Int64

        public init(numerator: Int64, denominator: Int64) {
            self.numerator = numerator
            self.denominator = denominator
        }

        /// The value the transform computed for it: one correctly rounded division of the
        /// same rational, so the same bits.
        public var value: Double { Double(numerator) / Double(denominator) }

        public static func < (a: Fraction, b: Fraction) -> Bool { a.value < b.value }

        /// The reduced fraction with the smallest denominator up to `maxDenominator` whose
        /// value is `value` exactly; nil when there is none.
        public static func of(_ value: Double, maxDenominator: Int64 = 56) -> Fraction? {
            for denominator in 1...maxDenominator {
                let numerator = (value * Double(denominator)).rounded()
                guard abs(numerator) < 1e15 else { return nil }
                if Double(Int64(numerator)) / Double(denominator) == value {
                    return Fraction(numerator: Int64(numerator), denominator: denominator)
                }
            }
            return nil
        }
    }

    public var key: CurvePointKey
    public var responding: Int
    public var values: [Fraction: Int]

    public init(key: CurvePointKey, responding: Int, values: [Fraction: Int]) {
        self.key = key
        self.responding = responding
        self.values = values
    }

    /// A report's group as fractions; nil when a value is not a percent reduction of totals.
    public init?(_ group: CurveGroup) {
        var values: [Fraction: Int] = [:]
        for value in group.values {
            guard let fraction = Fraction.of(value) else { return nil }
            values[fraction, default: 0] += 1
        }
        self.init(key: group.key, responding: group.responding, values: values)
    }

    /// The group the report summarises (values ascending).
    public var group: CurveGroup {
        CurveGroup(key: key, values: values.keys.sorted().flatMap { [Double](repeating: $0.value, count: values[$0]!) }, responding: responding)
    }

    public static func + (a: CurveAggregate, b: CurveAggregate) -> CurveAggregate {
        CurveAggregate(key: a.key, responding: a.responding + b.responding, values: a.values.merging(b.values, uniquingKeysWith: +))
    }

    /// The point's identity as an integer: instrument, route, kind, point (CurveGroupCollector's order).
    public var order: Int {
        ((Instrument.allCases.firstIndex(of: key.instrument)! * 8 + key.route.order) * 2 + (key.kind == .time ? 0 : 1)) << 32 | key.point
    }
}
