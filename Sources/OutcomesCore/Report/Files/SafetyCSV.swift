/// safety.csv: one row per route with a course in the period, PHQ-9 item 9 (analysis.md §14).
public enum SafetyCSV {
    static let header = [
        "route", "courses", "item9_baseline_known", "item9_baseline_positive", "baseline_positive_rate", "baseline_positive_ci_low",
        "baseline_positive_ci_high", "item9_emergent_at_risk", "item9_emergent", "emergent_rate", "emergent_ci_low",
        "emergent_ci_high", "item9_resolved_at_risk", "item9_resolved", "resolved_rate", "resolved_ci_low", "resolved_ci_high",
        "suppressed",
    ]

    public static func render(_ rows: [SafetySummary], smallCells: SmallCells) -> String {
        let cells = GroupCells(smallCells: smallCells)
        var table = CSVTable(header: header)
        for row in rows {
            var line: [CSVTable.Cell] = [.text(row.route.rawValue), cells.count(row.courses)]
            for (rate, group) in [(row.baselinePositive, row.baselineGroup), (row.emergent, row.emergentGroup),
                                  (row.resolved, row.resolvedGroup)] {
                line += [cells.count(rate.denominator), cells.count(rate.numerator)] + cells.rate(rate, in: group)
            }
            line.append(GroupCells.flag(row.suppressed))
            table.append(line)
        }
        return table.text
    }
}
