/// FHIR R4 JSON (docs/ingest.md, "Exporting from an EHR or a FHIR server"): Bulk Data NDJSON
/// (one resource a line; the position is the physical line), a Bundle (the position is the
/// entry's index, from 1) or a single resource. Observations and QuestionnaireResponses of the
/// instruments become administrations; other resources are counted by type, not rejected.
public struct FHIRLayout: ExportForm {
    public static let name = "fhir"
    public static let kind = ExportKind.scores
    public static let container = ExportContainer.json
    public static let mappableColumns: Set<String> = []

    public var answers: AnswerTexts
    public var codes: LOINC.Table
    public var fileKind: ExportKind
    /// Item observations waiting for the rest of their administration.
    let groups = ItemGroups()
    /// The `authored` of each QuestionnaireResponse of a Bundle, by `QuestionnaireResponse/<id>`.
    var authored: [String: String] = [:]

    public var wantsFirstPass: Bool { true }

    public mutating func firstPass(resource: JSONResource) {
        guard resource.resourceType == "QuestionnaireResponse", let id = resource.string("id"), let at = resource.string("authored") else { return }
        authored["QuestionnaireResponse/\(id)"] = at
    }

    public static func isNamed(by options: SourceOptions) -> Bool { options.format == .fhir }
    public static func claims(_ header: HeaderIndex, _ context: FormContext) -> Bool { false }

    public static func layout(_ header: HeaderIndex, _ context: FormContext) -> Result<FHIRLayout, LayoutError> {
        .failure(LayoutError("a FHIR export is JSON (NDJSON, a Bundle or one resource), not a CSV file"))
    }

    public static func layout(firstResource: JSONResource, _ context: FormContext) -> Result<FHIRLayout, LayoutError>? {
        guard let type = firstResource.resourceType else { return nil }
        var kind = ExportKind.scores
        if type == "MedicationAdministration" { kind = .sessions }
        if type == "Bundle" {
            let types = Set(firstResource.resources("entry").compactMap { $0.resource("resource")?.resourceType })
            if types.contains("MedicationAdministration"), !types.contains("Observation"), !types.contains("QuestionnaireResponse") { kind = .sessions }
        }
        return .success(FHIRLayout(answers: context.options.answers, codes: context.options.codes, fileKind: kind))
    }

    public func reads(_ header: HeaderIndex) -> [ExportLayout.ColumnRead] { [] }

    public func decode(resource: JSONResource, position: Int, _ d: RowDecoder) -> [RecordOutcome] {
        switch resource.resourceType {
        case "Observation": return [observation(resource, position: position, d) ?? .joined]
        case "QuestionnaireResponse": return [questionnaireResponse(resource, d)]
        case "MedicationAdministration": return [medicationAdministration(resource, d)]
        case let type?: return [.ignored(IgnoredRow(key: type, label: "FHIR \(type)"))]
        case nil: return [.rejected(RowProblem(column: nil, "the JSON object has no resourceType; a FHIR resource was expected"))]
        }
    }

    public func finish(_ d: RowDecoder) -> [(line: Int, outcome: RecordOutcome)] {
        groups.drain().map { group in (group.line, d.outcome { () throws(RowProblem) in try group.record(d) }) }
    }

    /// A dateTime as an instant (analysis.md §3: without an offset, the pipeline's zone).
    func instant(_ text: String?, what: String, _ d: RowDecoder) throws(RowProblem) -> Int64 {
        guard let text, !text.isEmpty else { throw RowProblem(column: nil, "the \(what) is missing") }
        if text.count < 10 { throw RowProblem(column: nil, "the \(what) '\(DisplayText.quoted(text))' is only a partial date; a day is needed") }
        return try d.instant(text: text, column: what, what: what)
    }
}

extension ScoreFormat {
    public static let fhir = ScoreFormat(known: "fhir")
}

/// Item observations of one (patient, instrument, instant), gathered until the file ends.
/// One reader uses a layout at a time, so the box is not shared across threads.
final class ItemGroups: @unchecked Sendable {
    struct Key: Hashable {
        var patient: String
        var instrument: Instrument
        var at: Int64
    }

    final class Group {
        let key: Key
        let line: Int
        var items: [Int?]
        var total: Int?

        init(key: Key, line: Int) {
            self.key = key
            self.line = line
            items = [Int?](repeating: nil, count: key.instrument.itemCount)
        }

        func record(_ d: RowDecoder) throws(RowProblem) -> RecordOutcome {
            let items = self.items.allSatisfy { $0 == nil } ? [] : self.items
            let scored = try d.scored(key.instrument, items: items, total: total, itemColumns: [], totalColumn: nil)
            return .score(ScoreRecord(patientID: key.patient, instrument: key.instrument, administeredAt: key.at, total: scored.total,
                                      items: items, prorated: scored.prorated))
        }
    }

    private var groups: [Key: Group] = [:]
    private var order: [Key] = []

    /// The group of this administration, made at this line if new.
    func group(_ key: Key, line: Int) -> Group {
        if let found = groups[key] { return found }
        let made = Group(key: key, line: line)
        groups[key] = made
        order.append(key)
        return made
    }

    func existing(_ key: Key) -> Group? { groups[key] }

    func drain() -> [Group] {
        defer { groups = [:]; order = [] }
        return order.compactMap { groups[$0] }.sorted { $0.line < $1.line }
    }
}
