import Foundation

/// Writes a report directory as a whole: the files go to a hidden folder beside it, which then
/// takes the old folder's place, so readers see the old set or the new one, never a mix, and a
/// report that fails leaves the previous one.
public enum ReportDirectory {
    /// Runs `build` with the path of an empty temporary folder, then puts that folder at `path`.
    public static func replace(_ path: String, build: (String) throws -> Void) throws {
        let manager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        // Folders a killed run left half-way (it held the database lock, which is ours now).
        let leftovers = (try? manager.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in leftovers where name.hasPrefix(".\(target.lastPathComponent).new-") || name.hasPrefix(".\(target.lastPathComponent).old-") {
            try? manager.removeItem(at: parent.appendingPathComponent(name))
        }
        let suffix = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let temporary = parent.appendingPathComponent(".\(target.lastPathComponent).new-\(suffix)")
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(suffix)")
        do {
            try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
            try build(temporary.path)
            let exists = manager.fileExists(atPath: target.path)
            if exists { try manager.moveItem(at: target, to: old) }
            Checkpoint.reach("report.old-moved-aside")
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

    public static func write(_ contents: String, to path: String) throws {
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    }
}

/// A file written through a 64 KiB buffer: the CSV writer's and the report's data-quality lines.
public final class BufferedFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw FileReadError(path: path, reason: "cannot create the file")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
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
