import OutcomesCore
import OutcomesIO

/// One export file read end to end: its header recognised, every row decoded. Shared by the
/// ingest stage and `outcomes validate`, so both judge rows the same way.
public struct ExportFile {
    public enum Event {
        /// A record of a data row, with the line its row starts on.
        case record(line: Int, RecordOutcome)
        /// A data row that carries no administration (a REDCap row with every form empty).
        case emptyRow(line: Int)
        /// Input that is not a complete CSV record (an unclosed quote).
        case malformed(MalformedRecord)
    }

    public let path: String
    public let options: SourceOptions
    public let zone: LocalTimeZone
    public let rules: ScoringRules

    public init(path: String, options: SourceOptions, zone: LocalTimeZone, rules: ScoringRules) {
        self.path = path
        self.options = options
        self.zone = zone
        self.rules = rules
    }

    private struct StopAfterHeader: Error {}

    /// The file's form, told from its header. A file that is not UTF-8 (UTF-16, Latin-1 …) is
    /// named for its encoding, since its header would otherwise just match no form.
    public func layout() throws -> Result<(ExportLayout, HeaderIndex), LayoutError> {
        var header: RawRow?
        var unreadable: MalformedRecord?
        let reader = try CSVReader(path: path)
        do {
            try reader.read(onRow: { row in
                header = row
                throw StopAfterHeader()
            }, onMalformed: { malformed in
                unreadable = malformed
                throw StopAfterHeader()
            })
        } catch is StopAfterHeader {}
        if let problem = TextEncodingSniffer.sniff(reader.leadingBytes).problem { return .failure(LayoutError(problem)) }
        if let unreadable, header == nil {
            return .failure(LayoutError("the header could not be read: \(unreadable.reason)"))
        }
        guard let header, header.strings.contains(where: { !$0.trimmingWhitespace.isEmpty }) else {
            return .failure(LayoutError("the file is empty: it has no header row"))
        }
        if header.firstInvalidUTF8Field != nil, let problem = TextEncoding.notUTF8.problem {
            return .failure(LayoutError(problem))
        }
        let names = header.strings
        let index = HeaderIndex(header: names, mapping: options.columns)
        return ExportLayout.recognise(header: names, options: options).map { ($0, index) }
    }

    /// Reads every data row after the header; returns how many data rows there were.
    @discardableResult
    public func read(layout: ExportLayout, header: HeaderIndex, _ visit: (Event) throws -> Void) throws -> Int {
        let decoder = RowDecoder(layout: layout, header: header, zone: zone, rules: rules)
        var seenHeader = false
        var rows = 0
        try CSVReader(path: path).read(onRow: { row in
            guard seenHeader else { seenHeader = true; return }
            rows += 1
            let outcomes = decoder.decode(row)
            if outcomes.isEmpty { try visit(.emptyRow(line: row.line)) }
            for outcome in outcomes { try visit(.record(line: row.line, outcome)) }
        }, onMalformed: { malformed in
            rows += 1
            try visit(.malformed(malformed))
        })
        return rows
    }
}
