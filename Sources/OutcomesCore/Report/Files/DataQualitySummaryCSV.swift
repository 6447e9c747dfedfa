/// data_quality_summary.csv: the rows of data_quality.csv counted per file, kind and reason
/// class (ReasonClass), with no line and no raw value, so that it may leave the clinic. Row
/// counts, not patient counts: small cells do not apply.
enum DataQualitySummaryCSV {
    static let header = ["file", "kind", "reason_class", "rows"]

    static func render(_ summary: DataQualitySummary) -> String {
        var table = CSVTable(header: header)
        for (key, rows) in summary.rowsByClass.sorted(by: { $0.key < $1.key }) {
            table.append([.text(key.file), .text(key.kind), .text(key.reasonClass), .number(String(rows))])
        }
        return table.text
    }

    /// A network's: per site (first column `site`), kind and reason class; no file names, which
    /// stay at the sites (export names carry dates).
    static let networkHeader = ["site", "kind", "reason_class", "rows"]

    static func render(_ network: NetworkSection) -> String {
        var table = CSVTable(header: networkHeader)
        for (site, counts) in network.quality {
            for count in counts { table.append([.text(site), .text(count.kind), .text(count.reasonClass), .number(String(count.rows))]) }
        }
        return table.text
    }
}
