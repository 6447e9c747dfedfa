/// A PostgreSQL failure, worded for the person running the command: what failed, the
/// server's own sentence, and (where it is one of the usual ones) what to do next. It never
/// holds a password or a row's values: libpq's messages name hosts, roles and tables only.
public struct PostgresError: Error, CustomStringConvertible, Equatable {
    /// The SQLSTATE code (`42501` insufficient privilege, …); empty for a connection failure.
    public var state: String
    public var message: String

    public init(state: String, message: String) {
        self.state = state
        self.message = message
    }

    /// Row-level security refused a row, or the role lacks a privilege.
    public var isPermissionDenied: Bool { state == "42501" }

    public var description: String {
        switch state {
        case "": return "cannot connect to the network database: \(message) (check [network] url, and the password in PGPASSWORD or ~/.pgpass)"
        case "42501": return "the network database refused this: \(message) (a site's role may write only its own site's rows)"
        default: return "the network database failed (SQLSTATE \(state)): \(message)"
        }
    }
}
