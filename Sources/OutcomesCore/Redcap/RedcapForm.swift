/// The REDCap form (interface.md, "Exports read by the ingest stage", 3; docs/ingest.md,
/// "Exporting from REDCap"): a raw or label export of a classic or longitudinal project, with
/// repeating instruments or events, read with the project's data dictionary when there is one.
/// Each instrument block of a row is its own administration.
public struct RedcapLayout: ExportForm {
    /// The record id: REDCap's first column, which groups a record's rows.
    public var record: Int
    /// The patient id: the record id, or the field the source maps `patient_id` to (an MRN,
    /// often only on the record's non-repeating row, from where it is carried).
    public var patient: Int
    public var repeatInstrument: Int?
    public var repeatInstance: Int?
    public var event: Int?
    public var clinic: Int?
    public var blocks: [RedcapBlock]
    /// The source's `date = "…"` field: the date of administrations whose form has none.
    public var dateField: Int?
    public var missingCodes: [String]
    public var answers: AnswerTexts
    public var notes: [String] = []
    /// Values of a record's non-repeating rows, for its repeat rows (filled by the first pass).
    var carried = CarriedValues()

    public static let name = "redcap"
    public static let kind = ExportKind.scores
    public static let sourceKeys: Set<String> = ["dictionary", "date", "missing_codes"]
    public static var mappableColumns: Set<String> { Set(["patient_id", "clinic_id"] + Instrument.allCases.map(\.columnPrefix)) }

    public static func isNamed(by options: SourceOptions) -> Bool { options.format == .redcap }

    static let structuralColumns = ["redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance",
                                    "redcap_survey_identifier", "redcap_data_access_group"]

    /// REDCap's own columns, a form status column with an instrument before it, a data
    /// dictionary that lists the header's fields, or a header of field labels (refused with
    /// what to do). A classic project has no event or repeat columns, but has its forms'
    /// `_complete` columns.
    public static func claims(_ header: HeaderIndex, _ context: FormContext) -> Bool {
        if structuralColumns.contains(where: { header.position(ofHeader: $0) != nil }) { return true }
        if labelHeader(header) || eavHeader(header) { return true }
        if fittingDictionary(header, context) != nil { return true }
        guard !RedcapBlockFinder.statusColumns(header).isEmpty else { return false }
        return RedcapBlockFinder.fromNames(header, context).contains { $0.status != nil }
    }

    /// The dictionary of the project a header comes from: the source's own, or the one in the
    /// export folder whose first field is the header's first column and that lists most of
    /// the header's other columns.
    static func dictionary(for header: HeaderIndex, _ context: FormContext) -> RedcapDictionary? {
        if let fitting = fittingDictionary(header, context) { return fitting }
        // The source's own dictionary is used even for a header it fits badly (an outdated
        // dictionary): its forms still find what they can, and names find the rest.
        return context.options.dictionary != nil && context.dictionaries.count == 1 ? context.dictionaries[0] : nil
    }

    /// A dictionary that describes this header: it makes a header without REDCap's own
    /// columns (a classic project's report) a REDCap export.
    static func fittingDictionary(_ header: HeaderIndex, _ context: FormContext) -> RedcapDictionary? {
        context.dictionaries.first { dictionary in
            guard let first = header.names.first, dictionary.recordID?.lowercased() == first.lowercased() else { return false }
            let listed = header.names.filter { name in
                let lower = name.lowercased()
                return dictionary.field(lower) != nil || lower.hasSuffix("_complete") || lower.hasSuffix("_timestamp")
                    || lower.hasPrefix("redcap_") || lower.contains("___")
            }
            return listed.count * 2 >= header.names.count
        }
    }

    /// `Record ID, Event Name, …, Complete?`: REDCap's "labels" header option.
    static func labelHeader(_ header: HeaderIndex) -> Bool {
        let names = Set(header.names.map { $0.lowercased() })
        return names.contains("complete?") || (names.contains("record id") && (names.contains("event name") || names.contains("repeat instrument")))
    }

    /// `record, field_name, value`: REDCap's EAV export, one value per row.
    static func eavHeader(_ header: HeaderIndex) -> Bool {
        header.position(ofHeader: "field_name") != nil && header.position(ofHeader: "value") != nil
            && (header.position(ofHeader: "record") != nil || header.position(ofHeader: "record_id") != nil)
    }

    public static func layout(_ index: HeaderIndex, _ context: FormContext) -> Result<RedcapLayout, LayoutError> {
        let form = "a REDCap export"
        if eavHeader(index) {
            return .failure(LayoutError("this is REDCap's EAV export (one value per row: record, field_name, value); "
                + "export the records as a flat CSV instead (one row per record and event: the default CSV export)"))
        }
        if labelHeader(index) {
            return .failure(LayoutError("\(form) must have variable names as its header, but this one has field labels "
                + "(Record ID, Complete? …): export it again with the headers option set to variable names (raw); the answers may stay labels"))
        }
        let options = context.options
        let dictionary = dictionary(for: index, context)
        guard let record = index.position(ofHeader: "record_id") ?? dictionary?.recordID.flatMap(index.position(ofHeader:))
            ?? (index.names.isEmpty ? nil : 0) else {
            return .failure(LayoutError("\(form) needs its record id column 'record_id' (or map patient_id to it); the header has none"))
        }
        let mapped = options.columns["patient_id"].flatMap(index.position(ofHeader:))
        let patient = mapped ?? index.position(ofHeader: "record_id") ?? dictionary?.recordID.flatMap(index.position(ofHeader:))
            ?? index.position(of: "patient_id") ?? record
        let blocks = RedcapBlockFinder.blocks(index, context, dictionary: dictionary)
        guard !blocks.isEmpty else {
            return .failure(LayoutError("\(form) needs the columns of at least one instrument (gad7_1 …, phq9_1 …, hama_1 …); the header has none"))
        }
        var dateField: Int?
        if let name = options.dateField {
            guard let found = index.position(ofHeader: name) else {
                return .failure(LayoutError("the source's date field '\(DisplayText.quoted(name))' is not a column of this file"))
            }
            dateField = found
        }
        return .success(RedcapLayout(
            record: record, patient: patient, repeatInstrument: index.position(ofHeader: "redcap_repeat_instrument"),
            repeatInstance: index.position(ofHeader: "redcap_repeat_instance"), event: index.position(ofHeader: "redcap_event_name"),
            clinic: index.position(of: "clinic_id"), blocks: blocks, dateField: dateField,
            missingCodes: options.missingCodes, answers: options.answers,
            notes: unreadForms(index, blocks, dictionary, options)))
    }

    /// Forms named like an instrument (by their status column, or in the dictionary) from
    /// which no block was found: said, never silently left out.
    static func unreadForms(_ index: HeaderIndex, _ blocks: [RedcapBlock], _ dictionary: RedcapDictionary?,
                            _ options: SourceOptions) -> [String] {
        var forms = RedcapBlockFinder.statusColumns(index).map { String(index.name($0).dropLast("_complete".count)) }
        for form in dictionary?.forms ?? [] where !forms.contains(form) { forms.append(form) }
        return forms.compactMap { form in
            guard let instrument = RedcapItemNames.instrument(ofForm: form),
                  !blocks.contains(where: { $0.form == form || ($0.instrument == instrument && $0.form == nil) }) else { return nil }
            let fix = dictionary == nil ? "put the project's data dictionary in the export folder, or map" : "map"
            return "the form \(DisplayText.quoted(form)) looks like \(instrument.displayName) by its name, but its items were not found, "
                + "so it is not read; \(fix) the item prefix in the source (columns = { \(instrument.columnPrefix) = \"…\" })"
        }
    }

    public func reads(_ index: HeaderIndex) -> [ExportLayout.ColumnRead] {
        let patient: ExportLayout.ColumnRead = index.isMapped("patient_id") || index.position(ofHeader: "record_id") == nil
            ? .header(index.name(self.patient)) : .header("record_id")
        let blocks = self.blocks.flatMap { block in
            (block.items.compactMap { $0 } + [block.total].compactMap { $0 } + block.dates + [block.status].compactMap { $0 })
                .map { ExportLayout.ColumnRead.header(index.name($0)) }
        }
        return [patient] + blocks + [.field("clinic_id")]
    }

    public var instrumentColumns: [(instrument: Instrument, columns: [Int])] {
        blocks.map { ($0.instrument, $0.valueColumns + [$0.status].compactMap { $0 }) }
    }

    // MARK: the record's non-repeating row

    /// Only files with repeat columns need a first pass: elsewhere every row of a record
    /// carries its own fields.
    public var wantsFirstPass: Bool {
        (repeatInstrument != nil || repeatInstance != nil) && (patient != record || clinic != nil || dateField != nil)
    }

    public mutating func firstPass(_ row: RawRow) {
        guard isBaseRow(row), let id = row.string(record), !id.isEmpty else { return }
        if patient != record, let value = nonBlank(row, patient) { carried.patients[id] = carried.patients[id] ?? value }
        if let clinic, let value = nonBlank(row, clinic) { carried.clinics[id] = carried.clinics[id] ?? value }
        if let dateField, let value = nonBlank(row, dateField) {
            carried.dates[eventKey(id, row)] = carried.dates[eventKey(id, row)] ?? value
        }
    }

    func isBaseRow(_ row: RawRow) -> Bool {
        (repeatInstrument.map { row.isBlank($0) } ?? true) && (repeatInstance.map { row.isBlank($0) } ?? true)
    }

    func eventKey(_ id: String, _ row: RawRow) -> String {
        id + "\u{1F}" + (event.flatMap { row.string($0) } ?? "")
    }

    func nonBlank(_ row: RawRow, _ position: Int) -> String? {
        guard let value = row.string(position), !value.isEmpty else { return nil }
        return value
    }

    // MARK: decoding

    public func instruments(of row: RawRow) -> [Instrument] {
        blocks.filter { block in block.valueColumns.contains { !row.isBlank($0) } }.map(\.instrument)
    }

    public func decode(_ row: RawRow, _ d: RowDecoder) -> [RecordOutcome] {
        var outcomes: [RecordOutcome] = []
        for block in blocks where block.valueColumns.contains(where: { !row.isBlank($0) }) {
            outcomes.append(d.outcome { () throws(RowProblem) -> RecordOutcome in try administration(row, block, d) })
        }
        return outcomes
    }

    private func administration(_ row: RawRow, _ block: RedcapBlock, _ d: RowDecoder) throws(RowProblem) -> RecordOutcome {
        if let skipped = try status(row, block, d) { return .skipped(skipped) }
        let patientID = try patientID(row, d)
        let at = try date(row, block, d)
        var items: [Int?] = []
        var codes: [String] = []
        for (k, position) in block.items.enumerated() {
            items.append(try item(row, position, choices: block.choices[k], block.instrument, d, codes: &codes))
        }
        // An item saved as a missing-data code is a missing item: the items are kept, so that
        // proration counts it (analysis.md §1).
        if items.allSatisfy({ $0 == nil }) && codes.isEmpty { items = [] }
        var total: Int?
        if let position = block.total, let value = d.text(row, position) {
            if let code = MissingDataCodes.code(value, in: missingCodes) {
                codes.append("\(d.header.name(position)) \(code)")
            } else {
                total = try d.integer(row, position)
            }
        }
        let scored: ScoredTotal
        do {
            scored = try d.scored(block.instrument, items: items, total: total, itemColumns: block.items, totalColumn: block.total)
        } catch {
            throw codes.isEmpty ? error : RowProblem(column: error.column, "\(error.reason); missing-data codes: \(codes.joined(separator: ", "))")
        }
        return .score(ScoreRecord(patientID: patientID, instrument: block.instrument, administeredAt: at,
                                  total: scored.total, items: items, prorated: scored.prorated,
                                  clinicID: try clinicID(row, d), missingCodes: codes))
    }

    /// Nil when the form is to be read: status 1 or 2 (or Unverified, Complete). 0, Incomplete,
    /// empty, or no status column at all (interface.md: an empty status is skipped; a report
    /// exported without status columns is warned about as an instrument nothing was read from).
    private func status(_ row: RawRow, _ block: RedcapBlock, _ d: RowDecoder) throws(RowProblem) -> RowProblem? {
        guard let position = block.status else {
            return RowProblem(column: "\(block.form ?? block.prefix)_complete",
                "form not complete: the file has no status column for \(block.instrument.displayName) (export the form's _complete field with its data)")
        }
        let column = d.header.name(position)
        let value = d.text(row, position)
        switch value?.lowercased() {
        case nil:
            return RowProblem(column: column, "form not complete: \(block.instrument.displayName) is marked with no status")
        case "0", "incomplete":
            return RowProblem(column: column, "form not complete: \(block.instrument.displayName) is marked 0 (incomplete)")
        case "1", "2", "unverified", "complete":
            return nil
        default:
            throw RowProblem(column: d.columnName(position), "the form status '\(DisplayText.quoted(value ?? ""))' is not 0, 1 or 2")
        }
    }

    private func patientID(_ row: RawRow, _ d: RowDecoder) throws(RowProblem) -> String {
        if patient != record, row.isBlank(patient), let id = row.string(record), let carried = carried.patients[id] {
            guard DisplayText.firstControl(in: carried) == nil else {
                throw RowProblem(column: d.columnName(patient), "the patient id contains a control character; ids must be printable text")
            }
            return carried
        }
        return try d.patient(row, patient)
    }

    private func clinicID(_ row: RawRow, _ d: RowDecoder) throws(RowProblem) -> String? {
        if let clinic, row.isBlank(clinic), let id = row.string(record), let carried = carried.clinics[id] {
            return DisplayText.firstControl(in: carried) == nil ? carried : try d.identifier(row, clinic, what: "clinic id")
        }
        return try d.identifier(row, clinic, what: "clinic id")
    }

    /// The administration's instant, in the order of docs/ingest.md: the form's own date
    /// field, its survey timestamp, then the source's `date` field (on the row, or on the
    /// record's non-repeating row of the same event).
    private func date(_ row: RawRow, _ block: RedcapBlock, _ d: RowDecoder) throws(RowProblem) -> Int64 {
        let name = block.instrument.displayName
        for position in block.dates where !row.isBlank(position) {
            return try d.instant(row, position, what: "\(name) date")
        }
        var notCompleted = false
        if let position = block.timestamp, let value = d.text(row, position) {
            if value.lowercased() == "[not completed]" { notCompleted = true } else {
                return try d.instant(row, position, what: "\(name) survey timestamp")
            }
        }
        if let position = dateField {
            if !row.isBlank(position) { return try d.instant(row, position, what: "\(name) date") }
            if let id = row.string(record), let value = carried.dates[eventKey(id, row)] {
                return try d.instant(text: value, column: d.columnName(position), what: "\(name) date")
            }
        }
        let have = (block.dates.map { d.header.name($0) } + [block.timestamp, dateField].compactMap { $0 }.map { d.header.name($0) })
        if notCompleted, have.count == 1 {
            throw RowProblem(column: d.header.name(block.timestamp!),
                "\(name) has answers but its survey timestamp is [not completed] and the form has no date field; "
                + "name the field that holds the visit date with date = \"…\" in the source's [[sources]] table")
        }
        if !have.isEmpty {
            throw RowProblem(column: nil, "the \(name) date is empty (\(have.joined(separator: ", ")))")
        }
        throw RowProblem(column: nil, "\(name) has answers but the file has no date for it (no \(block.prefix)_date column, date field or survey timestamp); "
            + "name the field that holds the visit date with date = \"…\" in the source's [[sources]] table")
    }

    /// One item: a missing-data code (missing, code kept; checked first, since `-999` is also
    /// a number), a coded choice of the dictionary, a number, an answer text (the pipeline's
    /// `[answers]`, the instrument's standard answers), or empty.
    private func item(_ row: RawRow, _ position: Int?, choices: [String: Int]?, _ instrument: Instrument, _ d: RowDecoder,
                      codes: inout [String]) throws(RowProblem) -> Int? {
        guard let position, let text = d.text(row, position) else { return nil }
        if let code = MissingDataCodes.code(text, in: missingCodes) {
            codes.append("\(d.header.name(position)) \(code)")
            return nil
        }
        if let choices, let value = choices[text.lowercased()] ?? choices[AnswerTexts.key(text)] { return value }
        if case .value(let value) = row.withField(position, FieldValue.integer) { return value }
        if let value = answers.value(of: text, for: instrument) { return value }
        if text.contains(where: \.isLetter) {
            throw RowProblem(column: d.columnName(position),
                "'\(d.shown(row, position))' is neither a number nor a \(instrument.displayName) answer; "
                + "add it to the pipeline's [answers] table, or to missing_codes if it means not answered")
        }
        return try d.integer(row, position)
    }
}

/// Fields of a record's non-repeating rows, by record id (and event, for dates).
struct CarriedValues: Sendable {
    var patients: [String: String] = [:]
    var clinics: [String: String] = [:]
    var dates: [String: String] = [:]
}

extension ScoreFormat {
    public static let redcap = ScoreFormat(known: "redcap")
}
