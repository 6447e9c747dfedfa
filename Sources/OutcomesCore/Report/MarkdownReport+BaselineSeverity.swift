/// report.md's "Baseline severity" table of an instrument: where the courses started
/// (analysis.md §1 bands), so that a reader compares routes that treated like patients.
extension MarkdownReport {
    static func baselineSeverity(_ instrument: Instrument, _ report: OutcomeReport, _ doc: inout ReportWriter) {
        let rows = report.baselineSeverity.filter { $0.instrument == instrument }
        guard !rows.isEmpty else { return }
        let bands = instrument.severityBands
        doc.heading(3, "Baseline severity")
        doc.table(["route", "with baseline"] + bands.map { "\($0.name) (\($0.totals.lowerBound)–\($0.totals.upperBound))" },
                  rows.map { row in
                      // A suppressed row shows no band at all: the bands add up to `with baseline`.
                      [doc.route(row.route), doc.count(row.withBaseline, row.suppressed)] + bands.indices.map { index in
                          row.suppressed ? "—" : row.withBaseline == 0 ? "0"
                              : "\(row.bandCourses[index]) (\(doc.percent(row.share(index) ?? 0)))"
                      }
                  }, right: 1...(bands.count + 1))
        doc.paragraph("Courses with a baseline by the band of their baseline total (\(instrument.displayName) bands); "
            + "the share is of the route's courses with a baseline (baseline_severity.csv).")
    }
}
