import Foundation
import Glibc

/// Runs the built `outcomes` for the hostile corpus: output to files (no pipe can fill up),
/// memory capped with prlimit (a reader that grows without bound dies instead of taking the
/// machine), and killed after a generous bound, which detects a hang; it is not a timing
/// assertion. `OUTCOMES_HOSTILE_TIMEOUT` (seconds, default 120) lowers it for quick local runs.
struct HostileProcess {
    struct Result: CustomStringConvertible {
        var arguments: [String]
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var stdout: String
        var stderr: String

        /// Ended by itself, with an exit code (not by a signal, not killed by the time bound).
        var exitedNormally: Bool { !signalled && !timedOut }

        var description: String {
            let how = timedOut ? "killed after \(HostileProcess.timeout) s (a hang)" : signalled ? "killed by signal \(status)" : "exit \(status)"
            return "outcomes \(arguments.joined(separator: " ")): \(how)\n--- stdout\n\(stdout.prefix(2000))\n--- stderr\n\(stderr.prefix(2000))"
        }
    }

    static let timeout: Double = ProcessInfo.processInfo.environment["OUTCOMES_HOSTILE_TIMEOUT"].flatMap(Double.init) ?? 120
    /// Address space per process: 4 GiB, far above what any case needs when memory is bounded.
    static let memoryLimit = 4 << 30

    /// The folder the command runs in; `unprivileged` runs it as nobody (uid 65534) when the
    /// tests run as root, so that a file with mode 000 is unreadable to it.
    let directory: String
    let logs: String
    var unprivileged = false

    /// Takes one of the shared process slots for the whole run, so that the time bound measures a
    /// process competing with a few others, not with the whole corpus at once.
    func run(_ arguments: [String]) async throws -> Result {
        await HostileSlots.shared.acquire()
        do {
            let result = try await runInSlot(arguments)
            await HostileSlots.shared.release()
            return result
        } catch {
            await HostileSlots.shared.release()
            throw error
        }
    }

    /// The executable where nobody can run it: a clone under a private folder (root's home)
    /// is out of nobody's reach, so the binary is copied once to a world-readable temporary folder.
    static func binaryForNobody() throws -> String {
        try nobodyCopy.get()
    }

    private static let nobodyCopy = Swift.Result<String, Error> {
        let folder = NSTemporaryDirectory() + "/outcomes-nobody-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let copy = folder + "/outcomes"
        try FileManager.default.copyItem(atPath: try CommandLineTests.binary(), toPath: copy)
        chmod(copy, 0o755)
        return copy
    }

    private func runInSlot(_ arguments: [String]) async throws -> Result {
        var command = [try CommandLineTests.binary()] + arguments
        if unprivileged && getuid() == 0 {
            command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", try Self.binaryForNobody()]
                + arguments
        }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/prlimit") {
            command = ["/usr/bin/prlimit", "--as=\(Self.memoryLimit)", "--"] + command
        }
        let id = UUID().uuidString
        let out = logs + "/\(id).out", err = logs + "/\(id).err"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        let deadline = Date().addingTimeInterval(Self.timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        let text = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        return Result(arguments: arguments, status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      timedOut: timedOut, stdout: text(out), stderr: text(err))
    }
}

/// At most a few `outcomes` processes at a time (twice the cores, at least 4): the cases run in
/// parallel, and without a limit a hundred processes on two cores would make the hang detector
/// fire on cases that are merely waiting for a core.
actor HostileSlots {
    static let shared = HostileSlots(count: max(4, 2 * ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { free = count }

    func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
