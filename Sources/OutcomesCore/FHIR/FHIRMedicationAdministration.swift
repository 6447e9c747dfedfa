extension FHIRLayout {
    /// A MedicationAdministration: a ketamine or esketamine session (not yet read: counted).
    func medicationAdministration(_ resource: JSONResource, _ d: RowDecoder) -> RecordOutcome {
        .ignored(IgnoredRow(key: "MedicationAdministration", label: "FHIR MedicationAdministration"))
    }
}
