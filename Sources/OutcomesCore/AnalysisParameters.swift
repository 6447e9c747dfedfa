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

    public init() {}

    public func remissionCutoff(_ instrument: Instrument) -> Int {
        remissionCutoff[instrument] ?? instrument.defaultRemissionCutoff
    }
}
