import Testing
@testable import OutcomesCore

/// The baseline severity mix (analysis.md §1 bands) and by_clinic.csv, on lines computed by hand.
@Suite struct BaselineSeverityTests {
    func fact(_ instrument: Instrument = .gad7, route: Route = .iv, baseline: Int?, clinic: String? = nil) -> CourseFacts {
        CourseFacts(instrument: instrument, route: route, indexDay: 0, clinicID: clinic, baseline: baseline, followUps: 0, relief: nil,
                    evaluable: false, responder: false, remitter: false)
    }

    @Test(arguments: [
        (Instrument.gad7, 0, "minimal"), (.gad7, 4, "minimal"), (.gad7, 5, "mild"), (.gad7, 9, "mild"), (.gad7, 10, "moderate"),
        (.gad7, 14, "moderate"), (.gad7, 15, "severe"), (.gad7, 21, "severe"),
        (.phq9, 4, "minimal"), (.phq9, 14, "moderate"), (.phq9, 15, "moderately severe"), (.phq9, 19, "moderately severe"),
        (.phq9, 20, "severe"), (.phq9, 27, "severe"),
        (.hama, 0, "mild"), (.hama, 17, "mild"), (.hama, 18, "mild to moderate"), (.hama, 24, "mild to moderate"),
        (.hama, 25, "moderate to severe"), (.hama, 30, "moderate to severe"), (.hama, 31, "severe"), (.hama, 56, "severe"),
    ])
    func bandBoundaries(instrument: Instrument, total: Int, band: String) {
        #expect(instrument.severityBand(of: total)?.name == band)
    }

    /// Every total of the range is in exactly one band, and the bands run upwards without a gap.
    @Test(arguments: Instrument.allCases)
    func bandsCoverTheRange(instrument: Instrument) {
        let bands = instrument.severityBands
        #expect(bands.first?.totals.lowerBound == instrument.totalRange.lowerBound)
        #expect(bands.last?.totals.upperBound == instrument.totalRange.upperBound)
        for (lower, upper) in zip(bands, bands.dropFirst()) { #expect(upper.totals.lowerBound == lower.totals.upperBound + 1) }
        #expect(instrument.severityBand(of: instrument.totalRange.upperBound + 1) == nil)
        #expect(instrument.severityBand(of: -1) == nil)
    }

    @Test func everyBandHasARowWithItsShare() {
        // 4 baselines: 3 (minimal), 12 and 14 (moderate), 21 (severe); one course without a baseline.
        let facts = [3, 12, 14, 21].map { fact(baseline: $0) } + [fact(baseline: nil)]
        let row = BaselineSeveritySummary(instrument: .gad7, route: .iv, courses: facts, smallCells: SmallCells(minCell: 0))
        #expect(BaselineSeverityCSV.render([row], smallCells: SmallCells(minCell: 0)) == """
            instrument,route,with_baseline,band,band_low,band_high,courses,share,suppressed
            GAD7,IV,4,minimal,0,4,1,0.250000,false
            GAD7,IV,4,mild,5,9,0,0.000000,false
            GAD7,IV,4,moderate,10,14,2,0.500000,false
            GAD7,IV,4,severe,15,21,1,0.250000,false

            """)
    }

    @Test func aSmallBandWithholdsEveryBandOfItsRow() {
        // 12 moderate and 3 severe with min_cell 11: the 3 is small; showing the 12 beside
        // with_baseline 15 would give it away, so every band count and share is withheld.
        let facts = Array(repeating: fact(baseline: 12), count: 12) + Array(repeating: fact(baseline: 16), count: 3)
        let cells = SmallCells(minCell: 11)
        let row = BaselineSeveritySummary(instrument: .gad7, route: .iv, courses: facts, smallCells: cells)
        let lines = BaselineSeverityCSV.render([row], smallCells: cells).split(separator: "\n").dropFirst()
        #expect(Array(lines) == ["GAD7,IV,15,minimal,0,4,,,true", "GAD7,IV,15,mild,5,9,,,true", "GAD7,IV,15,moderate,10,14,,,true",
                                 "GAD7,IV,15,severe,15,21,,,true"])
    }

    @Test func zeroIsNotASmallCell() {
        let facts = Array(repeating: fact(.hama, route: .intranasal, baseline: 20), count: 11)
        let cells = SmallCells(minCell: 11)
        let row = BaselineSeveritySummary(instrument: .hama, route: .intranasal, courses: facts, smallCells: cells)
        #expect(BaselineSeverityCSV.render([row], smallCells: cells).split(separator: "\n")[2] == "HAMA,IN,11,mild to moderate,18,24,11,1.000000,false")
    }

    @Test func byClinicPutsTheClinicAfterTheInstrument() throws {
        let cells = SmallCells(minCell: 0)
        func summary(_ instrument: Instrument, _ clinic: String) -> RouteSummary {
            RouteSummary(instrument: instrument, route: .iv, courses: [fact(instrument, baseline: 10, clinic: clinic)], smallCells: cells)
        }
        let text = ByClinicCSV.render([("C01", [summary(.gad7, "C01"), summary(.phq9, "C01")]), ("C02", [summary(.gad7, "C02")])],
                                      smallCells: cells)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("instrument,clinic_id,route,courses,with_baseline,"))
        // By instrument, then clinic: GAD7 C01, GAD7 C02, PHQ9 C01. One course with baseline 10, no follow-up.
        #expect(lines[1] == "GAD7,C01,IV,1,1,0,0,,,,0.000000,0.000000,0.793451,0,,,,0,0,,,,,,,10.0000,false")
        #expect(lines[2].hasPrefix("GAD7,C02,IV,1,"))
        #expect(lines[3].hasPrefix("PHQ9,C01,IV,1,"))
        #expect(lines.count == 5)
    }
}
