/// Untrusted text (a value, a header or a file name from an export) made safe to quote in a
/// reason or a log line: a NUL or another control character would cut the line short when it
/// reaches a C string, end it early on a terminal, or hide what the clinic must fix. Each is
/// shown as an escape instead (docs/ingest.md, "Control characters"):
/// NUL as `\0`, tab, carriage return and line feed as `\t`, `\r`, `\n`, and every other C0
/// control, DEL and C1 control as `\xHH` (its code point). A backslash is left as it is.
public enum DisplayText {
    /// The text with control characters escaped.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var shown = ""
        shown.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars { append(scalar, to: &shown) }
        return shown
    }

    /// Bytes that may not be UTF-8 (a file name, a raw field): valid UTF-8 is shown as text with
    /// control characters escaped, and each byte that is not UTF-8 as `\xHH`.
    public static func escaped(bytes: some Collection<UInt8>) -> String {
        var shown = ""
        var rest = Array(bytes)[...]
        while !rest.isEmpty {
            var decoder = UTF8()
            var iterator = rest.makeIterator()
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                append(scalar, to: &shown)
                rest = rest.dropFirst(UTF8.width(scalar))
            case .error, .emptyInput:
                shown += "\\x" + hex(rest.first!)
                rest = rest.dropFirst()
            }
        }
        return shown
    }

    /// The escaped text, cut to `limit` characters with "…" so that a long value (a field may
    /// hold up to a mebibyte) cannot swamp a reason.
    public static func quoted(_ text: String, limit: Int = 80) -> String {
        let shown = escaped(text)
        guard shown.count > limit else { return shown }
        return String(shown.prefix(limit)) + "…"
    }

    /// A C0 control (U+0000–U+001F), DEL (U+007F) or a C1 control (U+0080–U+009F).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    /// The first control character of the text, escaped (`\0`, `\t`, `\x1B` …), or nil when it
    /// has none: for a reason that names what was found without quoting the value.
    public static func firstControl(in text: String) -> String? {
        // Ids are read for every row: a byte scan rules out the common case (C1 controls are
        // U+0080–U+009F, encoded as C2 80 … C2 9F).
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return nil }
        guard let scalar = text.unicodeScalars.first(where: isControl) else { return nil }
        var shown = ""
        append(scalar, to: &shown)
        return shown
    }

    private static func append(_ scalar: Unicode.Scalar, to shown: inout String) {
        switch scalar.value {
        case 0x00: shown += "\\0"
        case 0x09: shown += "\\t"
        case 0x0A: shown += "\\n"
        case 0x0D: shown += "\\r"
        case _ where isControl(scalar): shown += "\\x" + hex(UInt8(scalar.value))
        default: shown.unicodeScalars.append(scalar)
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
