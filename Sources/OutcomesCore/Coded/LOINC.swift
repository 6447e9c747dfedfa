/// The LOINC codes of the instruments (PHQ-9 panel 44249-1, GAD-7 panel 69737-5), their items
/// in order, their totals and the LL358-3 answer codes. HAM-A has no LOINC code: a local code
/// (`HAMA-TOTAL` by default, or the pipeline's `[codes]`) stands in for its total.
public enum LOINC {
    public struct Instrument: Sendable {
        public var instrument: OutcomesCore.Instrument
        public var panel: String?
        public var total: String
        /// Item k at index k − 1.
        public var items: [String]
    }

    public static let phq9 = Instrument(
        instrument: .phq9, panel: "44249-1", total: "44261-6",
        items: ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"])
    public static let gad7 = Instrument(
        instrument: .gad7, panel: "69737-5", total: "70274-6",
        items: ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"])

    /// Codes that look close but are not our instruments (PHQ-2 total; the MDS 3.0 mood
    /// interview), kept here so that no one adds them by mistake.
    public static let notInstruments: [String: String] = ["55758-7": "PHQ-2 total", "54635-8": "MDS 3.0 mood interview", "93170-9": "MDS 3.0 mood interview"]

    /// LL358-3 answers: "Not at all" 0, "Several days" 1, "More than half the days" 2,
    /// "Nearly every day" 3.
    public static let answers: [String: Int] = ["LA6568-5": 0, "LA6569-3": 1, "LA6570-1": 2, "LA6571-9": 3]

    /// What a code is: an instrument's total, one of its items, its panel, or nothing of ours.
    public enum Meaning: Equatable, Sendable {
        case total(OutcomesCore.Instrument)
        case item(OutcomesCore.Instrument, number: Int)
        case panel(OutcomesCore.Instrument)
    }

    /// The codes of the instruments, with the local HAM-A total code(s).
    public struct Table: Sendable, Equatable {
        public var meanings: [String: Meaning]

        public init(localCodes: [String: Meaning] = ["HAMA-TOTAL": .total(.hama)]) {
            var meanings: [String: Meaning] = [:]
            for entry in [LOINC.phq9, LOINC.gad7] {
                meanings[entry.total] = .total(entry.instrument)
                if let panel = entry.panel { meanings[panel] = .panel(entry.instrument) }
                for (k, code) in entry.items.enumerated() { meanings[code] = .item(entry.instrument, number: k + 1) }
            }
            meanings.merge(localCodes) { $1 }
            self.meanings = meanings
        }

        /// The meaning of a code as exported (`44261-6`, ` 44261-6 `, `LOINC:44261-6`).
        public func meaning(of code: String) -> Meaning? {
            let trimmed = code.trimmingWhitespace
            if let found = meanings[trimmed] { return found }
            if let colon = trimmed.lastIndex(of: ":") { return meanings[String(trimmed[trimmed.index(after: colon)...])] }
            return nil
        }
    }
}
