import OutcomesCore

/// One source of exports: which files, and how to read them (interface.md, `[[sources]]`).
public struct SourceConfig: Sendable, Equatable {
    public var pattern: String
    public var options: SourceOptions

    public init(pattern: String = "*.csv", options: SourceOptions = SourceOptions()) {
        self.pattern = pattern
        self.options = options
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
    public var sources: [SourceConfig] = [SourceConfig()]
    public var analysis = AnalysisParameters()
    public var period = ReportPeriod.all
    public var minCell = 0

    public init(path: String, name: String) {
        self.path = path
        self.name = name
    }
}

/// A pipeline file that cannot be used (exit 64): where, which key, and what is allowed.
public struct PipelineFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let line: Int?
    public let message: String

    public init(path: String, line: Int?, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { "\(path)\(line.map { " line \($0)" } ?? ""): \(message)" }
}
