/// Mean, sample standard deviation, Student-t interval and median of a curve point
/// (analysis.md §8).
public struct Descriptive: Equatable, Sendable {
    public var count: Int
    public var mean: Double
    /// n − 1 in the denominator; nil with one value.
    public var standardDeviation: Double?
    /// mean ± t(0.975, n − 1) · sd / √n; nil with one value.
    public var interval: (low: Double, high: Double)?
    /// The middle value, or the mean of the two middle values of an even count.
    public var median: Double

    public static func == (a: Descriptive, b: Descriptive) -> Bool {
        a.count == b.count && a.mean == b.mean && a.standardDeviation == b.standardDeviation && a.median == b.median
            && a.interval?.low == b.interval?.low && a.interval?.high == b.interval?.high
    }

    /// nil for no values. The figures are functions of the values' multiset, whatever their
    /// order: sums run over the distinct values in ascending order, each times its count, so
    /// that a network's pooled values give the same bits as one clinic's (docs/network.md).
    public init?(_ values: [Double]) {
        self.init(counts: Self.counts(values))
    }

    /// The distinct values ascending, each with how many times it occurs.
    public static func counts(_ values: [Double]) -> [(value: Double, count: Int)] {
        var counts: [(value: Double, count: Int)] = []
        for value in values.sorted() {
            if let last = counts.last, last.value == value { counts[counts.count - 1].count += 1 } else { counts.append((value, 1)) }
        }
        return counts
    }

    /// From distinct values in ascending order with their counts (each at least 1); nil when empty.
    public init?(counts: [(value: Double, count: Int)]) {
        let total = counts.reduce(0) { $0 + $1.count }
        guard total > 0 else { return nil }
        let n = Double(total)
        count = total
        let mean = counts.reduce(0.0) { $0 + $1.value * Double($1.count) } / n
        self.mean = mean
        median = Self.median(counts: counts, total: total)
        if total > 1 {
            let sd = (counts.reduce(0.0) { $0 + Double($1.count) * ($1.value - mean) * ($1.value - mean) } / (n - 1)).squareRoot()
            standardDeviation = sd
            let half = StudentT.quantile(0.975, df: n - 1) * sd / n.squareRoot()
            interval = (mean - half, mean + half)
        } else {
            standardDeviation = nil
            interval = nil
        }
    }

    /// The middle value of the counted values, or the mean of the two middle ones.
    static func median(counts: [(value: Double, count: Int)], total: Int) -> Double {
        func value(at index: Int) -> Double {
            var seen = 0
            for entry in counts {
                seen += entry.count
                if index < seen { return entry.value }
            }
            return counts[counts.count - 1].value
        }
        let upper = value(at: total / 2)
        return total % 2 == 0 ? (value(at: total / 2 - 1) + upper) / 2 : upper
    }

    /// The median by selection (Hoare's quickselect), linear on average: a large clinic's curve
    /// points are millions of values, and sorting them all is the report's largest sort.
    public static func median(_ values: [Double]) -> Double {
        var a = values
        let middle = a.count / 2
        let upper = select(&a, middle)
        guard a.count % 2 == 0 else { return upper }
        // The lower middle is the largest value left of `middle` after selection.
        var lower = a[0]
        for index in 1..<middle where a[index] > lower { lower = a[index] }
        return (lower + upper) / 2
    }

    /// Puts the k-th smallest value at index k, smaller ones before it, and returns it.
    static func select(_ a: inout [Double], _ k: Int) -> Double {
        var low = 0, high = a.count - 1
        while low < high {
            // Median of three as pivot, so sorted input stays linear.
            let mid = low + (high - low) / 2
            if a[mid] < a[low] { a.swapAt(mid, low) }
            if a[high] < a[low] { a.swapAt(high, low) }
            if a[high] < a[mid] { a.swapAt(high, mid) }
            let pivot = a[mid]
            var i = low, j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j {
                    a.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return a[k] }
        }
        return a[k]
    }
}
