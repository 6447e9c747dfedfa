import Testing
@testable import OutcomesCore

@Suite struct RowDecoderTests {
    let zone = LocalTimeZone(identifier: "America/New_York")!

    func decoder(_ header: [String], _ options: SourceOptions = SourceOptions()) throws -> RowDecoder {
        let layout = try ExportLayout.recognise(header: header, options: options).get()
        return RowDecoder(layout: layout, header: HeaderIndex(header: header, mapping: options.columns), zone: zone, rules: ScoringRules())
    }

    func one(_ decoder: RowDecoder, _ fields: [String]) -> RecordOutcome? {
        decoder.decode(RawRow(line: 2, fields: fields)).first
    }

    let longHeader = ["patient_id", "instrument", "administered_at", "total"]

    @Test func longRow() throws {
        let d = try decoder(longHeader)
        #expect(one(d, ["P1", "PHQ-9", "2026-03-04 09:30", "12"]) == .score(ScoreRecord(
            patientID: "P1", instrument: .phq9, administeredAt: TimestampTests.reference, total: 12)))
    }

    @Test func aliasesAreAccepted() throws {
        let d = try decoder([" MRN ", "Measure", "Assessment_Date", "Total_Score", "Site"])
        #expect(one(d, ["P1", "gad7", "2026-03-04T14:30:00Z", "7", "C9"]) == .score(ScoreRecord(
            patientID: "P1", instrument: .gad7, administeredAt: TimestampTests.reference, total: 7, clinicID: "C9")))
    }

    @Test(arguments: [
        (["P1", "BDI-II", "2026-03-04", "12"], "instrument", "unknown instrument 'BDI-II'; expected GAD-7, PHQ-9 or HAM-A"),
        (["P1", "PHQ-9", "2026-03-04", "31"], "total", "PHQ-9 total 31 is outside 0–27"),
        (["", "PHQ-9", "2026-03-04", "3"], "patient_id", "the patient id is empty"),
        (["P1", "PHQ-9", "", "3"], "administered_at", "the administration time is empty"),
        (["P1", "PHQ-9", "2026-02-30 10:00", "3"], "administered_at",
         "the administration time '2026-02-30 10:00' has day 30, which February 2026 does not have"),
        (["P1", "PHQ-9", "2026-03-08 02:30", "3"], "administered_at",
         "the administration time '2026-03-08 02:30' does not exist in America/New_York: the clocks skipped that hour when daylight saving began"),
        (["P1", "PHQ-9", "2026-03-04", "twelve"], "total", "'twelve' is not a whole number"),
        (["P1", "PHQ-9", "2026-03-04", "12.5"], "total", "'12.5' is not a whole number"),
    ])
    func longRejections(fields: [String], column: String, reason: String) throws {
        #expect(one(try decoder(longHeader), fields) == .rejected(RowProblem(column: column, reason)))
    }

    @Test func fieldCountAndEncoding() throws {
        let d = try decoder(longHeader)
        #expect(one(d, ["P1", "PHQ-9", "2026-03-04"]) == .rejected(RowProblem(column: nil,
            "the row has 3 fields but the header has 4; a separator or quote may be missing")))
        #expect(one(d, ["P1", "PHQ-9", "2026-03-04", "3", "x"]) == .rejected(RowProblem(column: nil,
            "the row has 5 fields but the header has 4; a value may contain an unquoted comma")))
        #expect(one(d, ["P1", "PHQ-9", "2026-03-04", "3", ""]) != nil)
        var row = RawRow(line: 2)
        row.append(field: [0x50, 0xFF])
        for field in ["PHQ-9", "2026-03-04", "3"] { row.append(field: Array(field.utf8)) }
        #expect(d.decode(row) == [.rejected(RowProblem(column: "patient_id", "the value is not valid UTF-8 text; export the file as UTF-8"))])
    }

    @Test func longItemsAndProration() throws {
        let d = try decoder(longHeader + (1...9).map { "item_\($0)" })
        guard case .score(let s) = one(d, ["P1", "GAD-7", "2026-03-04", "", "1", "1", "1", "0", "0", "0", "", "", ""]) else {
            Issue.record("expected a score"); return
        }
        #expect(s.total == 4 && s.prorated && s.items == [1, 1, 1, 0, 0, 0, nil])
        #expect(one(d, ["P1", "GAD-7", "2026-03-04", "", "1", "1", "1", "0", "0", "0", "1", "2", ""]) == .rejected(RowProblem(
            column: "item_8", "GAD-7 has 7 items, but item 8 is filled in")))
        #expect(one(d, ["P1", "GAD-7", "2026-03-04", "9", "1", "1", "1", "0", "0", "0", "1", "", ""]) == .rejected(RowProblem(
            column: "total", "total does not match items: GAD-7 total is 9 but its items add up to 4")))
    }

    @Test func itemsForm() throws {
        let header = ["patient_id", "administered_at"] + (1...14).map { "hama_\($0)" } + ["hama_total"]
        let d = try decoder(header)
        guard let layout = d.layout.form as? ItemsLayout else { Issue.record("expected items"); return }
        #expect(layout.instrument == .hama)
        #expect(one(d, ["P1", "2026-03-04"] + [String](repeating: "1", count: 13) + ["5", ""]) == .rejected(RowProblem(
            column: "hama_14", "HAM-A item 14 is 5; items are 0–4")))
        #expect(one(d, ["P1", "2026-03-04"] + [String](repeating: "1", count: 13) + ["", ""]) == .rejected(RowProblem(
            column: nil, "incomplete: 1 of 14 HAM-A items are missing (at most 0 may be)")))
    }

    @Test func mappedItemsWithInstrument() throws {
        let header = ["study_id", "when"] + (1...9).map { "item_\($0)" }
        let options = SourceOptions(format: .items, columns: ["patient_id": "study_id", "administered_at": "when"], instrument: .phq9)
        let d = try decoder(header, options)
        guard case .score(let s) = one(d, ["S7", "2026-03-04", "1", "1", "1", "1", "1", "1", "1", "1", "1"]) else {
            Issue.record("expected a score"); return
        }
        #expect(s.patientID == "S7" && s.instrument == .phq9 && s.total == 9)
    }

    let redcapHeader = ["record_id", "redcap_event_name", "phq9_date"] + (1...9).map { "phq9_\($0)" } + ["phq9_total", "phq9_complete",
                       "gad7_date"] + (1...7).map { "gad7_\($0)" } + ["gad7_complete"]

    @Test func redcapRowCarriesSeveralInstruments() throws {
        let d = try decoder(redcapHeader)
        let phq = ["2026-03-04 09:30"] + [String](repeating: "2", count: 9) + ["18", "2"]
        let gad = ["2026-03-04 09:30"] + [String](repeating: "1", count: 7) + ["1"]
        let outcomes = d.decode(RawRow(line: 5, fields: ["R1", "baseline_arm_1"] + phq + gad))
        #expect(outcomes.count == 2)
        #expect(outcomes[1] == .score(ScoreRecord(patientID: "R1", instrument: .phq9, administeredAt: TimestampTests.reference,
                                                  total: 18, items: [Int?](repeating: 2, count: 9))))
        guard case .score(let g) = outcomes[0] else { Issue.record("expected GAD-7"); return }
        #expect(g.total == 7)
    }

    @Test func redcapIncompleteFormsAreSkipped() throws {
        let d = try decoder(redcapHeader)
        let phq = ["2026-03-04 09:30"] + [String](repeating: "2", count: 9) + ["18", "0"]
        let noGad = [String](repeating: "", count: 9)
        #expect(d.decode(RawRow(line: 5, fields: ["R1", "e"] + phq + noGad)) == [.skipped(RowProblem(
            column: "phq9_complete", "form not complete: PHQ-9 is marked 0 (incomplete)"))])
        let empty = [String](repeating: "", count: 12)
        #expect(d.decode(RawRow(line: 6, fields: ["R1", "e"] + empty + noGad)).isEmpty)
        let odd = ["2026-03-04 09:30"] + [String](repeating: "2", count: 9) + ["18", "3"]
        #expect(d.decode(RawRow(line: 7, fields: ["R1", "e"] + odd + noGad)) == [.rejected(RowProblem(
            column: "phq9_complete", "the form status '3' is not 0, 1 or 2"))])
    }

    @Test func sessions() throws {
        let d = try decoder(["patient_id", "start", "route", "dose_mg", "session_id"])
        #expect(one(d, ["P1", "3/4/2026 9:30", "Spravato", "56", "S1"]) == .session(SessionRecord(
            patientID: "P1", start: TimestampTests.reference, route: .intranasal, doseMg: 56, sessionID: "S1")))
        #expect(one(d, ["P1", "2026-03-04", "IVP", "", ""]) == .rejected(RowProblem(column: "route",
            "unknown route 'IVP'; expected IV, IM, IN, SL, PO or SC (or a spelling such as infusion, nasal spray, troche)")))
        #expect(one(d, ["P1", "2026-03-04", "IV", "lots", ""]) == .rejected(RowProblem(column: "dose_mg",
            "the dose 'lots' is not a number of 0 or more")))
    }

    @Test func recognition() {
        func form(_ header: [String], _ options: SourceOptions = SourceOptions()) -> String {
            switch ExportLayout.recognise(header: header, options: options) {
            case .success(let layout): layout.formName
            case .failure(let error): error.description
            }
        }
        #expect(form(longHeader) == "long")
        #expect(form(["patient_id", "session_start", "route"]) == "sessions")
        #expect(form(redcapHeader) == "redcap")
        #expect(form(["patient_id", "date"] + (1...7).map { "gad7_\($0)" }) == "items")
        #expect(form(["patient_id", "note"]).hasPrefix("the header matches no export form"))
        #expect(form(["patient_id", "date"] + (1...6).map { "gad7_\($0)" }, SourceOptions(format: .items))
                == "an item-level score export of GAD-7 needs columns gad7_1 … gad7_7; the header lacks gad7_7")
        #expect(form(["patient_id", "instrument", "total"], SourceOptions(format: .long))
                == "a long score export needs a column 'administered_at' (or date, completed_at, assessment_date); the header has none")
        #expect(form(longHeader, SourceOptions(columns: ["patient_id": "study_id"]))
                == "the source maps patient_id to 'study_id', but the header has no such column")
        #expect(form(longHeader, SourceOptions(kind: .sessions)).hasPrefix("a session export needs a column 'session_start'"))
    }
}
