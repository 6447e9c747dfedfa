import Testing
@testable import OutcomesCore

/// Item columns of long and item-level exports may hold answers as words (issue 11: "More
/// than half" was rejected as not a whole number); anything else is still rejected.
@Suite struct AnswerTextItemTests {
    let zone = LocalTimeZone(identifier: "America/New_York")!

    func decode(_ header: [String], _ fields: [String], _ options: SourceOptions = SourceOptions()) throws -> RecordOutcome? {
        let layout = try ExportLayout.recognise(header: header, options: options).get()
        let decoder = RowDecoder(layout: layout, header: HeaderIndex(header: header, mapping: options.columns), zone: zone, rules: ScoringRules())
        return decoder.decode(RawRow(line: 2, fields: fields)).first
    }

    static let gad = ["patient_id", "administered_at"] + (1...7).map { "gad7_\($0)" }

    @Test func wordsInItemColumns() throws {
        let words = ["Not at all", "Several days", "More than half", "Nearly everyday", "2", "1", "0"]
        #expect(try decode(Self.gad, ["P1", "2026-03-04 09:30"] + words) == .score(ScoreRecord(
            patientID: "P1", instrument: .gad7, administeredAt: TimestampTests.reference, total: 9, items: [0, 1, 2, 3, 2, 1, 0])))
        #expect(try decode(Self.gad, ["P1", "2026-03-04 09:30", "Sometimes", "1", "1", "1", "1", "1", "1"]) == .rejected(RowProblem(
            column: "gad7_1", "'Sometimes' is not a whole number")))
        let table = SourceOptions(answers: AnswerTexts(common: ["Sometimes": 1]))
        guard case .score(let score) = try decode(Self.gad, ["P1", "2026-03-04 09:30", "Sometimes", "1", "1", "1", "1", "1", "1"], table) else {
            Issue.record("expected a score"); return
        }
        #expect(score.total == 7)
    }

    @Test func wordsInALongExportsItems() throws {
        let header = ["patient_id", "instrument", "administered_at", "total"] + (1...9).map { "item_\($0)" }
        let items = ["Several days"] + [String](repeating: "1", count: 8)
        #expect(try decode(header, ["P1", "PHQ-9", "2026-03-04 09:30", "9"] + items) == .score(ScoreRecord(
            patientID: "P1", instrument: .phq9, administeredAt: TimestampTests.reference, total: 9, items: [Int?](repeating: 1, count: 9))))
        // A total is a number, never a word.
        #expect(try decode(header, ["P1", "PHQ-9", "2026-03-04 09:30", "nine"] + [String](repeating: "", count: 9)) == .rejected(RowProblem(
            column: "total", "'nine' is not a whole number")))
    }
}

/// Answer texts as EHRs print them: a SNOMED CT display with its semantic tag, a number before
/// or after the words.
@Suite struct AnswerTextVariantTests {
    @Test(arguments: [
        ("Not at all (qualifier value)", 0), ("Several days (qualifier value)", 1), ("2 - More than half the days", 2),
        ("Nearly every day (3)", 3), ("  nearly   EVERYDAY ", 3),
    ])
    func variants(text: String, value: Int) {
        #expect(AnswerTexts().value(of: text, for: .phq9) == value)
    }

    @Test func wordsThatAreNoAnswerStayUnread() {
        #expect(AnswerTexts().value(of: "Sometimes (qualifier value)", for: .phq9) == nil)
        #expect(AnswerTexts().value(of: "(qualifier value)", for: .phq9) == nil)
    }
}
