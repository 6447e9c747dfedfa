import Testing
@testable import OutcomesCore
@testable import OutcomesPipeline

@Suite struct PipelineLoaderTests {
    func parse(_ text: String) throws(PipelineFileError) -> PipelineConfig {
        try PipelineLoader.parse(text: text, path: "p.toml")
    }

    func error(_ text: String) -> String {
        do { _ = try parse(text); return "no error" } catch { return error.description }
    }

    @Test func defaults() throws {
        let config = try parse("[pipeline]\nname = \"n\"\n")
        #expect(config.name == "n" && config.timezone == "UTC" && config.database == "var/outcomes.sqlite")
        #expect(config.sources == [SourceConfig(pattern: "*.csv")])
        #expect(config.analysis == AnalysisParameters())
        #expect(config.period == .all && config.minCell == 0 && config.rehashEveryDays == 7)
    }

    @Test func shippedPipelinesLoad() throws {
        let root = #filePath.components(separatedBy: "/Tests/")[0]
        let nightly = try PipelineLoader.load(path: root + "/Pipelines/nightly.toml")
        #expect(nightly.name == "nightly" && nightly.timezone == "America/New_York")
        #expect(nightly.analysis == AnalysisParameters())
        let sample = try PipelineLoader.load(path: root + "/Pipelines/sample.toml")
        #expect(sample.sources.count == 5 && sample.sources[1].options.instrument == .hama)
    }

    @Test func everyKey() throws {
        let config = try parse("""
            [pipeline]
            name = "q"
            timezone = "Europe/Berlin"
            rehash_every_days = 1
            [[sources]]
            pattern = "redcap_*.csv"
            format = "redcap"
            columns = { patient_id = "study_id", phq9 = "phq" }
            [[sources]]
            pattern = "s.csv"
            kind = "sessions"
            [analysis]
            relief_threshold = 40
            curve_bins_hours = [0, 24, 168]
            max_missing_items = { GAD7 = 0 }
            remission_cutoff = { HAMA = 10 }
            [report]
            period = "2026Q3"
            min_cell = 11
            """)
        #expect(config.sources[0].options.columns == ["patient_id": "study_id", "phq9": "phq"])
        #expect(config.sources[1].options.kind == .sessions)
        #expect(config.analysis.reliefThreshold == 40 && config.analysis.curveBinsHours == [0, 24, 168])
        #expect(config.analysis.scoring.maxMissing(.gad7) == 0 && config.analysis.scoring.maxMissing(.phq9) == 2)
        #expect(config.analysis.remissionCutoff(.hama) == 10)
        #expect(config.period == .quarter(year: 2026, quarter: 3) && config.minCell == 11 && config.rehashEveryDays == 1)
    }

    @Test(arguments: [
        ("[pipeline]\nname = \"n\"\ncolour = \"red\"\n",
         "p.toml line 3: [pipeline] colour: unknown key; allowed here: name, database, reports, exports, timezone, rehash_every_days"),
        ("[pipeline]\nname = \"n\"\nrehash_every_days = -1\n",
         "p.toml line 3: [pipeline] rehash_every_days: must be a whole number from 0 to 3650"),
        ("[pipeline]\nname = \"n\"\n[analysis]\nrelief_threshold = 150\n",
         "p.toml line 4: [analysis] relief_threshold: must be a number from 1 to 100"),
        ("[pipeline]\nname = \"n\"\ntimezone = \"Mars/Olympus\"\n",
         "p.toml line 3: [pipeline] timezone: 'Mars/Olympus' is not an IANA time zone name (e.g. UTC, America/New_York, Europe/Berlin)"),
        ("[pipeline]\nname = \"n\"\n[[sources]]\npattern = \"*.csv\"\n[[sources]]\nformat = \"xml\"\n",
         "p.toml line 6: [[sources]] #2 format: 'xml' is not allowed; use auto, long, items or redcap"),
        ("[pipeline]\nname = \"n\"\n[report]\nperiod = \"2026Q5\"\n",
         "p.toml line 4: [report] period: '2026Q5' is not a period; allowed: all, YYYYQn (2026Q3), YYYY-MM-DD..YYYY-MM-DD, last-quarter"),
        ("[pipeline]\nname = \"n\"\n[analysis]\nmax_missing_items = { GAD7 = 7 }\n",
         "p.toml line 4: [analysis] max_missing_items: GAD7 must be a whole number from 0 to 6"),
        ("[pipeline]\nname = \"n\"\n[analysis]\ncurve_bins_hours = [0, 24, 4]\n",
         "p.toml line 4: [analysis] curve_bins_hours: must be an increasing list of at least two hour values from 0, like [0, 4, 24, 72]"),
        ("[pipeline]\ndatabase = \"x\"\n", "p.toml line 1: [pipeline] needs name = \"…\" (a non-empty string)"),
        ("name = \"n\"\n", "p.toml line 1: name: unknown key; allowed here: pipeline, sources, analysis, report"),
    ])
    func errorsNameKeyAndLine(text: String, message: String) {
        #expect(error(text) == message)
    }

    @Test(arguments: [
        (Array("[pipeline]\nname = \"caf".utf8) + [0xE9] + Array("\"\n".utf8),
         "p.toml line 2, column 12: the file is not UTF-8 text (byte 0xE9 here); save it as UTF-8"),
        (Array("# r".utf8) + [0xE9] + Array("sum\n[pipeline]\nname = \"n\"\n".utf8),
         "p.toml line 1, column 4: the file is not UTF-8 text (byte 0xE9 here); save it as UTF-8"),
        (Array("[pipeline]\n# é".utf8) + [0xE9] + Array("\nname = \"n\"\n".utf8),
         "p.toml line 2, column 4: the file is not UTF-8 text (byte 0xE9 here); save it as UTF-8"),
        ([0xFF, 0xFE] + Array("[\0p".utf8),
         "p.toml: the file is UTF-16 (little-endian) text; save it as UTF-8"),
        ([0xFE, 0xFF] + Array("\0[\0p".utf8),
         "p.toml: the file is UTF-16 (big-endian) text; save it as UTF-8"),
        ([0xFF, 0xFE, 0, 0] + Array("[\0\0\0".utf8),
         "p.toml: the file is UTF-32 (little-endian) text; save it as UTF-8"),
        ([0xFF] + Array("[pipeline]\n".utf8),
         "p.toml line 1, column 1: the file is not UTF-8 text (byte 0xFF here); save it as UTF-8"),
        (Array("[pipeline]\r\nname = \"n\"\0\ncolour = 1\n".utf8),
         "p.toml line 2, column 11: a control character (\\0) is not allowed in a pipeline file; remove it"),
        (Array("[pipeline]\nname = \"n\"\n\u{1B}[31m\n".utf8),
         "p.toml line 3, column 1: a control character (\\x1B) is not allowed in a pipeline file; remove it"),
        (Array("[pipeline]\r\nname = \"n\"\r\n[report]\nmin_cell = -1\n".utf8),
         "p.toml line 4: [report] min_cell: must be a whole number from 0 to 1000000"),
    ] as [([UInt8], String)])
    func bytesThatAreNotUTF8TextNameLineAndColumn(bytes: [UInt8], message: String) {
        do {
            _ = try PipelineLoader.parse(bytes: bytes, path: "p.toml")
            Issue.record("no error")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func syntaxErrorsNameTheLine() {
        #expect(error("[pipeline]\nname = \"n\n").hasPrefix("p.toml line 2: not valid TOML"))
    }

    @Test(arguments: [
        ("all", ReportPeriod.all), ("2026Q3", .quarter(year: 2026, quarter: 3)), ("last-quarter", .lastQuarter),
        ("2026-01-01..2026-03-31", .range(firstDay: 20454, lastDay: 20543)),
    ])
    func periods(text: String, expected: ReportPeriod) {
        #expect(ReportPeriod(parsing: text) == expected)
        #expect(ReportPeriod(parsing: text)?.description == text)
    }
}
