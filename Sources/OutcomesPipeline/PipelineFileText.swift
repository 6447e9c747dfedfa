import Foundation
import OutcomesCore
import OutcomesIO

/// The bytes of a pipeline file made into text, or a `PipelineFileError` naming the line and
/// column of the first byte that is not UTF-8 or is a control character TOML forbids (the
/// contract: exit 64). Checked here because the TOML parser takes a C string: a NUL would end
/// the file early without a word, and a Latin-1 byte would be read as something else.
enum PipelineFileText {
    static func read(path: String) throws(PipelineFileError) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw PipelineFileError(path: path, line: nil, "no such pipeline file (see Pipelines/ for examples)")
        }
        if isFolder.boolValue { throw PipelineFileError(path: path, line: nil, "this is a folder, not a pipeline file") }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw PipelineFileError(path: path, line: nil, "this is not a regular file (a pipe, socket or device), so it was not read; name a pipeline file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = ErrorSentence.fileError(error)?.reason ?? "\(error)"
            throw PipelineFileError(path: path, line: nil, "cannot read the pipeline file: \(reason)")
        }
        return try text(Array(data), path: path)
    }

    static func text(_ bytes: [UInt8], path: String) throws(PipelineFileError) -> String {
        // UTF-16 and UTF-32 would fail at their first NUL; name the encoding instead.
        switch TextEncodingSniffer.sniff(Array(bytes.prefix(TextEncodingSniffer.window))) {
        case .utf16(let big): throw PipelineFileError(path: path, line: nil, "the file is UTF-16 (\(big ? "big" : "little")-endian) text; save it as UTF-8")
        case .utf32(let big): throw PipelineFileError(path: path, line: nil, "the file is UTF-32 (\(big ? "big" : "little")-endian) text; save it as UTF-8")
        default: break
        }
        var line = 1, column = 1, offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .emptyInput:
                return String(decoding: bytes, as: UTF8.self)
            case .error:
                // The decoder stops on the first byte it cannot use; `offset` is where its sequence began.
                throw PipelineFileError(path: path, line: line, column: column,
                    "the file is not UTF-8 text (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) here); save it as UTF-8")
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else if DisplayText.isControl(scalar), scalar != "\t", scalar != "\r" {
                    throw PipelineFileError(path: path, line: line, column: column,
                        "a control character (\(DisplayText.escaped(String(scalar)))) is not allowed in a pipeline file; remove it")
                } else {
                    column += 1
                }
                offset += UTF8.width(scalar)
            }
        }
    }
}
