import OutcomesCore

/// One source of exports: which files, and how to read them (interface.md, `[[sources]]`).
public struct SourceConfig: Sendable, Equatable {
    public var pattern: String
    public var options: SourceOptions
    /// The line of each key written in the source's table (`date`, `columns`, and
    /// `columns.gad7` for each entry of the columns table, which shares its line), so that a
    /// key found to have no effect is named with its line. Empty for a source not written.
    public var keyLines: [String: Int]

    public init(pattern: String = "*.csv", options: SourceOptions = SourceOptions(), keyLines: [String: Int] = [:]) {
        self.pattern = pattern
        self.options = options
        self.keyLines = keyLines
    }

    /// The keys written in the source's table that a form may or may not read: `instrument`,
    /// `dictionary`, `date`, `missing_codes`, and `columns.<name>` per mapping, in line order.
    public var effectKeys: [String] {
        keyLines.keys.filter { SourceKeyEffect.formKeys.contains($0) || $0.hasPrefix("columns.") }
            .sorted { (keyLines[$0] ?? 0, $0) < (keyLines[$1] ?? 0, $1) }
    }
}

/// A pipeline file, validated (interface.md, "Pipeline file").
public struct PipelineConfig: Sendable, Equatable {
    public var path: String
    public var name: String
    public var database = "var/outcomes.sqlite"
    public var reports = "Reports/nightly"
    public var exports = "exports"
    public var timezone = "UTC"
    /// Every this many days (by the run's time) the ingest reads every export's content again,
    /// even those whose size and modification time are unchanged; 0: never (`--rehash` still does).
    public var rehashEveryDays = 7
    /// Without `[[sources]]`: CSV exports, and FHIR as NDJSON (Bulk Data) or JSON (Bundles).
    public var sources: [SourceConfig] = PipelineConfig.defaultSources

    public static let defaultSources = ["*.csv", "*.ndjson", "*.json"].map { SourceConfig(pattern: $0) }
    /// `[answers]`: answer texts the pipeline adds; also in every source's options.
    public var answers = AnswerTexts()
    /// `[codes]`: local observation codes of an instrument's total or items, as written
    /// (`"HAMA-001" = "HAMA"`); also, with the LOINC codes, in every source's options.
    public var codes: [String: LOINC.Meaning] = [:]
    /// `[routes]`: route names and codes the pipeline adds, as written (`"nasal inhaler" = "IN"`);
    /// also in every source's options.
    public var routes: [String: Route] = [:]
    public var analysis = AnalysisParameters()
    public var period = ReportPeriod.all
    public var minCell = 0
    /// `[report] chart_min_courses`: chart points on fewer courses are hollow and not joined.
    public var chartMinCourses = 5
    /// `[network]`: where `outcomes publish` sends this site's contribution (docs/network.md).
    public var network: NetworkTarget?

    public init(path: String, name: String) {
        self.path = path
        self.name = name
    }
}

/// A pipeline file that cannot be used (exit 64): where, which key, and what is allowed.
public struct PipelineFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    /// The character on the line (1-based), for a fault in the text itself.
    public let column: Int?
    public let message: String

    public init(path: String, line: Int?, column: Int? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        "\(path)\(line.map { " line \($0)" } ?? "")\(column.map { ", column \($0)" } ?? ""): \(message)"
    }
}

extension PipelineConfig {
    /// What decides the transform's tables besides the data (recorded with them, compared by
    /// the plan, checked by the report).
    public var transformSettings: TransformSettings { TransformSettings(parameters: analysis, timezone: timezone) }

    /// The report period pinned to the run's local date: what `{period}` becomes.
    public func resolvedPeriod(_ period: ReportPeriod, now: Int64) -> ResolvedPeriod {
        let zone = LocalTimeZone(identifier: timezone) ?? LocalTimeZone(identifier: "UTC")!
        return period.resolved(today: zone.localDay(of: now))
    }

    /// What decides how exports are read, in a fixed order: the sources (patterns, kinds,
    /// forms, column maps, instruments, data dictionaries, date fields, missing-data codes),
    /// the `[answers]` table, the timezone and `max_missing_items`. The plan reruns ingest
    /// when it changes, so that files no form fitted before are looked at again.
    public var ingestSettingsText: String {
        let sources = sources.map { source in
            let o = source.options
            let columns = o.columns.keys.sorted().map { "\($0)=\(o.columns[$0]!)" }.joined(separator: ",")
            // The REDCap keys are written only when set, so that the text of a pipeline without
            // them is what earlier versions recorded (an upgrade alone does not rerun ingest).
            var redcap = ""
            if let dictionary = o.dictionary { redcap += "|dictionary=\(dictionary)" }
            if let date = o.dateField { redcap += "|date=\(date)" }
            if o.missingCodes != MissingDataCodes.standard { redcap += "|missing_codes=[\(o.missingCodes.joined(separator: ","))]" }
            return "\(source.pattern)|\(o.kind.rawValue)|\(o.format.rawValue)|\(o.instrument?.rawValue ?? "")|\(columns)" + redcap
        }
        let missing = Instrument.allCases.sorted().map { "\($0.rawValue)=\(analysis.scoring.maxMissing($0))" }.joined(separator: ",")
        let answers = answers == AnswerTexts() ? "" : " answers=\(Self.text(self.answers))"
        // Written only when set, so that the text of a pipeline without them is unchanged.
        let codes = codes.isEmpty ? "" : " codes={" + codes.keys.sorted().map { "\($0)=\(Self.text(self.codes[$0]!))" }.joined(separator: ",") + "}"
        let routes = routes.isEmpty ? "" : " routes={" + routes.keys.sorted().map { "\($0)=\(self.routes[$0]!.rawValue)" }.joined(separator: ",") + "}"
        return "sources[" + sources.joined(separator: ";") + "]\(answers)\(codes)\(routes) timezone=\(timezone) max_missing_items=\(missing)"
    }

    /// A `[codes]` entry's meaning: `HAMA` (a total), `GAD7#3` (an item), `PHQ9 panel`.
    static func text(_ meaning: LOINC.Meaning) -> String {
        switch meaning {
        case .total(let instrument): instrument.rawValue
        case .item(let instrument, let number): "\(instrument.rawValue)#\(number)"
        case .panel(let instrument): "\(instrument.rawValue) panel"
        }
    }

    /// The options' code table: the LOINC codes, HAM-A's default local code, and `[codes]`.
    public var codeTable: LOINC.Table {
        LOINC.Table(localCodes: ["HAMA-TOTAL": .total(.hama)].merging(codes) { $1 })
    }

    /// The options' route map: `[routes]` keyed by `nameKey`.
    public var routeTable: [String: Route] {
        Dictionary(routes.map { (nameKey($0.key), $0.value) }) { a, _ in a }
    }

    /// `[answers]` in a fixed order: `text=value` pairs, common ones first, then per instrument.
    static func text(_ answers: AnswerTexts) -> String {
        func pairs(_ table: [String: Int]) -> String { table.keys.sorted().map { "\($0)=\(table[$0]!)" }.joined(separator: ",") }
        let tables = answers.byInstrument.keys.sorted().map { "\($0.rawValue){\(pairs(answers.byInstrument[$0]!))}" }
        return "{" + ([pairs(answers.common)] + tables).joined(separator: ";") + "}"
    }
}
