/// exclusions.csv (reports with min_cell = 0 only: it names patients): one row per course ×
/// instrument × analysis the course is left out of, following report.md's "Who is counted"
/// funnel (docs/report.md, "exclusions.csv"):
///
/// - `all`, `no baseline`: no baseline total; in no analysis of the instrument.
/// - `time_to_relief`, `baseline 0` or `no follow-up`: not in the time-to-relief (Kaplan–Meier)
///   analysis, nor in any percent reduction.
/// - `endpoint`, `baseline 0`, `no follow-up` or `no endpoint observation`: not evaluable at the
///   endpoint (response and remission rates).
///
/// So per instrument and route: rows of `all` = courses − with baseline; of `time_to_relief` =
/// with baseline − courses in the time-to-relief analysis; of `endpoint` = with baseline − evaluable.
public enum ExclusionsCSV {
    public static let header = ["patient_id", "index_date", "route", "instrument", "analysis", "reason"]

    /// One course × instrument as the store gives it (only what decides its exclusions).
    public struct Course: Sendable, Equatable {
        public var patientID: String
        public var indexDate: String
        public var route: Route
        public var instrument: Instrument
        /// course_instrument.relief_status: relief, censored, no_follow_up, baseline_zero, no_baseline.
        public var reliefStatus: String
        public var evaluable: Bool

        public init(patientID: String, indexDate: String, route: Route, instrument: Instrument, reliefStatus: String, evaluable: Bool) {
            self.patientID = patientID
            self.indexDate = indexDate
            self.route = route
            self.instrument = instrument
            self.reliefStatus = reliefStatus
            self.evaluable = evaluable
        }
    }

    /// The (analysis, reason) rows of one course × instrument, in analysis order.
    public static func exclusions(_ course: Course) -> [(analysis: String, reason: String)] {
        let why: String
        switch course.reliefStatus {
        case "no_baseline": return [("all", "no baseline")]
        case "baseline_zero": why = "baseline 0"
        case "no_follow_up": why = "no follow-up"
        default: return course.evaluable ? [] : [("endpoint", "no endpoint observation")]
        }
        return [("endpoint", why), ("time_to_relief", why)]
    }

    /// The header line.
    public static var headerLine: String { CSVTable.line(header.map(CSVTable.Cell.text)) }

    /// The lines of one course × instrument; courses must come in the file's order
    /// (instrument, route in report order, patient id, index date).
    public static func lines(_ course: Course) -> String {
        exclusions(course).map { row in
            CSVTable.line([.text(course.patientID), .text(course.indexDate), .text(course.route.rawValue),
                           .text(course.instrument.rawValue), .text(row.analysis), .text(row.reason)])
        }.joined()
    }
}
