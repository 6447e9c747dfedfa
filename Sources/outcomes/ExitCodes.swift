import ArgumentParser
import Foundation
import OutcomesPipeline

/// The exit codes of interface.md (sysexits style).
enum Exit {
    static let stageFailed = ExitCode(1)
    /// Every stage ran, but at least one export file could not be read and was skipped (see
    /// data_quality.csv, kind `unreadable`). Given on every run while such a file stays.
    static let fileSkipped = ExitCode(2)
    static let usage = ExitCode(64)
    static let inputMissing = ExitCode(66)
    static let locked = ExitCode(75)
}

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("outcomes: " + message + "\n").utf8))
}

/// Loads a pipeline file, or exits 64 with the file's line and key.
func loadPipeline(_ path: String) throws -> PipelineConfig {
    do {
        return try PipelineLoader.load(path: path)
    } catch {
        printError(error.description)
        throw Exit.usage
    }
}
