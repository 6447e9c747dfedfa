import Testing
@testable import OutcomesCore

@Suite struct FileNameDisplayTests {
    static let latin1: [UInt8] = Array("caf".utf8) + [0xE9] + Array(".csv".utf8)
    static let control: [UInt8] = [0x61, 0x0D, 0x0A, 0x1B, 0x62]
    static let cases: [([UInt8], String)] = [
        (Array("scores.csv".utf8), "scores.csv"),
        (Array("café.csv".utf8), "café.csv"),                  // valid UTF-8 kept as written
        (latin1, "caf\\xE9.csv"),                              // Latin-1 é
        (control, "a\\x0D\\x0A\\x1Bb"),                         // control bytes
        (Array("caf\\xE9.csv".utf8), "caf\\\\xE9.csv"),        // a real backslash never looks like an escape
        ([0xC3], "\\xC3"),                                     // a cut sequence
        ([0xED, 0xA0, 0x80], "\\xED\\xA0\\x80"),               // a surrogate
        ([0xC0, 0xAF], "\\xC0\\xAF"),                          // an overlong form
    ]

    @Test(arguments: cases)
    func escapes(bytes: [UInt8], shown: String) {
        #expect(FileNameDisplay.text(bytes) == shown)
    }
}
