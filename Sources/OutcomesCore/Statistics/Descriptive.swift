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
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
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
}
