import Foundation

/// report.md: what a clinic's medical director reads in five minutes. The period and data it
/// covers, who is counted, response and remission, time to relief, curves, the quarterly trend
/// and clinics, data quality, and how to read it all. No patient identifiers.
public enum MarkdownReport {
    public static func render(_ report: OutcomeReport, charts: [String]) -> String {
        MarkdownRenderer.render(document(report, charts: charts))
    }

    /// The report's blocks, which report.md and report.html both render.
    public static func document(_ report: OutcomeReport, charts: [String]) -> ReportDocument {
        var doc = ReportWriter(smallCells: report.inputs.smallCells)
        if let network = report.network { networkHeader(report, network, &doc) } else { header(report, &doc) }
        doc.blocks += AtAGlance.blocks(report.summaries.map(GlanceFigures.init), smallCells: report.inputs.smallCells)
        for instrument in Array(Set(report.summaries.map(\.instrument))).sorted() {
            section(instrument, report, charts: charts, &doc)
        }
        if !report.safety.isEmpty { safety(report, &doc) }
        if !report.boosters.isEmpty { boosters(report, &doc) }
        if !report.summaries.isEmpty { publishedContext(report, &doc) }
        if report.trend.count > 1 { trend(report, &doc) }
        if !report.clinics.isEmpty { clinics(report, &doc) }
        if let network = report.network {
            sites(report, network, charts: charts, &doc)
            networkDataQuality(report, network, &doc)
        } else {
            dataQuality(report, &doc)
        }
        howToRead(report, &doc)
        parameters(report, &doc)
        return doc.document
    }

    // MARK: header

    static func header(_ report: OutcomeReport, _ doc: inout ReportWriter) {
        let inputs = report.inputs
        title("Outcome report", report, localDates: ", \(inputs.timezone)", &doc)
        let records = inputs.files.reduce(0) { $0 + $1.records }, stored = inputs.files.reduce(0) { $0 + $1.stored }
        let rejected = inputs.files.reduce(0) { $0 + $1.rejected }
        doc.paragraph("Data: \(inputs.files.count) export file(s) read so far, \(records) records, \(stored) in use, \(rejected) rejected "
            + "(see Data quality). Definitions are under \"How to read this\" at the end; parameters below it.")
    }

    /// The title, the run's paragraph (time, period, whose local dates, minimum cell size) and
    /// the courses' paragraph: a clinic's and a network's header begin alike.
    static func title(_ kind: String, _ report: OutcomeReport, localDates: String, _ doc: inout ReportWriter) {
        let inputs = report.inputs
        doc.heading(1, InlineText(kind + ": ") + .literal(inputs.pipelineName) + InlineText(", \(inputs.period.name)"))
        doc.paragraph("Run \(ReportWriter.time(inputs.runTime)) by outcomes \(ProgramVersion.string). "
            + "Period: \(inputs.period.description) (index session's local date\(localDates)). "
            + "Minimum cell size: \(inputs.smallCells.minCell == 0 ? "off" : String(inputs.smallCells.minCell)).")
        coursesParagraph(report, &doc)
    }

    /// "N treatment courses in the period (IV n, …)", masked when small.
    static func coursesParagraph(_ report: OutcomeReport, _ doc: inout ReportWriter) {
        let inputs = report.inputs
        // Counts of courses are masked when small, like the rows they total: the per-route ones are the rows' `courses`.
        let parts = Route.allCases.sorted().compactMap { route in report.coursesByRoute[route].map { "\(route.rawValue) \(doc.count($0, true))" } }
        doc.paragraph(.strong("\(doc.count(report.courseCount, true)) treatment courses") + InlineText(" in the period"
            + (parts.isEmpty ? "." : " (\(parts.joined(separator: ", "))).")
            + " A course is a run of sessions no more than \(ReportWriter.number(inputs.parameters.courseGapDays)) days apart, "
            + "counted under the route of its first session."))
    }

    // MARK: per instrument

    static func section(_ instrument: Instrument, _ report: OutcomeReport, charts: [String], _ doc: inout ReportWriter) {
        let rows = report.summaries.filter { $0.instrument == instrument }
        let p = report.inputs.parameters
        doc.heading(2, instrument.displayName, startsPage: true)
        doc.heading(3, "Who is counted")
        doc.table(["route", "courses", "with baseline", "baseline > 0 and follow-up", "evaluable at endpoint"],
                 rows.map { r in [doc.route(r.route), doc.count(r.courses, r.suppressed), doc.count(r.withBaseline, r.suppressed),
                                  doc.count(r.kmCourses, r.suppressed), doc.count(r.evaluable, r.suppressed)] },
                 right: 1...4)
        baselineSeverity(instrument, report, &doc)
        doc.heading(3, "Response and remission at endpoint (day \(ReportWriter.number(p.endpointStartDays))–\(ReportWriter.number(p.endpointEndDays)))")
        doc.table(["route", "evaluable", "responders (95 % CI)", "intention to treat (95 % CI)", "remitters (95 % CI)", "mean baseline"],
                 rows.map { r in [doc.route(r.route), doc.count(r.evaluable, r.suppressed), doc.rate(r.responderRate, r.suppressed),
                                  doc.rate(r.ittRate, r.suppressed), doc.rate(r.remissionRate, r.suppressed),
                                  r.suppressed ? "—" : r.meanBaseline.map { NumberFormat.fixed($0, decimals: 1) } ?? "—"] },
                 right: 1...5)
        doc.paragraph("Responders: ≥ \(ReportWriter.number(p.responseThreshold)) % reduction from baseline at the endpoint, among evaluable "
            + "courses. Intention to treat: the same responders among every course with a baseline. Remitters: endpoint total ≤ "
            + "\(p.remissionCutoff(instrument)).")
        doc.heading(3, "Time to relief (≥ \(ReportWriter.number(p.reliefThreshold)) % reduction)")
        doc.table(["route", "courses in analysis", "relieved", "median time to relief", "95 % CI (hours)", "by 24 h", "by 7 days", "by 28 days"],
                 rows.map { r in
                     [doc.route(r.route), doc.count(r.kmCourses, r.suppressed), doc.count(r.reliefEvents, r.suppressed),
                      median(r), medianInterval(r), doc.share(r.relievedBy?[0], r.suppressed), doc.share(r.relievedBy?[1], r.suppressed),
                      doc.share(r.relievedBy?[2], r.suppressed)]
                 }, right: 1...7)
        let key = instrument.rawValue.lowercased()
        for (file, alt) in [("time_to_relief_\(key).svg", "time to relief by route"),
                            ("response_curve_\(key).svg", "reduction by time since the first session"),
                            ("session_curve_\(key).svg", "reduction by session")] where charts.contains(file) {
            doc.figure(file, alt: "\(instrument.displayName): \(alt)")
        }
        afterRelief(instrument, report, charts: charts, &doc)
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

    static func trend(_ report: OutcomeReport, _ doc: inout ReportWriter) {
        doc.heading(2, "Trend: responders by quarter")
        doc.paragraph("Observed-case responder rate (responders / evaluable) of the courses that began in each quarter; "
            + "the last column is this report's quarter. · no course of that route began in the quarter.")
        let quarters = report.trend.map(\.quarter)
        for instrument in Array(Set(report.summaries.map(\.instrument))).sorted() {
            doc.paragraph(.strong(instrument.displayName))
            let routes = Array(Set(report.trend.flatMap { $0.summaries.filter { $0.instrument == instrument }.map(\.route) })).sorted()
            doc.table(["route"] + quarters.map(\.description), routes.map { route in
                [doc.route(route)] + report.trend.map { entry in
                    guard let r = entry.summaries.first(where: { $0.instrument == instrument && $0.route == route }) else { return "·" }
                    return doc.compactRate(r.responderRate, r.suppressed)
                }
            }, right: 1...max(1, quarters.count))
        }
    }

    static func clinics(_ report: OutcomeReport, _ doc: inout ReportWriter) {
        doc.heading(2, "By clinic")
        doc.paragraph("Courses are assigned to the clinic of their first session.")
        for instrument in Array(Set(report.summaries.map(\.instrument))).sorted() {
            doc.paragraph(.strong(instrument.displayName))
            var rows: [[InlineText]] = []
            for (clinic, summaries) in report.clinics {
                for r in summaries where r.instrument == instrument {
                    rows.append([.literal(clinic)] + [doc.route(r.route), doc.count(r.courses, r.suppressed),
                                 doc.count(r.evaluable, r.suppressed), doc.rate(r.responderRate, r.suppressed),
                                 doc.rate(r.remissionRate, r.suppressed)].map { InlineText($0) })
                }
            }
            doc.cells(["clinic", "route", "courses", "evaluable", "responders (95 % CI)", "remitters (95 % CI)"], rows, rightAligned: Set(2...5))
        }
    }

    // MARK: data quality

    static func dataQuality(_ report: OutcomeReport, _ doc: inout ReportWriter) {
        let inputs = report.inputs
        doc.heading(2, "Data quality")
        doc.paragraph((inputs.smallCells.minCell > 0
                 ? "Every input row that could not be used, or that was flagged, is counted per file, kind and reason (its values "
                   + "taken out) in " + InlineText([.code("data_quality_summary.csv")]) + "; the list by row, "
                   + InlineText([.code("data_quality.csv")]) + ", stays in the clinic's own reports. "
                 : "Every input row that could not be used, or that was flagged, is listed with its file and line in "
                   + InlineText([.code("data_quality.csv")]) + " (counted per file, kind and reason in "
                   + InlineText([.code("data_quality_summary.csv")]) + "). ")
            + "Rejected rows do not count anywhere; duplicates are counted once; a corrected row replaces the one it supersedes.")
        doc.cells(["file", "kind", "records", "stored", "superseded", "duplicates", "skipped", "rejected"],
                 inputs.files.map { f in
                     [.literal(f.path)] + [f.kind + (f.form.map { $0 == f.kind ? "" : " (\($0))" } ?? ""), String(f.records), String(f.stored),
                      String(f.superseded), String(f.duplicates), String(f.skipped), String(f.rejected)].map { InlineText($0) }
                 }, rightAligned: Set(2...7))
        let kinds = inputs.dataQuality.rowsByKind
        doc.table(["kind", "rows", "meaning"], kinds.keys.sorted().map { kind in [kind, String(kinds[kind]!), meaning(kind)] }, right: 1...1)
        doc.paragraph(InlineText("\(doc.count(report.mixedRouteCourses, true)) course(s) in the period used more than one route (")
            + InlineText([.code("mixed_route")]) + "); each is counted under the route of its first session.")
        let top = inputs.dataQuality.topReasons(10)
        if !top.isEmpty {
            doc.paragraph("Most frequent reasons for rejected rows:")
            // The row a reason was first seen on points into the clinic's exports: a folder that
            // leaves the clinic (min_cell > 0) has no row-level pointer.
            if inputs.smallCells.minCell > 0 {
                doc.cells(["rows", "reason"], top.map { [InlineText(String($0.rows)), .literal($0.pattern)] }, rightAligned: [0])
            } else {
                doc.cells(["rows", "reason", "first seen"], top.map { reason in
                    [InlineText(String(reason.rows)), .literal(reason.pattern), .literal("\(reason.first.file) line \(reason.first.line)")]
                }, rightAligned: [0])
            }
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

    static func parameters(_ report: OutcomeReport, _ doc: inout ReportWriter) {
        let p = report.inputs.parameters
        let n = ReportWriter.number
        doc.heading(2, "Parameters")
        let cutoffs = Instrument.allCases.sorted().map { "\($0.displayName) \(p.remissionCutoff($0))" }.joined(separator: ", ")
        let missing = Instrument.allCases.sorted().map { "\($0.displayName) \(p.scoring.maxMissingItems[$0] ?? $0.defaultMaxMissingItems)" }
            .joined(separator: ", ")
        doc.table(["parameter", "value"], [
            ["relief_threshold", n(p.reliefThreshold) + " %"], ["response_threshold", n(p.responseThreshold) + " %"],
            ["course_gap_days", n(p.courseGapDays)], ["baseline_window_days", n(p.baselineWindowDays)],
            ["followup_days", n(p.followupDays)], ["endpoint_start_days … endpoint_end_days", "\(n(p.endpointStartDays)) … \(n(p.endpointEndDays))"],
            ["curve_bins_hours", p.curveBinsHours.map(n).joined(separator: ", ")], ["remission_cutoff", cutoffs],
            ["max_missing_items", report.network == nil ? missing : "each site's own (an ingest setting)"],
            ["durability_days", n(p.durabilityDays)], ["loss_threshold", n(p.lossThreshold) + " %"], ["induction_days", n(p.inductionDays)],
            ["reliable_change", Instrument.allCases.sorted().map { "\($0.displayName) \(p.reliableChange($0))" }.joined(separator: ", ")],
            ["caseness", Instrument.allCases.sorted().map { "\($0.displayName) \(p.caseness($0))" }.joined(separator: ", ")],
            ["min_cell", String(report.inputs.smallCells.minCell)], ["chart_min_courses", String(report.inputs.chartMinCourses)],
            ["timezone", report.network == nil ? report.inputs.timezone : "each site's own (index dates are local to the site)"],
        ])
    }

    // MARK: definitions

    static func howToRead(_ report: OutcomeReport, _ doc: inout ReportWriter) {
        let p = report.inputs.parameters
        let n = ReportWriter.number
        doc.heading(2, "How to read this")
        var items: [String] = []
        items.append("**Baseline**: the last score in the \(n(p.baselineWindowDays)) days up to and including the course's first session. "
            + "A course without one cannot show change; a baseline of 0 cannot show a reduction.")
        items.append("**Follow-up**: scores after the first session, up to \(n(p.followupDays)) days and before the patient's next course.")
        items.append("**Endpoint**: the last follow-up between day \(n(p.endpointStartDays)) and day \(n(p.endpointEndDays)). "
            + "**Evaluable**: a baseline above 0 and an endpoint score.")
        items.append("**Responder**: ≥ \(n(p.responseThreshold)) % reduction at the endpoint. **Remitter**: endpoint total at or below "
            + "the remission cutoff (GAD-7 ≤ \(p.remissionCutoff(.gad7)), PHQ-9 ≤ \(p.remissionCutoff(.phq9)), HAM-A ≤ \(p.remissionCutoff(.hama))).")
        items.append("**Time to relief**: hours from the first session to the first score ≥ \(n(p.reliefThreshold)) % below baseline. "
            + "Courses never relieved count as followed up to their last score (Kaplan–Meier); the median is the time by which half "
            + "are relieved, \"not reached\" when fewer than half ever are.")
        items.append("**Sessions to relief**: the sessions started before the relief score, on the same Kaplan–Meier rules. "
            + "**How long relief lasts**: from the relief score to the first later score (up to day \(n(p.durabilityDays)) after the first "
            + "session) below \(n(p.lossThreshold)) % reduction; courses still relieved count as followed up to their last score.")
        items.append("**Reliable change**: a change of at least the instrument's reliable-change points; **recovery**: at caseness at "
            + "baseline and below it at the endpoint (the NHS Talking Therapies definitions for PHQ-9 and GAD-7; HAM-A's are this "
            + "project's defaults). **Boosters**: sessions later than day \(n(p.inductionDays)) of the course.")
        items.append("**95 % CI**: Wilson intervals for rates, log(−log) Greenwood intervals for time to relief, Student t for mean reductions. "
            + "Small groups give wide intervals: compare routes with care.")
        if report.inputs.smallCells.minCell > 0 {
            items.append("**<\(report.inputs.smallCells.minCell)** and **—**: a row with a count from 1 to \(report.inputs.smallCells.minCell - 1) "
                + "is suppressed to protect patients; its small counts and all its rates are withheld. In the tables of sessions to "
                + "relief, relief duration, reliable change, safety and boosters this is done per group of figures (a count and "
                + "the rates and medians that rest on it), so that one rare count does not blank its whole row.")
        }
        items.append("Figures come from the analysis rules in the project's docs/analysis.md; every table here is also a CSV file in this folder.")
        doc.list(items.map(InlineText.emphasised))
    }
}
