/// A time-to-event sample as its distinct times, each with its events and censorings: all a
/// Kaplan–Meier estimate reads of the observations (analysis.md §6), and what sites can pool,
/// since the table of two samples together is the sum of their tables.
public struct EventTable: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var time: Int64
        public var events: Int
        public var censored: Int

        public init(time: Int64, events: Int, censored: Int) {
            self.time = time
            self.events = events
            self.censored = censored
        }
    }

    /// Ascending by time, one row per distinct time, each with at least one observation.
    public private(set) var rows: [Row]

    public init(_ observations: some Sequence<SurvivalObservation>) {
        let sorted = observations.sorted { $0.time < $1.time }
        var rows: [Row] = []
        for observation in sorted {
            if rows.last?.time != observation.time { rows.append(Row(time: observation.time, events: 0, censored: 0)) }
            if observation.isEvent { rows[rows.count - 1].events += 1 } else { rows[rows.count - 1].censored += 1 }
        }
        self.rows = rows
    }

    /// Rows in any order, times repeated or not; counts of a time are added.
    public init(rows unordered: some Sequence<Row>) {
        var byTime: [Int64: Row] = [:]
        for row in unordered where row.events + row.censored > 0 {
            byTime[row.time, default: Row(time: row.time, events: 0, censored: 0)].events += row.events
            byTime[row.time]!.censored += row.censored
        }
        rows = byTime.keys.sorted().map { byTime[$0]! }
    }

    public var observations: Int { rows.reduce(0) { $0 + $1.events + $1.censored } }
    public var events: Int { rows.reduce(0) { $0 + $1.events } }

    /// The table of both samples together.
    public static func + (a: EventTable, b: EventTable) -> EventTable { EventTable(rows: a.rows + b.rows) }
}
