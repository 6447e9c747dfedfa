import PropertyBased
import Testing
@testable import OutcomesCore

@Suite struct TimestampTests {
    /// 2026-03-04T14:30:00Z
    static let reference: Int64 = 1_772_634_600

    static let styleCases: [(String, Timestamp)] = [
        ("2026-03-04T09:30:00-05:00", Timestamp.instant(reference)),
        ("2026-03-04T14:30:00Z", .instant(reference)),
        ("2026-03-04T14:30:00.750Z", .instant(reference)),
        ("2026-03-04T15:30:00+0100", .instant(reference)),
        ("2026-03-04T14:30:00+00", .instant(reference)),
        ("2026-03-04 14:30", .local(reference)),
        ("2026-03-04 14:30:00", .local(reference)),
        ("2026-03-04T14:30", .local(reference)),
        ("  2026-03-04 14:30  ", .local(reference)),
        ("2026-03-04", .local(reference - 14 * 3600 - 1800)),
        ("03/04/2026 14:30", .local(reference)),
        ("3/4/2026 14:30:00", .local(reference)),
        ("3/4/2026", .local(reference - 14 * 3600 - 1800)),
    ]

    @Test(arguments: styleCases)
    func styles(text: String, expected: Timestamp) throws {
        #expect(try TimestampParser.parse(text).get() == expected)
    }

    @Test(arguments: [
        ("2026-02-30 10:00", "'2026-02-30 10:00' has day 30, which February 2026 does not have"),
        ("2026-13-01", "'2026-13-01' has month 13; months are 1–12"),
        ("2026-03-04 25:00", "'2026-03-04 25:00' has a time of day outside 00:00:00–23:59:59"),
        ("yesterday", "'yesterday' is not a date: expected a date and time like 2026-03-04T09:30:00-05:00, 2026-03-04 09:30, 2026-03-04 or 03/04/2026 09:30"),
        ("3/4/26", "'3/4/26' is not a US date (M/D/YYYY with a four-digit year)"),
        ("2026-03-04 14:30 EST", "'2026-03-04 14:30 EST' has an unreadable UTC offset (expected Z, +HH:MM or -HH:MM)"),
    ])
    func rejected(text: String, message: String) {
        #expect(throws: TimestampError(message)) { try TimestampParser.parse(text).get() }
    }

    @Test func leapDay() {
        #expect((try? TimestampParser.parse("2024-02-29").get()) != nil)
        #expect((try? TimestampParser.parse("2025-02-29").get()) == nil)
    }

    @Test func newYorkOffsets() throws {
        let zone = try #require(LocalTimeZone(identifier: "America/New_York"))
        // Winter: UTC−5.
        #expect(zone.instant(ofLocal: Self.reference - 5 * 3600) == Self.reference)
        // 2026-03-08 02:30 does not exist (clocks jump from 02:00 to 03:00).
        let gap = CivilTime.daysFromCivil(year: 2026, month: 3, day: 8) * 86_400 + 2 * 3600 + 1800
        #expect(zone.instant(ofLocal: gap) == nil)
        #expect(zone.instant(ofLocal: gap - 1800 - 1) != nil)   // 01:59:59 exists
        #expect(zone.instant(ofLocal: gap + 1800) == gap + 1800 + 4 * 3600)   // 03:00 EDT
        // 2026-11-01 01:30 occurs twice: the first (EDT, UTC−4) is taken.
        let repeated = CivilTime.daysFromCivil(year: 2026, month: 11, day: 1) * 86_400 + 3600 + 1800
        #expect(zone.instant(ofLocal: repeated) == repeated + 4 * 3600)
        #expect(zone.offset(at: repeated + 5 * 3600) == -5 * 3600)
    }

    @Test func daylightSavingSpanIsNotThreeDays() throws {
        let zone = try #require(LocalTimeZone(identifier: "America/New_York"))
        let saturday = CivilTime.daysFromCivil(year: 2026, month: 3, day: 7) * 86_400 + 9 * 3600
        let tuesday = saturday + 3 * 86_400
        let hours = Double(zone.instant(ofLocal: tuesday)! - zone.instant(ofLocal: saturday)!) / 3600
        #expect(hours == 71)
    }

    @Test func civilRoundTrip() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (y, m, d) = CivilTime.civilFromDays(days)
            #expect(CivilTime.daysFromCivil(year: y, month: m, day: d) == days)
        }
        #expect(CivilTime.isoUTC(Self.reference) == "2026-03-04T14:30:00Z")
    }

    @Test func randomValidTimestampsRoundTrip() async {
        let stamps = Gen.int(in: 0...4_102_444_799)   // 1970 … 2099
        let offsets = Gen.int(in: -48...56)
        await propertyCheck(count: 300, input: stamps, offsets) { seconds, quarterHours in
            let instant = Int64(seconds)
            let offset = Int64(quarterHours * 900)
            let text = Self.format(instant + offset, offset: offset)
            #expect((try? TimestampParser.parse(text).get()) == .instant(instant), "\(text)")
            let local = Self.format(instant, offset: nil)
            #expect((try? TimestampParser.parse(local).get()) == .local(instant), "\(local)")
        }
    }

    @Test func randomBytesNeverCrash() async {
        let bytes = Gen.int(in: 0...255).array(of: 0...30)
        await propertyCheck(count: 500, input: bytes) { values in
            let raw = values.map { UInt8($0) }
            _ = raw.withUnsafeBufferPointer { TimestampParser.parse(bytes: $0) }
        }
    }

    static func format(_ wall: Int64, offset: Int64?) -> String {
        let iso = CivilTime.isoUTC(wall).dropLast()   // without the Z
        guard let offset else { return String(iso).replacingOccurrences(of: "T", with: " ") }
        let sign = offset < 0 ? "-" : "+"
        let magnitude = Int(abs(offset))
        return "\(iso)\(sign)\(CivilTime.pad(magnitude / 3600, 2)):\(CivilTime.pad(magnitude % 3600 / 60, 2))"
    }
}

import Foundation
