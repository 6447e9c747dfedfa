import Glibc
import OutcomesCore

/// One entry below the export folder, named by its raw bytes (a name need not be UTF-8).
public struct ExportEntry: Sendable, Equatable {
    /// The path relative to the folder, as the bytes the directory holds.
    public var relativeBytes: [UInt8]
    /// The same path shown escaped (`FileNameDisplay`): how messages and the database name it.
    public var displayPath: String
    /// Why the entry cannot be read, when that shows without opening it (not a regular file).
    public var problem: UnreadableReason?
    /// A subfolder that could not be opened: the files it may hold are unknown, so the folder
    /// itself is listed (for the sources whose patterns reach into it).
    public var isFolder = false
}

/// Lists the export folder with `opendir`/`readdir`, which hand over names as bytes
/// (Foundation's enumerator silently drops names that are not UTF-8). Hidden entries
/// (`.name`) are left out; folders are walked, links to folders are not followed. Every other
/// entry is returned: a regular file (or a link to one), or an entry that cannot be read.
public enum ExportFolder {
    public static func list(_ folder: String) -> [ExportEntry] {
        var entries: [ExportEntry] = []
        walk(Array(folder.utf8), relative: [], into: &entries)
        return entries.sorted { $0.relativeBytes.lexicographicallyPrecedes($1.relativeBytes) }
    }

    private static func walk(_ folder: [UInt8], relative: [UInt8], into entries: inout [ExportEntry]) {
        guard let directory = withCString(folder, { opendir($0) }) else {
            // The export folder itself was checked before; a subfolder that cannot be opened is listed.
            if !relative.isEmpty {
                entries.append(ExportEntry(relativeBytes: relative, displayPath: FileNameDisplay.text(relative) + "/",
                                           problem: .folderNotOpened(UnreadableReason.from(errno: errno)), isFolder: true))
            }
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name.first == UInt8(ascii: ".") { continue }
            let full = folder + [UInt8(ascii: "/")] + name
            let path = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
            var info = stat()
            guard withCString(full, { lstat($0, &info) }) == 0 else {
                entries.append(ExportEntry(relativeBytes: path, displayPath: FileNameDisplay.text(path), problem: UnreadableReason.from(errno: errno)))
                continue
            }
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
            entries.append(ExportEntry(relativeBytes: path, displayPath: FileNameDisplay.text(path), problem: problem))
        }
    }

    static func withCString<T>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> T) -> T {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count, body)
        }
    }
}
