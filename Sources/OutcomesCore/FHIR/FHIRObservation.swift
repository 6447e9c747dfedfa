extension FHIRLayout {
    /// An Observation: a total (44261-6, 70274-6) is an administration; an item (44250-9 …)
    /// joins the others of its (patient, instrument, instant); a panel (44249-1) with
    /// components is an administration with its items. Status final, amended or corrected
    /// is read; preliminary, registered, cancelled and entered-in-error are skipped.
    /// Nil for an item observation, which becomes part of its administration (given by
    /// `finish`, at the position of the administration's first item).
    func observation(_ resource: JSONResource, position: Int, _ d: RowDecoder) -> RecordOutcome? {
        let codes = FHIRValues.codes(resource.resource("code"))
        guard let (code, meaning) = codes.lazy.compactMap({ c in self.codes.meaning(of: c.code).map { (c, $0) } }).first else {
            let first = codes.first
            let key = first?.code ?? "no code"
            let label = first.map { "Observation \($0.code)\($0.display.map { " (\($0))" } ?? "")" } ?? "Observation without a code"
            return .ignored(IgnoredRow(key: key, label: label))
        }
        var joined = false
        let outcome = d.outcome { () throws(RowProblem) -> RecordOutcome in
            let status = resource.string("status") ?? ""
            guard ["final", "amended", "corrected"].contains(status) else {
                return .skipped(RowProblem(column: "status", "the Observation's status is '\(DisplayText.quoted(status))': only final, amended and corrected are read"))
            }
            guard let patient = FHIRValues.patient(resource.resource("subject")) else {
                throw RowProblem(column: "subject", "the Observation has no subject (patient)")
            }
            // A total derived from a QuestionnaireResponse of the same Bundle is that response's
            // administration: its instant, so that it is the response's duplicate.
            let derived = resource.resources("derivedFrom").lazy.compactMap { $0.string("reference") }.compactMap { self.authored[$0] }.first
            let at = try instant(derived ?? resource.string("effectiveDateTime") ?? resource.resource("effectivePeriod")?.string("start")
                                 ?? resource.string("effectiveInstant"), what: derived == nil ? "effectiveDateTime" : "authored", d)
            switch meaning {
            case .total(let instrument):
                let total = try wholeNumber(resource, instrument, what: "\(instrument.displayName) total (\(code.code))")
                // The total of item observations read before it is their administration's total.
                if let group = groups.existing(ItemGroups.Key(patient: patient, instrument: instrument, at: at)) {
                    group.total = total
                    joined = true
                    return .skipped(RowProblem(column: nil, "joined"))
                }
                let scored = try d.scored(instrument, items: [], total: total, itemColumns: [], totalColumn: nil)
                return .score(ScoreRecord(patientID: patient, instrument: instrument, administeredAt: at, total: scored.total))
            case .item(let instrument, let number):
                let value = try wholeNumber(resource, instrument, what: "\(instrument.displayName) item \(number) (\(code.code))")
                let group = groups.group(ItemGroups.Key(patient: patient, instrument: instrument, at: at), line: position)
                group.items[number - 1] = value
                joined = true
                return .skipped(RowProblem(column: nil, "joined"))
            case .panel(let instrument):
                // A panel that only points at its members (`hasMember`, as Synthea writes it):
                // the member Observations are read on their own.
                if resource.resources("component").isEmpty, !Self.hasValue(resource) {
                    return .ignored(IgnoredRow(key: code.code, label: "Observation \(code.code) (\(code.display ?? "\(instrument.displayName) panel"))",
                                               why: "a panel that only lists its members; the member Observations are read on their own"))
                }
                var items = [Int?](repeating: nil, count: instrument.itemCount)
                var total: Int?
                for component in resource.resources("component") {
                    guard let meaning = FHIRValues.codes(component.resource("code")).lazy.compactMap({ self.codes.meaning(of: $0.code) }).first else { continue }
                    switch meaning {
                    case .item(instrument, let number): items[number - 1] = try wholeNumber(component, instrument, what: "\(instrument.displayName) item \(number)")
                    case .total(instrument): total = try wholeNumber(component, instrument, what: "\(instrument.displayName) total")
                    default: continue
                    }
                }
                if total == nil, items.allSatisfy({ $0 == nil }), let value = try? wholeNumber(resource, instrument, what: "total") { total = value }
                let kept = items.allSatisfy { $0 == nil } ? [] : items
                let scored = try d.scored(instrument, items: kept, total: total, itemColumns: [], totalColumn: nil)
                return .score(ScoreRecord(patientID: patient, instrument: instrument, administeredAt: at, total: scored.total,
                                          items: kept, prorated: scored.prorated))
            }
        }
        return joined ? nil : outcome
    }

    static func hasValue(_ resource: JSONResource) -> Bool {
        ["valueInteger", "valueQuantity", "valueCodeableConcept", "valueString"].contains { resource.has($0) }
    }

    /// The value of an Observation or component: valueInteger, valueQuantity.value, or a
    /// valueCodeableConcept answer.
    func wholeNumber(_ resource: JSONResource, _ instrument: Instrument, what: String) throws(RowProblem) -> Int {
        if let number = resource.number("valueInteger") ?? resource.resource("valueQuantity")?.number("value") {
            guard number == number.rounded(), abs(number) < 1e9 else {
                throw RowProblem(column: "value", "the \(what) \(number) is not a whole number")
            }
            return Int(number)
        }
        if let concept = resource.resource("valueCodeableConcept") {
            for coding in concept.resources("coding") {
                if let value = FHIRValues.value(of: coding, instrument, answers) { return value }
            }
            if let text = concept.string("text"), let value = answers.value(of: text, for: instrument) { return value }
            throw RowProblem(column: "value", "the \(what) is a coded answer this version cannot score")
        }
        if let text = resource.string("valueString") {
            if let value = Int(text.trimmingWhitespace) { return value }
            if let value = answers.value(of: text, for: instrument) { return value }
            throw RowProblem(column: "value", "the \(what) '\(DisplayText.quoted(text))' is neither a number nor an answer")
        }
        throw RowProblem(column: "value", "the \(what) has no value (valueInteger, valueQuantity or valueCodeableConcept)")
    }
}
