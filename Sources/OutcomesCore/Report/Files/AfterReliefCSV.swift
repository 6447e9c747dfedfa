/// after_relief.csv: one row per instrument × route of route_summary, the figures of
/// analysis.md §11 (sessions to relief) and §12 (how long relief lasts).
public enum AfterReliefCSV {
    static let header = [
        "instrument", "route", "km_courses", "median_sessions_to_relief", "median_sessions_ci_low", "median_sessions_ci_high",
        "relief_courses", "relief_unobserved", "duration_courses", "losses", "median_hours_relief_held", "held_ci_low_hours",
        "held_ci_high_hours", "held_at_4w", "held_at_12w", "suppressed",
    ]

    public static func render(_ rows: [AfterReliefSummary], smallCells: SmallCells) -> String {
        let cells = GroupCells(smallCells: smallCells)
        var table = CSVTable(header: header)
        for row in rows {
            let sessions = row.sessionsGroup, duration = row.durationGroup
            // relief_unobserved is bookkeeping in no group: never withheld by itself, but empty
            // whenever the duration group is (it would give relief_courses − duration_courses).
            let unobserved: CSVTable.Cell = duration.suppressed ? .empty : .number(String(row.reliefUnobserved))
            table.append([
                .text(row.instrument.rawValue), .text(row.route.rawValue), cells.count(row.kmCourses),
                cells.whole(row.medianSessions, in: sessions), cells.whole(row.medianSessionsInterval.low, in: sessions),
                cells.whole(row.medianSessionsInterval.high, in: sessions),
                cells.count(row.reliefCourses), unobserved, cells.count(row.durationCourses), cells.count(row.losses),
                cells.hours(seconds: row.medianHeld, in: duration), cells.hours(seconds: row.medianHeldInterval.low, in: duration),
                cells.hours(seconds: row.medianHeldInterval.high, in: duration),
                cells.fraction(row.heldAt?[0], in: duration), cells.fraction(row.heldAt?[1], in: duration),
                GroupCells.flag(row.suppressed),
            ])
        }
        return table.text
    }
}
