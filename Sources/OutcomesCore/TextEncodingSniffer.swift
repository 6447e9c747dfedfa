/// The text encoding an export's first bytes reveal, so a file that is not UTF-8 is named
/// for what it is ("this file is UTF-16 …") instead of failing as an unknown header.
public enum TextEncoding: Equatable, Sendable {
    /// UTF-8 (or plain ASCII), with or without a byte-order mark: readable.
    case utf8
    case utf16(bigEndian: Bool)
    case utf32(bigEndian: Bool)
    /// Bytes that are not UTF-8 in the first line: most often Latin-1 or Windows-1252.
    case notUTF8

    /// The sentence for the data manager, or nil when the file can be read.
    public var problem: String? {
        switch self {
        case .utf8: nil
        case .utf16(let big): "this file is UTF-16 (\(big ? "big" : "little")-endian); export it as UTF-8"
        case .utf32(let big): "this file is UTF-32 (\(big ? "big" : "little")-endian); export it as UTF-8"
        case .notUTF8:
            "this file is not UTF-8: its header has bytes that are not UTF-8 text (perhaps Latin-1 or Windows-1252); export it as UTF-8"
        }
    }
}

/// Tells a file's encoding from its first bytes: a byte-order mark first; without one, the
/// NUL bytes every other (or every fourth) byte that UTF-16 (UTF-32) gives ASCII text; then
/// whether the first line is valid UTF-8. Pure, so it is tested with hand-made bytes.
public enum TextEncodingSniffer {
    /// How many leading bytes the NUL-pattern check looks at.
    public static let window = 64

    public static func sniff(_ bytes: [UInt8]) -> TextEncoding {
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return .utf32(bigEndian: false) }
        if bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return .utf32(bigEndian: true) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return firstLineIsUTF8(bytes.dropFirst(3)) ? .utf8 : .notUTF8 }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16(bigEndian: false) }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16(bigEndian: true) }
        if let wide = nulPattern(bytes.prefix(window)) { return wide }
        return firstLineIsUTF8(bytes[...]) ? .utf8 : .notUTF8
    }

    /// ASCII text in UTF-16 has a NUL in every pair (the high byte), in UTF-32 three in every
    /// four. Counted over whole units: most units must have the pattern, and almost no other NULs.
    static func nulPattern(_ bytes: ArraySlice<UInt8>) -> TextEncoding? {
        let b = Array(bytes)
        guard b.count >= 4, b.contains(0) else { return nil }
        func share(_ unit: Int, _ matches: ([UInt8]) -> Bool) -> Double {
            let units = b.count / unit
            guard units > 0 else { return 0 }
            let hits = (0..<units).filter { matches(Array(b[($0 * unit)..<($0 * unit + unit)])) }.count
            return Double(hits) / Double(units)
        }
        if share(4, { $0[0] != 0 && $0[1] == 0 && $0[2] == 0 && $0[3] == 0 }) >= 0.75 { return .utf32(bigEndian: false) }
        if share(4, { $0[0] == 0 && $0[1] == 0 && $0[2] == 0 && $0[3] != 0 }) >= 0.75 { return .utf32(bigEndian: true) }
        if share(2, { $0[0] != 0 && $0[1] == 0 }) >= 0.75 { return .utf16(bigEndian: false) }
        if share(2, { $0[0] == 0 && $0[1] != 0 }) >= 0.75 { return .utf16(bigEndian: true) }
        return nil
    }

    /// The bytes up to the first line end are valid UTF-8. Without a line end the bytes may stop
    /// inside a character, so a cut sequence at the very end is allowed.
    static func firstLineIsUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var line = bytes
        if let end = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) {
            line = bytes[..<end]
        } else {
            // Drop a trailing partial sequence: a lead byte and fewer continuation bytes than it needs.
            var cut = line.endIndex
            var back = 0
            while cut > line.startIndex, back < 3, line[cut - 1] & 0xC0 == 0x80 { cut -= 1; back += 1 }
            if cut > line.startIndex, line[cut - 1] >= 0xC0 {
                let lead = line[cut - 1]
                let needs = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
                if back < needs { line = line[..<(cut - 1)] }
            }
        }
        return line.withContiguousStorageIfAvailable { String(validating: $0, as: UTF8.self) != nil }
            ?? (String(validating: Array(line), as: UTF8.self) != nil)
    }
}
