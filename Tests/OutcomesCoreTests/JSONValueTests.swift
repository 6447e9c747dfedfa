import Foundation
import PropertyBased
import Testing
@testable import OutcomesCore
@testable import OutcomesSample

/// The JSON parser against Foundation's: any value JSONSerialization writes reads back the
/// same; bad input is an error with where it stopped, never a crash.
@Suite struct JSONValueTests {
    func parse(_ text: String) -> Result<JSONValue, JSONValue.ParseError> {
        Data(text.utf8).withUnsafeBytes { JSONValue.parse($0) }
    }

    /// A random value as Foundation objects and as the JSONValue expected back.
    static func random(_ rng: inout SampleRandom, depth: Int) -> (Any, JSONValue) {
        let pick = depth > 3 ? Int(rng.next() % 4) : Int(rng.next() % 6)
        switch pick {
        case 0: return (NSNull(), .null)
        case 1: let b = rng.next() % 2 == 0; return (b, .bool(b))
        case 2:
            let n = Double(Int64(bitPattern: rng.next()) % 100_000) / (rng.next() % 2 == 0 ? 1 : 8)
            return (n, .number(n))
        case 3:
            let alphabet = Array("aé\"\\\n\t/😀 z\u{1}")
            let text = String((0..<Int(rng.next() % 8)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            return (text, .string(text))
        case 4:
            let pairs = (0..<Int(rng.next() % 4)).map { _ in random(&rng, depth: depth + 1) }
            return (pairs.map(\.0), .array(pairs.map(\.1)))
        default:
            var objects: [String: Any] = [:], values: [String: JSONValue] = [:]
            for k in 0..<Int(rng.next() % 4) {
                let (o, v) = random(&rng, depth: depth + 1)
                objects["k\(k)é"] = o
                values["k\(k)é"] = v
            }
            return (objects, .object(values))
        }
    }

    @Test func readsWhatFoundationWrites() throws {
        var rng = SampleRandom(seed: 42)
        for _ in 0..<500 {
            let (object, expected) = Self.random(&rng, depth: 0)
            let data = try JSONSerialization.data(withJSONObject: ["v": object], options: [.fragmentsAllowed])
            let parsed = data.withUnsafeBytes { JSONValue.parse($0) }
            #expect(parsed == .success(.object(["v": expected])))
        }
    }

    @Test func escapesAndNumbers() {
        #expect(parse(#"{"a":"x\u00e9\ud83d\ude00\n","b":-1.5e2,"c":[true,false,null],"d":12}"#)
                == .success(.object(["a": .string("xé😀\n"), "b": .number(-150), "c": .array([.bool(true), .bool(false), .null]), "d": .number(12)])))
    }

    @Test(arguments: [
        (#"{"a":"#, "unexpected end of the text at byte 6"),
        (#"{"a" 1}"#, "expected ':' after a member name at byte 6"),
        (#"{"a":1,}"#, "expected a member name in double quotes at byte 8"),
        (#"[1 2]"#, "expected ',' or ']' in an array at byte 4"),
        (#"{"a":tru}"#, "not a JSON value at byte 6"),
        ("{\"a\":\"x\u{1}\"}", "a control character inside a string at byte 8"),
        (#"{} {}"#, "unexpected text after the value at byte 4"),
        (#"-"#, "not a JSON value at byte 2"),
        (#"1."#, "a number needs digits after its point at byte 3"),
    ])
    func badInputSaysWhere(text: String, message: String) {
        guard case .failure(let error) = parse(text) else { Issue.record("\(text) parsed"); return }
        #expect(error.description == message)
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        guard case .failure(let error) = parse(deep) else { Issue.record("parsed"); return }
        #expect(error.what == "nesting deeper than 256 levels")
    }

    @Test func randomBytesNeverCrash() async {
        let bytes = Gen<UInt8?>.element(of: Array("{}[]\",:\\u0123456789.eE-+tfnrul a".utf8) + [0xFF, 0x00]).map { $0! }.array(of: 0...80)
        await propertyCheck(count: 500, input: bytes) { raw in
            _ = raw.withUnsafeBytes { JSONValue.parse($0) }
        }
    }
}
