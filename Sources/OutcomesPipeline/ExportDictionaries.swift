import Foundation
import OutcomesCore
import OutcomesIO

/// The REDCap data dictionaries of an ingest or a `validate` (docs/ingest.md, "Data
/// dictionaries"): those found among the exports by their header, and those the sources name
/// with `dictionary = "…"`. Every data file is read with them: a source that names one gets
/// only that one, the others get every valid dictionary found among the exports.
public struct ExportDictionaries: Sendable {
    /// Dictionary files among the exports, by path relative to the export folder: parsed, or
    /// why the dictionary cannot be used (the file is then listed as unrecognised).
    public var found: [String: Result<RedcapDictionary, LayoutError>] = [:]
    /// The dictionary each source names, by the source's place in the pipeline file.
    public var named: [Int: RedcapDictionary] = [:]
    /// The resolved path of each dictionary in `found`, to its name there.
    var foundAt: [String: String] = [:]
    /// Named dictionaries that are not among the matched files (by resolved path): not listed
    /// as other files of the export folder.
    public var namedPaths: Set<String> = []

    public init() {}

    /// The valid dictionaries found among the exports, in path order.
    public var valid: [RedcapDictionary] {
        found.keys.sorted().compactMap { try? found[$0]?.get() }
    }

    public func isDictionary(_ path: String) -> Bool { found[path] != nil }

    /// What the files of a source are read with.
    public func dictionaries(forSource index: Int, _ options: SourceOptions) -> [RedcapDictionary] {
        if options.dictionary != nil { return named[index].map { [$0] } ?? [] }
        return valid
    }
}

/// A data dictionary file read whole: its header tells it from an export (`RedcapDictionary.isHeader`).
public enum DictionaryFile {
    private struct NotADictionary: Error {}

    /// How a dictionary that cannot be used is listed (kind `unrecognised_file`).
    public static func unusable(_ problem: LayoutError) -> String { "this REDCap data dictionary cannot be used: \(problem.description)" }

    /// The dictionary in the file, why it cannot be used, or nil when the file's header is not a
    /// data dictionary's (it is then an export, or nothing this reader knows). `name` is the
    /// file as messages name it.
    public static func read(path: String, name: String) throws -> Result<RedcapDictionary, LayoutError>? {
        var header: [String]?
        var rows: [(line: Int, fields: [String])] = []
        var malformed: MalformedRecord?
        let reader = try CSVReader(path: path, chunkSize: ExportFile.headerChunk)
        do {
            try reader.read(onRow: { row in
                guard header != nil else {
                    guard RedcapDictionary.isHeader(row.strings) else { throw NotADictionary() }
                    header = row.strings
                    return
                }
                rows.append((row.line, row.strings))
            }, onMalformed: { bad in
                guard header != nil else { throw NotADictionary() }
                malformed = malformed ?? bad
            })
        } catch is NotADictionary {
            return nil
        }
        guard let header, TextEncodingSniffer.sniff(reader.leadingBytes).problem == nil else { return nil }
        if let malformed {
            return .failure(LayoutError("line \(malformed.line): \(malformed.reason)"))
        }
        return RedcapDictionary.parse(path: name, header: header, rows: rows)
    }

    /// Where a source's `dictionary = "…"` is: as written when absolute; else in the export
    /// folder first, then in the folder the command runs in. Nil when in neither.
    public static func locate(_ name: String, exportsFolder: String) -> String? {
        let candidates = name.hasPrefix("/") ? [name] : [exportsFolder + "/" + name, FileSystemPath.absolute(name)]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// `DD.csv: REDCap data dictionary, 24 fields in 3 forms`, as `validate` prints it.
    public static func summary(_ dictionary: RedcapDictionary, name: String) -> String {
        let forms = dictionary.forms.count
        return "\(name): REDCap data dictionary, \(dictionary.fields.count) field\(dictionary.fields.count == 1 ? "" : "s") in \(forms) form\(forms == 1 ? "" : "s")"
    }
}

extension ExportDictionaries {
    /// The dictionaries of these exports and sources. A file known from the store as scores or
    /// sessions (same path, size and modification time) is not opened; every other regular
    /// file has its header looked at.
    static func find(exports: [DiscoveredExport], exportsFolder: String, config: PipelineConfig,
                     isKnownExport: (DiscoveredExport, OpenExport) throws -> Bool = { _, _ in false },
                     fault: ((String) -> Int32?)? = nil) throws -> ExportDictionaries {
        var set = ExportDictionaries()
        for export in exports {
            guard case .success(let file) = OpenExport.open(folder: exportsFolder, entry: export.entry, fault: fault),
                  try !isKnownExport(export, file) else { continue }
            try set.look(at: export.relativePath, readPath: file.readPath, resolvedPath: FileSystemPath.resolved(exportsFolder + "/" + export.relativePath))
        }
        try set.resolveNamed(config: config, exportsFolder: exportsFolder)
        return set
    }

    /// Notes the file as a dictionary when its header is one (`name`: how messages name it). A
    /// file that cannot be read is left to its reader, which lists it.
    public mutating func look(at name: String, readPath: String, resolvedPath: String) throws {
        do {
            guard let parsed = try DictionaryFile.read(path: readPath, name: name) else { return }
            found[name] = parsed
            foundAt[resolvedPath] = name
        } catch is FileReadError {}
    }

    /// The dictionary each source names with `dictionary = "…"`: it must exist (else
    /// `DictionaryFileMissing`, exit 66) and be a usable dictionary (else `DictionaryUnusable`,
    /// exit 66), since the source's files would otherwise be read without it.
    public mutating func resolveNamed(config: PipelineConfig, exportsFolder: String) throws {
        for (index, source) in config.sources.enumerated() {
            guard let name = source.options.dictionary else { continue }
            let place = DictionaryPlace(pipeline: config.path, line: source.keyLines["dictionary"], source: index, name: name)
            guard let path = DictionaryFile.locate(name, exportsFolder: exportsFolder) else {
                throw DictionaryFileMissing(place: place, exportsFolder: exportsFolder, directory: FileManager.default.currentDirectoryPath)
            }
            let resolved = FileSystemPath.resolved(path)
            let parsed: Result<RedcapDictionary, LayoutError>
            if let known = foundAt[resolved].flatMap({ found[$0] }) {
                parsed = known
            } else {
                switch OpenExport.open(path: path) {
                case .failure(let reason):
                    throw DictionaryUnusable(place: place, path: path, reason: reason.description)
                case .success(let file):
                    do {
                        parsed = try DictionaryFile.read(path: file.readPath, name: Self.relative(path, to: exportsFolder) ?? name)
                            ?? .failure(LayoutError("its header is not a REDCap data dictionary's (Variable / Field Name, Form Name, Section Header, Field Type, …)"))
                    } catch let error as FileReadError {
                        throw DictionaryUnusable(place: place, path: path, reason: error.reason)
                    }
                }
                namedPaths.insert(resolved)
            }
            switch parsed {
            case .success(let dictionary): named[index] = dictionary
            case .failure(let problem): throw DictionaryUnusable(place: place, path: path, reason: problem.description)
            }
        }
    }

    /// `exports/DD.csv` as `DD.csv` when it lies in the export folder as written.
    static func relative(_ path: String, to folder: String) -> String? {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        guard path.hasPrefix(prefix) else { return nil }
        var rest = String(path.dropFirst(prefix.count))
        while rest.hasPrefix("./") { rest.removeFirst(2) }
        return rest
    }
}

/// Where a pipeline names a data dictionary, for messages.
public struct DictionaryPlace: Sendable {
    public var pipeline: String
    public var line: Int?
    public var source: Int
    public var name: String

    var text: String {
        "which \("sources[\(source)]".tableHeading) names (\(pipeline)\(line.map { " line \($0)" } ?? ""))"
    }
}

/// A data dictionary a source names is in neither the export folder nor the folder the
/// command runs in (exit 66, like a named export that is missing).
public struct DictionaryFileMissing: Error, CustomStringConvertible {
    public let place: DictionaryPlace
    public let exportsFolder: String
    public let directory: String

    public var description: String {
        "the data dictionary \(DisplayText.quoted(place.name)), \(place.text), is in neither the export folder \(exportsFolder) "
            + "nor the folder the command runs in (\(directory)); download the project's data dictionary from REDCap "
            + "(Dictionary → Download the current Data Dictionary) into the export folder, or correct dictionary = \"…\""
    }
}

/// A data dictionary a source names cannot be read or is not a valid dictionary (exit 66).
public struct DictionaryUnusable: Error, CustomStringConvertible {
    public let place: DictionaryPlace
    public let path: String
    public let reason: String

    public var description: String {
        "the data dictionary \(DisplayText.quoted(path, limit: 200)), \(place.text), cannot be used: \(reason); "
            + "download the project's data dictionary from REDCap again, or correct dictionary = \"…\""
    }
}
