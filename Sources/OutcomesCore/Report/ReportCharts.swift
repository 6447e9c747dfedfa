/// The report's charts, per instrument: mean reduction by time since the first session and by
/// session, and the share relieved over time (1 − Kaplan–Meier). Suppressed rows are not drawn;
/// the chart says which are withheld.
public enum ReportCharts {
    public struct Chart: Sendable {
        public var name: String
        public var svg: String
    }

    /// Each kind of chart: its file name prefix (the file is `PREFIX_gad7.svg`, …) and how it is drawn.
    static let kinds: [(prefix: String, draw: @Sendable (OutcomeReport, Instrument) -> SVGChart)] = [
        ("response_curve_", timeCurve), ("session_curve_", sessionCurve), ("time_to_relief_", relief),
        ("sessions_to_relief_", sessionsToRelief), ("relief_duration_", reliefDuration),
    ]

    static var prefixes: [String] { kinds.map(\.prefix) }

    public static func all(_ report: OutcomeReport) -> [Chart] {
        let instruments = Array(Set(report.summaries.map(\.instrument))).sorted()
        return instruments.flatMap { instrument in
            kinds.map { Chart(name: $0.prefix + instrument.rawValue.lowercased() + ".svg", svg: $0.draw(report, instrument).svg) }
        }
    }

    static func label(_ route: Route) -> String {
        switch route {
        case .iv: "IV infusion"
        case .im: "IM injection"
        case .intranasal: "IN esketamine"
        case .sublingual: "SL troche"
        case .oral: "PO oral"
        case .subcutaneous: "SC injection"
        }
    }

    static func color(_ route: Route) -> String { SVGChart.palette[route.order] }

    /// "4 h", "3 d", "2 wk": how clinicians say these times.
    static func duration(hours: Double) -> String {
        let (value, unit) = durationParts(hours: hours)
        return value + " " + unit
    }

    static func durationParts(hours: Double) -> (String, String) {
        func whole(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : NumberFormat.fixed(v, decimals: 1) }
        if hours < 24 { return (whole(hours), "h") }
        if hours >= 168, (hours / 168) == (hours / 168).rounded() { return (whole(hours / 168), "wk") }
        return (whole(hours / 24), "d")
    }

    /// A bin as a short label: "4–24 h", "1–3 d", "6–12 wk"; units written once when shared.
    static func bin(_ from: Double, _ to: Double) -> String {
        var (a, unitA) = durationParts(hours: from)
        let (b, unitB) = durationParts(hours: to)
        if from == 0 { a = "0"; unitA = unitB }
        return unitA == unitB ? "\(a)–\(b) \(unitB)" : "\(a) \(unitA)–\(b) \(unitB)"
    }

    static func percentAxis(_ rows: [CurveSummary]) -> SVGChart.Axis {
        let lows = rows.compactMap { $0.statistics.interval?.low ?? $0.statistics.mean }
        let floor = max(-100, min(0, ((lows.min() ?? 0) / 25).rounded(.down) * 25))
        let ticks = stride(from: floor, through: 100, by: 25).map { ($0, NumberFormat.fixed($0, decimals: 0) + " %") }
        return SVGChart.Axis(label: "reduction from baseline (mean, 95 % CI)", range: floor...100, ticks: ticks)
    }

    /// One series per route of the rows drawn (none suppressed), each point carrying its
    /// courses (marker area, hollow below `chart_min_courses`) and its slot (bin or session).
    static func curveSeries(_ rows: [CurveSummary], x: (CurveSummary, Int, Int) -> Double) -> [SVGChart.Series] {
        let routes = Array(Set(rows.map(\.route))).sorted()
        return routes.enumerated().map { offset, route in
            let points = rows.filter { $0.route == route }.map { row in
                SVGChart.Point(x: x(row, offset, routes.count), y: row.statistics.mean,
                               low: row.statistics.interval?.low, high: row.statistics.interval?.high,
                               courses: row.courses, slot: row.point)
            }
            return SVGChart.Series(name: label(route), color: color(route), marker: route.order, points: points)
        }
    }

    /// What a curve chart says about withheld points: all withheld (the empty plot's
    /// message) or, per route with some withheld, how many of its points (a note).
    static func withheldCurvePoints(_ rows: [CurveSummary], minCell: Int, unit: String) -> (message: String, notes: [String]) {
        let withheld = rows.filter(\.suppressed)
        guard !withheld.isEmpty else { return ("no data to show", []) }
        if withheld.count == rows.count {
            return ("All routes have fewer than \(minCell) courses here; their points are withheld (minimum cell size \(minCell)).", [])
        }
        let routes = Array(Set(withheld.map(\.route))).sorted()
        let parts = routes.map { route in
            let all = rows.filter { $0.route == route }.count, hidden = withheld.filter { $0.route == route }.count
            return hidden == all ? "\(label(route)): all points" : "\(label(route)): \(hidden) of \(all) \(unit)"
        }
        return ("", ["Under \(minCell) courses, withheld:\n" + parts.joined(separator: "\n")])
    }

    /// The same for a Kaplan–Meier chart, whose routes are withheld whole.
    static func withheldCurves(_ routes: [Route], shown: Int, minCell: Int) -> (message: String, notes: [String]) {
        guard !routes.isEmpty else { return ("no data to show", []) }
        if shown == 0 {
            return ("All routes have a count below \(minCell) here (courses or events); their curves are withheld (minimum cell size \(minCell)).", [])
        }
        return ("", ["A count under \(minCell), withheld:\n" + routes.sorted().map(label).joined(separator: "\n")])
    }

    static func timeCurve(_ report: OutcomeReport, _ instrument: Instrument) -> SVGChart {
        let edges = report.inputs.parameters.curveBinsHours
        let all = report.timeCurves.filter { $0.instrument == instrument }, rows = all.filter { !$0.suppressed }
        let withheld = withheldCurvePoints(all, minCell: report.inputs.smallCells.minCell, unit: "intervals")
        let bins = max(1, edges.count - 1)
        let ticks = (0..<bins).map { (Double($0) + 0.5, bin(edges[$0], edges[$0 + 1])) }
        return SVGChart(
            title: "\(instrument.displayName): reduction by time since the first session",
            subtitle: "each course's last score in each interval; whiskers: 95 % CI of the mean",
            x: SVGChart.Axis(label: "time since the course's first session", range: 0...Double(bins), ticks: ticks),
            y: percentAxis(rows), style: .markers,
            series: curveSeries(rows) { row, offset, count in Double(row.point) + 0.5 + (Double(offset) - Double(count - 1) / 2) * 0.07 },
            reference: (report.inputs.parameters.responseThreshold, "response (≥ \(duration0(report.inputs.parameters.responseThreshold)) %)"),
            minCourses: report.inputs.chartMinCourses, emptyMessage: withheld.message, notes: withheld.notes)
    }

    static func sessionCurve(_ report: OutcomeReport, _ instrument: Instrument) -> SVGChart {
        let all = report.sessionCurves.filter { $0.instrument == instrument }, rows = all.filter { !$0.suppressed }
        let withheld = withheldCurvePoints(all, minCell: report.inputs.smallCells.minCell, unit: "sessions")
        let last = max(1, rows.map(\.point).max() ?? 1)
        let step = last <= 16 ? 1 : (last + 15) / 16
        let ticks = stride(from: 1, through: last, by: step).map { (Double($0), String($0)) }
        return SVGChart(
            title: "\(instrument.displayName): reduction by session",
            subtitle: "each course's last score after session k and up to session k + 1; whiskers: 95 % CI of the mean",
            x: SVGChart.Axis(label: "session number in the course", range: 0.5...(Double(last) + 0.5), ticks: ticks),
            y: percentAxis(rows), style: .markers,
            series: curveSeries(rows) { row, offset, count in Double(row.point) + (Double(offset) - Double(count - 1) / 2) * 0.07 },
            reference: (report.inputs.parameters.responseThreshold, "response (≥ \(duration0(report.inputs.parameters.responseThreshold)) %)"),
            minCourses: report.inputs.chartMinCourses, emptyMessage: withheld.message, notes: withheld.notes)
    }

    static func relief(_ report: OutcomeReport, _ instrument: Instrument) -> SVGChart {
        let end = max(24, report.inputs.parameters.followupDays * 24)
        let all = report.summaries.filter { $0.instrument == instrument && $0.kmCourses > 0 }, rows = all.filter { !$0.suppressed }
        let withheld = withheldCurves(all.filter(\.suppressed).map(\.route), shown: rows.count, minCell: report.inputs.smallCells.minCell)
        let series = rows.map { survivalSeries($0.route, courses: $0.kmCourses, $0.survival, x: hoursOnLogAxis) }
        let ticks = [1.0, 4, 24, 72, 168, 336, 672, 2016].filter { $0 <= end }.map { ($0, duration(hours: $0)) }
        return SVGChart(
            title: "\(instrument.displayName): time to relief",
            subtitle: "share of courses relieved (≥ \(duration0(report.inputs.parameters.reliefThreshold)) % reduction), Kaplan–Meier; band: 95 % CI",
            x: SVGChart.Axis(label: "time since the course's first session (log scale)", range: 1...end, ticks: ticks, logarithmic: true),
            y: SVGChart.Axis(label: "courses relieved", range: 0...1, ticks: stride(from: 0.0, through: 1, by: 0.25).map { ($0, NumberFormat.fixed($0 * 100, decimals: 0) + " %") }),
            style: .steps, series: series, reference: (0.5, "half relieved (median)"),
            emptyMessage: withheld.message, notes: withheld.notes)
    }

    /// One route's Kaplan–Meier curve drawn as 1 − S (the share with the event by then), its
    /// band flipped with it, `x` placing each time on the chart's axis.
    static func survivalSeries(_ route: Route, courses: Int, _ survival: KaplanMeier, x: (Int64) -> Double) -> SVGChart.Series {
        SVGChart.Series(name: "\(label(route)) (n=\(courses))", color: color(route), marker: route.order,
                        points: thinned(survival.rows.map { step in
                            SVGChart.Point(x: x(step.time), y: 1 - step.survival, low: 1 - step.ciHigh, high: 1 - step.ciLow)
                        }))
    }

    /// Seconds as hours on a log axis that starts at 1 h.
    static func hoursOnLogAxis(_ seconds: Int64) -> Double { max(1, Double(seconds) / 3600) }

    static func shareAxis(_ label: String) -> SVGChart.Axis {
        SVGChart.Axis(label: label, range: 0...1,
                      ticks: stride(from: 0.0, through: 1, by: 0.25).map { ($0, NumberFormat.fixed($0 * 100, decimals: 0) + " %") })
    }

    /// 1 − S of §11 against the session count: the share relieved by session k.
    static func sessionsToRelief(_ report: OutcomeReport, _ instrument: Instrument) -> SVGChart {
        let all = report.afterRelief.filter { $0.instrument == instrument && $0.kmCourses > 0 }, rows = all.filter { !$0.sessionsGroup.suppressed }
        let withheld = withheldCurves(all.filter(\.sessionsGroup.suppressed).map(\.route), shown: rows.count, minCell: report.inputs.smallCells.minCell)
        let last = max(2, rows.compactMap { $0.sessions.rows.last?.time }.max().map(Int.init) ?? 2)
        let step = last <= 16 ? 1 : (last + 15) / 16
        let series = rows.map { survivalSeries($0.route, courses: $0.kmCourses, $0.sessions) { Double($0) } }
        return SVGChart(
            title: "\(instrument.displayName): sessions to relief",
            subtitle: "share of courses relieved (≥ \(duration0(report.inputs.parameters.reliefThreshold)) % reduction) by session k, Kaplan–Meier; band: 95 % CI",
            x: SVGChart.Axis(label: "sessions started before the relief score", range: 0...Double(last + 1),
                             ticks: stride(from: 1, through: last + 1, by: step).map { (Double($0), String($0)) }),
            y: shareAxis("courses relieved"), style: .steps, series: series, reference: (0.5, "half relieved (median)"),
            emptyMessage: withheld.message, notes: withheld.notes)
    }

    /// 1 − S of §12 against the time since relief (log scale): the share that lost relief.
    static func reliefDuration(_ report: OutcomeReport, _ instrument: Instrument) -> SVGChart {
        let end = max(24, report.inputs.parameters.durabilityDays * 24)
        let all = report.afterRelief.filter { $0.instrument == instrument && $0.durationCourses > 0 }, rows = all.filter { !$0.durationGroup.suppressed }
        let withheld = withheldCurves(all.filter(\.durationGroup.suppressed).map(\.route), shown: rows.count, minCell: report.inputs.smallCells.minCell)
        let series = rows.map { survivalSeries($0.route, courses: $0.durationCourses, $0.duration, x: hoursOnLogAxis) }
        let ticks = [1.0, 24, 168, 672, 2016, 4368].filter { $0 <= end }.map { ($0, duration(hours: $0)) }
        return SVGChart(
            title: "\(instrument.displayName): how long relief lasts",
            subtitle: "share of relieved courses that lost relief (below \(duration0(report.inputs.parameters.lossThreshold)) % reduction), Kaplan–Meier; band: 95 % CI",
            x: SVGChart.Axis(label: "time since the relief score (log scale)", range: 1...end, ticks: ticks, logarithmic: true),
            y: shareAxis("courses that lost relief"), style: .steps, series: series, reference: (0.5, "half lost (median)"),
            emptyMessage: withheld.message, notes: withheld.notes)
    }

    /// A large clinic's curve has tens of thousands of steps, most closer together than a
    /// pixel: a step within 0.1 % of the previous kept one (in hours, on the log axis) moves that
    /// one's value instead of adding a point. The curve drawn is the same; the file is small.
    static func thinned(_ points: [SVGChart.Point]) -> [SVGChart.Point] {
        var kept: [SVGChart.Point] = []
        for point in points {
            if let last = kept.last, point.x <= last.x * 1.001 {
                kept[kept.count - 1] = SVGChart.Point(x: last.x, y: point.y, low: point.low, high: point.high)
            } else {
                kept.append(point)
            }
        }
        return kept
    }

    static func duration0(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : NumberFormat.fixed(value, decimals: 1)
    }
}
