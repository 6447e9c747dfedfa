import Testing
@testable import OutcomesCore

@Suite struct FileContentSnifferTests {
    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// Hand-made first bytes of files, their names, and what they look like.
    static let cases: [(String, [UInt8], String, FileContent)] = [
        ("empty", [], "a.csv", .empty),
        ("only blank lines", text("\n\r\n  \n"), "a.csv", .empty),
        ("a CSV header", text("patient_id,instrument,administered_at,total\nP1,GAD-7,2026-03-04,5\n"), "a.csv", .csv),
        ("a CSV header after a BOM", [0xEF, 0xBB, 0xBF] + text("record_id,redcap_event_name\n"), "a.csv", .csv),
        ("semicolons", text("patient_id;total\n"), "a.csv", .csv),
        ("tabs", text("patient_id\ttotal\n"), "a.txt", .csv),
        ("a CSV whose header starts with a bracket", text("[id],total\n"), "a.csv", .csv),
        ("a CSV whose header starts with a brace", text("{id},total\n"), "a.csv", .csv),
        ("plain text", text("Exported by the EHR on 2026-03-04\nno rows\n"), "notes.txt", .text),
        ("a JSON array", text("[\n {\n  \"patient_id\": \"P1\"\n }\n]\n"), "scores.csv", .json),
        ("a JSON array of numbers", text("[1, 2]"), "x.json", .json),
        ("a pretty-printed JSON object", text("{\n  \"records\": [\n    {\"a\": 1}\n  ]\n}\n"), "x.json", .json),
        ("a one-line JSON object", text("{\"a\": 1}\n"), "x.json", .json),
        ("an empty JSON object", text("{}"), "x.json", .json),
        ("NDJSON", text("{\"patient_id\":\"P1\",\"total\":5}\n{\"patient_id\":\"P2\",\"total\":7}\n"), "x.ndjson", .ndjson),
        ("NDJSON with CRLF and a blank line", text("{\"a\":1}\r\n\r\n{\"a\":2}\r\n"), "x.jsonl", .ndjson),
        ("NDJSON after a BOM", [0xEF, 0xBB, 0xBF] + text("{\"a\":1}\n{\"a\":2}\n"), "x.csv", .ndjson),
        ("an xlsx workbook", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + text("[Content_Types].xml") + [0, 0] + text("xl/workbook.xml"),
         "export.xlsx", .xlsx),
        ("an xlsx workbook named .csv", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] + text("[Content_Types].xml"), "export.csv", .xlsx),
        ("a Word document", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] + text("[Content_Types].xml") + [0] + text("word/document.xml"), "a.docx", .zip),
        ("a zip archive", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] + text("scores.csv"), "exports.zip", .zip),
        ("an empty zip archive", [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18), "x.zip", .zip),
        ("an Excel 97 workbook", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0], "export.xls", .xls),
        ("gzip", [0x1F, 0x8B, 0x08, 0x00], "scores.csv.gz", .gzip),
        ("a PDF", text("%PDF-1.7\n%\u{E2}\u{E3}"), "report.pdf", .pdf),
        ("binary with a NUL", [0x01, 0x02, 0x00, 0x41, 0x42, 0x43, 0x44, 0x45], "a.bin", .binary),
        ("UTF-16 little-endian text", [0xFF, 0xFE, 0x69, 0x00, 0x64, 0x00], "a.csv", .wideText(.utf16(bigEndian: false))),
        ("Latin-1 CSV", text("id,caf") + [0xE9, 0x0A], "a.csv", .csv),
    ]

    @Test(arguments: cases.indices)
    func sniffs(_ index: Int) {
        let (name, bytes, file, expected) = Self.cases[index]
        #expect(FileContentSniffer.sniff(bytes, name: file) == expected, "\(name)")
    }

    @Test func onlyContentTheReaderNeverReadsIsForeign() {
        let foreign: [FileContent] = [.xlsx, .xls, .zip, .gzip, .pdf]
        // JSON and NDJSON are read as FHIR.
        let readable: [FileContent] = [.empty, .csv, .text, .binary, .wideText(.utf16(bigEndian: true)), .json, .ndjson]
        #expect(foreign.allSatisfy(\.isForeign) && !readable.contains(where: \.isForeign))
    }

    @Test func descriptionsSayWhatToDo() {
        #expect(FileContent.ndjson.description == "NDJSON (one JSON object per line; FHIR resources are read from files a [[sources]] pattern matches)")
        #expect(FileContent.json.description == "JSON (FHIR resources are read from files a [[sources]] pattern matches)")
        #expect(FileContent.xlsx.description == "an Excel workbook (.xlsx): export the sheet as CSV")
        #expect(FileContent.xls.description == "an Excel 97–2003 workbook (.xls): export the sheet as CSV")
        #expect(FileContent.zip.description == "a ZIP archive: unpack it into the export folder")
        #expect(FileContent.gzip.description == "a gzip-compressed file: unpack it into the export folder")
        #expect(FileContent.pdf.description == "a PDF document, which holds no export this version can read")
        #expect(FileContent.csv.description == "a CSV file")
        #expect(FileContent.text.description == "a text file with no comma, semicolon or tab in its first line")
        #expect(FileContent.binary.description == "binary data, not text")
        #expect(FileContent.empty.description == "an empty file")
        #expect(FileContent.wideText(.utf16(bigEndian: false)).description == "UTF-16 (little-endian) text: export it as UTF-8")
    }
}
