import Foundation
import Glibc
import OutcomesCore
import OutcomesIO

/// A file matched by one of the pipeline's sources.
public struct DiscoveredExport: Sendable, Equatable {
    /// Relative to the exports folder, shown escaped when the name is not UTF-8
    /// (`FileNameDisplay`): how the file is named in messages, the database and reports.
    public var relativePath: String { entry.displayPath }
    /// The folder's entry: the name's raw bytes (what opens the file), and why it cannot be
    /// read when that shows from the listing (a FIFO, a socket, a device, a broken link).
    public var entry: ExportEntry
    public var source: SourceConfig
    /// The source's place in the pipeline file (0 for the first `[[sources]]`), for messages.
    public var sourceIndex = 0
}

/// Finds the export files of a pipeline's sources, in name order (interface.md: "files are
/// read in name order", byte order of the relative path). A file matched by several sources
/// belongs to the first. Every matched entry is returned, readable or not, so that none is
/// missed without a word: the ingest reads the regular files and lists the others.
public enum ExportDiscovery {
    public static func find(in folder: String, sources: [SourceConfig]) throws -> [DiscoveredExport] {
        try scan(in: folder, sources: sources).matched
    }

    /// The files of the sources, and the other files of the folder that no source matches
    /// (hidden ones left out): those are listed once as unrecognised, with what they look like.
    public static func scan(in folder: String, sources: [SourceConfig]) throws -> (matched: [DiscoveredExport], others: [ExportEntry]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ExportFolderMissing(path: folder)
        }
        let entries = ExportFolder.list(folder)
        // A source that names one file (no *, ? or [) expects it: its absence is an error (exit 66),
        // while a pattern that matches nothing is a quiet night.
        for source in sources where !source.pattern.contains(where: { "*?[".contains($0) })
            && !entries.contains(where: { $0.relativeBytes.elementsEqual(source.pattern.utf8) }) {
            throw ExportFileMissing(folder: folder, name: source.pattern)
        }
        var found: [DiscoveredExport] = []
        var others: [ExportEntry] = []
        for entry in entries {
            let name = entry.relativeBytes + [0]
            let matched = name.withUnsafeBufferPointer { bytes in
                bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { name in
                    sources.firstIndex { fnmatch(entry.isFolder ? Self.leading($0.pattern, like: entry) : $0.pattern, name, FNM_PATHNAME) == 0 }
                }
            }
            if let matched {
                found.append(DiscoveredExport(entry: entry, source: sources[matched], sourceIndex: matched))
            } else if entry.problem == nil, !entry.isFolder {
                others.append(entry)
            }
        }
        return (found, others)
    }
}

extension ExportDiscovery {
    /// The first components of a pattern, as many as an unopened folder's path has, when the
    /// pattern has more (it reaches into such a folder); otherwise a pattern nothing matches.
    static func leading(_ pattern: String, like folder: ExportEntry) -> String {
        let depth = folder.relativeBytes.split(separator: UInt8(ascii: "/")).count
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count > depth ? parts.prefix(depth).joined(separator: "/") : "/"
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
