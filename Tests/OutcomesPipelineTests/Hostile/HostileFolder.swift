import Foundation
import Glibc

/// A case's folder: `exports/` with the fixture and the faults, `pipeline.toml`, and whatever
/// user files the case plants; removed afterwards. Runs happen inside it, so the pipeline's
/// relative paths stay inside.
final class HostileFolder {
    let root: String
    let logs: String
    var exports: String { root + "/exports" }

    static let fixtures = CommandLineTests.root + "/Tests/Fixtures/hostile"

    static func defaultPipeline(patterns: [String]) -> String {
        """
        [pipeline]
        name = "hostile"
        database = "work/o.sqlite"
        reports = "work/report"
        exports = "exports"
        timezone = "America/New_York"

        """ + patterns.map { "[[sources]]\npattern = \"\($0)\"\n" }.joined()
    }

    init(for hostile: HostileCase) throws {
        let base = NSTemporaryDirectory() + "outcomes-hostile-\(hostile.name)-" + UUID().uuidString
        root = base + "/case"
        logs = base + "/logs"
        let manager = FileManager.default
        try manager.createDirectory(atPath: root + "/exports", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: logs, withIntermediateDirectories: true)
        var pipeline = Self.defaultPipeline(patterns: hostile.patterns)
        if let fixture = hostile.fixture {
            let folder = Self.fixtures + "/" + fixture
            for name in try manager.contentsOfDirectory(atPath: folder).sorted() {
                let target = name == "pipeline.toml" ? root + "/pipeline.toml" : exports + "/" + name
                try manager.copyItem(atPath: folder + "/" + name, toPath: target)
            }
        }
        for case .pipeline(let text) in hostile.setup { pipeline = text }
        if !manager.fileExists(atPath: root + "/pipeline.toml") {
            _ = manager.createFile(atPath: root + "/pipeline.toml", contents: Data(pipeline.utf8))
        }
    }

    deinit {
        chmodAll(root)
        try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent)
    }

    /// Makes the faults that `make` cannot commit, in the order the case lists them.
    func apply(_ setup: HostileSetup, run: ([String]) async throws -> HostileProcess.Result) async throws {
        switch setup {
        case .fifo(let name):
            try check(mkfifo(path(name), 0o644), "mkfifo \(name)")
        case .socket(let name):
            try makeSocket(path(name))
        case .symlink(let name, let target):
            try check(symlink(target, path(name)), "symlink \(name)")
        case .rename(let name, let bytes):
            let to = Array((exports + "/").utf8) + bytes + [0]
            try check(to.withUnsafeBufferPointer { Glibc.rename(path(name), UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }, "rename \(name)")
        case .generated(let name, let generator):
            try generate(generator, at: path(name))
        case .mode(let name, let mode):
            try check(chmod(path(name), mode_t(mode)), "chmod \(name)")
        case .directory(let name):
            try FileManager.default.createDirectory(atPath: path(name), withIntermediateDirectories: true)
        case .userFile(let name, let text):
            let file = root + "/" + name
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        case .priorRun(let arguments):
            let result = try await run(arguments)
            guard result.status == 0, result.exitedNormally else { throw SetupFailed(what: "the prior run failed: \(result)") }
        case .damageDatabase(let damage):
            try self.damage(root + "/work/o.sqlite", damage)
        case .pipeline:
            break
        }
    }

    /// `name` is relative to `exports/`, or to the case folder when it starts with "/".
    func path(_ name: String) -> String { name.hasPrefix("/") ? root + name : exports + "/" + name }

    struct SetupFailed: Error, CustomStringConvertible { let what: String; var description: String { what } }

    private func check(_ code: Int32, _ what: String) throws {
        if code != 0 { throw SetupFailed(what: "\(what): \(String(cString: strerror(errno)))") }
    }

    private func makeSocket(_ path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw SetupFailed(what: "socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in raw.copyBytes(from: bytes) }
        let code = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try check(code, "bind \(path)")
    }

    private func generate(_ generator: HostileGenerator, at path: String) throws {
        let header = "patient_id,instrument,administered_at,total,clinic_id\n"
        let good = "P1,GAD-7,2026-03-04 09:00,12,C01\n"
        var text: [UInt8]
        switch generator {
        case .longField(let bytes, let quoted):
            let field = [UInt8](repeating: UInt8(ascii: "x"), count: bytes)
            text = Array((header + good + "P2,GAD-7,2026-03-05 10:00,9,").utf8) + (quoted ? [34] + field + [34] : field)
                + Array(("\n" + "P3,GAD-7,2026-03-06 10:00,30,C01\n").utf8)
        case .columns(let count):
            let names = ["patient_id", "instrument", "administered_at", "total"] + (5...count).map { "extra_\($0)" }
            let filler = String(repeating: ",0", count: count - 4)
            text = Array((names.joined(separator: ",") + "\n" + "P1,GAD-7,2026-03-04 09:00,12" + filler + "\n"
                          + "P2,GAD-7,2026-03-05 10:00,99" + filler + "\n" + "P3,GAD-7,2026-03-05 10:00,3\n").utf8)
        case .rows(let count):
            text = Array((header + (1...count).map { "P\($0),GAD-7,2026-03-04 09:00,\($0 % 25),C01\n" }.joined()).utf8)
        case .sparse(let bytes):
            let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
            defer { close(fd) }
            try check(ftruncate(fd, off_t(bytes)), "ftruncate")
            return
        }
        _ = FileManager.default.createFile(atPath: path, contents: Data(text))
    }

    private func damage(_ database: String, _ damage: HostileDamage) throws {
        let manager = FileManager.default
        guard let data = manager.contents(atPath: database) else { throw SetupFailed(what: "no database to damage at \(database)") }
        var bytes = [UInt8](data)
        switch damage {
        case .garbage: bytes = Array("this is not a database, only a text file named like one\n".utf8)
        case .pages: for i in 4096..<bytes.count { bytes[i] = 0x5A }
        case .truncate: bytes = Array(bytes.prefix(bytes.count / 2))
        }
        try Data(bytes).write(to: URL(fileURLWithPath: database))
    }

    /// Folders a case made unreadable are opened again so that they can be removed; links
    /// are never followed (one of them points at /dev/null).
    private func chmodAll(_ folder: String) {
        chmod(folder, 0o755)
        guard let names = FileManager.default.enumerator(atPath: folder) else { return }
        while let name = names.nextObject() as? String {
            var info = stat()
            if lstat(folder + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { chmod(folder + "/" + name, 0o755) }
        }
    }

    /// Hands the case folder to nobody (uid 65534), for cases run unprivileged as root.
    func giveToNobody() {
        lchown(root, 65534, 65534)
        guard let names = FileManager.default.enumerator(atPath: root) else { return }
        while let name = names.nextObject() as? String { lchown(root + "/" + name, 65534, 65534) }
    }
}
