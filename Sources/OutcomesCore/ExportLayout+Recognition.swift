extension ExportLayout {
    /// Recognises a file's form from its header, within what the source allows (interface.md:
    /// `kind`/`format` `auto` means "tell from the header").
    /// Two columns that give the same value (`total,total`; `patient_id,mrn`) make the file
    /// unrecognised rather than one of them silently winning.
    public static func recognise(header: [String], options: SourceOptions) -> Result<ExportLayout, LayoutError> {
        let index = HeaderIndex(header: header, mapping: options.columns)
        return form(index, options).flatMap { layout in
            duplicateColumns(layout, index).map { .failure($0) } ?? .success(layout)
        }
    }

    private static func form(_ index: HeaderIndex, _ options: SourceOptions) -> Result<ExportLayout, LayoutError> {
        for (name, mapped) in options.columns.sorted(by: { $0.key < $1.key })
        where ColumnAliases.table[name] != nil && index.position(ofHeader: mapped) == nil {
            return .failure(LayoutError("the source maps \(name) to '\(mapped)', but the header has no such column"))
        }
        if options.kind == .sessions { return sessions(index).map { .sessions($0) } }
        switch options.format {
        case .long: return long(index).map { .long($0) }
        case .items: return items(index, options).map { .items($0) }
        case .redcap: return redcap(index, options).map { .redcap($0) }
        case .auto: break
        }
        if options.kind == .auto, looksLikeSessions(index) { return sessions(index).map { .sessions($0) } }
        if index.position(ofHeader: "redcap_event_name") != nil || index.position(ofHeader: "redcap_repeat_instrument") != nil {
            return redcap(index, options).map { .redcap($0) }
        }
        if index.position(of: "instrument") != nil { return long(index).map { .long($0) } }
        if case .success(let layout) = items(index, options) { return .success(.items(layout)) }
        return .failure(LayoutError(
            "the header matches no export form: sessions need patient_id, session_start and route; "
            + "long scores need patient_id, instrument, administered_at and total; "
            + "item scores need patient_id, administered_at and <prefix>_1 … <prefix>_N (gad7, phq9, hama); "
            + "REDCap needs record_id and redcap_event_name"))
    }

    private static func looksLikeSessions(_ index: HeaderIndex) -> Bool {
        index.position(of: "session_start") != nil && index.position(of: "route") != nil
    }

    private static func required(_ name: String, _ index: HeaderIndex, form: String) -> Result<Int, LayoutError> {
        guard let found = index.position(of: name) else {
            return .failure(LayoutError("\(form) needs a column \(index.expectation(of: name)); the header has none"))
        }
        return .success(found)
    }

    private static func sessions(_ index: HeaderIndex) -> Result<SessionsLayout, LayoutError> {
        let form = "a session export"
        return required("patient_id", index, form: form).flatMap { patient in
            required("session_start", index, form: form).flatMap { start in
                required("route", index, form: form).map { route in
                    SessionsLayout(patient: patient, start: start, route: route,
                                   dose: index.position(of: "dose_mg"), weight: index.position(of: "weight_kg"),
                                   duration: index.position(of: "duration_min"), clinic: index.position(of: "clinic_id"),
                                   sessionID: index.position(of: "session_id"))
                }
            }
        }
    }

    private static func long(_ index: HeaderIndex) -> Result<LongLayout, LayoutError> {
        let form = "a long score export"
        return required("patient_id", index, form: form).flatMap { patient in
            required("instrument", index, form: form).flatMap { instrument in
                required("administered_at", index, form: form).flatMap { at in
                    let total = index.position(of: "total")
                    let items = (1...14).map { index.position(ofHeader: "item_\($0)") }
                    if total == nil, items[0] == nil {
                        return .failure(LayoutError("\(form) needs a column \(index.expectation(of: "total")) or item_1 … item_N; the header has neither"))
                    }
                    return .success(LongLayout(patient: patient, instrument: instrument, administeredAt: at, total: total,
                                               items: items, clinic: index.position(of: "clinic_id")))
                }
            }
        }
    }

    private static func items(_ index: HeaderIndex, _ options: SourceOptions) -> Result<ItemsLayout, LayoutError> {
        let form = "an item-level score export"
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
        return required("patient_id", index, form: form).flatMap { patient in
            required("administered_at", index, form: form).map { at in
                ItemsLayout(instrument: instrument, patient: patient, administeredAt: at, items: columns,
                            total: index.position(ofHeader: "\(prefix)_total") ?? index.position(of: "total"),
                            clinic: index.position(of: "clinic_id"))
            }
        }
    }

    private static func redcap(_ index: HeaderIndex, _ options: SourceOptions) -> Result<RedcapLayout, LayoutError> {
        let form = "a REDCap export"
        let patientPosition = options.columns["patient_id"].flatMap(index.position(ofHeader:))
            ?? index.position(ofHeader: "record_id") ?? index.position(of: "patient_id")
        guard let patient = patientPosition else {
            return .failure(LayoutError("\(form) needs its record id column 'record_id' (or map patient_id to it); the header has none"))
        }
        let blocks: [RedcapLayout.Block] = Instrument.allCases.compactMap { instrument in
            let prefix = options.prefix(of: instrument)
            let items = (1...instrument.itemCount).map { index.position(ofHeader: "\(prefix)_\($0)") }
            let total = index.position(ofHeader: "\(prefix)_total")
            guard total != nil || items.contains(where: { $0 != nil }) else { return nil }
            return RedcapLayout.Block(instrument: instrument, prefix: prefix, items: items, total: total,
                                      date: index.position(ofHeader: "\(prefix)_date"),
                                      complete: index.position(ofHeader: "\(prefix)_complete"))
        }
        guard !blocks.isEmpty else {
            return .failure(LayoutError("\(form) needs the columns of at least one instrument (gad7_1 …, phq9_1 …, hama_1 …); the header has none"))
        }
        return .success(RedcapLayout(patient: patient, blocks: blocks, clinic: index.position(of: "clinic_id")))
    }
}
