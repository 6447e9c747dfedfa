/// One CSV record as bytes: its fields side by side in one buffer, with the physical line it
/// starts on. Fields stay bytes so numbers and timestamps are read without making Strings.
public struct RawRow: Sendable {
    /// Physical line of the file where the record starts (the header is line 1).
    public var line: Int
    public private(set) var bytes: [UInt8] = []
    public private(set) var fieldEnds: [Int] = []

    public init(line: Int = 0) { self.line = line }

    public init(line: Int, fields: [String]) {
        self.line = line
        for field in fields { append(field: Array(field.utf8)) }
    }

    public var count: Int { fieldEnds.count }

    public mutating func append(field: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: field)
        fieldEnds.append(bytes.count)
    }

    public mutating func append(field: [UInt8]) {
        bytes.append(contentsOf: field)
        fieldEnds.append(bytes.count)
    }

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
    }

    public func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]
    }

    /// The field's bytes; an index past the last field reads as empty.
    public func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard index < count else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let r = range(index)
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[r])) }
    }

    /// The field as text with surrounding white space trimmed; nil when it is not valid UTF-8.
    public func string(_ index: Int) -> String? {
        withField(index) { raw in
            var lo = 0, hi = raw.count
            while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
            while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
            return String(validating: UnsafeBufferPointer(rebasing: raw[lo..<hi]), as: UTF8.self)
        }
    }

    /// True when the field is absent or holds only white space.
    public func isBlank(_ index: Int) -> Bool {
        withField(index) { raw in raw.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
    }

    /// The index of the first field that is not valid UTF-8, if any.
    public var firstInvalidUTF8Field: Int? {
        // Nearly every export is ASCII: only a row with a byte ≥ 0x80 needs a real check.
        let ascii = bytes.withUnsafeBufferPointer { buffer in buffer.allSatisfy { $0 < 0x80 } }
        if ascii { return nil }
        for index in 0..<count where string(index) == nil { return index }
        return nil
    }

    /// All fields as Strings (invalid UTF-8 repaired), for headers and tests.
    public var strings: [String] {
        (0..<count).map { index in withField(index) { String(decoding: $0, as: UTF8.self) } }
    }
}
