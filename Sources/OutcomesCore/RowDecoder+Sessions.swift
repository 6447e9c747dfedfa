extension RowDecoder {
    func decodeSession(_ row: RawRow, _ layout: SessionsLayout) throws(RowProblem) -> RecordOutcome {
        let patientID = try patient(row, layout.patient)
        let start = try instant(row, layout.start, what: "session start")
        guard let name = text(row, layout.route) else {
            throw RowProblem(column: columnName(layout.route), "the route is empty")
        }
        guard let route = Route(exportName: name) else {
            throw RowProblem(column: columnName(layout.route),
                "unknown route '\(DisplayText.quoted(name))'; expected IV, IM, IN, SL, PO or SC (or a spelling such as infusion, nasal spray, troche)")
        }
        return .session(SessionRecord(
            patientID: patientID, start: start, route: route,
            doseMg: try decimal(row, layout.dose, what: "dose"),
            weightKg: try decimal(row, layout.weight, what: "weight"),
            durationMin: try decimal(row, layout.duration, what: "duration"),
            clinicID: try identifier(row, layout.clinic, what: "clinic id"),
            sessionID: try identifier(row, layout.sessionID, what: "session id")))
    }
}
