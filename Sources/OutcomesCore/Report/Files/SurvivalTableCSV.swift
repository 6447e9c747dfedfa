/// A Kaplan–Meier table file (sessions_to_relief.csv, relief_duration.csv): one row per
/// instrument × route × distinct time, left out where its group is suppressed.
public enum SurvivalTableCSV {
    static let sessionsHeader = ["instrument", "route", "sessions", "at_risk", "events", "censored", "survival", "ci_low", "ci_high"]
    static let durationHeader = ["instrument", "route", "hours", "at_risk", "events", "censored", "survival", "ci_low", "ci_high"]

    /// sessions_to_relief.csv (analysis.md §11): times are session counts.
    public static func sessionsToRelief(_ rows: [AfterReliefSummary]) -> String {
        render(header: sessionsHeader, rows.filter { !$0.sessionsGroup.suppressed }.map { ($0.instrument, $0.route, $0.sessions) }) {
            String($0)
        }
    }

    /// relief_duration.csv (analysis.md §12): times are hours after relief.
    public static func reliefDuration(_ rows: [AfterReliefSummary]) -> String {
        render(header: durationHeader, rows.filter { !$0.durationGroup.suppressed }.map { ($0.instrument, $0.route, $0.duration) }) {
            NumberFormat.hours(seconds: $0)
        }
    }

    static func render(header: [String], _ tables: [(Instrument, Route, KaplanMeier)], time: (Int64) -> String) -> String {
        var table = CSVTable(header: header)
        for (instrument, route, survival) in tables {
            for step in survival.rows {
                table.append([.text(instrument.rawValue), .text(route.rawValue), .number(time(step.time)), .number(String(step.atRisk)),
                              .number(String(step.events)), .number(String(step.censored)), .number(NumberFormat.fraction(step.survival)),
                              .number(NumberFormat.fraction(step.ciLow)), .number(NumberFormat.fraction(step.ciHigh))])
            }
        }
        return table.text
    }
}
