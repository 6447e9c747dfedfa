import Foundation
import Testing

/// One hostile input or fault of the corpus (Tests/Fixtures/hostile/README.md): how to set it up
/// in a fresh case folder, what to run, and what must hold. Every case also gets the generic
/// invariants of `HostileCorpusTests` (normal exit within the time bound, nothing lost, every
/// user file intact, a second run that adds nothing, `validate` that terminates).
///
/// The optional expectations (`exit`, `stderrContains`, `dataQualityContains`, …) are the
/// targets of issue 9; where the wording is not fixed by the issue it is the lead's to adjust.
struct HostileCase: Sendable, CustomTestStringConvertible {
    /// Also the fixture folder's name under Tests/Fixtures/hostile, when `fixture` is true.
    var name: String
    /// One line: what the case is (the README's table says the same).
    var what: String
    /// Copy Tests/Fixtures/hostile/<fixture>/ into `exports/` (a `pipeline.toml` there becomes
    /// the case's pipeline file instead).
    var fixture: String?
    var setup: [HostileSetup] = []
    /// The pipeline file, relative to the case folder.
    var pipelineFile = "pipeline.toml"
    /// After `outcomes run <pipelineFile>`.
    var arguments: [String] = []
    var allowedExits: Set<Int32> = [0, 1, 2]
    var exit: Int32?
    var stderrContains: [String] = []
    /// Substrings of data_quality.csv (in the pipeline's report folder).
    var dataQualityContains: [String] = []
    /// Text that must not appear in report.md (raw Markdown/HTML that would render).
    var reportMustNotContain: [String] = []
    /// The report folder must have been written (one bad file never stops the night).
    var reportWritten = false
    /// No data_quality.csv cell may start with `=`, `+`, `-` or `@` (a spreadsheet formula).
    var noFormulaCells = false
    /// Paths (relative to the case folder) that must exist after every run.
    var mustExist: [String] = []
    /// Check that every record of every export is stored or listed (off when the case is
    /// about the database itself).
    var checkRows = true
    /// Run `outcomes status pipeline.toml` as well; it must terminate normally and its
    /// standard error contain `statusContains`.
    var status = false
    var statusContains: [String] = []
    /// The pipeline's database and its report folder, relative to the case folder: the only
    /// paths a run may change. `report` is nil when the case points the report at user data.
    var database = "work/o.sqlite"
    var report: String? = "work/report"
    /// The `[[sources]]` patterns of the pipeline file (files they match are the exports checked).
    var patterns = ["*.csv"]
    /// Lines the harness must not expect to be accounted for (with the reason in the table).
    var notRecords: [Int] = []

    var testDescription: String { name }
}

/// A fault that cannot be committed as a file: made in the case folder before the first run.
enum HostileSetup: Sendable {
    case fifo(String)
    case socket(String)
    case symlink(String, to: String)
    /// Renames a file of `exports/` to a name given as raw bytes (Latin-1, CR, newline, …).
    case rename(String, to: [UInt8])
    case generated(String, HostileGenerator)
    case mode(String, UInt16)
    case directory(String)
    /// A user's file (relative to the case folder), which no run may touch.
    case userFile(String, String)
    /// `outcomes` with these arguments, run (and required to exit 0) before the case's snapshot.
    case priorRun([String])
    case damageDatabase(HostileDamage)
    /// The pipeline file's text, replacing the default.
    case pipeline(String)
}

/// Files too big, or too regular, to commit: made at test time, sizes kept modest.
enum HostileGenerator: Sendable {
    /// A long export whose second data row holds one field of `bytes` bytes (quoted or not).
    case longField(bytes: Int, quoted: Bool)
    /// A long export with `columns` columns (the contract's four, then fillers) and three rows.
    case columns(Int)
    /// A file of `bytes` zero bytes made with ftruncate (sparse).
    case sparse(bytes: Int)
    /// A valid long export of `rows` rows.
    case rows(Int)
}

/// How a case damages the database left by a `priorRun`.
enum HostileDamage: Sendable {
    /// Overwrites the file with text that is not SQLite.
    case garbage
    /// Overwrites pages 2… with 0x5A bytes, keeping the header valid.
    case pages
    /// Cuts the file to half its size.
    case truncate
}
