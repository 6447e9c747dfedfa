import Foundation
import Testing
@testable import OutcomesCore

/// A `valueInteger` of 0 or 1 reads as a number, and `true`/`false` never do (Foundation's
/// JSONSerialization, used before JSONValue, mixed them up on Linux).
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
        let r = JSONResource(object: ["zero": .number(0), "one": .number(1), "half": .number(0.5), "yes": .bool(true)])
        #expect(r.number("zero") == 0)
        #expect(r.number("one") == 1)
        #expect(r.number("half") == 0.5)
        #expect(r.number("yes") == nil)
    }
}
