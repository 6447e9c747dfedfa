/// Quantiles of the standard normal distribution used by the intervals.
public enum NormalQuantile {
    /// Φ⁻¹(0.975), the multiplier of every 95 % interval here (not the rounded 1.96).
    public static let z975 = 1.959963984540054
}
