import Foundation
import Glibc
import OutcomesCore

/// Writes a report directory as a whole: the files go to a hidden folder beside it, which then
/// takes the old folder's place, so readers see the old set or the new one, never a mix, and a
/// report that fails leaves the previous one. Whether the folder may be replaced at all (it is
/// the report's own) is decided before, by the pipeline's report folder guard.
public enum ReportDirectory {
    /// Runs `build` with the path of an empty temporary folder, then puts that folder at `path`
    /// (a link at `path` would be replaced, not followed; the guard refuses one). A failure of
    /// the file system is a `ReportWriteError` naming `path`; `build`'s own errors pass through.
    public static func replace(_ path: String, build: (String) throws -> Void) throws {
        let manager = FileManager.default
        let target = FileSystemPath.resolvedEntry(path)
        let name = (target as NSString).lastPathComponent
        guard target != "/", !name.isEmpty else {
            throw ReportWriteError(path: path, reason: "it is the root folder")
        }
        let parent = (target as NSString).deletingLastPathComponent
        if let blocker = nonFolderAncestor(of: parent) {
            throw ReportWriteError(path: path, reason: "\(blocker) is a file, not a folder", errorNumber: ENOTDIR)
        }
        do {
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw ReportWriteError(path: path, error) ?? error
        }
        removeLeftovers(of: name, in: parent)
        let suffix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = parent + "/.\(name).new-\(suffix)"
        let old = parent + "/.\(name).old-\(suffix)"
        do {
            try manager.createDirectory(atPath: temporary, withIntermediateDirectories: false)
            try build(temporary)
            var info = stat()
            let exists = lstat(target, &info) == 0
            if exists { try manager.moveItem(atPath: target, toPath: old) }
            Checkpoint.reach("report.old-moved-aside")
            do {
                try manager.moveItem(atPath: temporary, toPath: target)
            } catch {
                if exists { try? manager.moveItem(atPath: old, toPath: target) }
                throw error
            }
            if exists { try? manager.removeItem(atPath: old) }
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw ReportWriteError(path: path, error) ?? error
        }
    }

    /// The nearest existing ancestor of `folder` (itself included) when it is not a folder:
    /// Foundation would only say "file exists".
    static func nonFolderAncestor(of folder: String) -> String? {
        var current = folder
        while true {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: current, isDirectory: &isFolder) { return isFolder.boolValue ? nil : current }
            let up = (current as NSString).deletingLastPathComponent
            if up == current || up.isEmpty { return nil }
            current = up
        }
    }

    /// Removes the `.NAME.new-PID-N` and `.NAME.old-PID-N` folders a killed run left half-way
    /// (it held the database lock, which is ours now): only real folders named so exactly that
    /// hold nothing but report files, so that a user's file or folder of a like name is kept.
    static func removeLeftovers(of name: String, in parent: String) {
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        for sibling in siblings where isLeftoverName(sibling, of: name) {
            let path = parent + "/" + sibling
            guard case let .folder(entries, manifest) = FolderContents.at(path),
                  ReportFolderOwnership.isLeftover(entries, manifest: manifest) else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// `.NAME.new-PID-N` or `.NAME.old-PID-N`, digits only: the names `replace` gives.
    static func isLeftoverName(_ sibling: String, of name: String) -> Bool {
        for kind in ["new", "old"] where sibling.hasPrefix(".\(name).\(kind)-") {
            let numbers = sibling.dropFirst(name.count + kind.count + 3).split(separator: "-", omittingEmptySubsequences: false)
            return numbers.count == 2 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
        }
        return false
    }

    public static func write(_ contents: String, to path: String) throws {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Writes `contents` as the file `name` of `folder` at once: to a hidden temporary file
    /// beside the folder (`.FOLDER.NAME-PID-RANDOM`, so a run killed midway leaves nothing
    /// inside the folder that would make it look foreign), then renamed into it. A reader sees
    /// the old file or the new one, never half of one.
    public static func replaceFile(_ name: String, in folder: String, contents: String) throws {
        let target = FileSystemPath.resolvedEntry(folder)
        let parent = (target as NSString).deletingLastPathComponent
        let temporary = parent + "/.\((target as NSString).lastPathComponent).\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try Data(contents.utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, target + "/" + name) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            unlink(temporary)
            throw ReportWriteError(path: target + "/" + name, error) ?? error
        }
    }
}

/// A file written through a 64 KiB buffer: the CSV writer's and the report's data-quality lines.
public final class BufferedFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    public init(path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        buffer.reserveCapacity(1 << 16)
    }

    public func write(_ text: String) throws { try write(bytes: { $0.append(contentsOf: text.utf8) }) }

    /// Appends through `fill`, flushing once the buffer holds 64 KiB.
    public func write(bytes fill: (inout [UInt8]) -> Void) throws {
        fill(&buffer)
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
