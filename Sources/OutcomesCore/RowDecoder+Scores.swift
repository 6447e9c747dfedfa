extension RowDecoder {
    func decodeLong(_ row: RawRow, _ layout: LongLayout) throws(RowProblem) -> RecordOutcome {
        let patientID = try patient(row, layout.patient)
        guard let name = text(row, layout.instrument) else {
            throw RowProblem(column: columnName(layout.instrument), "the instrument is empty")
        }
        guard let instrument = Instrument(exportName: name) else {
            throw RowProblem(column: columnName(layout.instrument), "unknown instrument '\(DisplayText.quoted(name))'; expected GAD-7, PHQ-9 or HAM-A")
        }
        let at = try instant(row, layout.administeredAt, what: "administration time")
        var items: [Int?] = []
        for (k, position) in layout.items.enumerated() {
            let value = try integer(row, position)
            if k < instrument.itemCount {
                items.append(value)
            } else if value != nil, let position {
                throw RowProblem(column: columnName(position), "\(instrument.displayName) has \(instrument.itemCount) items, but item \(k + 1) is filled in")
            }
        }
        if items.allSatisfy({ $0 == nil }) { items = [] }
        let total = try integer(row, layout.total)
        let scored = try scored(instrument, items: items, total: total,
                                itemColumns: Array(layout.items.prefix(instrument.itemCount)), totalColumn: layout.total)
        return .score(ScoreRecord(patientID: patientID, instrument: instrument, administeredAt: at, total: scored.total,
                                  items: items, prorated: scored.prorated, clinicID: try identifier(row, layout.clinic, what: "clinic id")))
    }

    func decodeItems(_ row: RawRow, _ layout: ItemsLayout) throws(RowProblem) -> RecordOutcome {
        let patientID = try patient(row, layout.patient)
        let at = try instant(row, layout.administeredAt, what: "administration time")
        var items: [Int?] = []
        for position in layout.items { items.append(try integer(row, position)) }
        if items.allSatisfy({ $0 == nil }) { items = [] }
        let total = try integer(row, layout.total)
        let scored = try scored(layout.instrument, items: items, total: total, itemColumns: layout.items,
                                totalColumn: layout.total)
        return .score(ScoreRecord(patientID: patientID, instrument: layout.instrument, administeredAt: at,
                                  total: scored.total, items: items, prorated: scored.prorated,
                                  clinicID: try identifier(row, layout.clinic, what: "clinic id")))
    }

    /// One outcome per instrument block that holds any value. A block whose
    /// `<prefix>_complete` is 0 or empty is skipped ("form not complete"), not rejected.
    func decodeRedcap(_ row: RawRow, _ layout: RedcapLayout) -> [RecordOutcome] {
        var outcomes: [RecordOutcome] = []
        for block in layout.blocks {
            let cells = block.items + [block.total, block.date]
            guard cells.contains(where: { position in position.map { !row.isBlank($0) } ?? false }) else { continue }
            outcomes.append(outcome { () throws(RowProblem) -> RecordOutcome in
                let status = text(row, block.complete)
                switch status {
                case nil, "0":
                    return .skipped(RowProblem(column: "\(block.prefix)_complete",
                        "form not complete: \(block.instrument.displayName) is marked \(status == nil ? "with no status" : "0 (incomplete)")"))
                case "1", "2": break
                default:
                    throw RowProblem(column: block.complete.map(columnName),
                        "the form status '\(DisplayText.quoted(status ?? ""))' is not 0, 1 or 2")
                }
                let patientID = try patient(row, layout.patient)
                guard block.date != nil else {
                    throw RowProblem(column: nil, "\(block.instrument.displayName) has answers but the file has no \(block.prefix)_date column")
                }
                let at = try instant(row, block.date, what: "\(block.instrument.displayName) date")
                var items: [Int?] = []
                for position in block.items { items.append(try integer(row, position)) }
                if items.allSatisfy({ $0 == nil }) { items = [] }
                let total = try integer(row, block.total)
                let scored = try scored(block.instrument, items: items, total: total, itemColumns: block.items,
                                        totalColumn: block.total)
                return .score(ScoreRecord(patientID: patientID, instrument: block.instrument, administeredAt: at,
                                          total: scored.total, items: items, prorated: scored.prorated,
                                          clinicID: try identifier(row, layout.clinic, what: "clinic id")))
            })
        }
        return outcomes
    }
}
