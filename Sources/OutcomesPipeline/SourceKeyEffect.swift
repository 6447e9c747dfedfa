import OutcomesCore

/// Which `[[sources]]` keys the export forms read: a key that no form of a source's files
/// reads has no effect, which is an error (exit 64) naming the key and its line, never a
/// setting that silently does nothing (docs/ingest.md, "Keys that have no effect").
enum SourceKeyEffect {
    /// The source keys a form may or may not read (`ExportForm.sourceKeys`); `pattern`, `kind`
    /// and `format` are read for every file.
    static let formKeys: Set<String> = ["instrument", "dictionary", "date", "missing_codes"]

    /// A key of a source that the forms do not read.
    struct Unread {
        /// As in `SourceConfig.keyLines`: `date`, or `columns.gad7`.
        var key: String
        var forms: [any ExportForm.Type]

        /// `columns: administered_at has no effect on redcap exports (…)`, or
        /// `date: has no effect on long exports (only redcap exports read it)`.
        func message(on subject: String) -> String {
            if key.hasPrefix("columns.") {
                let name = String(key.dropFirst("columns.".count))
                return "columns: \(name) has no effect on \(subject) (\(SourceKeyEffect.columnHint(name, forms)))"
            }
            let readers = ExportForms.all.filter { $0.sourceKeys.contains(key) }.map { $0.name }
            return "\(key): has no effect on \(subject) (only \(readers.joined(separator: " and ")) exports read it)"
        }
    }

    /// The keys of `source` (in line order) that none of `forms` reads.
    static func unread(by forms: [any ExportForm.Type], in source: SourceConfig) -> [Unread] {
        source.effectKeys.compactMap { key in
            if key.hasPrefix("columns.") {
                let name = String(key.dropFirst("columns.".count))
                return forms.contains { $0.mappableColumns.contains(name) } ? nil : Unread(key: key, forms: forms)
            }
            return forms.contains { $0.sourceKeys.contains(key) } ? nil : Unread(key: key, forms: forms)
        }
    }

    static func columnHint(_ name: String, _ forms: [any ExportForm.Type]) -> String {
        if name == "administered_at", forms.allSatisfy({ $0.name == RedcapLayout.name }) {
            return "REDCap takes each administration's date from its form; use date = \"…\" to name a date field"
        }
        let names = forms.reduce(into: Set<String>()) { $0.formUnion($1.mappableColumns) }.sorted().joined(separator: ", ")
        return forms.count == 1 ? "the names \(article(forms[0].name)) \(forms[0].name) export may map: \(names)"
            : "the names these exports may map: \(names)"
    }

    /// "a long", "an items".
    static func article(_ word: String) -> String { "aeiou".contains(word.first ?? "x") ? "an" : "a" }

    /// How a message names a source's files of these forms: `redcap.csv, a redcap export`, or
    /// `the 3 files of this source (long and items exports)`.
    static func subject(files: [String], forms: [any ExportForm.Type]) -> String {
        let names = forms.map { $0.name }
        if files.count == 1, names.count == 1 { return "\(files[0]), \(article(names[0])) \(names[0]) export" }
        return "the \(files.count) files of this source (\(names.joined(separator: " and ")) exports)"
    }
}
