/// One line of a site's data quality: flagged or unusable input rows of one kind and reason
/// class (ReasonClass: values masked), over all its export files. No file name (export names
/// carry dates) and no line; row counts, not patient counts.
public struct QualityCount: Equatable, Hashable, Sendable, Comparable {
    public var kind: String
    public var reasonClass: String
    public var rows: Int

    public init(kind: String, reasonClass: String, rows: Int) {
        self.kind = kind
        self.reasonClass = reasonClass
        self.rows = rows
    }

    /// A site's counts from its report's summary: the files' lines of each kind and class summed.
    public static func of(_ summary: DataQualitySummary) -> [QualityCount] {
        var byClass: [String: [String: Int]] = [:]
        for (key, rows) in summary.rowsByClass { byClass[key.kind, default: [:]][key.reasonClass, default: 0] += rows }
        return byClass.flatMap { kind, classes in classes.map { QualityCount(kind: kind, reasonClass: $0.key, rows: $0.value) } }.sorted()
    }

    public static func < (a: QualityCount, b: QualityCount) -> Bool { (a.kind, a.reasonClass) < (b.kind, b.reasonClass) }
}
