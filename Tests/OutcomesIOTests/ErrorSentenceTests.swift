import TestSupport
import Foundation
import Testing
@testable import OutcomesIO

/// Foundation's file errors become the path and the system's reason, never NSCocoaErrorDomain text.
@Suite struct ErrorSentenceTests {
    let folder = TemporaryFolder()

    @Test func aFolderThatCannotBeCreated() throws {
        let file = folder.write("afile", "x")
        do {
            try FileManager.default.createDirectory(atPath: file + "/sub", withIntermediateDirectories: true)
            Issue.record("created a folder inside a file")
        } catch {
            #expect(ErrorSentence.describe(error) == "\(file)/sub: not a directory")
        }
    }

    @Test func aFileThatIsNotThere() throws {
        let path = folder.path + "/missing.txt"
        do {
            _ = try String(contentsOfFile: path, encoding: .utf8)
            Issue.record("read a missing file")
        } catch {
            #expect(ErrorSentence.describe(error) == "\(path): no such file or directory")
        }
    }

    @Test func sentences() {
        let cases: [(Error, String)] = [
        (CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: "/r/a.csv"]) as Error, "/r/a.csv: no space left on device"),
        (CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/r", NSUnderlyingErrorKey: POSIXError(.EACCES)]),
         "/r: permission denied"),
        (CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: "/", NSUnderlyingErrorKey: POSIXError(.EROFS)]),
         "/: read-only file system"),
        (POSIXError(.ENOSPC), "no space left on device"),
        (NSError(domain: NSPOSIXErrorDomain, code: Int(EISDIR), userInfo: [NSFilePathErrorKey: "/r/x"]), "/r/x: is a directory"),
        (FileReadError(path: "/e/a.csv", reason: "permission denied"), "/e/a.csv: permission denied"),
        ]
        for (error, sentence) in cases {
            #expect(ErrorSentence.describe(error) == sentence)
        }
    }
}
