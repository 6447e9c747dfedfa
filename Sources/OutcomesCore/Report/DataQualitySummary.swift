/// What report.md says of data quality, gathered one row at a time so that a clinic with a
/// million flagged rows needs memory only for the distinct reasons: rows per kind, and the
/// rejected rows' reasons with their values masked.
public struct DataQualitySummary: Equatable, Sendable {
    public struct Reason: Equatable, Sendable {
        public var pattern: String
        public var rows: Int
        /// The first row with this reason, in file and line order.
        public var first: DataQualityRow
    }

    /// One line of data_quality_summary.csv: a file, a kind and a reason class.
    public struct ClassKey: Hashable, Comparable, Sendable {
        public var file: String
        public var kind: String
        public var reasonClass: String

        public static func < (a: ClassKey, b: ClassKey) -> Bool {
            (a.file, a.kind, a.reasonClass) < (b.file, b.kind, b.reasonClass)
        }
    }

    public private(set) var rowsByKind: [String: Int] = [:]
    /// Rows per file, kind and reason class, every kind (data_quality_summary.csv).
    public private(set) var rowsByClass: [ClassKey: Int] = [:]
    private var reasons: [String: Reason] = [:]

    public init() {}

    /// Rows must come in file and line order for `first` to be the first.
    public mutating func add(_ row: DataQualityRow) {
        rowsByKind[row.kind, default: 0] += 1
        let pattern = ReasonClass.of(row.reason)
        rowsByClass[ClassKey(file: row.file, kind: row.kind, reasonClass: pattern), default: 0] += 1
        guard row.kind == "rejected" || row.kind == "unrecognised_file" else { return }
        if reasons[pattern] == nil { reasons[pattern] = Reason(pattern: pattern, rows: 0, first: row) }
        reasons[pattern]!.rows += 1
    }

    public static func of(_ rows: [DataQualityRow]) -> DataQualitySummary {
        var summary = DataQualitySummary()
        for row in rows.sorted() { summary.add(row) }
        return summary
    }

    /// The most frequent reasons, ties by the reason's text.
    public func topReasons(_ count: Int) -> [Reason] {
        Array(reasons.values.sorted { ($0.rows, $1.pattern) > ($1.rows, $0.pattern) }.prefix(count))
    }
}
