/// Where each key of a TOML file is written, so that a validation message can name the line.
/// TOMLKit reports positions of syntax errors only; this scan of the text covers the simple
/// layout of pipeline files (`[table]`, `[[array]]`, `key = value`).
struct TOMLKeyLines {
    private var lines: [String: Int] = [:]
    private var tableLines: [String: Int] = [:]

    init(text: String) {
        var table = ""
        var arrayCounts: [String: Int] = [:]
        // "\r\n" is one Character in Swift, so a CRLF file must be split on it too.
        let rows = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (offset, raw) in rows.enumerated() {
            let line = raw.trimmingCharacters(in: " \t\r")
            let number = offset + 1
            if line.hasPrefix("[[") {
                let name = line.dropFirst(2).prefix { $0 != "]" }.trimmingCharacters(in: " \t")
                let index = arrayCounts[name, default: 0]
                arrayCounts[name] = index + 1
                table = "\(name)[\(index)]"
                tableLines[table] = number
            } else if line.hasPrefix("[") {
                table = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: " \t")
                tableLines[table] = number
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = line[..<equals].trimmingCharacters(in: " \t\"")
                let path = table.isEmpty ? key : "\(table).\(key)"
                if lines[path] == nil { lines[path] = number }
            }
        }
    }

    /// The line of `table.key` when the scan found it written there.
    func keyLine(table: String, key: String) -> Int? { lines[table.isEmpty ? key : "\(table).\(key)"] }

    /// The line of `table.key` (or of the table itself when the key is not written).
    func line(table: String, key: String? = nil) -> Int? {
        if let key, let found = lines[table.isEmpty ? key : "\(table).\(key)"] { return found }
        return tableLines[table]
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
