/// The courses a report covers, by the local date of their index session (analysis.md §9).
public enum ReportPeriod: Sendable, Equatable, CustomStringConvertible {
    case all
    case quarter(year: Int, quarter: Int)
    /// Both ends included; days since 1970-01-01.
    case range(firstDay: Int64, lastDay: Int64)
    /// The last complete quarter before the run's date.
    case lastQuarter

    /// Reads `all`, `2026Q3`, `2026-01-01..2026-03-31` or `last-quarter`.
    public init?(parsing text: String) {
        let value = text.trimmingWhitespace
        if value == "all" { self = .all; return }
        if value == "last-quarter" { self = .lastQuarter; return }
        let upper = value.uppercased()
        if upper.count == 6, let q = upper.firstIndex(of: "Q"), let year = Int(upper[..<q]), let quarter = Int(upper[upper.index(after: q)...]),
           upper.distance(from: upper.startIndex, to: q) == 4, (1...4).contains(quarter) {
            self = .quarter(year: year, quarter: quarter)
            return
        }
        let ends = value.components(separatedBy: "..")
        if ends.count == 2, let first = Self.day(ends[0]), let last = Self.day(ends[1]), first <= last {
            self = .range(firstDay: first, lastDay: last)
            return
        }
        return nil
    }

    private static func day(_ text: String) -> Int64? {
        let parts = text.trimmingWhitespace.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...CivilTime.daysInMonth(year: y, month: m)).contains(d) else { return nil }
        return CivilTime.daysFromCivil(year: y, month: m, day: d)
    }

    public var description: String {
        switch self {
        case .all: "all"
        case .lastQuarter: "last-quarter"
        case .quarter(let year, let quarter): "\(year)Q\(quarter)"
        case .range(let first, let last): "\(CivilTime.isoDate(days: first))..\(CivilTime.isoDate(days: last))"
        }
    }
}
