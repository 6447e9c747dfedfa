/// by_clinic.csv: route_summary.csv per clinic, with `clinic_id` after `instrument` and small
/// cells applied per row as there. A course belongs to the clinic of its first session; courses
/// whose sessions carry no clinic id are in no row (route_summary.csv has them).
enum ByClinicCSV {
    static var header: [String] {
        var columns = ReportCSV.routeSummaryHeader
        columns.insert("clinic_id", at: 1)
        return columns
    }

    /// Rows by instrument, then clinic id, then route.
    static func render(_ clinics: [(clinic: String, summaries: [RouteSummary])], smallCells: SmallCells) -> String {
        var table = CSVTable(header: header)
        for instrument in Instrument.allCases.sorted() {
            for (clinic, summaries) in clinics {
                for row in summaries where row.instrument == instrument {
                    table.append([.text(instrument.rawValue), .text(clinic)] + ReportCSV.routeSummaryCells(row, smallCells: smallCells))
                }
            }
        }
        return table.text
    }
}
