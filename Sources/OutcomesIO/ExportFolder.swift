import Glibc
import OutcomesCore

/// One entry below the export folder, named by its raw bytes (a name need not be UTF-8).
public struct FolderEntry: Sendable, Equatable {
    /// The path relative to the folder, as the bytes the directory holds.
    public var relativeBytes: [UInt8]
    /// The same path shown escaped (`FileNameDisplay`): how messages and the database name it.
    public var displayPath: String
    /// Why the entry cannot be read, when that shows without opening it (not a regular file).
    public var problem: UnreadableReason?
}

/// Why an export file was not read: a sentence for the warning and the data-quality row.
public enum UnreadableReason: Error, Sendable, Equatable, CustomStringConvertible {
    case notRegular(what: String, throughLink: Bool)
    case danglingLink
    case linkLoop
    case permissionDenied
    case changedWhileRead
    case failed(String)

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

/// Lists the export folder with `opendir`/`readdir`, which hand over names as bytes
/// (Foundation's enumerator silently drops names that are not UTF-8). Hidden entries
/// (`.name`) are left out; folders are walked, links to folders are not followed. Every other
/// entry is returned: a regular file (or a link to one), or an entry that cannot be read.
public enum ExportFolder {
    public static func list(_ folder: String) -> [FolderEntry] {
        var entries: [FolderEntry] = []
        walk(Array(folder.utf8), relative: [], into: &entries)
        return entries.sorted { $0.relativeBytes.lexicographicallyPrecedes($1.relativeBytes) }
    }

    private static func walk(_ folder: [UInt8], relative: [UInt8], into entries: inout [FolderEntry]) {
        guard let directory = withCString(folder, { opendir($0) }) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name.first == UInt8(ascii: ".") { continue }
            let full = folder + [UInt8(ascii: "/")] + name
            let path = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
            var info = stat()
            guard withCString(full, { lstat($0, &info) }) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                walk(full, relative: path, into: &entries)
                continue
            }
            var problem: UnreadableReason?
            if info.st_mode & S_IFMT == S_IFLNK {
                var target = stat()
                if withCString(full, { stat($0, &target) }) != 0 {
                    problem = UnreadableReason.from(errno: errno)
                } else if target.st_mode & S_IFMT == S_IFDIR {
                    continue
                } else if let what = UnreadableReason.kind(of: target.st_mode) {
                    problem = .notRegular(what: what, throughLink: true)
                }
            } else if let what = UnreadableReason.kind(of: info.st_mode) {
                problem = .notRegular(what: what, throughLink: false)
            }
            entries.append(FolderEntry(relativeBytes: path, displayPath: FileNameDisplay.text(path), problem: problem))
        }
    }

    static func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count, body)
        }
    }
}

/// A file's size, modification time and status-change time, read from an open descriptor.
/// Size and modification time tell an export seen before without reading it; the change time
/// (which no one can set back) joins them to tell whether a file changed while it was read.
public struct FileStamp: Equatable, Sendable {
    public var size: Int
    public var modifiedNs: Int64
    public var changedNs: Int64

    public init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        size = Int(info.st_size)
        modifiedNs = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changedNs = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
    }
}

/// An export file opened for reading: a regular file, checked on the descriptor itself, so a
/// name swapped for a FIFO between listing and opening is still refused and never blocks.
public final class OpenExport {
    public let descriptor: Int32
    /// The file as stamped when it was opened.
    public let stamp: FileStamp

    /// A path that opens this very file again (Linux `/proc/self/fd/N`): readers that take a
    /// path read the same bytes even when the name is not UTF-8 or was replaced meanwhile.
    public var readPath: String { "/proc/self/fd/\(descriptor)" }

    /// Opens `folder/entry` without blocking (O_NONBLOCK: a FIFO would otherwise wait for a
    /// writer) and keeps it only if it is a regular file. `fault` is a test hook: an errno it
    /// returns for the entry's path makes the open fail so (tests run as root, whom file
    /// permissions never stop).
    public static func open(folder: String, entry: FolderEntry, fault: ((String) -> Int32?)? = nil) -> Result<OpenExport, UnreadableReason> {
        if let problem = entry.problem { return .failure(problem) }
        if let code = fault?(entry.displayPath) { return .failure(.from(errno: code)) }
        return open(folder: folder, entry: entry, full: Array(folder.utf8) + [UInt8(ascii: "/")] + entry.relativeBytes)
    }

    private static func open(folder: String, entry: FolderEntry, full: [UInt8]) -> Result<OpenExport, UnreadableReason> {
        let descriptor = ExportFolder.withCString(full) { Glibc.open($0, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) }
        guard descriptor >= 0 else { return .failure(.from(errno: errno)) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = UnreadableReason.from(errno: errno)
            close(descriptor)
            return .failure(reason)
        }
        if let what = UnreadableReason.kind(of: info.st_mode) {
            close(descriptor)
            return .failure(.notRegular(what: what, throughLink: false))
        }
        _ = fcntl(descriptor, F_SETFL, O_RDONLY)
        return .success(OpenExport(descriptor: descriptor, stamp: FileStamp(info)))
    }

    /// Opens a file named by the user (`outcomes validate FILE`), with the same checks.
    public static func open(path: String) -> Result<OpenExport, UnreadableReason> {
        let bytes = Array(path.utf8)
        var info = stat()
        guard ExportFolder.withCString(bytes, { lstat($0, &info) }) == 0 else { return .failure(.from(errno: errno)) }
        let entry = FolderEntry(relativeBytes: bytes, displayPath: path, problem: nil)
        if info.st_mode & S_IFMT == S_IFLNK {
            var target = stat()
            guard ExportFolder.withCString(bytes, { stat($0, &target) }) == 0 else { return .failure(.from(errno: errno)) }
            if let what = UnreadableReason.kind(of: target.st_mode) { return .failure(.notRegular(what: what, throughLink: true)) }
        } else if let what = UnreadableReason.kind(of: info.st_mode) {
            return .failure(.notRegular(what: what, throughLink: false))
        }
        return open(folder: "", entry: entry, full: bytes)
    }

    private init(descriptor: Int32, stamp: FileStamp) {
        self.descriptor = descriptor
        self.stamp = stamp
    }

    /// The file's stamp now.
    public func currentStamp() -> FileStamp? { FileStamp(descriptor: descriptor) }

    deinit { close(descriptor) }
}
