import Foundation

/// One course in a time-to-relief analysis: when it was relieved, or when it was last seen.
public struct SurvivalObservation: Equatable, Sendable {
    /// Seconds since the index session.
    public var time: Int64
    /// True for relief (event = 1), false for censoring at the last follow-up.
    public var isEvent: Bool

    public init(time: Int64, isEvent: Bool) {
        self.time = time
        self.isEvent = isEvent
    }
}

/// A row of the Kaplan–Meier table: one distinct time with an event or a censoring.
public struct KaplanMeierRow: Equatable, Sendable {
    public var time: Int64
    public var atRisk: Int
    public var events: Int
    public var censored: Int
    /// S(t) = P(no relief by t), just after this time.
    public var survival: Double
    public var ciLow: Double
    public var ciHigh: Double
}

/// The product-limit estimate of analysis.md §6: events before censorings at tied times,
/// Greenwood's variance, and the 95 % pointwise band on the log(−log) scale.
public struct KaplanMeier: Equatable, Sendable {
    public let rows: [KaplanMeierRow]
    public let courses: Int
    public let events: Int

    /// Comparisons of S and its band with ½ allow this much, so that an S of exactly ½ built
    /// from products of fractions is not lost to rounding (the spec allows 1e-9).
    public static let tolerance = 1e-9

    public init(_ observations: [SurvivalObservation], z: Double = NormalQuantile.z975) {
        self.init(EventTable(observations), z: z)
    }

    /// The estimate from the sample's distinct times: the same as from its observations.
    public init(_ table: EventTable, z: Double = NormalQuantile.z975) {
        var rows: [KaplanMeierRow] = []
        var atRisk = table.observations
        var survival = 1.0
        var greenwood = 0.0
        for step in table.rows {
            let events = step.events, censored = step.censored
            if events > 0 {
                survival *= Double(atRisk - events) / Double(atRisk)
                if atRisk > events { greenwood += Double(events) / (Double(atRisk) * Double(atRisk - events)) }
                else { survival = 0 }
            }
            let band = Self.band(survival: survival, greenwood: greenwood, z: z)
            rows.append(KaplanMeierRow(time: step.time, atRisk: atRisk, events: events, censored: censored,
                                       survival: survival, ciLow: band.low, ciHigh: band.high))
            atRisk -= events + censored
        }
        self.rows = rows
        courses = table.observations
        events = table.events
    }

    /// Exponential Greenwood: log(−log S) ± z·σ with σ² = Σ d/(n(n−d)) / (log S)².
    /// [1, 1] while S = 1 and [0, 0] once S = 0.
    static func band(survival: Double, greenwood: Double, z: Double) -> (low: Double, high: Double) {
        if survival >= 1 { return (1, 1) }
        if survival <= 0 { return (0, 0) }
        let logS = Foundation.log(survival)
        let sigma = greenwood.squareRoot() / abs(logS)
        return (pow(survival, exp(z * sigma)), pow(survival, exp(-z * sigma)))
    }

    static func atOrBelowHalf(_ value: Double) -> Bool { value <= 0.5 + tolerance }

    /// The smallest time with S(t) ≤ ½; nil ("not reached") when S never falls that far.
    public var median: Int64? { rows.first { Self.atOrBelowHalf($0.survival) }?.time }

    /// The median's 95 % interval: the smallest times at which the band's lower and upper
    /// limits reach ½ (nil: not reached).
    public var medianInterval: (low: Int64?, high: Int64?) {
        (rows.first { Self.atOrBelowHalf($0.ciLow) }?.time, rows.first { Self.atOrBelowHalf($0.ciHigh) }?.time)
    }

    /// S(t): the value after the last table time at or before t (1 before the first).
    public func survival(at time: Int64) -> Double {
        rows.last { $0.time <= time }?.survival ?? 1
    }

    /// 1 − S(t): the share relieved at or before t.
    public func relieved(by time: Int64) -> Double { 1 - survival(at: time) }
}
