import Glibc
import OutcomesCore

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
    public static func open(folder: String, entry: ExportEntry, fault: ((String) -> Int32?)? = nil) -> Result<OpenExport, UnreadableReason> {
        if let problem = entry.problem { return .failure(problem) }
        if let code = fault?(entry.displayPath) { return .failure(.from(errno: code)) }
        return open(folder: folder, entry: entry, full: Array(folder.utf8) + [UInt8(ascii: "/")] + entry.relativeBytes)
    }

    private static func open(folder: String, entry: ExportEntry, full: [UInt8]) -> Result<OpenExport, UnreadableReason> {
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
        let entry = ExportEntry(relativeBytes: bytes, displayPath: path, problem: nil)
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

    /// The file's first `count` bytes (fewer when it is shorter or cannot be read), read with
    /// `pread`, so the descriptor's position is left alone: what `FileContentSniffer` looks at.
    public func leadingBytes(_ count: Int = FileContentSniffer.window) -> [UInt8] { LeadingBytes.read(descriptor, count) }

    deinit { close(descriptor) }
}

/// The first bytes of a file by path (`/proc/self/fd/N` included), for `FileContentSniffer`:
/// fewer when the file is shorter, none when it cannot be opened.
public enum LeadingBytes {
    public static func of(path: String, count: Int) -> [UInt8] {
        let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        return read(descriptor, count)
    }

    static func read(_ descriptor: Int32, _ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + filled, count - filled, off_t(filled))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            filled += got
        }
        return Array(bytes.prefix(filled))
    }
}
