import OutcomesCore
import OutcomesIO

/// The check of the sources against their files' headers, before any file is read (ingest and
/// `validate --pipeline`; docs/ingest.md, "Keys that have no effect"). For each source with a
/// key a form may not read and at least one file whose header can be read, it is an error
/// (exit 64, naming the key and its line):
/// - a `columns` entry that finds nothing in any of the source's files (`HeaderIndex.finds`),
///   or a `date` field that is a column of none, naming the headers that are there;
/// - a key (`instrument`, `dictionary`, `date`, `missing_codes`, a `columns` name) that none
///   of the forms of the source's recognised files reads.
/// A file whose header cannot be read is left for the ingest to list, as before.
public struct SourceCheck {
    /// One file of a source: how messages name it, and the path that reads it.
    public struct File {
        public var name: String
        public var readPath: String

        public init(name: String, readPath: String) {
            self.name = name
            self.readPath = readPath
        }
    }

    public let config: PipelineConfig

    public init(config: PipelineConfig) { self.config = config }

    /// At most this many header names are quoted, then "…".
    static let shownColumns = 20

    /// The check of one source (by its place in the pipeline file) over its files' headers.
    public func check(source index: Int, files: [File], dictionaries: [RedcapDictionary]) throws(PipelineFileError) {
        let source = config.sources[index]
        let keys = source.effectKeys
        guard !keys.isEmpty, !files.isEmpty else { return }
        var headers: [(name: String, names: [String], form: (any ExportForm.Type)?)] = []
        // Forms are told without the date field, so that one missing from a file does not hide its form.
        var options = source.options
        options.dateField = nil
        for file in files {
            var reader = ExportFile(path: file.readPath, options: options, zone: LocalTimeZone(identifier: "UTC")!,
                                    rules: config.analysis.scoring, dictionaries: dictionaries)
            reader.name = file.name
            guard case .success(let names)? = try? reader.header() else { continue }
            let form: (any ExportForm.Type)? = switch ExportLayout.recognise(header: names, options: options, dictionaries: dictionaries) {
            case .success(let layout): type(of: layout.form)
            case .failure: nil
            }
            headers.append((file.name, names, form))
        }
        guard !headers.isEmpty else { return }
        var forms: [any ExportForm.Type] = []
        for form in ExportForms.all where headers.contains(where: { $0.form.map { $0.name == form.name } ?? false }) { forms.append(form) }
        let recognised = headers.filter { $0.form != nil }.map(\.name)
        let heading = "sources[\(index)]".tableHeading
        for key in keys {
            // A mapping, or the date field, that finds nothing in any file: named with the columns there are.
            var sought: (shown: String, finds: (HeaderIndex) -> Bool)?
            if key.hasPrefix("columns.") {
                let name = String(key.dropFirst("columns.".count))
                let target = source.options.columns[name] ?? ""
                sought = ("columns: \(name) = \"\(DisplayText.quoted(target))\"", { $0.finds(mapping: name, target: target) })
            } else if key == "date", let field = source.options.dateField {
                sought = ("date = \"\(DisplayText.quoted(field))\"", { $0.position(ofHeader: field) != nil })
            }
            if let sought, !headers.contains(where: { sought.finds(HeaderIndex(header: $0.names)) }) {
                // The columns of a file whose form could read the key say most; else the first file's.
                let shown = headers.first { header in
                    header.form.map { SourceKeyEffect.unread(by: [$0], in: source).allSatisfy { $0.key != key } } ?? false
                } ?? headers[0]
                throw PipelineFileError(path: config.path, line: source.keyLines[key],
                                        "\(heading) \(sought.shown) matches no column of " + Self.files(headers.map(\.name))
                                            + Self.columns(of: shown.name, shown.names, several: headers.count > 1))
            }
            guard !forms.isEmpty else { continue }
            for unread in SourceKeyEffect.unread(by: forms, in: source) where unread.key == key {
                throw PipelineFileError(path: config.path, line: source.keyLines[key],
                                        "\(heading) \(unread.message(on: SourceKeyEffect.subject(files: recognised, forms: forms)))")
            }
        }
    }

    /// `redcap.csv`, or `the 3 files of this source (a.csv, b.csv, c.csv)`.
    static func files(_ names: [String]) -> String {
        guard names.count > 1 else { return names[0] }
        let shown = names.prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
        return "the \(names.count) files of this source (\(shown))"
    }

    /// `; its columns are record_id, redcap_event_name, gad_1, …`, or with several files
    /// `; the columns of a.csv are …` (the first file's).
    static func columns(of name: String, _ header: [String], several: Bool) -> String {
        let names = header.map(\.trimmingWhitespace).filter { !$0.isEmpty }
        let shown = names.prefix(shownColumns).map { DisplayText.quoted($0, limit: 40) }.joined(separator: ", ")
            + (names.count > shownColumns ? ", …" : "")
        return (several ? "; the columns of \(name) are " : "; its columns are ") + shown
    }
}
