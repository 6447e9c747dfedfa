/// report.md's parts that differ in a network's report (docs/network.md): the header names the
/// sites instead of export files, a "Sites" section compares each site with the network, and
/// data quality is counted per site (no file names: they stay at the sites).
extension MarkdownReport {
    static func networkHeader(_ report: OutcomeReport, _ network: NetworkSection, _ doc: inout ReportWriter) {
        title("Network report", report, localDates: " at each site", &doc)
        doc.paragraph(InlineText("Data: \(network.sites.count) site(s) published aggregates for the period (")
            + InlineText(network.sites.enumerated().flatMap { index, site -> [InlineText.Span] in
                (index == 0 ? [] : [.text(", ")]) + [.literal(site)]
            })
            + "). No patient row left a site; every figure is pooled exactly from the sites' counts, sums and event tables, "
            + "as one run over all their exports would give. Definitions are under \"How to read this\" at the end; parameters below it.")
    }

    static func sites(_ report: OutcomeReport, _ network: NetworkSection, charts: [String], _ doc: inout ReportWriter) {
        doc.heading(2, "Sites", startsPage: true)
        doc.paragraph("Each site's observed-case responder rate against the network's, with the 95 % and 99.8 % limits around the "
            + "network rate for the site's number of evaluable courses (a funnel plot, after Spiegelhalter 2005). A site outside "
            + "the 99.8 % limits differs from the network by more than chance would explain in about 1 comparison in 500; "
            + "case mix differs between sites, so read it as a question to ask, not a verdict (site_comparison.csv).")
        for instrument in Array(Set(network.comparison.map(\.instrument))).sorted() {
            doc.paragraph(.strong(instrument.displayName))
            let rows = network.comparison.filter { $0.instrument == instrument }
            doc.cells(["route", "site", "evaluable", "responders", "rate", "network rate", "95 % limits", "position"], rows.map { row in
                let hidden = row.suppressed
                func share(_ value: Double) -> String { doc.percent(value) }
                return [InlineText(doc.route(row.route)), .literal(row.site)] + [
                    doc.count(row.evaluable, hidden), doc.count(row.responders, hidden), hidden ? "—" : row.rate.map(share) ?? "—",
                    share(row.networkRate), share(row.limits95.low) + " – " + share(row.limits95.high),
                    row.position.map(\.words) ?? "—",
                ].map { InlineText($0) }
            }, rightAligned: Set(2...6))
            for route in Array(Set(rows.map(\.route))).sorted() where charts.contains(FunnelChart.fileName(instrument, route)) {
                doc.figure(FunnelChart.fileName(instrument, route), alt: "\(instrument.displayName), \(doc.route(route)): responder rate by site")
            }
        }
    }

    static func networkDataQuality(_ report: OutcomeReport, _ network: NetworkSection, _ doc: inout ReportWriter) {
        doc.heading(2, "Data quality")
        doc.paragraph("Every input row a site could not use, or flagged, counted per site, kind and reason (its values taken out) in "
            + InlineText([.code("data_quality_summary.csv")]) + "; the files and lines stay in each site's own reports. "
            + "Rejected rows do not count anywhere; duplicates are counted once; a corrected row replaces the one it supersedes.")
        let kinds = Array(Set(network.quality.flatMap { $0.counts.map(\.kind) })).sorted()
        doc.cells(["site"] + kinds, network.quality.map { site in
            [.literal(site.site)] + kinds.map { kind in InlineText(String(site.counts.filter { $0.kind == kind }.reduce(0) { $0 + $1.rows })) }
        }, rightAligned: Set(kinds.indices.map { $0 + 1 }))
        let totals = network.rowsByKind
        doc.table(["kind", "rows", "meaning"], totals.keys.sorted().map { kind in [kind, String(totals[kind]!), meaning(kind)] }, right: 1...1)
        doc.paragraph(InlineText("\(doc.count(report.mixedRouteCourses, true)) course(s) in the period used more than one route (")
            + InlineText([.code("mixed_route")]) + "); each is counted under the route of its first session.")
        let top = network.topReasons(10)
        if !top.isEmpty {
            doc.paragraph("Most frequent reasons for rejected rows:")
            doc.cells(["rows", "reason"], top.map { [InlineText(String($0.rows)), .literal($0.pattern)] }, rightAligned: [0])
        }
    }
}

extension SiteComparison.Position {
    /// How report.md says it.
    var words: String {
        switch self {
        case .above998: "above 99.8 %"
        case .above95: "above 95 %"
        case .within: "within"
        case .below95: "below 95 %"
        case .below998: "below 99.8 %"
        }
    }
}
