/// A named range of an instrument's total (analysis.md §1, "Severity bands, for display"):
/// how sick the courses were when they started, in the words clinicians use.
public struct SeverityBand: Equatable, Sendable {
    public var name: String
    public var totals: ClosedRange<Int>

    public init(_ name: String, _ totals: ClosedRange<Int>) {
        self.name = name
        self.totals = totals
    }
}

extension Instrument {
    /// The bands, lowest first; together they cover `totalRange` without overlap.
    public var severityBands: [SeverityBand] {
        switch self {
        case .gad7:
            [SeverityBand("minimal", 0...4), SeverityBand("mild", 5...9), SeverityBand("moderate", 10...14),
             SeverityBand("severe", 15...21)]
        case .phq9:
            [SeverityBand("minimal", 0...4), SeverityBand("mild", 5...9), SeverityBand("moderate", 10...14),
             SeverityBand("moderately severe", 15...19), SeverityBand("severe", 20...27)]
        case .hama:
            [SeverityBand("mild", 0...17), SeverityBand("mild to moderate", 18...24), SeverityBand("moderate to severe", 25...30),
             SeverityBand("severe", 31...56)]
        }
    }

    /// The band a total falls in; nil for a total outside `totalRange`.
    public func severityBand(of total: Int) -> SeverityBand? {
        severityBands.first { $0.totals.contains(total) }
    }
}
