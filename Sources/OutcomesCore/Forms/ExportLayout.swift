/// One form of export file (long scores, item scores, REDCap, sessions …): it tells its header
/// from others, finds where its values sit, and turns each row into records. A new form is one
/// type conforming to this, listed in `ExportForms.all`; docs/architecture.md says how.
public protocol ExportForm: Sendable {
    /// `long`, `items`, `redcap`, `sessions` …: stored with the file, shown by `status`.
    static var name: String { get }
    static var kind: ExportKind { get }
    /// The `[[sources]]` keys this form reads besides `pattern`, `kind` and `format`
    /// (`instrument`, `dictionary`, `date`, `missing_codes`): a key no form of a source's files
    /// reads has no effect, which is an error (exit 64) rather than silence.
    static var sourceKeys: Set<String> { get }
    /// The names a `columns = { … }` mapping may give this form: contract columns
    /// (`patient_id`) and instrument prefixes (`phq9`).
    static var mappableColumns: Set<String> { get }
    /// True when the source's `kind`/`format` asks for this form by name.
    static func isNamed(by options: SourceOptions) -> Bool
    /// True when, with `format = "auto"`, a header looks like this form (forms are asked in
    /// registry order; the first that claims a header reads it).
    static func claims(_ header: HeaderIndex, _ context: FormContext) -> Bool
    /// Where the form's values sit in this header, or why the header does not fit.
    static func layout(_ header: HeaderIndex, _ context: FormContext) -> Result<Self, LayoutError>
    /// What the form's files hold: CSV rows (every form so far) or JSON resources (FHIR).
    static var container: ExportContainer { get }
    /// For a JSON form: the layout for a file whose first resource is this, or nil when the
    /// form does not read such files.
    static func layout(firstResource: JSONResource, _ context: FormContext) -> Result<Self, LayoutError>?
    /// What this file holds, when it depends on the file (a FHIR file of MedicationAdministrations
    /// holds sessions); the form's `kind` otherwise.
    var fileKind: ExportKind { get }

    /// Every value the layout reads, in the order a message should name a clash of two columns.
    func reads(_ header: HeaderIndex) -> [ExportLayout.ColumnRead]
    /// The instruments whose columns the layout found, with those columns' positions, so that
    /// an instrument from which nothing could be read is reported (never a silent zero).
    var instrumentColumns: [(instrument: Instrument, columns: [Int])] { get }
    /// What the header shows that the layout will not read and the clinic should know (a form
    /// named like an instrument whose items were not found): warned about and listed in data
    /// quality, never silently left out.
    var notes: [String] { get }
    /// The instruments of the records `decode` returns for this row, in the same order (only
    /// forms with `instrumentColumns` need say).
    func instruments(of row: RawRow) -> [Instrument]
    /// Records the form could only build from several rows (item observations of one
    /// administration), given after the last row, each with the line of its first row.
    func finish(_ decoder: RowDecoder) -> [(line: Int, outcome: RecordOutcome)]
    /// True when the form must see every row once before decoding any (a REDCap record's
    /// non-repeating row carries fields its repeat rows lack).
    var wantsFirstPass: Bool { get }
    mutating func firstPass(_ row: RawRow)
    /// A JSON form's first look at every resource of a file read whole (a Bundle).
    mutating func firstPass(resource: JSONResource)
    /// The records of one data row: one for most forms, one per instrument block for REDCap,
    /// none for a row that carries nothing.
    func decode(_ row: RawRow, _ decoder: RowDecoder) -> [RecordOutcome]
    /// A JSON form's records of one resource at its position (an NDJSON line, a Bundle entry).
    func decode(resource: JSONResource, position: Int, _ decoder: RowDecoder) -> [RecordOutcome]
}

/// The container of an export form's files.
public enum ExportContainer: Sendable {
    case csv, json
}

extension ExportForm {
    public static var sourceKeys: Set<String> { [] }
    public var instrumentColumns: [(instrument: Instrument, columns: [Int])] { [] }
    public var wantsFirstPass: Bool { false }
    public func instruments(of row: RawRow) -> [Instrument] { [] }
    public var notes: [String] { [] }
    public func finish(_ decoder: RowDecoder) -> [(line: Int, outcome: RecordOutcome)] { [] }
    public static var container: ExportContainer { .csv }
    public static func layout(firstResource: JSONResource, _ context: FormContext) -> Result<Self, LayoutError>? { nil }
    public var fileKind: ExportKind { Self.kind }
    public func decode(resource: JSONResource, position: Int, _ decoder: RowDecoder) -> [RecordOutcome] { [] }
    public func decode(_ row: RawRow, _ decoder: RowDecoder) -> [RecordOutcome] { [] }
    public mutating func firstPass(_ row: RawRow) {}
    public mutating func firstPass(resource: JSONResource) {}
}

/// What recognition may use besides the header: the source's options and the REDCap data
/// dictionaries found in the export folder or named by the source.
public struct FormContext: Sendable {
    public var options: SourceOptions
    public var dictionaries: [RedcapDictionary]

    public init(options: SourceOptions, dictionaries: [RedcapDictionary] = []) {
        self.options = options
        self.dictionaries = dictionaries
    }
}

/// A file's form with the positions of its values: what the ingest and `validate` decode with.
public struct ExportLayout: Sendable {
    public var form: any ExportForm

    public init(_ form: any ExportForm) { self.form = form }

    public var kind: ExportKind { form.fileKind }

    /// `long`, `items`, `redcap` or `sessions`: stored with the file.
    public var formName: String { type(of: form).name }

    public var wantsFirstPass: Bool { form.wantsFirstPass }

    public mutating func firstPass(_ row: RawRow) { form.firstPass(row) }

    public mutating func firstPass(resource: JSONResource) { form.firstPass(resource: resource) }
}

/// Why a file's header fits no export form (the file is listed as `unrecognised_file`).
public struct LayoutError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
