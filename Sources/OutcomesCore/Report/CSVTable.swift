import Foundation

/// A CSV file as text (interface.md, "CSV conventions": UTF-8, comma, `\n`, header row).
public struct CSVTable: Sendable {
    /// A cell: text, a number already formatted, or empty ("not reached", "not applicable", suppressed).
    public enum Cell: Equatable, Sendable {
        case text(String)
        case number(String)
        case empty
    }

    public private(set) var text: String

    public init(header: [String]) {
        text = ""
        append(header.map(Cell.text))
    }

    public mutating func append(_ cells: [Cell]) {
        text += Self.line(cells)
    }

    /// One line of cells, with its `\n`.
    public static func line(_ cells: [Cell]) -> String {
        cells.map(render).joined(separator: ",") + "\n"
    }

    static func render(_ cell: Cell) -> String {
        switch cell {
        case .empty: ""
        case .number(let value): value
        case .text(let value): quoted(neutralised(value))
        }
    }

    /// A text cell a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
    /// tab or a carriage return) gets a leading apostrophe, the OWASP advice. Numbers are
    /// never text cells, so a negative mean stays a number.
    public static func neutralised(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    /// Quoted when it holds a comma, quote, line break or an edge space; quotes doubled.
    public static func quoted(_ value: String) -> String {
        let bytes = value.utf8
        let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || bytes.first == 0x20 || bytes.last == 0x20
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The number formats of the report files: fixed decimals, never `-0`, C-locale digits.
public enum NumberFormat {
    /// Fractions 0–1 (rates, survival, intervals, shares): 6 decimals.
    public static func fraction(_ value: Double) -> String { fixed(value, decimals: 6) }
    /// Hours: 4 decimals.
    public static func hours(_ value: Double) -> String { fixed(value, decimals: 4) }
    /// Hours of a time in seconds.
    public static func hours(seconds: Int64) -> String { fixed(Double(seconds) / 3600, decimals: 4) }
    /// Percent reductions and mean baselines: 4 decimals.
    public static func measure(_ value: Double) -> String { fixed(value, decimals: 4) }

    /// printf's rounding of the exact binary value (what Python's `format` and R's `sprintf`
    /// give too), without a sign on a value that rounds to zero.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        precondition(value.isFinite, "a report number must be finite")
        if let quick = quickFixed(value, decimals: decimals) { return quick }
        let text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text
    }

    /// The same digits without printf, when the scaled value is clearly away from a rounding
    /// tie (printf rounds the exact binary value; near a tie only printf can tell).
    static func quickFixed(_ value: Double, decimals: Int) -> String? {
        guard decimals <= 9, abs(value) < 1e9 else { return nil }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = abs(value) * scale
        let fraction = scaled - scaled.rounded(.down)
        guard abs(fraction - 0.5) > 1e-6 else { return nil }
        let units = UInt64(scaled.rounded())
        if units == 0 { return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals) }
        var digits = String(units)
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        let split = digits.index(digits.endIndex, offsetBy: -decimals)
        let text = decimals == 0 ? digits : digits[..<split] + "." + digits[split...]
        return value < 0 ? "-" + text : text
    }
}
