/// A data-quality reason with the row's own values taken out, so that rows failing for the
/// same cause count together and no cell value leaves with the count (data_quality_summary.csv,
/// report.md's most frequent reasons). What describes the rule stays: item numbers, allowed
/// ranges, column and file names, instrument and route names, item counts.
///
/// Taken out: every quoted text (`'…'`, the ingest quotes every raw cell value it shows) as
/// `'<value>'`; dates and times (`2026-03-08`, `02:30`, `03/04/2026`) as `<date>`/`<time>`;
/// line numbers as `<line>`; decimals; and a whole number where the reason puts a row's value
/// (after total, is, to, dose, answer, day, month, its; before rows, row, fields, rejected,
/// skipped, at, here; a month and year as `<month year>`). The list of date forms the parser
/// reads, quoted in every unreadable-date reason, becomes "in one of the forms read".
public enum ReasonClass {
    static let valueAfter: Set<String> = ["total", "is", "to", "dose", "answer", "day", "month", "its", "value", "score", "→"]
    static let valueBefore: Set<String> = ["rows", "row", "fields", "rejected", "skipped", "at", "here"]
    static let months: Set<String> = ["January", "February", "March", "April", "May", "June", "July", "August",
                                      "September", "October", "November", "December"]

    public static func of(_ reason: String) -> String {
        let unquoted = maskQuotes(reason.replacingOccurrences(
            of: TimestampError.expectedForms, with: "expected a date and time in one of the forms read"))
        let words = unquoted.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            let (lead, core, trail) = split(word)
            let previous = index > 0 ? split(words[index - 1]).core.lowercased() : ""
            let next = index + 1 < words.count ? split(words[index + 1]).core.lowercased() : ""
            if months.contains(core), trail.isEmpty, index + 1 < words.count, isWholeNumber(split(words[index + 1]).core) {
                out.append(lead + "<month year>" + split(words[index + 1]).trail)
                index += 2
                continue
            }
            if let masked = mask(core, previous: previous, next: next) {
                out.append(lead + masked + trail)
            } else {
                out.append(word)
            }
            index += 1
        }
        return out.joined(separator: " ")
    }

    /// What a numeric-looking word becomes, or nil when it stays.
    static func mask(_ core: String, previous: String, next: String) -> String? {
        guard core.contains(where: \.isNumber) else { return nil }
        let digitsAnd: (Set<Character>) -> Bool = { extra in core.allSatisfy { $0.isASCII && ($0.isNumber || extra.contains($0)) } }
        if digitsAnd(["-"]) && core.filter({ $0 == "-" }).count == 2 { return "<date>" }
        if digitsAnd(["/"]) && core.contains("/") { return "<date>" }
        if digitsAnd([":", "."]) && core.contains(":") { return "<time>" }
        if digitsAnd(["-", "T", ":", "+", "Z", "."]) && core.contains("T") { return "<date>" }
        if digitsAnd(["."]) && core.contains(".") && core.first!.isNumber && core.last!.isNumber { return "<value>" }
        guard isWholeNumber(core) else { return nil }
        if previous == "line" { return "<line>" }
        if valueAfter.contains(previous) || valueBefore.contains(next) { return "<value>" }
        return nil
    }

    static func isWholeNumber(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? String(text.dropFirst()) : text
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Punctuation around a word, kept as it is: `(2026-03-08)` is `(`, `2026-03-08`, `)`.
    static func split(_ word: String) -> (lead: String, core: String, trail: String) {
        let edge: Set<Character> = ["(", ")", ",", ";", ":", "."]
        var core = Substring(word)
        var lead = "", trail = ""
        while let first = core.first, edge.contains(first) { lead.append(first); core = core.dropFirst() }
        while let last = core.last, edge.contains(last) { trail.insert(last, at: trail.startIndex); core = core.dropLast() }
        return (lead, String(core), trail)
    }

    /// Every `'…'` becomes `'<value>'`; an unclosed quote hides the rest. A quote opens after a
    /// space or punctuation and closes before one, so that `Observation's` opens nothing and
    /// `'O'Brien'` is hidden whole.
    static func maskQuotes(_ text: String) -> String {
        let characters = Array(text)
        var out = ""
        var inQuote = false
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : nil
            let after = index + 1 < characters.count ? characters[index + 1] : nil
            let word: (Character?) -> Bool = { $0.map { $0.isLetter || $0.isNumber } ?? false }
            if character == "'" {
                if !inQuote && !word(before) { out += "'<value>'"; inQuote = true; continue }
                if inQuote && !word(after) { inQuote = false; continue }
            }
            if !inQuote { out.append(character) }
        }
        return out
    }
}
