import Testing
@testable import OutcomesCore

/// The REDCap form as real projects write it (docs/ingest.md, "Exporting from REDCap"). Times
/// are America/New_York; 2026-03-04 09:30 local is `TimestampTests.reference`.
@Suite struct RedcapFormTests {
    let zone = LocalTimeZone(identifier: "America/New_York")!

    func layout(_ header: [String], _ options: SourceOptions = SourceOptions(), dictionaries: [RedcapDictionary] = []) throws -> ExportLayout {
        try ExportLayout.recognise(header: header, options: options, dictionaries: dictionaries).get()
    }

    func decode(_ layout: ExportLayout, _ header: [String], options: SourceOptions = SourceOptions(), _ rows: [[String]]) -> [[RecordOutcome]] {
        var layout = layout
        let raw = rows.enumerated().map { RawRow(line: $0.offset + 2, fields: $0.element) }
        if layout.wantsFirstPass { for row in raw { layout.firstPass(row) } }
        let decoder = RowDecoder(layout: layout, header: HeaderIndex(header: header, mapping: options.columns), zone: zone, rules: ScoringRules())
        return raw.map(decoder.decode)
    }

    func recognised(_ header: [String], _ options: SourceOptions = SourceOptions(), dictionaries: [RedcapDictionary] = []) -> String {
        switch ExportLayout.recognise(header: header, options: options, dictionaries: dictionaries) {
        case .success(let layout): layout.formName
        case .failure(let error): error.description
        }
    }

    static let at = TimestampTests.reference
    static let phqItems = (1...9).map { "phq9_\($0)" }

    /// Status named after the form, items `gad1 … gad7`, total `_total_score`, a classic
    /// project (no event or repeat columns).
    @Test func classicProjectWithFormNamedStatus() throws {
        let header = ["study_id", "gad_date"] + (1...7).map { "gad\($0)" } + ["gad_total_score", "generalized_anxiety_disorder_7_complete",
                      "phq_date"] + (1...9).map { "phq_\($0)" } + ["phq_10", "phq_score", "patient_health_questionnaire_9_complete"]
        #expect(recognised(header) == "redcap")
        let l = try layout(header)
        let gad = ["2026-03-04 09:30"] + (1...7).map { _ in "1" } + ["7", "2"]
        let phq = ["2026-03-04 09:30"] + (1...9).map { _ in "2" } + ["1", "18", "0"]
        let rows = decode(l, header, [["1001"] + gad + phq])
        #expect(rows[0] == [
            .score(ScoreRecord(patientID: "1001", instrument: .gad7, administeredAt: Self.at, total: 7, items: [Int?](repeating: 1, count: 7))),
            .skipped(RowProblem(column: "patient_health_questionnaire_9_complete", "form not complete: PHQ-9 is marked 0 (incomplete)")),
        ])
    }

    @Test func surveyTimestampIsTheDateWhenTheFormHasNone() throws {
        let header = ["record_id", "redcap_survey_identifier", "gad7_timestamp"] + (1...7).map { "gad7_\($0)" } + ["gad7_complete"]
        let l = try layout(header)
        let rows = decode(l, header, [
            ["1", "", "2026-03-04 09:30:00"] + (1...7).map { _ in "2" } + ["2"],
            ["2", "", "[not completed]"] + (1...7).map { _ in "2" } + ["1"],
        ])
        #expect(rows[0] == [.score(ScoreRecord(patientID: "1", instrument: .gad7, administeredAt: Self.at, total: 14, items: [Int?](repeating: 2, count: 7)))])
        #expect(rows[1] == [.rejected(RowProblem(column: "gad7_timestamp",
            "GAD-7 has answers but its survey timestamp is [not completed] and the form has no date field; name the field that holds the visit date with date = \"…\" in the source's [[sources]] table"))])
    }

    /// `date = "visit_date"` names a field of another form on the same row.
    @Test func sourceDateFieldInAnotherForm() throws {
        let header = ["record_id", "redcap_event_name", "visit_date", "visit_complete"] + Self.phqItems + ["phq9_total", "phq9_complete"]
        let options = SourceOptions(dateField: "visit_date")
        let rows = decode(try layout(header, options), header, options: options, [
            ["7", "week_1_arm_1", "2026-03-04 09:30", "2"] + (1...9).map { _ in "1" } + ["9", "2"],
            ["7", "week_2_arm_1", "", "2"] + (1...9).map { _ in "1" } + ["9", "2"],
        ])
        #expect(rows[0] == [.score(ScoreRecord(patientID: "7", instrument: .phq9, administeredAt: Self.at, total: 9, items: [Int?](repeating: 1, count: 9)))])
        #expect(rows[1] == [.rejected(RowProblem(column: nil, "the PHQ-9 date is empty (visit_date)"))])
        #expect(recognised(header, SourceOptions(dateField: "visit")) == "the source's date field 'visit' is not a column of this file")
    }

    @Test func noDateAnywhereSaysWhatToAdd() throws {
        let header = ["record_id", "redcap_event_name"] + Self.phqItems + ["phq9_complete"]
        let rows = decode(try layout(header), header, [["7", "e"] + (1...9).map { _ in "1" } + ["2"]])
        #expect(rows[0] == [.rejected(RowProblem(column: nil,
            "PHQ-9 has answers but the file has no date for it (no phq9_date column, date field or survey timestamp); name the field that holds the visit date with date = \"…\" in the source's [[sources]] table"))])
    }

    /// A repeating instrument: the MRN and the visit date are only on the record's
    /// non-repeating row, and are carried to its repeat rows.
    @Test func repeatRowsTakeTheBaseRowsFields() throws {
        let header = ["record_id", "redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance", "mrn", "enrol_date",
                      "demographics_complete", "phq9_date"] + Self.phqItems + ["phq9_complete"]
        let options = SourceOptions(columns: ["patient_id": "mrn"])
        let l = try layout(header, options)
        #expect(l.wantsFirstPass)
        let phq = ["2026-03-04 09:30"] + (1...9).map { _ in "1" } + ["2"]
        let rows = decode(l, header, options: options, [
            ["12", "e1", "phq9", "1", "", "", ""] + phq,
            ["12", "e1", "", "", "MRN-0042", "2026-01-01", "2"] + [String](repeating: "", count: 11),
            ["13", "e1", "phq9", "1", "", "", ""] + phq,
        ])
        #expect(rows[0] == [.score(ScoreRecord(patientID: "MRN-0042", instrument: .phq9, administeredAt: Self.at, total: 9, items: [Int?](repeating: 1, count: 9)))])
        #expect(rows[1].isEmpty)
        #expect(rows[2] == [.rejected(RowProblem(column: "mrn", "the patient id is empty"))])
    }

    /// Answers and statuses as words (a label export), with variants.
    @Test func labelExportWithoutDictionary() throws {
        let header = ["record_id", "redcap_event_name", "gad7_date"] + (1...7).map { "gad7_\($0)" } + ["gad7_complete"]
        let answers = ["Not at all", "Several days", "More than half the days", "Nearly every day", "nearly everyday", "More than half", " SEVERAL  days "]
        let rows = decode(try layout(header), header, [
            ["1", "Baseline", "2026-03-04 09:30"] + answers + ["Complete"],
            ["1", "Week 1", "2026-03-04 09:30"] + answers.dropLast() + ["Sometimes"] + ["Unverified"],
            ["1", "Week 2", "2026-03-04 09:30"] + answers + ["Incomplete"],
        ])
        #expect(rows[0] == [.score(ScoreRecord(patientID: "1", instrument: .gad7, administeredAt: Self.at, total: 12, items: [0, 1, 2, 3, 3, 2, 1]))])
        #expect(rows[1] == [.rejected(RowProblem(column: "gad7_7",
            "'Sometimes' is neither a number nor a GAD-7 answer; add it to the pipeline's [answers] table, or to missing_codes if it means not answered"))])
        #expect(rows[2] == [.skipped(RowProblem(column: "gad7_complete", "form not complete: GAD-7 is marked 0 (incomplete)"))])
        let withTable = SourceOptions(answers: AnswerTexts(byInstrument: [.gad7: ["Sometimes": 1]]))
        let again = decode(try layout(header, withTable), header, options: withTable, [["1", "Week 1", "2026-03-04 09:30"] + answers.dropLast() + ["Sometimes", "2"]])
        guard case .score(let score) = again[0].first else { Issue.record("expected a score"); return }
        #expect(score.total == 12)
    }

    /// Missing-data codes are missing items (never 0): proration decides, the code is kept.
    @Test func missingDataCodes() throws {
        let header = ["record_id", "redcap_event_name", "gad7_date"] + (1...7).map { "gad7_\($0)" } + ["gad7_total", "gad7_complete",
                      "hama_date"] + (1...14).map { "hama_\($0)" } + ["hama_complete"]
        let noHama = [String](repeating: "", count: 16)
        let noGad = [String](repeating: "", count: 10)
        let rows = decode(try layout(header), header, [
            ["1", "e", "2026-03-04 09:30", "UNK", "3", "3", "3", "3", "3", "3", "", "2"] + noHama,
            ["2", "e", "2026-03-04 09:30", "NASK", "-999", "3", "3", "3", "3", "3", "", "2"] + noHama,
            ["3", "e", "2026-03-04 09:30", "1", "1", "1", "1", "1", "1", "1", "unk", "2"] + noHama,
            ["4", "e"] + noGad + ["2026-03-04 09:30", "ASKU"] + (2...14).map { _ in "1" } + ["2"],
        ])
        // 18 from 6 items: 18 × 7 / 6 = 21.
        #expect(rows[0] == [.score(ScoreRecord(patientID: "1", instrument: .gad7, administeredAt: Self.at, total: 21,
                                               items: [nil, 3, 3, 3, 3, 3, 3], prorated: true, missingCodes: ["gad7_1 UNK"]))])
        #expect(rows[1] == [.rejected(RowProblem(column: nil,
            "incomplete: 2 of 7 GAD-7 items are missing (at most 1 may be); missing-data codes: gad7_1 NASK, gad7_2 -999"))])
        #expect(rows[2] == [.score(ScoreRecord(patientID: "3", instrument: .gad7, administeredAt: Self.at, total: 7,
                                               items: [Int?](repeating: 1, count: 7), missingCodes: ["gad7_total UNK"]))])
        #expect(rows[3] == [.rejected(RowProblem(column: nil,
            "incomplete: 1 of 14 HAM-A items are missing (at most 0 may be); missing-data codes: hama_1 ASKU"))])
    }

    @Test func itemsAndTotalMustAgree() throws {
        let header = ["record_id", "phq9_date"] + Self.phqItems + ["phq9_total", "phq9_complete"]
        let rows = decode(try layout(header), header, [["1", "2026-03-04 09:30"] + (1...9).map { _ in "1" } + ["10", "2"]])
        #expect(rows[0] == [.rejected(RowProblem(column: "phq9_total", "total does not match items: PHQ-9 total is 10 but its items add up to 9"))])
    }

    /// A data dictionary: items found by their form and choices whatever their names, choices
    /// coded from 1 decoded by their labels, a calculated total, the form's date field.
    @Test func dictionaryDecidesFormsItemsAndChoices() throws {
        let hamaNames = ["anxious_mood", "tension", "fears", "insomnia", "intellectual", "depressed_mood", "somatic_muscular",
                         "somatic_sensory", "cardiovascular", "respiratory", "gastrointestinal", "genitourinary", "autonomic", "behavior"]
        let severity = "1, Not present | 2, Mild | 3, Moderate | 4, Severe | 5, Very severe"
        var rows: [(line: Int, fields: [String])] = [(2, ["study_id", "enrolment", "", "text", "Study ID", "", "", ""])]
        rows.append((3, ["ham_date", "hamilton_anxiety_scale_hama", "", "text", "Date of rating", "", "", "date_ymd"]))
        for (k, name) in hamaNames.enumerated() { rows.append((4 + k, [name, "hamilton_anxiety_scale_hama", "", "radio", "Item \(k + 1)", severity, "", ""])) }
        rows.append((18, ["ham_sum", "hamilton_anxiety_scale_hama", "", "calc", "Total", "sum([anxious_mood], …)", "", ""]))
        let dictionaryHeader = ["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
                                "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number"]
        #expect(RedcapDictionary.isHeader(dictionaryHeader))
        let dictionary = try RedcapDictionary.parse(path: "DD.csv", header: dictionaryHeader, rows: rows).get()
        #expect(dictionary.forms == ["enrolment", "hamilton_anxiety_scale_hama"])
        let header = ["study_id", "ham_date"] + hamaNames + ["ham_sum", "hamilton_anxiety_scale_hama_complete"]
        let l = try layout(header, dictionaries: [dictionary])
        #expect(l.formName == "redcap")
        // Raw codes 1 … 5 are answers 0 … 4; labels decode the same.
        let decoded = decode(l, header, [
            ["S1", "2026-03-04"] + hamaNames.map { _ in "2" } + ["28", "2"],
            ["S2", "2026-03-04"] + hamaNames.map { _ in "Moderate" } + ["", "Complete"],
        ])
        #expect(decoded[0] == [.rejected(RowProblem(column: "ham_sum", "total does not match items: HAM-A total is 28 but its items add up to 14"))])
        #expect(decoded[1] == [.score(ScoreRecord(patientID: "S2", instrument: .hama, administeredAt: 1_772_600_400, total: 28,
                                                  items: [Int?](repeating: 2, count: 14)))])
    }

    @Test func labelHeadersAreRefusedWithWhatToDo() {
        #expect(recognised(["Record ID", "Event Name", "Feeling nervous, anxious, or on edge", "Complete?"])
                == "a REDCap export must have variable names as its header, but this one has field labels (Record ID, Complete? …): export it again with the headers option set to variable names (raw); the answers may stay labels")
    }

    /// The other forms keep their recognition: a `_complete` column without an instrument
    /// before it does not make a file REDCap.
    @Test func otherFormsAreNotTakenForRedcap() {
        #expect(recognised(["patient_id", "administered_at"] + (1...7).map { "gad7_\($0)" }) == "items")
        #expect(recognised(["patient_id", "instrument", "administered_at", "total", "is_complete"]) == "long")
    }

    @Test func eavExportsAreRefusedWithWhatToDo() {
        #expect(recognised(["record", "redcap_event_name", "field_name", "value"])
                == "this is REDCap's EAV export (one value per row: record, field_name, value); export the records as a flat CSV instead (one row per record and event: the default CSV export)")
    }

    /// A form with the project's own name is known by its first item's label in the dictionary.
    @Test func dictionaryFormKnownByItsFirstItemLabel() throws {
        let labels = ["Little interest or pleasure in doing things", "Feeling down, depressed, or hopeless", "Sleep", "Tired", "Appetite",
                      "Feeling bad about yourself", "Concentrating", "Moving slowly", "Thoughts that you would be better off dead",
                      "If you checked off any problems, how difficult have these problems made it"]
        let frequency = "0, Not at all | 1, Several days | 2, More than half the days | 3, Nearly every day"
        let difficulty = "0, Not difficult at all | 1, Somewhat difficult | 2, Very difficult | 3, Extremely difficult"
        var rows: [(line: Int, fields: [String])] = [(2, ["pid", "intake", "", "text", "ID", ""])]
        rows.append((3, ["screen_date", "mood_screen", "", "text", "Date", "", "", "datetime_ymd"]))
        for (k, label) in labels.enumerated() {
            rows.append((4 + k, ["q\(k + 1)", "mood_screen", "", "radio", label, k == 9 ? difficulty : frequency, "", ""]))
        }
        let header = ["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
                      "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number"]
        let dictionary = try RedcapDictionary.parse(path: "DD.csv", header: header, rows: rows).get()
        let data = ["pid", "screen_date"] + (1...10).map { "q\($0)" } + ["mood_screen_complete"]
        let l = try layout(data, dictionaries: [dictionary])
        let decoded = decode(l, data, [["P1", "2026-03-04 09:30"] + (1...9).map { _ in "1" } + ["3", "2"]])
        #expect(decoded[0] == [.score(ScoreRecord(patientID: "P1", instrument: .phq9, administeredAt: Self.at, total: 9, items: [Int?](repeating: 1, count: 9)))])
    }

    /// Without a dictionary, a form named like an instrument whose items are not found is said.
    @Test func formNamedLikeAnInstrumentWithoutItemsIsANote() throws {
        let header = ["record_id", "gad7_1", "gad7_2", "gad7_3", "gad7_4", "gad7_5", "gad7_6", "gad7_7", "gad7_date", "gad7_complete",
                      "little_interest", "feeling_down", "patient_health_questionnaire_9_complete"]
        let l = try layout(header)
        #expect(l.form.notes == ["the form patient_health_questionnaire_9 looks like PHQ-9 by its name, but its items were not found, so it is not read; put the project's data dictionary in the export folder, or map the item prefix in the source (columns = { phq9 = \"…\" })"])
    }

    /// REDCap's exports for statistics packages have no header: said so, with what to export.
    @Test func aHeaderlessExportIsNamedForWhatItIs() {
        #expect(recognised(["1001", "baseline_arm_1", "2026-03-04", "1", "2", "1", "0", "2"])
                == "the first line holds values, not column names: the file has no header (REDCap's SPSS, SAS, Stata and R exports write their data without one, as *_DATA_NOHDRS_*.csv); export the records as CSV (raw data or labels) with variable names as headers")
        #expect(recognised(["patient_id", "note"]).hasPrefix("the header matches no export form"))
    }
}

