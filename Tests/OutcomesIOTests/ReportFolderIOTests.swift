import Foundation
import Glibc
import Testing
import TestSupport
@testable import OutcomesCore
@testable import OutcomesIO

/// The file-system side of the report folder rules: paths resolved through `..` and links,
/// what a folder holds, error texts, and the leftovers a killed run leaves.
@Suite struct ReportFolderIOTests {
    @Test func pathsResolveThroughDotDotAndLinks() throws {
        let folder = TemporaryFolder()
        let root = FileSystemPath.resolved(folder.path)
        try FileManager.default.createDirectory(atPath: root + "/work/db", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/work/db")
        #expect(FileSystemPath.resolved(root + "/work/reports/..") == root + "/work")
        #expect(FileSystemPath.resolved(root + "/work/./db/") == root + "/work/db")
        #expect(FileSystemPath.resolved(root + "/link") == root + "/work/db")
        // `..` after a link goes up from where the link leads, as the file system does.
        #expect(FileSystemPath.resolved(root + "/link/..") == root + "/work")
        // The part that does not exist is taken as written.
        #expect(FileSystemPath.resolved(root + "/link/new/report") == root + "/work/db/new/report")
        #expect(FileSystemPath.resolved(root + "/nope/../work") == root + "/work")
        // The entry itself: a link at the end stays the link.
        #expect(FileSystemPath.resolvedEntry(root + "/link") == root + "/link")
        #expect(FileSystemPath.resolvedEntry(root + "/link/..") == root + "/work")
        #expect(FileSystemPath.isWithin(root + "/work/db", root + "/work") && FileSystemPath.isWithin(root + "/work", root + "/work"))
        #expect(!FileSystemPath.isWithin(root + "/workshop", root + "/work") && FileSystemPath.isWithin("/x", "/"))
        #expect(FileSystemPath.parent("/a/b") == "/a" && FileSystemPath.parent("/a") == "/" && FileSystemPath.parent("/") == "/")
    }

    @Test func folderContentsLookWithoutFollowingOrOpening() throws {
        let folder = TemporaryFolder()
        #expect(FolderContents.at(folder.path + "/missing") == .missing)
        #expect(FolderContents.at(folder.write("file.txt", "x")) == .notFolder)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/link", withDestinationPath: "file.txt")
        #expect(FolderContents.at(folder.path + "/link") == .symbolicLink(destination: "file.txt"))
        let report = folder.path + "/report"
        try FileManager.default.createDirectory(atPath: report + "/sub", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: report + "/manifest.json", contents: Data("{}".utf8))
        #expect(mkfifo(report + "/pipe", 0o644) == 0)
        guard case let .folder(entries, manifest) = FolderContents.at(report) else { Issue.record("not a folder"); return }
        #expect(entries.sorted { $0.name < $1.name } == [FolderEntry("manifest.json"), FolderEntry("pipe", .other), FolderEntry("sub", .folder)])
        #expect(manifest == "{}")
        // A FIFO named manifest.json is listed, never opened (opening it would wait forever).
        let fifo = folder.path + "/fifo"
        try FileManager.default.createDirectory(atPath: fifo, withIntermediateDirectories: true)
        #expect(mkfifo(fifo + "/manifest.json", 0o644) == 0)
        #expect(FolderContents.at(fifo) == .folder([FolderEntry("manifest.json", .other)], manifest: nil))
    }

    @Test func errorsInWordsNotFoundationCodes() {
        let denied = CocoaError(.fileWriteNoPermission, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES))])
        #expect(ErrorSentence.fileError(denied)?.reason == "permission denied")
        #expect(ErrorSentence.fileError(CocoaError(.fileWriteOutOfSpace))?.reason == "no space left on device")
        #expect(ErrorSentence.fileError(CocoaError(.fileWriteVolumeReadOnly))?.reason == "read-only file system")
        #expect(ErrorSentence.fileError(POSIXError(.ENOTDIR))?.reason == "not a directory")
        #expect(ErrorSentence.fileError(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)))?.reason == "no space left on device")
        #expect(ErrorSentence.fileError(CocoaError(.coderValueNotFound))?.reason == "the file operation failed (code 4865)")
        struct Other: Error {}
        #expect(ErrorSentence.fileError(Other())?.reason == nil)
        #expect(ReportWriteError(path: "/x", Other()) == nil)
        #expect(ReportWriteError(path: "/x", denied)?.description
            == "cannot write the report folder /x: permission denied; choose another --out or [pipeline] reports")
        #expect(ReportWriteError(path: "/x", POSIXError(.ENOSPC))?.description
            == "cannot write the report folder /x: no space left on device; free some space there, or choose another --out or [pipeline] reports")
    }

    @Test func aFolderThatCannotBeCreatedIsASentence() throws {
        let folder = TemporaryFolder()
        let file = folder.write("file.txt", "keep")
        let error = #expect(throws: ReportWriteError.self) { try ReportDirectory.replace(file + "/report") { _ in } }
        #expect(error?.description == "cannot write the report folder \(file)/report: \(file) is a file, not a folder; choose another --out or [pipeline] reports")
        #expect(FileManager.default.contents(atPath: file) == Data("keep".utf8))
    }

    /// Root may write anywhere, so this runs only for another user (as `make test` usually does).
    @Test(.enabled(if: getuid() != 0)) func aFolderWithoutWritePermissionIsASentence() throws {
        let folder = TemporaryFolder()
        let locked = folder.path + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        #expect(chmod(locked, 0o555) == 0)
        defer { chmod(locked, 0o755) }
        let error = #expect(throws: ReportWriteError.self) { try ReportDirectory.replace(locked + "/report") { _ in } }
        #expect(error?.description == "cannot write the report folder \(locked)/report: permission denied; choose another --out or [pipeline] reports")
    }

    @Test func onlyOurLeftoversAreRemoved() throws {
        let folder = TemporaryFolder()
        let manager = FileManager.default
        func make(_ name: String, _ files: [String]) throws {
            try manager.createDirectory(atPath: folder.path + "/" + name, withIntermediateDirectories: true)
            for file in files { _ = manager.createFile(atPath: folder.path + "/" + name + "/" + file, contents: Data("x".utf8)) }
        }
        try make(".report.new-12-34", ["data_quality.csv"])                 // a killed run's half-written report
        try make(".report.old-12-34", ["report.md", "manifest.json"])      // a killed run's previous report
        try make(".report.new-12-35", ["thesis.docx"])                      // someone's folder of a like name
        try make(".report.old-backup", ["report.md"])                       // not a name we give
        _ = manager.createFile(atPath: folder.path + "/.report.new-1-2", contents: Data("file".utf8))   // a file, not a folder
        try ReportDirectory.replace(folder.path + "/report") { path in try ReportDirectory.write("r", to: path + "/report.md") }
        let left = try manager.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == [".report.new-1-2", ".report.new-12-35", ".report.old-backup", "report"])
        #expect(manager.contents(atPath: folder.path + "/.report.new-12-35/thesis.docx") == Data("x".utf8))
        #expect(ReportDirectory.isLeftoverName(".report.new-9-10", of: "report") && !ReportDirectory.isLeftoverName(".report.new-9", of: "report"))
        #expect(!ReportDirectory.isLeftoverName(".report.new-9-x", of: "report") && !ReportDirectory.isLeftoverName(".reports.new-9-1", of: "report"))
    }
}
