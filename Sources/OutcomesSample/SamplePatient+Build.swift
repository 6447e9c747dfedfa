import OutcomesCore

extension SamplePatient {
    /// Adds a course's sessions and its scores: a baseline, pre-session and post-session
    /// scores, and follow-ups.
    /// - Parameter before: no follow-up at or after this day (days since 1970): the next course's.
    mutating func build(_ plan: CoursePlan, instruments: [Instrument], zone: LocalTimeZone, rng: inout SampleRandom,
                        followupDays: [Double], before: Int64?) {
        func instant(day: Int64, minute: Int) -> Int64 {
            let wall = day * 86_400 + Int64(minute) * 60
            return zone.instant(ofLocal: wall) ?? zone.instant(ofLocal: wall + 3600)!
        }
        let count = plan.dropAfter ?? plan.schedule.count
        let starts = plan.schedule.prefix(count).map { instant(day: plan.day + Int64($0), minute: plan.minuteOfDay) }
        let index = starts[0]
        for (k, start) in starts.enumerated() {
            let induction = plan.boosters ? SamplePatient.schedules[plan.route]!.count : count
            let route = (plan.switchRoute != nil && k >= 2 * induction / 3) ? plan.switchRoute! : plan.route
            let dose: Double = switch route {
            case .iv: (0.5 * weightKg).rounded()
            case .im, .subcutaneous: (0.7 * weightKg).rounded()
            case .intranasal: k < 2 ? 56 : 84
            case .sublingual: Double(100 + 50 * rng.int(0...4))
            case .oral: Double(150 + 50 * rng.int(0...4))
            }
            let minutes = route == .iv ? 40 : route == .intranasal ? 120 : 30
            sessions.append(Session(start: start, route: route, doseMg: dose, durationMin: minutes))
        }
        let sessionHours = starts.map { Double($0 - index) / 3600 }
        let baselines: [Instrument: Double] = [
            .phq9: rng.normal(mean: 17, sd: 4).clamped(8...27), .gad7: rng.normal(mean: 14, sd: 3.5).clamped(6...21),
            .hama: rng.normal(mean: 25, sd: 6).clamped(12...50),
        ]
        let observed = rng.chance(0.6)   // baseline on the day of the first session, or days before
        let baselineAt = observed ? index - Int64(rng.pick([(0, 10), (600, 50), (3600, 40)]))
                                  : index - Int64(rng.int(1...6)) * 86_400 - Int64(rng.int(0...6)) * 1800
        let missingBaseline = rng.chance(0.03)
        let lastDay = plan.dropAfter.map { _ in Double(starts.last! - index) / 86_400 + 7 } ?? 1000
        for instrument in instruments {
            let base = (instrument == .gad7 && rng.chance(0.005)) ? 0 : baselines[instrument]!
            func add(_ at: Int64) {
                let hours = Double(at - index) / 3600
                let relief = hours <= 0 ? 0 : plan.improvement(hours: hours, sessionHours: sessionHours)
                let noise = rng.normal(mean: 0, sd: max(0.8, 0.07 * base))
                let range = instrument.totalRange
                let total = Int((base * (1 - relief) + noise).rounded()).clampedInt(range)
                let item9 = instrument == .phq9 ? plan.item9(hours: hours) : nil
                scores.append(Score(instrument: instrument, at: at, total: total, items: Self.items(total, instrument, item9: item9, &rng)))
            }
            if !missingBaseline { add(baselineAt) }
            let clinician = instrument == .hama
            for (k, start) in starts.enumerated() {
                if clinician, k != 0, k != 3 { continue }
                if k > 0, !clinician || k == 3 {
                    add(rng.chance(0.1) ? start : start - 600)    // pre-dose, sometimes stamped at the start itself
                }
                if plan.route != .sublingual, plan.route != .oral || k == 0 {
                    add(start + (plan.route == .iv ? 5400 : 7200))  // after the session
                }
                if k == 0, !clinician { add(start + 86_400 + Int64(rng.int(-7200...7200))) }
            }
            for day in followupDays where day <= lastDay && before.map({ plan.day + Int64(day) < $0 }) != false && rng.chance(0.8) {
                if clinician, day != 28, day != 56 { continue }
                add(instant(day: plan.day + Int64(day), minute: 10 * 60 + 15 * rng.int(0...20)))
            }
        }
    }

    /// Item answers that add up to `total`, each within the item range; the last item (PHQ-9
    /// item 9) is `item9` when given, as near to it as the total allows.
    static func items(_ total: Int, _ instrument: Instrument, item9: Int? = nil, _ rng: inout SampleRandom) -> [Int?] {
        let top = instrument.itemRange.upperBound
        var items = [Int?](repeating: 0, count: instrument.itemCount)
        var left = total
        var free = instrument.itemCount
        if let item9 {
            let last = instrument.itemCount - 1
            let value = Swift.max(Swift.min(item9, total, top), total - last * top)
            items[last] = value
            left -= value
            free = last
        }
        while left > 0 {
            let k = rng.int(0...(free - 1))
            if items[k]! < top { items[k]! += 1; left -= 1 }
        }
        return items
    }
}

extension Int {
    func clampedInt(_ range: ClosedRange<Int>) -> Int { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
