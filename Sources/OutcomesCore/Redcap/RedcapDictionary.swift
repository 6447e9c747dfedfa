/// A REDCap project's data dictionary (its metadata export): which field belongs to which
/// form, in order, with its type, label, coded choices and validation. It decides which
/// columns of a data export hold which instrument, the choices label exports are decoded by,
/// and each form's date fields and calculated totals.
public struct RedcapDictionary: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var form: String
        public var type: String
        public var label: String
        /// Coded choices of a radio, dropdown or checkbox field, in order: (code, label).
        public var choices: [Choice]
        /// `date_ymd`, `datetime_seconds_mdy`, `integer` … (empty when none).
        public var validation: String

        public var isDate: Bool { type == "text" && validation.hasPrefix("date") }
        public var isCalculated: Bool { type == "calc" }
    }

    public struct Choice: Sendable, Equatable {
        public var code: String
        public var label: String
    }

    /// The file it was read from, relative to the export folder, for messages.
    public var path: String
    public let fields: [Field]
    /// Field index by lower-cased name.
    private let byName: [String: Int]

    public init(path: String, fields: [Field]) {
        self.path = path
        self.fields = fields
        byName = Dictionary(fields.enumerated().map { ($0.element.name.lowercased(), $0.offset) }) { a, _ in a }
    }

    /// The record id: the project's first field.
    public var recordID: String? { fields.first?.name }

    /// The forms in project order.
    public var forms: [String] {
        var seen = Set<String>()
        return fields.map(\.form).filter { seen.insert($0).inserted }
    }

    public func field(_ name: String) -> Field? { byName[name.lowercased()].map { fields[$0] } }

    // MARK: reading

    /// The two spellings of the dictionary's header: the "Data Dictionary" download and the
    /// API's metadata export.
    static let columnNames: [[String]] = [
        ["variable / field name", "form name", "section header", "field type", "field label",
         "choices, calculations, or slider labels"],
        ["field_name", "form_name", "section_header", "field_type", "field_label", "select_choices_or_calculations"],
    ]

    /// True when a CSV header is a data dictionary's.
    public static func isHeader(_ header: [String]) -> Bool {
        let names = header.map { $0.trimmingWhitespace.lowercased() }
        return columnNames.contains { expected in names.count >= expected.count && Array(names.prefix(4)) == Array(expected.prefix(4)) }
    }

    /// The dictionary of a CSV file's header and rows (strings as read). A row without a field
    /// name or form name is an error naming its line (rows are lines 2, 3 …, as in the file).
    public static func parse(path: String, header: [String], rows: [(line: Int, fields: [String])]) -> Result<RedcapDictionary, LayoutError> {
        let names = header.map { $0.trimmingWhitespace.lowercased() }
        func column(_ candidates: [String]) -> Int? {
            names.firstIndex { name in candidates.contains { name == $0 || name.hasPrefix($0) } }
        }
        guard let nameColumn = column(["variable / field name", "field_name"]),
              let formColumn = column(["form name", "form_name"]),
              let typeColumn = column(["field type", "field_type"]) else {
            return .failure(LayoutError("a REDCap data dictionary needs the columns Variable / Field Name, Form Name and Field Type"))
        }
        let labelColumn = column(["field label", "field_label"])
        let choicesColumn = column(["choices", "select_choices_or_calculations"])
        let validationColumn = column(["text validation type", "text_validation_type"])
        var fields: [Field] = []
        for (line, values) in rows {
            func value(_ index: Int?) -> String {
                guard let index, index < values.count else { return "" }
                return values[index].trimmingWhitespace
            }
            let name = value(nameColumn), form = value(formColumn)
            if name.isEmpty, values.allSatisfy({ $0.trimmingWhitespace.isEmpty }) { continue }
            guard !name.isEmpty, !form.isEmpty else {
                return .failure(LayoutError("line \(line) of the data dictionary has no \(name.isEmpty ? "field name" : "form name")"))
            }
            let type = value(typeColumn).lowercased()
            let choices = ["radio", "dropdown", "checkbox", "yesno", "truefalse"].contains(type) ? parseChoices(value(choicesColumn)) : []
            fields.append(Field(name: name, form: form, type: type, label: value(labelColumn), choices: choices,
                                validation: value(validationColumn).lowercased()))
        }
        guard !fields.isEmpty else { return .failure(LayoutError("the data dictionary lists no fields")) }
        return .success(RedcapDictionary(path: path, fields: fields))
    }

    /// `0, Not at all | 1, Several days` → [(0, Not at all), (1, Several days)].
    static func parseChoices(_ text: String) -> [Choice] {
        text.split(separator: "|").compactMap { part in
            let piece = String(part).trimmingWhitespace
            guard let comma = piece.firstIndex(of: ",") else { return nil }
            let code = String(piece[..<comma]).trimmingWhitespace
            let label = String(piece[piece.index(after: comma)...]).trimmingWhitespace
            return code.isEmpty ? nil : Choice(code: code, label: label)
        }
    }
}
