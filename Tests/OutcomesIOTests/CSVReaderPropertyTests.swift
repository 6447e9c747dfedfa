import PropertyBased
import Testing
@testable import OutcomesCore
@testable import OutcomesIO

@Suite struct CSVReaderPropertyTests {
    /// Any table written by the project's CSV writer reads back the same, with correct lines.
    @Test func randomTablesRoundTrip() async throws {
        let alphabet = Gen<Character?>.element(of: Array("ab ,\"\n\r1é😀") as [Character]).map { $0! }
        let field = alphabet.string(of: 0...6)
        let table = field.array(of: 3...3).array(of: 1...12)
        await propertyCheck(count: 200, input: table) { rows in
            var bytes: [UInt8] = []
            var starts: [Int] = []
            for row in rows {
                starts.append(bytes.count)
                for (i, f) in row.enumerated() {
                    if i > 0 { bytes.append(0x2C) }
                    CSVFileWriter.append(f, to: &bytes)
                }
                bytes.append(0x0A)
            }
            let expectedLines = starts.map { Self.referenceLine(of: $0, in: bytes) }
            guard let r = try? CSVTestRead.of(bytes) else { Issue.record("read failed"); return }
            #expect(r.rows == rows)
            #expect(r.lines == expectedLines)
            #expect(r.malformed.isEmpty)
        }
    }

    @Test func randomBytesNeverCrash() async {
        let bytes = Gen<UInt8?>.element(of: Array("a,\"\n\r ".utf8) + [0xEF, 0xBB, 0xBF, 0xFF, 0x00] as [UInt8]).map { $0! }.array(of: 0...200)
        await propertyCheck(count: 300, input: bytes) { raw in
            guard let r = try? CSVTestRead.of(raw, chunkSize: 7, recordLimit: 40) else { Issue.record("read threw"); return }
            #expect(r.lines == r.lines.sorted())
            #expect(r.lines.allSatisfy { $0 >= 1 })
        }
    }

    /// Rows ended by random mixtures of LF, CR and CRLF (blank lines and quoted line breaks
    /// included), read in random chunk sizes, start on the lines a simple reference splitter counts.
    @Test func randomLineEndsGiveTheReferenceLines() async {
        let ends = ["\n", "\r", "\r\n"]
        let piece = Gen<Int>.int(in: 0...8).array(of: 1...20)
        await propertyCheck(count: 300, input: piece, Gen<Int>.int(in: 4...12)) { codes, chunkSize in
            var bytes: [UInt8] = []
            var starts: [Int] = []   // byte offsets where a row begins
            var rows: [[String]] = []
            for (i, code) in codes.enumerated() {
                let end = ends[code % 3]
                switch code {
                case 0...2:   // a plain row
                    starts.append(bytes.count)
                    rows.append(["r\(i)", "v"])
                    bytes += Array("r\(i),v\(end)".utf8)
                case 3...5:   // a row with a quoted line break (the line end inside quotes is kept)
                    starts.append(bytes.count)
                    rows.append(["q\(i)", "a\(end)b"])
                    bytes += Array("q\(i),\"a\(end)b\"\(ends[(code + 1) % 3])".utf8)
                default:      // a blank line
                    bytes += Array(end.utf8)
                }
            }
            let expected = starts.map { Self.referenceLine(of: $0, in: bytes) }
            do {
                let r = try CSVTestRead.of(bytes, chunkSize: chunkSize)
                #expect(r.rows == rows)
                #expect(r.lines == expected)
                #expect(r.malformed.isEmpty)
            } catch {
                Issue.record("read threw \(error)")
            }
        }
    }

    /// Reference: the line of a byte offset is 1 + the line ends before it, where a line end
    /// is an LF, or a CR not followed by an LF.
    static func referenceLine(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for i in 0..<offset where bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
            line += 1
        }
        return line
    }
}
