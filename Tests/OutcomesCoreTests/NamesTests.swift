import Testing
@testable import OutcomesCore

@Suite struct NamesTests {
    @Test(arguments: [
        ("GAD-7", Instrument.gad7), ("gad7", .gad7), ("GAD 7", .gad7), ("gad_7", .gad7),
        ("PHQ-9", .phq9), ("phq9", .phq9), ("PHQ 9", .phq9),
        ("HAM-A", .hama), ("HAMA", .hama), ("Hamilton Anxiety", .hama), ("hamilton-anxiety", .hama),
    ])
    func instrumentSpellings(name: String, expected: Instrument) {
        #expect(Instrument(exportName: name) == expected)
    }

    @Test(arguments: ["BDI-II", "PHQ-2", "GAD", "", "PHQ"])
    func unknownInstruments(name: String) {
        #expect(Instrument(exportName: name) == nil)
    }

    @Test(arguments: [
        ("IV", Route.iv), ("intravenous", .iv), ("infusion", .iv), ("IV infusion", .iv), ("iv-infusion", .iv), ("IVINFUSION", .iv),
        ("IM", .im), ("intramuscular", .im), ("injection", .im),
        ("IN", .intranasal), ("intranasal", .intranasal), ("nasal", .intranasal), ("nasal spray", .intranasal),
        ("esketamine", .intranasal), ("Spravato", .intranasal), ("NASAL_SPRAY", .intranasal),
        ("SL", .sublingual), ("sublingual", .sublingual), ("troche", .sublingual), ("lozenge", .sublingual),
        ("RDT", .sublingual), ("ODT", .sublingual),
        ("PO", .oral), ("oral", .oral), ("capsule", .oral), ("tablet", .oral),
        ("SC", .subcutaneous), ("SQ", .subcutaneous), ("subcutaneous", .subcutaneous),
    ])
    func routeSpellings(name: String, expected: Route) {
        #expect(Route(exportName: name) == expected)
    }

    @Test func unknownRoute() {
        #expect(Route(exportName: "IVP") == nil)
        #expect(Route(exportName: "") == nil)
    }

    @Test func reportOrders() {
        #expect(Instrument.allCases.sorted() == [.gad7, .hama, .phq9])
        #expect(Route.allCases.sorted().map(\.rawValue) == ["IV", "IM", "IN", "SL", "PO", "SC"])
    }

    @Test func instrumentRanges() {
        #expect(Instrument.gad7.totalRange == 0...21)
        #expect(Instrument.phq9.totalRange == 0...27)
        #expect(Instrument.hama.totalRange == 0...56)
        #expect(Instrument.hama.itemRange == 0...4)
    }
}
