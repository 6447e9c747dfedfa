/// The Wilson score interval for a proportion (analysis.md §7): better than the Wald
/// interval at the small counts and extreme rates of a single clinic's routes.
public enum WilsonInterval {
    /// nil when there are no trials (a rate with denominator 0 is empty).
    public static func interval(successes: Int, trials: Int, z: Double = NormalQuantile.z975) -> (low: Double, high: Double)? {
        guard trials > 0 else { return nil }
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }
}
