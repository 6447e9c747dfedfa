/// report.html: the same document as report.md in one self-contained file to open, send or
/// print to PDF. Inline CSS, the charts as inline SVG, no script and no external request (a
/// Content-Security-Policy forbids both, should anything slip in); every text escaped. Printed,
/// each instrument's section starts a new page, and tables and charts fit the page's width.
public enum HTMLReport {
    /// `charts` maps a chart's file name to its SVG text; a figure whose chart is missing shows its alt text.
    public static func render(_ document: ReportDocument, charts: [String: String]) -> String {
        let title = document.blocks.lazy.compactMap { block -> String? in
            if case .heading(1, let text, _) = block { return text.plain } else { return nil }
        }.first ?? "Outcome report"
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escaped(title, literal: true))</title>
            <style>
            \(style)</style>
            </head>
            <body>
            <main>

            """
        var chartNumber = 0
        for block in document.blocks {
            switch block {
            case .heading(let level, let text, let startsPage):
                let tag = "h\(min(max(level, 1), 6))"
                out += "<\(tag)\(startsPage ? " class=\"new-page\"" : "")>\(inline(text))</\(tag)>\n"
            case .paragraph(let text):
                out += "<p>\(inline(text))</p>\n"
            case .table(let table):
                out += self.table(table)
            case .figure(let file, let alt):
                chartNumber += 1
                if let svg = charts[file] {
                    out += "<figure>\n" + InlineSVG.embedded(svg, id: "chart-\(chartNumber)", label: alt)
                        + "<figcaption>\(escaped(alt, literal: false))</figcaption>\n</figure>\n"
                } else {
                    out += "<p class=\"missing-chart\">\(escaped(alt, literal: false))</p>\n"
                }
            case .list(let items):
                out += "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
            }
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    /// Sized for reading on a screen and for A4 or Letter paper: tables wrap long cells rather than
    /// widen the page (a cell of export text anywhere, as it can be one long word; the
    /// program's words only where they must); charts scale down to the text width; headings keep to what follows them.
    static let style = """
        @page { margin: 14mm 12mm; }
        html { -webkit-text-size-adjust: 100%; }
        body { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; font-size: 10.5pt; line-height: 1.4; color: #1a1a1a; margin: 0; }
        main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; }
        h1 { font-size: 1.55em; margin: 0.4em 0 0.5em; }
        h2 { font-size: 1.3em; margin: 1.6em 0 0.5em; padding-bottom: 0.15em; border-bottom: 1px solid #bbbbbb; }
        h3 { font-size: 1.08em; margin: 1.2em 0 0.4em; }
        h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
        h2.new-page { break-before: page; page-break-before: always; }
        p, li { max-width: 48rem; overflow-wrap: break-word; }
        table { border-collapse: collapse; max-width: 100%; margin: 0.4em 0 1em; font-size: 0.86em; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #c8c8c8; padding: 0.2em 0.45em; text-align: left; vertical-align: top; overflow-wrap: break-word; }
        td.export { overflow-wrap: anywhere; }
        th { background: #f1f1f1; font-weight: 600; }
        th.num, td.num { text-align: right; }
        tbody tr:nth-child(even) td { background: #fafafa; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        figure { margin: 0.5em 0 1.2em; break-inside: avoid; page-break-inside: avoid; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { font-size: 0.85em; color: #555555; margin-top: 0.2em; }
        code { font-family: Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
        @media print {
          body { font-size: 9.5pt; }
          main { max-width: none; padding: 0; }
          tbody tr:nth-child(even) td { background: none; }
        }

        """

    static func table(_ table: ReportTable) -> String {
        func cell(_ tag: String, _ index: Int, _ text: InlineText) -> String {
            let exported = text.spans.contains { if case .literal = $0 { true } else { false } }
            let classes = (table.rightAligned.contains(index) ? ["num"] : []) + (exported ? ["export"] : [])
            return "<\(tag)\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(inline(text))</\(tag)>"
        }
        var out = "<table>\n<thead>\n<tr>" + table.header.enumerated().map { cell("th", $0.offset, $0.element) }.joined() + "</tr>\n</thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>" + row.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func inline(_ text: InlineText) -> String {
        text.spans.map { span in
            switch span {
            case .text(let s): escaped(s, literal: false)
            case .literal(let s): escaped(s, literal: true)
            case .strong(let s): "<strong>" + escaped(s, literal: false) + "</strong>"
            case .code(let s): "<code>" + escaped(s, literal: false) + "</code>"
            }
        }.joined()
    }

    /// `text` for an HTML text node or attribute value. Export text (`literal`) also has its line
    /// breaks made one space and other control characters shown as `\0`/`\xHH`, as in report.md.
    static func escaped(_ text: String, literal: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n" where literal && index > 0 && scalars[index - 1] == "\r": continue
            case "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}" where literal: out += " "
            case "\0": out += "\\0"
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" : "") + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
