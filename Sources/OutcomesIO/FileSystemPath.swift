import Foundation
import Glibc

/// Paths as the file system will see them, so that two spellings of one folder (`..`, a
/// symbolic link, a relative path) compare equal. Works for paths that do not exist yet:
/// the part that exists is resolved, the rest is taken as written.
public enum FileSystemPath {
    /// `path` made absolute against the current folder; not otherwise changed.
    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let cwd = FileManager.default.currentDirectoryPath
        return path.isEmpty ? cwd : (cwd.hasSuffix("/") ? cwd : cwd + "/") + path
    }

    /// Every existing component resolved through symbolic links, `.` and `..` applied where
    /// the file system applies them (after the component before has been resolved), and the
    /// part that does not exist appended as written: the real path of the nearest existing
    /// ancestor, then the rest.
    public static func resolved(_ path: String) -> String {
        resolve(components(absolute(path)), keepingLast: false)
    }

    /// Like `resolved`, but a last component that is a name is kept as a name, not followed:
    /// the path of the entry itself (a link stays the link), inside its real parent. This is
    /// the entry a rename or a removal at `path` acts on.
    public static func resolvedEntry(_ path: String) -> String {
        resolve(components(absolute(path)), keepingLast: true)
    }

    /// Whether `inner` is `outer` or lies below it; both already resolved.
    public static func isWithin(_ inner: String, _ outer: String) -> Bool {
        let a = components(inner), b = components(outer)
        return a.count >= b.count && Array(a.prefix(b.count)) == b
    }

    /// The folder holding a resolved path (`/` for `/` itself).
    public static func parent(_ path: String) -> String {
        "/" + components(path).dropLast().joined(separator: "/")
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    private static func resolve(_ parts: [String], keepingLast: Bool) -> String {
        var current: [String] = []
        for (index, part) in parts.enumerated() {
            switch part {
            case ".": continue
            case "..": if !current.isEmpty { current.removeLast() }
            default:
                let candidate = "/" + (current + [part]).joined(separator: "/")
                if keepingLast && index == parts.count - 1 {
                    current.append(part)
                } else if let real = realPath(candidate) {
                    current = components(real)
                } else {
                    current.append(part)
                }
            }
        }
        return "/" + current.joined(separator: "/")
    }

    /// The real path of an existing entry; nil when it does not exist or is a dangling link.
    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
