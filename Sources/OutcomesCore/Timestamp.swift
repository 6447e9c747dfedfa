/// A timestamp as written in an export, before the pipeline's time zone is applied.
public enum Timestamp: Equatable, Sendable {
    /// The text carried a UTC offset (`Z`, `-05:00`): seconds since the epoch.
    case instant(Int64)
    /// No offset: the wall-clock reading, counted in seconds as if it were UTC. It becomes an
    /// instant only through the pipeline's time zone (analysis.md §3).
    case local(Int64)
}

/// Why a timestamp could not be read; the message is for a clinic data manager.
public struct TimestampError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }

    static let expectedForms =
        "expected a date and time like 2026-03-04T09:30:00-05:00, 2026-03-04 09:30, 2026-03-04 or 03/04/2026 09:30"
}

/// Reads the timestamp styles of analysis.md §3 straight from bytes (about 20 ns a value):
/// ISO 8601 with `T` or a space, optional seconds and fraction, optional `Z`/`±HH:MM`/`±HHMM`;
/// a bare date (00:00); US `M/D/YYYY [H:MM[:SS]]`. Fractions of a second are truncated.
public enum TimestampParser {
    public static func parse(_ text: String) -> Result<Timestamp, TimestampError> {
        var copy = text
        return copy.withUTF8 { parse(bytes: $0) }
    }

    public static func parse(bytes raw: UnsafeBufferPointer<UInt8>) -> Result<Timestamp, TimestampError> {
        var scanner = ByteScanner(raw)
        scanner.trimSpaces()
        if scanner.isAtEnd { return .failure(TimestampError("empty; " + TimestampError.expectedForms)) }
        let result: Result<Timestamp, TimestampError>
        if scanner.contains(UInt8(ascii: "/")) {
            result = parseUS(&scanner)
        } else {
            result = parseISO(&scanner)
        }
        return result
    }

    private static func parseISO(_ s: inout ByteScanner) -> Result<Timestamp, TimestampError> {
        guard let year = s.digits(exactly: 4), s.take(UInt8(ascii: "-")),
              let month = s.digits(1...2), s.take(UInt8(ascii: "-")),
              let day = s.digits(1...2)
        else { return .failure(TimestampError("'\(s.text)' is not a date: " + TimestampError.expectedForms)) }
        var hour = 0, minute = 0, second = 0
        var offset: Int64?
        if !s.isAtEnd {
            guard s.take(UInt8(ascii: "T")) || s.take(UInt8(ascii: "t")) || s.take(UInt8(ascii: " ")) else {
                return .failure(TimestampError("'\(s.text)' has something after the date: " + TimestampError.expectedForms))
            }
            while s.take(UInt8(ascii: " ")) {}
            guard let time = parseClock(&s) else {
                return .failure(TimestampError("'\(s.text)' has no readable time of day: " + TimestampError.expectedForms))
            }
            (hour, minute, second) = time
            if !s.isAtEnd {
                while s.take(UInt8(ascii: " ")) {}
                guard let parsed = parseOffset(&s), s.isAtEnd else {
                    return .failure(TimestampError("'\(s.text)' has an unreadable UTC offset (expected Z, +HH:MM or -HH:MM)"))
                }
                offset = parsed
            }
        }
        return build(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset, s: s)
    }

    private static func parseUS(_ s: inout ByteScanner) -> Result<Timestamp, TimestampError> {
        guard let month = s.digits(1...2), s.take(UInt8(ascii: "/")),
              let day = s.digits(1...2), s.take(UInt8(ascii: "/")),
              let year = s.digits(exactly: 4)
        else { return .failure(TimestampError("'\(s.text)' is not a US date (M/D/YYYY with a four-digit year)")) }
        var hour = 0, minute = 0, second = 0
        if !s.isAtEnd {
            guard s.take(UInt8(ascii: " ")) else {
                return .failure(TimestampError("'\(s.text)' has something after the date: " + TimestampError.expectedForms))
            }
            while s.take(UInt8(ascii: " ")) {}
            guard let time = parseClock(&s), s.isAtEnd else {
                return .failure(TimestampError("'\(s.text)' has no readable time of day (expected H:MM or H:MM:SS, 24-hour)"))
            }
            (hour, minute, second) = time
        }
        return build(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: nil, s: s)
    }

    /// `HH:MM[:SS[.fff]]`
    private static func parseClock(_ s: inout ByteScanner) -> (Int, Int, Int)? {
        guard let hour = s.digits(1...2), s.take(UInt8(ascii: ":")), let minute = s.digits(exactly: 2) else { return nil }
        var second = 0
        if s.take(UInt8(ascii: ":")) {
            guard let sec = s.digits(exactly: 2) else { return nil }
            second = sec
            if s.take(UInt8(ascii: ".")) || s.take(UInt8(ascii: ",")) {
                guard s.digits(1...9) != nil else { return nil }
            }
        }
        return (hour, minute, second)
    }

    /// `Z`, `±HH:MM`, `±HHMM` or `±HH`, in seconds east of UTC.
    private static func parseOffset(_ s: inout ByteScanner) -> Int64? {
        if s.take(UInt8(ascii: "Z")) || s.take(UInt8(ascii: "z")) { return 0 }
        let sign: Int64
        if s.take(UInt8(ascii: "+")) { sign = 1 } else if s.take(UInt8(ascii: "-")) { sign = -1 } else { return nil }
        guard let hours = s.digits(exactly: 2), hours <= 18 else { return nil }
        var minutes = 0
        if s.take(UInt8(ascii: ":")) {
            guard let m = s.digits(exactly: 2) else { return nil }
            minutes = m
        } else if let m = s.digits(exactly: 2) {
            minutes = m
        }
        guard minutes < 60 else { return nil }
        return sign * Int64(hours * 3600 + minutes * 60)
    }

    private static func build(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int,
                              offset: Int64?, s: ByteScanner) -> Result<Timestamp, TimestampError> {
        guard (1...12).contains(month) else { return .failure(TimestampError("'\(s.text)' has month \(month); months are 1–12")) }
        guard (1...CivilTime.daysInMonth(year: year, month: month)).contains(day) else {
            return .failure(TimestampError("'\(s.text)' has day \(day), which \(monthName(month)) \(year) does not have"))
        }
        guard hour < 24, minute < 60, second < 60 else {
            return .failure(TimestampError("'\(s.text)' has a time of day outside 00:00:00–23:59:59"))
        }
        let wall = CivilTime.daysFromCivil(year: year, month: month, day: day) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        if let offset { return .success(.instant(wall - offset)) }
        return .success(.local(wall))
    }

    private static func monthName(_ month: Int) -> String {
        ["January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"][month - 1]
    }
}

/// A cursor over the bytes of one field.
struct ByteScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var start: Int
    private var end: Int
    private(set) var position: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        start = 0
        end = bytes.count
        position = 0
    }

    var isAtEnd: Bool { position >= end }

    /// The whole (trimmed) field, for messages: control characters and bytes that are not UTF-8
    /// escaped (`\0`, `\xE9`), long values cut.
    var text: String { DisplayText.quoted(DisplayText.escaped(bytes: UnsafeBufferPointer(rebasing: bytes[start..<end]))) }

    mutating func trimSpaces() {
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        position = start
    }

    func contains(_ byte: UInt8) -> Bool {
        var i = start
        while i < end {
            if bytes[i] == byte { return true }
            i += 1
        }
        return false
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < end, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    mutating func digits(exactly count: Int) -> Int? { digits(count...count) }

    /// Reads as many digits as it can, up to the range's upper bound, and fails below its lower bound.
    mutating func digits(_ count: ClosedRange<Int>) -> Int? {
        var value = 0, n = 0
        while position < end, n < count.upperBound, bytes[position] >= 0x30, bytes[position] <= 0x39 {
            value = value * 10 + Int(bytes[position] - 0x30)
            position += 1
            n += 1
        }
        return n >= count.lowerBound ? value : nil
    }
}
