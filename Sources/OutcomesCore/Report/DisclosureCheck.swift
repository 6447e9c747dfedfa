/// The last look at a report that leaves the clinic (min_cell > 0): does any file of the
/// folder hold a value that identifies a patient or a visit? The store hands out the values
/// (patient ids, session ids, the days of administrations and sessions, the raw cell values
/// its reasons quote); each file is read once, its tokens looked up in sets. A hit names the
/// kind of value, never the value (docs/report.md, "The disclosure check").
public struct DisclosureCheck: Sendable {
    /// What was found, as an error message names it.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case patientID = "a patient id"
        case sessionID = "a session id"
        case administrationDate = "an administration date"
        case sessionDate = "a session date"
        case rawValue = "a raw cell value of the exports"
    }

    /// Ids shorter than this are not looked for: two letters are words and routes ("IV", "C1").
    public static let shortestID = 3
    /// All-digit ids are looked for only from this length, or with a leading zero: shorter
    /// numbers without one are the report's own counts (a 3-digit MRN would match "120 courses").
    public static let shortestNumericID = 8

    let patientIDs: Set<[UInt8]>
    let sessionIDs: Set<[UInt8]>
    let administrationDays: Set<Int64>
    let sessionDays: Set<Int64>
    /// The days the report writes on purpose: the run's day and the period's first and last.
    let allowedDays: Set<Int64>
    /// Raw values by their first four bytes, so that a file is searched for all of them in one pass.
    let rawValues: [UInt32: [[UInt8]]]
    /// Whether some id has this length in bytes (index): most candidates are ruled out before
    /// any copy or hash.
    let idLengths: [Bool]
    /// Whether some raw value starts with these two bytes (index `b0 << 8 | b1`).
    let rawStarts: [Bool]

    public init(patientIDs: some Sequence<String>, sessionIDs: some Sequence<String>, administrationDays: Set<Int64>,
                sessionDays: Set<Int64>, allowedDays: Set<Int64>, rawValues: some Sequence<String>) {
        self.patientIDs = Set(patientIDs.filter(Self.isCheckable).map { Array($0.utf8) })
        self.sessionIDs = Set(sessionIDs.filter(Self.isCheckable).map { Array($0.utf8) })
        self.administrationDays = administrationDays
        self.sessionDays = sessionDays
        self.allowedDays = allowedDays
        var raw: [UInt32: [[UInt8]]] = [:]
        for value in Set(rawValues) where Self.isCheckableRawValue(value) {
            let bytes = Array(value.utf8)
            raw[Self.prefix(bytes, 0), default: []].append(bytes)
        }
        self.rawValues = raw
        var lengths = [Bool](repeating: false, count: 1 + (self.patientIDs.union(self.sessionIDs).map(\.count).max() ?? 0))
        for id in self.patientIDs.union(self.sessionIDs) { lengths[id.count] = true }
        idLengths = lengths
        var starts = [Bool](repeating: false, count: 65_536)
        for key in raw.keys { starts[Int(key >> 16)] = true }
        rawStarts = starts
    }

    /// Whether an id is looked for at all (shortestID, shortestNumericID).
    public static func isCheckable(_ id: String) -> Bool {
        guard id.utf8.count >= shortestID else { return false }
        guard id.utf8.allSatisfy(isDigit) else { return true }
        return id.utf8.count >= shortestNumericID || id.utf8.first == UInt8(ascii: "0")
    }

    /// A raw value is looked for when it has a digit and four characters or more: words alone
    /// ('twelve', 'yesterday') are words the report may use itself.
    public static func isCheckableRawValue(_ value: String) -> Bool {
        value.utf8.count >= 4 && value.utf8.contains(where: isDigit)
    }

    /// The quoted values of a stored reason (`'…'`, as the ingest quotes a raw cell value),
    /// without the "…" of a cut one.
    public static func quotedValues(_ reason: String) -> [String] {
        var values: [String] = []
        let characters = Array(reason)
        var current: String?
        for (index, character) in characters.enumerated() {
            let before = index > 0 ? characters[index - 1] : nil
            let after = index + 1 < characters.count ? characters[index + 1] : nil
            let word: (Character?) -> Bool = { $0.map { $0.isLetter || $0.isNumber } ?? false }
            if character == "'" {
                if current == nil, !word(before) { current = ""; continue }
                if let value = current, !word(after) {
                    values.append(value.hasSuffix("…") ? String(value.dropLast()) : value)
                    current = nil
                    continue
                }
            }
            current?.append(character)
        }
        return values
    }

    /// The first kind of value found in a file's bytes, or nil.
    /// Backslashes are read past, so that a Markdown-escaped `P\_17` is `P_17`.
    public func firstHit(in file: [UInt8]) -> Kind? {
        let bytes = file.contains(UInt8(ascii: "\\")) ? file.filter { $0 != UInt8(ascii: "\\") } : file
        if let kind = rawValueHit(bytes) { return kind }
        var start = 0
        let count = bytes.count
        var segments: [Range<Int>] = []
        segments.reserveCapacity(16)
        while start < count {
            while start < count, Self.isDelimiter(bytes[start]) { start += 1 }
            var end = start
            while end < count, !Self.isDelimiter(bytes[end]) { end += 1 }
            // Shorter than the shortest id, and too short for a date: nothing to look up.
            if end - start >= Self.shortestID, let kind = tokenHit(bytes[start..<end], &segments) { return kind }
            start = end
        }
        return nil
    }

    /// A token (text between spaces, quotes and table or markup punctuation) is looked at in
    /// its alphanumeric segments: every run of up to eight consecutive segments is an id
    /// candidate, so `P00017.csv` and `Patient/P00017` hold `P00017`; three segments may be a date.
    func tokenHit(_ token: ArraySlice<UInt8>, _ segments: inout [Range<Int>]) -> Kind? {
        segments.removeAll(keepingCapacity: true)
        var index = token.startIndex
        while index < token.endIndex {
            while index < token.endIndex, !Self.isAlphanumeric(token[index]) { index += 1 }
            let start = index
            while index < token.endIndex, Self.isAlphanumeric(token[index]) { index += 1 }
            if index > start { segments.append(start..<index) }
        }
        let mayHoldDate = segments.count >= 3 && token.count >= 8
        for first in segments.indices {
            if mayHoldDate, let kind = dateHit(token, segments, first) { return kind }
            for last in first..<min(segments.count, first + 8) {
                let span = segments[first].lowerBound..<segments[last].upperBound
                if span.count >= idLengths.count { break }
                guard idLengths[span.count] else { continue }
                let candidate = Array(token[span])
                if candidate.allSatisfy(Self.isDigit), span.lowerBound >= token.startIndex + 2,
                   token[span.lowerBound - 1] == UInt8(ascii: "."), Self.isDigit(token[span.lowerBound - 2]) {
                    continue  // the decimals of a number
                }
                if patientIDs.contains(candidate) { return .patientID }
                if sessionIDs.contains(candidate) { return .sessionID }
            }
        }
        return nil
    }

    /// YYYY-MM-DD (or YYYY/MM/DD) and M/D/YYYY starting at segment `first`. A date in the
    /// program's own UTC timestamp form (`2026-12-02T06:12:09Z`: run times, "last ran") is not
    /// a hit: export values reach a report only through reasons, whose quoted values are
    /// checked whole as raw values.
    func dateHit(_ token: ArraySlice<UInt8>, _ segments: [Range<Int>], _ first: Int) -> Kind? {
        guard first + 2 < segments.count else { return nil }
        let a = segments[first], b = segments[first + 1], c = segments[first + 2]
        guard b.lowerBound == a.upperBound + 1, c.lowerBound == b.upperBound + 1 else { return nil }
        let separator = token[a.upperBound]
        guard separator == token[b.upperBound], separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") else { return nil }
        let cDigits = token[c].prefix(while: Self.isDigit)
        var day: Int64?
        if a.count == 4, token[a].allSatisfy(Self.isDigit), (1...2).contains(b.count), token[b].allSatisfy(Self.isDigit),
           (1...2).contains(cDigits.count) {
            if separator == UInt8(ascii: "-"), isProgramTimestamp(token, segments, first) { return nil }
            day = Self.day(year: Self.number(token[a]), month: Self.number(token[b]), day: Self.number(cDigits))
        } else if separator == UInt8(ascii: "/"), (1...2).contains(a.count), token[a].allSatisfy(Self.isDigit),
                  (1...2).contains(b.count), token[b].allSatisfy(Self.isDigit), cDigits.count == 4 {
            day = Self.day(year: Self.number(cDigits), month: Self.number(token[a]), day: Self.number(token[b]))
        }
        guard let day, !allowedDays.contains(day) else { return nil }
        if administrationDays.contains(day) { return .administrationDate }
        if sessionDays.contains(day) { return .sessionDate }
        return nil
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly, the form of CivilTime.isoUTC.
    func isProgramTimestamp(_ token: ArraySlice<UInt8>, _ segments: [Range<Int>], _ first: Int) -> Bool {
        guard first + 4 < segments.count else { return false }
        let c = token[segments[first + 2]], d = segments[first + 3], e = token[segments[first + 4]]
        return c.count == 5 && c[c.startIndex + 2] == UInt8(ascii: "T") && d.count == 2 && e.count == 3
            && e.last == UInt8(ascii: "Z") && token[segments[first + 2].upperBound] == UInt8(ascii: ":")
    }

    func rawValueHit(_ bytes: [UInt8]) -> Kind? {
        guard !rawValues.isEmpty, bytes.count >= 4 else { return nil }
        for start in 0...(bytes.count - 4) {
            guard rawStarts[Int(bytes[start]) << 8 | Int(bytes[start + 1])] else { continue }
            guard let candidates = rawValues[Self.prefix(bytes, start)] else { continue }
            if start > 0, Self.isAlphanumeric(bytes[start - 1]) { continue }
            for value in candidates where start + value.count <= bytes.count {
                let end = start + value.count
                if bytes[start..<end].elementsEqual(value), end == bytes.count || !Self.isAlphanumeric(bytes[end]) {
                    return .rawValue
                }
            }
        }
        return nil
    }

    static func prefix(_ bytes: [UInt8], _ start: Int) -> UInt32 {
        UInt32(bytes[start]) << 24 | UInt32(bytes[start + 1]) << 16 | UInt32(bytes[start + 2]) << 8 | UInt32(bytes[start + 3])
    }

    static func day(year: Int, month: Int, day: Int) -> Int64? {
        guard (1...12).contains(month), day >= 1, day <= CivilTime.daysInMonth(year: year, month: month) else { return nil }
        return CivilTime.daysFromCivil(year: year, month: month, day: day)
    }

    static func number(_ digits: some Collection<UInt8>) -> Int { digits.reduce(0) { $0 * 10 + Int($1 - 48) } }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    /// Letters, digits, and every byte of a non-ASCII character (an id may hold "é").
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 97 && byte | 0x20 <= 122) || byte >= 0x80
    }
    /// What ends a token: spaces and controls, quotes, and the punctuation of CSV, Markdown, JSON, SVG and HTML.
    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...32, 127: true
        case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "<"),
             UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "`"), UInt8(ascii: "*"): true
        default: false
        }
    }
}
