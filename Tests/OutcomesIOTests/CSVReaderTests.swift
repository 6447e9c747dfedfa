import TestSupport
import PropertyBased
import Testing
@testable import OutcomesCore
@testable import OutcomesIO

@Suite struct CSVReaderTests {
    struct Read: Equatable {
        var rows: [[String]] = []
        var lines: [Int] = []
        var malformed: [MalformedRecord] = []
    }

    func read(_ bytes: [UInt8]) throws -> Read {
        let folder = TemporaryFolder()
        let path = folder.write("f.csv", bytes: bytes)
        var result = Read()
        try CSVReader(path: path).read(onRow: { row in
            result.rows.append(row.strings)
            result.lines.append(row.line)
        }, onMalformed: { result.malformed.append($0) })
        return result
    }

    func read(_ text: String) throws -> Read { try read(Array(text.utf8)) }

    @Test func plainFile() throws {
        let r = try read("a,b\n1,2\n3,4\n")
        #expect(r.rows == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(r.lines == [1, 2, 3])
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let r = try read([0xEF, 0xBB, 0xBF] + Array("id,x\r\n1,2\r\n3,4".utf8))
        #expect(r.rows == [["id", "x"], ["1", "2"], ["3", "4"]])
        #expect(r.lines == [1, 2, 3])
    }

    @Test func quotedFieldsKeepTheirStartLine() throws {
        let r = try read("id,note\n1,\"one, two\"\n2,\"line\nbreak\r\nand \"\"quotes\"\"\"\n3,x\n")
        #expect(r.rows == [["id", "note"], ["1", "one, two"], ["2", "line\nbreak\r\nand \"quotes\""], ["3", "x"]])
        #expect(r.lines == [1, 2, 3, 6])
    }

    @Test func blankLinesCountAsLines() throws {
        let r = try read("a,b\n\n1,2\n\n\n3,4\n")
        #expect(r.rows == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(r.lines == [1, 3, 6])
    }

    @Test func emptyLastField() throws {
        #expect(try read("a,b\n1,\n").rows == [["a", "b"], ["1", ""]])
    }

    @Test func unterminatedQuoteIsReportedNotDropped() throws {
        let r = try read("a,b\n1,2\n3,\"oops\n4,5\n6,7\n")
        #expect(r.rows == [["a", "b"], ["1", "2"]])
        #expect(r.malformed == [MalformedRecord(line: 3,
            reason: "a quoted field that starts here is never closed, so lines 3–5 could not be read; check for a stray double quote")])
    }

    @Test func unterminatedQuoteOnTheLastLine() throws {
        #expect(try read("a,b\n1,\"2\n").malformed == [MalformedRecord(line: 2,
            reason: "a quoted field that starts here is never closed, so line 2 could not be read; check for a stray double quote")])
    }

    @Test func rowsSpanningChunkBoundaries() throws {
        // Rows longer than the reader's 1 MiB chunk, and many rows, keep their lines.
        let long = String(repeating: "x", count: (1 << 20) + 17)
        var text = "a,b\n"
        for i in 0..<50 { text += "\(i),\(i == 25 ? "\"" + long + "\n" + long + "\"" : "v")\n" }
        let r = try read(text)
        #expect(r.rows.count == 51)
        #expect(r.lines[26] == 27 && r.lines[27] == 29)
        #expect(r.rows[26][1].count == 2 * long.count + 1)
    }

    @Test func missingFileThrows() {
        #expect(throws: FileReadError.self) { try CSVReader(path: "/nonexistent/x.csv").read(onRow: { _ in }, onMalformed: { _ in }) }
    }

    /// Any table written by the project's CSV writer reads back the same, with correct lines.
    @Test func randomTablesRoundTrip() async throws {
        let alphabet = Gen<Character?>.element(of: Array("ab ,\"\n\r1é😀") as [Character]).map { $0! }
        let field = alphabet.string(of: 0...6)
        let table = field.array(of: 3...3).array(of: 1...12)
        await propertyCheck(count: 200, input: table) { rows in
            var bytes: [UInt8] = []
            var expectedLines: [Int] = []
            var line = 1
            for row in rows {
                expectedLines.append(line)
                for (i, f) in row.enumerated() {
                    if i > 0 { bytes.append(0x2C) }
                    CSVFileWriter.append(f, to: &bytes)
                }
                bytes.append(0x0A)
                line += row.reduce(0) { $0 + $1.utf8.filter { $0 == 0x0A }.count } + 1
            }
            guard let r = try? read(bytes) else { Issue.record("read failed"); return }
            #expect(r.rows == rows)
            #expect(r.lines == expectedLines)
            #expect(r.malformed.isEmpty)
        }
    }

    @Test func randomBytesNeverCrash() async {
        let bytes = Gen<UInt8?>.element(of: Array("a,\"\n\r ".utf8) + [0xEF, 0xBB, 0xBF, 0xFF, 0x00] as [UInt8]).map { $0! }.array(of: 0...200)
        await propertyCheck(count: 300, input: bytes) { raw in
            guard let r = try? read(raw) else { Issue.record("read threw"); return }
            #expect(r.lines == r.lines.sorted())
            #expect(r.lines.allSatisfy { $0 >= 1 })
        }
    }
}
