extension FHIRLayout {
    /// A QuestionnaireResponse of PHQ-9 or GAD-7 (told by its `questionnaire` or its items'
    /// LOINC linkIds): status completed or amended is read; `authored` is the instant; items
    /// by LOINC linkId (also `/44249-1/44250-9`), answers by `valueCoding` (ordinal extension,
    /// LA code, display text), `valueInteger` or `valueDecimal`; the total item, when there,
    /// must agree (analysis.md §1).
    func questionnaireResponse(_ resource: JSONResource, _ d: RowDecoder) -> RecordOutcome {
        let items = Self.flatten(resource.resources("item"))
        var byCode = items.compactMap { item -> (LOINC.Meaning, JSONResource)? in
            guard let link = item.string("linkId"), let meaning = codes.meaning(of: Self.lastComponent(link)) else { return nil }
            return (meaning, item)
        }
        guard let instrument = Self.instrument(questionnaire: resource.string("questionnaire"), byCode.map(\.0)) else {
            let name = resource.string("questionnaire").map { "QuestionnaireResponse \($0)" } ?? "QuestionnaireResponse of another questionnaire"
            return .ignored(IgnoredRow(key: resource.string("questionnaire") ?? "QuestionnaireResponse", label: name))
        }
        if byCode.isEmpty {
            // A questionnaire of the instrument with its own linkIds (`PHQ.1`, `phq9_3`, `q7`):
            // the number at the end of the linkId is the item's; past the item count (PHQ-9's
            // tenth, "how difficult") is not an item.
            byCode = items.compactMap { item -> (LOINC.Meaning, JSONResource)? in
                guard let link = item.string("linkId"), !item.resources("answer").isEmpty,
                      let number = Self.trailingNumber(link), (1...instrument.itemCount).contains(number) else { return nil }
                return (.item(instrument, number: number), item)
            }
        }
        return d.outcome { () throws(RowProblem) -> RecordOutcome in
            let status = resource.string("status") ?? ""
            guard ["completed", "amended"].contains(status) else {
                return .skipped(RowProblem(column: "status", "the QuestionnaireResponse's status is '\(DisplayText.quoted(status))': only completed and amended are read"))
            }
            guard let patient = FHIRValues.patient(resource.resource("subject")) else {
                throw RowProblem(column: "subject", "the QuestionnaireResponse has no subject (patient)")
            }
            let at = try instant(resource.string("authored"), what: "authored", d)
            var values = [Int?](repeating: nil, count: instrument.itemCount)
            var total: Int?
            for (meaning, item) in byCode {
                switch meaning {
                case .item(instrument, let number): values[number - 1] = try answer(item, instrument)
                case .total(instrument): total = try answer(item, instrument)
                default: continue
                }
            }
            let kept = values.allSatisfy { $0 == nil } ? [] : values
            let scored = try d.scored(instrument, items: kept, total: total, itemColumns: [], totalColumn: nil)
            return .score(ScoreRecord(patientID: patient, instrument: instrument, administeredAt: at, total: scored.total,
                                      items: kept, prorated: scored.prorated))
        }
    }

    /// The answer of an item: nil when it has none.
    func answer(_ item: JSONResource, _ instrument: Instrument) throws(RowProblem) -> Int? {
        guard let answer = item.resources("answer").first else { return nil }
        let link = item.string("linkId") ?? "?"
        if let number = answer.number("valueInteger") ?? answer.number("valueDecimal") {
            guard number == number.rounded() else { throw RowProblem(column: link, "the answer \(number) is not a whole number") }
            return Int(number)
        }
        if let coding = answer.resource("valueCoding") {
            if let value = FHIRValues.value(of: coding, instrument, answers) { return value }
            throw RowProblem(column: link, "the answer '\(DisplayText.quoted(coding.string("code") ?? coding.string("display") ?? "?"))' is not a \(instrument.displayName) answer code")
        }
        if let text = answer.string("valueString") {
            if let value = Int(text.trimmingWhitespace) ?? answers.value(of: text, for: instrument) { return value }
            throw RowProblem(column: link, "the answer '\(DisplayText.quoted(text))' is neither a number nor a \(instrument.displayName) answer")
        }
        throw RowProblem(column: link, "the answer has no value this version reads (valueCoding, valueInteger, valueDecimal, valueString)")
    }

    static func flatten(_ items: [JSONResource]) -> [JSONResource] {
        items.flatMap { [$0] + flatten($0.resources("item")) + $0.resources("answer").flatMap { flatten($0.resources("item")) } }
    }

    /// `PHQ.3` → 3, `phq9_10` → 10, `q7` → 7; nil without a number at the end.
    static func trailingNumber(_ link: String) -> Int? {
        let digits = link.reversed().prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count < 4 else { return nil }
        return Int(String(digits.reversed()))
    }

    static func lastComponent(_ link: String) -> String {
        link.split(separator: "/").last.map(String.init) ?? link
    }

    /// PHQ-9 or GAD-7 from the questionnaire's canonical URL, else from the items' codes.
    static func instrument(questionnaire: String?, _ meanings: [LOINC.Meaning]) -> Instrument? {
        if let url = questionnaire?.lowercased() {
            if url.contains("44249-1") || url.contains("phq-9") || url.contains("phq9") { return .phq9 }
            if url.contains("69737-5") || url.contains("gad-7") || url.contains("gad7") { return .gad7 }
        }
        var counts: [Instrument: Int] = [:]
        for meaning in meanings {
            switch meaning {
            case .item(let instrument, _), .total(let instrument), .panel(let instrument): counts[instrument, default: 0] += 1
            }
        }
        return counts.max { $0.value < $1.value }?.key
    }
}
