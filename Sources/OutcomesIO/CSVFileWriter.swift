import Foundation

/// Writes CSV (UTF-8, comma, `\n`), quoting a field only when it must be quoted.
public final class CSVFileWriter {
    private let file: BufferedFileWriter

    public init(path: String) throws {
        file = try BufferedFileWriter(path: path)
    }

    public func write(_ fields: [String]) throws {
        try file.write { buffer in
            for (index, field) in fields.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                Self.append(field, to: &buffer)
            }
            buffer.append(UInt8(ascii: "\n"))
        }
    }

    public func close() throws { try file.close() }

    /// A field, quoted when it holds a comma, quote, line break or edge space.
    public static func append(_ field: String, to buffer: inout [UInt8]) {
        let bytes = field.utf8
        let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || bytes.first == 0x20 || bytes.last == 0x20
        guard needsQuotes else { buffer.append(contentsOf: bytes); return }
        buffer.append(0x22)
        for byte in bytes {
            if byte == 0x22 { buffer.append(0x22) }
            buffer.append(byte)
        }
        buffer.append(0x22)
    }
}

/// Sends generated sample rows to CSV files in one folder, writing each header once, and
/// generated lines (NDJSON) to their files.
public final class SampleFolderSink {
    public let folder: String
    private var writers: [String: CSVFileWriter] = [:]
    private var lineWriters: [String: BufferedFileWriter] = [:]
    public private(set) var rowCounts: [String: Int] = [:]
    public private(set) var failure: Error?

    public init(folder: String) throws {
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    public func write(_ file: String, header: [String], _ row: [String]) {
        guard failure == nil else { return }
        do {
            if writers[file] == nil {
                let writer = try CSVFileWriter(path: folder + "/" + file)
                try writer.write(header)
                writers[file] = writer
            }
            try writers[file]!.write(row)
            rowCounts[file, default: 0] += 1
        } catch {
            failure = error
        }
    }

    /// One line of a line-per-record file (NDJSON), the newline added.
    public func write(_ file: String, line: String) {
        guard failure == nil else { return }
        do {
            if lineWriters[file] == nil { lineWriters[file] = try BufferedFileWriter(path: folder + "/" + file) }
            try lineWriters[file]!.write(bytes: { $0.append(contentsOf: line.utf8); $0.append(UInt8(ascii: "\n")) })
            rowCounts[file, default: 0] += 1
        } catch {
            failure = error
        }
    }

    public func close() throws {
        for writer in writers.values { try writer.close() }
        for writer in lineWriters.values { try writer.close() }
        if let failure { throw failure }
    }
}
