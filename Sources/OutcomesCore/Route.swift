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

    /// Recognises the spellings of analysis.md §2, the SNOMED CT route names and codes and
    /// the HL7 v2 table 0162 codes (see `codes`), ignoring case, white space, hyphens and
    /// underscores; then the pipeline's `[routes]` table (`extra`, keyed by `nameKey`). A coded
    /// value may carry its system: `SNOMED:46713006`, `http://snomed.info/sct|46713006`,
    /// `http://terminology.hl7.org/CodeSystem/v2-0162|NS`.
    public init?(exportName: some StringProtocol, extra: [String: Route] = [:]) {
        let key = nameKey(exportName)
        if let found = extra[key] ?? Self.byKey[key] {
            self = found
            return
        }
        // `system|code` (FHIR token) or `SYSTEM:code`: the code after the last separator.
        let text = String(exportName)
        guard let cut = text.lastIndex(where: { $0 == "|" || $0 == ":" }) else { return nil }
        let code = nameKey(text[text.index(after: cut)...])
        guard !code.isEmpty, let found = extra[code] ?? Self.byKey[code] else { return nil }
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
        for (code, route) in codes { table[nameKey(code)] = route }
        return table
    }()

    /// Standard route codes and names, as medication records write them.
    ///
    /// SNOMED CT (the "Route of administration" hierarchy, FHIR's SNOMEDCTRouteCodes value
    /// set): Intravenous route 47625008, Intramuscular route 78421000, Nasal route 46713006,
    /// Sublingual route 37839007, Oral route 26643006, Subcutaneous route 34206005, Buccal
    /// route 54471007. Buccal is read as SL: ketamine troches and lozenges are held in the
    /// mouth (under the tongue or against the cheek) and absorbed through the oral mucosa,
    /// which is the SL row of analysis.md §2, not swallowed (PO).
    ///
    /// HL7 v2 table 0162 (Route of Administration, http://terminology.hl7.org/CodeSystem/v2-0162):
    /// IV Intravenous, IM Intramuscular, NS Nasal → IN, SL Sublingual, TL Translingual → SL
    /// (on the tongue, absorbed in the mouth), B Buccal → SL (as above), PO Oral, SC
    /// Subcutaneous. Other 0162 codes (NP nasal prongs, IH inhalation, TD transdermal …) are
    /// not ketamine routes of analysis.md §2 and stay unknown; a clinic that uses one adds it
    /// to the pipeline's `[routes]` table.
    public static let codes: [String: Route] = [
        "47625008": .iv, "Intravenous route": .iv,
        "78421000": .im, "Intramuscular route": .im,
        "46713006": .intranasal, "Nasal route": .intranasal,
        "37839007": .sublingual, "Sublingual route": .sublingual,
        "26643006": .oral, "Oral route": .oral,
        "34206005": .subcutaneous, "Subcutaneous route": .subcutaneous,
        "54471007": .sublingual, "Buccal route": .sublingual, "buccal": .sublingual,
        "NS": .intranasal, "TL": .sublingual, "translingual": .sublingual, "B": .sublingual,
    ]
}
