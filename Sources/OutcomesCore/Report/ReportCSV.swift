/// The CSV files of the report directory, column for column as interface.md names them.
public enum ReportCSV {
    public static let routeSummaryHeader = [
        "instrument", "route", "courses", "with_baseline", "evaluable", "responders", "responder_rate", "responder_ci_low",
        "responder_ci_high", "itt_responder_rate", "itt_ci_low", "itt_ci_high", "remitters", "remission_rate", "remission_ci_low",
        "remission_ci_high", "km_courses", "relief_events", "median_hours_to_relief", "median_ci_low_hours", "median_ci_high_hours",
        "relieved_by_24h", "relieved_by_7d", "relieved_by_28d", "mean_baseline", "suppressed",
    ]

    public static func routeSummary(_ rows: [RouteSummary], smallCells: SmallCells) -> String {
        var table = CSVTable(header: routeSummaryHeader)
        for row in rows { table.append([.text(row.instrument.rawValue)] + routeSummaryCells(row, smallCells: smallCells)) }
        return table.text
    }

    /// A route_summary.csv row from `route` on: the instrument is left to the caller, because
    /// by_clinic.csv puts the clinic between the two.
    static func routeSummaryCells(_ row: RouteSummary, smallCells: SmallCells) -> [CSVTable.Cell] {
        let hide = row.suppressed
        func count(_ n: Int) -> CSVTable.Cell { hide && smallCells.isSmall(n) ? .empty : .number(String(n)) }
        func statistic(_ value: Double?, _ format: (Double) -> String = NumberFormat.fraction) -> CSVTable.Cell {
            guard !hide, let value else { return .empty }
            return .number(format(value))
        }
        func time(_ seconds: Int64?) -> CSVTable.Cell {
            guard !hide, let seconds else { return .empty }
            return .number(NumberFormat.hours(seconds: seconds))
        }
        func rate(_ rate: Rate) -> [CSVTable.Cell] {
            [statistic(rate.value), statistic(rate.interval?.low), statistic(rate.interval?.high)]
        }
        var cells: [CSVTable.Cell] = [.text(row.route.rawValue), count(row.courses), count(row.withBaseline), count(row.evaluable),
                                      count(row.responders)]
        cells += rate(row.responderRate) + rate(row.ittRate)
        cells += [count(row.remitters)] + rate(row.remissionRate)
        cells += [count(row.kmCourses), count(row.reliefEvents), time(row.median), time(row.medianInterval.low),
                  time(row.medianInterval.high)]
        cells += (0..<3).map { statistic(row.relievedBy?[$0]) }
        cells += [statistic(row.meanBaseline, NumberFormat.measure), .text(hide ? "true" : "false")]
        return cells
    }

    public static let timeToReliefHeader = ["instrument", "route", "hours", "at_risk", "events", "censored", "survival", "ci_low", "ci_high"]

    /// The Kaplan–Meier tables of the rows that are not suppressed.
    public static func timeToRelief(_ rows: [RouteSummary]) -> String {
        var table = CSVTable(header: timeToReliefHeader)
        for row in rows where !row.suppressed {
            for step in row.survival.rows {
                table.append([.text(row.instrument.rawValue), .text(row.route.rawValue), .number(NumberFormat.hours(seconds: step.time)),
                              .number(String(step.atRisk)), .number(String(step.events)), .number(String(step.censored)),
                              .number(NumberFormat.fraction(step.survival)), .number(NumberFormat.fraction(step.ciLow)),
                              .number(NumberFormat.fraction(step.ciHigh))])
            }
        }
        return table.text
    }

    static let curveStatistics = ["courses", "mean_pct_reduction", "sd_pct_reduction", "ci_low", "ci_high", "median_pct_reduction",
                                  "share_responding", "suppressed"]
    public static let responseCurvesHeader = ["instrument", "route", "bin_start_hours", "bin_end_hours"] + curveStatistics
    public static let sessionCurvesHeader = ["instrument", "route", "session_number"] + curveStatistics

    public static func curves(_ rows: [CurveSummary], kind: CurveKind, smallCells: SmallCells) -> String {
        var table = CSVTable(header: kind == .time ? responseCurvesHeader : sessionCurvesHeader)
        for row in rows where row.kind == kind {
            let hide = row.suppressed
            func statistic(_ value: Double?, _ format: (Double) -> String = NumberFormat.measure) -> CSVTable.Cell {
                guard !hide, let value else { return .empty }
                return .number(format(value))
            }
            var cells: [CSVTable.Cell] = [.text(row.instrument.rawValue), .text(row.route.rawValue)]
            if kind == .time {
                cells += [.number(NumberFormat.hours(row.binStartHours ?? 0)), .number(NumberFormat.hours(row.binEndHours ?? 0))]
            } else {
                cells.append(.number(String(row.point)))
            }
            let s = row.statistics
            cells += [hide && smallCells.isSmall(row.courses) ? .empty : .number(String(row.courses)), statistic(s.mean),
                      statistic(s.standardDeviation), statistic(s.interval?.low), statistic(s.interval?.high), statistic(s.median),
                      statistic(row.shareResponding, NumberFormat.fraction), .text(hide ? "true" : "false")]
            table.append(cells)
        }
        return table.text
    }

    public static let dataQualityHeader = ["file", "line", "kind", "reason"]

    /// One data_quality.csv line: the file is written a row at a time (it can have a row per input row).
    public static func dataQualityLine(_ row: DataQualityRow) -> String { CSVTable.line(cells(row)) }

    static func cells(_ row: DataQualityRow) -> [CSVTable.Cell] {
        [.text(row.file), .number(String(row.line)), .text(row.kind), .text(row.reason)]
    }
}

/// A rejected or flagged input row (data_quality.csv).
public struct DataQualityRow: Equatable, Sendable, Comparable {
    public var file: String
    public var line: Int
    public var kind: String
    public var reason: String

    public init(file: String, line: Int, kind: String, reason: String) {
        self.file = file
        self.line = line
        self.kind = kind
        self.reason = reason
    }

    /// By file, line, kind and reason: a stable order however the rows were gathered.
    public static func < (a: DataQualityRow, b: DataQualityRow) -> Bool {
        (a.file, a.line, a.kind, a.reason) < (b.file, b.line, b.kind, b.reason)
    }
}
