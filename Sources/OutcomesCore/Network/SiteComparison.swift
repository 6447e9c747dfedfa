/// One site in one instrument × route of site_comparison.csv: its responder rate against the
/// network's, with the funnel limits for its number of evaluable courses (after Spiegelhalter
/// 2005, "Funnel plots for comparing institutional performance", Stat Med 24:1185–1202): the
/// network rate p₀ ± z·√(p₀(1−p₀)/n), z for 95 % and 99.8 % two-sided, clamped to [0, 1] (the
/// normal approximation; docs/network.md).
public struct SiteComparison: Equatable, Sendable {
    public enum Position: String, Sendable {
        case above998 = "above_99.8", above95 = "above_95", within, below95 = "below_95", below998 = "below_99.8"
    }

    public var instrument: Instrument
    public var route: Route
    public var site: String
    public var evaluable: Int
    public var responders: Int
    /// The network's responder rate in this instrument × route (every site's courses).
    public var networkRate: Double
    public var limits95: (low: Double, high: Double)
    public var limits998: (low: Double, high: Double)
    /// True when the site's counts are small cells: its counts, rate and position are withheld.
    public var suppressed: Bool

    /// z for a two-sided 99.8 % limit (the 0.999 quantile of the standard normal).
    public static let z999 = 3.090232306167813

    public var rate: Double? { evaluable > 0 ? Double(responders) / Double(evaluable) : nil }

    public var position: Position? {
        guard let rate, !suppressed else { return nil }
        if rate > limits998.high { return .above998 }
        if rate > limits95.high { return .above95 }
        if rate < limits998.low { return .below998 }
        if rate < limits95.low { return .below95 }
        return .within
    }

    public static func == (a: SiteComparison, b: SiteComparison) -> Bool {
        a.instrument == b.instrument && a.route == b.route && a.site == b.site && a.evaluable == b.evaluable
            && a.responders == b.responders && a.networkRate == b.networkRate && a.limits95 == b.limits95
            && a.limits998 == b.limits998 && a.suppressed == b.suppressed
    }

    /// The funnel limits around `rate` for `n` courses.
    public static func limits(rate: Double, n: Int, z: Double) -> (low: Double, high: Double) {
        guard n > 0 else { return (0, 1) }
        let half = z * (rate * (1 - rate) / Double(n)).squareRoot()
        return (max(0, rate - half), min(1, rate + half))
    }

    /// Every site with evaluable courses in every instrument × route of the pooled rows that
    /// has a network rate, in the rows' order, then by site.
    public static func rows(_ pool: NetworkPool, smallCells: SmallCells) -> [SiteComparison] {
        var rows: [SiteComparison] = []
        for summary in pool.summaries(smallCells: smallCells) where summary.evaluable > 0 {
            let network = Double(summary.responders) / Double(summary.evaluable)
            for contribution in pool.contributions {
                guard let aggregate = contribution.routes.first(where: { $0.instrument == summary.instrument && $0.route == summary.route }),
                      aggregate.evaluable > 0 else { continue }
                rows.append(SiteComparison(
                    instrument: summary.instrument, route: summary.route, site: contribution.site, evaluable: aggregate.evaluable,
                    responders: aggregate.responders, networkRate: network,
                    limits95: limits(rate: network, n: aggregate.evaluable, z: NormalQuantile.z975),
                    limits998: limits(rate: network, n: aggregate.evaluable, z: z999),
                    suppressed: smallCells.suppresses([aggregate.evaluable, aggregate.responders])))
            }
        }
        return rows
    }

    public static let header = ["instrument", "route", "site", "evaluable", "responders", "responder_rate", "network_rate",
                                "limit_95_low", "limit_95_high", "limit_99_8_low", "limit_99_8_high", "position", "suppressed"]

    /// site_comparison.csv.
    public static func csv(_ rows: [SiteComparison], smallCells: SmallCells) -> String {
        var table = CSVTable(header: header)
        for row in rows {
            func count(_ n: Int) -> CSVTable.Cell { row.suppressed && smallCells.isSmall(n) ? .empty : .number(String(n)) }
            func fraction(_ value: Double?) -> CSVTable.Cell { value.map { .number(NumberFormat.fraction($0)) } ?? .empty }
            table.append([
                .text(row.instrument.rawValue), .text(row.route.rawValue), .text(row.site), count(row.evaluable), count(row.responders),
                row.suppressed ? .empty : fraction(row.rate), fraction(row.networkRate), fraction(row.limits95.low),
                fraction(row.limits95.high), fraction(row.limits998.low), fraction(row.limits998.high),
                row.position.map { .text($0.rawValue) } ?? .empty, .text(row.suppressed ? "true" : "false"),
            ])
        }
        return table.text
    }
}
