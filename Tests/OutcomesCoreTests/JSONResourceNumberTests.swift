import Foundation
import Testing
@testable import OutcomesCore

/// JSONSerialization hands out numbers and booleans alike as NSNumber, and `is Bool` holds for
/// the numbers 0 and 1: a `valueInteger` of 0 or 1 must still read as a number.
@Suite struct JSONResourceNumberTests {
    func resource(_ text: String) throws -> JSONResource {
        try Data(text.utf8).withUnsafeBytes { bytes in try JSONResource.parse(bytes).get() }
    }

    @Test func zeroAndOneAreNumbersAndBooleansAreNot() throws {
        let r = try resource(#"{"zero": 0, "one": 1, "two": 2, "half": 2.5, "yes": true, "no": false, "text": "1"}"#)
        #expect(r.number("zero") == 0)
        #expect(r.number("one") == 1)
        #expect(r.number("two") == 2)
        #expect(r.number("half") == 2.5)
        #expect(r.number("yes") == nil)
        #expect(r.number("no") == nil)
        #expect(r.number("text") == nil)
        #expect(r.number("absent") == nil)
    }

    @Test func numbersBuiltInSwiftReadToo() {
        let r = JSONResource(object: ["zero": 0, "one": 1, "half": 0.5, "yes": true])
        #expect(r.number("zero") == 0)
        #expect(r.number("one") == 1)
        #expect(r.number("half") == 0.5)
        #expect(r.number("yes") == nil)
    }
}
