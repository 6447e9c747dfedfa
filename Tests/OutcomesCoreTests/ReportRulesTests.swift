import Foundation
import Testing
@testable import OutcomesCore

/// analysis.md §7, §9, §10 and the CSV conventions of interface.md, on hand-made facts.
@Suite struct ReportRulesTests {
    let day0 = CivilTime.daysFromCivil(year: 2026, month: 7, day: 15)

    func fact(_ route: Route = .iv, _ instrument: Instrument = .phq9, baseline: Int?, followUps: Int = 1, relief: (Int64, Bool)? = nil,
              evaluable: Bool = false, responder: Bool = false, remitter: Bool = false, day: Int64? = nil, clinic: String? = nil) -> CourseFacts {
        CourseFacts(instrument: instrument, route: route, indexDay: day ?? day0, clinicID: clinic, baseline: baseline, followUps: followUps,
                    relief: relief.map { SurvivalObservation(time: $0.0, isEvent: $0.1) },
                    evaluable: evaluable, responder: responder, remitter: remitter)
    }

    @Test func routeSummaryCountsAndRates() {
        let facts = [
            fact(baseline: 20, relief: (24 * 3600, true), evaluable: true, responder: true, remitter: true),
            fact(baseline: 18, relief: (48 * 3600, false), evaluable: true),
            fact(baseline: 0, followUps: 2),                      // baseline 0: with baseline, not in KM, not evaluable
            fact(baseline: 16, followUps: 0),                     // no follow-up
            fact(baseline: nil, followUps: 3),                    // no baseline
        ]
        let r = RouteSummary(instrument: .phq9, route: .iv, courses: facts, smallCells: SmallCells(minCell: 0))
        #expect(r.counts == [5, 4, 2, 2, 1, 1, 1])                // courses, with baseline, km, evaluable, responders, remitters, events
        #expect(r.responderRate.value == 0.5 && r.ittRate.value == 0.25 && r.remissionRate.value == 0.5)
        #expect(r.meanBaseline == 13.5)                          // (20 + 18 + 0 + 16) / 4: baseline 0 included
        #expect(r.median == Int64(86_400))                         // S drops to 1/2 at 24 h
        #expect(r.relievedBy == [0.5, 0.5, 0.5])
        #expect(!r.suppressed)

        let none = RouteSummary(instrument: .gad7, route: .iv, courses: [fact(.iv, .gad7, baseline: nil, followUps: 0)], smallCells: SmallCells(minCell: 0))
        #expect(none.responderRate.value == nil && none.responderRate.interval == nil && none.meanBaseline == nil)
        #expect(none.median == nil && none.relievedBy == nil)
        let csv = ReportCSV.routeSummary([none], smallCells: SmallCells(minCell: 0)).split(separator: "\n")[1]
        #expect(csv == "GAD7,IV,1,0,0,0,,,,,,,0,,,,0,0,,,,,,,,false")
    }

    @Test func smallCellsEmptyTheSmallCountsAndEveryStatistic() {
        // 12 courses with a baseline, 12 evaluable, 5 responders: 5 is a small cell with min_cell 11.
        let facts: [CourseFacts] = (0..<12).map { (i: Int) -> CourseFacts in
            let time = Int64(i + 1) * 3600
            return fact(baseline: 20, relief: (time, i < 5), evaluable: true, responder: i < 5)
        }
        let cells = SmallCells(minCell: 11)
        let r = RouteSummary(instrument: .phq9, route: .iv, courses: facts, smallCells: cells)
        #expect(r.suppressed)
        let row = ReportCSV.routeSummary([r], smallCells: cells).split(separator: "\n", omittingEmptySubsequences: false)[1]
        #expect(row == "PHQ9,IV,12,12,12,,,,,,,,0,,,,12,,,,,,,,,true")
        #expect(ReportCSV.timeToRelief([r]) == ReportCSV.timeToReliefHeader.joined(separator: ",") + "\n")   // left out
        // Off (min_cell 0) or a count of 0 never suppresses.
        #expect(!SmallCells(minCell: 0).suppresses([1, 2]) && !cells.suppresses([0, 11, 400]) && cells.suppresses([10]))
        let md = ReportWriter(smallCells: cells)
        #expect(md.count(5, true) == "<11" && md.count(12, true) == "12" && md.rate(r.responderRate, true) == "<11 / 12 (—)")
    }

    @Test func curveRowsAndTheirSuppression() {
        let values = [40.0, 60, 50].map { CurveValue(instrument: .gad7, route: .im, kind: .session, point: 2, pctReduction: $0, responding: $0 >= 50) }
            + [CurveValue(instrument: .gad7, route: .iv, kind: .time, point: 0, binStartHours: 0, binEndHours: 4, pctReduction: -12.5, responding: false)]
        let rows = CurveSummary.summarise(values, kind: .session, smallCells: SmallCells(minCell: 0))
        #expect(rows.count == 1 && rows[0].courses == 3 && rows[0].statistics.mean == 50 && rows[0].statistics.median == 50)
        #expect(ReportCSV.curves(rows, kind: .session, smallCells: SmallCells(minCell: 0)).split(separator: "\n")[1]
                == "GAD7,IM,2,3,50.0000,10.0000,25.1586,74.8414,50.0000,0.666667,false")
        let time = CurveSummary.summarise(values, kind: .time, smallCells: SmallCells(minCell: 11))
        #expect(ReportCSV.curves(time, kind: .time, smallCells: SmallCells(minCell: 11)).split(separator: "\n")[1]
                == "GAD7,IV,0.0000,4.0000,,,,,,,,true")
        let open = CurveSummary.summarise(values, kind: .time, smallCells: SmallCells(minCell: 0))
        // A negative mean is a number, not text: it is not neutralised. One course: no SD, no CI.
        #expect(ReportCSV.curves(open, kind: .time, smallCells: SmallCells(minCell: 0)).split(separator: "\n")[1]
                == "GAD7,IV,0.0000,4.0000,1,-12.5000,,,,-12.5000,0.000000,false")
    }

    @Test func csvTextIsQuotedAndNeutralised() {
        #expect(CSVTable.neutralised("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
        #expect(["+1", "-2", "@SUM(A1)", "\tx"].map(CSVTable.neutralised) == ["'+1", "'-2", "'@SUM(A1)", "'\tx"])
        #expect(CSVTable.neutralised("a=b") == "a=b")
        let row = DataQualityRow(file: "=cmd.csv", line: 3, kind: "rejected", reason: "a, \"b\"")
        #expect(ReportCSV.dataQualityLine(row) == "'=cmd.csv,3,rejected,\"a, \"\"b\"\"\"\n")
    }

    @Test func numberFormats() {
        #expect(NumberFormat.fraction(0.5) == "0.500000" && NumberFormat.fraction(2.0 / 3) == "0.666667")
        #expect(NumberFormat.hours(seconds: 90) == "0.0250" && NumberFormat.hours(seconds: 71 * 3600) == "71.0000")
        #expect(NumberFormat.measure(-0.00001) == "0.0000")      // no "-0.0000"
        #expect(NumberFormat.measure(-12.5) == "-12.5000")
    }

    @Test func quickNumberFormatAgreesWithPrintf() async {
        // The fast path must give printf's digits wherever it answers.
        var generator = SplitMix(seed: 42)
        for _ in 0..<20_000 {
            let magnitude = [1.0, 100, 10_000, 1e-3][Int(generator.next() % 4)]
            let value = (Double(generator.next() % 2_000_001) / 1_000_000 - 1) * magnitude
            for decimals in [0, 1, 4, 6] {
                if let quick = NumberFormat.quickFixed(value, decimals: decimals) {
                    var printf = String(format: "%.\(decimals)f", value)
                    if printf.hasPrefix("-"), printf.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { printf.removeFirst() }   // never "-0"
                    #expect(quick == printf, "\(value) with \(decimals) decimals")
                }
            }
        }
        #expect(NumberFormat.quickFixed(0.125, decimals: 2) == nil)     // a tie: left to printf
        #expect(NumberFormat.fixed(0.125, decimals: 2) == "0.12")       // printf: the binary value 0.125 rounds to even
        #expect(NumberFormat.fixed(2.5, decimals: 0) == "2")
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func periodsResolveToLocalDays() {
        let today = CivilTime.daysFromCivil(year: 2026, month: 11, day: 22)
        let last = ReportPeriod.lastQuarter.resolved(today: today)
        #expect(last.name == "2026Q3" && last.quarter == Quarter(year: 2026, number: 3))
        #expect(last.days == CivilTime.daysFromCivil(year: 2026, month: 7, day: 1)...CivilTime.daysFromCivil(year: 2026, month: 9, day: 30))
        let january = ReportPeriod.lastQuarter.resolved(today: CivilTime.daysFromCivil(year: 2027, month: 1, day: 1))
        #expect(january.name == "2026Q4")
        #expect(Quarter(year: 2026, number: 4).days.upperBound == CivilTime.daysFromCivil(year: 2026, month: 12, day: 31))
        let range = ReportPeriod(parsing: "2026-03-01..2026-03-31")!.resolved(today: today)
        #expect(range.contains(day: CivilTime.daysFromCivil(year: 2026, month: 3, day: 31)) && !range.contains(day: CivilTime.daysFromCivil(year: 2026, month: 4, day: 1)))
        #expect(ReportPeriod.all.resolved(today: today).contains(day: 0))
    }

    func inputs(_ facts: [CourseFacts], period: ReportPeriod, minCell: Int = 0) -> ReportInputs {
        ReportInputs(pipelineName: "t", runTime: 0, timezone: "UTC", period: period.resolved(today: day0), parameters: AnalysisParameters(),
                     smallCells: SmallCells(minCell: minCell), instrumentsWithScores: [.phq9, .gad7], facts: facts, curveGroups: [],
                     dataQuality: DataQualitySummary(), files: [])
    }

    @Test func rowsExistForInstrumentsWithScoresAndRoutesWithCourses() {
        // Each course has a row per instrument; HAM-A has no scores anywhere, so it gets no rows.
        let facts = Instrument.allCases.flatMap { i in [fact(.im, i, baseline: nil, followUps: 0), fact(.oral, i, baseline: nil, followUps: 0)] }
        let report = OutcomeReport(inputs(facts, period: .all))
        #expect(report.summaries.map { "\($0.instrument.rawValue) \($0.route.rawValue)" } == ["GAD7 IM", "GAD7 PO", "PHQ9 IM", "PHQ9 PO"])
        #expect(report.courseCount == 2 && report.trend.isEmpty && report.clinics.isEmpty)
    }

    @Test func quarterlyReportsCarryATrendAndClinics() {
        let april = CivilTime.daysFromCivil(year: 2026, month: 4, day: 2), january = CivilTime.daysFromCivil(year: 2026, month: 1, day: 9)
        let facts = [fact(baseline: 20, evaluable: true, responder: true, day: day0, clinic: "North"),
                     fact(baseline: 20, evaluable: true, day: april, clinic: "South"),
                     fact(baseline: 20, evaluable: true, responder: true, day: january)]
        let report = OutcomeReport(inputs(facts, period: .quarter(year: 2026, quarter: 3)))
        #expect(report.trend.map(\.quarter.description) == ["2026Q1", "2026Q2", "2026Q3"])
        #expect(report.trend.map { $0.summaries.first { $0.instrument == .phq9 }!.responderRate.value } == [1, 0, 1])
        #expect(report.clinics.map(\.clinic) == ["North"])        // only courses of the period
        #expect(report.summaries.first { $0.instrument == .phq9 }!.courses == 1)
    }

    @Test func dataQualitySummaryCountsKindsAndGroupsReasons() {
        let rows = [DataQualityRow(file: "b.csv", line: 9, kind: "rejected", reason: "PHQ-9 total 31 is outside 0–27"),
                    DataQualityRow(file: "a.csv", line: 4, kind: "rejected", reason: "PHQ-9 total 40 is outside 0–27"),
                    DataQualityRow(file: "a.csv", line: 2, kind: "duplicate", reason: "same"),
                    DataQualityRow(file: "a.csv", line: 7, kind: "rejected", reason: "the patient id is empty")]
        let summary = DataQualitySummary.of(rows)
        #expect(summary.rowsByKind == ["rejected": 3, "duplicate": 1])
        let top = summary.topReasons(10)
        #expect(top.map(\.pattern) == ["PHQ-9 total <value> is outside 0–27", "the patient id is empty"])
        #expect(top[0].rows == 2 && top[0].first.file == "a.csv" && top[0].first.line == 4)
    }

    @Test func reasonsAreMaskedForTheTopList() {
        // The reason class (ReasonClassTests has every reason): the row's values go, the rule's numbers stay.
        #expect(MarkdownReport.pattern("PHQ-9 total 31 is outside 0–27") == "PHQ-9 total <value> is outside 0–27")
        #expect(MarkdownReport.pattern("unknown route 'P001 IVP'; expected IV") == "unknown route '<value>'; expected IV")
        #expect(MarkdownReport.pattern("the row has 5 fields but the header has 8;") == "the row has <value> fields but the header has 8;")
    }
}
