/// How the ketamine was given (analysis.md §2). The case order is the report order and the
/// tie-break order for sessions that start at the same instant.
public enum Route: String, CaseIterable, Sendable, Comparable, Codable {
    case iv = "IV"
    case im = "IM"
    case intranasal = "IN"
    case sublingual = "SL"
    case oral = "PO"
    case subcutaneous = "SC"

    public var displayName: String {
        switch self {
        case .iv: "intravenous infusion"
        case .im: "intramuscular injection"
        case .intranasal: "intranasal (esketamine)"
        case .sublingual: "sublingual / oral troche"
        case .oral: "oral (swallowed)"
        case .subcutaneous: "subcutaneous"
        }
    }

    /// Position in the table of analysis.md §2.
    public var order: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: Route, b: Route) -> Bool { a.order < b.order }

    /// Recognises the spellings of analysis.md §2, ignoring case, white space, hyphens and underscores.
    public init?(exportName: some StringProtocol) {
        guard let found = Self.byKey[nameKey(exportName)] else { return nil }
        self = found
    }

    private static let byKey: [String: Route] = {
        let spellings: [Route: [String]] = [
            .iv: ["IV", "intravenous", "infusion", "IV infusion", "intravenous infusion"],
            .im: ["IM", "intramuscular", "injection", "IM injection", "intramuscular injection"],
            .intranasal: ["IN", "intranasal", "nasal", "nasal spray", "esketamine", "Spravato",
                          "intranasal esketamine", "esketamine nasal spray"],
            .sublingual: ["SL", "sublingual", "troche", "lozenge", "RDT", "ODT", "sublingual troche"],
            .oral: ["PO", "oral", "capsule", "tablet"],
            .subcutaneous: ["SC", "SQ", "subcutaneous", "subcut"],
        ]
        var table: [String: Route] = [:]
        for (route, names) in spellings {
            for name in names { table[nameKey(name)] = route }
        }
        return table
    }()
}
