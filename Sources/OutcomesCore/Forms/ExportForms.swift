/// The export forms the ingest reads, in the order they are asked to claim a header when a
/// source's `kind` and `format` are `auto`. Adding a form is adding its type here.
public enum ExportForms {
    public static let all: [any ExportForm.Type] = [SessionsLayout.self, MedicationAdministrationsLayout.self, RedcapLayout.self,
                                                    CodedObservationsLayout.self, LongLayout.self, ItemsLayout.self, FHIRLayout.self]

    /// Every `columns = { … }` name some form reads.
    public static var mappableColumns: Set<String> { all.reduce(into: []) { $0.formUnion($1.mappableColumns) } }

    /// The form a source names with `kind`/`format`, if it names one.
    public static func named(by options: SourceOptions) -> (any ExportForm.Type)? {
        all.first { $0.isNamed(by: options) }
    }
}

extension ExportLayout {
    /// Recognises a file's form from its header, within what the source allows (interface.md:
    /// `kind`/`format` `auto` means "tell from the header").
    /// Two columns that give the same value (`total,total`; `patient_id,mrn`) make the file
    /// unrecognised rather than one of them silently winning.
    public static func recognise(header: [String], options: SourceOptions,
                                 dictionaries: [RedcapDictionary] = []) -> Result<ExportLayout, LayoutError> {
        let index = HeaderIndex(header: header, mapping: options.columns)
        return form(index, FormContext(options: options, dictionaries: dictionaries)).flatMap { layout in
            duplicateColumns(layout, index).map { .failure($0) } ?? .success(layout)
        }
    }

    private static func form(_ index: HeaderIndex, _ context: FormContext) -> Result<ExportLayout, LayoutError> {
        for (name, mapped) in context.options.columns.sorted(by: { $0.key < $1.key })
        where ColumnAliases.table[name] != nil && index.position(ofHeader: mapped) == nil {
            return .failure(LayoutError("the source maps \(name) to '\(mapped)', but the header has no such column"))
        }
        if let named = ExportForms.named(by: context.options) { return layout(named, index, context) }
        for form in ExportForms.all where form.claims(index, context) { return layout(form, index, context) }
        if headerHoldsValues(index) {
            return .failure(LayoutError("the first line holds values, not column names: the file has no header "
                + "(REDCap's SPSS, SAS, Stata and R exports write their data without one, as *_DATA_NOHDRS_*.csv); "
                + "export the records as CSV (raw data or labels) with variable names as headers"))
        }
        return .failure(LayoutError(
            "the header matches no export form: sessions need patient_id, session_start and route; "
            + "long scores need patient_id, instrument, administered_at and total; "
            + "item scores need patient_id, administered_at and <prefix>_1 … <prefix>_N (gad7, phq9, hama); "
            + "REDCap needs record_id and redcap_event_name"))
    }

    /// The form of a JSON file, told from its first resource.
    public static func recognise(firstResource: JSONResource, options: SourceOptions) -> Result<ExportLayout, LayoutError> {
        let context = FormContext(options: options)
        for form in ExportForms.all where form.container == .json {
            if let found = jsonLayout(form, firstResource, context) { return found }
        }
        return .failure(LayoutError("JSON, but not FHIR: its first object has no resourceType (this version reads JSON only as FHIR R4 resources: NDJSON, Bundles or one resource)"))
    }

    private static func jsonLayout<Form: ExportForm>(_ form: Form.Type, _ resource: JSONResource, _ context: FormContext) -> Result<ExportLayout, LayoutError>? {
        form.layout(firstResource: resource, context).map { $0.map { ExportLayout($0) } }
    }

    private static func layout<Form: ExportForm>(_ form: Form.Type, _ index: HeaderIndex, _ context: FormContext) -> Result<ExportLayout, LayoutError> {
        form.layout(index, context).map { ExportLayout($0) }
    }

    /// True when most cells of the first line are numbers or dates: a data row, not a header.
    static func headerHoldsValues(_ index: HeaderIndex) -> Bool {
        let cells = index.names.filter { !$0.isEmpty }
        guard cells.count >= 3 else { return false }
        let values = cells.filter { cell in
            if Int(cell) != nil || Double(cell) != nil { return true }
            if case .success = TimestampParser.parse(cell) { return true }
            return false
        }
        return values.count * 2 > cells.count
    }

    /// The column of a contract name a form cannot do without, or the message that names it.
    static func required(_ name: String, _ index: HeaderIndex, form: String) -> Result<Int, LayoutError> {
        guard let found = index.position(of: name) else {
            return .failure(LayoutError("\(form) needs a column \(index.expectation(of: name)); the header has none"))
        }
        return .success(found)
    }
}
