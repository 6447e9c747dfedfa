import TestSupport
import Testing
@testable import OutcomesCore
@testable import OutcomesIO

/// What a CSVReader yields for some bytes, read both from a file and from memory: the two
/// entry points must agree, so every test checks both.
struct CSVTestRead: Equatable {
    var rows: [[String]] = []
    var lines: [Int] = []
    var malformed: [MalformedRecord] = []

    static func of(_ bytes: [UInt8], chunkSize: Int = 1 << 20, recordLimit: Int = CSVReader.maximumRecordBytes) throws -> CSVTestRead {
        let folder = TemporaryFolder()
        let path = folder.write("f.csv", bytes: bytes)
        var fromFile = CSVTestRead()
        try CSVReader(path: path, chunkSize: chunkSize, recordLimit: recordLimit).read(onRow: { row in
            fromFile.rows.append(row.strings)
            fromFile.lines.append(row.line)
        }, onMalformed: { fromFile.malformed.append($0) })
        var fromMemory = CSVTestRead()
        try bytes.withUnsafeBytes { buffer in
            try CSVReader(path: "memory", chunkSize: chunkSize, recordLimit: recordLimit).read(bytes: buffer, onRow: { row in
                fromMemory.rows.append(row.strings)
                fromMemory.lines.append(row.line)
            }, onMalformed: { fromMemory.malformed.append($0) })
        }
        if fromFile != fromMemory { Issue.record("reading from a file and from memory differ") }
        return fromFile
    }

    static func of(_ text: String, chunkSize: Int = 1 << 20, recordLimit: Int = CSVReader.maximumRecordBytes) throws -> CSVTestRead {
        try of(Array(text.utf8), chunkSize: chunkSize, recordLimit: recordLimit)
    }
}
