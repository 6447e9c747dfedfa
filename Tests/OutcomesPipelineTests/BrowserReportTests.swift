import TestSupport
import Foundation
import Testing
@testable import OutcomesCore

/// report.html in a real browser (headless Chromium, the Debian `chromium` package): printed to
/// PDF it has a page per instrument section at least, and at the printable width of A4 (the
/// narrower of A4 and Letter) no table or chart is wider than the page. The report itself has no
/// script: the measuring is done by a wrapper page of the test's own that holds the report in an
/// iframe and writes what it measured into its DOM, which `--dump-dom` gives back.
@Suite(.serialized) struct BrowserReportTests {
    /// A4 is 210 mm wide; report.html prints with 12 mm margins each side: 186 mm at 96 px per inch.
    static let printableWidth = 703

    static func chromium() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["OUTCOMES_CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) { return path }
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        for folder in folders {
            for name in ["chromium", "chromium-browser"] where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return folder + "/" + name
            }
        }
        return nil
    }

    /// Runs Chromium headless with its own profile folder, killed after `seconds` so a test can never hang.
    static func run(_ chromium: String, _ arguments: [String], profile: String, seconds: Int = 120) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["-k", "5", String(seconds), chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--disable-extensions", "--user-data-dir=" + profile] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The number of pages of a PDF: the largest `/Count` of its page tree (Chromium writes it uncompressed).
    static func pageCount(_ pdf: Data) -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        var count = 0
        var rest = text[...]
        while let range = rest.range(of: "/Count ") {
            let digits = rest[range.upperBound...].prefix { $0.isNumber }
            count = max(count, Int(digits) ?? 0)
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// A page that loads `html` in an iframe `width` pixels wide and lists every table, chart and
    /// figure that reaches past the iframe's right edge or whose content is wider than itself (a long
    /// word in a paragraph), and the document's own scroll width.
    static func measuringPage(_ html: String, width: Int) -> String {
        let source = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        return """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
            <pre id="result">not measured</pre>
            <iframe id="report" style="border:0;width:\(width)px;height:2000px" srcdoc="\(source)"></iframe>
            <script>
            document.getElementById('report').addEventListener('load', function () {
              var doc = this.contentDocument, width = doc.documentElement.clientWidth, overflows = [], checked = 0;
              doc.querySelectorAll('table, figure, svg, pre, img, p, ul, h1, h2, h3').forEach(function (el, i) {
                checked++;
                var box = el.getBoundingClientRect();
                if (box.right > width + 0.5 || box.left < -0.5 || el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) overflows.push(el.tagName.toLowerCase() + ' #' + i + ' ' + Math.round(box.left) + '..' + Math.round(box.right));
              });
              document.getElementById('result').textContent = 'width=' + width + ' scroll=' + doc.documentElement.scrollWidth
                + ' checked=' + checked + ' overflows=' + overflows.length + (overflows.length ? ': ' + overflows.join('; ') : '');
            });
            </script></body></html>
            """
    }

    func report(minCell: Int, folder: TemporaryFolder) throws -> String {
        let out = try GoldenReportTests().report(period: minCell == 0 ? .all : .lastQuarter, minCell: minCell, into: folder)
        return out + "/report.html"
    }

    @Test(arguments: [0, 5]) func reportPrintsAPagePerInstrumentAndFitsThePage(minCell: Int) throws {
        guard let chromium = Self.chromium() else {
            let message = "chromium is not installed: the browser test needs it. Install it with `apt-get install -y chromium` "
                + "(Debian; `make test` and .ci/run install it when absent), or set OUTCOMES_CHROMIUM to its path."
            Issue.record(Comment(rawValue: message))
            return
        }
        let folder = TemporaryFolder()
        let html = try report(minCell: minCell, folder: folder)
        let text = try String(contentsOfFile: html, encoding: .utf8)
        let instruments = text.components(separatedBy: "<h2 class=\"new-page\">").count - 1
        #expect(instruments == 3, "the golden clinic has GAD-7, HAM-A and PHQ-9 sections")

        // PDF: the page break before each instrument gives the pages before the first, and one at least per instrument.
        let pdf = folder.path + "/report.pdf"
        let printed = try Self.run(chromium, ["--print-to-pdf=" + pdf, "--no-pdf-header-footer", "file://" + html], profile: folder.path + "/profile-pdf")
        #expect(printed.status == 0, "chromium --print-to-pdf exited \(printed.status)")
        let pages = Self.pageCount((try? Data(contentsOf: URL(fileURLWithPath: pdf))) ?? Data())
        #expect(pages >= instruments + 1, "report.pdf has \(pages) page(s) for \(instruments) instrument sections")

        // PNG: the screen rendering is written and is a PNG.
        let png = folder.path + "/report.png"
        let shot = try Self.run(chromium, ["--screenshot=" + png, "--window-size=1000,2400", "--hide-scrollbars", "file://" + html],
                                profile: folder.path + "/profile-png")
        #expect(shot.status == 0, "chromium --screenshot exited \(shot.status)")
        let image = (try? Data(contentsOf: URL(fileURLWithPath: png))) ?? Data()
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]), "report.png is not a PNG")

        // Width: at the printable width nothing reaches past the page's edge.
        let page = folder.write("measure.html", Self.measuringPage(text, width: Self.printableWidth))
        let dumped = try Self.run(chromium, ["--dump-dom", "--virtual-time-budget=15000", "file://" + page], profile: folder.path + "/profile-dom")
        #expect(dumped.status == 0, "chromium --dump-dom exited \(dumped.status)")
        let result = dumped.output.components(separatedBy: "<pre id=\"result\">").dropFirst().first?.components(separatedBy: "</pre>").first ?? "no result"
        #expect(result.hasPrefix("width=") && result.contains("overflows=0"), "report.html at \(Self.printableWidth) px: \(result)")
        #expect(!result.contains("checked=0"), "nothing was measured: \(result)")
        if let scroll = result.components(separatedBy: "scroll=").dropFirst().first.flatMap({ Int($0.prefix { $0.isNumber }) }) {
            #expect(scroll <= Self.printableWidth, "the document scrolls sideways: \(result)")
        }
    }
}
