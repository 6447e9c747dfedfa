import TestSupport
import Foundation
import Glibc
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// Export files that cannot be read are listed once and skipped; the others are ingested.
@Suite struct UnreadableExportTests {
    let folder = TemporaryFolder()
    var exports: String { folder.path + "/exports" }
    static let header = "patient_id,instrument,administered_at,total\n"

    init() throws {
        try FileManager.default.createDirectory(atPath: folder.path + "/exports", withIntermediateDirectories: true)
    }

    func stage(rehash: Bool = false) -> IngestStage {
        IngestStage(config: PipelineConfig(path: "test.toml", name: "test"), exportsFolder: exports, rehash: rehash)
    }

    func dataQuality(_ store: OutcomesStore) throws -> [String] {
        var rows: [String] = []
        try ReportReader(store).forEachDataQualityRow { rows.append("\($0.file):\($0.line) \($0.kind): \($0.reason)") }
        return rows
    }

    func count(_ store: OutcomesStore, _ sql: String) throws -> Int64 { try store.database.scalar(sql) ?? -1 }

    /// A Unix socket at `path`, made with bind(2) as a server would.
    static func makeSocket(_ path: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, byte) in path.utf8.enumerated() { raw[i] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
    }

    @Test func specialFilesAndBrokenLinksAreListedOnceAndTheOthersIngested() throws {
        folder.write("exports/a.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,20\n")
        #expect(mkfifo(exports + "/pipe.csv", 0o644) == 0)
        try Self.makeSocket(exports + "/sock.csv")
        try FileManager.default.createSymbolicLink(atPath: exports + "/zero.csv", withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: exports + "/dangling.csv", withDestinationPath: "missing.csv")
        try FileManager.default.createSymbolicLink(atPath: exports + "/loop.csv", withDestinationPath: "loop.csv")
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        let summary = try stage().run(store: store, runID: nil, now: 1)
        #expect(summary.ingestedFiles == 1 && summary.totals.accepted == 1)
        let expected = [
            "dangling.csv:0 unreadable: it is a link to a file that does not exist, so it was not read",
            "loop.csv:0 unreadable: it is a link that leads back to itself (a loop of links), so it was not read",
            "pipe.csv:0 unreadable: it is a named pipe (FIFO), not a regular file, so it was not read",
            "sock.csv:0 unreadable: it is a socket, not a regular file, so it was not read",
            "zero.csv:0 unreadable: it is a link to a device, not to a regular file, so it was not read",
        ]
        #expect(try dataQuality(store) == expected)
        #expect(summary.unreadable.map { "\($0.path):0 unreadable: \($0.reason)" } == expected)
        #expect(summary.line.hasPrefix("ingest: 1 new file(s), 0 unchanged, 0 unrecognised, 5 unreadable; 1 records"))
        // Nothing new: the plan sees the ingest up to date but still names the unreadable files.
        let check = try stage().checkExports(store: store)
        #expect(check.pending.isEmpty && check.unreadable.count == 5)
        // A second ingest lists nothing again, but still reports them (the warning of every night).
        let second = try stage().run(store: store, runID: nil, now: 2)
        #expect(second.unreadable.count == 5)
        #expect(second.files.allSatisfy { if case .unreadable(_, firstSeen: true) = $0.outcome { false } else { true } })
        #expect(try dataQuality(store) == expected)
        // The FIFO removed: its listing is closed, and the plan says why ingest reruns.
        unlink(exports + "/pipe.csv")
        #expect(try stage().checkExports(store: store).gone == ["pipe.csv"])
        _ = try stage().run(store: store, runID: nil, now: 3)
        #expect(try dataQuality(store).count == 4)
    }

    @Test func permissionDeniedAndIOErrorsAreUnreadable() throws {
        // Tests run as root, whom chmod 000 does not stop: the open is failed by the stage's hook.
        folder.write("exports/a.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,20\n")
        folder.write("exports/locked.csv", Self.header + "P2,PHQ-9,2026-03-04 09:00,20\n")
        folder.write("exports/worn.csv", Self.header + "P3,PHQ-9,2026-03-04 09:00,20\n")
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        var ingest = stage()
        ingest.openFault = { path in path == "locked.csv" ? EACCES : path == "worn.csv" ? EIO : nil }
        let summary = try ingest.run(store: store, runID: nil, now: 1)
        #expect(summary.ingestedFiles == 1)
        #expect(try dataQuality(store) == [
            "locked.csv:0 unreadable: permission denied: the user running outcomes may not read it; fix the file's permissions",
            "worn.csv:0 unreadable: it could not be read (input/output error); it was skipped",
        ])
        // Readable again: both are ingested, and their listings closed.
        let later = try stage().run(store: store, runID: nil, now: 2)
        #expect(later.ingestedFiles == 2 && later.unreadable.isEmpty)
        #expect(try dataQuality(store).isEmpty)
        #expect(try count(store, "SELECT count(*) FROM unreadable_file WHERE resolved_at = 2") == 2)
    }

    @Test func aLatin1FileNameIsFoundAndIngestedUnderItsEscapedName() throws {
        folder.write("exports/caf\u{E9}-utf8.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,20\n")
        let latin1 = Array(exports.utf8) + Array("/caf".utf8) + [0xE9] + Array(".csv".utf8)
        let text = Array((Self.header + "P2,PHQ-9,2026-03-04 09:00,11\nP3,GAD-7,2026-03-04 09:00,30\n").utf8)
        let fd = ExportFolder.withCString(latin1) { open($0, O_WRONLY | O_CREAT, 0o644) }
        try #require(fd >= 0)
        #expect(write(fd, text, text.count) == text.count)
        close(fd)
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        let summary = try stage().run(store: store, runID: nil, now: 1)
        #expect(summary.files.map(\.path) == ["café-utf8.csv", "caf\\xE9.csv"])   // byte order: 0xC3 before 0xE9
        #expect(summary.ingestedFiles == 2 && summary.totals.accepted == 2 && summary.totals.rejected == 1)
        #expect(try dataQuality(store) == ["caf\\xE9.csv:3 rejected: GAD-7 total 30 is outside 0–21"])
        // Known by its escaped name the next night: not read again.
        #expect(try stage().checkExports(store: store).pending.isEmpty)
    }

    /// Sets a file's modification time back (as a rewrite that kept its time would).
    static func setModified(_ path: String, to stamp: FileStamp) {
        let time = timespec(tv_sec: Int(stamp.modifiedNs / 1_000_000_000), tv_nsec: Int(stamp.modifiedNs % 1_000_000_000))
        var times = [time, time]   // access and modification time
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }

    static func stamp(_ path: String) throws -> FileStamp {
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        return try #require(FileStamp(descriptor: fd))
    }

    @Test func aRewriteThatKeptItsSizeAndTimeIsCaughtByTheContentCheck() throws {
        let path = folder.write("exports/a.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,20\n")
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        let day: Int64 = 86_400
        #expect(try stage().run(store: store, runID: nil, now: 1).checkedContent)   // a first ingest reads everything
        let before = try Self.stamp(path)
        folder.write("exports/a.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,21\n")   // same size
        Self.setModified(path, to: before)
        #expect(try Self.stamp(path).modifiedNs == before.modifiedNs)
        // Six days on: size and time unchanged, so it is taken as unchanged, unread.
        #expect(try stage().contentCheckReason(store: store, now: 1 + 6 * day) == nil)
        let unread = try stage().run(store: store, runID: nil, now: 1 + 6 * day)
        #expect(unread.ingestedFiles == 0 && unread.unchangedFiles == 1 && !unread.checkedContent)
        // --rehash reads it: the correction is ingested.
        #expect(try stage(rehash: true).contentCheckReason(store: store, now: 1 + 6 * day)?.description == "content check asked for (--rehash)")
        let asked = try stage(rehash: true).run(store: store, runID: nil, now: 1 + 6 * day)
        #expect(asked.ingestedFiles == 1 && asked.totals.corrections == 1)
        #expect(try count(store, "SELECT total FROM score") == 21)
        // Again, and by default: seven days after that check, the next ingest reads every file.
        folder.write("exports/a.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,22\n")
        Self.setModified(path, to: before)
        #expect(try stage().contentCheckReason(store: store, now: 1 + 12 * day) == nil)
        #expect(try stage().contentCheckReason(store: store, now: 1 + 13 * day)?.description == "content check due (every 7 days)")
        let due = try stage().run(store: store, runID: nil, now: 1 + 13 * day)
        #expect(due.checkedContent && due.ingestedFiles == 1)
        #expect(try count(store, "SELECT total FROM score") == 22)
        // rehash_every_days = 0: never by the calendar.
        var config = PipelineConfig(path: "test.toml", name: "test")
        config.rehashEveryDays = 0
        #expect(try IngestStage(config: config, exportsFolder: exports).contentCheckReason(store: store, now: 1 + 400 * day) == nil)
    }

    @Test func thePlanNamesTheContentCheck() throws {
        folder.write("exports/a.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,20\n")
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        let config = PipelineConfig(path: "test.toml", name: "test")
        let runID = try store.beginRun(pipeline: "test", stages: ["ingest"], at: 1)
        var planner = StagePlanner(config: config, exportsFolder: exports, reportsPath: folder.path + "/r", period: .all, now: 1)
        let inputs = StagePlanner.text(try planner.inputs(.ingest, store: store))
        let id = try store.beginStage(runID: runID, stage: "ingest", target: "", inputs: inputs, at: 1)
        _ = try stage().run(store: store, runID: runID, now: 1)
        try store.finishStage(id, status: "completed", summary: nil, seconds: 0, at: 1)
        #expect(try planner.status(.ingest, store: store).reasons.isEmpty)
        planner.rehash = true
        #expect(try planner.status(.ingest, store: store).reasons == ["content check asked for (--rehash)"])
        let week = StagePlanner(config: config, exportsFolder: exports, reportsPath: folder.path + "/r", period: .all, now: 1 + 7 * 86_400)
        #expect(try week.status(.ingest, store: store).reasons == ["content check due (every 7 days)"])
    }

    static func append(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_APPEND)
        _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    @Test func aFileThatChangesWhileReadIsReadAgainAndItsFingerprintCoversWhatWasRead() throws {
        let path = folder.write("exports/a.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,20\n")
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        var ingest = stage()
        var calls = 0
        ingest.afterHashing = { _ in
            calls += 1
            if calls == 1 { Self.append(path, "P2,PHQ-9,2026-03-04 09:00,11\n") }
        }
        let summary = try ingest.run(store: store, runID: nil, now: 1)
        #expect(calls == 2)
        #expect(summary.ingestedFiles == 1 && summary.totals.accepted == 2)
        let final = try SHA256.ofFile(path)
        #expect(try store.database.prepare("SELECT sha256, size_bytes FROM source_file").rows { "\($0.text(0)!) \($0.int(1))" }
                == ["\(final.digest) \(final.size)"])
        #expect(try count(store, "SELECT count(*) FROM source_file") == 1)
    }

    @Test func aFileThatKeepsChangingWhileReadIsListedAndNothingOfItKept() throws {
        let path = folder.write("exports/a.csv", Self.header + "P1,PHQ-9,2026-03-04 09:00,20\n")
        let store = try OutcomesStore(path: folder.path + "/db.sqlite")
        var ingest = stage()
        var line = 0
        ingest.afterHashing = { _ in
            line += 1
            Self.append(path, "P\(line + 1),PHQ-9,2026-03-04 09:00,11\n")
        }
        let summary = try ingest.run(store: store, runID: nil, now: 1)
        #expect(line == 2 && summary.ingestedFiles == 0)
        #expect(try dataQuality(store) == ["a.csv:0 unreadable: it changed while it was read, twice; it will be read on the next run"])
        #expect(try count(store, "SELECT count(*) FROM source_file") == 0)
        #expect(try count(store, "SELECT count(*) FROM score") == 0)
        // The next run reads it whole, and closes the listing.
        let next = try stage().run(store: store, runID: nil, now: 2)
        #expect(next.ingestedFiles == 1 && next.totals.accepted == 3)
        #expect(try dataQuality(store).isEmpty)
    }
}
