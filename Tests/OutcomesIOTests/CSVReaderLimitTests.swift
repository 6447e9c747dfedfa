import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO

/// The 1 MiB limit on one record: rejected at its line, reading goes on at the next line.
@Suite struct CSVReaderLimitTests {
    static let mib = CSVReader.maximumRecordBytes

    @Test func aLineOverOneMiBIsRejectedAndTheNextLinesRead() throws {
        // A few MB on one line, read in real 1 MiB chunks.
        let long = "1," + String(repeating: "x", count: 3 * Self.mib + 123)
        let r = try CSVTestRead.of("a,b\n\(long)\n2,y\r3,z\r\n")
        #expect(r.malformed == [MalformedRecord(line: 2,
            reason: "line 2 is longer than 1 MiB (the limit for one line); the row was not read")])
        #expect(r.rows == [["a", "b"], ["2", "y"], ["3", "z"]])
        #expect(r.lines == [1, 3, 4])
    }

    @Test func aLineOfExactlyOneMiBIsRead() throws {
        let field = String(repeating: "x", count: Self.mib - 2)
        let r = try CSVTestRead.of("a,b\r\n1,\(field)\r\n2,y\r\n")
        #expect(r.malformed.isEmpty)
        #expect(r.rows.map(\.count) == [2, 2, 2])
        #expect(r.rows[1][1].count == Self.mib - 2)
        #expect(r.lines == [1, 2, 3])
    }

    @Test func oneByteMoreIsRejected() throws {
        let field = String(repeating: "x", count: Self.mib - 1)
        let r = try CSVTestRead.of("a,b\n1,\(field)\n2,y\n")
        #expect(r.malformed.map(\.line) == [2])
        #expect(r.lines == [1, 3])
    }

    @Test func aLongLastLineWithoutLineEnd() throws {
        let r = try CSVTestRead.of("a,b\n1,2\n3," + String(repeating: "y", count: 2 * Self.mib))
        #expect(r.malformed.map(\.line) == [3])
        #expect(r.rows == [["a", "b"], ["1", "2"]])
    }

    @Test func aQuotedFieldOverTheLimitIsRejectedAtItsStart() throws {
        // The quoted field opens on line 2 and crosses 20 bytes on line 4; line 5 is read again.
        let r = try CSVTestRead.of("a,b\n1,\"aaaa\nbbbbbbbb\ncccccccccc\n2,z\n", recordLimit: 20)
        #expect(r.malformed == [MalformedRecord(line: 2,
            reason: "the row that starts on line 2 is longer than 20 bytes (the limit for one row) by line 4, "
                + "so lines 2–4 were not read and reading goes on at line 5; check for a stray double quote")])
        #expect(r.rows == [["a", "b"], ["2", "z"]])
        #expect(r.lines == [1, 5])
    }

    @Test func anUnclosedQuoteRunningManyMegabytes() throws {
        // 3 MB of short lines after an unclosed quote: rejected once the row passes 1 MiB; the
        // lines after that point are read as rows again (each line here is a one-field row).
        let filler = String(repeating: String(repeating: "w", count: 99) + "\n", count: 30_000)
        let r = try CSVTestRead.of("a\n\"open\n" + filler)
        // 6 bytes of line 2, then 100 a line: 6 + 100 × 10485 + 99 > 1 MiB first on line 10488.
        #expect(r.malformed == [MalformedRecord(line: 2,
            reason: "the row that starts on line 2 is longer than 1 MiB (the limit for one row) by line 10488, "
                + "so lines 2–10488 were not read and reading goes on at line 10489; check for a stray double quote")])
        #expect(r.rows.count == 1 + (30_002 - 10_489 + 1))
        #expect(r.lines.first == 1 && r.lines.dropFirst().first == 10_489 && r.lines.last == 30_002)
    }

    @Test(arguments: [4, 5, 7, 16])
    func theLimitHoldsAcrossChunks(chunkSize: Int) throws {
        let r = try CSVTestRead.of("a,b\r1,0123456789abc\r2,y\r\n3,\"p\r\nq\"\r", chunkSize: chunkSize, recordLimit: 12)
        #expect(r.malformed == [MalformedRecord(line: 2,
            reason: "line 2 is longer than 12 bytes (the limit for one line); the row was not read")])
        #expect(r.rows == [["a", "b"], ["2", "y"], ["3", "p\r\nq"]])
        #expect(r.lines == [1, 3, 4])
    }

    /// Fuzzing finding (Fuzz/Findings/csv-reader-chunked-vs-whole): with a 16-byte record
    /// limit, reading the input in 5-byte chunks rejected a row that reading it whole kept.
    /// Every chunk size must give what one chunk gives (the fuzz target's own check).
    @Test(arguments: 4...11)
    func theFuzzFindingReadsAlikeInEveryChunkSize(chunkSize: Int) throws {
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        let input = try #require(FileManager.default.contents(atPath: root + "/Fuzz/Findings/csv-reader-chunked-vs-whole"))
        let bytes = Array(input.dropFirst())    // the first byte is the fuzz target's control byte (0x11)
        let whole = try CSVTestRead.of(bytes, chunkSize: bytes.count, recordLimit: 16)
        #expect(try CSVTestRead.of(bytes, chunkSize: chunkSize, recordLimit: 16) == whole)
    }
}
