import Testing
@testable import OutcomesCore

@Suite struct TextEncodingSnifferTests {
    /// Hand-made first bytes of files and the encoding they reveal.
    static let cases: [(String, [UInt8], TextEncoding)] = [
        ("ASCII", Array("patient_id,total\n".utf8), .utf8),
        ("UTF-8 with BOM", [0xEF, 0xBB, 0xBF] + Array("id,é\n".utf8), .utf8),
        ("UTF-8 cut inside a character", Array("id,caf".utf8) + [0xC3], .utf8),
        ("empty", [], .utf8),
        ("UTF-16 LE BOM", [0xFF, 0xFE, 0x69, 0x00, 0x64, 0x00], .utf16(bigEndian: false)),
        ("UTF-16 BE BOM", [0xFE, 0xFF, 0x00, 0x69, 0x00, 0x64], .utf16(bigEndian: true)),
        ("UTF-32 LE BOM", [0xFF, 0xFE, 0x00, 0x00, 0x69, 0x00, 0x00, 0x00], .utf32(bigEndian: false)),
        ("UTF-32 BE BOM", [0x00, 0x00, 0xFE, 0xFF, 0x00, 0x00, 0x00, 0x69], .utf32(bigEndian: true)),
        ("UTF-16 LE, no BOM", [0x69, 0x00, 0x64, 0x00, 0x2C, 0x00, 0x78, 0x00, 0x0A, 0x00], .utf16(bigEndian: false)),
        ("UTF-16 BE, no BOM", [0x00, 0x69, 0x00, 0x64, 0x00, 0x2C, 0x00, 0x78], .utf16(bigEndian: true)),
        ("UTF-32 LE, no BOM", [0x69, 0, 0, 0, 0x64, 0, 0, 0], .utf32(bigEndian: false)),
        ("Latin-1 header", Array("id,caf".utf8) + [0xE9, 0x0A], .notUTF8),
        ("Latin-1 after a BOM", [0xEF, 0xBB, 0xBF, 0x69, 0xE9, 0x0A], .notUTF8),
        ("Latin-1 only in a data row", Array("id,x\n1,".utf8) + [0xE9], .utf8),
        ("one NUL in UTF-8 text", Array("patient_id,tot".utf8) + [0] + Array("al\n".utf8), .utf8),
    ]

    @Test(arguments: cases.indices)
    func sniffs(_ index: Int) {
        let (name, bytes, expected) = Self.cases[index]
        #expect(TextEncodingSniffer.sniff(bytes) == expected, "\(name)")
    }

    @Test func problemsNameTheEncoding() {
        #expect(TextEncoding.utf8.problem == nil)
        #expect(TextEncoding.utf16(bigEndian: false).problem == "this file is UTF-16 (little-endian); export it as UTF-8")
        #expect(TextEncoding.utf16(bigEndian: true).problem == "this file is UTF-16 (big-endian); export it as UTF-8")
        #expect(TextEncoding.utf32(bigEndian: false).problem == "this file is UTF-32 (little-endian); export it as UTF-8")
        #expect(TextEncoding.notUTF8.problem
            == "this file is not UTF-8: its header has bytes that are not UTF-8 text (perhaps Latin-1 or Windows-1252); export it as UTF-8")
    }
}
