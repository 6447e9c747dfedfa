/// Reading the FHIR R4 data types the instruments need: references, dateTimes, codings and
/// answer values.
enum FHIRValues {
    /// `Patient/123` → `123`, `urn:uuid:ab-12` → `ab-12`; else the identifier's value.
    static func patient(_ subject: JSONResource?) -> String? {
        guard let subject else { return nil }
        if let reference = subject.string("reference")?.trimmingWhitespace, !reference.isEmpty {
            if reference.hasPrefix("urn:uuid:") { return String(reference.dropFirst("urn:uuid:".count)) }
            if let slash = reference.lastIndex(of: "/") { return String(reference[reference.index(after: slash)...]) }
            return reference
        }
        return subject.resource("identifier")?.string("value")
    }

    /// The codes of a CodeableConcept, LOINC's first.
    static func codes(_ concept: JSONResource?) -> [(system: String?, code: String, display: String?)] {
        guard let concept else { return [] }
        let all = concept.resources("coding").compactMap { coding -> (String?, String, String?)? in
            guard let code = coding.string("code") else { return nil }
            return (coding.string("system"), code, coding.string("display"))
        }
        return all.sorted { ($0.0 == "http://loinc.org" ? 0 : 1) < ($1.0 == "http://loinc.org" ? 0 : 1) }
    }

    static let ordinalURLs: Set<String> = [
        "http://hl7.org/fhir/StructureDefinition/ordinalValue", "http://hl7.org/fhir/StructureDefinition/itemWeight",
        "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value",
    ]

    /// The item value of a Coding: its ordinal (itemWeight) extension, its LOINC answer code
    /// (LA6568-5 = 0 …), or its display text as an answer of the instrument.
    static func value(of coding: JSONResource, _ instrument: Instrument, _ answers: AnswerTexts) -> Int? {
        for ext in coding.resources("extension") where ordinalURLs.contains(ext.string("url") ?? "") {
            if let number = ext.number("valueDecimal") ?? ext.number("valueInteger"), number == number.rounded() { return Int(number) }
        }
        if let code = coding.string("code"), let value = LOINC.answers[code] { return value }
        if let display = coding.string("display"), let value = answers.value(of: display, for: instrument) { return value }
        if let code = coding.string("code"), let value = Int(code) { return value }
        return nil
    }
}
