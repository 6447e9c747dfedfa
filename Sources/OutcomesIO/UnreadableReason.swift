import Glibc

/// Why an export file was not read: a sentence for the warning and the data-quality row.
public enum UnreadableReason: Error, Sendable, Equatable, CustomStringConvertible {
    case notRegular(what: String, throughLink: Bool)
    case danglingLink
    case linkLoop
    case permissionDenied
    case changedWhileRead
    case failed(String)
    /// A subfolder the sources reach into could not be opened, for this reason.
    indirect case folderNotOpened(UnreadableReason)

    public var description: String {
        switch self {
        case .notRegular(let what, let link):
            link ? "it is a link to \(what), not to a regular file, so it was not read"
                : "it is \(what), not a regular file, so it was not read"
        case .danglingLink: "it is a link to a file that does not exist, so it was not read"
        case .linkLoop: "it is a link that leads back to itself (a loop of links), so it was not read"
        case .permissionDenied: "permission denied: the user running outcomes may not read it; fix the file's permissions"
        case .changedWhileRead: "it changed while it was read, twice; it will be read on the next run"
        case .failed(let why): "it could not be read (\(why)); it was skipped"
        case .folderNotOpened(.permissionDenied):
            "it is a folder the user running outcomes may not open (permission denied), so the exports in it were not read; fix the folder's permissions"
        case .folderNotOpened(let why): "it is a folder that could not be opened, so the exports in it were not read: \(why)"
        }
    }

    /// What a failed `open` or `stat` means for an export.
    static func from(errno code: Int32) -> UnreadableReason {
        switch code {
        case ENOENT: .danglingLink
        case ELOOP: .linkLoop
        case EACCES, EPERM: .permissionDenied
        case ENXIO: .notRegular(what: "a socket", throughLink: false)
        default: .failed(String(cString: strerror(code)).lowercased())
        }
    }

    static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFDIR: "a folder"
        default: "a special file"
        }
    }
}
