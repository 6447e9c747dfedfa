import OutcomesCore

extension SampleForms {
    /// Plants one realistic bad row, chosen by `variant`, among the patient's good rows.
    mutating func writeBadRow(variant: Int, patient: SamplePatient) {
        let at = patient.scores.first.map { stamp($0.at + 3600, clinic: 2) } ?? "2026-01-05T10:00:00"
        let blank9 = [String](repeating: "", count: 9)
        let long: [[String]] = [
            [patient.id, "BDI-II", at, "23", "C02"] + blank9,
            [patient.id, "PHQ-9", at, "31", "C02"] + blank9,
            [patient.id, "GAD-7", "2026-02-30 10:00", "9", "C02"] + blank9,
            [patient.id, "PHQ-9", "2026-03-08 02:30", "12", "C02"] + blank9,
            ["", "GAD-7", at, "8", "C02"] + blank9,
            [patient.id, "GAD-7", at, "12", "C02", "1", "2", "1", "2", "1", "2", "1", "", ""],
            [patient.id, "PHQ-9", at, "twelve", "C02"] + blank9,
        ]
        let hama: [[String]] = [
            [patient.id, at] + ["2", "3", "5", "1", "2", "2", "1", "0", "1", "1", "2", "1", "0", "1"] + ["", "C01"],
            [patient.id, at] + ["2", "3", "", "1", "2", "2", "1", "0", "1", "1", "2", "1", "0", "1"] + ["", "C01"],
        ]
        let sessions: [[String]] = [
            [patient.id, at, "IVP", "40", "80", "40", "C02", ""],
            [patient.id, "yesterday", "IV", "40", "80", "40", "C02", ""],
            [patient.id, at, "IV", "40", "80"],
        ]
        let all = long.count + hama.count + sessions.count
        let k = variant % all
        if k < long.count {
            sink.write("scores_long.csv", header: Self.longHeader, long[k])
        } else if k < long.count + hama.count {
            sink.write("hama_items.csv", header: Self.hamaHeader, hama[k - long.count])
        } else {
            sink.write("sessions.csv", header: Self.sessionHeader, sessions[k - long.count - hama.count])
        }
    }
}
