/// The files of the report directory rendered from one computed report: all but
/// data_quality.csv and exclusions.csv, which the stage writes a row at a time (they can have a
/// million rows) and only with min_cell 0.
/// One registry: the names here are also what the folder rules know as the report's own.
public enum ReportFiles {
    /// Each table file and the renderer that writes it, in the order of interface.md.
    static let tables: [(name: String, render: @Sendable (OutcomeReport) -> String)] = [
        ("route_summary.csv", { ReportCSV.routeSummary($0.summaries, smallCells: $0.inputs.smallCells) }),
        ("response_curves.csv", { ReportCSV.curves($0.timeCurves, kind: .time, smallCells: $0.inputs.smallCells) }),
        ("session_curves.csv", { ReportCSV.curves($0.sessionCurves, kind: .session, smallCells: $0.inputs.smallCells) }),
        ("time_to_relief.csv", { ReportCSV.timeToRelief($0.summaries) }),
        ("sessions_to_relief.csv", { SurvivalTableCSV.sessionsToRelief($0.afterRelief) }),
        ("relief_duration.csv", { SurvivalTableCSV.reliefDuration($0.afterRelief) }),
        ("after_relief.csv", { AfterReliefCSV.render($0.afterRelief, smallCells: $0.inputs.smallCells) }),
        ("reliable_change.csv", { ReliableChangeCSV.render($0.reliableChange, smallCells: $0.inputs.smallCells) }),
        ("safety.csv", { SafetyCSV.render($0.safety, smallCells: $0.inputs.smallCells) }),
        ("boosters.csv", { BoostersCSV.render($0.boosters, smallCells: $0.inputs.smallCells) }),
        ("by_clinic.csv", { ByClinicCSV.render($0.clinics, smallCells: $0.inputs.smallCells) }),
        ("baseline_severity.csv", { BaselineSeverityCSV.render($0.baselineSeverity, smallCells: $0.inputs.smallCells) }),
        ("data_quality_summary.csv", { report in
            report.network.map(DataQualitySummaryCSV.render) ?? DataQualitySummaryCSV.render(report.inputs.dataQuality)
        }),
    ]

    /// The files with a fixed name besides the tables (the first two, row-level, only in a
    /// report with min_cell 0).
    static let otherNames = ["data_quality.csv", "exclusions.csv", "report.md", "report.html", "manifest.json"]

    public static func render(_ report: OutcomeReport) -> [(name: String, contents: String)] {
        var files = tables.map { (name: $0.name, contents: $0.render(report)) }
        var charts = ReportCharts.all(report).map { (name: $0.name, svg: $0.svg) }
        if let network = report.network {
            // A network's own: each site against the network (docs/network.md).
            files.append(("site_comparison.csv", SiteComparison.csv(network.comparison, smallCells: report.inputs.smallCells)))
            charts += FunnelChart.all(network.comparison)
        }
        files += charts.map { ($0.name, $0.svg) }
        let document = MarkdownReport.document(report, charts: charts.map(\.name))
        files.append(("report.md", MarkdownRenderer.render(document)))
        files.append(("report.html", HTMLReport.render(document, charts: Dictionary(charts.map { ($0.name, $0.svg) }, uniquingKeysWith: { a, _ in a }))))
        return files.sorted { $0.name < $1.name }
    }
}
