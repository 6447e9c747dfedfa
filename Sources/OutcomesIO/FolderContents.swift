import Foundation
import Glibc
import OutcomesCore

/// What is at a path, without following a link at its end: what the report folder rules
/// look at before anything is replaced.
public enum FolderContents: Equatable, Sendable {
    case missing
    case symbolicLink(destination: String)
    /// A regular file, a device, a FIFO, a socket: not a folder.
    case notFolder
    /// A folder with its entries, and the text of its manifest.json when that is a regular
    /// file of at most 64 MiB in UTF-8 (a FIFO named manifest.json is never opened).
    case folder([FolderEntry], manifest: String?)

    public static func at(_ path: String) -> FolderContents {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            return .symbolicLink(destination: destination)
        case S_IFDIR: break
        default: return .notFolder
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        var manifest: String?
        let entries = names.map { name -> FolderEntry in
            let full = path + "/" + name
            var entry = stat()
            guard lstat(full, &entry) == 0 else { return FolderEntry(name, .other) }
            switch entry.st_mode & S_IFMT {
            case S_IFREG:
                if name == "manifest.json", entry.st_size <= 64 << 20, let data = FileManager.default.contents(atPath: full) {
                    manifest = String(validating: data, as: UTF8.self)
                }
                return FolderEntry(name, .file)
            case S_IFDIR: return FolderEntry(name, .folder)
            default: return FolderEntry(name, .other)
            }
        }
        return .folder(entries, manifest: manifest)
    }
}
