import Foundation
import OutcomesCore
import TOMLKit

/// Typed reads of the pipeline file's tables, each failing with the key's line.
struct TableReader {
    let path: String
    let lines: TOMLKeyLines

    func error(_ table: String, _ key: String, _ message: String) -> PipelineFileError {
        let shown = table.isEmpty ? key : "\(table.tableHeading) \(key)"
        return PipelineFileError(path: path, line: lines.line(table: table, key: key), "\(shown): \(message)")
    }

    func allowOnly(_ table: TOMLTable, table name: String, keys: [String]) throws(PipelineFileError) {
        for key in table.keys.sorted() where !keys.contains(key) {
            throw error(name, key, "unknown key; allowed here: \(keys.joined(separator: ", "))")
        }
    }

    func string(_ table: TOMLTable, _ name: String, _ key: String) throws(PipelineFileError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw error(name, key, "must be a string in double quotes") }
        return text
    }

    func number(_ table: TOMLTable, _ name: String, _ key: String, in range: ClosedRange<Double>) throws(PipelineFileError) -> Double? {
        guard let value = table[key] else { return nil }
        guard let number = value.double ?? value.int.map(Double.init), range.contains(number) else {
            throw error(name, key, "must be a number from \(format(range.lowerBound)) to \(format(range.upperBound))")
        }
        return number
    }

    func integer(_ table: TOMLTable, _ name: String, _ key: String, in range: ClosedRange<Int>) throws(PipelineFileError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int, range.contains(number) else {
            throw error(name, key, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static let sourceKeys = ["pattern", "kind", "format", "columns", "instrument", "dictionary", "date", "missing_codes"]

    func source(_ table: TOMLTable, index: Int) throws(PipelineFileError) -> SourceConfig {
        let name = "sources[\(index)]"
        try allowOnly(table, table: name, keys: Self.sourceKeys)
        var source = SourceConfig()
        for key in table.keys { source.keyLines[key] = lines.line(table: name, key: key) }
        if let pattern = try string(table, name, "pattern") {
            guard !pattern.isEmpty, !pattern.hasPrefix("/"), !pattern.contains("..") else {
                throw error(name, "pattern", "must be a file pattern inside the exports folder, like \"*.csv\" or \"redcap_*.csv\"")
            }
            source.pattern = pattern
        }
        if let text = try string(table, name, "kind") {
            guard let kind = ExportKind(rawValue: text) else { throw error(name, "kind", "'\(text)' is not allowed; use auto, scores or sessions") }
            source.options.kind = kind
        }
        if let text = try string(table, name, "format") {
            guard let format = ScoreFormat(rawValue: text) else { throw error(name, "format", "'\(text)' is not allowed; use \(Self.listed(["auto"] + Self.documentationOrder(ScoreFormat.formNames)))") }
            source.options.format = format
        }
        if let text = try string(table, name, "instrument") {
            guard let instrument = Instrument(exportName: text) else { throw error(name, "instrument", "'\(text)' is not an instrument; use GAD7, PHQ9 or HAMA") }
            source.options.instrument = instrument
        }
        if let text = try string(table, name, "dictionary") {
            guard !text.trimmingWhitespace.isEmpty else {
                throw error(name, "dictionary", "must name the project's REDCap data dictionary file, e.g. dictionary = \"MyProject_DataDictionary.csv\"")
            }
            source.options.dictionary = text
        }
        if let text = try string(table, name, "date") {
            guard !text.trimmingWhitespace.isEmpty else { throw error(name, "date", "must name a REDCap field, e.g. date = \"visit_date\"") }
            source.options.dateField = text.trimmingWhitespace
        }
        if let value = table["missing_codes"] {
            let message = "must be a list of codes in double quotes, like [\"UNK\", \"-999\"] ([] for none)"
            guard let array = value.array else { throw error(name, "missing_codes", message) }
            var codes: [String] = []
            for position in 0..<array.count {
                guard let code = array[position].string?.trimmingWhitespace, !code.isEmpty else { throw error(name, "missing_codes", message) }
                codes.append(code)
            }
            source.options.missingCodes = codes
        }
        if let value = table["columns"] {
            guard let columns = value.table else { throw error(name, "columns", "must be an inline table: { patient_id = \"study_id\" }") }
            let mappable = ExportForms.mappableColumns.sorted()
            let columnsLine = lines.line(table: name, key: "columns")
            for key in columns.keys.sorted() {
                let normalized = key.lowercased()
                guard mappable.contains(normalized) else {
                    throw error(name, "columns", "cannot map '\(key)'; names that can be mapped: \(mappable.joined(separator: ", "))")
                }
                guard let target = columns[key]?.string, !target.isEmpty else { throw error(name, "columns", "\(key) must name a column, in double quotes") }
                source.options.columns[normalized] = target
                source.keyLines["columns.\(normalized)"] = lines.keyLine(table: name, key: "columns.\(key)") ?? columnsLine
            }
        }
        if let form = ExportForms.named(by: source.options) { try checkEffect(source, index: index, form: form) }
        return source
    }

    /// A key the form a source names does not read has no effect: an error rather than a
    /// setting that silently does nothing (docs/ingest.md, "Keys that have no effect").
    func checkEffect(_ source: SourceConfig, index: Int, form: any ExportForm.Type) throws(PipelineFileError) {
        let heading = "sources[\(index)]".tableHeading
        for problem in SourceKeyEffect.unread(by: [form], in: source) {
            throw PipelineFileError(path: path, line: source.keyLines[problem.key],
                                    "\(heading) \(problem.message(on: "\(form.name) exports"))")
        }
    }

    /// `[answers]`: answer texts that apply to every instrument (`"Sometimes" = 1`), and
    /// `[answers.PHQ9]` tables for one instrument.
    func answers(_ table: TOMLTable) throws(PipelineFileError) -> AnswerTexts {
        var common: [String: Int] = [:]
        var byInstrument: [Instrument: [String: Int]] = [:]
        let widest = Instrument.allCases.map(\.itemRange.upperBound).max() ?? 4
        for key in table.keys.sorted() {
            guard let value = table[key] else { continue }
            if let entries = value.table {
                guard let instrument = Instrument(rawValue: key.uppercased()) ?? Instrument(exportName: key) else {
                    throw PipelineFileError(path: path, line: lines.line(table: "answers.\(key)") ?? lines.line(table: "answers", key: key),
                                            "[answers.\(key)]: '\(key)' is not an instrument; use GAD7, PHQ9 or HAMA")
                }
                var texts: [String: Int] = [:]
                let tableLine = lines.line(table: "answers.\(key)") ?? lines.line(table: "answers", key: key)
                for text in entries.keys.sorted() {
                    texts[text] = try answer(entries[text], text, table: "answers.\(key)", range: instrument.itemRange, line: tableLine)
                }
                byInstrument[instrument, default: [:]].merge(texts) { $1 }
            } else {
                common[key] = try answer(value, key, table: "answers", range: 0...widest, line: lines.line(table: "answers"))
            }
        }
        return AnswerTexts(common: common, byInstrument: byInstrument)
    }

    /// `[codes]`: local observation codes, each of an instrument's total (`"HAMA-001" = "HAMA"`)
    /// or of one of its items (`"X-7" = "GAD7 item 3"`). The LOINC codes are built in and are
    /// not changed here.
    func codes(_ table: TOMLTable) throws(PipelineFileError) -> [String: LOINC.Meaning] {
        var meanings: [String: LOINC.Meaning] = [:]
        let standard = LOINC.Table(localCodes: [:])
        for key in table.keys.sorted() {
            let line = lines.keyLine(table: "codes", key: key) ?? lines.line(table: "codes")
            let shown = "[codes] \(DisplayText.quoted(key))"
            let code = key.trimmingWhitespace
            guard !code.isEmpty else { throw PipelineFileError(path: path, line: line, "\(shown): the code is empty") }
            if let name = LOINC.notInstruments[code] {
                throw PipelineFileError(path: path, line: line, "\(shown): is the LOINC code of the \(name), which is not one of the instruments (GAD7, PHQ9, HAMA)")
            }
            if standard.meanings[code] != nil {
                throw PipelineFileError(path: path, line: line, "\(shown): is a LOINC code the ingest already reads; [codes] names local codes only")
            }
            guard let text = table[key]?.string, let meaning = Self.meaning(text) else {
                throw PipelineFileError(path: path, line: line,
                    "\(shown): must name an instrument's total or one of its items, like \"HAMA\" or \"GAD7 item 3\" (instruments: GAD7, PHQ9, HAMA)")
            }
            if case .item(let instrument, let number) = meaning, !(1...instrument.itemCount).contains(number) {
                throw PipelineFileError(path: path, line: line,
                    "\(shown): \(instrument.displayName) has items 1 to \(instrument.itemCount), not \(number)")
            }
            meanings[code] = meaning
        }
        return meanings
    }

    /// `HAMA` → its total; `GAD7 item 3` (also `GAD-7 item 3`, `gad7 item3`) → item 3.
    static func meaning(_ text: String) -> LOINC.Meaning? {
        let words = text.trimmingWhitespace
        if let instrument = Instrument(rawValue: words.uppercased()) ?? Instrument(exportName: words) { return .total(instrument) }
        guard let range = words.range(of: "item", options: [.caseInsensitive, .backwards]) else { return nil }
        let name = String(words[..<range.lowerBound]).trimmingWhitespace
        guard let number = Int(String(words[range.upperBound...]).trimmingWhitespace),
              let instrument = Instrument(rawValue: name.uppercased()) ?? Instrument(exportName: name) else { return nil }
        return .item(instrument, number: number)
    }

    /// `[routes]`: route names and codes a clinic's session exports use, each read as one of
    /// IV, IM, IN, SL, PO, SC (`"nasal inhaler" = "IN"`). A name the ingest already reads
    /// keeps its meaning.
    func routes(_ table: TOMLTable) throws(PipelineFileError) -> [String: Route] {
        var routes: [String: Route] = [:]
        for key in table.keys.sorted() {
            let line = lines.keyLine(table: "routes", key: key) ?? lines.line(table: "routes")
            let shown = "[routes] \(DisplayText.quoted(key))"
            guard !nameKey(key).isEmpty else { throw PipelineFileError(path: path, line: line, "\(shown): the name is empty") }
            guard let text = table[key]?.string, let route = Route(exportName: text) else {
                throw PipelineFileError(path: path, line: line, "\(shown): must be one of \"IV\", \"IM\", \"IN\", \"SL\", \"PO\" or \"SC\"")
            }
            if let known = Route(exportName: key), known != route {
                throw PipelineFileError(path: path, line: line,
                    "\(shown): is already read as \(known.rawValue) (\(known.displayName)); [routes] adds names, it does not change them")
            }
            routes[key] = route
        }
        return routes
    }

    /// One answer text and its value; `line` is where the text's table is written, for an
    /// inline table whose entries share its line.
    private func answer(_ value: TOMLValueConvertible?, _ text: String, table: String, range: ClosedRange<Int>,
                        line fallback: Int?) throws(PipelineFileError) -> Int {
        let line = lines.keyLine(table: table, key: text) ?? fallback
        let shown = "[\(table)] \(DisplayText.quoted(text))"
        let key = AnswerTexts.key(text)
        guard !key.isEmpty else {
            throw PipelineFileError(path: path, line: line, "\(shown): has no letters or digits, so it can never match an answer")
        }
        guard !key.allSatisfy({ $0.isNumber }) else {
            throw PipelineFileError(path: path, line: line, "\(shown): has no effect: a number in an item field is read as that number")
        }
        guard let number = value?.int, range.contains(number) else {
            throw PipelineFileError(path: path, line: line,
                                    "\(shown): must be a whole number from \(range.lowerBound) to \(range.upperBound), the item value the answer stands for")
        }
        return number
    }

    func analysis(_ table: TOMLTable) throws(PipelineFileError) -> AnalysisParameters {
        let name = "analysis"
        try allowOnly(table, table: name, keys: ["relief_threshold", "response_threshold", "course_gap_days", "baseline_window_days",
                                                  "followup_days", "endpoint_start_days", "endpoint_end_days", "curve_bins_hours",
                                                  "max_missing_items", "remission_cutoff", "durability_days", "loss_threshold",
                                                  "induction_days", "reliable_change", "caseness"])
        var p = AnalysisParameters()
        if let v = try number(table, name, "relief_threshold", in: 1...100) { p.reliefThreshold = v }
        if let v = try number(table, name, "response_threshold", in: 1...100) { p.responseThreshold = v }
        if let v = try number(table, name, "course_gap_days", in: 1...3650) { p.courseGapDays = v }
        if let v = try number(table, name, "baseline_window_days", in: 0...3650) { p.baselineWindowDays = v }
        if let v = try number(table, name, "followup_days", in: 1...3650) { p.followupDays = v }
        if let v = try number(table, name, "endpoint_start_days", in: 0...3650) { p.endpointStartDays = v }
        if let v = try number(table, name, "endpoint_end_days", in: 0...3650) { p.endpointEndDays = v }
        guard p.endpointStartDays <= p.endpointEndDays else {
            throw error(name, "endpoint_end_days", "must not be before endpoint_start_days (\(p.endpointStartDays))")
        }
        if let value = table["curve_bins_hours"] {
            let message = "must be an increasing list of at least two hour values from 0, like [0, 4, 24, 72]"
            guard let array = value.array else { throw error(name, "curve_bins_hours", message) }
            var edges: [Double] = []
            for index in 0..<array.count {
                guard let edge = array[index].double ?? array[index].int.map(Double.init), edge >= 0 else { throw error(name, "curve_bins_hours", message) }
                edges.append(edge)
            }
            guard edges.count >= 2, zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else { throw error(name, "curve_bins_hours", message) }
            p.curveBinsHours = edges
        }
        p.scoring = ScoringRules(maxMissingItems: try perInstrument(table, "max_missing_items") { instrument in 0...(instrument.itemCount - 1) })
        p.remissionCutoff.merge(try perInstrument(table, "remission_cutoff") { instrument in instrument.totalRange }) { $1 }
        if let v = try number(table, name, "durability_days", in: 1...3650) { p.durabilityDays = v }
        if let v = try number(table, name, "loss_threshold", in: 1...100) { p.lossThreshold = v }
        guard p.lossThreshold <= p.reliefThreshold else {
            throw error(name, "loss_threshold", "must not be above relief_threshold (\(format(p.reliefThreshold))): relief is lost below it")
        }
        if let v = try number(table, name, "induction_days", in: 0...3650) { p.inductionDays = v }
        p.reliableChange.merge(try perInstrument(table, "reliable_change") { instrument in 1...instrument.totalRange.upperBound }) { $1 }
        p.caseness.merge(try perInstrument(table, "caseness") { instrument in 1...instrument.totalRange.upperBound }) { $1 }
        return p
    }

    /// Each per-instrument key's defaults, shown as the example of its form.
    static let perInstrumentExamples = [
        "max_missing_items": "{ GAD7 = 1, PHQ9 = 2, HAMA = 0 }", "remission_cutoff": "{ GAD7 = 4, PHQ9 = 4, HAMA = 7 }",
        "reliable_change": "{ GAD7 = 4, PHQ9 = 6, HAMA = 8 }", "caseness": "{ GAD7 = 8, PHQ9 = 10, HAMA = 18 }",
    ]

    private func perInstrument(_ table: TOMLTable, _ key: String, range: (Instrument) -> ClosedRange<Int>) throws(PipelineFileError) -> [Instrument: Int] {
        guard let value = table[key] else { return [:] }
        guard let entries = value.table else {
            throw error("analysis", key, "must be an inline table like \(Self.perInstrumentExamples[key] ?? "{ GAD7 = 1, PHQ9 = 2, HAMA = 0 }")")
        }
        var result: [Instrument: Int] = [:]
        for name in entries.keys.sorted() {
            guard let instrument = Instrument(rawValue: name.uppercased()) ?? Instrument(exportName: name) else {
                throw error("analysis", key, "'\(name)' is not an instrument; use GAD7, PHQ9 or HAMA")
            }
            let allowed = range(instrument)
            guard let number = entries[name]?.int, allowed.contains(number) else {
                throw error("analysis", key, "\(name) must be a whole number from \(allowed.lowerBound) to \(allowed.upperBound)")
            }
            result[instrument] = number
        }
        return result
    }
}

extension String {
    /// `analysis` shown as `[analysis]`, `sources[1]` as `[[sources]] #2`.
    var tableHeading: String {
        guard let open = firstIndex(of: "["), let index = Int(self[self.index(after: open)...].prefix { $0 != "]" }) else { return "[\(self)]" }
        return "[[\(self[..<open])]] #\(index + 1)"
    }
}

extension TableReader {
    /// The forms in the order interface.md lists them, any other after them.
    static func documentationOrder(_ names: [String]) -> [String] {
        let order = ["long", "items", "redcap"]
        return names.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
    }

    /// `a, b or c`.
    static func listed(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
