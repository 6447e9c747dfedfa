import PropertyBased
import Testing
@testable import OutcomesCore

/// The pooling rules of docs/network.md: an event table is all a Kaplan–Meier estimate reads,
/// tables and route aggregates add up, and pooled aggregates give the rows of the pooled courses.
@Suite struct PoolingTests {
    static let observation = zip(Gen<Int>.int(in: 0...12), Gen<Bool>.bool).map { SurvivalObservation(time: Int64($0.0) * 3600, isEvent: $0.1) }

    @Test func eventTableCountsDistinctTimes() {
        let table = EventTable([.init(time: 7, isEvent: true), .init(time: 3, isEvent: false), .init(time: 7, isEvent: false),
                                .init(time: 7, isEvent: true)])
        #expect(table.rows == [.init(time: 3, events: 0, censored: 1), .init(time: 7, events: 2, censored: 1)])
        #expect(table.observations == 4)
        #expect(table.events == 2)
        #expect(EventTable(rows: [.init(time: 5, events: 0, censored: 0)]).rows.isEmpty)
    }

    @Test func kaplanMeierFromTheTableIsTheEstimateFromTheObservations() async {
        await propertyCheck(count: 300, input: Self.observation.array(of: 0...40)) { observations in
            #expect(KaplanMeier(EventTable(observations)) == KaplanMeier(observations))
        }
    }

    @Test func tablesOfTwoSamplesAddUpToTheTableOfBoth() async {
        let samples = zip(Self.observation.array(of: 0...25), Self.observation.array(of: 0...25))
        await propertyCheck(count: 300, input: samples) { a, b in
            #expect(EventTable(a) + EventTable(b) == EventTable(a + b))
            #expect(KaplanMeier(EventTable(b) + EventTable(a)) == KaplanMeier(a + b))
        }
    }

    static func fact(baseline: Int?, relief: SurvivalObservation?, evaluable: Bool = true, responder: Bool = false,
                     remitter: Bool = false) -> CourseFacts {
        // Sessions to relief and relief duration follow from the relief time, so that all kinds occur.
        let hours = relief.map { $0.time / 3600 } ?? 0
        let duration: ReliefDuration = relief?.isEvent != true ? .notRelieved
            : [ReliefDuration.unobserved, .lost(secondsAfterRelief: hours * 7200), .held(secondsAfterRelief: hours * 3600)][Int(hours % 3)]
        return CourseFacts(instrument: .phq9, route: .iv, indexDay: 20_000, baseline: baseline, followUps: 1, relief: relief,
                           evaluable: evaluable, responder: responder, remitter: remitter,
                           sessionsToRelief: relief.map { SurvivalObservation(time: 1 + hours / 2, isEvent: $0.isEvent) },
                           reliefDuration: duration,
                           endpointTotal: evaluable ? baseline.map { max(0, $0 - Int(hours) * 2) } : nil,
                           worstFollowUp: baseline.map { $0 + Int(hours % 9) - 4 },
                           item9: baseline.map { b in Item9Facts(baseline: b % 4 == 0 ? nil : b % 3, followUpKnown: hours % 2 == 0,
                                                                 followUpPositive: hours % 4 == 0, endpoint: evaluable ? Int(hours % 2) : nil) })
    }

    @Test func aRouteAggregateCountsByHand() {
        let facts = [
            Self.fact(baseline: 20, relief: .init(time: 3600, isEvent: true), responder: true, remitter: true),
            Self.fact(baseline: 15, relief: .init(time: 7200, isEvent: false)),
            Self.fact(baseline: nil, relief: nil, evaluable: false),
        ]
        let aggregate = RouteAggregate(instrument: .phq9, route: .iv, courses: facts)
        #expect(aggregate.counts.prefix(7).map(\.value) == [3, 2, 2, 1, 1, 35, 0])
        #expect(aggregate.timeToRelief.rows == [.init(time: 3600, events: 1, censored: 0), .init(time: 7200, events: 0, censored: 1)])
        let row = RouteSummary(aggregate, smallCells: SmallCells(minCell: 0))
        #expect(row.meanBaseline == 17.5)
        #expect(row.kmCourses == 2 && row.reliefEvents == 1)
        #expect(row.median == 3600)
    }

    @Test func pooledAggregatesGiveTheRowOfAllCourses() async {
        let fact = zip(Gen<Int>.int(in: -1...27), zip(Self.observation, Gen<Int>.int(in: 0...2)), Gen<Bool>.bool, Gen<Bool>.bool)
            .map { Self.fact(baseline: $0.0 < 0 ? nil : $0.0, relief: $0.1.1 == 0 ? nil : $0.1.0, evaluable: $0.2, responder: $0.2 && $0.3, remitter: $0.3) }
        await propertyCheck(count: 200, input: zip(fact.array(of: 0...15), fact.array(of: 0...15))) { a, b in
            let pooled = RouteAggregate(instrument: .phq9, route: .iv, courses: a) + RouteAggregate(instrument: .phq9, route: .iv, courses: b)
            let smallCells = SmallCells(minCell: 3)
            #expect(RouteSummary(pooled, smallCells: smallCells) == RouteSummary(instrument: .phq9, route: .iv, courses: a + b, smallCells: smallCells))
            #expect(AfterReliefSummary(pooled, smallCells: smallCells)
                == AfterReliefSummary(instrument: .phq9, route: .iv, courses: a + b, smallCells: smallCells))
            #expect(pooled.reliefUnobserved == (a + b).filter { $0.reliefDuration == .unobserved }.count)
            let parameters = AnalysisParameters()
            let withTallies = RouteAggregate(instrument: .phq9, route: .iv, courses: a, parameters: parameters)
                + RouteAggregate(instrument: .phq9, route: .iv, courses: b, parameters: parameters)
            #expect(ReliableChangeSummary(withTallies, smallCells: smallCells)
                == ReliableChangeSummary(instrument: .phq9, route: .iv, courses: a + b, parameters: parameters, smallCells: smallCells))
            #expect(SafetySummary(phq9: withTallies, smallCells: smallCells) == SafetySummary(route: .iv, phq9: a + b, smallCells: smallCells))
            #expect(BaselineSeveritySummary(withTallies, smallCells: smallCells)
                == BaselineSeveritySummary(instrument: .phq9, route: .iv, courses: a + b, smallCells: smallCells))
        }
    }

    static func contribution(_ site: String, settings: String = NetworkSettings.text(AnalysisParameters()), version: String = "0.2.0",
                             period: String = "2026Q3") -> SiteContribution {
        SiteContribution(site: site, period: period, programVersion: version, settings: settings, instrumentsWithScores: [.phq9], routes: [])
    }

    @Test func contributionsThatDisagreeAreRefusedNamingSiteAndKey() {
        var strict = AnalysisParameters()
        strict.reliefThreshold = 60
        strict.courseGapDays = 30
        let sites = [Self.contribution("b", settings: NetworkSettings.text(strict)), Self.contribution("a"),
                     Self.contribution("c", version: "0.3.0"), Self.contribution("d", period: "2026Q2")]
        #expect(throws: PoolingRefused(problems: [
            "site b used other analysis settings than site a (relief_threshold 50 → 60, course_gap_days 60 → 30)",
            "site c used program version 0.3.0, site a 0.2.0",
            "site d published period 2026Q2, not 2026Q3",
        ])) { try NetworkPool(sites, period: "2026Q3") }
        #expect(throws: PoolingRefused(problems: ["no site has published for period 2026Q3"])) { try NetworkPool([], period: "2026Q3") }
    }

    @Test func networkSettingsLeaveOutTimezoneAndProgramVersion() {
        let text = NetworkSettings.text(AnalysisParameters())
        #expect(text.hasPrefix("{\"rules_version\":4,\"relief_threshold\":50,"))
        #expect(!text.contains("timezone") && !text.contains("program_version"))
    }
}

/// site_comparison.csv, by hand: two sites, network rate (9 + 11) / (10 + 30) = 0.5.
@Suite struct SiteComparisonTests {
    static func site(_ name: String, evaluable: Int, responders: Int) -> SiteContribution {
        var aggregate = RouteAggregate(instrument: .phq9, route: .iv)
        aggregate.courses = evaluable
        aggregate.withBaseline = evaluable
        aggregate.evaluable = evaluable
        aggregate.responders = responders
        aggregate.baselineSum = 15 * evaluable
        return SiteContribution(site: name, period: "all", programVersion: "0.2.0", settings: NetworkSettings.text(AnalysisParameters()),
                                instrumentsWithScores: [.phq9], routes: [aggregate])
    }

    @Test func ratesLimitsAndPositions() throws {
        let pool = try NetworkPool([Self.site("b", evaluable: 30, responders: 11), Self.site("a", evaluable: 10, responders: 9)], period: "all")
        let rows = SiteComparison.rows(pool, smallCells: SmallCells(minCell: 0))
        #expect(rows.map(\.site) == ["a", "b"])
        #expect(rows.map(\.position) == [.above95, .within])
        #expect(SiteComparison.csv(rows, smallCells: SmallCells(minCell: 0)) == """
            instrument,route,site,evaluable,responders,responder_rate,network_rate,limit_95_low,limit_95_high,limit_99_8_low,limit_99_8_high,position,suppressed
            PHQ9,IV,a,10,9,0.900000,0.500000,0.190102,0.809898,0.011391,0.988609,above_95,false
            PHQ9,IV,b,30,11,0.366667,0.500000,0.321081,0.678919,0.217902,0.782098,within,false

            """)
    }

    @Test func aSiteWithSmallCellsIsWithheld() throws {
        let pool = try NetworkPool([Self.site("a", evaluable: 10, responders: 9), Self.site("b", evaluable: 30, responders: 11)], period: "all")
        let smallCells = SmallCells(minCell: 11)
        let rows = SiteComparison.rows(pool, smallCells: smallCells)
        #expect(rows.map(\.suppressed) == [true, false])
        #expect(rows[0].position == nil)
        let line = SiteComparison.csv(rows, smallCells: smallCells).split(separator: "\n")[1]
        #expect(line == "PHQ9,IV,a,,,,0.500000,0.190102,0.809898,0.011391,0.988609,,true")
    }

    @Test func limitsAreClampedAndCanBeExceededBelow() {
        #expect(SiteComparison.limits(rate: 0.05, n: 4, z: NormalQuantile.z975).low == 0)
        #expect(SiteComparison.limits(rate: 0.95, n: 4, z: NormalQuantile.z975).high == 1)
        var row = SiteComparison(instrument: .gad7, route: .im, site: "x", evaluable: 100, responders: 10, networkRate: 0.5,
                                 limits95: SiteComparison.limits(rate: 0.5, n: 100, z: NormalQuantile.z975),
                                 limits998: SiteComparison.limits(rate: 0.5, n: 100, z: SiteComparison.z999), suppressed: false)
        #expect(row.position == .below998)
        row.responders = 39
        #expect(row.position == .below95)
        row.responders = 90
        #expect(row.position == .above998)
    }
}

/// The funnel plot: one file per instrument × route, the sites as unjoined markers, the limits
/// as lines without markers, withheld sites not drawn.
@Suite struct FunnelChartTests {
    @Test func sitesLimitsAndWithheldSites() throws {
        let pool = try NetworkPool([SiteComparisonTests.site("a", evaluable: 10, responders: 9),
                                    SiteComparisonTests.site("b", evaluable: 30, responders: 11),
                                    SiteComparisonTests.site("c", evaluable: 4, responders: 1)], period: "all")
        let rows = SiteComparison.rows(pool, smallCells: SmallCells(minCell: 5))
        let charts = FunnelChart.all(rows)
        #expect(charts.map(\.name) == ["funnel_phq9_iv.svg"])
        let chart = FunnelChart.chart(rows)
        #expect(chart.series.map(\.name) == ["95 % limits", "", "99.8 % limits", "", "sites"])
        #expect(chart.series[4].points.map(\.x) == [10, 30])
        #expect(chart.series[4].points.map(\.y) == [90, 100.0 * 11 / 30])
        #expect(!chart.series[4].joined && chart.series[0].joined && !chart.series[0].markers)
        #expect(chart.notes.contains("1 site(s) not drawn: small cells"))
        // a (90 % of 10) is above the 95 % limit 47.7 % + 1.96·√(0.477·0.523/10) = 78.7 %: named; b (36.7 % of 30) is within.
        #expect(chart.series[4].points.map(\.label) == ["a", nil])
        let svg = charts[0].svg
        #expect(svg.contains(">a</text>") && !svg.contains(">b</text>"))
        #expect(svg.contains("network rate 47.7 %"))
        // The sites' markers are not joined: the only polylines are the four limit curves.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 4)
    }
}

/// Curve points pool through exact fractions, and their figures do not depend on value order.
@Suite struct CurvePoolingTests {
    @Test func everyPercentReductionOfTwoTotalsIsAnExactFraction() {
        for baseline in 1...56 {
            for score in 0...56 {
                let value = 100 * Double(baseline - score) / Double(baseline)
                let fraction = CurveAggregate.Fraction.of(value)
                #expect(fraction?.value == value, "\(baseline) \(score)")
                #expect(fraction.map { $0.denominator <= Int64(baseline) } == true)
            }
        }
        #expect(CurveAggregate.Fraction.of(100.0 / 3) == .init(numerator: 100, denominator: 3))
        #expect(CurveAggregate.Fraction.of(-50) == .init(numerator: -50, denominator: 1))
        #expect(CurveAggregate.Fraction.of(0.1234567) == nil)
    }

    @Test func descriptiveFiguresAreTheSameInAnyOrder() async {
        let value = zip(Gen<Int>.int(in: 1...27), Gen<Int>.int(in: 0...27)).map { 100 * Double($0.0 - $0.1) / Double($0.0) }
        await propertyCheck(count: 300, input: value.array(of: 1...60)) { values in
            #expect(Descriptive(values) == Descriptive(values.reversed()))
            #expect(Descriptive(values) == Descriptive(values.sorted()))
            let sequential = values.reduce(0, +) / Double(values.count)
            #expect(abs(Descriptive(values)!.mean - sequential) < 1e-9)
            #expect(Descriptive(values)!.median == Descriptive.median(values))
        }
    }

    @Test func pooledCurvePointsGiveTheGroupOfAllValues() throws {
        let key = CurvePointKey(instrument: .gad7, route: .intranasal, kind: .time, point: 2, binStartHours: 4, binEndHours: 24)
        let a = CurveGroup(key: key, values: [50, 100.0 / 3, -25], responding: 1)
        let b = CurveGroup(key: key, values: [100.0 / 3, 0], responding: 0)
        let pooled = try #require(CurveAggregate(a)) + (try #require(CurveAggregate(b)))
        #expect(pooled.responding == 1)
        #expect(pooled.values[.init(numerator: 100, denominator: 3)] == 2)
        let all = CurveGroup(key: key, values: a.values + b.values, responding: 1)
        #expect(CurveSummary.summarise([pooled.group], kind: .time, smallCells: SmallCells(minCell: 0))
            == CurveSummary.summarise([all], kind: .time, smallCells: SmallCells(minCell: 0)))
    }
}
