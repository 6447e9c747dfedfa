import Foundation

/// Turns wall-clock readings into instants in one IANA time zone (analysis.md §3): a reading
/// that occurs twice (the hour repeated when daylight saving ends) is the first of the two
/// instants; a reading that does not occur (skipped when it begins) has no instant.
///
/// Foundation's zone look-ups are slow on Linux, so offsets are cached per UTC day, with the
/// exact second of a transition found by bisection on the (rare) days that have one.
public final class LocalTimeZone {
    public let identifier: String
    private let zone: TimeZone
    private var days: [Int64: DayOffsets] = [:]
    /// Per local day, the offset when the day and its neighbours have no transition (nil
    /// when they have one): `instant(ofLocal:)`'s fast path. The last such day is kept aside.
    private var steady: [Int64: Int64?] = [:]
    private var lastSteadyDay = Int64.min
    private var lastSteadyOffset: Int64 = 0

    private struct DayOffsets {
        let atStart: Int64
        /// The first second of the day whose offset differs from `atStart`, and that offset.
        let change: (at: Int64, offset: Int64)?
    }

    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// Seconds east of UTC in force at an instant.
    public func offset(at instant: Int64) -> Int64 {
        let day = instant >= 0 ? instant / 86_400 : (instant - 86_399) / 86_400
        let info = dayOffsets(day)
        if let change = info.change, instant >= change.at { return change.offset }
        return info.atStart
    }

    /// The instant of a wall-clock reading, or nil when the reading falls in a skipped hour.
    public func instant(ofLocal wall: Int64) -> Int64? {
        // On a day with the same offset all through it and the days either side (nearly every
        // day), the three probes below all give that offset: one look-up instead of six.
        let day = wall >= 0 ? wall / 86_400 : (wall - 86_399) / 86_400
        if day == lastSteadyDay { return wall - lastSteadyOffset }
        if let steady = steadyOffset(day) {
            lastSteadyDay = day
            lastSteadyOffset = steady
            return wall - steady
        }
        var best: Int64?
        for probe in [wall - 86_400, wall, wall + 86_400] {
            let candidate = offset(at: probe)
            let instant = wall - candidate
            if offset(at: instant) == candidate, best.map({ instant < $0 }) ?? true { best = instant }
        }
        return best
    }

    /// The instant of a parsed timestamp, or nil for a local reading that does not exist.
    public func instant(of timestamp: Timestamp) -> Int64? {
        switch timestamp {
        case .instant(let seconds): seconds
        case .local(let wall): instant(ofLocal: wall)
        }
    }

    /// The local calendar day (days since 1970-01-01) of an instant.
    public func localDay(of instant: Int64) -> Int64 {
        let wall = instant + offset(at: instant)
        return wall >= 0 ? wall / 86_400 : (wall - 86_399) / 86_400
    }

    /// The offset of `day` when it and the days either side have that one offset throughout.
    private func steadyOffset(_ day: Int64) -> Int64? {
        if let known = steady[day] { return known }
        let before = dayOffsets(day - 1), info = dayOffsets(day), after = dayOffsets(day + 1)
        let offset: Int64? = before.change == nil && info.change == nil && after.change == nil
            && before.atStart == info.atStart && after.atStart == info.atStart ? info.atStart : nil
        steady[day] = offset
        return offset
    }

    private func dayOffsets(_ day: Int64) -> DayOffsets {
        if let known = days[day] { return known }
        let start = day * 86_400
        let atStart = rawOffset(start)
        let atEnd = rawOffset(start + 86_399)
        var change: (Int64, Int64)?
        if atEnd != atStart {
            var low = start, high = start + 86_399   // offset(low) == atStart, offset(high) != atStart
            while high - low > 1 {
                let mid = (low + high) / 2
                if rawOffset(mid) == atStart { low = mid } else { high = mid }
            }
            change = (high, rawOffset(high))
        }
        let info = DayOffsets(atStart: atStart, change: change)
        days[day] = info
        return info
    }

    private func rawOffset(_ instant: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }
}
