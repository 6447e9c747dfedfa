import CSQLite

/// A SQLite failure, told as a sentence that names the database and what to do
/// (docs/operations.md, "A damaged database"). SQLite's own words follow in parentheses;
/// statement arguments are never included, since they may hold patient data.
public struct SQLiteError: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String
    /// The database file, when the error came from a connection to one.
    public var path: String?

    public init(code: Int32, message: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var isBusy: Bool { code & 0xFF == SQLITE_BUSY || code & 0xFF == SQLITE_LOCKED }
    /// The file is not a database, or its pages do not hold together.
    public var isDamage: Bool { code & 0xFF == SQLITE_CORRUPT || code & 0xFF == SQLITE_NOTADB }

    public var description: String {
        let database = path.map { "the database \($0)" } ?? "the database"
        let sqlite = "(SQLite: \(message))"
        switch code & 0xFF {
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return "\(database) is damaged \(sqlite); restore it from a backup or move it away to start a new one"
        case SQLITE_FULL:
            return "the disk holding \(database) is full \(sqlite); free some space and run again"
        case SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_READONLY, SQLITE_AUTH:
            return "cannot open or write \(database) \(sqlite); check that its folder exists and that this user may write it"
        case SQLITE_IOERR:
            return "reading or writing \(database) failed \(sqlite); check the disk and its mount"
        case SQLITE_BUSY, SQLITE_LOCKED:
            return "\(database) is busy \(sqlite); another program holds it: try again later"
        default:
            return "\(database) reported an error \(sqlite)"
        }
    }
}

private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One connection to a SQLite file through the C API (chosen over GRDB for bulk-insert speed
/// and build time: docs/architecture.md).
public final class SQLiteDatabase {
    let handle: OpaquePointer
    /// The file, named in every error.
    public let path: String

    public init(path: String, readOnly: Bool = false) throws {
        var db: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close(db)
            throw SQLiteError(code: code, message: message, path: path)
        }
        handle = db
        self.path = path
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit { sqlite3_close_v2(handle) }

    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        if code != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(error)
            throw SQLiteError(code: code, message: message, path: path)
        }
    }

    public func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code) }
        return SQLiteStatement(statement, database: self)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    public var changes: Int { Int(sqlite3_changes(handle)) }
    public var lastInsertID: Int64 { sqlite3_last_insert_rowid(handle) }
    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// The connection's last error, with this database's path.
    func error(_ code: Int32) -> SQLiteError { SQLiteError(code: code, message: lastMessage, path: path) }

    /// The first column of the first row of a query, as an integer.
    public func scalar(_ sql: String, _ arguments: [SQLiteValue] = []) throws -> Int64? {
        let statement = try prepare(sql)
        try statement.bind(arguments)
        return try statement.step() ? statement.int64(0) : nil
    }
}

/// A value bound to a statement.
public enum SQLiteValue: Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public init(_ value: String?) { self = value.map(SQLiteValue.text) ?? .null }
    public init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    public init(_ value: Int64?) { self = value.map(SQLiteValue.integer) ?? .null }
    public init(_ value: Double?) { self = value.map(SQLiteValue.real) ?? .null }
}

/// A prepared statement, reused across rows.
public final class SQLiteStatement {
    let handle: OpaquePointer
    unowned let database: SQLiteDatabase

    init(_ handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    public func bind(_ values: [SQLiteValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let v): code = sqlite3_bind_int64(handle, index, v)
            case .real(let v): code = sqlite3_bind_double(handle, index, v)
            case .text(let v): code = bindText(index, v)
            }
            guard code == SQLITE_OK else { throw database.error(code) }
        }
    }

    // MARK: binding one parameter at a time, for the hot loops (no array, no enum per value)

    /// Binds parameter `index` (1-based). A statement bound this way is run with `execute()`.
    public func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    public func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    public func bindNull(_ index: Int32) { sqlite3_bind_null(handle, index) }
    public func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }
    public func bind(_ index: Int32, _ value: String) { bindText(index, value) }

    /// Binds text by its byte length, never as a C string: a NUL inside a value (an export may
    /// hold one) is stored, not taken for the end of the text.
    @discardableResult
    private func bindText(_ index: Int32, _ value: String) -> Int32 {
        var copy = value
        return copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, SQLITE_TRANSIENT)
            }
            return sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), SQLITE_TRANSIENT)
        }
    }

    /// Runs a statement bound with `bind(_:_:)` to completion and resets it for the next row.
    public func execute() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Advances to the next row; false when there is none.
    @discardableResult
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw database.error(code)
    }

    /// Binds, runs to completion, and resets.
    public func run(_ values: [SQLiteValue]) throws {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    public var columnCount: Int32 { sqlite3_column_count(handle) }

    /// A text column's bytes, without making a String (for hot loops that only classify them).
    public func withBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let pointer = sqlite3_column_text(handle, column) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column))))
    }
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    public func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
    public func double(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }
    /// A text column by its byte length (a NUL inside it is kept, not taken for its end).
    public func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    /// All rows of a query, mapped.
    public func rows<T>(_ values: [SQLiteValue] = [], _ transform: (SQLiteStatement) -> T) throws -> [T] {
        try bind(values)
        var result: [T] = []
        while try step() { result.append(transform(self)) }
        sqlite3_reset(handle)
        return result
    }
}
