/// The files of the report directory rendered from one computed report: all but
/// data_quality.csv, which the stage writes a row at a time (it can have a million rows).
public enum ReportFiles {
    public static func render(_ report: OutcomeReport) -> [(name: String, contents: String)] {
        let cells = report.inputs.smallCells
        var files: [(name: String, contents: String)] = [
            ("route_summary.csv", ReportCSV.routeSummary(report.summaries, smallCells: cells)),
            ("response_curves.csv", ReportCSV.curves(report.timeCurves, kind: .time, smallCells: cells)),
            ("session_curves.csv", ReportCSV.curves(report.sessionCurves, kind: .session, smallCells: cells)),
            ("time_to_relief.csv", ReportCSV.timeToRelief(report.summaries)),
            ("sessions_to_relief.csv", SurvivalTableCSV.sessionsToRelief(report.afterRelief)),
            ("relief_duration.csv", SurvivalTableCSV.reliefDuration(report.afterRelief)),
            ("after_relief.csv", AfterReliefCSV.render(report.afterRelief, smallCells: cells)),
            ("reliable_change.csv", ReliableChangeCSV.render(report.reliableChange, smallCells: cells)),
            ("safety.csv", SafetyCSV.render(report.safety, smallCells: cells)),
            ("boosters.csv", BoostersCSV.render(report.boosters, smallCells: cells)),
        ]
        let charts = ReportCharts.all(report)
        files += charts.map { ($0.name, $0.svg) }
        files.append(("report.md", MarkdownReport.render(report, charts: charts.map(\.name))))
        return files.sorted { $0.name < $1.name }
    }
}
