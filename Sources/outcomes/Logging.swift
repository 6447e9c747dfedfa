import Foundation
import Logging
import OutcomesCore

/// Plain lines on standard error: `outcomes: warning: …`. Under cron only warnings and
/// errors appear (mail goes out only when something needs a look); `--verbose` adds what each
/// stage did and why it ran.
struct PlainLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let details = all.isEmpty ? "" : " (" + all.keys.sorted().map { "\($0): \(all[$0]!)" }.joined(separator: ", ") + ")"
        StandardError.line("outcomes: \(event.level): \(event.message)\(details)")
    }
}

/// Every line the program writes to standard error. When standard error is not a terminal
/// (cron, a pipe, a log file) each line starts with the UTC time, `2026-12-02T06:00:00Z `,
/// so a mail or a log says when it happened; on a terminal the reader knows. The time is the
/// run clock's (`OUTCOMES_RUN_TIME` pins it). Standard output, the stage summaries, has no
/// time: its lines stay the same from run to run for scripts that read them.
enum StandardError {
    static let isTerminal = isatty(STDERR_FILENO) == 1

    static func line(_ text: String) {
        let stamped = isTerminal ? text : CivilTime.isoUTC(RunClock.now()) + " " + text
        FileHandle.standardError.write(Data((stamped + "\n").utf8))
    }
}


/// Sets the log level once per process.
func bootstrapLogging(verbose: Bool) {
    LoggingSystem.bootstrap { _ in PlainLogHandler(logLevel: verbose ? .info : .warning) }
}
