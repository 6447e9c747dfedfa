/// The session form (interface.md, "Session exports"): `patient_id, session_start, route`,
/// optional `dose_mg`, `weight_kg`, `duration_min`, `clinic_id`, `session_id`.
public struct SessionsLayout: ExportForm {
    public var patient: Int
    public var start: Int
    public var route: Int
    public var dose: Int?
    public var weight: Int?
    public var duration: Int?
    public var clinic: Int?
    public var sessionID: Int?
    /// The pipeline's `[routes]` table, keyed by `nameKey`.
    public var routes: [String: Route] = [:]

    public static let name = "sessions"
    public static let kind = ExportKind.sessions
    public static let mappableColumns: Set<String> = ["patient_id", "session_start", "route", "dose_mg", "weight_kg",
                                                      "duration_min", "clinic_id", "session_id"]

    public static func isNamed(by options: SourceOptions) -> Bool { options.kind == .sessions }

    /// A header with a session start and a route, unless the source says it holds scores or
    /// the header names a drug (a medication administration table, `medications`).
    public static func claims(_ header: HeaderIndex, _ context: FormContext) -> Bool {
        context.options.kind == .auto && header.position(of: "session_start") != nil && header.position(of: "route") != nil
            && !MedicationAdministrationsLayout.hasDrugColumn(header)
    }

    public static func layout(_ index: HeaderIndex, _ context: FormContext) -> Result<SessionsLayout, LayoutError> {
        let form = "a session export"
        return ExportLayout.required("patient_id", index, form: form).flatMap { patient in
            ExportLayout.required("session_start", index, form: form).flatMap { start in
                ExportLayout.required("route", index, form: form).map { route in
                    SessionsLayout(patient: patient, start: start, route: route,
                                   dose: index.position(of: "dose_mg"), weight: index.position(of: "weight_kg"),
                                   duration: index.position(of: "duration_min"), clinic: index.position(of: "clinic_id"),
                                   sessionID: index.position(of: "session_id"), routes: context.options.routes)
                }
            }
        }
    }

    public func reads(_ header: HeaderIndex) -> [ExportLayout.ColumnRead] {
        ["patient_id", "session_start", "route", "dose_mg", "weight_kg", "duration_min", "clinic_id", "session_id"]
            .map(ExportLayout.ColumnRead.field)
    }

    public func decode(_ row: RawRow, _ d: RowDecoder) -> [RecordOutcome] {
        [d.outcome { () throws(RowProblem) in try record(row, d) }]
    }

    private func record(_ row: RawRow, _ d: RowDecoder) throws(RowProblem) -> RecordOutcome {
        let patientID = try d.patient(row, patient)
        let start = try d.instant(row, self.start, what: "session start")
        guard let name = d.text(row, route) else {
            throw RowProblem(column: d.columnName(route), "the route is empty")
        }
        guard let route = Route(exportName: name, extra: routes) else {
            throw RowProblem(column: d.columnName(self.route),
                "unknown route '\(DisplayText.quoted(name))'; expected IV, IM, IN, SL, PO or SC (or a spelling such as infusion, nasal spray, troche)")
        }
        return .session(SessionRecord(
            patientID: patientID, start: start, route: route,
            doseMg: try d.decimal(row, dose, what: "dose"),
            weightKg: try d.decimal(row, weight, what: "weight"),
            durationMin: try d.decimal(row, duration, what: "duration"),
            clinicID: try d.identifier(row, clinic, what: "clinic id"),
            sessionID: try d.identifier(row, sessionID, what: "session id")))
    }
}
