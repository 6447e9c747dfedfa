/// The long score form (interface.md, "Exports read by the ingest stage", 1): one row per
/// administration, `patient_id, instrument, administered_at, total`, optional `item_1 … item_N`.
public struct LongLayout: ExportForm {
    public var patient: Int
    public var instrument: Int
    public var administeredAt: Int
    public var total: Int?
    /// Column of `item_k` at index k − 1, for k = 1 … 14 (nil when the file has none).
    public var items: [Int?]
    public var clinic: Int?
    /// Answer texts item columns may hold ("Several days"), with the pipeline's `[answers]`.
    public var answers = AnswerTexts()

    public static let name = "long"
    public static let kind = ExportKind.scores
    public static let mappableColumns: Set<String> = ["patient_id", "instrument", "administered_at", "total", "clinic_id"]

    public static func isNamed(by options: SourceOptions) -> Bool { options.format == .long }

    public static func claims(_ header: HeaderIndex, _ context: FormContext) -> Bool {
        header.position(of: "instrument") != nil
    }

    public static func layout(_ index: HeaderIndex, _ context: FormContext) -> Result<LongLayout, LayoutError> {
        let form = "a long score export"
        return ExportLayout.required("patient_id", index, form: form).flatMap { patient in
            ExportLayout.required("instrument", index, form: form).flatMap { instrument in
                ExportLayout.required("administered_at", index, form: form).flatMap { at in
                    let total = index.position(of: "total")
                    let items = (1...14).map { index.position(ofHeader: "item_\($0)") }
                    if total == nil, items[0] == nil {
                        return .failure(LayoutError("\(form) needs a column \(index.expectation(of: "total")) or item_1 … item_N; the header has neither"))
                    }
                    return .success(LongLayout(patient: patient, instrument: instrument, administeredAt: at, total: total,
                                               items: items, clinic: index.position(of: "clinic_id"), answers: context.options.answers))
                }
            }
        }
    }

    public func reads(_ header: HeaderIndex) -> [ExportLayout.ColumnRead] {
        ["patient_id", "instrument", "administered_at", "total"].map(ExportLayout.ColumnRead.field)
            + (1...14).map { .header("item_\($0)") } + [.field("clinic_id")]
    }

    public func decode(_ row: RawRow, _ d: RowDecoder) -> [RecordOutcome] {
        [d.outcome { () throws(RowProblem) in try record(row, d) }]
    }

    private func record(_ row: RawRow, _ d: RowDecoder) throws(RowProblem) -> RecordOutcome {
        let patientID = try d.patient(row, patient)
        let instrument: Instrument
        if let exact = row.withField(self.instrument, Self.exactInstrument) {
            instrument = exact
        } else {
            guard let name = d.text(row, self.instrument) else {
                throw RowProblem(column: d.columnName(self.instrument), "the instrument is empty")
            }
            guard let named = Instrument(exportName: name) else {
                throw RowProblem(column: d.columnName(self.instrument), "unknown instrument '\(DisplayText.quoted(name))'; expected GAD-7, PHQ-9 or HAM-A")
            }
            instrument = named
        }
        let at = try d.instant(row, administeredAt, what: "administration time")
        var values: [Int?] = []
        if hasItems { values.reserveCapacity(instrument.itemCount) }
        for (k, position) in items.enumerated() where hasItems {
            let value = k < instrument.itemCount ? try d.item(row, position, instrument, answers: answers) : try d.integer(row, position)
            if k < instrument.itemCount {
                values.append(value)
            } else if value != nil, let position {
                throw RowProblem(column: d.columnName(position), "\(instrument.displayName) has \(instrument.itemCount) items, but item \(k + 1) is filled in")
            }
        }
        if values.allSatisfy({ $0 == nil }) { values = [] }
        let total = try d.integer(row, self.total)
        let scored = try d.scored(instrument, items: values, total: total,
                                  itemColumns: items.prefix(instrument.itemCount), totalColumn: self.total)
        return .score(ScoreRecord(patientID: patientID, instrument: instrument, administeredAt: at, total: scored.total,
                                  items: values, prorated: scored.prorated, clinicID: try d.identifier(row, clinic, what: "clinic id")))
    }
}

extension LongLayout {
    /// Whether the file has any item column (a total-only export has none: no item is read).
    var hasItems: Bool { items.contains { $0 != nil } }

    /// The instrument of a field spelled exactly as the instruments' usual names ("PHQ9",
    /// "PHQ-9"), read from the bytes: the same answer as `Instrument(exportName:)` for these
    /// spellings, without a String and a name key per row. Anything else gives nil.
    static func exactInstrument(_ raw: UnsafeBufferPointer<UInt8>) -> Instrument? {
        switch raw.count {
        case 4:
            if raw.elementsEqual("PHQ9".utf8) { return .phq9 }
            if raw.elementsEqual("GAD7".utf8) { return .gad7 }
            if raw.elementsEqual("HAMA".utf8) { return .hama }
        case 5:
            if raw.elementsEqual("PHQ-9".utf8) { return .phq9 }
            if raw.elementsEqual("GAD-7".utf8) { return .gad7 }
            if raw.elementsEqual("HAM-A".utf8) { return .hama }
        default: break
        }
        return nil
    }
}

extension ScoreFormat {
    public static let long = ScoreFormat(known: "long")
}
