import Testing
@testable import OutcomesCore

/// A NUL or another control character in an export: reasons show it escaped and whole; an id
/// holding one is refused.
@Suite struct ControlCharacterTests {
    let zone = LocalTimeZone(identifier: "UTC")!

    func outcome(_ header: [String], _ fields: [String]) throws -> RecordOutcome? {
        let layout = try ExportLayout.recognise(header: header, options: SourceOptions()).get()
        let decoder = RowDecoder(layout: layout, header: HeaderIndex(header: header), zone: zone, rules: ScoringRules())
        return decoder.decode(RawRow(line: 2, fields: fields)).first
    }

    static let long = ["patient_id", "instrument", "administered_at", "total", "clinic_id"]
    static let sessions = ["patient_id", "session_start", "route", "dose_mg", "clinic_id", "session_id"]

    @Test(arguments: [
        (long, ["P1", "GAD\u{0}-7", "2026-03-04", "3", ""], "instrument", "unknown instrument 'GAD\\0-7'; expected GAD-7, PHQ-9 or HAM-A"),
        (long, ["P1", "PHQ-9", "2026-03-04\u{0}", "3", ""], "administered_at",
         "the administration time '2026-03-04\\0' has something after the date: expected a date and time like 2026-03-04T09:30:00-05:00, 2026-03-04 09:30, 2026-03-04 or 03/04/2026 09:30"),
        (long, ["P1", "PHQ-9", "2026-03-04", "1\u{1B}2", ""], "total", "'1\\x1B2' is not a whole number"),
        (long, ["P\u{0}1", "PHQ-9", "2026-03-04", "3", ""], "patient_id",
         "the patient id contains a control character (\\0); ids must be printable text"),
        (long, ["P\u{7F}1", "PHQ-9", "2026-03-04", "3", ""], "patient_id",
         "the patient id contains a control character (\\x7F); ids must be printable text"),
        (long, ["P1", "PHQ-9", "2026-03-04", "3", "C\u{85}1"], "clinic_id",
         "the clinic id contains a control character (\\x85); ids must be printable text"),
        (sessions, ["P1", "2026-03-04", "I\u{0}V", "", "", ""], "route",
         "unknown route 'I\\0V'; expected IV, IM, IN, SL, PO or SC (or a spelling such as infusion, nasal spray, troche)"),
        (sessions, ["P1", "2026-03-04", "IV", "5\u{0}", "", ""], "dose_mg", "the dose '5\\0' is not a number of 0 or more"),
        (sessions, ["P1", "2026-03-04", "IV", "", "C\u{0}", ""], "clinic_id",
         "the clinic id contains a control character (\\0); ids must be printable text"),
        (sessions, ["P1", "2026-03-04", "IV", "", "", "S\n1"], "session_id",
         "the session id contains a control character (\\n); ids must be printable text"),
        (sessions, ["P\t1", "2026-03-04", "IV", "", "", ""], "patient_id",
         "the patient id contains a control character (\\t); ids must be printable text"),
    ])
    func reasonsShowControlCharactersEscaped(header: [String], fields: [String], column: String, reason: String) throws {
        #expect(try outcome(header, fields) == .rejected(RowProblem(column: column, reason)))
    }

    @Test func aHeaderNameIsEscapedWhereAReasonNamesIt() throws {
        let header = ["patient_id", "instrument", "administered_at", "total", "no\u{1}te"]
        let layout = try ExportLayout.recognise(header: header, options: SourceOptions()).get()
        let decoder = RowDecoder(layout: layout, header: HeaderIndex(header: header), zone: zone, rules: ScoringRules())
        var row = RawRow(line: 2)
        for field in ["P1", "PHQ-9", "2026-03-04", "3"] { row.append(field: Array(field.utf8)) }
        row.append(field: [0xE9])
        #expect(decoder.decode(row) == [.rejected(RowProblem(column: "no\\x01te", "the value is not valid UTF-8 text; export the file as UTF-8"))])
    }

    @Test func aLongValueIsCutInTheReason() throws {
        let value = String(repeating: "Z", count: 200)
        #expect(try outcome(Self.long, ["P1", value, "2026-03-04", "3", ""])
                == .rejected(RowProblem(column: "instrument",
                    "unknown instrument '\(String(repeating: "Z", count: 80))…'; expected GAD-7, PHQ-9 or HAM-A")))
    }

    @Test func printableIdsAreKept() throws {
        #expect(try outcome(Self.long, [" Pé 1 ", "PHQ-9", "2026-03-04", "3", "Clinic\u{A0}North"]) == .score(ScoreRecord(
            patientID: "Pé 1", instrument: .phq9, administeredAt: 1_772_582_400, total: 3, clinicID: "Clinic\u{A0}North")))
    }
}
