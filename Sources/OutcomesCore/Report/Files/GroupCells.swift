/// The cells of the version 2 files (analysis.md §11–§15), where small cells are withheld per
/// group of figures: a count is empty exactly when it is small (it then sits in a suppressed
/// group), a statistic when its group is suppressed or it is not applicable.
struct GroupCells {
    let smallCells: SmallCells

    func count(_ n: Int) -> CSVTable.Cell { smallCells.isSmall(n) ? .empty : .number(String(n)) }

    func fraction(_ value: Double?, in group: FigureGroup) -> CSVTable.Cell {
        guard let value = group.shown(value) else { return .empty }
        return .number(NumberFormat.fraction(value))
    }

    /// A rate's value and 95 % Wilson interval.
    func rate(_ rate: Rate, in group: FigureGroup) -> [CSVTable.Cell] {
        [fraction(rate.value, in: group), fraction(rate.interval?.low, in: group), fraction(rate.interval?.high, in: group)]
    }

    func hours(seconds: Int64?, in group: FigureGroup) -> CSVTable.Cell {
        guard let seconds = group.shown(seconds) else { return .empty }
        return .number(NumberFormat.hours(seconds: seconds))
    }

    func whole(_ value: Int64?, in group: FigureGroup) -> CSVTable.Cell {
        guard let value = group.shown(value) else { return .empty }
        return .number(String(value))
    }

    func decimal(_ value: Double?, decimals: Int, in group: FigureGroup) -> CSVTable.Cell {
        guard let value = group.shown(value) else { return .empty }
        return .number(NumberFormat.fixed(value, decimals: decimals))
    }

    static func flag(_ suppressed: Bool) -> CSVTable.Cell { .text(suppressed ? "true" : "false") }
}
