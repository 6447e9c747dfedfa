/// baseline_severity.csv: one row per instrument × route of route_summary × severity band
/// (analysis.md §1), lowest band first; every band of the instrument has a row, so the table
/// has the same shape whatever the data.
public enum BaselineSeverityCSV {
    static let header = ["instrument", "route", "with_baseline", "band", "band_low", "band_high", "courses", "share", "suppressed"]

    public static func render(_ rows: [BaselineSeveritySummary], smallCells: SmallCells) -> String {
        var table = CSVTable(header: header)
        for row in rows {
            let withBaseline: CSVTable.Cell = smallCells.isSmall(row.withBaseline) ? .empty : .number(String(row.withBaseline))
            for (index, band) in row.instrument.severityBands.enumerated() {
                let share = row.share(index)
                table.append([
                    .text(row.instrument.rawValue), .text(row.route.rawValue), withBaseline, .text(band.name),
                    .number(String(band.totals.lowerBound)), .number(String(band.totals.upperBound)),
                    row.suppressed ? .empty : .number(String(row.bandCourses[index])),
                    row.suppressed || share == nil ? .empty : .number(NumberFormat.fraction(share!)), GroupCells.flag(row.suppressed),
                ])
            }
        }
        return table.text
    }
}
