import Foundation

/// One entry of a folder, as the report-folder rules look at it (the file system gives it).
public struct FolderEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case file, folder, other }

    public var name: String
    public var kind: Kind

    public init(_ name: String, _ kind: Kind = .file) {
        self.name = name
        self.kind = kind
    }
}

/// Whether a folder is the report stage's own, so that replacing it deletes nothing else
/// (issue 9: `--out ~/docs` deleted a thesis). A folder is ours when it is empty, or when it
/// holds our manifest.json and nothing but the files that manifest lists. A folder with our
/// manifest and one more file is not ours: the file may be someone's notes put beside the
/// report, and replacing the folder would delete them. run.json (the run log, written after
/// the manifest and so never listed in it) is ours beside our manifest, and only there.
public enum ReportFolderOwnership {
    /// Files an operating system drops into any folder a person looks at; they hold nothing.
    public static let systemLitter: Set<String> = [".DS_Store", "Thumbs.db"]

    /// The entries of a folder that the report stage did not write, as shown to the user
    /// (a folder with a trailing `/`), in name order; empty when the folder is ours.
    /// `manifest` is the text of its manifest.json when that is a regular file.
    public static func foreignEntries(_ entries: [FolderEntry], manifest: String?) -> [String] {
        let listed = manifest.flatMap(RunManifest.fileNames)
        return entries.sorted { $0.name < $1.name }.compactMap { entry in
            if systemLitter.contains(entry.name) && entry.kind == .file { return nil }
            switch entry.kind {
            case .folder: return entry.name + "/"
            case .other: return entry.name
            case .file:
                guard let listed else { return entry.name == "manifest.json" ? "manifest.json (not written by outcomes)" : entry.name }
                return entry.name == "manifest.json" || entry.name == RunLog.fileName || listed.contains(entry.name) ? nil : entry.name
            }
        }
    }

    /// Whether a `.NAME.new-…`/`.NAME.old-…` folder beside the report is one a killed run left:
    /// nothing but files the report writes (a half-written one has no manifest yet), or the
    /// files its own manifest lists (and run.json beside that manifest: an old folder moved
    /// aside has the last run's log). Anything else is left alone, whatever its name.
    public static func isLeftover(_ entries: [FolderEntry], manifest: String?) -> Bool {
        let ours = manifest.flatMap(RunManifest.fileNames)
        let listed = ours ?? []
        return entries.allSatisfy { entry in
            entry.kind == .file && (systemLitter.contains(entry.name) || listed.contains(entry.name) || ReportFiles.isReportFileName(entry.name)
                || (ours != nil && entry.name == RunLog.fileName))
        }
    }
}

extension RunManifest {
    /// The names of the files a manifest.json written by this program lists, or nil when
    /// `text` is not one (another tool's manifest.json does not make a folder ours): a JSON
    /// object with `manifest_version`, `program_version`, `run_time`, `pipeline.name` and
    /// `files`, each file with a `name` and a `sha256`.
    public static func fileNames(_ text: String) -> Set<String>? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              object["manifest_version"] is NSNumber, object["program_version"] is String, object["run_time"] is String,
              let pipeline = object["pipeline"] as? [String: Any], pipeline["name"] is String,
              let files = object["files"] as? [[String: Any]] else { return nil }
        var names: Set<String> = []
        for file in files {
            guard let name = file["name"] as? String, file["sha256"] is String, !name.contains("/") else { return nil }
            names.insert(name)
        }
        return names
    }
}

extension ReportFiles {
    /// Whether `name` is one the report stage writes: its CSV files, report.md, report.html, manifest.json
    /// and the charts (`PREFIX_KEY.svg`, one prefix per kind of chart).
    public static func isReportFileName(_ name: String) -> Bool {
        if tables.contains(where: { $0.name == name }) || otherNames.contains(name) { return true }
        for prefix in ReportCharts.prefixes where name.hasPrefix(prefix) && name.hasSuffix(".svg") {
            let key = name.dropFirst(prefix.count).dropLast(4)
            return !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
        return false
    }
}
