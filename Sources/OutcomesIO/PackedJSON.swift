import CSQLite
import Glibc

/// Appends the JSON text of numbers to a reused byte buffer: the packed follow-ups and curve
/// points of `course_instrument` are built this way, without a String per value. A Double is
/// written in Swift's shortest form that reads back to the same Double (`24.0`, `33.333333333333336`),
/// so the report, which parses it with `strtod`, sees exactly the value the transform computed.
struct PackedJSON {
    var bytes: [UInt8] = []

    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(truncatingIfNeeded: magnitude % 10) + 48)
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    mutating func append(_ value: Int) { append(Int64(value)) }

    /// `null` for nil; a finite Double otherwise (the transform computes no NaN or infinity).
    mutating func append(_ value: Double?) {
        guard let value, value.isFinite else { return append("null") }
        bytes.append(contentsOf: value.description.utf8)
    }
}

extension SQLiteStatement {
    /// Binds UTF-8 bytes as text (copied by SQLite).
    func bindText(_ index: Int32, bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return _ = sqlite3_bind_text(handle, index, "", 0, transientText) }
            _ = sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(buffer.count), transientText)
        }
    }
}

/// SQLite's SQLITE_TRANSIENT: it copies the bytes before the call returns.
private let transientText = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
