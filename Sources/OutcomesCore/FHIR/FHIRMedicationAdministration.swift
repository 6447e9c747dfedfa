extension FHIRLayout {
    static let administrationStatuses = ["in-progress", "not-done", "on-hold", "completed", "entered-in-error", "stopped", "unknown"]

    /// A MedicationAdministration (docs/ingest.md, "Medication records"): ketamine or
    /// esketamine, by RxNorm code or name (`KetamineDrug`), is a session; any other drug is
    /// counted under its code or name. Status completed is read; in-progress, not-done,
    /// on-hold, entered-in-error, stopped and unknown are skipped. The patient is `subject`,
    /// the start `effectiveDateTime` or `effectivePeriod.start`, the duration the period when
    /// both ends are given, the route `dosage.route` (else esketamine's nasal spray), the dose
    /// `dosage.dose` in mg (ug and g converted), and the session id the resource's `id`.
    func medicationAdministration(_ resource: JSONResource, _ d: RowDecoder) -> RecordOutcome {
        let medication = Self.medication(resource)
        guard let drug = medication.codes.lazy.compactMap({ KetamineDrug.rxnorm[$0] }).first
                ?? medication.names.lazy.compactMap({ KetamineDrug.recognise(code: nil, name: $0) }).first else {
            let name = medication.names.first ?? medication.codes.first
            let key = medication.codes.first ?? name ?? "no medication"
            return .ignored(IgnoredRow(key: key, label: name.map { "MedicationAdministration of \(DisplayText.quoted($0))" }
                                       ?? "MedicationAdministration without a medication"))
        }
        return d.outcome { () throws(RowProblem) -> RecordOutcome in
            guard let status = resource.string("status"), !status.isEmpty else {
                throw RowProblem(column: "status", "the MedicationAdministration has no status")
            }
            guard status == "completed" else {
                let known = Self.administrationStatuses.contains(status) ? "" : " (not a FHIR R4 status)"
                return .skipped(RowProblem(column: "status", "the MedicationAdministration's status is '\(DisplayText.quoted(status))'\(known): only completed is read"))
            }
            guard let patient = FHIRValues.patient(resource.resource("subject")) else {
                throw RowProblem(column: "subject", "the MedicationAdministration has no subject (patient)")
            }
            let period = resource.resource("effectivePeriod")
            let start = try instant(resource.string("effectiveDateTime") ?? period?.string("start"), what: "effectiveDateTime", d)
            var durationMin: Double?
            if resource.string("effectiveDateTime") == nil, let endText = period?.string("end"), !endText.isEmpty {
                let end = try instant(endText, what: "effectivePeriod.end", d)
                guard end >= start else {
                    throw RowProblem(column: "effectivePeriod", "the effectivePeriod ends before it starts")
                }
                durationMin = Double(end - start) / 60
            }
            let dosage = resource.resource("dosage")
            return .session(SessionRecord(patientID: patient, start: start, route: try route(dosage, drug),
                                          doseMg: try doseMg(dosage), durationMin: durationMin, sessionID: resource.string("id")))
        }
    }

    /// The codes (RxNorm's first) and names of the medication: `medicationCodeableConcept`,
    /// or `medicationReference` (its display, and the code of a contained Medication it points to).
    static func medication(_ resource: JSONResource) -> (codes: [String], names: [String]) {
        var concept = resource.resource("medicationCodeableConcept")
        var names: [String] = []
        if let reference = resource.resource("medicationReference") {
            if let display = reference.string("display") { names.append(display) }
            if let target = reference.string("reference"), target.hasPrefix("#") {
                let id = String(target.dropFirst())
                if let contained = resource.resources("contained").first(where: { $0.resourceType == "Medication" && $0.string("id") == id }) {
                    concept = contained.resource("code")
                }
            }
        }
        let codings = concept?.resources("coding") ?? []
        let rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm"
        let sorted = codings.sorted { ($0.string("system") == rxnorm ? 0 : 1) < ($1.string("system") == rxnorm ? 0 : 1) }
        let codes = sorted.compactMap { $0.string("code") }
        if let text = concept?.string("text") { names.insert(text, at: 0) }
        names += sorted.compactMap { $0.string("display") }
        return (codes, names.filter { !$0.trimmingWhitespace.isEmpty })
    }

    /// The route of `dosage.route` (its codings' codes and displays, then its text), or the
    /// drug's own (esketamine: a nasal spray).
    func route(_ dosage: JSONResource?, _ drug: KetamineDrug) throws(RowProblem) -> Route {
        guard let concept = dosage?.resource("route") else {
            if let fallback = drug.defaultRoute { return fallback }
            throw RowProblem(column: "dosage.route", "the ketamine MedicationAdministration has no dosage.route; ketamine may be given IV, IM, IN, SL, PO or SC")
        }
        let codings = concept.resources("coding")
        let candidates = codings.map { $0.string("code") } + codings.map { $0.string("display") } + [concept.string("text")]
        if let found = KetamineDrug.route(candidates) { return found }
        let code = codings.lazy.compactMap { $0.string("code") }.first
        let words = codings.lazy.compactMap { $0.string("display") }.first ?? concept.string("text")
        let shown = switch (words, code) {
        case let (words?, code?): "'\(DisplayText.quoted(words))' (code \(DisplayText.quoted(code)))"
        case let (words?, nil): "'\(DisplayText.quoted(words))'"
        case let (nil, code?): "'\(DisplayText.quoted(code))'"
        case (nil, nil): "(no code or text)"
        }
        throw RowProblem(column: "dosage.route", "unknown route \(shown); \(KetamineDrug.unknownRouteAdvice)")
    }

    /// `dosage.dose` in mg: a Quantity in mg, ug or g (its UCUM `code`, else its `unit`).
    func doseMg(_ dosage: JSONResource?) throws(RowProblem) -> Double? {
        guard let dose = dosage?.resource("dose") else { return nil }
        guard let value = dose.number("value") else {
            throw RowProblem(column: "dosage.dose", "the dose has no value")
        }
        guard value >= 0 else { throw RowProblem(column: "dosage.dose", "the dose \(KetamineDrug.shown(value)) is not a number of 0 or more") }
        let unit = dose.string("code") ?? dose.string("unit")
        guard let unit, !unit.trimmingWhitespace.isEmpty else {
            throw RowProblem(column: "dosage.dose", "the dose \(KetamineDrug.shown(value)) has no unit; mg, ug or g are read")
        }
        guard let factor = KetamineDrug.milligrams(per: unit) else {
            throw RowProblem(column: "dosage.dose", "the dose unit '\(DisplayText.quoted(unit))' is not a mass; mg, ug (mcg) or g are read")
        }
        return value * factor
    }
}
