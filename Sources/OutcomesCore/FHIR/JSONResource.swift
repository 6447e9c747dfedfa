import Foundation

/// One JSON object (a FHIR resource), parsed by Foundation's JSONSerialization, with typed
/// reads by key. Values of the wrong type read as absent: a resource is judged by what it
/// says, and a missing piece is named in the reason.
public struct JSONResource {
    public let object: [String: Any]

    public init(object: [String: Any]) { self.object = object }

    /// Parses one JSON text; nil with the reason when it is not a JSON object.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<JSONResource, LayoutError> {
        let data = Data(bytes)
        do {
            guard let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any] else {
                return .failure(LayoutError("the JSON value is not an object"))
            }
            return .success(JSONResource(object: object))
        } catch {
            return .failure(LayoutError("not valid JSON (\(Self.position(of: error)))"))
        }
    }

    /// Foundation's own words for what is wrong ("Unexpected end of file during JSON parse."),
    /// which name no value of the file.
    private static func position(of error: Error) -> String {
        let ns = error as NSError
        if let index = ns.userInfo["NSJSONSerializationErrorIndex"] as? Int { return "at character \(index + 1)" }
        if let debug = ns.userInfo["NSDebugDescription"] as? String {
            return debug.hasSuffix(".") ? String(debug.dropLast()).lowercasedFirst : debug.lowercasedFirst
        }
        return "unreadable"
    }

    public var resourceType: String? { string("resourceType") }

    public func string(_ key: String) -> String? { object[key] as? String }

    public func resource(_ key: String) -> JSONResource? { (object[key] as? [String: Any]).map(JSONResource.init) }

    public func resources(_ key: String) -> [JSONResource] { (object[key] as? [Any] ?? []).compactMap { ($0 as? [String: Any]).map(JSONResource.init) } }

    /// A number: JSON integer or decimal (never a Bool, which JSONSerialization also hands out as
    /// NSNumber). `value is Bool` cannot tell them apart: it holds for the numbers 0 and 1 too
    /// (so a `valueInteger` of 0 or 1 read as absent); a JSON true or false is the NSNumber whose
    /// type is `c` (CFBoolean), on Linux and on macOS.
    public func number(_ key: String) -> Double? {
        guard let value = object[key] else { return nil }
        // JSONSerialization hands out true and false as NSNumbers too (of type "c"), and an
        // NSNumber 0 or 1 also casts to Bool, so the type code tells them apart.
        guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
        return number.doubleValue
    }

    public func has(_ key: String) -> Bool { object[key] != nil }
}

extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
