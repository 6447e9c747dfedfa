import Foundation

/// A testing hook for crash safety: `OUTCOMES_CHECKPOINT=name` (or `name:N`, the N-th time,
/// counting from 1) makes the process kill itself with SIGKILL when it reaches that named
/// point, so a test kills a run exactly where it means to, whatever the machine's load.
/// Unset (as in production), `reach` compares one optional and returns.
/// The names and where they are: docs/operations.md, "Crash safety".
public enum Checkpoint {
    /// The checkpoint asked for, read from the environment once.
    static let target: Target? = Target(ProcessInfo.processInfo.environment["OUTCOMES_CHECKPOINT"])

    /// Kills the process (SIGKILL: no cleanup, no flush, as a power cut or the OOM killer would)
    /// when `name` is the checkpoint asked for and this is the time it was asked for.
    public static func reach(_ name: String) {
        guard let target, target.name == name, target.counter.increment() == target.time else { return }
        raise(SIGKILL)
    }

    struct Target: Sendable {
        let name: String
        /// 1-based: which time reaching the checkpoint kills.
        let time: Int
        let counter = Counter()

        /// `name` or `name:N` with N ≥ 1; anything else (or nothing) asks for no checkpoint.
        init?(_ text: String?) {
            guard let text, !text.isEmpty else { return nil }
            if let colon = text.lastIndex(of: ":") {
                guard let time = Int(text[text.index(after: colon)...]), time >= 1 else { return nil }
                name = String(text[..<colon])
                self.time = time
            } else {
                name = text
                time = 1
            }
        }
    }

    /// How many times the checkpoint was reached (stages may reach it from any thread).
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        func increment() -> Int { lock.withLock { count += 1; return count } }
    }
}
