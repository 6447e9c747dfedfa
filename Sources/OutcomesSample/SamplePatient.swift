import OutcomesCore

/// One synthetic patient's treatment: sessions and scores, as instants. The clinical model is
/// deliberately simple but shaped like the published figures (reference/domain.md §2): fast
/// onset for IV/IM/SC, intranasal within days, sublingual and oral slower; a share of
/// non-responders; dropout; some maintenance courses.
public struct SamplePatient {
    public struct Session { public var start: Int64; public var route: Route; public var doseMg: Double; public var durationMin: Int }
    public struct Score { public var instrument: Instrument; public var at: Int64; public var total: Int; public var items: [Int?] }

    public let id: String
    public let clinic: Int
    public let weightKg: Double
    public var sessions: [Session] = []
    public var scores: [Score] = []

    static let schedules: [Route: [Double]] = [
        .iv: [0, 3, 7, 10, 14, 17],
        .im: [0, 7, 14, 21, 28, 35],
        .intranasal: [0, 3, 7, 10, 14, 17, 21, 24, 28, 35, 42, 49],
        .sublingual: [0, 2, 4, 7, 9, 11, 14, 16, 18, 21, 23, 25],
        .oral: [0, 3, 7, 10, 14, 17, 21, 24, 28, 31, 35, 38],
        .subcutaneous: [0, 3, 7, 10, 14, 17, 21, 24],
    ]
    static let routeShares: [(Route, Double)] = [(.iv, 35), (.intranasal, 25), (.sublingual, 15), (.im, 12), (.oral, 8), (.subcutaneous, 5)]
    static let responseChance: [Route: Double] = [.iv: 0.62, .im: 0.55, .subcutaneous: 0.55, .intranasal: 0.5, .sublingual: 0.42, .oral: 0.35]
    /// Hours for the improvement to reach 63 % of its plateau.
    static let onsetHours: [Route: ClosedRange<Double>] = [
        .iv: 2...30, .im: 3...40, .subcutaneous: 4...48, .intranasal: 20...200, .sublingual: 80...420, .oral: 120...520,
    ]

    /// - Parameters:
    ///   - firstDay/lastDay: days since 1970 between which the first session falls.
    public init(index: Int, seed: UInt64, zone: LocalTimeZone, firstDay: Int64, lastDay: Int64) {
        var rng = SampleRandom(seed: seed, stream: UInt64(index))
        id = "P" + CivilTime.pad(index + 1, 5)
        clinic = rng.pick([(1, 40), (2, 35), (3, 25)])
        weightKg = (rng.normal(mean: 80, sd: 15).clamped(45...140) * 10).rounded() / 10
        let route = rng.pick(Self.routeShares)
        let day = firstDay + Int64(rng.int(0...Int(lastDay - firstDay)))
        let minuteOfDay = 8 * 60 + 30 * rng.int(0...15)
        var instruments: [Instrument] = [.phq9, .gad7]
        if rng.chance(route == .iv || route == .im ? 0.5 : 0.25) { instruments.append(.hama) }
        let responder = rng.chance(Self.responseChance[route]!)
        var plan = CoursePlan(route: route, day: day, minuteOfDay: minuteOfDay, schedule: Self.schedules[route]!,
                              responder: responder, rng: &rng)
        if rng.chance(0.12) { plan.dropAfter = rng.int(1...max(1, plan.schedule.count - 2)) }
        if rng.chance(0.04) { plan.switchRoute = route == .iv ? .intranasal : .iv }
        build(plan, instruments: instruments, zone: zone, rng: &rng, followupDays: [28, 42, 56, 84])
        if rng.chance(0.1) {
            var second = CoursePlan(route: route, day: day + Int64(rng.int(75...150)), minuteOfDay: minuteOfDay,
                                    schedule: [0, 7, 14], responder: rng.chance(0.6), rng: &rng)
            second.maintenance = true
            build(second, instruments: instruments, zone: zone, rng: &rng, followupDays: [28])
        }
    }

    struct CoursePlan {
        var route: Route
        var day: Int64
        var minuteOfDay: Int
        var schedule: [Double]
        var plateau: Double
        var onsetHours: Double
        var relapses: Bool
        var dropAfter: Int?
        var switchRoute: Route?
        var maintenance = false

        init(route: Route, day: Int64, minuteOfDay: Int, schedule: [Double], responder: Bool, rng: inout SampleRandom) {
            self.route = route
            self.day = day
            self.minuteOfDay = minuteOfDay
            self.schedule = schedule
            plateau = responder ? rng.uniform(0.55...0.92) : rng.uniform(0.0...0.42)
            onsetHours = rng.uniform(Self.onset(route))
            relapses = rng.chance(0.35)
        }

        static func onset(_ route: Route) -> ClosedRange<Double> { SamplePatient.onsetHours[route]! }

        /// Fraction of the baseline score relieved at `hours` after the index session.
        func improvement(hours: Double, courseEndHours: Double) -> Double {
            var value = plateau * (1 - _exp(-hours / onsetHours))
            if relapses, hours > courseEndHours + 14 * 24 {
                value *= _exp(-(hours - courseEndHours - 14 * 24) / (45 * 24))
            }
            return value
        }
    }
}

extension Double {
    func clamped(_ range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
