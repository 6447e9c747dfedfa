import Foundation
import Logging

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
        FileHandle.standardError.write(Data("outcomes: \(event.level): \(event.message)\(details)\n".utf8))
    }
}


/// Sets the log level once per process.
func bootstrapLogging(verbose: Bool) {
    LoggingSystem.bootstrap { _ in PlainLogHandler(logLevel: verbose ? .info : .warning) }
}
