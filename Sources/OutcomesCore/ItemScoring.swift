/// A total derived from an administration's items, or taken from its total column.
public struct ScoredTotal: Equatable, Sendable {
    public let total: Int
    /// How many items were answered (the item count when items were not exported).
    public let answeredItems: Int
    /// The total was prorated from partly missing items (analysis.md §1).
    public let prorated: Bool
}

/// The scoring rules of analysis.md §1: range checks, item sums, proration and the
/// agreement of exported totals with their items.
public enum ItemScoring {
    /// - Parameters:
    ///   - items: one entry per item of the instrument (nil = missing), or empty when the
    ///     export carries no items for this administration.
    ///   - total: the exported total, if any.
    ///   - itemColumns: the column names of the items, for messages.
    public static func score(instrument: Instrument, items: [Int?], total: Int?, maxMissingItems: Int,
                             itemColumns: [String] = [], totalColumn: String = "total") -> Result<ScoredTotal, RowProblem> {
        let name = instrument.displayName
        if let total, !instrument.totalRange.contains(total) {
            return .failure(RowProblem(column: totalColumn,
                "\(name) total \(total) is outside \(instrument.totalRange.lowerBound)–\(instrument.totalRange.upperBound)"))
        }
        for (index, item) in items.enumerated() {
            if let item, !instrument.itemRange.contains(item) {
                let column = index < itemColumns.count ? itemColumns[index] : "item_\(index + 1)"
                return .failure(RowProblem(column: column,
                    "\(name) item \(index + 1) is \(item); items are \(instrument.itemRange.lowerBound)–\(instrument.itemRange.upperBound)"))
            }
        }
        let answered = items.compactMap { $0 }
        if answered.isEmpty {
            guard let total else {
                return .failure(RowProblem(column: totalColumn, "no \(name) total and no item answers"))
            }
            return .success(ScoredTotal(total: total, answeredItems: instrument.itemCount, prorated: false))
        }
        let missing = instrument.itemCount - answered.count
        let sum = answered.reduce(0, +)
        if missing == 0 {
            if let total, total != sum {
                return .failure(RowProblem(column: totalColumn,
                    "total does not match items: \(name) total is \(total) but its items add up to \(sum)"))
            }
            return .success(ScoredTotal(total: sum, answeredItems: answered.count, prorated: false))
        }
        guard missing <= maxMissingItems else {
            return .failure(RowProblem(column: nil,
                "incomplete: \(missing) of \(instrument.itemCount) \(name) items are missing (at most \(maxMissingItems) may be)"))
        }
        return .success(ScoredTotal(total: prorate(sum: sum, answered: answered.count, of: instrument.itemCount),
                                    answeredItems: answered.count, prorated: true))
    }

    /// sum × items / answered, rounded half up, in integers so that halves are exact.
    public static func prorate(sum: Int, answered: Int, of itemCount: Int) -> Int {
        (2 * sum * itemCount + answered) / (2 * answered)
    }
}
