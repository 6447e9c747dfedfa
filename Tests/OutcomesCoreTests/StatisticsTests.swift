import PropertyBased
import Testing
@testable import OutcomesCore

/// The statistics of analysis.md §6–8 against published values.
@Suite struct StatisticsTests {
    /// Freireich et al. (1963), 6-MP arm, remission times in weeks (+ = censored).
    static let sixMP: [SurvivalObservation] = [
        (6, true), (6, true), (6, true), (6, false), (7, true), (9, false), (10, true), (10, false), (11, false), (13, true),
        (16, true), (17, false), (19, false), (20, false), (22, true), (23, true), (25, false), (32, false), (32, false),
        (34, false), (35, false),
    ].map { SurvivalObservation(time: $0.0, isEvent: $0.1) }

    func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance }

    @Test func freireichSixMP() {
        let km = KaplanMeier(Self.sixMP)
        #expect(km.rows.map(\.time) == [6, 7, 9, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 34, 35])
        #expect(km.rows[0].atRisk == 21 && km.rows[0].events == 3 && km.rows[0].censored == 1)
        #expect(km.rows[3].atRisk == 15 && km.rows[3].events == 1 && km.rows[3].censored == 1)
        // Survival at each event time, as exact fractions, and the published log(−log) band
        // (R survfit, conf.type = "log-log"), to the 3 decimals it prints.
        let published: [(Int64, Double, Double, Double)] = [
            (6, 18.0 / 21, 0.620, 0.952), (7, 18.0 / 21 * 16 / 17, 0.563, 0.923), (10, 18.0 / 21 * 16 / 17 * 14 / 15, 0.503, 0.889),
            (13, 0.690196, 0.432, 0.849), (16, 0.627451, 0.368, 0.805), (22, 0.537815, 0.268, 0.747), (23, 0.448179, 0.188, 0.680),
        ]
        for (time, s, low, high) in published {
            let row = km.rows.first { $0.time == time }!
            #expect(close(row.survival, s, 1e-6), "S(\(time))")
            #expect(close(row.ciLow, low, 0.0005) && close(row.ciHigh, high, 0.0005), "band at \(time): \(row.ciLow) \(row.ciHigh)")
        }
        // Censor-only times keep S and its band.
        #expect(km.rows[2].survival == km.rows[1].survival && km.rows[2].ciLow == km.rows[1].ciLow)
        #expect(km.median == 23)
        #expect(km.medianInterval.low == 13 && km.medianInterval.high == nil)
        #expect(km.events == 9 && km.courses == 21)
        #expect(km.relieved(by: 5) == 0)
        #expect(close(km.relieved(by: 12), 1 - 18.0 / 21 * 16 / 17 * 14 / 15, 1e-12))
        #expect(km.relieved(by: 100) == 1 - km.rows.last!.survival)
    }

    @Test func survivalOfExactlyOneHalfReachesTheMedian() {
        // 24 courses, one relief at each of the times 1…12: S(12) = 23/24 · 22/23 · … · 12/13 = 1/2,
        // which floating point computes as 0.5000000000000001.
        let km = KaplanMeier((1...24).map { SurvivalObservation(time: Int64($0), isEvent: $0 <= 12) })
        #expect(km.rows[11].survival > 0.5)       // the rounding the tolerance is for
        #expect(km.median == 12)
        // A plateau at exactly ½: the median is where it starts, not its middle.
        let plateau = KaplanMeier([(10, true), (20, false), (30, false), (40, true)].map { SurvivalObservation(time: $0.0, isEvent: $0.1) })
        #expect(plateau.rows.map(\.survival) == [0.75, 0.75, 0.75, 0])
        let half = KaplanMeier([(10, true), (20, true), (30, false), (40, false)].map { SurvivalObservation(time: $0.0, isEvent: $0.1) })
        #expect(half.rows.map(\.survival) == [0.75, 0.5, 0.5, 0.5])
        #expect(half.median == 20)
    }

    @Test func allCensoredAndAllEvents() {
        let censored = KaplanMeier([5, 5, 9].map { SurvivalObservation(time: $0, isEvent: false) })
        #expect(censored.rows.map(\.survival) == [1, 1])
        #expect(censored.rows.allSatisfy { $0.ciLow == 1 && $0.ciHigh == 1 })
        #expect(censored.median == nil && censored.medianInterval.low == nil && censored.relieved(by: 100) == 0)

        let events = KaplanMeier([3, 3, 7, 8].map { SurvivalObservation(time: $0, isEvent: true) })
        #expect(events.rows.map(\.survival) == [0.5, 0.25, 0])
        #expect(events.rows.last!.ciLow == 0 && events.rows.last!.ciHigh == 0)
        #expect(events.median == 3 && events.relieved(by: 8) == 1)
        // Events come before censorings at a tied time: the censored course is still at risk.
        let tied = KaplanMeier([(4, true), (4, false), (6, true)].map { SurvivalObservation(time: $0.0, isEvent: $0.1) })
        #expect(tied.rows[0].atRisk == 3 && tied.rows[0].survival == 2.0 / 3 && tied.rows[1].atRisk == 1)
    }

    @Test func wilsonAgainstNewcombe() throws {
        // Newcombe (1998), Statistics in Medicine 17:857, table I, method 3 (z = 1.96).
        for (x, n, low, high) in [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718),
                                  (29, 29, 0.8830, 1.0)] {
            let ci = try #require(WilsonInterval.interval(successes: x, trials: n))
            #expect(close(ci.low, low, 0.00006) && close(ci.high, high, 0.00006), "\(x)/\(n): \(ci)")
        }
        #expect(WilsonInterval.interval(successes: 0, trials: 0) == nil)
    }

    @Test func tQuantilesAgainstTheTable() {
        let table: [(Double, Double)] = [(1, 12.7062), (2, 4.3027), (3, 3.1824), (4, 2.7764), (5, 2.5706), (10, 2.2281),
                                         (20, 2.0860), (30, 2.0423), (100, 1.9840), (1000, 1.9623)]
        for (df, t) in table {
            #expect(close(StudentT.quantile(0.975, df: df), t, 0.00005), "df \(df)")
        }
        #expect(close(StudentT.quantile(0.975, df: 1), 12.706204736174698, 1e-9))
    }

    @Test func descriptiveByHand() throws {
        let d = try #require(Descriptive([10, 40, 20, 30]))
        #expect(d.mean == 25 && d.median == 25)
        #expect(close(d.standardDeviation!, (500.0 / 3).squareRoot(), 1e-12))
        let half = 3.182446305284263 * (500.0 / 3).squareRoot() / 2
        #expect(close(d.interval!.low, 25 - half, 1e-9) && close(d.interval!.high, 25 + half, 1e-9))
        let one = try #require(Descriptive([42]))
        #expect(one.standardDeviation == nil && one.interval == nil && one.median == 42)
        #expect(try #require(Descriptive([3, 1, 2])).median == 2)
        #expect(Descriptive([]) == nil)
    }

    @Test func medianBySelectionEqualsMedianBySorting() async {
        let values = Gen.int(in: -50...50).array(of: 1...60)
        await propertyCheck(count: 500, input: values) { ints in
            let xs = ints.map { Double($0) / 4 }
            let sorted = xs.sorted(), middle = xs.count / 2
            let expected = xs.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            #expect(Descriptive.median(xs) == expected, "\(xs)")
        }
        #expect(Descriptive.median([5]) == 5 && Descriptive.median([1, 2]) == 1.5 && Descriptive.median([3, 3, 3, 3]) == 3)
    }

    @Test func kaplanMeierInvariants() async {
        let observations = Gen.int(in: 1...30).array(of: 1...40)
        let flags = Gen.bool.array(of: 40...40)
        await propertyCheck(count: 300, input: observations, flags) { times, events in
            let km = KaplanMeier(times.enumerated().map { SurvivalObservation(time: Int64($0.element), isEvent: events[$0.offset]) })
            #expect(km.rows.map(\.time) == Array(Set(times)).sorted().map(Int64.init))
            #expect(zip(km.rows, km.rows.dropFirst()).allSatisfy { $0.survival >= $1.survival })
            #expect(km.rows.allSatisfy { $0.ciLow <= $0.survival + 1e-12 && $0.survival <= $0.ciHigh + 1e-12 && $0.ciLow >= 0 && $0.ciHigh <= 1 })
            #expect(km.rows.reduce(0) { $0 + $1.events + $1.censored } == times.count)
            #expect(km.rows.first?.atRisk == times.count)
        }
    }
}
