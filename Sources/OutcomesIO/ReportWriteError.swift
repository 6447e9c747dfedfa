import Foundation
import Glibc

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
        guard let reason = ErrorSentence.fileError(error)?.reason else { return nil }
        self.init(path: path, reason: reason, errorNumber: ErrorSentence.errorNumber(error))
    }

    public var description: String {
        let next = errorNumber == ENOSPC || errorNumber == EDQUOT
            ? "free some space there, or choose another --out or [pipeline] reports"
            : "choose another --out or [pipeline] reports"
        return "cannot write the report folder \(path): \(reason); \(next)"
    }
}
