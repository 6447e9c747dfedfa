/// The configurable rules of analysis.md, with its defaults (interface.md, `[analysis]`).
public struct AnalysisParameters: Sendable, Equatable {
    public var reliefThreshold: Double = 50
    public var responseThreshold: Double = 50
    public var courseGapDays: Double = 60
    public var baselineWindowDays: Double = 14
    public var followupDays: Double = 84
    public var endpointStartDays: Double = 21
    public var endpointEndDays: Double = 42
    public var curveBinsHours: [Double] = [0, 4, 24, 72, 168, 336, 504, 672, 1008, 2016]
    public var scoring = ScoringRules()
    public var remissionCutoff = Dictionary(uniqueKeysWithValues: Instrument.allCases.map { ($0, $0.defaultRemissionCutoff) })
    /// §12: later observations count up to this many days after the index start.
    public var durabilityDays: Double = 182
    /// §12: relief is lost at a reduction below this percentage.
    public var lossThreshold: Double = 25
    /// §15: sessions up to this many days after the index start are the induction series.
    public var inductionDays: Double = 21
    /// §13: points of change that count as reliable (NHS Talking Therapies for PHQ-9 and GAD-7).
    public var reliableChange: [Instrument: Int] = [.gad7: 4, .phq9: 6, .hama: 8]
    /// §13: the total at or above which a course is at caseness.
    public var caseness: [Instrument: Int] = [.gad7: 8, .phq9: 10, .hama: 18]

    public init() {}

    public func remissionCutoff(_ instrument: Instrument) -> Int {
        remissionCutoff[instrument] ?? instrument.defaultRemissionCutoff
    }

    public func reliableChange(_ instrument: Instrument) -> Int { reliableChange[instrument] ?? Self().reliableChange[instrument]! }

    public func caseness(_ instrument: Instrument) -> Int { caseness[instrument] ?? Self().caseness[instrument]! }
}
