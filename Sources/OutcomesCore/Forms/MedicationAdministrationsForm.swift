/// Ketamine and esketamine in medication records, by RxNorm code or by name (docs/ingest.md,
/// "Medication records"). Shared by the medication administration table and FHIR
/// MedicationAdministration.
public enum KetamineDrug: String, Sendable, Equatable {
    case ketamine
    case esketamine

    /// RxNorm concepts (RxCUI) of the two drugs, each with where it was looked up:
    /// - 6130 ketamine (IN): a public clinical-data mapping table that codes ketamine boluses
    ///   as `RxNorm/6130`; not confirmed against RxNav in this version (see docs/ingest.md).
    /// - 238082, 238083, 238084 ketamine hydrochloride injectable solutions (SCD): openFDA NDC
    ///   directory, `openfda.rxcui` of generic ketamine hydrochloride injections
    ///   (api.fda.gov/drug/ndc.json, product_ndc 25021-684, 0409-2051, 65219-186).
    /// - 206967, 206970, 206972 Ketalar injectable solutions (SBD): openFDA NDC directory,
    ///   `openfda.rxcui` of Ketalar (Par, product_ndc 42023-113), which also lists 238082–238084.
    /// - 2201623 esketamine Nasal Spray (SCDF) and 2201625 esketamine Nasal Spray [Spravato]
    ///   (SBDF): ndclist.com/rxnorm/rxcui/2201623 and /2201625 (RxNorm release of May 2026).
    /// The esketamine ingredient and the Spravato brand-name concepts were not found in the
    /// sources searched: those rows are recognised by name ("esketamine", "Spravato").
    public static let rxnorm: [String: KetamineDrug] = [
        "6130": .ketamine,
        "238082": .ketamine, "238083": .ketamine, "238084": .ketamine,
        "206967": .ketamine, "206970": .ketamine, "206972": .ketamine,
        "2201623": .esketamine, "2201625": .esketamine,
    ]

    /// The drug of an RxNorm code, or of a name that says ketamine, Ketalar, esketamine or
    /// Spravato ("Ketamine HCl 50 MG/ML Injectable Solution", "SPRAVATO 56 MG DOSE KIT").
    public static func recognise(code: String?, name: String?) -> KetamineDrug? {
        if let code = code?.trimmingWhitespace, let found = rxnorm[code] { return found }
        if let name = name?.lowercased() {
            if name.contains("esketamine") || name.contains("spravato") { return .esketamine }
            if name.contains("ketamine") || name.contains("ketalar") { return .ketamine }
        }
        return nil
    }

    /// The route when the record gives none: esketamine is a nasal spray; ketamine may be
    /// given any of six ways, so it has none.
    public var defaultRoute: Route? { self == .esketamine ? .intranasal : nil }

    /// A route from a record's route text or code: as written, then without a SNOMED CT
    /// semantic tag ("Intravenous route (qualifier value)") and without a trailing "route".
    static func route(_ candidates: [String?]) -> Route? {
        for case let text? in candidates {
            let trimmed = text.trimmingWhitespace
            guard !trimmed.isEmpty else { continue }
            if let found = Route(exportName: trimmed) { return found }
            var plain = trimmed
            if plain.hasSuffix(")"), let open = plain.lastIndex(of: "(") { plain = String(plain[..<open]).trimmingWhitespace }
            if let found = Route(exportName: plain) { return found }
            if plain.lowercased().hasSuffix(" route") { plain = String(plain.dropLast(" route".count)).trimmingWhitespace }
            if let found = Route(exportName: plain) { return found }
        }
        return nil
    }

    /// Milligrams per unit of a dose: mg, ug (mcg, µg) and g; nil for any other unit.
    static func milligrams(per unit: String) -> Double? {
        switch unit.trimmingWhitespace.lowercased() {
        case "mg", "milligram", "milligrams": 1
        case "ug", "mcg", "µg", "μg", "microgram", "micrograms": 0.001
        case "g", "gram", "grams": 1000
        default: nil
        }
    }

    /// A number as a clinic wrote it: 2, not 2.0.
    static func shown(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    static let unknownRouteAdvice = "expected IV, IM, IN, SL, PO or SC (or a spelling such as infusion, nasal spray, troche)"
}

/// Medication administration tables (docs/ingest.md, "Medication records"): one row per
/// administration of any drug, with a patient, a time, a drug (name or RxNorm code) and a
/// route; optional dose (with a unit), duration or end time, session id and clinic.
/// Ketamine and esketamine rows are sessions; other drugs are counted per drug and left aside.
///
/// Synthea's `medications.csv` (START, STOP, PATIENT, PAYER, ENCOUNTER, CODE, DESCRIPTION,
/// BASE_COST, PAYER_COVERAGE, DISPENSES, TOTALCOST, …) is claimed only to say why it is not
/// read: its data dictionary (Synthea wiki, "CSV File Data Dictionary") defines START as when
/// the medication was prescribed, STOP as when the prescription ended and DISPENSES as the
/// times it was filled, so a row is a prescription, not an administration, and cannot say
/// when a session took place (docs/ingest.md, "Medication records").
public struct MedicationAdministrationsLayout: ExportForm {
    public var patient: Int
    public var at: Int
    public var drugCode: Int?
    public var drugName: Int?
    public var route: Int
    public var dose: Int?
    /// The dose's unit column; nil when the dose is in mg by its name (`dose_mg`) or no unit column is given.
    public var doseUnit: Int?
    public var duration: Int?
    public var end: Int?
    public var sessionID: Int?
    public var clinic: Int?

    public static let name = "medications"
    public static let kind = ExportKind.sessions
    public static let mappableColumns: Set<String> = ["patient_id", "administered_at", "medication", "rxnorm", "route",
                                                      "dose_mg", "dose_unit", "duration_min", "session_id", "clinic_id"]

    static let timeColumns = ["administered_at", "given_at", "administration_time", "administered", "start", "started_at",
                              "session_start", "date", "datetime"]
    static let codeColumns = ["rxnorm", "rxnorm_code", "rxcui", "medication_code", "drug_code", "code"]
    static let nameColumns = ["medication", "medication_name", "drug", "drug_name", "description", "medication_description"]
    static let doseColumns = ["dose_mg", "dose", "dose_amount", "dose_value", "amount"]
    static let unitColumns = ["dose_unit", "dose_units", "unit", "units"]
    static let durationColumns = ["duration_min", "duration", "duration_minutes"]
    static let endColumns = ["end", "ended_at", "stop", "end_time"]
    static let sessionColumns = ["session_id", "administration_id", "id"]

    public static func isNamed(by options: SourceOptions) -> Bool { false }

    /// The column of one of this form's values: the source's mapping of `contract`, else the
    /// first of the names that the header has.
    static func column(_ contract: String, _ names: [String], _ header: HeaderIndex) -> Int? {
        if header.isMapped(contract) { return header.position(of: contract) }
        for name in names { if let found = header.position(ofHeader: name) { return found } }
        return nil
    }

    /// True when the header names a drug (a medication name or an RxNorm code column).
    public static func hasDrugColumn(_ header: HeaderIndex) -> Bool {
        column("medication", nameColumns, header) != nil || column("rxnorm", codeColumns, header) != nil
    }

    static func isSyntheaMedications(_ header: HeaderIndex) -> Bool {
        ["start", "stop", "patient", "code", "description", "dispenses"].allSatisfy { header.position(ofHeader: $0) != nil }
    }

    /// A drug column with a patient, a time and a route column (or Synthea's medications.csv).
    public static func claims(_ header: HeaderIndex, _ context: FormContext) -> Bool {
        guard context.options.kind != .scores, hasDrugColumn(header) else { return false }
        if isSyntheaMedications(header) { return true }
        return header.position(of: "patient_id") != nil && column("administered_at", timeColumns, header) != nil
            && column("route", ["route", "route_of_administration", "administration_route"], header) != nil
    }

    public static func layout(_ index: HeaderIndex, _ context: FormContext) -> Result<MedicationAdministrationsLayout, LayoutError> {
        if isSyntheaMedications(index) {
            return .failure(LayoutError("this is Synthea's medications.csv: its rows are prescriptions (an order from START to STOP, "
                + "dispensed DISPENSES times), not administrations, so sessions are not read from it; export the medication "
                + "administrations (FHIR MedicationAdministration, or a table with one row per dose given and its route)"))
        }
        let form = "a medication administration table"
        return ExportLayout.required("patient_id", index, form: form).flatMap { patient in
            guard let at = column("administered_at", timeColumns, index) else {
                return .failure(LayoutError("\(form) needs a time column (administered_at, given_at, start or date); the header has none"))
            }
            guard let route = column("route", ["route", "route_of_administration", "administration_route"], index) else {
                return .failure(LayoutError("\(form) needs a route column; the header has none"))
            }
            let code = column("rxnorm", codeColumns, index)
            let name = column("medication", nameColumns, index)
            guard code != nil || name != nil else {
                return .failure(LayoutError("\(form) needs a drug column (medication, drug, description, rxnorm or code); the header has none"))
            }
            let dose = column("dose_mg", doseColumns, index)
            let unit = index.isMapped("dose_mg") || index.position(ofHeader: "dose_mg") != nil ? nil : column("dose_unit", unitColumns, index)
            return .success(MedicationAdministrationsLayout(
                patient: patient, at: at, drugCode: code, drugName: name, route: route, dose: dose, doseUnit: unit,
                duration: column("duration_min", durationColumns, index), end: column("end", endColumns, index),
                sessionID: column("session_id", sessionColumns, index), clinic: index.position(of: "clinic_id")))
        }
    }

    public func reads(_ header: HeaderIndex) -> [ExportLayout.ColumnRead] {
        [.field("patient_id"), .field("clinic_id")]
    }

    public func decode(_ row: RawRow, _ d: RowDecoder) -> [RecordOutcome] {
        [d.outcome { () throws(RowProblem) in try record(row, d) }]
    }

    private func record(_ row: RawRow, _ d: RowDecoder) throws(RowProblem) -> RecordOutcome {
        let code = d.text(row, drugCode)?.trimmingWhitespace
        let name = d.text(row, drugName)?.trimmingWhitespace
        guard let drug = KetamineDrug.recognise(code: code, name: name) else {
            guard let key = code ?? name else {
                throw RowProblem(column: (drugName ?? drugCode).map(d.columnName), "the medication is empty")
            }
            return .ignored(IgnoredRow(key: key, label: "administration of \(DisplayText.quoted(name ?? code ?? key))"))
        }
        let patientID = try d.patient(row, patient)
        let start = try d.instant(row, at, what: "administration time")
        let route: Route
        if let text = d.text(row, self.route) {
            guard let found = KetamineDrug.route([text]) else {
                throw RowProblem(column: d.columnName(self.route), "unknown route '\(DisplayText.quoted(text))'; \(KetamineDrug.unknownRouteAdvice)")
            }
            route = found
        } else if let fallback = drug.defaultRoute {
            route = fallback
        } else {
            throw RowProblem(column: d.columnName(self.route), "the route is empty; ketamine may be given IV, IM, IN, SL, PO or SC")
        }
        var doseMg = try d.decimal(row, dose, what: "dose")
        if let value = doseMg, let doseUnit {
            guard let unit = d.text(row, doseUnit)?.trimmingWhitespace else {
                throw RowProblem(column: d.columnName(doseUnit), "the dose \(KetamineDrug.shown(value)) has no unit; mg, ug or g are read")
            }
            guard let factor = KetamineDrug.milligrams(per: unit) else {
                throw RowProblem(column: d.columnName(doseUnit), "the dose unit '\(DisplayText.quoted(unit))' is not a mass; mg, ug (mcg) or g are read")
            }
            doseMg = value * factor
        }
        var durationMin = try d.decimal(row, duration, what: "duration")
        if durationMin == nil, let end, !row.isBlank(end) {
            let stop = try d.instant(row, end, what: "end time")
            guard stop >= start else {
                throw RowProblem(column: d.columnName(end), "the end time is before the administration time")
            }
            durationMin = Double(stop - start) / 60
        }
        return .session(SessionRecord(
            patientID: patientID, start: start, route: route, doseMg: doseMg, durationMin: durationMin,
            clinicID: try d.identifier(row, clinic, what: "clinic id"),
            sessionID: try d.identifier(row, sessionID, what: "session id")))
    }
}
