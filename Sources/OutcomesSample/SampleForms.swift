import OutcomesCore

/// Writes a synthetic patient in the export forms of its clinic.
struct SampleForms<Sink: SampleSink> {
    let zone: LocalTimeZone
    var sink: Sink
    private var sessionCounter = 0
    private var corrections = 0

    init(zone: LocalTimeZone, sink: Sink) {
        self.zone = zone
        self.sink = sink
    }

    static var sessionHeader: [String] { ["patient_id", "session_start", "route", "dose_mg", "weight_kg", "duration_min", "clinic_id", "session_id"] }
    static var longHeader: [String] { ["patient_id", "instrument", "administered_at", "total", "clinic_id"] + (1...9).map { "item_\($0)" } }
    static var hamaHeader: [String] { ["patient_id", "administered_at"] + (1...14).map { "hama_\($0)" } + ["hama_total", "clinic_id"] }
    static var redcapHeader: [String] {
        ["record_id", "redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance"]
            + ["phq9_date"] + (1...9).map { "phq9_\($0)" } + ["phq9_total", "phq9_complete"]
            + ["gad7_date"] + (1...7).map { "gad7_\($0)" } + ["gad7_total", "gad7_complete"]
    }

    mutating func write(_ patient: SamplePatient, overlapping: Bool) {
        let clinic = "C0\(patient.clinic)"
        for session in patient.sessions {
            sessionCounter += 1
            var row = [patient.id, stamp(session.start, clinic: patient.clinic, forSession: true), spell(session.route, clinic: patient.clinic),
                       format(session.doseMg), format(patient.weightKg), String(session.durationMin), clinic,
                       patient.clinic == 3 ? "" : "S\(CivilTime.pad(sessionCounter, 7))"]
            sink.write("sessions.csv", header: Self.sessionHeader, row)
            if overlapping {
                corrections += 1
                if corrections % 15 == 0 { row[3] = format(session.doseMg + 10) }
                sink.write("sessions_overlap.csv", header: Self.sessionHeader, row)
            }
        }
        var instance: [Instrument: Int] = [:]
        for (n, score) in patient.scores.enumerated() {
            var items = score.items
            if n % 23 == 5, score.instrument != .hama {   // an unanswered item: prorated
                // Some on a PHQ-9 (about one in seven) is item 9: its answer unknown (analysis.md §14).
                items[score.instrument == .phq9 && score.at / 60 % 7 == 0 ? 8 : n % items.count] = nil
            }
            switch (score.instrument, patient.clinic) {
            case (.hama, _):
                let row = [patient.id, stamp(score.at, clinic: 0)] + items.map(text) + [String(score.total), clinic]
                sink.write("hama_items.csv", header: Self.hamaHeader, row)
            case (_, 1):
                instance[score.instrument, default: 0] += 1
                let complete = n % 37 == 11 ? "0" : (n % 5 == 0 ? "1" : "2")
                sink.write("redcap_export.csv", header: Self.redcapHeader,
                           redcapRow(patient.id, score, items: items, instance: instance[score.instrument]!, complete: complete))
            default:
                let name = score.instrument == .phq9 ? (patient.clinic == 2 ? "PHQ-9" : "phq9") : (patient.clinic == 2 ? "GAD-7" : "GAD 7")
                let withItems = n % 4 == 0
                let total = withItems && items.contains(where: { $0 == nil }) ? "" : String(score.total)
                var row = [patient.id, name, stamp(score.at, clinic: patient.clinic), total, clinic]
                row += (0..<9).map { k in withItems && k < items.count ? text(items[k]) : "" }
                sink.write("scores_long.csv", header: Self.longHeader, row)
                if overlapping {
                    corrections += 1
                    if corrections % 15 == 0, !withItems { row[3] = String(min(score.total + 2, score.instrument.totalRange.upperBound)) }
                    sink.write("scores_long_overlap.csv", header: Self.longHeader, row)
                }
            }
        }
    }

    static var plainScoreHeader: [String] { ["patient_id", "instrument", "administered_at", "total"] }
    static var plainSessionHeader: [String] { ["patient_id", "session_start", "route"] }

    /// The benchmark's form: `scores.csv` and `sessions.csv`, `YYYY-MM-DD HH:MM:SS` local times.
    /// Each session and administration once (the plain form is for tools that do not apply the
    /// duplicate and correction rules).
    mutating func writePlain(_ patient: SamplePatient) {
        var starts = Set<Int64>(), administrations = Set<String>()
        for session in patient.sessions where starts.insert(session.start).inserted {
            sink.write("sessions.csv", header: Self.plainSessionHeader, [patient.id, plainStamp(session.start), session.route.rawValue])
        }
        for score in patient.scores where administrations.insert("\(score.instrument.rawValue) \(score.at)").inserted {
            sink.write("scores.csv", header: Self.plainScoreHeader,
                       [patient.id, score.instrument.rawValue, plainStamp(score.at), String(score.total)])
        }
    }

    func plainStamp(_ instant: Int64) -> String {
        let wall = instant + zone.offset(at: instant)
        let days = wall >= 0 ? wall / 86_400 : (wall - 86_399) / 86_400
        let (y, m, d) = CivilTime.civilFromDays(days)
        let seconds = Int(wall - days * 86_400)
        return "\(CivilTime.pad(y, 4))-\(CivilTime.pad(m, 2))-\(CivilTime.pad(d, 2)) "
            + "\(CivilTime.pad(seconds / 3600, 2)):\(CivilTime.pad(seconds % 3600 / 60, 2)):\(CivilTime.pad(seconds % 60, 2))"
    }

    func redcapRow(_ id: String, _ score: SamplePatient.Score, items: [Int?], instance: Int, complete: String) -> [String] {
        let phq = score.instrument == .phq9
        let block = { (instrument: Instrument) -> [String] in
            guard instrument == score.instrument else { return [String](repeating: "", count: instrument.itemCount + 3) }
            let total = items.contains { $0 == nil } ? "" : String(score.total)
            return [self.stamp(score.at, clinic: 1)] + items.map(self.text) + [total, complete]
        }
        return [id, "treatment_arm_1", phq ? "phq9" : "gad7", String(instance)] + block(.phq9) + block(.gad7)
    }

    /// Each clinic writes times its own way (analysis.md §3 lists them all).
    func stamp(_ instant: Int64, clinic: Int, forSession: Bool = false) -> String {
        let offset = zone.offset(at: instant)
        let wall = instant + offset
        let days = wall >= 0 ? wall / 86_400 : (wall - 86_399) / 86_400
        let (y, m, d) = CivilTime.civilFromDays(days)
        let seconds = Int(wall - days * 86_400)
        let hh = CivilTime.pad(seconds / 3600, 2), mm = CivilTime.pad(seconds % 3600 / 60, 2)
        let date = "\(CivilTime.pad(y, 4))-\(CivilTime.pad(m, 2))-\(CivilTime.pad(d, 2))"
        if clinic == 0 || (clinic == 1 && forSession) {
            let sign = offset < 0 ? "-" : "+"
            let magnitude = Int(abs(offset))
            return "\(date)T\(hh):\(mm):00\(sign)\(CivilTime.pad(magnitude / 3600, 2)):\(CivilTime.pad(magnitude % 3600 / 60, 2))"
        }
        switch clinic {
        case 1: return "\(date) \(hh):\(mm)"
        case 2: return "\(date)T\(hh):\(mm):00"
        default: return "\(m)/\(d)/\(y) \(hh):\(mm)"
        }
    }

    func spell(_ route: Route, clinic: Int) -> String {
        switch clinic {
        case 1: return route.rawValue
        case 2: return [.iv: "infusion", .im: "injection", .intranasal: "Spravato", .sublingual: "troche", .oral: "oral", .subcutaneous: "subcutaneous"][route]!
        default: return [.iv: "IV infusion", .im: "intramuscular", .intranasal: "nasal spray", .sublingual: "sublingual", .oral: "tablet", .subcutaneous: "SQ"][route]!
        }
    }

    func text(_ item: Int?) -> String { item.map(String.init) ?? "" }

    func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
