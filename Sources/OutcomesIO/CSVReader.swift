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

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}

/// Streams a CSV file (or bytes in memory) through libcsv in 1 MiB chunks, yielding each
/// record with the physical line it starts on (docs/ingest.md, "Lines and CSV"): the header
/// is line 1, a UTF-8 byte-order mark is dropped, a line ends at LF, CRLF or a lone CR, and
/// quoted fields with commas, doubled quotes and line breaks are handled.
///
/// libcsv does not report positions, so the reader feeds it one physical line at a time and
/// notes the line on which each record begins (the parser's state is "no row begun" there).
/// Memory is bounded whatever the input: a record longer than `maximumRecordBytes` is
/// rejected and skipped to the end of the line where it crossed the limit (CSVReader+Lines).
public final class CSVReader {
    /// The longest record kept, in bytes of the file (its last line end not counted): one
    /// physical line, or the lines a quoted field spans. 1 MiB.
    public static let maximumRecordBytes = 1 << 20

    public let path: String
    /// The first bytes of the input as read (a byte-order mark included), so the caller can
    /// tell a UTF-16 or Latin-1 file from its start.
    public internal(set) var leadingBytes: [UInt8] = []
    let chunkSize: Int
    let recordLimit: Int

    var parser = csv_parser()
    var current = RawRow()
    var completed: [RawRow] = []
    var spare: [RawRow] = []
    /// The physical line the next byte belongs to.
    var line = 1
    /// The line the record being parsed started on.
    var rowStart = 1
    /// Bytes given to libcsv since the record being parsed started.
    var recordBytes = 0
    var atLineStart = true
    /// The last byte consumed was a CR ending a line: an LF right after it is part of that line end.
    var afterCR = false
    /// A record over the limit is being skipped to the end of the current line.
    var skipping = false
    var started = false

    /// `chunkSize` and `recordLimit` are smaller only in tests and fuzzing, to reach chunk
    /// boundaries and the limit with small inputs.
    public init(path: String, chunkSize: Int = 1 << 20, recordLimit: Int = CSVReader.maximumRecordBytes) throws {
        self.path = path
        self.chunkSize = max(4, chunkSize)
        self.recordLimit = max(1, recordLimit)
        guard csv_init(&parser, UInt8(CSV_APPEND_NULL)) == 0 else {
            throw FileReadError(path: path, reason: "the CSV parser could not start (out of memory)")
        }
    }

    deinit { csv_free(&parser) }

    /// Reads the whole file. `onRow` sees every record in order (the header included, as the
    /// first); `onMalformed` sees input that is not a complete record. Errors thrown by
    /// either stop the reading and are rethrown. A reader reads once.
    public func read(onRow: (RawRow) throws -> Void, onMalformed: (MalformedRecord) throws -> Void) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            try consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), onRow: onRow, onMalformed: onMalformed)
        }
        try finish(onRow: onRow, onMalformed: onMalformed)
    }

    /// Reads bytes held in memory exactly as `read(onRow:onMalformed:)` reads a file with
    /// the same content (same chunks, same lines, same limits); `path` only names them.
    public func read(bytes: UnsafeRawBufferPointer, onRow: (RawRow) throws -> Void,
                     onMalformed: (MalformedRecord) throws -> Void) throws {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            try consume(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), onRow: onRow, onMalformed: onMalformed)
            start = end
        }
        try finish(onRow: onRow, onMalformed: onMalformed)
    }

    /// End of input: a record left open by an unclosed quote is reported, any other is completed.
    func finish(onRow: (RawRow) throws -> Void, onMalformed: (MalformedRecord) throws -> Void) throws {
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

    func feed(_ bytes: UnsafeRawPointer, count: Int) throws {
        let context = Unmanaged.passUnretained(self).toOpaque()
        let used = csv_parse(&parser, bytes, count, Self.onField, Self.onRecord, context)
        if used != count {
            throw FileReadError(path: path, reason: "line \(line): \(String(cString: csv_strerror(csv_error(&parser))))")
        }
    }

    /// Drops the record being parsed: libcsv's partial field and the fields already taken.
    func abandonRecord() throws {
        csv_free(&parser)
        parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_APPEND_NULL)) == 0 else {
            throw FileReadError(path: path, reason: "the CSV parser could not restart (out of memory)")
        }
        current.removeAll()
    }

    func deliver(_ onRow: (RawRow) throws -> Void) throws {
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
