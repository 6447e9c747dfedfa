import Glibc

/// Streams a file's physical lines (NDJSON: one JSON resource a line) in 1 MiB chunks, in
/// constant memory: the chunk plus the longest line, capped at `lineLimit` (a longer line is
/// reported as malformed at its line and skipped). A line ends at LF or CRLF; a UTF-8
/// byte-order mark is dropped; blank lines are passed over.
public struct JSONLineReader {
    public let path: String
    public var lineLimit: Int
    public var chunkSize: Int

    public init(path: String, lineLimit: Int = 64 << 20, chunkSize: Int = 1 << 20) {
        self.path = path
        self.lineLimit = lineLimit
        self.chunkSize = chunkSize
    }

    public func read(onLine: (Int, UnsafeRawBufferPointer) throws -> Void, onMalformed: (MalformedRecord) throws -> Void) throws {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileReadError(path: path, reason: ErrorSentence.text(errno: errno)) }
        defer { Glibc.close(fd) }
        var pending: [UInt8] = []
        var skipping = false
        var line = 1
        var first = true
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        func finish(_ bytes: UnsafeRawBufferPointer) throws {
            var count = bytes.count
            if count > 0, bytes[count - 1] == 0x0D { count -= 1 }
            let trimmed = UnsafeRawBufferPointer(rebasing: bytes[0..<count])
            if !trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { try onLine(line, trimmed) }
        }
        while true {
            let got = Glibc.read(fd, chunk.baseAddress, chunkSize)
            if got < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: ErrorSentence.text(errno: errno))
            }
            if got == 0 { break }
            var start = 0
            if first {
                first = false
                if got >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { start = 3 }
            }
            let base = chunk.baseAddress!
            while start < got {
                let rest = got - start
                guard let hit = memchr(base + start, 0x0A, rest) else {
                    if !skipping {
                        if pending.count + rest > lineLimit {
                            try onMalformed(MalformedRecord(line: line, reason: "the line is longer than \(lineLimit >> 20) MiB; a resource this long is not read"))
                            pending.removeAll()
                            skipping = true
                        } else {
                            pending.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: rest))
                        }
                    }
                    break
                }
                let end = base.distance(to: UnsafeMutableRawPointer(hit))
                if !skipping {
                    if pending.isEmpty {
                        if end - start > lineLimit {
                            try onMalformed(MalformedRecord(line: line, reason: "the line is longer than \(lineLimit >> 20) MiB; a resource this long is not read"))
                        } else {
                            try finish(UnsafeRawBufferPointer(start: base + start, count: end - start))
                        }
                    } else {
                        pending.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: end - start))
                        if pending.count > lineLimit {
                            try onMalformed(MalformedRecord(line: line, reason: "the line is longer than \(lineLimit >> 20) MiB; a resource this long is not read"))
                        } else {
                            try pending.withUnsafeBytes { try finish($0) }
                        }
                        pending.removeAll(keepingCapacity: true)
                    }
                }
                skipping = false
                line += 1
                start = end + 1
            }
        }
        if !skipping, !pending.isEmpty { try pending.withUnsafeBytes { try finish($0) } }
    }
}
