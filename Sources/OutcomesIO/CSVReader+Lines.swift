import Glibc
import OutcomesCore

/// Splitting a chunk into physical lines and enforcing the record limit.
///
/// A line ends at LF, at CRLF, or at a CR not followed by LF (old Mac exports). libcsv
/// itself ends a record at either CR or LF outside quotes and keeps them inside quotes, so
/// only the counting is the reader's: each line end counts once, also when a CRLF is split
/// between two chunks. Both bytes are found with memchr, each searched again only once the
/// reader has passed its last hit, so a chunk costs two scans whatever its line ends.
extension CSVReader {
    func consume(_ chunk: UnsafeRawBufferPointer, onRow: (RawRow) throws -> Void,
                 onMalformed: (MalformedRecord) throws -> Void) throws {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        let count = chunk.count
        var position = 0
        if !started {
            started = true
            leadingBytes = Array(chunk.prefix(512))
            if count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { position = 3 }
        }
        var nextLF = -1, nextCR = -1
        while position < count {
            if nextLF < position { nextLF = Self.find(0x0A, in: base, from: position, count: count) }
            if nextCR < position { nextCR = Self.find(0x0D, in: base, from: position, count: count) }
            var end = count          // one past the segment
            var lineEnd = 0          // bytes of line end at the segment's end
            var endsLine = false     // false for the LF of a CRLF split between chunks
            let continuation = afterCR && nextLF == position
            if continuation {
                end = position + 1
                lineEnd = 1
            } else if nextLF < nextCR {
                end = nextLF + 1
                lineEnd = 1
                endsLine = true
            } else if nextCR < count {
                let crlf = nextCR + 1 < count && base.load(fromByteOffset: nextCR + 1, as: UInt8.self) == 0x0A
                end = nextCR + (crlf ? 2 : 1)
                lineEnd = crlf ? 2 : 1
                endsLine = true
            }
            afterCR = endsLine && lineEnd == 1 && end == nextCR + 1
            if atLineStart, parser.pstate == 0, !skipping {
                rowStart = line
                recordBytes = 0
            }
            // The LF of a split CRLF belongs to the line already measured (fuzzing found that
            // checking it rejected a row the unsplit CRLF kept).
            if !skipping, !continuation, recordBytes + (end - position - lineEnd) > recordLimit {
                try deliver(onRow)
                try abandonRecord()
                skipping = true
                try onMalformed(tooLong())
            }
            if !skipping {
                try feed(base + position, count: end - position)
                recordBytes += end - position
                try deliver(onRow)
            }
            if endsLine {
                line += 1
                skipping = false
            }
            atLineStart = lineEnd > 0
            position = end
        }
    }

    /// The record that started on `rowStart` crossed the limit on the current line.
    func tooLong() -> MalformedRecord {
        let limit = recordLimit == Self.maximumRecordBytes ? "1 MiB" : "\(recordLimit) bytes"
        if rowStart == line {
            return MalformedRecord(line: rowStart,
                reason: "line \(line) is longer than \(limit) (the limit for one line); the row was not read")
        }
        return MalformedRecord(line: rowStart,
            reason: "the row that starts on line \(rowStart) is longer than \(limit) (the limit for one row) by line \(line), "
                + "so lines \(rowStart)–\(line) were not read and reading goes on at line \(line + 1); check for a stray double quote")
    }

    @inline(__always)
    static func find(_ byte: UInt8, in base: UnsafeRawPointer, from: Int, count: Int) -> Int {
        guard let hit = memchr(base + from, Int32(byte), count - from) else { return count }
        return UnsafeRawPointer(hit) - base
    }
}
