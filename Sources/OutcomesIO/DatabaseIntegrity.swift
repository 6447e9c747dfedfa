import CSQLite
import Foundation
import Glibc

/// The database file failed SQLite's `PRAGMA quick_check`: its pages do not hold together.
/// Found before any stage writes, so a damaged file is never written onto (exit 1).
public struct DatabaseDamaged: Error, CustomStringConvertible {
    public let path: String
    /// SQLite's first finding, e.g. "database disk image is malformed" or "Page 7: btreeInitPage() returns error code 11".
    public let finding: String

    public var description: String {
        "the database \(path) is damaged (SQLite: \(finding)); restore it from a backup or move it away to start a new one"
    }
}

/// The schema version of the file is not one this program can use as it is.
public struct DatabaseVersionMismatch: Error, CustomStringConvertible {
    public let description: String
}

extension SQLiteDatabase {
    /// Runs `PRAGMA quick_check` (page structure, no index-content cross-check: seconds on a large
    /// file, docs/performance.md). Throws `DatabaseDamaged` with SQLite's first finding, and maps
    /// a corruption error raised while checking to the same.
    public func checkIntegrity() throws {
        let findings: [String]
        do {
            findings = try prepare("PRAGMA quick_check(1)").rows { $0.text(0) ?? "" }
        } catch let error as SQLiteError where error.isDamage {
            throw DatabaseDamaged(path: path, finding: error.message)
        }
        guard findings == ["ok"] else {
            throw DatabaseDamaged(path: path, finding: Self.oneLine(findings.first ?? "quick_check returned nothing"))
        }
    }

    /// quick_check's finding on one line, without the "*** in database main ***" heading it
    /// puts before a list.
    static func oneLine(_ finding: String) -> String {
        finding.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !($0.hasPrefix("***") && $0.hasSuffix("***")) }
            .joined(separator: "; ")
    }

    /// True when a file is at the path and holds at least one byte (SQLite treats an empty file
    /// as a new database, so there is nothing to check in it).
    static func fileHasContent(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_size > 0
    }
}
