import Testing
@testable import OutcomesCore

/// Every kind of reason the ingest and the data-quality reader write, and its class: what
/// names the rule stays, the row's values go (docs/report.md, "data_quality_summary.csv").
@Suite struct ReasonClassTests {
    static let cases: [(reason: String, reasonClass: String)] = [
        // Scoring (ItemScoring)
        ("HAM-A item 3 is 5; items are 0–4", "HAM-A item 3 is <value>; items are 0–4"),
        ("PHQ-9 total 31 is outside 0–27", "PHQ-9 total <value> is outside 0–27"),
        ("total does not match items: GAD-7 total is 12 but its items add up to 10",
         "total does not match items: GAD-7 total is <value> but its items add up to <value>"),
        ("incomplete: 1 of 14 HAM-A items are missing (at most 0 may be)",
         "incomplete: 1 of 14 HAM-A items are missing (at most 0 may be)"),
        ("no GAD-7 total and no item answers", "no GAD-7 total and no item answers"),
        ("GAD-7 total 9 prorated from 6 of 7 items", "GAD-7 total <value> prorated from 6 of 7 items"),
        // Values quoted by the decoder
        ("'twelve' is not a whole number", "'<value>' is not a whole number"),
        ("'O'Brien' is not a whole number", "'<value>' is not a whole number"),
        ("the dose '-3' is not a number of 0 or more", "the dose '<value>' is not a number of 0 or more"),
        ("unknown instrument 'BDI-II'; expected GAD-7, PHQ-9 or HAM-A", "unknown instrument '<value>'; expected GAD-7, PHQ-9 or HAM-A"),
        ("unknown route 'IVP'; expected IV, IM, IN, SL, PO or SC (or a spelling such as infusion, nasal spray, troche)",
         "unknown route '<value>'; expected IV, IM, IN, SL, PO or SC (or a spelling such as infusion, nasal spray, troche)"),
        ("the form status '7' is not 0, 1 or 2", "the form status '<value>' is not 0, 1 or 2"),
        // Timestamps
        ("the session start 'yesterday' is not a date: expected a date and time like 2026-03-04T09:30:00-05:00, 2026-03-04 09:30, 2026-03-04 or 03/04/2026 09:30",
         "the session start '<value>' is not a date: expected a date and time in one of the forms read"),
        ("the administration time '2026-02-30 10:00' has day 30, which February 2026 does not have",
         "the administration time '<value>' has day <value>, which <month year> does not have"),
        ("the administration time '2026-13-01' has month 13; months are 1–12",
         "the administration time '<value>' has month <value>; months are 1–12"),
        ("the administration time '2026-03-08 02:30' does not exist in America/New_York: the clocks skipped that hour when daylight saving began",
         "the administration time '<value>' does not exist in America/New_York: the clocks skipped that hour when daylight saving began"),
        // Row shape and reading
        ("the row has 5 fields but the header has 8; a separator or quote may be missing",
         "the row has <value> fields but the header has 8; a separator or quote may be missing"),
        ("a quoted field that starts here is never closed, so line 3 could not be read; check for a stray double quote",
         "a quoted field that starts here is never closed, so line <line> could not be read; check for a stray double quote"),
        ("the patient id contains a control character (\\t); ids must be printable text",
         "the patient id contains a control character (\\t); ids must be printable text"),
        // Ingest notes on stored rows
        ("same session as sessions.csv line 1423", "same session as sessions.csv line <line>"),
        ("same PHQ-9 administration as scores_long.csv line 4277", "same PHQ-9 administration as scores_long.csv line <line>"),
        ("corrected by sessions_overlap.csv line 86 (details changed)", "corrected by sessions_overlap.csv line <line> (details changed)"),
        ("corrected by scores_long_overlap.csv line 12 (GAD-7 total 9 → 11)",
         "corrected by scores_long_overlap.csv line <line> (GAD-7 total <value> → <value>)"),
        ("corrected by sessions_overlap.csv line 40 (route IV → IM)", "corrected by sessions_overlap.csv line <line> (route IV → IM)"),
        ("form not complete: PHQ-9 is marked 0 (incomplete)", "form not complete: PHQ-9 is marked 0 (incomplete)"),
        ("12 rows of BP not read: not an instrument or a ketamine session this pipeline reads",
         "<value> rows of BP not read: not an instrument or a ketamine session this pipeline reads"),
        ("no record of this file was stored: 3 rejected, 2 skipped", "no record of this file was stored: <value> rejected, <value> skipped"),
        ("no record of this file was stored: none of its 40 rows is an instrument or a ketamine session",
         "no record of this file was stored: none of its <value> rows is an instrument or a ketamine session"),
        ("GAD-7 item 2 is given twice at this instant: 3 at line 12 and 1 here",
         "GAD-7 item 2 is given twice at this instant: <value> at line <line> and <value> here"),
        // FHIR
        ("the answer 2.5 is not a whole number", "the answer <value> is not a whole number"),
        ("the dose 12.5 has no unit; mg, ug or g are read", "the dose <value> has no unit; mg, ug or g are read"),
        ("the Observation's status is 'preliminary': only final, amended and corrected are read",
         "the Observation's status is '<value>': only final, amended and corrected are read"),
        // The mixed-route note of the data-quality reader
        ("route IN in a course whose index session (2025-08-11) was IV; the course is counted under IV",
         "route IN in a course whose index session (<date>) was IV; the course is counted under IV"),
    ]

    @Test(arguments: cases) func reasonClass(reason: String, reasonClass: String) {
        #expect(ReasonClass.of(reason) == reasonClass)
    }

    @Test func theReportUsesTheClass() {
        #expect(MarkdownReport.pattern("HAM-A item 3 is 5; items are 0–4") == "HAM-A item 3 is <value>; items are 0–4")
    }

    @Test func summaryCountsPerFileKindAndClass() {
        let summary = DataQualitySummary.of([
            DataQualityRow(file: "b.csv", line: 4, kind: "rejected", reason: "PHQ-9 total 31 is outside 0–27"),
            DataQualityRow(file: "b.csv", line: 2, kind: "rejected", reason: "PHQ-9 total 40 is outside 0–27"),
            DataQualityRow(file: "a.csv", line: 9, kind: "duplicate", reason: "same session as a.csv line 3"),
        ])
        #expect(DataQualitySummaryCSV.render(summary) == """
            file,kind,reason_class,rows
            a.csv,duplicate,same session as a.csv line <line>,1
            b.csv,rejected,PHQ-9 total <value> is outside 0–27,2

            """)
    }
}
