/// A rating scale the clinic administers (analysis.md §1).
public enum Instrument: String, CaseIterable, Sendable, Comparable, Codable {
    case gad7 = "GAD7"
    case hama = "HAMA"
    case phq9 = "PHQ9"

    /// The name clinicians read ("GAD-7").
    public var displayName: String {
        switch self {
        case .gad7: "GAD-7"
        case .phq9: "PHQ-9"
        case .hama: "HAM-A"
        }
    }

    public var itemCount: Int {
        switch self {
        case .gad7: 7
        case .phq9: 9
        case .hama: 14
        }
    }

    public var itemRange: ClosedRange<Int> {
        switch self {
        case .gad7, .phq9: 0...3
        case .hama: 0...4
        }
    }

    public var totalRange: ClosedRange<Int> { 0...(itemCount * itemRange.upperBound) }

    /// Items that may be missing before a row is "incomplete" (default; the pipeline may override).
    public var defaultMaxMissingItems: Int {
        switch self {
        case .gad7: 1
        case .phq9: 2
        case .hama: 0
        }
    }

    /// Remission when the total is at or below this (default; the pipeline may override).
    public var defaultRemissionCutoff: Int {
        switch self {
        case .gad7, .phq9: 4
        case .hama: 7
        }
    }

    /// The column prefix of item-level exports (`gad7_1`, `phq9_total`, `hama_date`).
    public var columnPrefix: String { rawValue.lowercased() }

    /// Report order: GAD7, HAMA, PHQ9 (interface.md, "Rows sorted by instrument").
    public static func < (a: Instrument, b: Instrument) -> Bool { a.rawValue < b.rawValue }

    /// Recognises the spellings found in exports ("GAD-7", "gad7", "GAD 7", "Hamilton Anxiety").
    public init?(exportName: some StringProtocol) {
        guard let found = Self.byKey[nameKey(exportName)] else { return nil }
        self = found
    }

    private static let byKey: [String: Instrument] = {
        var table: [String: Instrument] = [:]
        let spellings: [Instrument: [String]] = [
            .gad7: ["GAD7", "GAD-7", "GAD 7", "Generalized Anxiety Disorder 7", "Generalised Anxiety Disorder 7"],
            .phq9: ["PHQ9", "PHQ-9", "PHQ 9", "Patient Health Questionnaire 9"],
            .hama: ["HAMA", "HAM-A", "HAM A", "Hamilton Anxiety", "Hamilton Anxiety Rating Scale",
                    "Hamilton Anxiety Scale", "HARS"],
        ]
        for (instrument, names) in spellings {
            for name in names { table[nameKey(name)] = instrument }
        }
        return table
    }()
}
