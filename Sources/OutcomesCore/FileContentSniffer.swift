/// What a file's first bytes say it holds, so a file the ingest cannot read is listed with
/// what it looks like ("it looks like NDJSON …", "an Excel workbook (.xlsx) …") instead of as
/// "empty" or "matches no export form". Only the signatures below are claimed; anything else
/// that is text is `.csv` or `.text`, and the CSV reader judges it as before.
public enum FileContent: Equatable, Sendable {
    case empty
    /// Text whose first line has a comma, semicolon or tab: what the CSV reader reads.
    case csv
    /// Text without a separator in its first line.
    case text
    /// Text in UTF-16 or UTF-32 (`TextEncodingSniffer` tells which).
    case wideText(TextEncoding)
    /// A JSON document (an object or an array, possibly over many lines).
    case json
    /// JSON Lines / NDJSON: one JSON object per line.
    case ndjson
    /// An Office Open XML workbook (a ZIP archive with `xl/` parts).
    case xlsx
    /// An Excel 97–2003 workbook (an OLE2 compound file).
    case xls
    case zip
    case gzip
    case pdf
    /// Bytes that are not text (NULs or control bytes outside a text encoding).
    case binary

    /// True for the kinds the export reader never reads, whose description replaces "empty"
    /// or "matches no export form" as the reason a matched file is unrecognised. JSON and
    /// NDJSON are read (FHIR), so they are not foreign.
    public var isForeign: Bool {
        switch self {
        case .xlsx, .xls, .zip, .gzip, .pdf: true
        case .empty, .csv, .text, .wideText, .binary, .json, .ndjson: false
        }
    }

    /// What the file looks like, for "it looks like …".
    public var description: String {
        switch self {
        case .empty: "an empty file"
        case .csv: "a CSV file"
        case .text: "a text file with no comma, semicolon or tab in its first line"
        case .wideText(.utf16(let big)): "UTF-16 (\(big ? "big" : "little")-endian) text: export it as UTF-8"
        case .wideText(.utf32(let big)): "UTF-32 (\(big ? "big" : "little")-endian) text: export it as UTF-8"
        case .wideText: "text that is not UTF-8: export it as UTF-8"
        case .json: "JSON (FHIR resources are read from files a [[sources]] pattern matches)"
        case .ndjson: "NDJSON (one JSON object per line; FHIR resources are read from files a [[sources]] pattern matches)"
        case .xlsx: "an Excel workbook (.xlsx): export the sheet as CSV"
        case .xls: "an Excel 97–2003 workbook (.xls): export the sheet as CSV"
        case .zip: "a ZIP archive: unpack it into the export folder"
        case .gzip: "a gzip-compressed file: unpack it into the export folder"
        case .pdf: "a PDF document, which holds no export this version can read"
        case .binary: "binary data, not text"
        }
    }
}

/// Tells a file's content from its first bytes (a few KiB are plenty) and its name. Pure, so
/// it is tested with hand-made bytes. Text in UTF-16 or UTF-32 is `TextEncodingSniffer`'s.
public enum FileContentSniffer {
    /// How many leading bytes the sniffer wants.
    public static let window = 4096

    public static func sniff(_ bytes: [UInt8], name: String = "") -> FileContent {
        let lower = name.lowercased()
        if bytes.isEmpty { return .empty }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return isWorkbook(bytes, lower) ? .xlsx : .zip
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .xls }
        if bytes.starts(with: [0x1F, 0x8B]) { return .gzip }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        switch TextEncodingSniffer.sniff(bytes) {
        case .utf16, .utf32: return .wideText(TextEncodingSniffer.sniff(bytes))
        case .utf8, .notUTF8: break
        }
        if isBinary(text) { return .binary }
        if let json = json(text) { return json }
        let first = text.prefix { $0 != 0x0A && $0 != 0x0D }
        if text.allSatisfy(isSpace) { return .empty }
        return first.contains(where: { $0 == 0x2C || $0 == 0x3B || $0 == 0x09 }) ? .csv : .text
    }

    /// `[Content_Types].xml` opens every Office Open XML file; a workbook has `xl/` parts (the
    /// first entries usually name them) or is called `.xlsx`/`.xlsm`.
    static func isWorkbook(_ bytes: [UInt8], _ name: String) -> Bool {
        if name.hasSuffix(".xlsx") || name.hasSuffix(".xlsm") { return true }
        return contains(bytes, "xl/") || (contains(bytes, "[Content_Types].xml") && !contains(bytes, "word/") && !contains(bytes, "ppt/"))
    }

    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in bytes[start..<(start + needle.count)].elementsEqual(needle) }
    }

    /// A NUL, or more than a few control bytes other than tab, CR, LF and form feed.
    static func isBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
        if bytes.contains(0) { return true }
        let controls = bytes.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }.count
        return controls * 20 > bytes.count
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// JSON when the text opens as JSON does: `{` followed by `"` or `}`, or `[` followed by a
    /// JSON value. A first line that is a whole object (`{…}`) followed by another line that
    /// opens an object is NDJSON; a single line is JSON either way.
    static func json(_ text: ArraySlice<UInt8>) -> FileContent? {
        let body = text.drop(while: isSpace)
        guard let open = body.first, open == UInt8(ascii: "{") || open == UInt8(ascii: "[") else { return nil }
        guard let next = body.dropFirst().first(where: { !isSpace($0) }) else { return nil }
        if open == UInt8(ascii: "{") {
            guard next == UInt8(ascii: "\"") || next == UInt8(ascii: "}") else { return nil }
        } else {
            let starts: [UInt8] = Array("{[\"]-0123456789tfn".utf8)
            guard starts.contains(next) else { return nil }
            return .json
        }
        let lines = body.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }).map { $0.drop(while: isSpace) }.filter { !$0.isEmpty }
        guard lines.count >= 2, let first = lines.first else { return .json }
        let firstLine = first.reversed().drop(while: isSpace)
        let closesFirst = firstLine.first == UInt8(ascii: "}")
        return closesFirst && lines[1].first == UInt8(ascii: "{") ? .ndjson : .json
    }
}
