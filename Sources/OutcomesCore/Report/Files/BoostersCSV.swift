/// boosters.csv: one row per route with a course in the period, analysis.md §15.
enum BoostersCSV {
    static let header = [
        "route", "courses", "median_induction_sessions", "with_booster", "booster_rate", "booster_ci_low", "booster_ci_high",
        "median_days_to_first_booster", "median_days_between_boosters", "suppressed",
    ]

    static func render(_ rows: [BoosterSummary], smallCells: SmallCells) -> String {
        let cells = GroupCells(smallCells: smallCells)
        var table = CSVTable(header: header)
        for row in rows {
            let group = row.group
            table.append([.text(row.route.rawValue), cells.count(row.courses),
                          cells.decimal(row.medianInductionSessions, decimals: 1, in: group), cells.count(row.withBooster.numerator)]
                         + cells.rate(row.withBooster, in: group)
                         + [cells.decimal(row.medianDaysToFirstBooster, decimals: 4, in: group),
                            cells.decimal(row.medianDaysBetweenBoosters, decimals: 4, in: group), GroupCells.flag(row.suppressed)])
        }
        return table.text
    }
}
