import Foundation
import Glibc

/// Why a file-system call failed, as the C library says it ("permission denied", "no space
/// left on device"), instead of Foundation's `The operation could not be completed.
/// (NSCocoaErrorDomain error 513.)`.
public enum FileSystemErrorText {
    /// The errno behind a Foundation or POSIX error, when there is one.
    public static func errorNumber(_ error: Error) -> Int32? {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        guard ns.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        case .fileReadNoPermission, .fileWriteNoPermission: return EACCES
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteFileExists: return EEXIST
        default: return nil
        }
    }

    /// The reason in words for a file-system error, lower case, or nil when `error` is not
    /// one (a database or report error keeps its own sentence).
    public static func reason(_ error: Error) -> String? {
        if let code = errorNumber(error) { return text(code) }
        let ns = error as NSError
        guard ns.domain == NSCocoaErrorDomain else { return nil }
        return "the file system refused it (Foundation error \(ns.code))"
    }

    /// strerror's text with a lower-case first letter, to sit inside a sentence.
    public static func text(_ code: Int32) -> String {
        let message = String(cString: strerror(code))
        return message.prefix(1).lowercased() + message.dropFirst()
    }
}

/// The report folder could not be written: which folder, why, and what to do. The previous
/// report is unchanged (the new one is built beside it).
public struct ReportWriteError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public let errorNumber: Int32?

    public init(path: String, reason: String, errorNumber: Int32? = nil) {
        self.path = path
        self.reason = reason
        self.errorNumber = errorNumber
    }

    /// A file-system error met while writing the report at `path`, or nil for any other error.
    public init?(path: String, _ error: Error) {
        if let known = error as? ReportWriteError { self = known; return }
        guard let reason = FileSystemErrorText.reason(error) else { return nil }
        self.init(path: path, reason: reason, errorNumber: FileSystemErrorText.errorNumber(error))
    }

    public var description: String {
        let next = errorNumber == ENOSPC || errorNumber == EDQUOT
            ? "free some space there, or choose another --out or [pipeline] reports"
            : "choose another --out or [pipeline] reports"
        return "cannot write the report folder \(path): \(reason); \(next)"
    }
}
