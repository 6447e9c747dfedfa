extension ExportLayout {
    /// A value the layout reads: a contract column (found by its name, an alias or the
    /// source's mapping) or a header name taken as written (`gad7_3`, `record_id`).
    enum ColumnRead {
        case field(String)
        case header(String)
    }

    /// The first value of the layout that two columns give, as a layout error naming both
    /// columns (1-based) and what to do. Duplicates of columns the layout does not read are fine.
    static func duplicateColumns(_ layout: ExportLayout, _ index: HeaderIndex) -> LayoutError? {
        for read in reads(layout, index) {
            let found: [Int]
            let what: String
            switch read {
            case .field(let name):
                found = index.positions(of: name)
                what = fieldNames[name] ?? name
            case .header(let name):
                found = index.positions(ofHeader: name)
                what = name
            }
            guard found.count > 1 else { continue }
            let (a, b) = (found[0], found[1])
            let sameName = index.name(a).lowercased() == index.name(b).lowercased()
            var advice = "keep one"
            if case .field(let name) = read, !sameName, !index.isMapped(name) {
                advice += ", or pick one with the source's columns key, e.g. columns = { \(name) = \"\(DisplayText.quoted(index.name(b)))\" }"
            }
            return LayoutError("columns \(a + 1) (\(DisplayText.quoted(index.name(a)))) and \(b + 1) (\(DisplayText.quoted(index.name(b)))) "
                + "both give \(what); \(advice)")
        }
        return nil
    }

    /// What each form reads, in the order its message should name a clash.
    private static func reads(_ layout: ExportLayout, _ index: HeaderIndex) -> [ColumnRead] {
        switch layout {
        case .sessions:
            return ["patient_id", "session_start", "route", "dose_mg", "weight_kg", "duration_min", "clinic_id", "session_id"]
                .map(ColumnRead.field)
        case .long:
            return ["patient_id", "instrument", "administered_at", "total"].map(ColumnRead.field)
                + (1...14).map { .header("item_\($0)") } + [.field("clinic_id")]
        case .items(let items):
            // The item columns' prefix as the header writes it (`gad7`, `phq`, or `item`).
            let first = index.name(items.items[0]).lowercased()
            let prefix = String(first.dropLast(2))
            let total: ColumnRead = index.position(ofHeader: "\(prefix)_total") != nil ? .header("\(prefix)_total") : .field("total")
            return [.field("patient_id"), .field("administered_at")]
                + (1...items.instrument.itemCount).map { .header("\(prefix)_\($0)") } + [total, .field("clinic_id")]
        case .redcap(let redcap):
            let patient: ColumnRead = index.isMapped("patient_id") || index.position(ofHeader: "record_id") == nil
                ? .field("patient_id") : .header("record_id")
            let blocks = redcap.blocks.flatMap { block in
                (1...block.instrument.itemCount).map { ColumnRead.header("\(block.prefix)_\($0)") }
                    + ["total", "date", "complete"].map { .header("\(block.prefix)_\($0)") }
            }
            return [patient] + blocks + [.field("clinic_id")]
        }
    }

    /// How a message names a contract column's value.
    private static let fieldNames: [String: String] = [
        "patient_id": "the patient id", "instrument": "the instrument", "administered_at": "the administration time",
        "total": "the total", "clinic_id": "the clinic id", "session_start": "the session start", "route": "the route",
        "dose_mg": "the dose", "weight_kg": "the weight", "duration_min": "the duration", "session_id": "the session id",
    ]
}
