import OutcomesCore

/// What the store holds that must not leave the clinic: the values the disclosure check of a
/// report with small cells suppressed looks for (DisclosureCheck, docs/report.md).
public struct DisclosureValues: Sendable {
    public var patientIDs: Set<String> = []
    public var sessionIDs: Set<String> = []
    /// Local days (pipeline zone) and UTC days of every administration, current or superseded.
    public var administrationDays: Set<Int64> = []
    /// Local and UTC days of every session, current or superseded.
    public var sessionDays: Set<Int64> = []
    /// The values the stored reasons quote: raw cell values of the exports.
    public var quotedValues: Set<String> = []
}

extension OutcomesStore {
    /// Every patient id, session id, administration and session day and quoted raw value the
    /// store holds. Days are read per quarter hour (every UTC offset is a multiple of one),
    /// so a clinic's history costs a few ten thousand conversions, not one per row.
    public func disclosureValues(timezone zone: LocalTimeZone) throws -> DisclosureValues {
        var values = DisclosureValues()
        for table in ["score", "session", "score_history", "session_history", "row_issue"] {
            let ids = try database.prepare("SELECT DISTINCT patient_id FROM \(table) WHERE patient_id IS NOT NULL").rows { $0.text(0) }
            values.patientIDs.formUnion(ids.compactMap { $0 })
        }
        for table in ["session", "session_history"] {
            let ids = try database.prepare("SELECT DISTINCT session_id FROM \(table) WHERE session_id IS NOT NULL").rows { $0.text(0) }
            values.sessionIDs.formUnion(ids.compactMap { $0 })
        }
        func days(_ column: String, _ tables: [String]) throws -> Set<Int64> {
            var days: Set<Int64> = []
            for table in tables {
                let quarters = try database.prepare("SELECT DISTINCT \(column) / 900 FROM \(table)").rows { $0.int64(0) }
                for quarter in quarters {
                    for instant in [quarter * 900, quarter * 900 + 899] {
                        days.insert(zone.localDay(of: instant))
                        days.insert(Int64((Double(instant) / 86_400).rounded(.down)))
                    }
                }
            }
            return days
        }
        values.administrationDays = try days("administered_at", ["score", "score_history"])
        values.sessionDays = try days("session_start", ["session", "session_history"])
        let reasons = try database.prepare("SELECT DISTINCT reason FROM row_issue WHERE instr(reason, '''') > 0").rows { $0.text(0) }
        for reason in reasons.compactMap({ $0 }) { values.quotedValues.formUnion(DisclosureCheck.quotedValues(reason)) }
        return values
    }
}
