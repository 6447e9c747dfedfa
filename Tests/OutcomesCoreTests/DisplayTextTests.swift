import Testing
@testable import OutcomesCore

@Suite struct DisplayTextTests {
    @Test(arguments: [
        ("GAD-7", "GAD-7"),
        ("GAD\u{0}-7", "GAD\\0-7"),
        ("a\tb\rc\nd", "a\\tb\\rc\\nd"),
        ("\u{1B}[31mred", "\\x1B[31mred"),
        ("del\u{7F}", "del\\x7F"),
        ("c1\u{85}\u{9F}", "c1\\x85\\x9F"),
        ("café ☕ \u{A0}", "café ☕ \u{A0}"),      // not controls: shown as they are
        ("C:\\exports", "C:\\exports"),           // a backslash is left alone
        ("", ""),
    ])
    func escapesControlCharacters(text: String, shown: String) {
        #expect(DisplayText.escaped(text) == shown)
    }

    @Test(arguments: [
        ([0x63, 0x61, 0x66, 0xE9] as [UInt8], "caf\\xE9"),                 // Latin-1 é
        ([0x63, 0x61, 0x66, 0xC3, 0xA9], "café"),                          // UTF-8 é
        ([0x41, 0x00, 0x42], "A\\0B"),
        ([0xFF, 0xFE, 0x41, 0x00], "\\xFF\\xFEA\\0"),                        // a UTF-16 byte-order mark
        ([0xE2, 0x82], "\\xE2\\x82"),                                     // a cut sequence
    ])
    func escapesBytesThatAreNotUTF8(bytes: [UInt8], shown: String) {
        #expect(DisplayText.escaped(bytes: bytes) == shown)
    }

    @Test func quotedCutsLongValues() {
        #expect(DisplayText.quoted(String(repeating: "x", count: 80)) == String(repeating: "x", count: 80))
        #expect(DisplayText.quoted(String(repeating: "x", count: 81)) == String(repeating: "x", count: 80) + "…")
        #expect(DisplayText.quoted("a\u{0}b", limit: 2) == "a\\…")
    }

    @Test func firstControl() {
        #expect(DisplayText.firstControl(in: "P0001") == nil)
        #expect(DisplayText.firstControl(in: "Pé\u{A0}") == nil)
        #expect(DisplayText.firstControl(in: "P\u{0}1\t") == "\\0")
        #expect(DisplayText.firstControl(in: "P\u{85}") == "\\x85")
    }
}
