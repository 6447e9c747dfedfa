/// Why a row (or one administration in it) cannot be used: the column at fault, when there
/// is one, and a reason a clinic's data manager understands. Reasons never quote patient
/// identifiers.
public struct RowProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var column: String?
    public var reason: String
    /// The row's patient id, where it had one (set by the reader from the row, for row_issue;
    /// never part of the reason).
    public var patientID: String?

    public init(column: String?, _ reason: String) {
        self.column = column
        self.reason = reason
    }

    public var description: String { column.map { "column \($0): \(reason)" } ?? reason }
}
