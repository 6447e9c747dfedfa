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
    /// Reason → class for the reasons seen lately: many rows share a reason (a mixed-route
    /// course's sessions, a file's repeated fault), and ReasonClass reads every word. Emptied
    /// when it grows past `remembered`, so that a million distinct reasons need no more memory.
    private var classes: [String: String] = [:]
    static let remembered = 10_000

    public init() {}

    /// Equal when they say the same; the cache of reason classes is not part of what they say.
    public static func == (a: DataQualitySummary, b: DataQualitySummary) -> Bool {
        a.rowsByKind == b.rowsByKind && a.rowsByClass == b.rowsByClass && a.reasons == b.reasons
    }

    /// Rows must come in file and line order for `first` to be the first.
    public mutating func add(_ row: DataQualityRow) {
        rowsByKind[row.kind, default: 0] += 1
        let pattern = reasonClass(row.reason)
        rowsByClass[ClassKey(file: row.file, kind: row.kind, reasonClass: pattern), default: 0] += 1
        guard row.kind == "rejected" || row.kind == "unrecognised_file" else { return }
        if reasons[pattern] == nil { reasons[pattern] = Reason(pattern: pattern, rows: 0, first: row) }
        reasons[pattern]!.rows += 1
    }

    private mutating func reasonClass(_ reason: String) -> String {
        if let known = classes[reason] { return known }
        if classes.count >= Self.remembered { classes.removeAll(keepingCapacity: true) }
        let pattern = ReasonClass.of(reason)
        classes[reason] = pattern
        return pattern
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
