import PropertyBased
import Testing
@testable import OutcomesCore

/// Properties of the REDCap readers: dictionary choices read back as written, and every
/// instrument block of a row that holds a value gives exactly one outcome, whatever the values.
@Suite struct RedcapPropertyTests {
    @Test func choicesRoundTrip() async {
        let word = Gen<Character?>.element(of: Array("abc XYZé-'()0") as [Character]).map { $0! }.string(of: 1...12)
        let choices = zip(Gen<Int>.int(in: -9...20), word).array(of: 1...6)
        await propertyCheck(count: 200, input: choices) { pairs in
            let labels = pairs.map { ($0.0, $0.1.trimmingWhitespace) }.filter { !$0.1.isEmpty }
            let text = labels.map { "\($0.0), \($0.1)" }.joined(separator: " | ")
            let parsed = RedcapDictionary.parseChoices(text)
            #expect(parsed.map(\.code) == labels.map { String($0.0) })
            #expect(parsed.map(\.label) == labels.map(\.1))
        }
    }

    static let header = ["record_id", "redcap_event_name", "redcap_repeat_instrument", "redcap_repeat_instance", "mrn",
                         "gad7_timestamp"] + (1...7).map { "gad7_\($0)" } + ["gad7_total", "gad7_complete", "phq9_date"]
        + (1...9).map { "phq9_\($0)" } + ["phq9_complete"]

    @Test func everyBlockWithAValueGivesOneOutcome() async throws {
        let values = ["", "", "0", "1", "2", "3", "4", "-1", "UNK", "-999", "Several days", "nearly everyday", "x", "2026-03-04",
                      "2026-03-08 02:30", "[not completed]", "Complete", "\u{0}", "é", " 1 "]
        let cell = Gen<String?>.element(of: values).map { $0! }
        let rows = cell.array(of: Self.header.count...Self.header.count).array(of: 1...8)
        let zone = LocalTimeZone(identifier: "America/New_York")!
        let options = SourceOptions(columns: ["patient_id": "mrn"])
        var layout = try ExportLayout.recognise(header: Self.header, options: options).get()
        guard let redcap = layout.form as? RedcapLayout else { Issue.record("expected REDCap"); return }
        #expect(redcap.blocks.map(\.instrument) == [.gad7, .phq9])
        await propertyCheck(count: 300, input: rows) { fields in
            let raw = fields.enumerated().map { RawRow(line: $0.offset + 2, fields: $0.element) }
            for row in raw { layout.firstPass(row) }
            let decoder = RowDecoder(layout: layout, header: HeaderIndex(header: Self.header, mapping: options.columns), zone: zone, rules: ScoringRules())
            for row in raw {
                let withValues = redcap.blocks.filter { block in block.valueColumns.contains { !row.isBlank($0) } }
                #expect(decoder.decode(row).count == withValues.count)
                #expect(layout.form.instruments(of: row) == withValues.map(\.instrument))
            }
        }
    }
}
