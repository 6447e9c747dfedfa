/// How REDCap projects name an instrument's fields when no data dictionary says: item columns
/// `gad7_1`, `gad1`, `phq_1`, `phq9_q1`, `hama_01` …; totals `_total`, `_total_score`,
/// `_totalscore`, `_score` …; dates `<prefix>_date` ….
enum RedcapItemNames {
    /// What may stand between a prefix and the item number. No separator is allowed only
    /// after a prefix that does not end in a digit (`gad1`, never `phq91`).
    static let separators = ["_", "", "_q", "q", "_item", "_item_"]

    static let totalSuffixes = ["_total", "_total_score", "_totalscore", "_score", "_tot", "_sum", "total", "score", "_total_calc"]

    /// The prefixes to try for an instrument: the source's mapping first, then the usual ones.
    static func prefixes(_ instrument: Instrument, _ options: SourceOptions) -> [String] {
        let usual: [String] = switch instrument {
        case .gad7: ["gad7", "gad", "gad_7"]
        case .phq9: ["phq9", "phq", "phq_9"]
        case .hama: ["hama", "ham_a", "ham", "hars"]
        }
        let mapped = (options.columns[instrument.columnPrefix] ?? options.columns[instrument.rawValue.lowercased()]).map { [$0.lowercased()] } ?? []
        return mapped.isEmpty ? usual : mapped
    }

    /// The item columns of an instrument among the columns `allowed` lets it use: the prefix
    /// and separator that find the most items (ties: the first tried).
    static func items(_ instrument: Instrument, prefixes: [String], in index: HeaderIndex,
                      allowed: (Int) -> Bool) -> (prefix: String, columns: [Int?])? {
        var best: (prefix: String, columns: [Int?], found: Int)?
        for prefix in prefixes {
            for separator in separators where !(separator.isEmpty && prefix.last?.isNumber == true) {
                let columns: [Int?] = (1...instrument.itemCount).map { k in
                    let names = k < 10 ? ["\(prefix)\(separator)\(k)", "\(prefix)\(separator)0\(k)"] : ["\(prefix)\(separator)\(k)"]
                    return names.lazy.compactMap { index.position(ofHeader: $0) }.first { allowed($0) }
                }
                let found = columns.compactMap { $0 }.count
                if found > (best?.found ?? 0) { best = (prefix, columns, found) }
            }
        }
        return best.map { ($0.prefix, $0.columns) }
    }

    /// The total column of an instrument: `<prefix><suffix>` for each prefix tried.
    static func total(prefixes: [String], in index: HeaderIndex, allowed: (Int) -> Bool) -> Int? {
        for prefix in prefixes {
            for suffix in totalSuffixes {
                if let found = index.position(ofHeader: prefix + suffix), allowed(found) { return found }
            }
        }
        return nil
    }

    /// The instrument a REDCap form's name suggests (`patient_health_questionnaire_9`,
    /// `gad7`, `hamilton_anxiety_scale_hama`), or nil.
    static func instrument(ofForm form: String) -> Instrument? {
        let name = form.lowercased()
        let squeezed = name.filter { $0.isLetter || $0.isNumber }
        if squeezed.contains("hama") || squeezed.contains("hamilton") && squeezed.contains("anxiety") || squeezed.contains("hars") { return .hama }
        if squeezed.contains("gad7") || squeezed.contains("generalizedanxiety") || squeezed.contains("generalisedanxiety") { return .gad7 }
        if squeezed.contains("phq9") || squeezed.contains("patienthealthquestionnaire9") || squeezed == "patienthealthquestionnaire" { return .phq9 }
        return nil
    }

    /// The instrument whose first item a field label is ("Little interest or pleasure in doing
    /// things", "Feeling nervous, anxious, or on edge", "Anxious mood"), or nil: how a form
    /// with a name of the project's own (`depression_screen`) is known from its dictionary.
    static func instrument(ofFirstItemLabel label: String) -> Instrument? {
        let key = AnswerTexts.key(label)
        if key.contains("little interest or pleasure") { return .phq9 }
        if key.contains("nervous anxious") || key.contains("feeling nervous") { return .gad7 }
        if key.hasPrefix("anxious mood") || key.contains("1 anxious mood") { return .hama }
        return nil
    }
}

