/// A report period pinned to days: `last-quarter` becomes the quarter it names on the run's date.
public struct ResolvedPeriod: Equatable, Sendable {
    /// `all`, `2026Q3` or `2026-01-01..2026-03-31`: the name a `{period}` in the reports path becomes.
    public var name: String
    /// Local days (since 1970-01-01), both ends included; nil for `all`.
    public var days: ClosedRange<Int64>?
    /// The quarter, when the period is one: a quarterly report shows the quarters before it.
    public var quarter: Quarter?

    public func contains(day: Int64) -> Bool { days?.contains(day) ?? true }

    /// A human description for the report's header.
    /// A quarter is named by its months, not its first and last day: a quarter's bounds are
    /// common dates of service, and a folder that leaves the clinic holds no date of one.
    public var description: String {
        guard let days else { return "all courses" }
        if let quarter {
            return "courses with an index session in \(quarter) (\(quarter.monthNames) \(quarter.year))"
        }
        return "courses with an index session from \(CivilTime.isoDate(days: days.lowerBound)) to \(CivilTime.isoDate(days: days.upperBound))"
    }
}

/// A calendar quarter.
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    /// 1…4
    public var number: Int

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    /// "July to September".
    public var monthNames: String {
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                     "November", "December"]
        return "\(names[(number - 1) * 3]) to \(names[(number - 1) * 3 + 2])"
    }

    public init(containing day: Int64) {
        let civil = CivilTime.civilFromDays(day)
        self.init(year: civil.year, number: (civil.month - 1) / 3 + 1)
    }

    public var days: ClosedRange<Int64> {
        let first = CivilTime.daysFromCivil(year: year, month: number * 3 - 2, day: 1)
        let next = number == 4 ? CivilTime.daysFromCivil(year: year + 1, month: 1, day: 1)
                               : CivilTime.daysFromCivil(year: year, month: number * 3 + 1, day: 1)
        return first...(next - 1)
    }

    public var previous: Quarter { number == 1 ? Quarter(year: year - 1, number: 4) : Quarter(year: year, number: number - 1) }

    public var description: String { "\(year)Q\(number)" }

    /// The quarter a `description` names (`2026Q1`); nil for any other text.
    public init?(name: String) {
        let parts = name.split(separator: "Q", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let number = Int(parts[1]), (1...4).contains(number),
              parts[1].count == 1 else { return nil }
        self.init(year: year, number: number)
    }

    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.number) < (b.year, b.number) }
}

extension ReportPeriod {
    /// Pins the period to days; `today` is the run's local date (days since 1970-01-01).
    public func resolved(today: Int64) -> ResolvedPeriod {
        switch self {
        case .all:
            return ResolvedPeriod(name: "all", days: nil, quarter: nil)
        case .quarter(let year, let number):
            let quarter = Quarter(year: year, number: number)
            return ResolvedPeriod(name: quarter.description, days: quarter.days, quarter: quarter)
        case .lastQuarter:
            let quarter = Quarter(containing: today).previous
            return ResolvedPeriod(name: quarter.description, days: quarter.days, quarter: quarter)
        case .range(let first, let last):
            return ResolvedPeriod(name: description, days: first...last, quarter: nil)
        }
    }
}
