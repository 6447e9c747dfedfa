import Foundation
import Glibc
import OutcomesCore

/// Another run holds the database (exit 75).
public struct DatabaseBusy: Error, CustomStringConvertible {
    public let database: String
    public let holder: String
    public var description: String {
        "another run holds the database \(database) (\(holder.isEmpty ? "its lock file says nothing more" : holder)); "
            + "try again later"
    }
}

/// One run at a time per database: an exclusive `flock` on `<database>.lock`, taken without
/// waiting. The kernel releases it when the process ends however it ends (even SIGKILL), so a
/// killed run never leaves a lock that blocks the next one. The file keeps the holder's pid
/// and start time for the message the next run prints.
public final class DatabaseLock {
    private let descriptor: Int32
    public let path: String

    public init(database: String, now: Int64) throws {
        path = database + ".lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileReadError(path: path, reason: "cannot open the lock file: " + ErrorSentence.text(errno: errno)) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw DatabaseBusy(database: database, holder: holder)
        }
        let note = "pid \(getpid()), started \(CivilTime.isoUTC(now))\n"
        ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
