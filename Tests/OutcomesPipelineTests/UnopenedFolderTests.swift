import Glibc
import Testing
@testable import OutcomesIO
@testable import OutcomesPipeline

/// A subfolder that cannot be opened is listed for the sources whose patterns reach into it.
/// (Opening fails only for a user other than root; the hostile corpus runs that case as nobody.)
@Suite struct UnopenedFolderTests {
    static let cases: [(pattern: String, folder: String, matches: Bool)] = [
        ("*/*.csv", "clinic2", true),
        ("clinic*/*.csv", "clinic2", true),
        ("site/*/*.csv", "site", true),
        ("site/*/*.csv", "site/clinic2", true),
        ("other/*.csv", "clinic2", false),
        ("*.csv", "clinic2", false),
        ("*/*.csv", "a/b", false),
    ]

    @Test(arguments: cases)
    func patternsThatReachIntoTheFolder(_ example: (pattern: String, folder: String, matches: Bool)) {
        let entry = ExportEntry(relativeBytes: Array(example.folder.utf8), displayPath: example.folder + "/",
                                problem: .folderNotOpened(.permissionDenied), isFolder: true)
        let found = ExportDiscovery.leading(example.pattern, like: entry)
        #expect((fnmatch(found, example.folder, FNM_PATHNAME) == 0) == example.matches, "\(example)")
    }

    @Test func theReasonSaysWhatToDo() {
        #expect(UnreadableReason.folderNotOpened(.permissionDenied).description
            == "it is a folder the user running outcomes may not open (permission denied), so the exports in it were not read; fix the folder's permissions")
    }
}
