import CLibPQ
import Glibc

/// One libpq connection. Parameters travel separately from the SQL text (`PQexecParams`), in
/// text form; results come back as text, read into values by the caller.
///
/// Why libpq and not postgres-nio: docs/network.md ("The client") has the measurement.
public final class PostgresConnection {
    private let handle: OpaquePointer

    /// `url` is a libpq connection string or URI (`postgresql://site_north@db.example/network`,
    /// `host=/run/postgresql dbname=network user=site_north`). The password is never in it:
    /// libpq reads `PGPASSWORD` or `~/.pgpass` itself.
    public init(url: String) throws(PostgresError) {
        guard let connection = PQconnectdb(url) else { throw PostgresError(state: "", message: "out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmed(String(cString: PQerrorMessage(connection)))
            PQfinish(connection)
            throw PostgresError(state: "", message: message)
        }
        handle = connection
        _ = PQsetClientEncoding(handle, "UTF8")
        // Notices (e.g. "relation already exists, skipping") are not the user's business.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// The role the server knows this connection as.
    public func currentRole() throws(PostgresError) -> String {
        try query("SELECT current_user").first?.first.flatMap { $0 } ?? ""
    }

    /// Runs one or more statements without parameters (schema, transaction control).
    public func execute(_ sql: String) throws(PostgresError) {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result)
    }

    /// Runs one statement with `$1…` parameters (nil is NULL) and returns its rows as text.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> [[String?]] {
        let result = withParameters(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result)
        let rows = Int(PQntuples(result)), columns = Int(PQnfields(result))
        return (0..<rows).map { row in
            (0..<columns).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            }
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private func withParameters<T>(_ parameters: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { for pointer in copies { free(pointer) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }

    private func check(_ result: OpaquePointer?) throws(PostgresError) {
        guard let result else { throw PostgresError(state: "", message: Self.trimmed(String(cString: PQerrorMessage(handle)))) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default:
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? "?????"
            let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
                ?? Self.trimmed(String(cString: PQresultErrorMessage(result)))
            throw PostgresError(state: state, message: message)
        }
    }

    static func trimmed(_ text: String) -> String {
        var text = Substring(text)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
