import Foundation
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
        /// A row of something the pipeline does not score (another observation code, another
        /// resource type, another drug): not a record, counted per key.
        case ignored(line: Int, IgnoredRow)
        /// A row that is part of an administration given later (an item observation).
        case joined(line: Int)
    }

    public let path: String
    public let options: SourceOptions
    public let zone: LocalTimeZone
    public let rules: ScoringRules
    /// REDCap data dictionaries that may describe this file (the source's own, or those found
    /// in the export folder).
    public let dictionaries: [RedcapDictionary]

    public init(path: String, options: SourceOptions, zone: LocalTimeZone, rules: ScoringRules,
                dictionaries: [RedcapDictionary] = []) {
        self.path = path
        self.options = options
        self.zone = zone
        self.rules = rules
        self.dictionaries = dictionaries
    }

    /// How messages name the file (its path relative to the export folder), and what tells a
    /// workbook by its extension: `path` may be `/proc/self/fd/N`.
    public var name = ""

    private struct StopAfterHeader: Error {}

    /// The chunk a header-only read takes: enough for most headers (the reader reads on for a
    /// longer one), so that looking at many files' headers stays cheap.
    static let headerChunk = 16 << 10

    /// The file's header, or why it has none a form could be told from: a file that is not
    /// UTF-8 (UTF-16, Latin-1 …) is named for its encoding, one that is not CSV text (JSON,
    /// NDJSON, a workbook, an archive, a PDF) for what it looks like.
    public func header() throws -> Result<[String], LayoutError> {
        var header: RawRow?
        var unreadable: MalformedRecord?
        let reader = try CSVReader(path: path, chunkSize: Self.headerChunk)
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
        if FileContentSniffer.sniff(reader.leadingBytes, name: name).isForeign, let foreign = foreignContent() { return .failure(foreign) }
        if let unreadable, header == nil {
            return .failure(LayoutError("the header could not be read: \(unreadable.reason)"))
        }
        guard let header, header.strings.contains(where: { !$0.trimmingWhitespace.isEmpty }) else {
            return .failure(LayoutError("the file is empty: it has no header row"))
        }
        if header.firstInvalidUTF8Field != nil, let problem = TextEncoding.notUTF8.problem {
            return .failure(LayoutError(problem))
        }
        return .success(header.strings)
    }

    /// What the file holds, from its first bytes: JSON and NDJSON go to the JSON forms.
    public func content() -> FileContent {
        FileContentSniffer.sniff(LeadingBytes.of(path: path, count: FileContentSniffer.window), name: name)
    }

    /// The file's form, told from its header (or, for JSON, from its first resource).
    public func layout() throws -> Result<(ExportLayout, HeaderIndex), LayoutError> {
        switch content() {
        case .json, .ndjson: return try jsonLayout().map { ($0, HeaderIndex(header: [])) }
        default: break
        }
        return try header().flatMap { names in
            let index = HeaderIndex(header: names, mapping: options.columns)
            return ExportLayout.recognise(header: names, options: options, dictionaries: dictionaries).map { ($0, index) }
        }
    }

    /// "not a CSV export: it looks like …" for content the reader never reads (JSON, NDJSON,
    /// a workbook, an archive, a PDF), told from the first bytes (`FileContentSniffer`; the
    /// reader's first 512 bytes say whether to look, a longer read says what it is).
    func foreignContent() -> LayoutError? {
        let content = FileContentSniffer.sniff(LeadingBytes.of(path: path, count: FileContentSniffer.window), name: name)
        return content.isForeign ? LayoutError("not a CSV export: it looks like \(content.description)") : nil
    }

    /// Reads every data row after the header; returns how many data rows there were. A form
    /// that needs to see every row first (REDCap with repeat rows) gets a first pass.
    @discardableResult
    public func read(layout: ExportLayout, header: HeaderIndex, _ visit: (Event) throws -> Void) throws -> Int {
        try readCounting(layout: layout, header: header, visit).rows
    }

    /// `read`, and what became of each instrument whose columns the layout found.
    public func readCounting(layout: ExportLayout, header: HeaderIndex, _ visit: (Event) throws -> Void) throws -> FileReading {
        if type(of: layout.form).container == .json { return try readJSON(layout: layout, visit) }
        var layout = layout
        if layout.wantsFirstPass {
            var seenHeader = false
            try CSVReader(path: path).read(onRow: { row in
                guard seenHeader else { seenHeader = true; return }
                layout.firstPass(row)
            }, onMalformed: { _ in })
        }
        let decoder = RowDecoder(layout: layout, header: header, zone: zone, rules: rules)
        let counted = layout.form.instrumentColumns
        var reading = FileReading(instruments: counted.map { InstrumentReading(instrument: $0.instrument, columns: $0.columns.map(header.name)) })
        var seenHeader = false
        let patientColumn = header.position(of: "patient_id") ?? header.position(ofHeader: "record_id")
        try CSVReader(path: path).read(onRow: { row in
            guard seenHeader else { seenHeader = true; return }
            reading.rows += 1
            let outcomes = decoder.decode(row)
            if outcomes.isEmpty { try visit(.emptyRow(line: row.line)) }
            if !counted.isEmpty, outcomes.count > 0 {
                let instruments = layout.form.instruments(of: row)
                for (offset, outcome) in outcomes.enumerated() where offset < instruments.count {
                    if let slot = reading.instruments.firstIndex(where: { $0.instrument == instruments[offset] }) {
                        reading.instruments[slot].count(outcome)
                    }
                }
            }
            for outcome in outcomes { try visit(Self.event(line: row.line, Self.withPatient(outcome, row, patientColumn))) }
        }, onMalformed: { malformed in
            reading.rows += 1
            try visit(.malformed(malformed))
        })
        for (line, outcome) in layout.form.finish(decoder) { try visit(Self.event(line: line, outcome)) }
        return reading
    }
}

extension ExportFile {
    /// A rejected or skipped record with the patient id of its row, when the row has one
    /// (row_issue.patient_id; docs/database.md).
    static func withPatient(_ outcome: RecordOutcome, _ row: RawRow, _ column: Int?) -> RecordOutcome {
        guard let column else { return outcome }
        switch outcome {
        case .rejected(var problem):
            problem.patientID = problem.patientID ?? row.string(column).flatMap { $0.isEmpty ? nil : $0 }
            return .rejected(problem)
        case .skipped(var problem):
            problem.patientID = problem.patientID ?? row.string(column).flatMap { $0.isEmpty ? nil : $0 }
            return .skipped(problem)
        default:
            return outcome
        }
    }

    /// An outcome as the readers see it: an ignored row is not a record.
    static func event(line: Int, _ outcome: RecordOutcome) -> Event {
        if case .ignored(let row) = outcome { return .ignored(line: line, row) }
        if case .joined = outcome { return .joined(line: line) }
        return .record(line: line, outcome)
    }
}

/// What reading one file found, per instrument whose columns the form found.
public struct FileReading: Sendable {
    public var rows = 0
    public var instruments: [InstrumentReading]

    /// Instruments whose columns are there but from which no administration could be read.
    public var unreadInstruments: [InstrumentReading] { instruments.filter { $0.attempted > 0 && $0.read == 0 } }
}

/// How the administrations of one instrument in a file fared.
public struct InstrumentReading: Sendable {
    public var instrument: Instrument
    public var columns: [String]
    public var read = 0
    public var skipped = 0
    public var rejected = 0
    /// Each reason with how many administrations it was given to, most frequent first when asked.
    public var reasons: [String: Int] = [:]

    public var attempted: Int { read + skipped + rejected }

    mutating func count(_ outcome: RecordOutcome) {
        switch outcome {
        case .score, .session: read += 1
        case .skipped(let problem): skipped += 1; reasons[problem.reason, default: 0] += 1
        case .rejected(let problem): rejected += 1; reasons[problem.reason, default: 0] += 1
        case .ignored, .joined: break
        }
    }

    /// The warning of "never a silent zero": which columns were found, why nothing was read,
    /// and what to change.
    public func warning(file: String?) -> String {
        let top = reasons.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.first
        let shown = columns.count > 6 ? columns.prefix(3).joined(separator: ", ") + " … " + columns.suffix(2).joined(separator: ", ")
            : columns.joined(separator: ", ")
        var parts: [String] = []
        if skipped > 0 { parts.append("\(skipped) skipped") }
        if rejected > 0 { parts.append("\(rejected) rejected") }
        var text = (file.map { "\($0): " } ?? "") + "\(instrument.displayName) columns were found (\(shown)) but none of its \(attempted) administration(s) could be read (\(parts.joined(separator: ", ")))"
        if let top { text += "; most often: \(top.key)" }
        return text + "; " + Self.fix(for: top?.key ?? "")
    }

    static func fix(for reason: String) -> String {
        if reason.contains("no status column") {
            return "likely fix: export the forms' status fields (<form>_complete) with the data: REDCap reads 2 complete, 1 unverified, 0 incomplete"
        }
        if reason.hasPrefix("form not complete") {
            return "likely fix: check the form status column named in the reason (REDCap writes <form>_complete: 2 complete, 1 unverified, 0 incomplete); with a data dictionary in the export folder, or named by the source's dictionary key, the form's columns are known"
        }
        if reason.contains("date") {
            return "likely fix: name the field that holds the visit date with date = \"…\" in the source's [[sources]] table"
        }
        return "likely fix: see this file's rejected rows in data quality; a data dictionary in the export folder, or the source's columns key, tells which columns hold the instrument"
    }
}

// MARK: JSON files (FHIR)

extension ExportFile {
    /// A JSON file (a Bundle or one resource) is read whole, up to this size; NDJSON is read
    /// line by line in constant memory whatever its size.
    static let wholeJSONLimit = 512 << 20

    private struct StopAfterFirst: Error {}

    /// The form of a JSON file from its first resource: NDJSON's first line, or the whole
    /// object (a Bundle says what its entries are).
    func jsonLayout() throws -> Result<ExportLayout, LayoutError> {
        if case .ndjson = content() {
            var first: Result<JSONResource, LayoutError>?
            do {
                try JSONLineReader(path: path).read(onLine: { _, bytes in
                    first = JSONResource.parse(bytes)
                    throw StopAfterFirst()
                }, onMalformed: { malformed in
                    first = .failure(LayoutError(malformed.reason))
                    throw StopAfterFirst()
                })
            } catch is StopAfterFirst {}
            guard let first else { return .failure(LayoutError("the file holds no JSON resource")) }
            return first.mapError { LayoutError("its first line is \($0.description)") }
                .flatMap { ExportLayout.recognise(firstResource: $0, options: options) }
        }
        return try wholeJSON().flatMap { ExportLayout.recognise(firstResource: $0, options: options) }
    }

    func wholeJSON() throws -> Result<JSONResource, LayoutError> {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= Self.wholeJSONLimit else {
            return .failure(LayoutError("a JSON file of \(size >> 20) MiB is larger than this version reads whole (\(Self.wholeJSONLimit >> 20) MiB); export NDJSON (FHIR Bulk Data), which is read line by line"))
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return data.withUnsafeBytes { JSONResource.parse($0) }
    }

    /// Every resource of a JSON file: NDJSON lines (the physical line is the position), a
    /// Bundle's entries (the entry's index from 1), or the one resource (position 1).
    func readJSON(layout: ExportLayout, _ visit: (Event) throws -> Void) throws -> FileReading {
        var layout = layout
        var whole: Result<JSONResource, LayoutError>?
        // Sniffed once: NDJSON is read line by line, anything else whole.
        let lineByLine = content() == .ndjson
        if !lineByLine {
            whole = try wholeJSON()
            // A Bundle is in memory already: the form may look at every entry first (a total
            // Observation derived from a QuestionnaireResponse of the same Bundle).
            if layout.wantsFirstPass, case .success(let bundle)? = whole, bundle.resourceType == "Bundle" {
                for entry in bundle.resources("entry") { if let inner = entry.resource("resource") { layout.firstPass(resource: inner) } }
            }
        }
        let decoder = RowDecoder(layout: layout, header: HeaderIndex(header: []), zone: zone, rules: rules)
        var reading = FileReading(instruments: [])
        func resource(_ resource: JSONResource, at position: Int) throws {
            reading.rows += 1
            let outcomes = layout.form.decode(resource: resource, position: position, decoder)
            if outcomes.isEmpty { try visit(.emptyRow(line: position)) }
            for outcome in outcomes { try visit(Self.event(line: position, outcome)) }
        }
        if lineByLine {
            try JSONLineReader(path: path).read(onLine: { line, bytes in
                switch JSONResource.parse(bytes) {
                case .success(let parsed): try resource(parsed, at: line)
                case .failure(let problem):
                    reading.rows += 1
                    try visit(.malformed(MalformedRecord(line: line, reason: "the line is \(problem.description)")))
                }
            }, onMalformed: { malformed in
                reading.rows += 1
                try visit(.malformed(malformed))
            })
        } else {
            switch try whole ?? wholeJSON() {
            case .failure(let problem):
                reading.rows += 1
                try visit(.malformed(MalformedRecord(line: 1, reason: "the file is \(problem.description)")))
            case .success(let whole):
                if whole.resourceType == "Bundle" {
                    for (index, entry) in whole.resources("entry").enumerated() {
                        guard let inner = entry.resource("resource") else {
                            reading.rows += 1
                            try visit(.malformed(MalformedRecord(line: index + 1, reason: "the Bundle entry has no resource")))
                            continue
                        }
                        try resource(inner, at: index + 1)
                    }
                } else {
                    try resource(whole, at: 1)
                }
            }
        }
        for (line, outcome) in layout.form.finish(decoder) { try visit(Self.event(line: line, outcome)) }
        return reading
    }
}

