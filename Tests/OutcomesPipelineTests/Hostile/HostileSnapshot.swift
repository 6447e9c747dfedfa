import Foundation
import Glibc

/// What every entry below the case folder is: its type, mode and content (a regular file by a
/// hash of its bytes, a link by its target). Links are never followed and FIFOs never opened,
/// so taking a snapshot cannot hang.
struct HostileSnapshot: Equatable {
    var entries: [String: String]

    /// Everything below `root` except `owned` (paths relative to it, with what is below them).
    init(_ root: String, excluding owned: [String]) {
        entries = [:]
        func visit(_ relative: String) {
            let full = relative.isEmpty ? root : root + "/" + relative
            var info = stat()
            guard lstat(full, &info) == 0 else { return }
            let mode = String(info.st_mode & 0o7777, radix: 8)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                if !relative.isEmpty { entries[relative] = "folder \(mode)" }
                guard let dir = opendir(full) else { entries[relative] = "unlistable folder"; return }
                defer { closedir(dir) }
                var names: [String] = []
                while let entry = readdir(dir) {
                    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)   // lossy only for the key
                    }
                    if name != ".", name != ".." { names.append(name) }
                }
                for name in names {
                    let child = relative.isEmpty ? name : relative + "/" + name
                    if !owned.contains(where: { child == $0 || child.hasPrefix($0 + "/") }) { visit(child) }
                }
            case S_IFREG:
                entries[relative] = "file \(mode) \(info.st_size) bytes " + Self.digest(full)
            case S_IFLNK:
                var buffer = [CChar](repeating: 0, count: 4096)
                let count = readlink(full, &buffer, buffer.count - 1)
                entries[relative] = "link to " + String(decoding: buffer.prefix(max(count, 0)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            default:
                entries[relative] = "special \(info.st_mode & S_IFMT) \(mode)"
            }
        }
        visit("")
    }

    /// FNV-1a over the file's bytes, read in 1 MiB chunks (enough to tell a changed byte).
    static func digest(_ path: String) -> String {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return "unreadable" }
        defer { close(fd) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            buffer.withUnsafeBufferPointer { bytes in
                for byte in bytes[0..<count] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
        }
        return String(hash, radix: 16)
    }

    /// What changed, one line per path; `allowedNew` are paths that may appear (the pipeline's own
    /// and the folders above them).
    func differences(to after: HostileSnapshot, allowedNew: (String) -> Bool) -> [String] {
        var lines: [String] = []
        for (path, was) in entries.sorted(by: { $0.key < $1.key }) {
            guard let now = after.entries[path] else { lines.append("\(path) was removed (it was a \(was))"); continue }
            if now != was { lines.append("\(path) changed: \(was) → \(now)") }
        }
        for path in after.entries.keys.sorted() where entries[path] == nil && !allowedNew(path) {
            lines.append("\(path) appeared, outside the pipeline's own database and report folder")
        }
        return lines
    }
}
