import PropertyBased
import Testing
@testable import OutcomesCore

/// The network's other report files (docs/network.md): boosters pooled from multisets, the
/// clinic and quarter breakdowns, data quality per site, and the settings read back.
@Suite struct NetworkBreakdownTests {
    static func booster(_ induction: Int, _ offsets: [Int64]) -> CourseBoosterFacts {
        CourseBoosterFacts(route: .iv, indexDay: 20_000, boosters: CourseBoosters(inductionSessions: induction, boosterOffsets: offsets))
    }

    @Test func boosterMultisetsByHand() {
        let day: Int64 = 86_400
        let facts = [Self.booster(6, [30 * day, 44 * day, 72 * day]), Self.booster(4, []), Self.booster(6, [40 * day]), Self.booster(5, [])]
        let aggregate = BoosterAggregate(route: .iv, courses: facts)
        #expect(aggregate.inductionSessions == [4: 1, 5: 1, 6: 2])
        #expect(aggregate.firstBoosterSeconds == [30 * day: 1, 40 * day: 1])
        #expect(aggregate.boosterGapSeconds == [14 * day: 1, 28 * day: 1])
        #expect(aggregate.courses == 4 && aggregate.withBooster == 2)
        let row = BoosterSummary(aggregate, smallCells: SmallCells(minCell: 0))
        // Induction 4, 5, 6, 6: (5 + 6) / 2; first boosters 30 and 40 days; gaps 14 and 28 days.
        #expect(row.medianInductionSessions == 5.5)
        #expect(row.medianDaysToFirstBooster == 35)
        #expect(row.medianDaysBetweenBoosters == 21)
        #expect(row.withBooster.numerator == 2 && row.withBooster.denominator == 4)
        #expect(BoosterAggregate.median([:]) == nil)
    }

    @Test func pooledBoostersGiveTheRowOfAllCourses() async {
        let offsets = Gen<Int>.int(in: 22...400).array(of: 0...4).map { $0.sorted().map { Int64($0) * 86_317 } }
        let fact = zip(Gen<Int>.int(in: 0...12), offsets).map { Self.booster($0.0, $0.1) }
        await propertyCheck(count: 200, input: zip(fact.array(of: 0...12), fact.array(of: 0...12))) { a, b in
            let smallCells = SmallCells(minCell: 3)
            let pooled = BoosterAggregate(route: .iv, courses: a) + BoosterAggregate(route: .iv, courses: b)
            #expect(BoosterSummary(pooled, smallCells: smallCells) == BoosterSummary(route: .iv, courses: a + b, smallCells: smallCells))
        }
    }

    @Test func settingsReadBackToTheParametersTheyWereWrittenFrom() {
        var p = AnalysisParameters()
        #expect(NetworkSettings.parameters(NetworkSettings.text(p)) == p)
        p.reliefThreshold = 37.5
        p.curveBinsHours = [0, 6, 48]
        p.remissionCutoff[.phq9] = 5
        p.reliableChange[.hama] = 9
        p.caseness[.gad7] = 10
        p.inductionDays = 28
        let read = NetworkSettings.parameters(NetworkSettings.text(p))
        #expect(read == p)
        #expect(NetworkSettings.parameters("{\"relief_threshold\":\"high\"}") == nil)
        #expect(NetworkSettings.parameters(NetworkSettings.text(p).replacingOccurrences(of: "\"rules_version\":4", with: "\"rules_version\":9")) == nil)
    }

    @Test func aSiteWithOtherSettingsTextIsRefused() {
        let site = SiteContribution(site: "a", period: "all", programVersion: "0.2.0", settings: "{\"relief_threshold\":50}",
                                    instrumentsWithScores: [], routes: [])
        #expect(throws: PoolingRefused(problems: ["site a's analysis settings are not ones this program writes ({\"relief_threshold\":50})"])) {
            try NetworkPool([site], period: "all")
        }
    }

    @Test func qualityIsCountedPerKindAndReasonClassWithoutFiles() {
        let summary = DataQualitySummary.of([
            DataQualityRow(file: "scores_2026-01-05.csv", line: 4, kind: "rejected", reason: "PHQ-9 total 31 is outside 0–27"),
            DataQualityRow(file: "scores_2026-02-05.csv", line: 9, kind: "rejected", reason: "PHQ-9 total 40 is outside 0–27"),
            DataQualityRow(file: "scores_2026-02-05.csv", line: 12, kind: "duplicate", reason: "same row"),
        ])
        let counts = QualityCount.of(summary)
        #expect(counts.map(\.kind) == ["duplicate", "rejected"])
        #expect(counts.map(\.rows) == [1, 2])
        #expect(!counts.contains { $0.reasonClass.contains("2026") || $0.reasonClass.contains("31") })
        let section = NetworkSection(sites: ["a", "b"], quality: [
            ("a", counts), ("b", [QualityCount(kind: "rejected", reasonClass: "z", rows: 2), QualityCount(kind: "skipped", reasonClass: "s", rows: 7)]),
        ], comparison: [])
        #expect(section.rowsByKind == ["duplicate": 1, "rejected": 4, "skipped": 7])
        // Ties by the class's text; skipped rows are no reason for a rejection.
        #expect(section.topReasons(5).map(\.rows) == [2, 2])
        #expect(section.topReasons(5).map(\.pattern) == [counts[1].reasonClass, "z"].sorted())
    }

    @Test func quarterNames() {
        #expect(Quarter(name: "2026Q1") == Quarter(year: 2026, number: 1))
        #expect(Quarter(name: Quarter(year: 1999, number: 4).description) == Quarter(year: 1999, number: 4))
        for bad in ["2026Q5", "2026Q0", "26Q1", "2026Q12", "2026-01", "", "Q1", "2026q1"] { #expect(Quarter(name: bad) == nil, "\(bad)") }
    }

    @Test func clinicsPoolByIdAcrossSites() throws {
        func aggregate(_ courses: Int, responders: Int) -> RouteAggregate {
            var a = RouteAggregate(instrument: .phq9, route: .iv)
            a.courses = courses
            a.evaluable = courses
            a.responders = responders
            return a
        }
        func site(_ name: String, _ clinics: [(String, Int, Int)]) -> SiteContribution {
            SiteContribution(site: name, period: "all", programVersion: "0.2.0", settings: NetworkSettings.text(AnalysisParameters()),
                             instrumentsWithScores: [.phq9], routes: [],
                             clinics: clinics.map { BreakdownAggregate(key: $0.0, routes: [aggregate($0.1, responders: $0.2)]) })
        }
        let pool = try NetworkPool([site("b", [("C02", 3, 1), ("C01", 4, 2)]), site("a", [("C01", 6, 3)])], period: "all")
        let clinics = pool.clinics(smallCells: SmallCells(minCell: 0))
        #expect(clinics.map(\.clinic) == ["C01", "C02"])
        #expect(clinics.map { $0.summaries.map(\.courses) } == [[10], [3]])
        #expect(clinics[0].summaries[0].responders == 5)
        #expect(pool.trend(ResolvedPeriod(name: "all", days: nil, quarter: nil), smallCells: SmallCells(minCell: 0)).isEmpty)
    }
}
