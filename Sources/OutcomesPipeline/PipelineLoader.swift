import Foundation
import OutcomesCore
import OutcomesIO
import TOMLKit

/// Reads and validates a pipeline file. Every key but `[pipeline].name` has a default; an
/// unknown key or a bad value is a `PipelineFileError` naming the key, its line and what is
/// allowed.
public enum PipelineLoader {
    public static func load(path: String) throws(PipelineFileError) -> PipelineConfig {
        try parse(text: try PipelineFileText.read(path: path), path: path)
    }

    /// A pipeline file's bytes: not UTF-8, or a control character, is an error naming the line
    /// and column.
    public static func parse(bytes: [UInt8], path: String) throws(PipelineFileError) -> PipelineConfig {
        try parse(text: try PipelineFileText.text(bytes, path: path), path: path)
    }

    /// The TOML document of a pipeline or network file; a syntax error names its line.
    static func document(_ text: String, path: String) throws(PipelineFileError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw PipelineFileError(path: path, line: error.source.begin.line, "not valid TOML: \(error.description)")
        } catch {
            throw PipelineFileError(path: path, line: nil, "not valid TOML: \(ErrorSentence.describe(error))")
        }
    }

    public static func parse(text: String, path: String) throws(PipelineFileError) -> PipelineConfig {
        let root = try document(text, path: path)
        let reader = TableReader(path: path, lines: TOMLKeyLines(text: text))
        try reader.allowOnly(root, table: "", keys: ["pipeline", "sources", "answers", "codes", "routes", "analysis", "report", "network"])

        guard let pipeline = root["pipeline"]?.table else {
            throw PipelineFileError(path: path, line: nil, "missing [pipeline] table with name = \"…\"")
        }
        try reader.allowOnly(pipeline, table: "pipeline", keys: ["name", "database", "reports", "exports", "timezone", "rehash_every_days"])
        guard let name = try reader.string(pipeline, "pipeline", "name"), !name.isEmpty else {
            throw PipelineFileError(path: path, line: reader.lines.line(table: "pipeline"), "[pipeline] needs name = \"…\" (a non-empty string)")
        }
        var config = PipelineConfig(path: path, name: name)
        if let value = try reader.string(pipeline, "pipeline", "database") { config.database = value }
        if let value = try reader.string(pipeline, "pipeline", "reports") { config.reports = value }
        if let value = try reader.string(pipeline, "pipeline", "exports") { config.exports = value }
        if let value = try reader.string(pipeline, "pipeline", "timezone") {
            guard LocalTimeZone(identifier: value) != nil else {
                throw reader.error("pipeline", "timezone", "'\(value)' is not an IANA time zone name (e.g. UTC, America/New_York, Europe/Berlin)")
            }
            config.timezone = value
        }
        if let days = try reader.integer(pipeline, "pipeline", "rehash_every_days", in: 0...3650) { config.rehashEveryDays = days }
        if let sources = root["sources"] {
            guard let array = sources.array else { throw reader.error("", "sources", "must be written as [[sources]] tables") }
            config.sources = try (0..<array.count).map { index throws(PipelineFileError) in
                guard let table = array[index].table else { throw reader.error("", "sources", "must be written as [[sources]] tables") }
                return try reader.source(table, index: index)
            }
        }
        if let answers = root["answers"] {
            guard let table = answers.table else { throw reader.error("", "answers", "must be a table: [answers], with \"answer text\" = item value") }
            config.answers = try reader.answers(table)
        }
        if let codes = root["codes"] {
            guard let table = codes.table else { throw reader.error("", "codes", "must be a table: [codes], with \"local code\" = \"HAMA\" or \"GAD7 item 3\"") }
            config.codes = try reader.codes(table)
        }
        if let routes = root["routes"] {
            guard let table = routes.table else { throw reader.error("", "routes", "must be a table: [routes], with \"route name or code\" = \"IN\"") }
            config.routes = try reader.routes(table)
        }
        for index in config.sources.indices {
            config.sources[index].options.answers = config.answers
            config.sources[index].options.codes = config.codeTable
            config.sources[index].options.routes = config.routeTable
        }
        if let analysis = root["analysis"] {
            guard let table = analysis.table else { throw reader.error("", "analysis", "must be a table: [analysis]") }
            config.analysis = try reader.analysis(table)
        }
        if let report = root["report"] {
            guard let table = report.table else { throw reader.error("", "report", "must be a table: [report]") }
            try reader.allowOnly(table, table: "report", keys: ["period", "min_cell", "chart_min_courses"])
            if let text = try reader.string(table, "report", "period") {
                guard let period = ReportPeriod(parsing: text) else {
                    throw reader.error("report", "period", "'\(text)' is not a period; allowed: all, YYYYQn (2026Q3), YYYY-MM-DD..YYYY-MM-DD, last-quarter")
                }
                config.period = period
            }
            if let value = try reader.integer(table, "report", "min_cell", in: 0...1_000_000) { config.minCell = value }
            if let value = try reader.integer(table, "report", "chart_min_courses", in: 1...1_000_000) { config.chartMinCourses = value }
        }
        if let network = root["network"] {
            guard let table = network.table else { throw reader.error("", "network", "must be a table: [network], with url and site") }
            config.network = try reader.network(table)
        }
        return config
    }
}
