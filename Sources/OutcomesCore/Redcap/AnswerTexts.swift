/// Answer texts and the item values they stand for: each instrument's standard answers (and
/// the variants clinics type), plus the pipeline's `[answers]` table. Texts are compared after
/// `AnswerTexts.key`: lower case, punctuation and repeated spaces dropped.
public struct AnswerTexts: Sendable, Equatable {
    /// `[answers]` entries that apply to every instrument.
    public var common: [String: Int]
    /// `[answers.PHQ9]` … entries, which win over `common` for their instrument.
    public var byInstrument: [Instrument: [String: Int]]

    public init(common: [String: Int] = [:], byInstrument: [Instrument: [String: Int]] = [:]) {
        self.common = Dictionary(common.map { (Self.key($0.key), $0.value) }) { a, _ in a }
        self.byInstrument = byInstrument.mapValues { table in Dictionary(table.map { (Self.key($0.key), $0.value) }) { a, _ in a } }
    }

    /// The item value a text stands for in this instrument, or nil. A number written before or
    /// after the words ("2 - More than half the days", "Mild (1)") is dropped before matching,
    /// since the words, not the number, say what the answer was.
    public func value(of text: String, for instrument: Instrument) -> Int? {
        let key = Self.key(text)
        if let found = lookup(key, instrument) { return found }
        // A SNOMED CT display carries its semantic tag: "Not at all (qualifier value)".
        if let open = text.lastIndex(of: "("), text.trimmingWhitespace.hasSuffix(")"), open > text.startIndex,
           let found = lookup(Self.key(String(text[..<open])), instrument) {
            return found
        }
        var words = key.split(separator: " ")
        if let first = words.first, first.allSatisfy(\.isNumber) { words.removeFirst() }
        if let last = words.last, last.allSatisfy(\.isNumber) { words.removeLast() }
        return words.isEmpty ? nil : lookup(words.joined(separator: " "), instrument)
    }

    private func lookup(_ key: String, _ instrument: Instrument) -> Int? {
        byInstrument[instrument]?[key] ?? common[key] ?? Self.standard[instrument]?[key]
    }

    public static func key(_ text: String) -> String {
        var out = ""
        var space = false
        for scalar in text.lowercased().unicodeScalars {
            let letter = (scalar.value >= 0x61 && scalar.value <= 0x7A) || (scalar.value >= 0x30 && scalar.value <= 0x39) || scalar.value >= 0xC0
            if letter {
                if space, !out.isEmpty { out += " " }
                out.unicodeScalars.append(scalar)
                space = false
            } else {
                space = true
            }
        }
        return out
    }

    /// The answers printed on the instruments, and the variants seen in exports.
    static let standard: [Instrument: [String: Int]] = {
        let frequency: [String: Int] = [
            "not at all": 0, "never": 0,
            "several days": 1, "some days": 1,
            "more than half the days": 2, "more than half of the days": 2, "more than half": 2, "over half the days": 2,
            "nearly every day": 3, "nearly everyday": 3, "almost every day": 3, "every day": 3,
        ]
        let severity: [String: Int] = [
            "not present": 0, "none": 0, "absent": 0,
            "mild": 1, "moderate": 2, "severe": 3,
            "very severe": 4, "severe grossly disabling": 4, "very severe incapacitating": 4, "incapacitating": 4,
        ]
        return [.gad7: frequency, .phq9: frequency, .hama: severity]
    }()
}
