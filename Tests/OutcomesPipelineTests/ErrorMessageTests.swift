import TestSupport
import Foundation
import Testing
import OutcomesIO

/// What the command line says when a file or folder stands in the way: one sentence with the
/// path, no framework text, and the exit code of the README's table.
@Suite struct ErrorMessageTests {
    let cli = CommandLineTests()
    let folder = TemporaryFolder()

    @Test func aLatin1PipelineFileExits64() throws {
        let path = folder.write("p.toml", bytes: Array("[pipeline]\nname = \"caf".utf8) + [0xE9] + Array("\"\n".utf8))
        for command in ["run", "status"] {
            let result = try cli.run([command, path])
            #expect(result.status == 64)
            #expect(result.stderr == "outcomes: \(path) line 2, column 12: the file is not UTF-8 text (byte 0xE9 here); save it as UTF-8\n")
        }
    }

    @Test func aMissingPipelineFileOrAFolderExits64() throws {
        let missing = try cli.run(["status", folder.path + "/none.toml"])
        #expect(missing.status == 64)
        #expect(missing.stderr == "outcomes: \(folder.path)/none.toml: no such pipeline file (see Pipelines/ for examples)\n")
        let isFolder = try cli.run(["run", folder.path])
        #expect(isFolder.status == 64)
        #expect(isFolder.stderr == "outcomes: \(folder.path): this is a folder, not a pipeline file\n")
    }

    @Test func aFileWhereTheDatabaseFolderShouldBe() throws {
        let file = folder.write("afile", "x")
        let result = try cli.run(["run", "Pipelines/nightly.toml", "--db", file + "/o.sqlite", "--out", folder.path + "/r"])
        #expect(result.status == 1)
        #expect(result.stderr == "outcomes: cannot create the database's folder \(file): file exists\n")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/r"))
    }

    @Test func statusOnAFileThatIsNotADatabase() throws {
        let path = folder.write("o.sqlite", "not a database, just text that is long enough to have a header page......\n")
        let result = try cli.run(["status", "Pipelines/nightly.toml", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr == "outcomes: the database \(path) is damaged (SQLite: file is not a database); "
                + "restore it from a backup or move it away to start a new one\n")
    }

    @Test func statusOnADatabaseOfANewerProgram() throws {
        let path = folder.path + "/o.sqlite"
        try SQLiteDatabase(path: path).execute("PRAGMA user_version = 999; CREATE TABLE t(x);")
        let result = try cli.run(["status", "Pipelines/nightly.toml", "--db", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("outcomes: the database \(path) has schema version 999, newer than this program's "), "\(result.stderr)")
    }

    @Test func anErrorACommandLetsOutIsASentence() throws {
        let file = folder.write("afile", "x")
        let sample = try cli.run(["sample", "--out", file + "/x"])
        #expect(sample.status == 1)
        #expect(sample.stderr == "outcomes: \(file)/x: not a directory\n")
        // ArgumentParser's own help and usage errors are untouched.
        let help = try cli.run(["run", "--help"])
        #expect(help.status == 0 && help.stdout.hasPrefix("OVERVIEW: Run a pipeline"))
        let usage = try cli.run(["run", "Pipelines/nightly.toml", "--stage", "ingest", "--from", "ingest"])
        #expect(usage.status == 64 && usage.stderr.hasPrefix("Error: use --stage or --from, not both\n"))
    }
}
