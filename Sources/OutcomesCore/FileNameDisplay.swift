/// How a file name read from a folder as raw bytes is shown in messages, the database and the
/// report. Linux names are bytes, not text: a name in Latin-1 (`caf\xE9.csv`) is not UTF-8.
/// Valid UTF-8 is kept as written; every byte that is not part of valid UTF-8, and every control
/// byte, is written `\xHH`, and a backslash `\\`, so two different names never show alike.
public enum FileNameDisplay {
    public static func text<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let bytes = Array(bytes)
        var out = ""
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = validSequenceLength(bytes, at: index)
            if length == 0 {
                out += hex(byte)
                index += 1
            } else if length == 1 {
                if byte < 0x20 || byte == 0x7F { out += hex(byte) } else if byte == UInt8(ascii: "\\") { out += "\\\\" } else {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                }
                index += 1
            } else {
                out += String(decoding: bytes[index..<index + length], as: UTF8.self)
                index += length
            }
        }
        return out
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` (RFC 3629: no overlong
    /// forms, no surrogates, nothing above U+10FFFF), or 0 when there is none.
    static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let first = bytes[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch first {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
