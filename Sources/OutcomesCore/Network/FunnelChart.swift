/// The funnel plot of one instrument × route (after Spiegelhalter 2005): each site's responder
/// rate against its evaluable courses, with the 95 % and 99.8 % limits around the network
/// rate as curves (SiteComparison.limits) and the network rate as a dashed line. Sites whose
/// counts are small cells are not drawn; the note says how many. A site outside the 95 %
/// limits is named beside its marker; the others are in site_comparison.csv.
public enum FunnelChart {
    /// `funnel_phq9_iv.svg`.
    public static func fileName(_ instrument: Instrument, _ route: Route) -> String {
        "funnel_\(instrument.rawValue.lowercased())_\(route.rawValue.lowercased()).svg"
    }

    /// One chart per instrument × route that has site rows, in the rows' order.
    public static func all(_ rows: [SiteComparison]) -> [(name: String, svg: String)] {
        var groups: [(Instrument, Route)] = []
        for row in rows where !groups.contains(where: { $0 == (row.instrument, row.route) }) { groups.append((row.instrument, row.route)) }
        return groups.map { group in
            (fileName(group.0, group.1), chart(rows.filter { $0.instrument == group.0 && $0.route == group.1 }).svg)
        }
    }

    /// The chart of one group's rows (all of one instrument × route, with its network rate).
    public static func chart(_ rows: [SiteComparison]) -> SVGChart {
        let first = rows[0]
        let shown = rows.filter { !$0.suppressed }
        let largest = max(10, rows.map(\.evaluable).max() ?? 10)
        let top = Double(largest) * 1.05
        // The limits at 60 points along n, from n = 1 (where they span nearly everything).
        let steps = (0...60).map { max(1, Int((Double($0) / 60 * top).rounded())) }
        func curve(_ z: Double, upper: Bool) -> [SVGChart.Point] {
            steps.map { n in
                let limits = SiteComparison.limits(rate: first.networkRate, n: n, z: z)
                return SVGChart.Point(x: Double(n), y: 100 * (upper ? limits.high : limits.low))
            }
        }
        let grey = "#777777", dark = "#333333"
        var series = [
            SVGChart.Series(name: "95 % limits", color: grey, marker: 0, points: curve(NormalQuantile.z975, upper: true), markers: false),
            SVGChart.Series(name: "", color: grey, marker: 0, points: curve(NormalQuantile.z975, upper: false), markers: false),
            SVGChart.Series(name: "99.8 % limits", color: dark, marker: 0, points: curve(SiteComparison.z999, upper: true), markers: false),
            SVGChart.Series(name: "", color: dark, marker: 0, points: curve(SiteComparison.z999, upper: false), markers: false),
        ]
        if !shown.isEmpty {
            series.append(SVGChart.Series(
                name: "sites", color: SVGChart.palette[0], marker: 0,
                points: shown.map { row in
                    // A site outside the 95 % limits is named: it is the one a reader looks up.
                    SVGChart.Point(x: Double(row.evaluable), y: 100 * (row.rate ?? 0), courses: row.evaluable,
                                   label: row.position == .within ? nil : row.site)
                },
                joined: false))
        }
        let tick = Double(SVGChart.roundedDown(max(1, Int(top / 5))))
        let xTicks = stride(from: 0.0, through: top, by: tick).map { ($0, String(Int($0))) }
        let yTicks = stride(from: 0.0, through: 100, by: 20).map { ($0, "\(Int($0)) %") }
        var notes = ["limits: network rate ± z·√(p(1−p)/n)", "sites outside the 95 % limits are named"]
        let withheld = rows.count - shown.count
        if withheld > 0 { notes.append("\(withheld) site(s) not drawn: small cells") }
        return SVGChart(
            title: "Responder rate by site: \(first.instrument.displayName), \(first.route.displayName)",
            subtitle: "each site against the network rate, by its evaluable courses",
            x: SVGChart.Axis(label: "evaluable courses (n)", range: 0...top, ticks: xTicks),
            y: SVGChart.Axis(label: "responder rate", range: 0...100, ticks: yTicks),
            style: .markers, series: series,
            reference: (100 * first.networkRate, "network rate \(NumberFormat.fixed(100 * first.networkRate, decimals: 1)) %"),
            minCourses: 1, notes: notes)
    }
}
