import Foundation
import Glibc
import OutcomesIO

/// Checks "no data row lost" (issue 9): every record of every export the sources match is stored
/// (a score or session, current or superseded, at its file and line), or listed (a row issue or
/// a data_quality.csv row at that line), or its whole file is listed (unrecognised or unreadable).
struct HostileAccounting {
    /// A file or line named by the program: its path as stored or shown, and the line.
    struct Mention: Hashable { var path: String; var line: Int; var kind: String }

    var stored: [Mention] = []
    var issues: [Mention] = []
    /// source_file rows that are not scores or sessions (unrecognised, or a later kind such as unreadable).
    var listedFiles: [String] = []
    var counts: [Int64] = []

    /// Kinds that list a file as a whole. A row rejected at line 1 does not: in a CR-only file read
    /// as one line every rejected row says line 1, and that must not pass for "listed".
    static let wholeFileKinds: Set<String> = ["unrecognised_file", "unreadable"]

    init() {}

    /// Reads the database read-only through the project's own SQLite layer.
    init(database: String, dataQuality: [[String]]) throws {
        for row in dataQuality.dropFirst() where row.count >= 3 {
            issues.append(Mention(path: row[0], line: Int(row[1]) ?? 0, kind: row[2]))
        }
        guard FileManager.default.fileExists(atPath: database) else { return }
        let db = try SQLiteDatabase(path: database, readOnly: true)
        func path(_ s: SQLiteStatement, _ column: Int32) -> String {
            s.withBytes(column) { HostileNames.display(Array($0)) }
        }
        for table in ["score", "session", "score_history", "session_history"] {
            stored += try db.prepare("SELECT f.path, t.source_line FROM \(table) t JOIN source_file f ON f.id = t.source_file_id")
                .rows { Mention(path: path($0, 0), line: $0.int(1), kind: "stored") }
        }
        issues += try db.prepare("SELECT f.path, i.line, i.kind FROM row_issue i JOIN source_file f ON f.id = i.source_file_id")
            .rows { Mention(path: path($0, 0), line: $0.int(1), kind: $0.text(2) ?? "") }
        listedFiles = try db.prepare("SELECT path FROM source_file WHERE kind NOT IN ('scores', 'sessions')").rows { path($0, 0) }
        counts = try ["score", "session", "score_history", "session_history", "row_issue"].map {
            try db.scalar("SELECT count(*) FROM \($0)") ?? -1
        }
    }

    /// Whether the program listed the file as a whole (under one of `names`).
    func listedWhole(_ names: [[UInt8]]) -> Bool {
        func mine(_ path: String) -> Bool { names.contains { HostileNames.matches(path, $0) } }
        // A folder listed as unreadable (`clinic2/`, which could not be opened) accounts for the files in it.
        func inListedFolder(_ path: String) -> Bool {
            path.hasSuffix("/") && names.contains { HostileNames.display($0).hasPrefix(path) }
        }
        return listedFiles.contains(where: mine)
            || issues.contains { (mine($0.path) || inListedFolder($0.path)) && Self.wholeFileKinds.contains($0.kind) }
    }

    /// The records of `file` (its name as raw bytes, relative to the exports folder) that nothing
    /// accounts for, as a sentence; nil when all are. Files with the same bytes are one file:
    /// the program reads content once, under the first name.
    func unaccounted(file name: [UInt8], lines: [Int], sameContent: [[UInt8]]) -> String? {
        let names = [name] + sameContent
        func mine(_ path: String) -> Bool { names.contains { HostileNames.matches(path, $0) } }
        if listedWhole(names) { return nil }
        let accounted = Set((stored + issues).filter { mine($0.path) }.map(\.line))
        let missing = lines.filter { !accounted.contains($0) }
        guard !missing.isEmpty else { return nil }
        let known = Set((stored + issues).filter { mine($0.path) }.map { "\($0.line) \($0.kind)" }).sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        return "\(HostileNames.display(name)): records at lines \(missing.map(String.init).joined(separator: ", ")) are neither stored nor listed "
            + "(the program named lines: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
    }
}

/// File names as raw bytes, and how the program may show them: as they are, decoded lossily,
/// or escaped (`\0`, `\xHH`, `\t`, `\r`, `\n`, `\u{H}`, `\\`).
enum HostileNames {
    static func display(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// `'` before a name that starts like a formula is how data_quality.csv defuses it (CSVTable).
    static func matches(_ shown: String, _ bytes: [UInt8]) -> Bool {
        shown == display(bytes) || unescaped(shown) == bytes || (shown.hasPrefix("'") && matches(String(shown.dropFirst()), bytes))
    }

    static func unescaped(_ text: String) -> [UInt8] {
        let s = Array(text.utf8)
        var out: [UInt8] = [], i = 0
        func hex(_ slice: ArraySlice<UInt8>) -> UInt32? { UInt32(String(decoding: slice, as: UTF8.self), radix: 16) }
        while i < s.count {
            guard s[i] == UInt8(ascii: "\\"), i + 1 < s.count else { out.append(s[i]); i += 1; continue }
            switch s[i + 1] {
            case UInt8(ascii: "0"): out.append(0); i += 2
            case UInt8(ascii: "t"): out.append(9); i += 2
            case UInt8(ascii: "n"): out.append(10); i += 2
            case UInt8(ascii: "r"): out.append(13); i += 2
            case UInt8(ascii: "\\"): out.append(92); i += 2
            case UInt8(ascii: "x") where i + 3 < s.count && hex(s[(i + 2)...(i + 3)]) != nil:
                out.append(UInt8(hex(s[(i + 2)...(i + 3)])!)); i += 4
            case UInt8(ascii: "u") where i + 2 < s.count && s[i + 2] == UInt8(ascii: "{"):
                guard let close = s[(i + 3)...].firstIndex(of: UInt8(ascii: "}")), let scalar = hex(s[(i + 3)..<close]).flatMap(Unicode.Scalar.init)
                else { out.append(s[i]); i += 1; continue }
                out += Array(String(Character(scalar)).utf8); i = close + 1
            default: out.append(s[i]); i += 1
            }
        }
        return out
    }

    /// The entries below `folder` (not following links, hidden ones left out) whose relative
    /// path the patterns match, as raw bytes: regular files and anything else (FIFOs, links, …).
    static func matchedEntries(_ folder: String, patterns: [String]) -> [[UInt8]] {
        var found: [[UInt8]] = []
        func visit(_ relative: [UInt8]) {
            let full = Array(folder.utf8) + (relative.isEmpty ? [] : [47] + relative)
            guard let dir = (full + [0]).withUnsafeBufferPointer({ opendir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) })
            else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                if name.first == UInt8(ascii: ".") { continue }
                let child = relative.isEmpty ? name : relative + [47] + name
                if entry.pointee.d_type == UInt8(DT_DIR) { visit(child); continue }
                let matched = patterns.contains { pattern in
                    (child + [0]).withUnsafeBufferPointer { fnmatch(pattern, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), FNM_PATHNAME) == 0 }
                }
                if matched { found.append(child) }
            }
        }
        visit([])
        return found.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
