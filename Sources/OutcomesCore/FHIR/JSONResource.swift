/// One JSON object (a FHIR resource), with typed reads by key. Values of the wrong type read as
/// absent: a resource is judged by what it says, and a missing piece is named in the reason.
public struct JSONResource: Sendable {
    public let object: [String: JSONValue]

    public init(object: [String: JSONValue]) { self.object = object }

    /// Parses one JSON text; the reason when it is not a JSON object.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result<JSONResource, LayoutError> {
        switch JSONValue.parse(bytes) {
        case .failure(let error): return .failure(LayoutError("not valid JSON (\(error.description))"))
        case .success(.object(let object)): return .success(JSONResource(object: object))
        case .success: return .failure(LayoutError("a JSON value that is not an object"))
        }
    }

    public var resourceType: String? { string("resourceType") }

    public func string(_ key: String) -> String? {
        if case .string(let text)? = object[key] { return text }
        return nil
    }

    public func resource(_ key: String) -> JSONResource? {
        if case .object(let inner)? = object[key] { return JSONResource(object: inner) }
        return nil
    }

    public func resources(_ key: String) -> [JSONResource] {
        guard case .array(let elements)? = object[key] else { return [] }
        return elements.compactMap { element in
            if case .object(let inner) = element { return JSONResource(object: inner) }
            return nil
        }
    }

    /// A number (never `true`/`false`, which JSON keeps apart from numbers).
    public func number(_ key: String) -> Double? {
        if case .number(let value)? = object[key] { return value }
        return nil
    }

    public func has(_ key: String) -> Bool { object[key] != nil }
}
