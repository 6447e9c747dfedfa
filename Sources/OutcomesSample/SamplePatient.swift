import OutcomesCore

/// One synthetic patient's treatment: sessions and scores, as instants. The clinical model is
/// deliberately simple but shaped like the published figures (reference/domain.md §2): fast
/// onset for IV/IM/SC, intranasal within days, sublingual and oral slower; a share of
/// non-responders and a few who get worse; dropout; an induction series within three weeks,
/// then, for about half the courses, boosters every 2–4 weeks scheduled on symptom return
/// (analysis.md §15); follow-ups up to six months, long enough to see relief lost (§12);
/// PHQ-9 item 9 positive at a share of baselines, mostly resolving, a few emergent (§14);
/// some maintenance courses.
public struct SamplePatient {
    public struct Session { public var start: Int64; public var route: Route; public var doseMg: Double; public var durationMin: Int }
    public struct Score { public var instrument: Instrument; public var at: Int64; public var total: Int; public var items: [Int?] }

    public let id: String
    public let clinic: Int
    public let weightKg: Double
    public var sessions: [Session] = []
    public var scores: [Score] = []

    /// Induction series (days after the index session), each within §15's 21 induction days:
    /// IV six infusions over 2½ weeks, esketamine twice weekly (its fourth week's sessions,
    /// days 21 and 24, fall after day 21), fewer for IM, sublingual three times a week.
    static let schedules: [Route: [Double]] = [
        .iv: [0, 3, 7, 10, 14, 17],
        .im: [0, 4, 7, 11, 14],
        .intranasal: [0, 3, 7, 10, 14, 17, 21, 24],
        .sublingual: [0, 2, 4, 7, 9, 11, 14, 16, 18],
        .oral: [0, 3, 7, 10, 14, 17],
        .subcutaneous: [0, 3, 7, 10, 14, 17],
    ]
    static let routeShares: [(Route, Double)] = [(.iv, 35), (.intranasal, 25), (.sublingual, 15), (.im, 12), (.oral, 8), (.subcutaneous, 5)]
    static let responseChance: [Route: Double] = [.iv: 0.62, .im: 0.55, .subcutaneous: 0.55, .intranasal: 0.5, .sublingual: 0.42, .oral: 0.35]
    /// Hours for the improvement to reach 63 % of its plateau.
    static let onsetHours: [Route: ClosedRange<Double>] = [
        .iv: 2...30, .im: 3...40, .subcutaneous: 4...48, .intranasal: 20...200, .sublingual: 80...420, .oral: 120...520,
    ]
    /// Follow-up days: the 84-day window of §5, then later observations up to day 182 (§12).
    static let followupDays: [Double] = [28, 42, 56, 84, 112, 147, 180]

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
        // Boosters for about half the courses that finish their induction (intranasal courses
        // have their fourth week already), 2–4 weeks apart: on symptom return, so relief wanes
        // between them.
        if plan.dropAfter == nil, rng.chance(route == .intranasal ? 0.3 : 0.5) {
            var last = plan.schedule.last!
            for _ in 0..<rng.pick([(1, 35), (2, 30), (3, 20), (4, 15)]) {
                last += Double(rng.int(14...28))
                plan.schedule.append(last)
            }
            plan.boosters = true
            plan.relapses = true
            plan.holdDays = rng.uniform(4...10)
            plan.waneDays = rng.uniform(8...20)
        }
        // A second (maintenance) course more than 60 days after the first one's last session.
        let second = rng.chance(0.1) ? day + Int64(plan.schedule.last!) + Int64(rng.int(70...150)) : nil
        build(plan, instruments: instruments, zone: zone, rng: &rng, followupDays: Self.followupDays, before: second.map { $0 - 1 })
        if let second {
            var plan2 = CoursePlan(route: route, day: second, minuteOfDay: minuteOfDay,
                                   schedule: [0, 7, 14], responder: rng.chance(0.6), rng: &rng)
            plan2.maintenance = true
            build(plan2, instruments: instruments, zone: zone, rng: &rng, followupDays: [28], before: nil)
        }
    }

    struct CoursePlan {
        var route: Route
        var day: Int64
        var minuteOfDay: Int
        /// Session days after the index session: the induction, then any boosters.
        var schedule: [Double]
        var plateau: Double
        var onsetHours: Double
        var relapses: Bool
        /// Relief holds this many days after the last session, then wanes with this time constant.
        var holdDays = 14.0
        var waneDays = 45.0
        var boosters = false
        var dropAfter: Int?
        var switchRoute: Route?
        var maintenance = false
        /// PHQ-9 item 9 at baseline (0: no thoughts of death or self-harm).
        var item9Baseline = 0
        /// Hours after the index session from which a positive item 9 is 0 (nil: it persists).
        var item9ResolvesAt: Double?
        /// Hours after the index session during which item 9 is positive though it was 0 at baseline.
        var item9Emergent: ClosedRange<Double>?

        init(route: Route, day: Int64, minuteOfDay: Int, schedule: [Double], responder: Bool, rng: inout SampleRandom) {
            self.route = route
            self.day = day
            self.minuteOfDay = minuteOfDay
            self.schedule = schedule
            plateau = responder ? rng.uniform(0.55...0.92) : rng.uniform(0.0...0.42)
            let worsens = !responder && rng.chance(0.07)   // reliable deterioration (§13)
            if worsens { plateau = rng.uniform(-0.7 ... -0.4) }
            onsetHours = rng.uniform(Self.onset(route))
            relapses = rng.chance(0.35)
            if rng.chance(0.27) {
                item9Baseline = rng.pick([(1, 60), (2, 28), (3, 12)])
                if responder || rng.chance(0.5) { item9ResolvesAt = rng.uniform(24...(18 * 24)) }
            } else if rng.chance(worsens ? 0.5 : 0.02) {
                let from = rng.uniform((5 * 24)...(30 * 24))
                item9Emergent = from...(from + rng.uniform((7 * 24)...(30 * 24)))
            }
        }

        static func onset(_ route: Route) -> ClosedRange<Double> { SamplePatient.onsetHours[route]! }

        /// Fraction of the baseline score relieved at `hours` after the index session, given the
        /// hours of the course's sessions: relief holds `holdDays` after the last session before,
        /// then wanes when the course relapses; a booster restores it.
        func improvement(hours: Double, sessionHours: [Double]) -> Double {
            var value = plateau * (1 - _exp(-hours / onsetHours))
            let last = sessionHours.last { $0 < hours } ?? 0
            if relapses, hours > last + holdDays * 24 {
                value *= _exp(-(hours - last - holdDays * 24) / (waneDays * 24))
            }
            return value
        }

        /// PHQ-9 item 9 at `hours` after the index session.
        func item9(hours: Double) -> Int {
            if hours <= 0 { return item9Baseline }
            if item9Baseline > 0 { return item9ResolvesAt.map { hours >= $0 ? 0 : item9Baseline } ?? item9Baseline }
            return item9Emergent?.contains(hours) == true ? 1 : 0
        }
    }
}

extension Double {
    func clamped(_ range: ClosedRange<Double>) -> Double { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
