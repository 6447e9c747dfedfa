import Foundation
import Glibc

/// How the database file looked when the last run left it: its size, inode, modification and
/// change times, and a digest of its first and last 64 KiB. A run writes it beside the
/// database (`<database>.checked`) after its last write, and the next open compares: a file
/// still exactly as the last run left it needs no `PRAGMA quick_check`, which reads every page
/// (30 s on a 2 GB database, more than the nightly's whole work). Anything else — another
/// program wrote to it, it was copied back from a backup, truncated, overwritten, or a run
/// stopped before it wrote the stamp (a `-wal` file with frames) — is checked in full as before.
struct DatabaseStamp: Equatable {
    var size: Int64
    var device: UInt64
    var inode: UInt64
    var modifiedNs: Int64
    var changedNs: Int64
    /// SHA-256 of the first and the last 64 KiB (the header, the schema's pages, the newest pages).
    var edgeDigest: String

    static let edgeBytes = 64 * 1024

    /// The stamp's file beside the database. Ours: nothing else writes a file of this name.
    static func path(of database: String) -> String { database + ".checked" }

    /// The file as it is now, or nil when it cannot be read.
    static func current(of database: String) -> DatabaseStamp? {
        let descriptor = open(database, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var digest = SHA256()
        var buffer = [UInt8](repeating: 0, count: edgeBytes)
        let size = Int64(info.st_size)
        for offset in size > Int64(edgeBytes) ? [0, size - Int64(edgeBytes)] : [0] {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, edgeBytes, off_t(offset)) }
            guard count >= 0 else { return nil }
            buffer.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return DatabaseStamp(size: size, device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
                             modifiedNs: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                             changedNs: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                             edgeDigest: digest.finalize())
    }

    /// True when the last run's stamp is there, the file is exactly as it describes, and no
    /// write-ahead log holds frames the file does not have yet.
    static func isUnchangedSinceLastRun(_ database: String) -> Bool {
        var wal = stat()
        if stat(database + "-wal", &wal) == 0, wal.st_size > 0 { return false }
        guard let text = try? String(contentsOfFile: path(of: database), encoding: .utf8),
              let recorded = DatabaseStamp(text: text), let now = current(of: database) else { return false }
        return recorded == now
    }

    /// Writes the stamp of the file as it is now (write to a temporary name, then rename). A
    /// stamp that cannot be written only means the next open checks the file in full. A file of
    /// either name that is not a stamp is someone else's: left alone, and no stamp is written.
    static func record(_ database: String) {
        guard let stamp = current(of: database) else { return }
        let target = path(of: database), temporary = target + ".tmp"
        guard isStampOrAbsent(target), isStampOrAbsent(temporary) else { return }
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let bytes = Array(stamp.text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        if written != bytes.count || rename(temporary, target) != 0 { unlink(temporary) }
    }

    /// True when nothing is at `path`, or a stamp this program wrote (by its first line).
    static func isStampOrAbsent(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT }
        guard (info.st_mode & S_IFMT) == S_IFREG, info.st_size < 4096,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        return text.hasPrefix(header)
    }

    static let header = "outcomes database stamp 1\n"

    var text: String {
        "\(Self.header)size \(size)\ndevice \(device)\ninode \(inode)\nmodified_ns \(modifiedNs)\n"
            + "changed_ns \(changedNs)\nedge_sha256 \(edgeDigest)\n"
    }

    init(size: Int64, device: UInt64, inode: UInt64, modifiedNs: Int64, changedNs: Int64, edgeDigest: String) {
        (self.size, self.device, self.inode, self.modifiedNs, self.changedNs, self.edgeDigest)
            = (size, device, inode, modifiedNs, changedNs, edgeDigest)
    }

    init?(text: String) {
        guard text.hasPrefix(Self.header) else { return nil }
        var values: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard let size = values["size"].flatMap(Int64.init), let device = values["device"].flatMap(UInt64.init),
              let inode = values["inode"].flatMap(UInt64.init), let modified = values["modified_ns"].flatMap(Int64.init),
              let changed = values["changed_ns"].flatMap(Int64.init), let digest = values["edge_sha256"] else { return nil }
        self.init(size: size, device: device, inode: inode, modifiedNs: modified, changedNs: changed, edgeDigest: digest)
    }
}
