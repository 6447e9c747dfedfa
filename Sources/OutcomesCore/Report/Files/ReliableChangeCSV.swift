/// reliable_change.csv: one row per instrument × route of route_summary, analysis.md §13.
public enum ReliableChangeCSV {
    static let header = [
        "instrument", "route", "evaluable", "reliable_improvement", "improvement_rate", "improvement_ci_low", "improvement_ci_high",
        "reliable_deterioration", "deterioration_rate", "deterioration_ci_low", "deterioration_ci_high", "at_caseness", "recovered",
        "recovery_rate", "recovery_ci_low", "recovery_ci_high", "reliably_recovered", "reliable_recovery_rate",
        "reliable_recovery_ci_low", "reliable_recovery_ci_high", "followed_up", "deteriorated_any", "deteriorated_any_rate",
        "deteriorated_any_ci_low", "deteriorated_any_ci_high", "suppressed",
    ]

    public static func render(_ rows: [ReliableChangeSummary], smallCells: SmallCells) -> String {
        let cells = GroupCells(smallCells: smallCells)
        var table = CSVTable(header: header)
        for row in rows {
            var line: [CSVTable.Cell] = [.text(row.instrument.rawValue), .text(row.route.rawValue), cells.count(row.evaluable)]
            line += [cells.count(row.improvement.numerator)] + cells.rate(row.improvement, in: row.improvementGroup)
            line += [cells.count(row.deterioration.numerator)] + cells.rate(row.deterioration, in: row.deteriorationGroup)
            line += [cells.count(row.atCaseness), cells.count(row.recovery.numerator)] + cells.rate(row.recovery, in: row.recoveryGroup)
            line += [cells.count(row.reliableRecovery.numerator)] + cells.rate(row.reliableRecovery, in: row.reliableRecoveryGroup)
            line += [cells.count(row.followedUp), cells.count(row.deterioratedAny.numerator)]
                + cells.rate(row.deterioratedAny, in: row.anyDeteriorationGroup)
            line.append(GroupCells.flag(row.suppressed))
            table.append(line)
        }
        return table.text
    }
}
