/// report.md from the report's document: every block followed by a blank line; tables in the
/// GitHub form; export values escaped so that they render as the characters they are.
public enum MarkdownRenderer {
    public static func render(_ document: ReportDocument) -> String {
        render(document.blocks)
    }

    public static func render(_ blocks: [ReportBlock]) -> String {
        var out = ""
        for block in blocks {
            switch block {
            case .heading(let level, let text, _):
                out += String(repeating: "#", count: level) + " " + inline(text) + "\n"
            case .paragraph(let text):
                out += inline(text) + "\n"
            case .table(let table):
                out += "| " + table.header.map(inline).joined(separator: " | ") + " |\n"
                out += "|" + table.header.indices.map { table.rightAligned.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|\n"
                for row in table.rows { out += "| " + row.map(inline).joined(separator: " | ") + " |\n" }
            case .figure(let file, let alt):
                out += "![\(alt)](\(file))\n"
            case .list(let items):
                for item in items { out += "- " + inline(item) + "\n" }
            }
            out += "\n"
        }
        return out
    }

    static func inline(_ text: InlineText) -> String {
        text.spans.map { span in
            switch span {
            case .text(let s): s
            case .literal(let s): MarkdownLiteral.escaped(s)
            case .strong(let s): "**" + s + "**"
            case .code(let s): "`" + s + "`"
            }
        }.joined()
    }
}
