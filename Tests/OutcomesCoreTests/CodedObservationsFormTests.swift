import Testing
@testable import OutcomesCore

/// The coded observation form (docs/ingest.md, "Observation tables (CSV)"): exact outcomes of
/// hand-made rows in Synthea's and an EHR's layout. Times are America/New_York; 2026-03-04
/// 09:30 local (14:30Z) is `TimestampTests.reference`.
@Suite struct CodedObservationsFormTests {
    let zone = LocalTimeZone(identifier: "America/New_York")!
    static let at = TimestampTests.reference
    static let synthea = ["DATE", "PATIENT", "ENCOUNTER", "CATEGORY", "CODE", "DESCRIPTION", "VALUE", "UNITS", "TYPE"]
    static let when = "2026-03-04T14:30:00Z"

    func recognised(_ header: [String], _ options: SourceOptions = SourceOptions()) -> String {
        switch ExportLayout.recognise(header: header, options: options) {
        case .success(let layout): layout.formName
        case .failure(let error): error.description
        }
    }

    /// Each row's outcomes, then what `finish` gives (with its lines).
    func decode(_ header: [String], options: SourceOptions = SourceOptions(), _ rows: [[String]]) throws
        -> (rows: [[RecordOutcome]], finished: [(line: Int, outcome: RecordOutcome)]) {
        let layout = try ExportLayout.recognise(header: header, options: options).get()
        let decoder = RowDecoder(layout: layout, header: HeaderIndex(header: header, mapping: options.columns), zone: zone, rules: ScoringRules())
        let outcomes = rows.enumerated().map { decoder.decode(RawRow(line: $0.offset + 2, fields: $0.element)) }
        return (outcomes, layout.form.finish(decoder))
    }

    /// A Synthea row: date, patient, code, description, value.
    func row(_ code: String, _ description: String, _ value: String, patient: String = "p1", date: String = when) -> [String] {
        [date, patient, "e1", "survey", code, description, value, "{score}", "numeric"]
    }

    @Test func headersRecognised() {
        #expect(recognised(Self.synthea) == "coded")
        // Older Synthea versions have no CATEGORY column.
        #expect(recognised(["DATE", "PATIENT", "ENCOUNTER", "CODE", "DESCRIPTION", "VALUE", "UNITS", "TYPE"]) == "coded")
        #expect(recognised(["patient_id", "observation_date", "loinc_code", "result", "description", "code_system"]) == "coded")
        #expect(recognised(["person", "effective_at", "code", "value_num"]) == "a coded observation export needs a column 'patient_id' "
            + "(or mrn, patient, subject_id, record_id, patientid); the header has none")
        #expect(recognised(["mrn", "code", "value"]).hasPrefix("a coded observation export needs a column 'observed_at' (or date, observation_date"))
        // Synthea's other tables have codes but no values: not this form.
        #expect(recognised(["START", "STOP", "PATIENT", "ENCOUNTER", "CODE", "DESCRIPTION"]).hasPrefix("the header matches no export form"))
        // A long export is still a long export.
        #expect(recognised(["patient_id", "instrument", "administered_at", "total"]) == "long")
        #expect(recognised(["patient_id", "obs_date", "code", "value"], SourceOptions(format: .coded)) == "coded")
        // Two time columns: one must be picked.
        #expect(recognised(["patient_id", "date", "observation_date", "code", "value"])
            == "columns 2 (date) and 3 (observation_date) both give the observation time; keep one, or pick one with the source's columns key, "
            + "e.g. columns = { observed_at = \"observation_date\" }")
        #expect(recognised(["patient_id", "date", "observation_date", "code", "value"], SourceOptions(columns: ["observed_at": "observation_date"])) == "coded")
    }

    @Test func totalsAreAdministrationsAndOtherCodesAreCounted() throws {
        let (rows, finished) = try decode(Self.synthea, [
            row("8302-2", "Body Height", "170.2"),
            row("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]", "12.0"),
            row("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported]", "9", patient: "p2"),
            row("55758-7", "Patient Health Questionnaire-2 (PHQ-2) total score", "2"),
            row("8302-2", "Body height (another label)", "171"),
            row("44249-1", "PHQ-9 quick depression assessment panel", ""),
        ])
        #expect(rows == [
            [.ignored(IgnoredRow(key: "8302-2", label: "8302-2 (Body Height)"))], [.joined], [.joined],
            [.ignored(IgnoredRow(key: "55758-7", label: "55758-7 (PHQ-2 total)"))],
            [.ignored(IgnoredRow(key: "8302-2", label: "8302-2 (Body Height)"))],
            [.ignored(IgnoredRow(key: "44249-1", label: "44249-1 (PHQ-9 quick depression assessment panel)"))],
        ])
        #expect(finished.map(\.line) == [3, 4])
        #expect(finished.map(\.outcome) == [
            .score(ScoreRecord(patientID: "p1", instrument: .phq9, administeredAt: Self.at, total: 12)),
            .score(ScoreRecord(patientID: "p2", instrument: .gad7, administeredAt: Self.at, total: 9)),
        ])
        // `finish` empties the groups.
        let layout = try ExportLayout.recognise(header: Self.synthea, options: SourceOptions()).get()
        let decoder = RowDecoder(layout: layout, header: HeaderIndex(header: Self.synthea), zone: zone, rules: ScoringRules())
        _ = decoder.decode(RawRow(line: 2, fields: row("70274-6", "GAD-7", "3")))
        #expect(layout.form.finish(decoder).count == 1 && layout.form.finish(decoder).isEmpty)
    }

    /// PHQ-9 given item by item (values as numbers, LOINC answer codes and answer texts) with
    /// its total at the same instant: one administration; the total agrees with the items.
    @Test func itemsOfOneInstantAreOneAdministration() throws {
        let values = ["1", "LA6570-1", "More than half the days", "0", "LA6571-9", "1.0", "Several days", "0", "LOINC:LA6568-5"]
        var rows = zip(LOINC.phq9.items, values).map { row($0, "PHQ-9 item", $1) }
        rows.insert(row("44261-6", "PHQ-9 total", "10"), at: 4)
        rows.append(row("69722-7", "How difficult have these problems made it", "LA6573-5"))
        let (outcomes, finished) = try decode(Self.synthea, rows)
        #expect(outcomes.prefix(10).allSatisfy { $0 == [.joined] })
        #expect(outcomes[10] == [.ignored(IgnoredRow(key: "69722-7", label: "69722-7 (How difficult have these problems made it)"))])
        #expect(finished.map(\.line) == [2])
        #expect(finished.map(\.outcome) == [.score(ScoreRecord(patientID: "p1", instrument: .phq9, administeredAt: Self.at, total: 10,
                                                                items: [1, 2, 2, 0, 3, 1, 1, 0, 0]))])
    }

    @Test func proratedDisagreeingAndBadValues() throws {
        let gad = LOINC.gad7.items
        let rows = [
            // p1: item 2 saved as a missing-data code, prorated.
            row(gad[0], "", "1"), row(gad[1], "", "UNK"), row(gad[2], "", "1"), row(gad[3], "", "1"),
            row(gad[4], "", "1"), row(gad[5], "", "1"), row(gad[6], "", "1"),
            // p2: the total disagrees with the items.
            row(gad[0], "", "2", patient: "p2"), row("70274-6", "", "20", patient: "p2"),
            row(gad[1], "", "2", patient: "p2"), row(gad[2], "", "2", patient: "p2"), row(gad[3], "", "2", patient: "p2"),
            row(gad[4], "", "2", patient: "p2"), row(gad[5], "", "2", patient: "p2"), row(gad[6], "", "2", patient: "p2"),
            // p3: an item that is not a number or an answer; rejected once, at its line.
            row(gad[0], "", "often", patient: "p3"), row(gad[1], "", "1", patient: "p3"),
            // p4: one item given twice with different values.
            row(gad[0], "", "1", patient: "p4"), row(gad[0], "", "2", patient: "p4"),
            // p5: a total that is not a whole number.
            row("70274-6", "", "4.5", patient: "p5"),
            // A row without a code.
            row("", "", "3", patient: "p6"),
        ]
        let (outcomes, finished) = try decode(Self.synthea, rows)
        #expect(outcomes.last == [.rejected(RowProblem(column: "CODE", "the observation code is empty"))])
        #expect(finished.map(\.line) == [2, 9, 17, 20, 21])
        #expect(finished.map(\.outcome) == [
            .score(ScoreRecord(patientID: "p1", instrument: .gad7, administeredAt: Self.at, total: 7,
                               items: [1, nil, 1, 1, 1, 1, 1], prorated: true, missingCodes: ["68509-9 UNK"])),
            .rejected(RowProblem(column: "VALUE", "total does not match items: GAD-7 total is 20 but its items add up to 14")),
            .rejected(RowProblem(column: "VALUE", "'often' is neither a number, a LOINC answer code (LA6568-5 …) nor a GAD-7 answer; "
                + "add it to the pipeline's [answers] table, or to missing_codes if it means not answered")),
            .rejected(RowProblem(column: nil, "GAD-7 item 1 is given twice at this instant: 1 at line 19 and 2 here")),
            .rejected(RowProblem(column: "VALUE", "'4.5' is not a whole number")),
        ])
    }

    /// An EHR extract: other column names, codes with their system, a local HAM-A code and a
    /// local item code from the pipeline's `[codes]`, answers from `[answers]`.
    @Test func ehrExtractWithLocalCodes() throws {
        let header = ["patient_id", "observation_date", "loinc_code", "result", "description", "code_system"]
        var options = SourceOptions(answers: AnswerTexts(common: ["Sometimes": 1]))
        options.codes = LOINC.Table(localCodes: ["HAMA-TOTAL": .total(.hama), "HAMA-001": .total(.hama), "X-7": .item(.gad7, number: 3)])
        let (outcomes, finished) = try decode(header, options: options, [
            ["m1", "2026-03-04 09:30", "HAMA-001", "18", "HAM-A total", "local"],
            ["m1", "2026-03-04 09:30", "http://loinc.org|70274-6", "5", "GAD-7 total", "http://loinc.org"],
            ["m1", "2026-03-04 09:30", "X-7", "Sometimes", "GAD-7 item 3", "local"],
            // A SNOMED CT code that happens to look like a LOINC code is not one.
            ["m1", "2026-03-04 09:30", "44261-6", "3", "some finding", "http://snomed.info/sct"],
            ["m2", "2026-03-04 09:30", "HAMA-TOTAL", "-999", "", "local"],
            // Two totals of one administration that differ.
            ["m3", "2026-03-04 09:30", "HAMA-TOTAL", "12", "", "local"],
            ["m3", "2026-03-04 09:30", "HAMA-001", "13", "", "local"],
        ])
        #expect(outcomes[3] == [.ignored(IgnoredRow(key: "44261-6", label: "44261-6 (some finding)"))])
        #expect(finished.map(\.outcome) == [
            .score(ScoreRecord(patientID: "m1", instrument: .hama, administeredAt: Self.at, total: 18)),
            // A total with only some of the items: the items decide (analysis.md §1).
            .rejected(RowProblem(column: nil, "incomplete: 6 of 7 GAD-7 items are missing (at most 1 may be)")),
            .rejected(RowProblem(column: "result", "no HAM-A total and no item answers; missing-data codes: HAMA-TOTAL -999")),
            .rejected(RowProblem(column: nil, "HAM-A total is given twice at this instant: 12 at line 7 and 13 here")),
        ])
        #expect(finished.map(\.line) == [2, 3, 6, 8])
    }
}

@Suite struct RouteCodeTests {
    @Test(arguments: [
        ("47625008", Route.iv), ("Intravenous route", .iv), ("78421000", .im), ("Intramuscular route", .im),
        ("46713006", .intranasal), ("Nasal route", .intranasal), ("37839007", .sublingual), ("Sublingual route", .sublingual),
        ("26643006", .oral), ("Oral route", .oral), ("34206005", .subcutaneous), ("Subcutaneous route", .subcutaneous),
        ("54471007", .sublingual), ("Buccal route", .sublingual),
        ("SNOMED:46713006", .intranasal), ("http://snomed.info/sct|47625008", .iv), ("SCT: 78421000", .im),
        ("IV", .iv), ("IM", .im), ("NS", .intranasal), ("SL", .sublingual), ("TL", .sublingual), ("B", .sublingual),
        ("PO", .oral), ("SC", .subcutaneous), ("http://terminology.hl7.org/CodeSystem/v2-0162|NS", .intranasal),
    ])
    func standardCodes(text: String, route: Route) {
        #expect(Route(exportName: text) == route)
    }

    @Test func unknownCodesAndTheRoutesTable() {
        #expect(Route(exportName: "NP") == nil && Route(exportName: "SNOMED:12345") == nil && Route(exportName: "IV: 0.5 mg/kg") == nil)
        let extra = [nameKey("nasal inhaler"): Route.intranasal]
        #expect(Route(exportName: "Nasal-Inhaler", extra: extra) == .intranasal && Route(exportName: "nasal inhaler") == nil)
    }
}
