extension ExportLayout {
    /// A value the layout reads: a contract column (found by its name, an alias or the
    /// source's mapping) or a header name taken as written (`gad7_3`, `record_id`).
    public enum ColumnRead: Sendable {
        case field(String)
        case header(String)
    }

    /// The first value of the layout that two columns give, as a layout error naming both
    /// columns (1-based) and what to do. Duplicates of columns the layout does not read are fine.
    static func duplicateColumns(_ layout: ExportLayout, _ index: HeaderIndex) -> LayoutError? {
        for read in layout.form.reads(index) {
            let found: [Int]
            let what: String
            switch read {
            case .field(let name):
                found = index.positions(of: name)
                what = fieldNames[name] ?? name
            case .header(let name):
                found = index.positions(ofHeader: name)
                what = name
            }
            guard found.count > 1 else { continue }
            let (a, b) = (found[0], found[1])
            let sameName = index.name(a).lowercased() == index.name(b).lowercased()
            var advice = "keep one"
            if case .field(let name) = read, !sameName, !index.isMapped(name) {
                advice += ", or pick one with the source's columns key, e.g. columns = { \(name) = \"\(DisplayText.quoted(index.name(b)))\" }"
            }
            return LayoutError("columns \(a + 1) (\(DisplayText.quoted(index.name(a)))) and \(b + 1) (\(DisplayText.quoted(index.name(b)))) "
                + "both give \(what); \(advice)")
        }
        return nil
    }

    /// How a message names a contract column's value.
    private static let fieldNames: [String: String] = [
        "patient_id": "the patient id", "instrument": "the instrument", "administered_at": "the administration time",
        "total": "the total", "clinic_id": "the clinic id", "session_start": "the session start", "route": "the route",
        "dose_mg": "the dose", "weight_kg": "the weight", "duration_min": "the duration", "session_id": "the session id",
        "observed_at": "the observation time", "code": "the observation code", "value": "the observation value",
        "description": "the code's description", "code_system": "the code system",
    ]
}
