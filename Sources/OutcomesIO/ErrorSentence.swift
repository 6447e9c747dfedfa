import Foundation
import Glibc

/// Any error as words a clinic can act on: a Foundation file error (`NSCocoaErrorDomain`,
/// POSIX) becomes the file's path and the system's reason ("/srv/out: permission denied"),
/// never the framework's raw text; the pipeline's own errors are already sentences.
public enum ErrorSentence {
    /// "PATH: REASON" for a file error that names its file, "REASON" otherwise.
    public static func describe(_ error: Error) -> String {
        guard let (path, reason) = fileError(error) else { return String(describing: error) }
        return path.map { "\($0): \(reason)" } ?? reason
    }

    /// The path and reason of a Foundation or POSIX error, or nil for any other error.
    public static func fileError(_ error: Error) -> (path: String?, reason: String)? {
        if let posix = error as? POSIXError { return (nil, text(errno: posix.code.rawValue)) }
        let ns = error as NSError
        switch ns.domain {
        case NSPOSIXErrorDomain:
            return (ns.userInfo[NSFilePathErrorKey] as? String, text(errno: Int32(ns.code)))
        case NSCocoaErrorDomain:
            let cocoa = error as? CocoaError ?? CocoaError(CocoaError.Code(rawValue: ns.code), userInfo: ns.userInfo)
            let path = cocoa.filePath ?? cocoa.url?.path
            if let underlying = cocoa.underlying, let reason = fileError(underlying)?.reason { return (path, reason) }
            return (path, text(cocoa.code))
        default:
            return nil
        }
    }

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

    /// The system's words for an errno value, starting in lower case to read inside a sentence.
    public static func text(errno code: Int32) -> String {
        let words = String(cString: strerror(code))
        return words.prefix(1).lowercased() + words.dropFirst()
    }

    private static func text(_ code: CocoaError.Code) -> String {
        switch code {
        case .fileNoSuchFile, .fileReadNoSuchFile: "no such file or folder"
        case .fileReadNoPermission, .fileWriteNoPermission: "permission denied"
        case .fileWriteOutOfSpace: "no space left on device"
        case .fileWriteVolumeReadOnly: "read-only file system"
        case .fileWriteFileExists: "a file is already there"
        case .fileReadCorruptFile: "the file cannot be read as expected"
        case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding: "the text is not in the expected encoding"
        case .fileLocking: "the file is locked"
        case .fileReadTooLarge: "the file is too large"
        default: "the file operation failed (code \(code.rawValue))"
        }
    }
}
