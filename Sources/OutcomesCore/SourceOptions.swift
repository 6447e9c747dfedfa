/// What an export holds, as the pipeline file's `[[sources]]` says it (interface.md).
public enum ExportKind: String, Sendable, CaseIterable {
    case auto, scores, sessions
}

/// The form of a score export a source names (interface.md, "Exports read by the ingest
/// stage"): `auto`, or the name of a score form of `ExportForms.all`. Each form file declares
/// its own constant (`ScoreFormat.redcap` in the REDCap form's file).
public struct ScoreFormat: RawRepresentable, Hashable, Sendable {
    public let rawValue: String

    /// Nil unless `auto` or a score form's name.
    public init?(rawValue: String) {
        guard rawValue == "auto" || Self.formNames.contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    init(known name: String) { rawValue = name }

    public static let auto = ScoreFormat(known: "auto")

    /// The names a pipeline file may give `format`, in registry order.
    public static var formNames: [String] { ExportForms.all.compactMap { form in form.kind == .scores ? form.name : nil } }
}

/// How to read the files of one source: kind, form, the clinic's own column names.
public struct SourceOptions: Sendable, Equatable {
    public var kind: ExportKind
    public var format: ScoreFormat
    /// Contract column name (`patient_id`) or instrument prefix key (`phq9`) → the clinic's
    /// header name (`study_id`) or item prefix (`phq`).
    public var columns: [String: String]
    /// The instrument of an items export whose header does not say (`item_1 … item_N`).
    public var instrument: Instrument?
    /// REDCap: the data dictionary the source names (`dictionary = "…"`), as written in the
    /// pipeline file; resolved by the pipeline, parsed into `FormContext.dictionaries`.
    public var dictionary: String?
    /// REDCap: the field that holds an administration's date when its form has neither a date
    /// field nor a survey timestamp (`date = "visit_date"`); it may sit in another form of the
    /// same row, or on the record's non-repeating row of the same event.
    public var dateField: String?
    /// Values saved in item fields that mean "not answered" (REDCap missing-data codes):
    /// read as a missing item, never as 0, so that proration decides (analysis.md §1).
    public var missingCodes: [String]
    /// Answer texts the pipeline's `[answers]` table adds to each instrument's standard ones.
    public var answers: AnswerTexts
    /// The observation codes of the instruments (LOINC, and the pipeline's `[codes]` table of
    /// local codes): what the coded observation form reads.
    public var codes: LOINC.Table
    /// Route names and codes the pipeline's `[routes]` table adds (`"nasal inhaler" = "IN"`),
    /// keyed by `nameKey`: what the sessions form reads besides the standard spellings.
    public var routes: [String: Route]

    public init(kind: ExportKind = .auto, format: ScoreFormat = .auto, columns: [String: String] = [:],
                instrument: Instrument? = nil, dictionary: String? = nil, dateField: String? = nil,
                missingCodes: [String] = MissingDataCodes.standard, answers: AnswerTexts = AnswerTexts(),
                codes: LOINC.Table = LOINC.Table(), routes: [String: Route] = [:]) {
        self.kind = kind
        self.format = format
        self.columns = columns
        self.instrument = instrument
        self.dictionary = dictionary
        self.dateField = dateField
        self.missingCodes = missingCodes
        self.answers = answers
        self.codes = codes
        self.routes = routes
    }

    /// The item prefix of an instrument in this source's files.
    public func prefix(of instrument: Instrument) -> String {
        (columns[instrument.columnPrefix] ?? columns[instrument.rawValue]).map { $0.lowercased() }
            ?? instrument.columnPrefix
    }
}

/// Scoring parameters that the pipeline file may override (analysis.md §1).
public struct ScoringRules: Sendable, Equatable {
    public var maxMissingItems: [Instrument: Int]

    /// Defaults of analysis.md §1, replaced per instrument by `overrides`.
    public init(maxMissingItems overrides: [Instrument: Int] = [:]) {
        var all = Dictionary(uniqueKeysWithValues: Instrument.allCases.map { ($0, $0.defaultMaxMissingItems) })
        all.merge(overrides) { $1 }
        maxMissingItems = all
    }

    public func maxMissing(_ instrument: Instrument) -> Int {
        maxMissingItems[instrument] ?? instrument.defaultMaxMissingItems
    }
}
