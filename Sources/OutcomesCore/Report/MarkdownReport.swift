import Foundation

/// report.md: what a clinic's medical director reads in five minutes. The period and data it
/// covers, who is counted, response and remission, time to relief, curves, the quarterly trend
/// and clinics, data quality, and how to read it all. No patient identifiers.
public enum MarkdownReport {
    public static func render(_ report: OutcomeReport, charts: [String]) -> String {
        var md = MarkdownText(smallCells: report.inputs.smallCells)
        header(report, &md)
        for instrument in Array(Set(report.summaries.map(\.instrument))).sorted() {
            section(instrument, report, charts: charts, &md)
        }
        if !report.safety.isEmpty { safety(report, &md) }
        if !report.boosters.isEmpty { boosters(report, &md) }
        if !report.summaries.isEmpty { publishedContext(report, &md) }
        if report.trend.count > 1 { trend(report, &md) }
        if !report.clinics.isEmpty { clinics(report, &md) }
        dataQuality(report, &md)
        howToRead(report, &md)
        parameters(report, &md)
        return md.text
    }

    // MARK: header

    static func header(_ report: OutcomeReport, _ md: inout MarkdownText) {
        let inputs = report.inputs
        md.line("# Outcome report: \(MarkdownLiteral.escaped(inputs.pipelineName)), \(inputs.period.name)")
        md.line()
        md.line("Run \(MarkdownText.time(inputs.runTime)) by outcomes \(ProgramVersion.string). "
            + "Period: \(inputs.period.description) (index session's local date, \(inputs.timezone)). "
            + "Minimum cell size: \(inputs.smallCells.minCell == 0 ? "off" : String(inputs.smallCells.minCell)).")
        md.line()
        let byRoute = Dictionary(grouping: report.periodCourses, by: \.route)
        // Counts of courses are masked when small, like the rows they total: the per-route ones are the rows' `courses`.
        let parts = Route.allCases.sorted().compactMap { route in byRoute[route].map { "\(route.rawValue) \(md.count($0.count, true))" } }
        md.line("**\(md.count(report.courseCount, true)) treatment courses** in the period"
            + (parts.isEmpty ? "." : " (\(parts.joined(separator: ", "))).")
            + " A course is a run of sessions no more than \(MarkdownText.number(inputs.parameters.courseGapDays)) days apart, "
            + "counted under the route of its first session.")
        md.line()
        let records = inputs.files.reduce(0) { $0 + $1.records }, stored = inputs.files.reduce(0) { $0 + $1.stored }
        let rejected = inputs.files.reduce(0) { $0 + $1.rejected }
        md.line("Data: \(inputs.files.count) export file(s) read so far, \(records) records, \(stored) in use, \(rejected) rejected "
            + "(see Data quality). Definitions are under \"How to read this\" at the end; parameters below it.")
        md.line()
    }

    // MARK: per instrument

    static func section(_ instrument: Instrument, _ report: OutcomeReport, charts: [String], _ md: inout MarkdownText) {
        let rows = report.summaries.filter { $0.instrument == instrument }
        let p = report.inputs.parameters
        md.line("## \(instrument.displayName)")
        md.line()
        md.line("### Who is counted")
        md.line()
        md.table(["route", "courses", "with baseline", "baseline > 0 and follow-up", "evaluable at endpoint"],
                 rows.map { r in [md.route(r.route), md.count(r.courses, r.suppressed), md.count(r.withBaseline, r.suppressed),
                                  md.count(r.kmCourses, r.suppressed), md.count(r.evaluable, r.suppressed)] },
                 right: 1...4)
        md.line()
        md.line("### Response and remission at endpoint (day \(MarkdownText.number(p.endpointStartDays))–\(MarkdownText.number(p.endpointEndDays)))")
        md.line()
        md.table(["route", "evaluable", "responders (95 % CI)", "intention to treat (95 % CI)", "remitters (95 % CI)", "mean baseline"],
                 rows.map { r in [md.route(r.route), md.count(r.evaluable, r.suppressed), md.rate(r.responderRate, r.suppressed),
                                  md.rate(r.ittRate, r.suppressed), md.rate(r.remissionRate, r.suppressed),
                                  r.suppressed ? "—" : r.meanBaseline.map { NumberFormat.fixed($0, decimals: 1) } ?? "—"] },
                 right: 1...5)
        md.line()
        md.line("Responders: ≥ \(MarkdownText.number(p.responseThreshold)) % reduction from baseline at the endpoint, among evaluable "
            + "courses. Intention to treat: the same responders among every course with a baseline. Remitters: endpoint total ≤ "
            + "\(p.remissionCutoff(instrument)).")
        md.line()
        md.line("### Time to relief (≥ \(MarkdownText.number(p.reliefThreshold)) % reduction)")
        md.line()
        md.table(["route", "courses in analysis", "relieved", "median time to relief", "95 % CI (hours)", "by 24 h", "by 7 days", "by 28 days"],
                 rows.map { r in
                     [md.route(r.route), md.count(r.kmCourses, r.suppressed), md.count(r.reliefEvents, r.suppressed),
                      median(r), medianInterval(r), md.share(r.relievedBy?[0], r.suppressed), md.share(r.relievedBy?[1], r.suppressed),
                      md.share(r.relievedBy?[2], r.suppressed)]
                 }, right: 1...7)
        md.line()
        let key = instrument.rawValue.lowercased()
        for (file, alt) in [("time_to_relief_\(key).svg", "time to relief by route"),
                            ("response_curve_\(key).svg", "reduction by time since the first session"),
                            ("session_curve_\(key).svg", "reduction by session")] where charts.contains(file) {
            md.line("![\(instrument.displayName): \(alt)](\(file))")
            md.line()
        }
        afterRelief(instrument, report, charts: charts, &md)
    }

    /// "71.8 h (3.0 d)": hours for the fast routes, days for the slow ones, both always.
    static func median(_ r: RouteSummary) -> String {
        guard !r.suppressed, r.kmCourses > 0 else { return "—" }
        guard let median = r.median else { return "not reached" }
        let hours = Double(median) / 3600
        return NumberFormat.fixed(hours, decimals: 1) + " h (" + NumberFormat.fixed(hours / 24, decimals: 1) + " d)"
    }

    static func medianInterval(_ r: RouteSummary) -> String {
        guard !r.suppressed, r.kmCourses > 0 else { return "—" }
        func hours(_ seconds: Int64?) -> String { seconds.map { NumberFormat.fixed(Double($0) / 3600, decimals: 1) } ?? "not reached" }
        return hours(r.medianInterval.low) + " – " + hours(r.medianInterval.high) + (r.medianInterval.high == nil ? "" : " h")
    }

    // MARK: breakdowns

    static func trend(_ report: OutcomeReport, _ md: inout MarkdownText) {
        md.line("## Trend: responders by quarter")
        md.line()
        md.line("Observed-case responder rate (responders / evaluable) of the courses that began in each quarter; "
            + "the last column is this report's quarter. · no course of that route began in the quarter.")
        md.line()
        let quarters = report.trend.map(\.quarter)
        for instrument in Array(Set(report.summaries.map(\.instrument))).sorted() {
            md.line("**\(instrument.displayName)**")
            md.line()
            let routes = Array(Set(report.trend.flatMap { $0.summaries.filter { $0.instrument == instrument }.map(\.route) })).sorted()
            md.table(["route"] + quarters.map(\.description), routes.map { route in
                [md.route(route)] + report.trend.map { entry in
                    guard let r = entry.summaries.first(where: { $0.instrument == instrument && $0.route == route }) else { return "·" }
                    return md.compactRate(r.responderRate, r.suppressed)
                }
            }, right: 1...max(1, quarters.count))
            md.line()
        }
    }

    static func clinics(_ report: OutcomeReport, _ md: inout MarkdownText) {
        md.line("## By clinic")
        md.line()
        md.line("Courses are assigned to the clinic of their first session.")
        md.line()
        for instrument in Array(Set(report.summaries.map(\.instrument))).sorted() {
            md.line("**\(instrument.displayName)**")
            md.line()
            var rows: [[String]] = []
            for (clinic, summaries) in report.clinics {
                for r in summaries where r.instrument == instrument {
                    rows.append([MarkdownLiteral.escaped(clinic), md.route(r.route), md.count(r.courses, r.suppressed),
                                 md.count(r.evaluable, r.suppressed), md.rate(r.responderRate, r.suppressed),
                                 md.rate(r.remissionRate, r.suppressed)])
                }
            }
            md.table(["clinic", "route", "courses", "evaluable", "responders (95 % CI)", "remitters (95 % CI)"], rows, right: 2...5)
            md.line()
        }
    }

    // MARK: data quality

    static func dataQuality(_ report: OutcomeReport, _ md: inout MarkdownText) {
        let inputs = report.inputs
        md.line("## Data quality")
        md.line()
        md.line((inputs.smallCells.minCell > 0
                 ? "Every input row that could not be used, or that was flagged, is counted per file, kind and reason (its values "
                   + "taken out) in `data_quality_summary.csv`; the list by row, `data_quality.csv`, stays in the clinic's own reports. "
                 : "Every input row that could not be used, or that was flagged, is listed with its file and line in "
                   + "`data_quality.csv` (counted per file, kind and reason in `data_quality_summary.csv`). ")
            + "Rejected rows do not count anywhere; duplicates are counted once; a corrected row replaces the one it supersedes.")
        md.line()
        md.table(["file", "kind", "records", "stored", "superseded", "duplicates", "skipped", "rejected"],
                 inputs.files.map { f in
                     [MarkdownLiteral.escaped(f.path), f.kind + (f.form.map { $0 == f.kind ? "" : " (\($0))" } ?? ""), String(f.records), String(f.stored),
                      String(f.superseded), String(f.duplicates), String(f.skipped), String(f.rejected)]
                 }, right: 2...7)
        md.line()
        let kinds = inputs.dataQuality.rowsByKind
        md.table(["kind", "rows", "meaning"], kinds.keys.sorted().map { kind in [kind, String(kinds[kind]!), meaning(kind)] }, right: 1...1)
        md.line()
        md.line("\(md.count(report.mixedRouteCourses, true)) course(s) in the period used more than one route (`mixed_route`); each is counted under "
            + "the route of its first session.")
        md.line()
        let top = inputs.dataQuality.topReasons(10)
        if !top.isEmpty {
            md.line("Most frequent reasons for rejected rows:")
            md.line()
            md.table(["rows", "reason", "first seen"], top.map { reason in
                [String(reason.rows), MarkdownLiteral.escaped(reason.pattern), MarkdownLiteral.escaped("\(reason.first.file) line \(reason.first.line)")]
            }, right: 0...0)
            md.line()
        }
    }

    static func meaning(_ kind: String) -> String {
        switch kind {
        case "rejected": "could not be used (the reason says why); not counted"
        case "duplicate": "the same record again (overlapping exports); counted once"
        case "superseded": "replaced by a later correction; the later row counts"
        case "skipped": "REDCap form not marked complete; not counted"
        case "prorated": "total prorated from the answered items"
        case "mixed_route": "a session by another route than its course's first session"
        case "unrecognised_file": "a file whose header matches no export form"
        default: ""
        }
    }

    /// A reason with its particular values masked, so that like reasons group together and no
    /// raw value (which could be a misplaced identifier) reaches the report: quoted values
    /// become '…' and free-standing numbers N.
    public static func pattern(_ reason: String) -> String { ReasonClass.of(reason) }

    // MARK: parameters

    static func parameters(_ report: OutcomeReport, _ md: inout MarkdownText) {
        let p = report.inputs.parameters
        let n = MarkdownText.number
        md.line("## Parameters")
        md.line()
        let cutoffs = Instrument.allCases.sorted().map { "\($0.displayName) \(p.remissionCutoff($0))" }.joined(separator: ", ")
        let missing = Instrument.allCases.sorted().map { "\($0.displayName) \(p.scoring.maxMissingItems[$0] ?? $0.defaultMaxMissingItems)" }
            .joined(separator: ", ")
        md.table(["parameter", "value"], [
            ["relief_threshold", n(p.reliefThreshold) + " %"], ["response_threshold", n(p.responseThreshold) + " %"],
            ["course_gap_days", n(p.courseGapDays)], ["baseline_window_days", n(p.baselineWindowDays)],
            ["followup_days", n(p.followupDays)], ["endpoint_start_days … endpoint_end_days", "\(n(p.endpointStartDays)) … \(n(p.endpointEndDays))"],
            ["curve_bins_hours", p.curveBinsHours.map(n).joined(separator: ", ")], ["remission_cutoff", cutoffs],
            ["max_missing_items", missing],
            ["durability_days", n(p.durabilityDays)], ["loss_threshold", n(p.lossThreshold) + " %"], ["induction_days", n(p.inductionDays)],
            ["reliable_change", Instrument.allCases.sorted().map { "\($0.displayName) \(p.reliableChange($0))" }.joined(separator: ", ")],
            ["caseness", Instrument.allCases.sorted().map { "\($0.displayName) \(p.caseness($0))" }.joined(separator: ", ")],
            ["min_cell", String(report.inputs.smallCells.minCell)], ["chart_min_courses", String(report.inputs.chartMinCourses)],
            ["timezone", report.inputs.timezone],
        ])
        md.line()
    }

    // MARK: definitions

    static func howToRead(_ report: OutcomeReport, _ md: inout MarkdownText) {
        let p = report.inputs.parameters
        let n = MarkdownText.number
        md.line("## How to read this")
        md.line()
        md.line("- **Baseline**: the last score in the \(n(p.baselineWindowDays)) days up to and including the course's first session. "
            + "A course without one cannot show change; a baseline of 0 cannot show a reduction.")
        md.line("- **Follow-up**: scores after the first session, up to \(n(p.followupDays)) days and before the patient's next course.")
        md.line("- **Endpoint**: the last follow-up between day \(n(p.endpointStartDays)) and day \(n(p.endpointEndDays)). "
            + "**Evaluable**: a baseline above 0 and an endpoint score.")
        md.line("- **Responder**: ≥ \(n(p.responseThreshold)) % reduction at the endpoint. **Remitter**: endpoint total at or below "
            + "the remission cutoff (GAD-7 ≤ \(p.remissionCutoff(.gad7)), PHQ-9 ≤ \(p.remissionCutoff(.phq9)), HAM-A ≤ \(p.remissionCutoff(.hama))).")
        md.line("- **Time to relief**: hours from the first session to the first score ≥ \(n(p.reliefThreshold)) % below baseline. "
            + "Courses never relieved count as followed up to their last score (Kaplan–Meier); the median is the time by which half "
            + "are relieved, \"not reached\" when fewer than half ever are.")
        md.line("- **Sessions to relief**: the sessions started before the relief score, on the same Kaplan–Meier rules. "
            + "**How long relief lasts**: from the relief score to the first later score (up to day \(n(p.durabilityDays)) after the first "
            + "session) below \(n(p.lossThreshold)) % reduction; courses still relieved count as followed up to their last score.")
        md.line("- **Reliable change**: a change of at least the instrument's reliable-change points; **recovery**: at caseness at "
            + "baseline and below it at the endpoint (the NHS Talking Therapies definitions for PHQ-9 and GAD-7; HAM-A's are this "
            + "project's defaults). **Boosters**: sessions later than day \(n(p.inductionDays)) of the course.")
        md.line("- **95 % CI**: Wilson intervals for rates, log(−log) Greenwood intervals for time to relief, Student t for mean reductions. "
            + "Small groups give wide intervals: compare routes with care.")
        if report.inputs.smallCells.minCell > 0 {
            md.line("- **<\(report.inputs.smallCells.minCell)** and **—**: a row with a count from 1 to \(report.inputs.smallCells.minCell - 1) "
                + "is suppressed to protect patients; its small counts and all its rates are withheld. In the tables of sessions to "
                + "relief, relief duration, reliable change, safety and boosters this is done per group of figures (a count and "
                + "the rates and medians that rest on it), so that one rare count does not blank its whole row.")
        }
        md.line("- Figures come from the analysis rules in the project's docs/analysis.md; every table here is also a CSV file in this folder.")
        md.line()
    }
}

/// A Markdown text being written, with the report's ways of showing counts and rates.
struct MarkdownText {
    let smallCells: SmallCells
    var text = ""

    init(smallCells: SmallCells) { self.smallCells = smallCells }

    mutating func line(_ value: String = "") { text += value + "\n" }

    mutating func table(_ header: [String], _ rows: [[String]], right: ClosedRange<Int>) {
        table(header, rows, rightAligned: Set(right))
    }

    /// A table whose columns at `rightAligned` (numbers) are aligned right.
    mutating func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) {
        let right = rightAligned
        line("| " + header.joined(separator: " | ") + " |")
        line("|" + header.indices.map { right.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|")
        for row in rows { line("| " + row.joined(separator: " | ") + " |") }
    }

    func route(_ route: Route) -> String { ReportCharts.label(route) }

    func count(_ value: Int, _ suppressed: Bool = false) -> String {
        suppressed && smallCells.isSmall(value) ? "<\(smallCells.minCell)" : String(value)
    }

    func percent(_ value: Double) -> String { NumberFormat.fixed(value * 100, decimals: 1) + " %" }

    func rate(_ rate: Rate, _ suppressed: Bool) -> String {
        if suppressed {
            return "\(count(rate.numerator, true)) / \(count(rate.denominator, true)) (—)"
        }
        guard let value = rate.value, let ci = rate.interval else { return "0 / 0" }
        return "\(rate.numerator) / \(rate.denominator) (\(percent(value)); \(NumberFormat.fixed(ci.low * 100, decimals: 1))–\(percent(ci.high)))"
    }

    func compactRate(_ rate: Rate, _ suppressed: Bool) -> String {
        if suppressed { return "— (\(count(rate.numerator, true))/\(count(rate.denominator, true)))" }
        guard let value = rate.value else { return "—" }
        return "\(percent(value)) (\(rate.numerator)/\(rate.denominator))"
    }

    func share(_ value: Double?, _ suppressed: Bool) -> String {
        guard !suppressed, let value else { return "—" }
        return percent(value)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : NumberFormat.fixed(value, decimals: 1)
    }

    static func time(_ seconds: Int64) -> String {
        let iso = CivilTime.isoUTC(seconds)
        return String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }
}
