import Foundation
import Testing
@testable import OutcomesCore

/// Issue 9, item 6: values from an export render in report.md as the characters they are.
@Suite struct MarkdownLiteralTests {
    @Test(arguments: [
        // An image and a link from a hostile file or clinic name: text, not a fetch or a click.
        ("![t](http://evil.example/p.png)", #"\!\[t\]\(http://evil.example/p.png\)"#),
        ("[click](javascript:alert(1))", #"\[click\]\(javascript:alert\(1\)\)"#),
        // Raw HTML and entities.
        ("<img src=x onerror=alert(1)>", #"&lt;img src=x onerror=alert\(1\)&gt;"#),
        ("a&lt;b", "a&amp;lt;b"),
        // A table cell cannot be ended by a pipe or a line break.
        ("a|b", #"a\|b"#),
        ("name\rwith CR.csv", "name with CR.csv"),
        ("two\nlines", "two lines"),
        ("crlf\r\nonce", "crlf once"),
        ("cr\r\rtwice", "cr  twice"),
        ("nel\u{85}ls\u{2028}ps\u{2029}", "nel ls ps "),
        // Emphasis, code, headings, strikethrough and the escape character itself.
        ("*bold* `code` # ~~gone~~ back\\slash", ##"\*bold\* \`code\` \# \~\~gone\~\~ back\\slash"##),
        ("_lead and trail_", #"\_lead and trail\_"#),
        // An underscore between two letters or digits is never emphasis: left as written.
        ("scores_long_overlap.csv", "scores_long_overlap.csv"),
        ("a__b", #"a\_\_b"#),
        ("x_(y)", #"x\_\(y\)"#),
        // Control characters are shown the program's way; a tab is kept.
        ("nul\0here", #"nul\0here"#),
        ("esc\u{1B}[31m", #"esc\x1B\[31m"#),
        ("del\u{7F}", #"del\x7F"#),
        ("tab\tkept", "tab\tkept"),
        // Ordinary text and non-ASCII pass through.
        ("C01", "C01"),
        ("Zürich – Nord.csv line 4", "Zürich – Nord.csv line 4"),
        ("", ""),
    ] as [(String, String)])
    func escapes(text: String, expected: String) {
        #expect(MarkdownLiteral.escaped(text) == expected)
    }

    /// The clinic, file and reason columns of report.md go through the escape; the rest of the
    /// report is the program's own text.
    @Test func reportTablesEscapeExportValues() {
        let evil = "![t](http://evil.example/p.png)"
        let fact = CourseFacts(instrument: .phq9, route: .iv, indexDay: 20_000, clinicID: evil, baseline: nil, followUps: 0,
                               relief: nil, evaluable: false, responder: false, remitter: false)
        let quality = DataQualitySummary.of([
            DataQualityRow(file: "[click](javascript:alert(1)).csv", line: 3, kind: "rejected", reason: "unknown route '<b>'\rnext"),
        ])
        let file = InputFileSummary(path: "a|b\rc.csv", kind: "sessions", form: nil, records: 1, stored: 0, superseded: 0,
                                    duplicates: 0, skipped: 0, rejected: 1)
        let inputs = ReportInputs(pipelineName: "t", runTime: 0, timezone: "UTC", period: ReportPeriod.all.resolved(today: 20_000),
                                  parameters: AnalysisParameters(), smallCells: SmallCells(minCell: 0), instrumentsWithScores: [.phq9],
                                  facts: [fact], curveGroups: [], dataQuality: quality, files: [file])
        let md = MarkdownReport.render(OutcomeReport(inputs), charts: [])
        #expect(md.contains(#"| \!\[t\]\(http://evil.example/p.png\) | IV infusion | 1 |"#))
        #expect(md.contains(#"| a\|b c.csv | sessions | 1 | 0 |"#))
        #expect(md.contains(#"| 1 | unknown route '&lt;value&gt;' next | \[click\]\(javascript:alert\(1\)\).csv line 3 |"#))
        #expect(!md.contains(evil) && !md.contains("](javascript:") && !md.contains("\r"))
    }
}
