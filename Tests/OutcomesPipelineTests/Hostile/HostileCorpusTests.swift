import Foundation
import Glibc
import Testing

/// The hostile corpus of issue 9 (Tests/Fixtures/hostile/README.md): each case is its own test
/// result, so one run lists every case that fails. The generic invariants hold for every case,
/// whatever the exact messages: a normal exit with an allowed code within the time bound;
/// every record stored or listed; every file outside the pipeline's own byte-identical; a
/// second run with the same code that adds nothing; `validate` on each export terminating.
@Suite struct HostileCorpusTests {
    @Test(arguments: HostileCase.all)
    func hostileCase(_ hostile: HostileCase) async throws {
        let folder = try HostileFolder(for: hostile)
        let unprivileged = hostile.setup.contains { if case .mode = $0 { true } else { false } }
        let runner = HostileProcess(directory: folder.root, logs: folder.logs, unprivileged: unprivileged)
        for step in hostile.setup { try await folder.apply(step, run: runner.run) }
        if unprivileged && getuid() == 0 { folder.giveToNobody() }

        let owned = [hostile.database, hostile.database + "-wal", hostile.database + "-shm", hostile.database + "-journal",
                     hostile.database + ".lock", hostile.database + ".checked"] + (hostile.report.map { [$0] } ?? [])
        func allowedNew(_ path: String) -> Bool { owned.contains { $0 == path || $0.hasPrefix(path + "/") } }
        let before = HostileSnapshot(folder.root, excluding: owned)
        let arguments = ["run", hostile.pipelineFile] + hostile.arguments

        let first = try await runner.run(arguments)
        let firstQuality = dataQuality(folder, hostile)
        check(first, hostile, quality: firstQuality, folder: folder)
        // A case about a damaged database cannot be read back; every other database must be.
        let read = { (quality: [UInt8]) throws -> HostileAccounting in
            do { return try HostileAccounting(database: folder.root + "/" + hostile.database, dataQuality: HostileRecords.table(quality)) }
            catch where !hostile.checkRows { return HostileAccounting() }
        }
        let accounting = try read(firstQuality ?? [])
        if hostile.checkRows && first.exitedNormally && [0, 1, 2].contains(first.status) {
            checkNothingLost(folder, hostile, accounting)
        }
        let afterFirst = HostileSnapshot(folder.root, excluding: owned)
        let changes = before.differences(to: afterFirst, allowedNew: allowedNew)
        if !changes.isEmpty { Issue.record("files outside the pipeline's own changed:\n\(changes.joined(separator: "\n"))") }
        for path in hostile.mustExist where !FileManager.default.fileExists(atPath: folder.root + "/" + path) {
            Issue.record("\(path) is gone after the run")
        }

        if first.exitedNormally {
            let second = try await runner.run(arguments)
            if !second.exitedNormally || second.status != first.status {
                Issue.record("the second run ended otherwise than the first (exit \(first.status)):\n\(second)")
            }
            let again = try read([])
            if again.counts != accounting.counts {
                Issue.record("the second run changed the database's row counts (score, session, histories, row_issue): \(accounting.counts) → \(again.counts)")
            }
            let secondQuality = dataQuality(folder, hostile)
            if let firstQuality, let secondQuality {
                if firstQuality != secondQuality { Issue.record("the second run's data_quality.csv differs from the first's") }
            }
            let changes = before.differences(to: HostileSnapshot(folder.root, excluding: owned), allowedNew: allowedNew)
            if !changes.isEmpty { Issue.record("after the second run, files outside the pipeline's own changed:\n\(changes.joined(separator: "\n"))") }
        }

        for entry in HostileNames.matchedEntries(folder.exports, patterns: hostile.patterns) {
            guard let path = String(validating: entry, as: UTF8.self) else { continue }   // no argument can name it
            let result = try await runner.run(["validate", "exports/" + path])
            if !result.exitedNormally { Issue.record("validate did not terminate normally:\n\(result)") }
        }
        if hostile.status {
            let result = try await runner.run(["status", hostile.pipelineFile])
            if !result.exitedNormally { Issue.record("status did not terminate normally:\n\(result)") }
            for text in hostile.statusContains where !result.stderr.contains(text) && !result.stdout.contains(text) {
                Issue.record("status does not say \"\(text)\":\n\(result)")
            }
        }
    }

    /// The harness's own reading of record starts, on hand-counted input: CRLF, CR and LF lines,
    /// a quoted field over two lines, a quote in mid-field that keeps the field open (libcsv), a
    /// blank line, a comma-only line, a BOM.
    @Test func harnessFindsRecordStarts() {
        let text = "\u{FEFF}h1,h2\r\na,1\rb,2\n\"x\ny\",3\n\n,,\n c,4\r\n\"d\"e,\n5\"\nf,6"
        #expect(HostileRecords.dataLines(Array(text.utf8)) == [2, 3, 4, 8, 9, 11])
        #expect(HostileRecords.table(Array("file,line\n\"a,\"\"b\"\"\",2\n".utf8)) == [["file", "line"], ["a,\"b\"", "2"]])
        #expect(HostileNames.unescaped("caf\\xE9\\0\\r.csv") == Array("caf".utf8) + [0xE9, 0, 13] + Array(".csv".utf8))
        #expect(HostileNames.unescaped("\\u{1B}x") == [0x1B, 0x78])
    }

    /// The README's table names every case, every fixture folder belongs to a case, and no two
    /// cases share a name (their folders and test results are told apart by it).
    @Test func everyCaseIsDocumented() throws {
        let names = HostileCase.all.map(\.name)
        #expect(Set(names).count == names.count, "two cases share a name")
        #expect(names.count >= 60)
        let readme = try String(contentsOfFile: HostileFolder.fixtures + "/README.md", encoding: .utf8)
        for name in names { #expect(readme.contains("| `\(name)` |"), "README.md has no row for \(name)") }
        let used = Set(HostileCase.all.compactMap(\.fixture))
        let folders = try FileManager.default.contentsOfDirectory(atPath: HostileFolder.fixtures).filter { !$0.contains(".") }
        #expect(Set(folders) == used, "fixture folders without a case: \(Set(folders).subtracting(used).sorted()); cases without a folder: \(used.subtracting(folders).sorted())")
    }

    /// The case's own expectations of one run.
    func check(_ result: HostileProcess.Result, _ hostile: HostileCase, quality: [UInt8]?, folder: HostileFolder) {
        guard result.exitedNormally else { Issue.record("\(result)"); return }
        if !hostile.allowedExits.contains(result.status) {
            Issue.record("exit \(result.status) is not in \(hostile.allowedExits.sorted()):\n\(result)")
        } else if let exit = hostile.exit, result.status != exit {
            Issue.record("exit \(result.status), expected \(exit):\n\(result)")
        }
        for text in hostile.stderrContains where !result.stderr.contains(text) {
            Issue.record("standard error does not say \"\(text)\":\n\(result)")
        }
        let qualityText = quality.map { String(decoding: $0, as: UTF8.self) }
        for text in hostile.dataQualityContains where qualityText?.contains(text) != true {
            Issue.record("data_quality.csv does not say \"\(text)\":\n\(qualityText.map { String($0.prefix(3000)) } ?? "(no data_quality.csv)")\n\(result)")
        }
        if hostile.reportWritten && qualityText == nil { Issue.record("no report was written:\n\(result)") }
        if !hostile.reportMustNotContain.isEmpty, let report = hostile.report {
            let markdown = (try? String(contentsOfFile: folder.root + "/" + report + "/report.md", encoding: .utf8)) ?? ""
            if markdown.isEmpty { Issue.record("no report.md was written") }
            for text in hostile.reportMustNotContain where markdown.contains(text) {
                Issue.record("report.md carries \(text.debugDescription) as it is (it would render)")
            }
        }
        if let report = hostile.report, hostile.reportWritten,
           let html = try? String(contentsOfFile: folder.root + "/" + report + "/report.html", encoding: .utf8) {
            // report.html: export text is text, so no element that runs, loads or links can come from it.
            for tag in ["<script", "<img", "<iframe", "<object", "<embed", "<link", "<a ", " src=", " onerror=", " onload="]
            where html.lowercased().contains(tag) {
                Issue.record("report.html carries \(tag.debugDescription) (markup from an export would render)")
            }
        }
        if hostile.noFormulaCells, let quality {
            let formulas = HostileRecords.table(quality).joined().filter { cell in cell.first.map { "=+-@".contains($0) } ?? false }
            if !formulas.isEmpty { Issue.record("data_quality.csv has cells a spreadsheet runs as formulas: \(formulas)") }
        }
    }

    func checkNothingLost(_ folder: HostileFolder, _ hostile: HostileCase, _ accounting: HostileAccounting) {
        let entries = HostileNames.matchedEntries(folder.exports, patterns: hostile.patterns)
        let contents = entries.map { HostileFile.regularContents(folder.exports, $0) }
        for (index, entry) in entries.enumerated() {
            guard let bytes = contents[index] else {
                if !HostileFile.isFolder(folder.exports, entry) && !accounting.listedWhole([entry]) {
                    Issue.record("\(HostileNames.display(entry)) is not a regular file and is not listed in data quality")
                }
                continue
            }
            let twins = entries.indices.filter { $0 != index && contents[$0] == bytes }.map { entries[$0] }
            let lines = HostileRecords.dataLines(bytes).filter { !hostile.notRecords.contains($0) }
            if let problem = accounting.unaccounted(file: entry, lines: lines, sameContent: twins) {
                Issue.record("row lost: \(problem)")
            }
        }
    }

    func dataQuality(_ folder: HostileFolder, _ hostile: HostileCase) -> [UInt8]? {
        guard let report = hostile.report else { return nil }
        return FileManager.default.contents(atPath: folder.root + "/" + report + "/data_quality.csv").map { [UInt8]($0) }
    }
}

/// Reads an export given by raw-byte name: its bytes when it is (or links to) a regular file.
enum HostileFile {
    /// A link to a folder is a folder (discovery does not list folders).
    static func isFolder(_ folder: String, _ name: [UInt8]) -> Bool {
        (Array(folder.utf8) + [47] + name + [0]).withUnsafeBufferPointer { buffer in
            var info = stat()
            return stat(UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self), &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
        }
    }

    static func regularContents(_ folder: String, _ name: [UInt8]) -> [UInt8]? {
        let path = Array(folder.utf8) + [47] + name + [0]
        return path.withUnsafeBufferPointer { buffer -> [UInt8]? in
            let cPath = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var info = stat()
            guard stat(cPath, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            let fd = open(cPath, O_RDONLY | O_NONBLOCK)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var bytes: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 20)
            while case let count = read(fd, &chunk, chunk.count), count > 0 { bytes += chunk[0..<count] }
            return bytes
        }
    }
}
