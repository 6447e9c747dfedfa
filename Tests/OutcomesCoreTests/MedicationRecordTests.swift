import Foundation
import Testing
@testable import OutcomesCore

/// Sessions from medication records (docs/ingest.md, "Medication records"): FHIR R4
/// MedicationAdministration and medication administration tables, exact outcomes.
///
/// The FHIR resources are written from the HL7 FHIR R4 examples:
/// - `medadmin0301` (https://hl7.org/fhir/R4/medicationadministration0301.json.html): status
///   in-progress, a contained Medication `#med0301` (Vancomycin, NDC 0069-2587-10), subject
///   Patient/pat1 "Donald Duck", effectivePeriod.start 2015-01-15T14:30:00+01:00, dosage.route
///   SNOMED CT 47625008 "Intravenous route (qualifier value)", dosage.dose 500 mg (UCUM).
/// - the HL7 Health Care Surveys Reporting IG's `medicationadministration-example` (status
///   completed, RxNorm 285018 Lantus, effectivePeriod 2015-01-15T04:30:00+01:00 to
///   14:30:00+01:00, route SNOMED CT 263887005 "Subcutaneous (qualifier value)", dose 20 U).
/// Where a test changes a field of an example (the drug, the status, the unit) it says so.
@Suite struct MedicationRecordTests {
    let zone = LocalTimeZone(identifier: "America/New_York")!
    /// 2015-01-15T14:30:00+01:00, the start of medadmin0301.
    static let start0301: Int64 = 1_421_328_600
    /// 2015-01-15T04:30:00+01:00, the start of the Health Care Surveys example.
    static let startHCS: Int64 = 1_421_292_600

    // MARK: FHIR

    static func medadmin0301(status: String = "in-progress", medication: String? = nil, dose: String = #"{"value": 500, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}"#,
                             route: String? = #"{"coding": [{"system": "http://snomed.info/sct", "code": "47625008", "display": "Intravenous route (qualifier value)"}]}"#) -> String {
        let code = medication ?? #"{"coding": [{"system": "http://hl7.org/fhir/sid/ndc", "code": "0069-2587-10", "display": "Vancomycin Hydrochloride (VANCOMYCIN HYDROCHLORIDE)"}]}"#
        let routeField = route.map { #", "route": \#($0)"# } ?? ""
        return #"""
        {"resourceType": "MedicationAdministration", "id": "medadmin0301",
         "contained": [{"resourceType": "Medication", "id": "med0301", "code": \#(code)}],
         "status": "\#(status)", "medicationReference": {"reference": "#med0301"},
         "subject": {"reference": "Patient/pat1", "display": "Donald Duck"},
         "context": {"reference": "Encounter/f001", "display": "encounter who leads to this prescription"},
         "effectivePeriod": {"start": "2015-01-15T14:30:00+01:00"},
         "performer": [{"actor": {"reference": "Practitioner/f007", "display": "Patrick Pump"}}],
         "request": {"reference": "MedicationRequest/medrx0318"},
         "dosage": {"text": "500mg IV q6h x 3 days"\#(routeField), "method": {"text": "IV Push"}, "dose": \#(dose)}}
        """#
    }

    static func healthCareSurveys(medication: String = #"{"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "285018", "display": "Lantus 100 UNT/ML Injectable Solution"}]}"#,
                                  route: String? = #"{"coding": [{"system": "http://snomed.info/sct", "code": "263887005", "display": "Subcutaneous (qualifier value)"}]}"#,
                                  dose: String = #"{"value": 20, "unit": "U", "system": "http://unitsofmeasure.org", "code": "U"}"#) -> String {
        let routeField = route.map { #", "route": \#($0)"# } ?? ""
        return #"""
        {"resourceType": "MedicationAdministration", "id": "medicationadministration-example", "status": "completed",
         "medicationCodeableConcept": \#(medication),
         "subject": {"reference": "Patient/1", "display": "Donald Duck"},
         "effectivePeriod": {"start": "2015-01-15T04:30:00+01:00", "end": "2015-01-15T14:30:00+01:00"},
         "performer": [{"actor": {"reference": "Practitioner/1"}}],
         "dosage": {"text": "20 Units SC before breakfast"\#(routeField), "dose": \#(dose)}}
        """#
    }

    func outcome(_ json: String) throws -> RecordOutcome {
        let bytes = Array(json.utf8)
        let resource = try bytes.withUnsafeBytes { try JSONResource.parse($0).get() }
        let layout = try #require(FHIRLayout.layout(firstResource: resource, FormContext(options: SourceOptions()))).get()
        #expect(layout.fileKind == .sessions)
        let decoder = RowDecoder(layout: ExportLayout(layout), header: HeaderIndex(header: []), zone: zone, rules: ScoringRules())
        let outcomes = layout.decode(resource: resource, position: 1, decoder)
        try #require(outcomes.count == 1)
        return outcomes[0]
    }

    static let ketamineRxNorm = #"{"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "238083", "display": "ketamine 50 MG/ML Injectable Solution"}]}"#

    /// medadmin0301 as published: Vancomycin is another drug, counted under its code.
    @Test func otherDrugIsCountedUnderItsCode() throws {
        #expect(try outcome(Self.medadmin0301()) == .ignored(IgnoredRow(
            key: "0069-2587-10", label: "MedicationAdministration of Vancomycin Hydrochloride (VANCOMYCIN HYDROCHLORIDE)")))
        #expect(try outcome(Self.healthCareSurveys()) == .ignored(IgnoredRow(key: "285018", label: "MedicationAdministration of Lantus 100 UNT/ML Injectable Solution")))
    }

    /// medadmin0301 with its contained Medication made ketamine (RxNorm 238083) and the status completed.
    @Test func ketamineByRxNormCodeOfAContainedMedication() throws {
        #expect(try outcome(Self.medadmin0301(status: "completed", medication: Self.ketamineRxNorm)) == .session(SessionRecord(
            patientID: "pat1", start: Self.start0301, route: .iv, doseMg: 500, sessionID: "medadmin0301")))
    }

    /// As published, medadmin0301 is in progress: skipped with its status, as are the other statuses but completed.
    @Test func statusOtherThanCompletedIsSkipped() throws {
        for status in ["in-progress", "not-done", "entered-in-error", "stopped", "on-hold", "unknown"] {
            #expect(try outcome(Self.medadmin0301(status: status, medication: Self.ketamineRxNorm)) == .skipped(RowProblem(
                column: "status", "the MedicationAdministration's status is '\(status)': only completed is read")))
        }
        #expect(try outcome(Self.medadmin0301(status: "", medication: Self.ketamineRxNorm)) == .rejected(RowProblem(
            column: "status", "the MedicationAdministration has no status")))
    }

    /// The Health Care Surveys example with Spravato by name and no route: intranasal; the
    /// effectivePeriod (10 hours) is the duration; the dose 56 mg.
    @Test func esketamineByNameTakesTheNasalRoute() throws {
        let json = Self.healthCareSurveys(medication: #"{"text": "SPRAVATO 56 MG Dose Kit"}"#, route: nil,
                                          dose: #"{"value": 56, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}"#)
        #expect(try outcome(json) == .session(SessionRecord(
            patientID: "1", start: Self.startHCS, route: .intranasal, doseMg: 56, durationMin: 600, sessionID: "medicationadministration-example")))
    }

    /// The Health Care Surveys example with ketamine by name: its SNOMED CT route (Subcutaneous) is read.
    @Test func ketamineByNameWithASnomedRoute() throws {
        let json = Self.healthCareSurveys(medication: #"{"coding": [{"system": "http://example.org/local", "code": "K50", "display": "Ketamine HCl 50 mg/mL"}]}"#,
                                          dose: #"{"value": 35000, "unit": "ug", "system": "http://unitsofmeasure.org", "code": "ug"}"#)
        #expect(try outcome(json) == .session(SessionRecord(
            patientID: "1", start: Self.startHCS, route: .subcutaneous, doseMg: 35, durationMin: 600, sessionID: "medicationadministration-example")))
    }

    /// A medicationReference that only has a display.
    @Test func ketamineByReferenceDisplay() throws {
        let json = #"""
        {"resourceType": "MedicationAdministration", "id": "ma-1", "status": "completed",
         "medicationReference": {"reference": "Medication/k", "display": "Ketalar"},
         "subject": {"reference": "Patient/p9"}, "effectiveDateTime": "2026-03-04T09:30:00-05:00",
         "dosage": {"route": {"text": "IM"}, "dose": {"value": 0.1, "unit": "g"}}}
        """#
        #expect(try outcome(json) == .session(SessionRecord(patientID: "p9", start: TimestampTests.reference, route: .im, doseMg: 100, sessionID: "ma-1")))
    }

    @Test func doseRouteAndPeriodProblemsAreRejected() throws {
        let mL = #"{"value": 2, "unit": "mL", "system": "http://unitsofmeasure.org", "code": "mL"}"#
        #expect(try outcome(Self.medadmin0301(status: "completed", medication: Self.ketamineRxNorm, dose: mL)) == .rejected(RowProblem(
            column: "dosage.dose", "the dose unit 'mL' is not a mass; mg, ug (mcg) or g are read")))
        #expect(try outcome(Self.medadmin0301(status: "completed", medication: Self.ketamineRxNorm, dose: #"{"value": 2}"#)) == .rejected(RowProblem(
            column: "dosage.dose", "the dose 2 has no unit; mg, ug or g are read")))
        #expect(try outcome(Self.medadmin0301(status: "completed", medication: Self.ketamineRxNorm, route: nil)) == .rejected(RowProblem(
            column: "dosage.route", "the ketamine MedicationAdministration has no dosage.route; ketamine may be given IV, IM, IN, SL, PO or SC")))
        let intrathecal = #"{"coding": [{"system": "http://snomed.info/sct", "code": "72607000", "display": "Intrathecal route (qualifier value)"}]}"#
        #expect(try outcome(Self.medadmin0301(status: "completed", medication: Self.ketamineRxNorm, route: intrathecal)) == .rejected(RowProblem(
            column: "dosage.route", "unknown route 'Intrathecal route (qualifier value)' (code 72607000); expected IV, IM, IN, SL, PO or SC (or a spelling such as infusion, nasal spray, troche)")))
        let backwards = Self.healthCareSurveys(medication: Self.ketamineRxNorm).replacingOccurrences(of: "\"end\": \"2015-01-15T14:30:00+01:00\"", with: "\"end\": \"2015-01-15T03:30:00+01:00\"")
        #expect(try outcome(backwards) == .rejected(RowProblem(column: "effectivePeriod", "the effectivePeriod ends before it starts")))
    }

    @Test func drugRecognition() {
        #expect(KetamineDrug.recognise(code: "2201625", name: nil) == .esketamine)
        #expect(KetamineDrug.recognise(code: "6130", name: nil) == .ketamine)
        #expect(KetamineDrug.recognise(code: "999", name: "Esketamine 28 MG Nasal Spray") == .esketamine)
        #expect(KetamineDrug.recognise(code: nil, name: "ketamine hydrochloride") == .ketamine)
        #expect(KetamineDrug.recognise(code: "313782", name: "Ondansetron 4 MG Oral Tablet") == nil)
        #expect(KetamineDrug.route(["Nasal route (qualifier value)"]) == .intranasal)
        #expect(KetamineDrug.route(["Intramuscular route"]) == .im)
    }

    // MARK: tables

    func recognised(_ header: [String]) -> String {
        switch ExportLayout.recognise(header: header, options: SourceOptions()) {
        case .success(let layout): layout.formName
        case .failure(let error): error.description
        }
    }

    func decode(_ header: [String], _ rows: [[String]]) throws -> [RecordOutcome] {
        let layout = try ExportLayout.recognise(header: header, options: SourceOptions()).get()
        let decoder = RowDecoder(layout: layout, header: HeaderIndex(header: header), zone: zone, rules: ScoringRules())
        return rows.enumerated().flatMap { decoder.decode(RawRow(line: $0.offset + 2, fields: $0.element)) }
    }

    @Test func tableIsRecognisedByItsDrugColumn() {
        #expect(recognised(["patient_id", "administered_at", "medication", "route", "dose", "dose_unit"]) == "medications")
        #expect(recognised(["MRN", "given_at", "drug_name", "route"]) == "medications")
        // A session header with a drug column is a medication table; without one it stays a session export.
        #expect(recognised(["patient_id", "start", "medication", "route", "dose_mg"]) == "medications")
        #expect(recognised(["patient_id", "session_start", "route", "dose_mg", "weight_kg", "duration_min", "clinic_id", "session_id"]) == "sessions")
        // Synthea's observations.csv has a code but no route: not a medication table.
        #expect(recognised(["DATE", "PATIENT", "ENCOUNTER", "CODE", "DESCRIPTION", "VALUE", "UNITS", "TYPE"]) != "medications")
    }

    @Test func syntheaMedicationsIsPrescriptions() {
        let header = ["START", "STOP", "PATIENT", "PAYER", "ENCOUNTER", "CODE", "DESCRIPTION", "BASE_COST", "PAYER_COVERAGE",
                      "DISPENSES", "TOTALCOST", "REASONCODE", "REASONDESCRIPTION"]
        #expect(recognised(header) == "this is Synthea's medications.csv: its rows are prescriptions (an order from START to STOP, "
            + "dispensed DISPENSES times), not administrations, so sessions are not read from it; export the medication "
            + "administrations (FHIR MedicationAdministration, or a table with one row per dose given and its route)")
    }

    @Test func tableRows() throws {
        let header = ["patient_id", "administered_at", "rxnorm", "medication", "route", "dose", "dose_unit", "end", "administration_id"]
        let rows = try decode(header, [
            ["p1", "2026-03-04 09:30", "238083", "ketamine 50 MG/ML Injectable Solution", "Intravenous route", "35", "mg", "2026-03-04 10:10", "a1"],
            ["p1", "2026-03-04 09:30", "", "Spravato 28 MG nasal spray", "", "56", "mg", "", "a2"],
            ["p1", "2026-03-04 09:30", "313782", "Ondansetron 4 MG Oral Tablet", "PO", "4", "mg", "", "a3"],
            ["p2", "2026-03-04 09:30", "", "Ketamine", "IM", "50000", "mcg", "", ""],
            ["p2", "2026-03-04 09:30", "", "Ketamine", "IM", "1", "mL", "", ""],
            ["p2", "2026-03-04 09:30", "", "Ketamine", "", "30", "mg", "", ""],
            ["p2", "2026-03-04 09:30", "", "Ketamine", "intrathecal", "30", "mg", "", ""],
            ["p2", "2026-03-04 09:30", "", "", "IV", "30", "mg", "", ""],
            ["p2", "2026-03-04 09:30", "", "Ketamine", "IV", "30", "", "", ""],
        ])
        let at = TimestampTests.reference
        #expect(rows == [
            .session(SessionRecord(patientID: "p1", start: at, route: .iv, doseMg: 35, durationMin: 40, sessionID: "a1")),
            .session(SessionRecord(patientID: "p1", start: at, route: .intranasal, doseMg: 56, sessionID: "a2")),
            .ignored(IgnoredRow(key: "313782", label: "administration of Ondansetron 4 MG Oral Tablet")),
            .session(SessionRecord(patientID: "p2", start: at, route: .im, doseMg: 50)),
            .rejected(RowProblem(column: "dose_unit", "the dose unit 'mL' is not a mass; mg, ug (mcg) or g are read")),
            .rejected(RowProblem(column: "route", "the route is empty; ketamine may be given IV, IM, IN, SL, PO or SC")),
            .rejected(RowProblem(column: "route", "unknown route 'intrathecal'; expected IV, IM, IN, SL, PO or SC (or a spelling such as infusion, nasal spray, troche)")),
            .rejected(RowProblem(column: "medication", "the medication is empty")),
            .rejected(RowProblem(column: "dose_unit", "the dose 30 has no unit; mg, ug or g are read")),
        ])
    }
}
