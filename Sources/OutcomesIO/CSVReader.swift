import CLibCSV
import Glibc
import OutcomesCore

/// A file that could not be opened or read at all.
public struct FileReadError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}

/// Input the reader could not split into a record: kept as a rejected row at the line it starts on.
public struct MalformedRecord: Sendable, Equatable {
    public let line: Int
    public let reason: String
}

/// Streams a CSV file through libcsv in 1 MiB chunks, yielding each record with the physical
/// line it starts on (interface.md, "Line numbers"): the header is line 1, a UTF-8 byte-order
/// mark is dropped, CRLF and quoted fields with commas, doubled quotes and line breaks are
/// handled, and memory does not grow with the file.
///
/// libcsv does not report positions, so the reader feeds it one physical line at a time and
/// notes the line on which each record begins (the parser's state is "no row begun" there).
public final class CSVReader {
    public let path: String
    private var parser = csv_parser()
    private var current = RawRow()
    private var completed: [RawRow] = []
    private var spare: [RawRow] = []
    private var line = 1
    private var rowStart = 1
    private static let chunkSize = 1 << 20

    public init(path: String) throws {
        self.path = path
        guard csv_init(&parser, UInt8(CSV_APPEND_NULL)) == 0 else {
            throw FileReadError(path: path, reason: "the CSV parser could not start (out of memory)")
        }
    }

    deinit { csv_free(&parser) }

    /// Reads the whole file. `onRow` sees every record in order (the header included, as the
    /// first); `onMalformed` sees input that is not a complete record. Errors thrown by
    /// either stop the reading and are rethrown.
    public func read(onRow: (RawRow) throws -> Void, onMalformed: (MalformedRecord) throws -> Void) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        var first = true
        var atLineStart = true
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, Self.chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            var position = 0
            if first {
                first = false
                if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
            }
            while position < count {
                let base = buffer.baseAddress! + position
                let newline = memchr(base, 0x0A, count - position)
                let end = newline.map { $0 - buffer.baseAddress! + 1 } ?? count
                if atLineStart, parser.pstate == 0 { rowStart = line }
                try feed(UnsafeRawBufferPointer(rebasing: buffer[position..<end]))
                atLineStart = newline != nil
                if atLineStart { line += 1 }
                position = end
                try deliver(onRow)
            }
        }
        if parser.pstate == 2, parser.quoted != 0 {
            let lastLine = atLineStart ? line - 1 : line
            let lost = lastLine > rowStart ? "lines \(rowStart)–\(lastLine)" : "line \(rowStart)"
            try onMalformed(MalformedRecord(line: rowStart,
                reason: "a quoted field that starts here is never closed, so \(lost) could not be read; check for a stray double quote"))
            return
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard csv_fini(&parser, Self.onField, Self.onRecord, context) == 0 else {
            throw FileReadError(path: path, reason: String(cString: csv_strerror(csv_error(&parser))))
        }
        try deliver(onRow)
    }

    private func feed(_ bytes: UnsafeRawBufferPointer) throws {
        let context = Unmanaged.passUnretained(self).toOpaque()
        let used = csv_parse(&parser, bytes.baseAddress, bytes.count, Self.onField, Self.onRecord, context)
        if used != bytes.count {
            throw FileReadError(path: path, reason: "line \(line): \(String(cString: csv_strerror(csv_error(&parser))))")
        }
    }

    private func deliver(_ onRow: (RawRow) throws -> Void) throws {
        guard !completed.isEmpty else { return }
        for row in completed { try onRow(row) }
        for var row in completed {
            row.removeAll()
            spare.append(row)
        }
        completed.removeAll(keepingCapacity: true)
    }

    private static let onField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { field, length, context in
        let reader = Unmanaged<CSVReader>.fromOpaque(context!).takeUnretainedValue()
        reader.current.append(field: UnsafeRawBufferPointer(start: field, count: field == nil ? 0 : length))
    }

    private static let onRecord: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
        let reader = Unmanaged<CSVReader>.fromOpaque(context!).takeUnretainedValue()
        reader.current.line = reader.rowStart
        reader.completed.append(reader.current)
        reader.current = reader.spare.popLast() ?? RawRow()
    }
}
