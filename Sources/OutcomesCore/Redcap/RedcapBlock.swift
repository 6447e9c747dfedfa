/// Where one instrument sits in a REDCap export: its item, total, date, survey timestamp and
/// form-status columns, and, from a data dictionary, the coded choices of its items.
public struct RedcapBlock: Sendable {
    public var instrument: Instrument
    /// The REDCap form that holds the items, when known (from the dictionary, or from the
    /// `<form>_complete` column written after the form's last field).
    public var form: String?
    /// How messages name the block's columns when they name none (`phq9`).
    public var prefix: String
    /// Column of item k at index k − 1 (nil when the file lacks that item's column).
    public var items: [Int?]
    /// Per item: answer text key (`AnswerTexts.key`) or raw code → item value, from the
    /// dictionary's choices; nil when the dictionary has none for that item.
    public var choices: [[String: Int]?]
    public var total: Int?
    /// The form's own date or datetime fields, first first.
    public var dates: [Int]
    /// `<form>_timestamp`: when the survey was completed, or `[not completed]`.
    public var timestamp: Int?
    /// `<form>_complete`: 0 Incomplete, 1 Unverified, 2 Complete.
    public var status: Int?

    /// The columns whose values make the row carry this instrument.
    var valueColumns: [Int] { items.compactMap { $0 } + [total].compactMap { $0 } + dates }
}

/// Finds the instrument blocks of a REDCap header, from a data dictionary when there is one
/// that fits the header, else from the names projects commonly give fields.
enum RedcapBlockFinder {
    static func blocks(_ index: HeaderIndex, _ context: FormContext, dictionary: RedcapDictionary?) -> [RedcapBlock] {
        if let dictionary {
            let found = fromDictionary(index, context, dictionary)
            if !found.isEmpty { return found }
        }
        return fromNames(index, context)
    }

    /// Columns that end a form (`<form>_complete`), in header order.
    static func statusColumns(_ index: HeaderIndex) -> [Int] {
        index.names.indices.filter { position in
            let name = index.names[position].lowercased()
            return name.hasSuffix("_complete") && !name.hasPrefix("redcap_")
        }
    }

    // MARK: without a dictionary

    static func fromNames(_ index: HeaderIndex, _ context: FormContext) -> [RedcapBlock] {
        var taken = Set<Int>()
        var blocks: [RedcapBlock] = []
        let statuses = statusColumns(index)
        for instrument in Instrument.allCases {
            let prefixes = RedcapItemNames.prefixes(instrument, context.options)
            let found = RedcapItemNames.items(instrument, prefixes: prefixes, in: index) { !taken.contains($0) }
            let total = RedcapItemNames.total(prefixes: found.map { [$0.prefix] + prefixes } ?? prefixes, in: index) { !taken.contains($0) }
            guard found != nil || total != nil else { continue }
            let items = found?.columns ?? [Int?](repeating: nil, count: instrument.itemCount)
            let prefix = found?.prefix ?? prefixes[0]
            let last = (items.compactMap { $0 } + [total].compactMap { $0 }).max() ?? 0
            // REDCap writes a form's status column right after the form's last field.
            let status = index.position(ofHeader: "\(prefix)_complete") ?? statuses.first { $0 > last }
            let form = status.map { String(index.name($0).dropLast("_complete".count)) }
            let spanStart = status.flatMap { s in statuses.last { $0 < s } }.map { $0 + 1 } ?? 0
            var block = RedcapBlock(instrument: instrument, form: form, prefix: prefix, items: items,
                                    choices: items.map { _ in nil }, total: total, dates: [], timestamp: nil, status: status)
            let own = Set(block.valueColumns)
            var dates = ["_date", "_datetime", "_date_completed", "_completed_date", "_dt", "date"]
                .compactMap { index.position(ofHeader: prefix + $0) }
            if let status, dates.isEmpty {
                // Else a date field of the form: a column between the previous form's status and this one.
                dates = (spanStart..<status).filter { position in
                    !own.contains(position) && index.names[position].lowercased().contains("date")
                        && !index.names[position].lowercased().hasSuffix("_timestamp")
                }
            }
            block.dates = dates.filter { !taken.contains($0) }
            block.timestamp = form.flatMap { index.position(ofHeader: "\($0)_timestamp") }
            taken.formUnion(block.valueColumns)
            blocks.append(block)
        }
        return blocks
    }

    // MARK: with a dictionary

    static func fromDictionary(_ index: HeaderIndex, _ context: FormContext, _ dictionary: RedcapDictionary) -> [RedcapBlock] {
        var blocks: [RedcapBlock] = []
        for form in dictionary.forms {
            let fields = dictionary.fields.filter { $0.form == form && index.position(ofHeader: $0.name) != nil }
            guard !fields.isEmpty else { continue }
            let inForm = Set(fields.compactMap { index.position(ofHeader: $0.name) })
            var taken = Set<Int>()
            var found: [(Instrument, String, [Int?])] = []
            for instrument in Instrument.allCases {
                let prefixes = RedcapItemNames.prefixes(instrument, context.options)
                guard let match = RedcapItemNames.items(instrument, prefixes: prefixes, in: index, allowed: { inForm.contains($0) && !taken.contains($0) }),
                      match.columns.compactMap({ $0 }).count * 2 >= instrument.itemCount else { continue }
                taken.formUnion(match.columns.compactMap { $0 })
                found.append((instrument, match.prefix, match.columns))
            }
            let named = RedcapItemNames.instrument(ofForm: form)
                ?? fields.lazy.filter { !$0.choices.isEmpty }.compactMap { RedcapItemNames.instrument(ofFirstItemLabel: $0.label) }.first
            if found.isEmpty, let instrument = named {
                // Items by their choices: the form's coded questions whose answers fit the instrument.
                let questions = fields.filter { field in
                    !field.choices.isEmpty && !field.label.lowercased().contains("difficult")
                        && field.choices.allSatisfy { choice in value(of: choice, instrument, context.options.answers).map(instrument.itemRange.contains) ?? false }
                }
                if questions.count >= instrument.itemCount {
                    found.append((instrument, form, questions.prefix(instrument.itemCount).map { index.position(ofHeader: $0.name) }))
                }
            }
            for (instrument, prefix, items) in found {
                let calculated = fields.filter(\.isCalculated)
                let named = RedcapItemNames.total(prefixes: [prefix] + RedcapItemNames.prefixes(instrument, context.options), in: index) { inForm.contains($0) }
                let total = named ?? (calculated.count == 1 ? index.position(ofHeader: calculated[0].name) : nil)
                let choices: [[String: Int]?] = items.map { position in
                    guard let position, let field = dictionary.field(index.name(position)), !field.choices.isEmpty else { return nil }
                    var table: [String: Int] = [:]
                    for choice in field.choices {
                        guard let value = value(of: choice, instrument, context.options.answers) else { continue }
                        table[choice.code.lowercased()] = value
                        table[AnswerTexts.key(choice.label)] = value
                    }
                    return table
                }
                let dates = fields.filter { $0.isDate && !$0.name.lowercased().contains("birth") && !$0.name.lowercased().contains("dob") }
                    .compactMap { index.position(ofHeader: $0.name) }
                blocks.append(RedcapBlock(instrument: instrument, form: form, prefix: prefix, items: items, choices: choices,
                                          total: total, dates: dates, timestamp: index.position(ofHeader: "\(form)_timestamp"),
                                          status: index.position(ofHeader: "\(form)_complete")))
            }
        }
        return blocks
    }

    /// The item value a coded choice stands for: by its label when the label is an answer
    /// text of the instrument (a project may code "Not at all" as 1), else its code.
    static func value(of choice: RedcapDictionary.Choice, _ instrument: Instrument, _ answers: AnswerTexts) -> Int? {
        answers.value(of: choice.label, for: instrument) ?? Int(choice.code)
    }
}
