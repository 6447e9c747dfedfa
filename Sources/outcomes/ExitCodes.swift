import ArgumentParser
import Foundation
import OutcomesPipeline

/// The exit codes of interface.md (sysexits style).
enum Exit {
    static let stageFailed = ExitCode(1)
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

/// Refuses, before any stage runs, a report folder the pipeline did not write (exit 64): the
/// report stage replaces its folder as a whole.
func checkReportFolder(_ rule: ReportFolderGuard) throws {
    do {
        try rule.check()
    } catch {
        printError(error.description)
        throw Exit.usage
    }
}

/// The exit code of a run that failed: 66 when the exports are missing, 64 when the report
/// folder was refused at the last moment (it changed after the first check), 1 otherwise.
func failedRunExit(_ error: Error) -> ExitCode {
    guard case let failure as StageFailure = error else { return Exit.stageFailed }
    if failure.underlying is ExportFolderMissing || failure.underlying is ExportFileMissing { return Exit.inputMissing }
    if failure.underlying is ReportFolderRefused { return Exit.usage }
    return Exit.stageFailed
}
