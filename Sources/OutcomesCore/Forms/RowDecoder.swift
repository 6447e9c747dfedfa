/// What became of one record of an export row.
public enum RecordOutcome: Sendable, Equatable {
    case score(ScoreRecord)
    case session(SessionRecord)
    /// Cannot be used: kept with its line, column and reason.
    case rejected(RowProblem)
    /// Deliberately not read (a REDCap form not marked complete): counted, not an error.
    case skipped(RowProblem)
    /// A row of something the pipeline does not score (an EHR table's blood pressure, a
    /// FHIR Patient): not a record; counted per file and key, one data-quality row per key.
    case ignored(IgnoredRow)
    /// Part of an administration another row completes (an item observation): not a record
    /// of its own; the administration is given by the form's `finish`.
    case joined
}

/// What an ignored row is, for its count: the key it is counted under (a code, a resource
/// type, a drug) and words for it.
public struct IgnoredRow: Sendable, Equatable, Hashable {
    public var key: String
    public var label: String
    /// Why such rows are not read, for the data-quality line.
    public var why: String

    public static let notOurs = "not an instrument or a ketamine session this pipeline reads"

    public init(key: String, label: String, why: String = IgnoredRow.notOurs) {
        self.key = key
        self.label = label
        self.why = why
    }
}

/// Turns the rows of one export into validated records (analysis.md §1–3). A row gives one
/// outcome, except a REDCap row, which gives one per instrument it carries (none when it
/// carries none).
public struct RowDecoder {
    public let layout: ExportLayout
    public let header: HeaderIndex
    let zone: LocalTimeZone
    let rules: ScoringRules

    public init(layout: ExportLayout, header: HeaderIndex, zone: LocalTimeZone, rules: ScoringRules) {
        self.layout = layout
        self.header = header
        self.zone = zone
        self.rules = rules
    }

    public func decode(_ row: RawRow) -> [RecordOutcome] {
        if let problem = shapeProblem(row) { return [.rejected(problem)] }
        return layout.form.decode(row, self)
    }

    public func outcome(_ body: () throws(RowProblem) -> RecordOutcome) -> RecordOutcome {
        do { return try body() } catch { return .rejected(error) }
    }

    /// Field count and encoding, checked before any value is read.
    private func shapeProblem(_ row: RawRow) -> RowProblem? {
        let expected = header.names.count
        if row.count < expected {
            return RowProblem(column: nil, "the row has \(row.count) fields but the header has \(expected); a separator or quote may be missing")
        }
        if row.count > expected, (expected..<row.count).contains(where: { !row.isBlank($0) }) {
            return RowProblem(column: nil, "the row has \(row.count) fields but the header has \(expected); a value may contain an unquoted comma")
        }
        if let bad = row.firstInvalidUTF8Field {
            return RowProblem(column: columnName(bad), "the value is not valid UTF-8 text; export the file as UTF-8")
        }
        return nil
    }

    func columnName(_ position: Int) -> String {
        position < header.names.count ? DisplayText.quoted(header.name(position)) : "field \(position + 1)"
    }

    /// A field's value for quoting in a reason: control characters escaped, long values cut.
    func shown(_ row: RawRow, _ position: Int) -> String {
        DisplayText.quoted(row.string(position) ?? "")
    }

    // MARK: values

    func text(_ row: RawRow, _ position: Int?) -> String? {
        guard let position, let value = row.string(position), !value.isEmpty else { return nil }
        return value
    }

    func patient(_ row: RawRow, _ position: Int) throws(RowProblem) -> String {
        guard let id = try identifier(row, position, what: "patient id") else {
            throw RowProblem(column: columnName(position), "the patient id is empty")
        }
        return id
    }

    /// An id (patient, clinic, session): a NUL or another control character in it is refused,
    /// since it would be stored, matched and shown as something other than what the export says.
    func identifier(_ row: RawRow, _ position: Int?, what: String) throws(RowProblem) -> String? {
        guard let id = text(row, position) else { return nil }
        if let control = DisplayText.firstControl(in: id) {
            throw RowProblem(column: position.map(columnName), "the \(what) contains a control character (\(control)); ids must be printable text")
        }
        return id
    }

    func instant(_ row: RawRow, _ position: Int?, what: String) throws(RowProblem) -> Int64 {
        guard let position else { throw RowProblem(column: nil, "there is no \(what) column") }
        // The column's name is made only for a message: every row reads a timestamp.
        if row.isBlank(position) { throw RowProblem(column: columnName(position), "the \(what) is empty") }
        return try instant(row.withField(position) { TimestampParser.parse(bytes: $0) }, column: columnName(position), what: what) {
            shown(row, position)
        }
    }

    /// An instant from a value that is not a field of this row (a REDCap value carried from the
    /// record's base row, a FHIR dateTime).
    func instant(text: String, column: String, what: String) throws(RowProblem) -> Int64 {
        try instant(TimestampParser.parse(text), column: column, what: what) { DisplayText.quoted(text) }
    }

    /// A parsed timestamp as an instant in the pipeline's zone (analysis.md §3), or the reason.
    private func instant(_ parsed: Result<Timestamp, TimestampError>, column: @autoclosure () -> String, what: String,
                         shown: () -> String) throws(RowProblem) -> Int64 {
        switch parsed {
        case .failure(let error):
            throw RowProblem(column: column(), "the \(what) \(error.description)")
        case .success(let stamp):
            guard let instant = zone.instant(of: stamp) else {
                throw RowProblem(column: column(),
                    "the \(what) '\(shown())' does not exist in \(zone.identifier): the clocks skipped that hour when daylight saving began")
            }
            return instant
        }
    }

    func integer(_ row: RawRow, _ position: Int?) throws(RowProblem) -> Int? {
        guard let position else { return nil }
        switch row.withField(position, FieldValue.integer) {
        case .empty: return nil
        case .value(let value): return value
        case .invalid:
            throw RowProblem(column: columnName(position), "'\(shown(row, position))' is not a whole number")
        }
    }

    /// An item answer: a whole number, or an answer text of the instrument ("More than half
    /// the days", the pipeline's `[answers]`); anything else is "not a whole number".
    func item(_ row: RawRow, _ position: Int?, _ instrument: Instrument, answers: AnswerTexts) throws(RowProblem) -> Int? {
        guard let position else { return nil }
        switch row.withField(position, FieldValue.integer) {
        case .empty: return nil
        case .value(let value): return value
        case .invalid:
            if let text = text(row, position), text.contains(where: \.isLetter), let value = answers.value(of: text, for: instrument) {
                return value
            }
            throw RowProblem(column: columnName(position), "'\(shown(row, position))' is not a whole number")
        }
    }

    func decimal(_ row: RawRow, _ position: Int?, what: String) throws(RowProblem) -> Double? {
        guard let position else { return nil }
        switch row.withField(position, FieldValue.decimal) {
        case .empty: return nil
        case .value(let value) where value >= 0: return value
        case .value, .invalid:
            throw RowProblem(column: columnName(position), "the \(what) '\(shown(row, position))' is not a number of 0 or more")
        }
    }

    func scored(_ instrument: Instrument, items: [Int?], total: Int?, itemColumns: some Collection<Int?>, totalColumn: Int?) throws(RowProblem) -> ScoredTotal {
        // Scoring is pure and the column names only appear in a problem: a row that scores is
        // scored without them, and only a failing one is scored again with its names.
        if case .success(let scored) = ItemScoring.score(instrument: instrument, items: items, total: total,
                                                         maxMissingItems: rules.maxMissing(instrument)) {
            return scored
        }
        let names = itemColumns.enumerated().map { k, position in position.map(columnName) ?? "item \(k + 1)" }
        let result = ItemScoring.score(instrument: instrument, items: items, total: total,
                                       maxMissingItems: rules.maxMissing(instrument), itemColumns: names,
                                       totalColumn: totalColumn.map(columnName) ?? "total")
        switch result {
        case .success(let scored): return scored
        case .failure(let problem): throw problem
        }
    }
}
