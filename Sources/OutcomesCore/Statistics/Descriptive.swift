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

    /// nil for no values.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let n = Double(values.count)
        count = values.count
        mean = values.reduce(0, +) / n
        median = Self.median(values)
        if values.count > 1 {
            let mean = mean
            let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
            standardDeviation = sd
            let half = StudentT.quantile(0.975, df: n - 1) * sd / n.squareRoot()
            interval = (mean - half, mean + half)
        } else {
            standardDeviation = nil
            interval = nil
        }
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
