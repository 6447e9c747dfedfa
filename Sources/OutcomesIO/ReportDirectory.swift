import Foundation

/// Writes a report directory as a whole: the files go to a temporary folder beside it, which
/// then takes the old folder's place, so readers see the old set or the new one, never a mix,
/// and a failed report leaves the previous one.
public enum ReportDirectory {
    public static func write(_ files: [(name: String, contents: String)], to path: String) throws {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let suffix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).new-\(suffix)")
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(suffix)")
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
            for file in files {
                let url = temporary.appendingPathComponent(file.name)
                try Data(file.contents.utf8).write(to: url)
            }
            var isDirectory: ObjCBool = false
            let exists = manager.fileExists(atPath: target.path, isDirectory: &isDirectory)
            if exists { try manager.moveItem(at: target, to: old) }
            do {
                try manager.moveItem(at: temporary, to: target)
            } catch {
                if exists { try? manager.moveItem(at: old, to: target) }
                throw error
            }
            if exists { try? manager.removeItem(at: old) }
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
    }
}
