/// The coded long form: one row per observation, with a patient, an instant, a code and a
/// value (Synthea's `observations.csv`, `DATE,PATIENT,ENCOUNTER,[CATEGORY,]CODE,DESCRIPTION,
/// VALUE,UNITS,TYPE`; EHR observation tables such as `patient_id, observation_date,
/// loinc_code, result, description, code_system`). docs/ingest.md, "Observation tables (CSV)".
///
/// - A total code (PHQ-9 44261-6, GAD-7 70274-6, HAM-A's local code) is an administration's
///   total; item codes of one instrument at one (patient, instant) are one administration with
///   its items, and a total at the same (patient, instant) is that administration's total
///   (analysis.md §1: proration, the total agrees with the items). Those rows are kept until
///   the file ends (only their numbers, per administration) and given by `finish`, each with
///   the line of its first row.
/// - Any other code (blood pressure, PHQ-2 55758-7, a panel code) is not a record: it is
///   counted per code (`.ignored`), one data-quality row per code.
public struct CodedObservationsLayout: ExportForm {
    public var patient: Int
    public var observedAt: Int
    public var code: Int
    public var value: Int
    public var description: Int?
    public var system: Int?
    public var clinic: Int?
    public var codes: LOINC.Table
    public var answers: AnswerTexts
    public var missingCodes: [String]
    let pending = CodedObservationGroups()

    public static let name = "coded"
    public static let kind = ExportKind.scores
    public static let sourceKeys: Set<String> = ["missing_codes"]
    public static let mappableColumns: Set<String> = ["patient_id", "observed_at", "code", "value", "description", "code_system", "clinic_id"]

    public static func isNamed(by options: SourceOptions) -> Bool { options.format == .coded }

    /// A header with a code column and a value column (the patient and the time are then
    /// required by `layout`, so that a header that has the rest is told what it lacks).
    public static func claims(_ header: HeaderIndex, _ context: FormContext) -> Bool {
        header.position(of: "code") != nil && header.position(of: "value") != nil
    }

    public static func layout(_ index: HeaderIndex, _ context: FormContext) -> Result<CodedObservationsLayout, LayoutError> {
        let form = "a coded observation export"
        return ExportLayout.required("patient_id", index, form: form).flatMap { patient in
            ExportLayout.required("observed_at", index, form: form).flatMap { at in
                ExportLayout.required("code", index, form: form).flatMap { code in
                    ExportLayout.required("value", index, form: form).map { value in
                        CodedObservationsLayout(
                            patient: patient, observedAt: at, code: code, value: value,
                            description: index.position(of: "description"), system: index.position(of: "code_system"),
                            clinic: index.position(of: "clinic_id"), codes: context.options.codes,
                            answers: context.options.answers, missingCodes: context.options.missingCodes)
                    }
                }
            }
        }
    }

    public func reads(_ header: HeaderIndex) -> [ExportLayout.ColumnRead] {
        ["patient_id", "observed_at", "code", "value", "description", "code_system", "clinic_id"].map(ExportLayout.ColumnRead.field)
    }

    public func decode(_ row: RawRow, _ d: RowDecoder) -> [RecordOutcome] {
        do {
            return [try observation(row, d) ?? .joined]
        } catch {
            return [.rejected(error)]
        }
    }

    /// An ignored row, a rejected row, or nil when the row joined its administration.
    private func observation(_ row: RawRow, _ d: RowDecoder) throws(RowProblem) -> RecordOutcome? {
        guard let written = d.text(row, code)?.trimmingWhitespace, !written.isEmpty else {
            throw RowProblem(column: d.columnName(code), "the observation code is empty")
        }
        let code = Self.bareCode(written)
        guard !isOtherSystem(row, d), let meaning = codes.meaning(of: code) else { return .ignored(ignored(code, row, d)) }
        let instrument: Instrument
        let item: Int?
        switch meaning {
        case .panel: return .ignored(ignored(code, row, d))
        case .total(let found): (instrument, item) = (found, nil)
        case .item(let found, let number): (instrument, item) = (found, number)
        }
        let patientID = try d.patient(row, patient)
        let at = try d.instant(row, observedAt, what: "observation time")
        let key = CodedObservationGroups.Key(patient: patientID, instrument: instrument, at: at)
        let clinicID = try d.identifier(row, clinic, what: "clinic id")
        let observed: Observed
        do {
            observed = try self.observed(row, instrument, d)
        } catch {
            // The administration cannot be scored without this row: it is rejected once, at
            // this row's line, with this row's reason (see `finish`).
            pending.fail(key, line: row.line, error)
            return nil
        }
        pending.add(key, line: row.line, clinic: clinicID, item: item, itemCount: instrument.itemCount,
                    value: observed, code: code)
        return nil
    }

    /// `44261-6` from `http://loinc.org|44261-6`; the table reads `LOINC:44261-6` itself.
    static func bareCode(_ written: String) -> String {
        guard let bar = written.lastIndex(of: "|") else { return written }
        return String(written[written.index(after: bar)...]).trimmingWhitespace
    }

    /// True when the row's code system is another terminology (SNOMED CT, ICD, RxNorm, CPT):
    /// its code is then not one of our LOINC codes, whatever it looks like.
    private func isOtherSystem(_ row: RawRow, _ d: RowDecoder) -> Bool {
        guard let text = d.text(row, system) else { return false }
        let key = nameKey(text)
        return ["snomed", "sct", "icd", "rxnorm", "cpt"].contains { key.contains($0) }
    }

    private func ignored(_ code: String, _ row: RawRow, _ d: RowDecoder) -> IgnoredRow {
        let label = pending.label(of: code) {
            let shown = DisplayText.quoted(code)
            if let name = LOINC.notInstruments[code] { return "\(shown) (\(name))" }
            guard let words = d.text(row, description)?.trimmingWhitespace, !words.isEmpty else { return shown }
            return "\(shown) (\(DisplayText.quoted(words)))"
        }
        return IgnoredRow(key: code, label: label)
    }

    enum Observed: Equatable {
        case number(Int)
        case missing(String)
        case empty
    }

    /// A value: a missing-data code (checked first, since `-999` is also a number), a number,
    /// a LOINC answer code (LA6568-5 …), an answer text (the pipeline's `[answers]`, the
    /// instrument's standard answers), or empty.
    private func observed(_ row: RawRow, _ instrument: Instrument, _ d: RowDecoder) throws(RowProblem) -> Observed {
        guard let text = d.text(row, value)?.trimmingWhitespace, !text.isEmpty else { return .empty }
        if let code = MissingDataCodes.code(text, in: missingCodes) { return .missing(code) }
        if case .value(let number) = row.withField(value, FieldValue.integer) { return .number(number) }
        if let number = LOINC.answers[Self.bareCode(text)] ?? LOINC.answers[text.split(separator: ":").last.map(String.init) ?? text] {
            return .number(number)
        }
        if let number = answers.value(of: text, for: instrument) { return .number(number) }
        if text.contains(where: \.isLetter) {
            throw RowProblem(column: d.columnName(value),
                "'\(d.shown(row, value))' is neither a number, a LOINC answer code (LA6568-5 …) nor a \(instrument.displayName) answer; "
                + "add it to the pipeline's [answers] table, or to missing_codes if it means not answered")
        }
        guard let number = try d.integer(row, value) else { return .empty }
        return .number(number)
    }

    /// The administrations of the file's instrument rows, in the order of their first lines;
    /// the groups are emptied, so the memory is given back.
    public func finish(_ d: RowDecoder) -> [(line: Int, outcome: RecordOutcome)] {
        pending.take().map { key, group in
            if let failed = group.failure { return (failed.line, .rejected(failed.problem)) }
            return (group.line, d.outcome { () throws(RowProblem) in try administration(key, group, d) })
        }
    }

    private func administration(_ key: CodedObservationGroups.Key, _ group: CodedObservationGroups.Group, _ d: RowDecoder) throws(RowProblem) -> RecordOutcome {
        let instrument = key.instrument
        let items = group.hasItems ? group.items : []
        let scored: ScoredTotal
        do {
            scored = try d.scored(instrument, items: items, total: group.total,
                                  itemColumns: Array(repeating: nil, count: instrument.itemCount), totalColumn: value)
        } catch {
            throw group.missingCodes.isEmpty ? error
                : RowProblem(column: error.column, "\(error.reason); missing-data codes: \(group.missingCodes.joined(separator: ", "))")
        }
        return .score(ScoreRecord(patientID: key.patient, instrument: instrument, administeredAt: key.at, total: scored.total,
                                  items: items, prorated: scored.prorated, clinicID: group.clinic, missingCodes: group.missingCodes))
    }
}

/// The instrument rows of one coded file, by administration, until the file ends. One reader
/// (`ExportFile.readCounting`) uses a layout's groups, row by row and then `finish`, on one
/// thread; `decode` is not mutating, so the form keeps them in this box.
final class CodedObservationGroups: @unchecked Sendable {
    struct Key: Hashable {
        var patient: String
        var instrument: Instrument
        var at: Int64
    }

    struct Group {
        var line: Int
        var clinic: String?
        /// Item k at index k − 1 (nil = not given, or given as empty or a missing-data code).
        var items: [Int?]
        var itemLines: [Int?]
        var hasItems = false
        var total: Int?
        var totalLine: Int?
        var missingCodes: [String] = []
        var failure: (line: Int, problem: RowProblem)?
    }

    private var groups: [Key: Group] = [:]
    /// The label of each ignored code: the first description seen, so that a code is counted
    /// under one label.
    private var labels: [String: String] = [:]

    func label(of code: String, _ make: () -> String) -> String {
        if let known = labels[code] { return known }
        let made = make()
        labels[code] = made
        return made
    }

    private func group(_ key: Key, line: Int, itemCount: Int) -> Group {
        groups[key] ?? Group(line: line, items: Array(repeating: nil, count: itemCount), itemLines: Array(repeating: nil, count: itemCount))
    }

    func fail(_ key: Key, line: Int, _ problem: RowProblem) {
        var found = group(key, line: line, itemCount: key.instrument.itemCount)
        if found.failure == nil { found.failure = (line, problem) }
        groups[key] = found
    }

    func add(_ key: Key, line: Int, clinic: String?, item: Int?, itemCount: Int, value: CodedObservationsLayout.Observed, code: String) {
        var found = group(key, line: line, itemCount: itemCount)
        if found.clinic == nil { found.clinic = clinic }
        let name = key.instrument.displayName
        let number: Int?
        switch value {
        case .number(let n): number = n
        case .missing(let missing): number = nil; found.missingCodes.append("\(code) \(missing)")
        case .empty: number = nil
        }
        if let item {
            let k = item - 1
            guard k >= 0, k < itemCount else { groups[key] = found; return }
            if let earlier = found.itemLines[k], found.items[k] != number, found.failure == nil {
                found.failure = (line, RowProblem(column: nil,
                    "\(name) item \(item) is given twice at this instant: \(Self.shown(found.items[k])) at line \(earlier) and \(Self.shown(number)) here"))
            }
            found.items[k] = number
            found.itemLines[k] = line
            found.hasItems = true
        } else {
            if let earlier = found.totalLine, found.total != number, found.failure == nil {
                found.failure = (line, RowProblem(column: nil,
                    "\(name) total is given twice at this instant: \(Self.shown(found.total)) at line \(earlier) and \(Self.shown(number)) here"))
            }
            found.total = number
            found.totalLine = line
        }
        groups[key] = found
    }

    private static func shown(_ value: Int?) -> String { value.map(String.init) ?? "no value" }

    /// Every group, in the order of its first line; the box is emptied.
    func take() -> [(Key, Group)] {
        let all = groups.sorted { $0.value.line < $1.value.line }.map { ($0.key, $0.value) }
        groups = [:]
        labels = [:]
        return all
    }
}

extension ScoreFormat {
    public static let coded = ScoreFormat(known: "coded")
}
