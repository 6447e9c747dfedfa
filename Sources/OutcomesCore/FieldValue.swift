/// Readers for the values of one field, working on its bytes.
public enum FieldValue {
    public enum Parsed<Value> {
        case empty
        case value(Value)
        case invalid
    }

    /// A whole number: `12`, ` 12 `, `+3`, `12.0` (a decimal with only zeros after the point).
    public static func integer(_ raw: UnsafeBufferPointer<UInt8>) -> Parsed<Int> {
        var i = 0, end = raw.count
        while i < end, raw[i] == 0x20 || raw[i] == 0x09 { i += 1 }
        while end > i, raw[end - 1] == 0x20 || raw[end - 1] == 0x09 { end -= 1 }
        if i == end { return .empty }
        var negative = false
        if raw[i] == UInt8(ascii: "-") || raw[i] == UInt8(ascii: "+") {
            negative = raw[i] == UInt8(ascii: "-")
            i += 1
        }
        var value = 0, digits = 0
        while i < end, raw[i] >= 0x30, raw[i] <= 0x39 {
            if digits > 15 { return .invalid }
            value = value * 10 + Int(raw[i] - 0x30)
            i += 1
            digits += 1
        }
        if digits == 0 { return .invalid }
        if i < end, raw[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, raw[i] == 0x30 { i += 1 }
        }
        return i == end ? .value(negative ? -value : value) : .invalid
    }

    /// A decimal number (`70`, `0.5`, `72.25`); not NaN or infinity.
    public static func decimal(_ raw: UnsafeBufferPointer<UInt8>) -> Parsed<Double> {
        let text = String(decoding: raw, as: UTF8.self).trimmingWhitespace
        if text.isEmpty { return .empty }
        guard text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B }),
              let value = Double(text), value.isFinite else { return .invalid }
        return .value(value)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    public var trimmingWhitespace: String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" || first == "\u{FEFF}" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
