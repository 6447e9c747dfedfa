/// The report's document being written, with the report's ways of showing counts and rates.
struct ReportWriter {
    let smallCells: SmallCells
    var blocks: [ReportBlock] = []

    init(smallCells: SmallCells) { self.smallCells = smallCells }

    var document: ReportDocument { ReportDocument(blocks) }

    mutating func heading(_ level: Int, _ text: InlineText, startsPage: Bool = false) {
        blocks.append(.heading(level: level, text: text, startsPage: startsPage))
    }

    mutating func heading(_ level: Int, _ text: String, startsPage: Bool = false) { heading(level, InlineText(text), startsPage: startsPage) }

    mutating func paragraph(_ text: InlineText) { blocks.append(.paragraph(text)) }

    mutating func paragraph(_ text: String) { blocks.append(.paragraph(InlineText(text))) }

    mutating func figure(_ file: String, alt: String) { blocks.append(.figure(file: file, alt: alt)) }

    mutating func list(_ items: [InlineText]) { blocks.append(.list(items)) }

    mutating func table(_ header: [String], _ rows: [[String]], right: ClosedRange<Int>) {
        table(header, rows, rightAligned: Set(right))
    }

    /// A table of the program's own text whose columns at `rightAligned` (numbers) are aligned right.
    mutating func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) {
        cells(header, rows.map { $0.map { cell in InlineText(cell) } }, rightAligned: rightAligned)
    }

    /// A table with cells that may hold export text (`InlineText.literal`).
    mutating func cells(_ header: [String], _ rows: [[InlineText]], rightAligned: Set<Int> = []) {
        blocks.append(.table(ReportTable(header: header.map { InlineText($0) }, rows: rows, rightAligned: rightAligned)))
    }

    func route(_ route: Route) -> String { ReportCharts.label(route) }

    func count(_ value: Int, _ suppressed: Bool = false) -> String {
        suppressed && smallCells.isSmall(value) ? "<\(smallCells.minCell)" : String(value)
    }

    func percent(_ value: Double) -> String { NumberFormat.fixed(value * 100, decimals: 1) + " %" }

    func rate(_ rate: Rate, _ suppressed: Bool) -> String {
        if suppressed {
            return "\(count(rate.numerator, true)) / \(count(rate.denominator, true)) (—)"
        }
        guard let value = rate.value, let ci = rate.interval else { return "0 / 0" }
        return "\(rate.numerator) / \(rate.denominator) (\(percent(value)); \(NumberFormat.fixed(ci.low * 100, decimals: 1))–\(percent(ci.high)))"
    }

    func compactRate(_ rate: Rate, _ suppressed: Bool) -> String {
        if suppressed { return "— (\(count(rate.numerator, true))/\(count(rate.denominator, true)))" }
        guard let value = rate.value else { return "—" }
        return "\(percent(value)) (\(rate.numerator)/\(rate.denominator))"
    }

    func share(_ value: Double?, _ suppressed: Bool) -> String {
        guard !suppressed, let value else { return "—" }
        return percent(value)
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : NumberFormat.fixed(value, decimals: 1)
    }

    static func time(_ seconds: Int64) -> String {
        let iso = CivilTime.isoUTC(seconds)
        return String(iso.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
    }
}
