import OutcomesCore
import OutcomesIO

/// Loading one recognised file: every record stored or noted, the rows of what the pipeline
/// does not score counted per key, and what the clinic should know about the file listed.
extension IngestStage {
    /// Every record of the file, stored or noted; the counts reconcile by construction.
    static func load(_ file: ExportFile, layout: ExportLayout, header: HeaderIndex, into writer: FileIngestion) throws -> FileCounts {
        var counts = FileCounts()
        var ignored: [IgnoredRow: (count: Int, line: Int)] = [:]
        let reading = try file.readCounting(layout: layout, header: header) { event in
            switch event {
            case .emptyRow:
                counts.emptyRows += 1
            case .joined:
                counts.joinedRows += 1
            case .ignored(let line, let row):
                counts.ignoredRows += 1
                ignored[row, default: (0, line)].count += 1
            case .malformed(let bad):
                counts.records += 1
                counts.rejected += 1
                try writer.issue(line: bad.line, column: nil, kind: "rejected", reason: bad.reason)
            case .record(let line, let outcome):
                counts.records += 1
                switch outcome {
                case .rejected(let problem):
                    counts.rejected += 1
                    try writer.issue(line: line, column: problem.column, kind: "rejected", reason: problem.reason, patientID: problem.patientID)
                case .skipped(let problem):
                    counts.skipped += 1
                    try writer.issue(line: line, column: problem.column, kind: "skipped", reason: problem.reason, patientID: problem.patientID)
                case .score(let score):
                    try tally(try writer.put(score: score, line: line), prorated: score.prorated, &counts)
                case .session(let session):
                    try tally(try writer.put(session: session, line: line), prorated: false, &counts)
                case .ignored, .joined: break
                }
            }
        }
        counts.rowsRead = reading.rows
        // Rows of what the pipeline does not score: one data-quality row per key, at its first line.
        for (row, seen) in ignored.sorted(by: { $0.value.line < $1.value.line }) {
            try writer.issue(line: seen.line, column: nil, kind: "other_rows",
                             reason: "\(seen.count) row\(seen.count == 1 ? "" : "s") of \(row.label) not read: \(row.why)")
        }
        if let reason = counts.noRecordsReason { try writer.issue(line: 1, column: nil, kind: "no_records", reason: reason) }
        // Never a silent zero: columns the form will not read, and instruments whose columns
        // are there but from which nothing was read, are listed and warned about.
        for note in layout.form.notes {
            try writer.issue(line: 1, column: nil, kind: "columns_not_read", reason: note)
            counts.warnings.append(note)
        }
        for instrument in reading.unreadInstruments {
            let warning = instrument.warning(file: nil)
            try writer.issue(line: 1, column: nil, kind: "instrument_not_read", reason: warning)
            counts.warnings.append(warning)
        }
        return counts
    }

    static func tally(_ result: PutResult, prorated: Bool, _ counts: inout FileCounts) throws {
        switch result {
        case .stored: counts.accepted += 1
        case .corrected: counts.accepted += 1; counts.corrections += 1
        case .duplicate: counts.duplicates += 1
        }
        if prorated, result != .duplicate { counts.prorated += 1 }
    }
}

extension FileCounts {
    /// Why a recognised file stored no record, or nil when it stored some, or when its records
    /// are duplicates of stored ones (they are in the store already). Listed in data quality
    /// (kind `no_records`, line 1) and warned about: never a silent zero.
    public var noRecordsReason: String? {
        guard accepted == 0, duplicates == 0 else { return nil }
        let prefix = "no record of this file was stored: "
        if records == 0 {
            if rowsRead == 0 { return prefix + "it has a header and no data rows" }
            if ignoredRows > 0 {
                return prefix + "none of its \(rowsRead) rows is an instrument or a ketamine session (each code or kind it holds is counted in an other_rows line)"
            }
            return prefix + (rowsRead == 1 ? "its one data row carries" : "its \(rowsRead) data rows carry")
                + " no administration (every instrument's columns are empty)"
        }
        var parts: [String] = []
        if rejected > 0 { parts.append("\(rejected) rejected") }
        if skipped > 0 { parts.append("\(skipped) skipped") }
        if emptyRows > 0 { parts.append("\(emptyRows) row\(emptyRows == 1 ? "" : "s") with no administration") }
        return prefix + parts.joined(separator: ", ")
    }
}
