import Testing
@testable import OutcomesCore

/// The disclosure check on bytes: each kind of value found as a whole token, nothing found
/// in the numbers and dates a report writes itself (docs/report.md, "The disclosure check").
@Suite struct DisclosureCheckTests {
    static let day = CivilTime.daysFromCivil(year: 2026, month: 3, day: 8)
    static let sessionDay = CivilTime.daysFromCivil(year: 2026, month: 4, day: 13)
    static let runDay = CivilTime.daysFromCivil(year: 2026, month: 10, day: 5)

    let check = DisclosureCheck(
        patientIDs: ["P00017", "MRN-4412", "00123", "12345678", "417", "AB"], sessionIDs: ["S0000002"],
        administrationDays: [day, runDay], sessionDays: [sessionDay], allowedDays: [runDay],
        rawValues: ["2026-02-30 10:00", "twelve", "7x"])

    func hit(_ text: String) -> DisclosureCheck.Kind? { check.firstHit(in: Array(text.utf8)) }

    @Test func findsEachKind() {
        #expect(hit("| P00017 | 3 |") == .patientID)
        #expect(hit("input P00017.csv read") == .patientID)
        #expect(hit("<text>Patient/MRN-4412</text>") == .patientID)
        #expect(hit("a P\\_00017 escaped") == nil)   // not the id: P_00017
        #expect(hit("session S0000002,") == .sessionID)
        #expect(hit("on 2026-03-08 at") == .administrationDate)
        #expect(hit("\"2026-03-08T10:00:00-05:00\"") == .administrationDate)
        #expect(hit("on 3/8/2026 09:30") == .administrationDate)
        #expect(hit("on 03/08/2026") == .administrationDate)
        #expect(hit("(2026-04-13)") == .sessionDate)
        #expect(hit("value '2026-02-30 10:00' here") == .rawValue)
    }

    @Test func wholeTokensOnly() {
        #expect(hit("P000171 and XP00017") == nil)
        #expect(hit("S00000021") == nil)
        #expect(hit("2026-03-081") == nil)
    }

    @Test func shortAndNumericIDs() {
        // "417" and "AB" are too short or too plain to tell from the report's own counts and words.
        #expect(hit("417 courses, AB") == nil)
        #expect(DisclosureCheck.isCheckable("417") == false)
        // A zero-padded or long numeric id is looked for, but not in the decimals of a number.
        #expect(hit("MRN 00123") == .patientID)
        #expect(hit("rate 0.00123") == nil)
        #expect(hit("id 12345678") == .patientID)
    }

    @Test func datesTheReportWritesOnPurpose() {
        // The run's day (also an administration day here) and the program's own UTC timestamps.
        #expect(hit("run 2026-10-05") == nil)
        #expect(hit("\"run_time\": \"2026-03-08T06:12:09Z\"") == nil)
        // A day no patient was seen on.
        #expect(hit("period 2026-01-01 to 2026-03-31") == nil)
    }

    @Test func rawValuesNeedADigitAndFourCharacters() {
        // 'twelve' is a word the report may use; '7x' is too short.
        #expect(hit("twelve courses, 7x") == nil)
        #expect(DisclosureCheck.quotedValues("the administration time '2026-02-30 10:00' has day 30; the Observation's status is 'x…'")
                == ["2026-02-30 10:00", "x"])
    }
}
