import ArgumentParser
import Foundation
import OutcomesIO
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

    /// The one place an error becomes an exit code: prints it as a sentence (no framework
    /// text; `context`, which names `path`, goes first unless the sentence names `path`
    /// already) and returns the code to exit with. An `ExitCode` thrown earlier was reported already and passes.
    static func failure(_ error: Error, path: String? = nil, context: String? = nil) -> ExitCode {
        if let code = error as? ExitCode { return code }
        printError(sentence(error, path: path, context: context))
        return code(for: error)
    }

    /// The sentence `failure` prints for an error (and run.json records).
    static func sentence(_ error: Error, path: String? = nil, context: String? = nil) -> String {
        var sentence = ErrorSentence.describe(error)
        if let context {
            if let file = ErrorSentence.fileError(error), file.path == nil || file.path == path {
                sentence = context + ": " + file.reason
            } else if path.map({ !sentence.contains($0) }) ?? true {
                sentence = context + ": " + sentence
            }
        }
        return sentence
    }

    static func code(for error: Error) -> ExitCode {
        switch error {
        case is DatabaseBusy: return locked
        case is PipelineFileError, is ReportFolderRefused, is NoNetworkTable, is WrongSiteRole: return usage
        case is ExportFolderMissing, is ExportFileMissing, is DictionaryFileMissing, is DictionaryUnusable: return inputMissing
        case let failure as StageFailure: return code(for: failure.underlying)
        default: return stageFailed
        }
    }
}

/// Prints to standard error.
func printError(_ message: String) {
    StandardError.line("outcomes: " + message)
}

/// Loads a pipeline file, or exits 64 with the file's line and key.
func loadPipeline(_ path: String) throws -> PipelineConfig {
    do {
        return try PipelineLoader.load(path: path)
    } catch {
        throw Exit.failure(error)
    }
}
