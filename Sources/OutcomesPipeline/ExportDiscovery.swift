import Foundation
import Glibc
import OutcomesCore

/// A file matched by one of the pipeline's sources.
public struct DiscoveredExport: Sendable, Equatable {
    /// Relative to the exports folder: how the file is named in the database and reports.
    public var relativePath: String
    public var fullPath: String
    public var source: SourceConfig
}

/// Finds the export files of a pipeline's sources, in name order (interface.md: "files are
/// read in name order"). A file matched by several sources belongs to the first.
public enum ExportDiscovery {
    public static func find(in folder: String, sources: [SourceConfig]) throws -> [DiscoveredExport] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ExportFolderMissing(path: folder)
        }
        let names = try listFiles(folder)
        // A source that names one file (no *, ? or [) expects it: its absence is an error (exit 66),
        // while a pattern that matches nothing is a quiet night.
        for source in sources where !source.pattern.contains(where: { "*?[".contains($0) }) && !names.contains(source.pattern) {
            throw ExportFileMissing(folder: folder, name: source.pattern)
        }
        var found: [String: DiscoveredExport] = [:]
        for source in sources {
            for name in names where found[name] == nil && fnmatch(source.pattern, name, FNM_PATHNAME) == 0 {
                found[name] = DiscoveredExport(relativePath: name, fullPath: folder + "/" + name, source: source)
            }
        }
        return found.values.sorted { $0.relativePath < $1.relativePath }
    }

    /// Regular files below the folder, as relative paths (hidden files and folders left out).
    private static func listFiles(_ folder: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var names: [String] = []
        while let name = enumerator.nextObject() as? String {
            if name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                names.append(name)
            }
        }
        return names
    }
}

/// A file's size and modification time: what tells an export seen before without reading it.
public struct FileStamp: Equatable, Sendable {
    public var size: Int
    public var modifiedNs: Int64

    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int(info.st_size)
        modifiedNs = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}

/// The export folder does not exist (exit 66).
public struct ExportFolderMissing: Error, CustomStringConvertible {
    public let path: String
    public init(path: String) { self.path = path }
    public var description: String {
        "the export folder \(path) does not exist; create it, or point [pipeline] exports (or --input) at the clinic's export folder"
    }
}

/// A file the pipeline names explicitly is not in the export folder (exit 66).
public struct ExportFileMissing: Error, CustomStringConvertible {
    public let folder: String
    public let name: String
    public var description: String {
        "the export \(name), which the pipeline names in [[sources]] pattern, is not in \(folder); "
            + "check the clinic's export, or use a pattern such as \"*.csv\" if the file is optional"
    }
}
