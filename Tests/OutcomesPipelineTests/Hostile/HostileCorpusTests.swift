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
                     hostile.database + ".lock"] + (hostile.report.map { [$0] } ?? [])
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
        #expect(changes.isEmpty, "files outside the pipeline's own changed:\n\(changes.joined(separator: "\n"))")
        for path in hostile.mustExist {
            #expect(FileManager.default.fileExists(atPath: folder.root + "/" + path), "\(path) is gone after the run")
        }

        if first.exitedNormally {
            let second = try await runner.run(arguments)
            #expect(second.exitedNormally && second.status == first.status,
                    "the second run ended otherwise than the first (exit \(first.status)):\n\(second)")
            let again = try read([])
            #expect(again.counts == accounting.counts,
                    "the second run changed the database's row counts (score, session, histories, row_issue): \(accounting.counts) → \(again.counts)")
            let secondQuality = dataQuality(folder, hostile)
            if let firstQuality, let secondQuality {
                #expect(firstQuality == secondQuality, "the second run's data_quality.csv differs from the first's")
            }
            let changes = before.differences(to: HostileSnapshot(folder.root, excluding: owned), allowedNew: allowedNew)
            #expect(changes.isEmpty, "after the second run, files outside the pipeline's own changed:\n\(changes.joined(separator: "\n"))")
        }

        for entry in HostileNames.matchedEntries(folder.exports, patterns: hostile.patterns) {
            guard let path = String(validating: entry, as: UTF8.self) else { continue }   // no argument can name it
            let result = try await runner.run(["validate", "exports/" + path])
            #expect(result.exitedNormally, "validate did not terminate normally:\n\(result)")
        }
        if hostile.status {
            let result = try await runner.run(["status", hostile.pipelineFile])
            #expect(result.exitedNormally, "status did not terminate normally:\n\(result)")
            for text in hostile.statusContains {
                #expect(result.stderr.contains(text) || result.stdout.contains(text), "status does not say \"\(text)\":\n\(result)")
            }
        }
    }

    /// The case's own expectations of one run.
    func check(_ result: HostileProcess.Result, _ hostile: HostileCase, quality: [UInt8]?, folder: HostileFolder) {
        #expect(result.exitedNormally, "\(result)")
        guard result.exitedNormally else { return }
        #expect(hostile.allowedExits.contains(result.status), "exit \(result.status) is not in \(hostile.allowedExits.sorted()):\n\(result)")
        if let exit = hostile.exit { #expect(result.status == exit, "expected exit \(exit):\n\(result)") }
        for text in hostile.stderrContains {
            #expect(result.stderr.contains(text), "standard error does not say \"\(text)\":\n\(result)")
        }
        let qualityText = quality.map { String(decoding: $0, as: UTF8.self) }
        for text in hostile.dataQualityContains {
            #expect(qualityText?.contains(text) == true,
                    "data_quality.csv does not say \"\(text)\":\n\(qualityText.map { String($0.prefix(3000)) } ?? "(no data_quality.csv)")\n\(result)")
        }
        if hostile.reportWritten {
            #expect(qualityText != nil, "no report was written:\n\(result)")
        }
        if !hostile.reportMustNotContain.isEmpty, let report = hostile.report {
            let markdown = (try? String(contentsOfFile: folder.root + "/" + report + "/report.md", encoding: .utf8)) ?? ""
            #expect(!markdown.isEmpty, "no report.md was written")
            for text in hostile.reportMustNotContain {
                #expect(!markdown.contains(text), "report.md carries \(text.debugDescription) as it is (it would render)")
            }
        }
        if hostile.noFormulaCells, let quality {
            let formulas = HostileRecords.table(quality).joined().filter { cell in cell.first.map { "=+-@".contains($0) } ?? false }
            #expect(formulas.isEmpty, "data_quality.csv has cells a spreadsheet runs as formulas: \(formulas)")
        }
    }

    func checkNothingLost(_ folder: HostileFolder, _ hostile: HostileCase, _ accounting: HostileAccounting) {
        let entries = HostileNames.matchedEntries(folder.exports, patterns: hostile.patterns)
        let contents = entries.map { HostileFile.regularContents(folder.exports, $0) }
        for (index, entry) in entries.enumerated() {
            guard let bytes = contents[index] else {
                #expect(accounting.listedWhole([entry]), "\(HostileNames.display(entry)) is not a regular file and is not listed in data quality")
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
