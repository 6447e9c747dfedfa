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
        #expect(config.sources == ["*.csv", "*.ndjson", "*.json"].map { SourceConfig(pattern: $0) })
        #expect(config.analysis == AnalysisParameters())
        #expect(config.period == .all && config.minCell == 0 && config.rehashEveryDays == 7)
        #expect(config.chartMinCourses == 5)
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
            durability_days = 120
            loss_threshold = 30
            induction_days = 28
            reliable_change = { PHQ9 = 5 }
            caseness = { gad7 = 10 }
            [report]
            period = "2026Q3"
            min_cell = 11
            chart_min_courses = 8
            """)
        #expect(config.sources[0].options.columns == ["patient_id": "study_id", "phq9": "phq"])
        #expect(config.sources[1].options.kind == .sessions)
        #expect(config.analysis.reliefThreshold == 40 && config.analysis.curveBinsHours == [0, 24, 168])
        #expect(config.analysis.scoring.maxMissing(.gad7) == 0 && config.analysis.scoring.maxMissing(.phq9) == 2)
        #expect(config.analysis.remissionCutoff(.hama) == 10)
        #expect(config.analysis.durabilityDays == 120 && config.analysis.lossThreshold == 30 && config.analysis.inductionDays == 28)
        #expect(config.analysis.reliableChange(.phq9) == 5 && config.analysis.reliableChange(.gad7) == 4)
        #expect(config.analysis.caseness(.gad7) == 10 && config.analysis.caseness(.hama) == 18)
        #expect(config.period == .quarter(year: 2026, quarter: 3) && config.minCell == 11 && config.rehashEveryDays == 1)
        #expect(config.chartMinCourses == 8)
    }

    @Test func redcapKeysAndAnswers() throws {
        let config = try parse("""
            [pipeline]
            name = "r"
            [[sources]]
            pattern = "redcap_*.csv"
            format = "redcap"
            dictionary = "DD.csv"
            date = "visit_date"
            missing_codes = ["UNK", "-999"]
            columns = { patient_id = "mrn", phq9 = "phq" }
            [[sources]]
            pattern = "other/*.csv"
            missing_codes = []
            columns.gad7 = "gad"
            [answers]
            "Sometimes" = 1
            [answers.PHQ9]
            "Always" = 3
            [answers."HAM-A"]
            "Terrible" = 4
            """)
        let redcap = config.sources[0]
        #expect(redcap.options.dictionary == "DD.csv" && redcap.options.dateField == "visit_date")
        #expect(redcap.options.missingCodes == ["UNK", "-999"] && config.sources[1].options.missingCodes == [])
        #expect(redcap.keyLines == ["pattern": 4, "format": 5, "dictionary": 6, "date": 7, "missing_codes": 8, "columns": 9,
                                    "columns.patient_id": 9, "columns.phq9": 9])
        #expect(config.sources[1].keyLines["columns.gad7"] == 13)
        #expect(redcap.effectKeys == ["dictionary", "date", "missing_codes", "columns.patient_id", "columns.phq9"])
        #expect(config.answers.value(of: "sometimes", for: .gad7) == 1 && config.answers.value(of: "Always", for: .phq9) == 3)
        #expect(config.answers.value(of: "Always", for: .gad7) == nil && config.answers.value(of: "terrible", for: .hama) == 4)
        #expect(config.sources.allSatisfy { $0.options.answers == config.answers })
        // Every new key is in the ingest settings, so that changing it reruns ingest …
        let text = config.ingestSettingsText
        for part in ["|dictionary=DD.csv", "|date=visit_date", "|missing_codes=[UNK,-999]", "|missing_codes=[]", "answers={sometimes=1;HAMA{terrible=4};PHQ9{always=3}}"] {
            #expect(text.contains(part), "\(part) in \(text)")
        }
        // … and a pipeline without them records only the default sources (CSV, NDJSON, JSON).
        #expect(try parse("[pipeline]\nname = \"n\"\n").ingestSettingsText
                == "sources[*.csv|auto|auto||;*.ndjson|auto|auto||;*.json|auto|auto||] timezone=UTC max_missing_items=GAD7=1,HAMA=0,PHQ9=2")
        // The default source, when none is written, gets the answers too.
        let bare = try parse("[pipeline]\nname = \"n\"\n[answers]\n\"Sometimes\" = 1\n")
        #expect(bare.sources.count == 3 && bare.sources.allSatisfy { $0.options.answers.value(of: "Sometimes", for: .phq9) == 1 })
    }

    @Test func codesAndRoutesTables() throws {
        let config = try parse("""
            [pipeline]
            name = "n"
            [[sources]]
            pattern = "obs/*.csv"
            [codes]
            "HAMA-001" = "HAMA"
            "X-7" = "GAD7 item 3"
            "Q9" = "phq-9 item 9"
            [routes]
            "nasal inhaler" = "IN"
            "SNOMED:418136008" = "SL"
            """)
        let codes = config.sources[0].options.codes
        #expect(codes.meaning(of: "HAMA-001") == .total(.hama) && codes.meaning(of: "HAMA-TOTAL") == .total(.hama))
        #expect(codes.meaning(of: "X-7") == .item(.gad7, number: 3) && codes.meaning(of: "Q9") == .item(.phq9, number: 9))
        #expect(codes.meaning(of: "44261-6") == .total(.phq9))
        let routes = config.sources[0].options.routes
        #expect(Route(exportName: "Nasal Inhaler", extra: routes) == .intranasal && Route(exportName: "nasal inhaler") == nil)
        #expect(Route(exportName: "SNOMED:418136008", extra: routes) == .sublingual)
        let text = config.ingestSettingsText
        #expect(text.contains(" codes={HAMA-001=HAMA,Q9=PHQ9#9,X-7=GAD7#3} routes={SNOMED:418136008=SL,nasal inhaler=IN} timezone=UTC"), "\(text)")
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
         "p.toml line 6: [[sources]] #2 format: 'xml' is not allowed; use auto, long, items, redcap, coded or fhir"),
        ("[pipeline]\nname = \"n\"\n[report]\nperiod = \"2026Q5\"\n",
         "p.toml line 4: [report] period: '2026Q5' is not a period; allowed: all, YYYYQn (2026Q3), YYYY-MM-DD..YYYY-MM-DD, last-quarter"),
        ("[pipeline]\nname = \"n\"\n[analysis]\nmax_missing_items = { GAD7 = 7 }\n",
         "p.toml line 4: [analysis] max_missing_items: GAD7 must be a whole number from 0 to 6"),
        ("[pipeline]\nname = \"n\"\n[analysis]\ncurve_bins_hours = [0, 24, 4]\n",
         "p.toml line 4: [analysis] curve_bins_hours: must be an increasing list of at least two hour values from 0, like [0, 4, 24, 72]"),
        ("[pipeline]\ndatabase = \"x\"\n", "p.toml line 1: [pipeline] needs name = \"…\" (a non-empty string)"),
        // analysis.md version 2 keys (issue 12)
        ("[pipeline]\nname = \"n\"\n[analysis]\ndurability_days = 0\n",
         "p.toml line 4: [analysis] durability_days: must be a number from 1 to 3650"),
        ("[pipeline]\nname = \"n\"\n[analysis]\nloss_threshold = \"25\"\n",
         "p.toml line 4: [analysis] loss_threshold: must be a number from 1 to 100"),
        ("[pipeline]\nname = \"n\"\n[analysis]\nrelief_threshold = 40\nloss_threshold = 45\n",
         "p.toml line 5: [analysis] loss_threshold: must not be above relief_threshold (40): relief is lost below it"),
        ("[pipeline]\nname = \"n\"\n[analysis]\ninduction_days = -1\n",
         "p.toml line 4: [analysis] induction_days: must be a number from 0 to 3650"),
        ("[pipeline]\nname = \"n\"\n[analysis]\nreliable_change = { PHQ9 = 0 }\n",
         "p.toml line 4: [analysis] reliable_change: PHQ9 must be a whole number from 1 to 27"),
        ("[pipeline]\nname = \"n\"\n[analysis]\ncaseness = { BDI = 10 }\n",
         "p.toml line 4: [analysis] caseness: 'BDI' is not an instrument; use GAD7, PHQ9 or HAMA"),
        ("[pipeline]\nname = \"n\"\n[analysis]\ncaseness = 10\n",
         "p.toml line 4: [analysis] caseness: must be an inline table like { GAD7 = 8, PHQ9 = 10, HAMA = 18 }"),
        ("name = \"n\"\n", "p.toml line 1: name: unknown key; allowed here: pipeline, sources, answers, codes, routes, analysis, report, network"),
        // [[sources]] keys (issue 10)
        ("[pipeline]\nname = \"n\"\n[[sources]]\ncolour = 1\n",
         "p.toml line 4: [[sources]] #1 colour: unknown key; allowed here: pattern, kind, format, columns, instrument, dictionary, date, missing_codes"),
        ("[pipeline]\nname = \"n\"\n[[sources]]\ncolumns = { visit = \"v\" }\n",
         "p.toml line 4: [[sources]] #1 columns: cannot map 'visit'; names that can be mapped: administered_at, clinic_id, code, "
            + "code_system, description, dose_mg, dose_unit, duration_min, gad7, hama, instrument, medication, observed_at, patient_id, phq9, route, "
            + "rxnorm, session_id, session_start, total, value, weight_kg"),
        ("[pipeline]\nname = \"n\"\n[[sources]]\ndictionary = 3\n", "p.toml line 4: [[sources]] #1 dictionary: must be a string in double quotes"),
        ("[pipeline]\nname = \"n\"\n[[sources]]\ndictionary = \"\"\n",
         "p.toml line 4: [[sources]] #1 dictionary: must name the project's REDCap data dictionary file, e.g. dictionary = \"MyProject_DataDictionary.csv\""),
        ("[pipeline]\nname = \"n\"\n[[sources]]\ndate = \" \"\n", "p.toml line 4: [[sources]] #1 date: must name a REDCap field, e.g. date = \"visit_date\""),
        ("[pipeline]\nname = \"n\"\n[[sources]]\nmissing_codes = \"UNK\"\n",
         "p.toml line 4: [[sources]] #1 missing_codes: must be a list of codes in double quotes, like [\"UNK\", \"-999\"] ([] for none)"),
        ("[pipeline]\nname = \"n\"\n[[sources]]\npattern = \"*.csv\"\nmissing_codes = [-999]\n",
         "p.toml line 5: [[sources]] #1 missing_codes: must be a list of codes in double quotes, like [\"UNK\", \"-999\"] ([] for none)"),
        // A key the form a source names does not read has no effect: an error, with the key's line.
        ("[pipeline]\nname = \"n\"\n[[sources]]\nformat = \"redcap\"\ncolumns = { administered_at = \"visit\" }\n",
         "p.toml line 5: [[sources]] #1 columns: administered_at has no effect on redcap exports (REDCap takes each administration's date "
            + "from its form; use date = \"…\" to name a date field)"),
        ("[pipeline]\nname = \"n\"\n[[sources]]\nformat = \"redcap\"\ninstrument = \"GAD7\"\n",
         "p.toml line 5: [[sources]] #1 instrument: has no effect on redcap exports (only items exports read it)"),
        ("[pipeline]\nname = \"n\"\n[[sources]]\nformat = \"long\"\n\ndate = \"visit\"\n",
         "p.toml line 6: [[sources]] #1 date: has no effect on long exports (only redcap exports read it)"),
        ("[pipeline]\nname = \"n\"\n[[sources]]\nformat = \"items\"\nmissing_codes = [\"UNK\"]\n",
         "p.toml line 5: [[sources]] #1 missing_codes: has no effect on items exports (only redcap and coded exports read it)"),
        ("[pipeline]\nname = \"n\"\n[[sources]]\nkind = \"sessions\"\ndictionary = \"DD.csv\"\n",
         "p.toml line 5: [[sources]] #1 dictionary: has no effect on sessions exports (only redcap exports read it)"),
        ("[pipeline]\nname = \"n\"\n[[sources]]\nkind = \"sessions\"\ncolumns = { patient_id = \"mrn\", total = \"t\" }\n",
         "p.toml line 5: [[sources]] #1 columns: total has no effect on sessions exports (the names a sessions export may map: "
            + "clinic_id, dose_mg, duration_min, patient_id, route, session_id, session_start, weight_kg)"),
        ("[pipeline]\nname = \"n\"\n[[sources]]\nformat = \"redcap\"\ncolumns.total = \"score\"\n",
         "p.toml line 5: [[sources]] #1 columns: total has no effect on redcap exports (the names a redcap export may map: "
            + "clinic_id, gad7, hama, patient_id, phq9)"),
        // [answers]
        ("[pipeline]\nname = \"n\"\nanswers = 1\n",
         "p.toml line 3: [pipeline] answers: unknown key; allowed here: name, database, reports, exports, timezone, rehash_every_days"),
        ("answers = 1\n[pipeline]\nname = \"n\"\n", "p.toml line 1: answers: must be a table: [answers], with \"answer text\" = item value"),
        ("[pipeline]\nname = \"n\"\n[answers]\n\"Sometimes\" = \"one\"\n",
         "p.toml line 4: [answers] Sometimes: must be a whole number from 0 to 4, the item value the answer stands for"),
        ("[pipeline]\nname = \"n\"\n[answers.PHQ8]\n\"x\" = 1\n", "p.toml line 3: [answers.PHQ8]: 'PHQ8' is not an instrument; use GAD7, PHQ9 or HAMA"),
        ("[pipeline]\nname = \"n\"\n[answers.PHQ9]\n\"Sometimes\" = 1\n\"Always\" = 4\n",
         "p.toml line 5: [answers.PHQ9] Always: must be a whole number from 0 to 3, the item value the answer stands for"),
        ("[pipeline]\nname = \"n\"\n[answers]\nGAD7 = { \"Always\" = 4 }\n",
         "p.toml line 4: [answers.GAD7] Always: must be a whole number from 0 to 3, the item value the answer stands for"),
        ("[pipeline]\nname = \"n\"\n[answers]\n\"5\" = 2\n", "p.toml line 4: [answers] 5: has no effect: a number in an item field is read as that number"),
        ("[pipeline]\nname = \"n\"\n[answers]\n\"--\" = 2\n", "p.toml line 4: [answers] --: has no letters or digits, so it can never match an answer"),
        // [codes] and [routes] (issue 11)
        ("[pipeline]\nname = \"n\"\ncodes = 1\n",
         "p.toml line 3: [pipeline] codes: unknown key; allowed here: name, database, reports, exports, timezone, rehash_every_days"),
        ("codes = 1\n[pipeline]\nname = \"n\"\n", "p.toml line 1: codes: must be a table: [codes], with \"local code\" = \"HAMA\" or \"GAD7 item 3\""),
        ("[pipeline]\nname = \"n\"\n[codes]\n\"HAMA-001\" = \"HAMA\"\n\"X-7\" = \"BDI\"\n",
         "p.toml line 5: [codes] X-7: must name an instrument's total or one of its items, like \"HAMA\" or \"GAD7 item 3\" (instruments: GAD7, PHQ9, HAMA)"),
        ("[pipeline]\nname = \"n\"\n[codes]\n\"X-8\" = \"GAD7 item 8\"\n", "p.toml line 4: [codes] X-8: GAD-7 has items 1 to 7, not 8"),
        ("[pipeline]\nname = \"n\"\n[codes]\n\"X-1\" = 3\n",
         "p.toml line 4: [codes] X-1: must name an instrument's total or one of its items, like \"HAMA\" or \"GAD7 item 3\" (instruments: GAD7, PHQ9, HAMA)"),
        ("[pipeline]\nname = \"n\"\n[codes]\n\"55758-7\" = \"PHQ9\"\n",
         "p.toml line 4: [codes] 55758-7: is the LOINC code of the PHQ-2 total, which is not one of the instruments (GAD7, PHQ9, HAMA)"),
        ("[pipeline]\nname = \"n\"\n[codes]\n\"44261-6\" = \"GAD7\"\n",
         "p.toml line 4: [codes] 44261-6: is a LOINC code the ingest already reads; [codes] names local codes only"),
        ("[pipeline]\nname = \"n\"\n[routes]\n\"nasal inhaler\" = \"nose\"\n",
         "p.toml line 4: [routes] nasal inhaler: must be one of \"IV\", \"IM\", \"IN\", \"SL\", \"PO\" or \"SC\""),
        ("[pipeline]\nname = \"n\"\n[routes]\n\"troche\" = \"PO\"\n",
         "p.toml line 4: [routes] troche: is already read as SL (sublingual / oral troche); [routes] adds names, it does not change them"),
        ("[pipeline]\nname = \"n\"\nroutes = [\"IN\"]\n",
         "p.toml line 3: [pipeline] routes: unknown key; allowed here: name, database, reports, exports, timezone, rehash_every_days"),
        // [report] chart_min_courses (issue 13)
        ("[pipeline]\nname = \"n\"\n[report]\nchart_min_courses = 0\n",
         "p.toml line 4: [report] chart_min_courses: must be a whole number from 1 to 1000000"),
        ("[pipeline]\nname = \"n\"\n[report]\nmin_cell = 5\nchart_min_courses = \"five\"\n",
         "p.toml line 5: [report] chart_min_courses: must be a whole number from 1 to 1000000"),
        ("[pipeline]\nname = \"n\"\n[report]\nchart_min_courses = 2.5\n",
         "p.toml line 4: [report] chart_min_courses: must be a whole number from 1 to 1000000"),
        ("[pipeline]\nname = \"n\"\n[report]\nchart_min = 5\n",
         "p.toml line 4: [report] chart_min: unknown key; allowed here: period, min_cell, chart_min_courses"),
        // [network] (issue 15)
        ("[pipeline]\nname = \"n\"\n[network]\nsite = \"north\"\n",
         "p.toml line 3: [network] needs url = \"…\" (the network database, e.g. \"postgresql://outcomes_site_north@db.example.org/network\")"),
        ("[pipeline]\nname = \"n\"\n[network]\nurl = \"postgresql://db/network\"\n",
         "p.toml line 3: [network] needs site = \"…\" (this clinic's site name in the network)"),
        ("[pipeline]\nname = \"n\"\n[network]\nurl = \"postgresql://north:hunter2@db/network\"\nsite = \"north\"\n",
         "p.toml line 4: [network] url: must not hold a password; put it in the PGPASSWORD environment variable or ~/.pgpass"),
        ("[pipeline]\nname = \"n\"\n[network]\nurl = \"host=db password=x\"\nsite = \"north\"\n",
         "p.toml line 4: [network] url: must not hold a password; put it in the PGPASSWORD environment variable or ~/.pgpass"),
        ("[pipeline]\nname = \"n\"\n[network]\nurl = \"postgresql://db/network\"\nsite = \"North Clinic\"\n",
         "p.toml line 5: [network] site: 'North Clinic' is not a site name; use lower-case letters, digits, - and _ (at most 40), starting with a letter or digit"),
        ("[pipeline]\nname = \"n\"\n[network]\nurl = \"postgresql://db/network\"\nsite = \"north\"\nperiod = \"all\"\n",
         "p.toml line 6: [network] period: unknown key; allowed here: url, site"),
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
