import TestSupport
import PropertyBased
import Testing
@testable import OutcomesCore
@testable import OutcomesIO

@Suite struct CSVReaderTests {
    func read(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> CSVTestRead { try CSVTestRead.of(bytes, chunkSize: chunkSize) }
    func read(_ text: String, chunkSize: Int = 1 << 20) throws -> CSVTestRead { try CSVTestRead.of(text, chunkSize: chunkSize) }

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
        // Rows longer than the reader's chunk (here 5 bytes), and many rows, keep their lines.
        var text = "a,b\n"
        for i in 0..<50 { text += "\(i),\(i == 25 ? "\"xxxxxxx\nyyyyyyyy\"" : "v")\n" }
        let r = try read(text, chunkSize: 5)
        #expect(r.rows.count == 51)
        #expect(r.lines[26] == 27 && r.lines[27] == 29)
        #expect(r.rows[26][1] == "xxxxxxx\nyyyyyyyy")
    }

    // MARK: line ends

    @Test func carriageReturnOnlyFile() throws {
        let r = try read("a,b\r1,2\r\r3,4\r")
        #expect(r.rows == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(r.lines == [1, 2, 4])
    }

    @Test func mixedLineEnds() throws {
        let r = try read("a,b\r\n1,2\r3,4\n\r\n5,6\r\r7,8\n9,0")
        #expect(r.rows == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"], ["7", "8"], ["9", "0"]])
        #expect(r.lines == [1, 2, 3, 5, 7, 8])
    }

    @Test(arguments: [4, 5, 6, 7, 8, 9])
    func crlfSplitBetweenChunks(chunkSize: Int) throws {
        // With these chunk sizes some CR ends one chunk and its LF starts the next.
        let r = try read("a,b\r\n1,2\r\n3,4\r\n\r\n5,6\r", chunkSize: chunkSize)
        #expect(r.rows == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(r.lines == [1, 2, 3, 5])
    }

    @Test func quotedLineBreaksCountAsLines() throws {
        // A CR, CRLF or LF inside quotes is kept in the value and counts as a line end.
        let r = try read("id,n\r1,\"x\ry\"\r2,\"p\r\nq\nr\"\r3,z\r")
        #expect(r.rows == [["id", "n"], ["1", "x\ry"], ["2", "p\r\nq\nr"], ["3", "z"]])
        #expect(r.lines == [1, 2, 4, 7])
    }

    @Test func unterminatedQuoteInCarriageReturnFile() throws {
        #expect(try read("a,b\r1,2\r3,\"oops\r4,5\r").malformed == [MalformedRecord(line: 3,
            reason: "a quoted field that starts here is never closed, so lines 3–4 could not be read; check for a stray double quote")])
    }

    @Test func leadingBytesKeepTheByteOrderMark() throws {
        let folder = TemporaryFolder()
        let path = folder.write("f.csv", bytes: [0xFF, 0xFE, 0x61, 0x00])
        let reader = try CSVReader(path: path)
        try reader.read(onRow: { _ in }, onMalformed: { _ in })
        #expect(reader.leadingBytes == [0xFF, 0xFE, 0x61, 0x00])
    }

    @Test func missingFileThrows() {
        #expect(throws: FileReadError.self) { try CSVReader(path: "/nonexistent/x.csv").read(onRow: { _ in }, onMalformed: { _ in }) }
    }
}
