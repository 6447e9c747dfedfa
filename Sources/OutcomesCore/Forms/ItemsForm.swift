/// The item-level form (interface.md, "Exports read by the ingest stage", 2): one file per
/// instrument, `patient_id, administered_at, <prefix>_1 … <prefix>_N`, optional `<prefix>_total`.
public struct ItemsLayout: ExportForm {
    public var instrument: Instrument
    public var patient: Int
    public var administeredAt: Int
    public var items: [Int]
    public var total: Int?
    public var clinic: Int?
    /// Answer texts item columns may hold ("Several days"), with the pipeline's `[answers]`.
    public var answers = AnswerTexts()

    public static let name = "items"
    public static let kind = ExportKind.scores
    public static let sourceKeys: Set<String> = ["instrument"]
    public static var mappableColumns: Set<String> {
        Set(["patient_id", "administered_at", "total", "clinic_id"] + Instrument.allCases.map(\.columnPrefix))
    }

    public static func isNamed(by options: SourceOptions) -> Bool { options.format == .items }

    public static func claims(_ header: HeaderIndex, _ context: FormContext) -> Bool {
        if case .success = layout(header, context) { return true }
        return false
    }

    public static func layout(_ index: HeaderIndex, _ context: FormContext) -> Result<ItemsLayout, LayoutError> {
        let form = "an item-level score export"
        let options = context.options
        var candidates: [(Instrument, String)] = Instrument.allCases.compactMap { instrument in
            let prefix = options.prefix(of: instrument)
            return index.position(ofHeader: "\(prefix)_1") != nil ? (instrument, prefix) : nil
        }
        if let instrument = options.instrument {
            candidates = candidates.filter { $0.0 == instrument }
            if candidates.isEmpty, index.position(ofHeader: "item_1") != nil { candidates = [(instrument, "item")] }
        }
        guard candidates.count == 1, let (instrument, prefix) = candidates.first else {
            let found = candidates.map(\.0.displayName).joined(separator: " and ")
            return .failure(LayoutError(candidates.isEmpty
                ? "\(form) needs item columns <prefix>_1 … <prefix>_N (gad7, phq9 or hama; or set the source's instrument); the header has none"
                : "\(form) holds one instrument, but the header has items of \(found); use a REDCap or long export, or one file per instrument"))
        }
        var columns: [Int] = []
        for k in 1...instrument.itemCount {
            guard let found = index.position(ofHeader: "\(prefix)_\(k)") else {
                return .failure(LayoutError("\(form) of \(instrument.displayName) needs columns \(prefix)_1 … \(prefix)_\(instrument.itemCount); the header lacks \(prefix)_\(k)"))
            }
            columns.append(found)
        }
        return ExportLayout.required("patient_id", index, form: form).flatMap { patient in
            ExportLayout.required("administered_at", index, form: form).map { at in
                ItemsLayout(instrument: instrument, patient: patient, administeredAt: at, items: columns,
                            total: index.position(ofHeader: "\(prefix)_total") ?? index.position(of: "total"),
                            clinic: index.position(of: "clinic_id"), answers: options.answers)
            }
        }
    }

    public func reads(_ index: HeaderIndex) -> [ExportLayout.ColumnRead] {
        // The item columns' prefix as the header writes it (`gad7`, `phq`, or `item`).
        let first = index.name(items[0]).lowercased()
        let prefix = String(first.dropLast(2))
        let total: ExportLayout.ColumnRead = index.position(ofHeader: "\(prefix)_total") != nil ? .header("\(prefix)_total") : .field("total")
        return [.field("patient_id"), .field("administered_at")]
            + (1...instrument.itemCount).map { .header("\(prefix)_\($0)") } + [total, .field("clinic_id")]
    }

    public func decode(_ row: RawRow, _ d: RowDecoder) -> [RecordOutcome] {
        [d.outcome { () throws(RowProblem) in try record(row, d) }]
    }

    private func record(_ row: RawRow, _ d: RowDecoder) throws(RowProblem) -> RecordOutcome {
        let patientID = try d.patient(row, patient)
        let at = try d.instant(row, administeredAt, what: "administration time")
        var values: [Int?] = []
        for position in items { values.append(try d.item(row, position, instrument, answers: answers)) }
        if values.allSatisfy({ $0 == nil }) { values = [] }
        let total = try d.integer(row, self.total)
        let scored = try d.scored(instrument, items: values, total: total, itemColumns: items, totalColumn: self.total)
        return .score(ScoreRecord(patientID: patientID, instrument: instrument, administeredAt: at,
                                  total: scored.total, items: values, prorated: scored.prorated,
                                  clinicID: try d.identifier(row, clinic, what: "clinic id")))
    }
}

extension ScoreFormat {
    public static let items = ScoreFormat(known: "items")
}
