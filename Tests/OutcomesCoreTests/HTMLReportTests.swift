import Testing
@testable import OutcomesCore

/// Issue 13, item 1: report.html escapes every text, loads nothing, and keeps its charts apart.
@Suite struct HTMLReportTests {
    @Test func exportTextIsShownAsTextNeverAsMarkup() {
        let hostile = "<img src=x onerror=alert(1)>\r\n\"a\" & 'b'\u{7}"
        let document = ReportDocument([
            .heading(level: 1, text: "Outcome report: " + .literal(hostile), startsPage: false),
            .table(ReportTable(header: ["clinic"], rows: [[.literal(hostile)]])),
            .paragraph(InlineText([.text("a < b"), .code("data_quality.csv"), .strong("**")])),
        ])
        let html = HTMLReport.render(document, charts: [:])
        let shown = "&lt;img src=x onerror=alert(1)&gt; &quot;a&quot; &amp; &#39;b&#39;\\x07"
        #expect(html.contains("<title>Outcome report: \(shown)</title>"))
        #expect(html.contains("<td class=\"export\">\(shown)</td>"))
        #expect(html.contains("<p>a &lt; b<code>data_quality.csv</code><strong>**</strong></p>"))
        #expect(!html.contains("<img") && !html.contains("<script") && !html.contains("src=\"") && !html.contains("http://")
            && !html.contains("https://"))
        #expect(html.contains("default-src 'none'"))
    }

    @Test func instrumentHeadingsStartAPageAndNumbersAlignRight() {
        let document = ReportDocument([.heading(level: 2, text: "GAD-7", startsPage: true),
                                       .table(ReportTable(header: ["route", "n"], rows: [["IV", "3"]], rightAligned: [1]))])
        let html = HTMLReport.render(document, charts: [:])
        #expect(html.contains("<h2 class=\"new-page\">GAD-7</h2>"))
        #expect(html.contains("<tr><th>route</th><th class=\"num\">n</th></tr>") && html.contains("<tr><td>IV</td><td class=\"num\">3</td></tr>"))
    }

    @Test func twoChartsWithTheSameIdsDoNotClash() {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><style>text { fill: red } .dot, #c { stroke: #ff0000 }</style>
            <clipPath id="c"><rect class="dot big" width="5" height="5"/></clipPath><g clip-path="url(#c)"><use href="#c"/></g></svg>
            """
        let document = ReportDocument([.figure(file: "a.svg", alt: "A"), .figure(file: "b.svg", alt: "B & C")])
        let html = HTMLReport.render(document, charts: ["a.svg": svg, "b.svg": svg])
        for n in [1, 2] {
            #expect(html.contains("<div class=\"chart\" id=\"chart-\(n)\">"))
            #expect(html.contains("<clipPath id=\"chart-\(n)-c\"><rect class=\"chart-\(n)-dot chart-\(n)-big\""))
            #expect(html.contains("clip-path=\"url(#chart-\(n)-c)\"><use href=\"#chart-\(n)-c\"/>"))
            #expect(html.contains("#chart-\(n) text { fill: red } #chart-\(n) .chart-\(n)-dot, #chart-\(n) #chart-\(n)-c { stroke: #ff0000 }"))
        }
        #expect(html.contains("<svg role=\"img\" aria-label=\"B &amp; C\" xmlns="))
        #expect(!html.contains(" id=\"c\"") && !html.contains("url(#c)"))
    }

    @Test func aMissingChartShowsItsAltText() {
        let html = HTMLReport.render(ReportDocument([.figure(file: "gone.svg", alt: "GAD-7: time to relief")]), charts: [:])
        #expect(html.contains("<p class=\"missing-chart\">GAD-7: time to relief</p>"))
    }
}
