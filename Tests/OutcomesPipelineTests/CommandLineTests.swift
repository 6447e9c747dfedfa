import TestSupport
import Foundation
import Testing

/// Runs the built `outcomes` executable, as cron and analysts do.
@Suite struct CommandLineTests {
    static let root = #filePath.components(separatedBy: "/Tests/")[0]

    /// `stderr` without the UTC time that starts each line when standard error is not a
    /// terminal (it is a pipe here), so that tests of messages compare the messages;
    /// `stampedStderr` is the bytes as written (CronTests checks the times).
    struct Output {
        var status: Int32
        var stdout: String
        var stampedStderr: String
        var stderr: String { Self.unstamped(stampedStderr) }

        /// Each line less a leading `YYYY-MM-DDTHH:MM:SSZ `.
        static func unstamped(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                let stamp = line.prefix(21)
                let isStamp = stamp.count == 21 && stamp.hasSuffix("Z ") && stamp.dropFirst(10).first == "T"
                    && stamp.prefix(4).allSatisfy(\.isNumber)
                return isStamp ? String(line.dropFirst(21)) : String(line)
            }.joined(separator: "\n")
        }
    }

    static func binary() throws -> String {
        // Beside the test runner first, so a build with --scratch-path tests its own executable.
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("outcomes").path
        let candidates = [beside] + ["/.build/debug/outcomes", "/.build/x86_64-unknown-linux-gnu/debug/outcomes"].map { root + $0 }
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "build the outcomes executable first (swift build)")
    }

    func run(_ arguments: [String], in directory: String = root, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary())
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stampedStderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func runOnSampleDataTwice() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/o.sqlite"
        let out = folder.path + "/report"
        let first = try run(["run", "Pipelines/nightly.toml", "--db", db, "--out", out])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("ingest: 7 new file(s), 0 unchanged, 1 unrecognised;"), "\(first.stdout)")
        #expect(first.stdout.contains("\ntransform: full, 200 patient(s) recomputed (first transform of this database); 220 course(s)"), "\(first.stdout)")
        #expect(first.stdout.contains("\nreport: all, 220 course(s), 18 route row(s); 33 files in \(out)"), "\(first.stdout)")
        // The second run has nothing to do, and says so stage by stage.
        let second = try run(["run", "Pipelines/nightly.toml", "--db", db, "--out", out])
        #expect(second.status == 0)
        let lines = second.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].hasPrefix("ingest: up to date (last ran ") && lines[1].hasPrefix("transform: up to date")
                && lines[2].hasPrefix("report: up to date"), "\(second.stdout)")
        let status = try run(["status", "Pipelines/nightly.toml", "--db", db, "--out", out])
        #expect(status.stdout.contains("redcap_export.csv  scores redcap:"))
        #expect(status.stdout.contains("\ntransform: up to date\n  last run "), "\(status.stdout)")
        #expect(status.stdout.contains("\nreport (\(out)): up to date\n"), "\(status.stdout)")
    }

    @Test func badPipelineKeyExits64() throws {
        let folder = TemporaryFolder()
        let path = folder.write("p.toml", "[pipeline]\nname = \"x\"\n[analysis]\nrelief_treshold = 50\n")
        let result = try run(["run", path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("line 4: [analysis] relief_treshold: unknown key"))
        let charts = try run(["run", folder.write("c.toml", "[pipeline]\nname = \"x\"\n[report]\nchart_min_courses = 0\n")])
        #expect(charts.status == 64)
        #expect(charts.stderr.contains("line 4: [report] chart_min_courses: must be a whole number from 1 to 1000000"), "\(charts.stderr)")
    }

    @Test func usageErrorsExit64() throws {
        #expect(try run(["run", "Pipelines/nightly.toml", "--stage", "ingest", "--from", "ingest"]).status == 64)
        #expect(try run(["run", "Pipelines/nightly.toml", "--period", "2026Q9"]).status == 64)
        #expect(try run(["run", "/nonexistent.toml"]).status == 64)
    }

    @Test func stagesAloneNeedNoExports() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/o.sqlite", out = folder.path + "/report"
        // Every run names a temporary --out: each writes run.json into its report folder.
        #expect(try run(["run", "Pipelines/nightly.toml", "--db", db, "--stage", "ingest", "--out", out]).status == 0)
        let early = try run(["run", "Pipelines/nightly.toml", "--db", db, "--stage", "report", "--out", out])
        #expect(early.status == 1 && early.stderr.contains("run the transform stage first"), "\(early.stderr)")
        let transform = try run(["run", "Pipelines/nightly.toml", "--db", db, "--stage", "transform", "--out", out, "--input", folder.path + "/nope"])
        #expect(transform.status == 0, "\(transform.stderr)")
        #expect(transform.stdout == "transform: full, 200 patient(s) recomputed (first transform of this database); 220 course(s) in the tables\n")
        let report = try run(["run", "Pipelines/nightly.toml", "--db", db, "--stage", "report", "--out", out, "--input", folder.path + "/nope"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout == "report: all, 220 course(s), 18 route row(s); 33 files in \(out)\n")
    }

    /// The whole pipeline on SampleData, as `make run` does it: every report file, with the
    /// columns interface.md names, in its order.
    @Test func fullRunWritesTheReportDirectory() throws {
        let folder = TemporaryFolder()
        let out = folder.path + "/{period}"
        let result = try run(["run", "Pipelines/nightly.toml", "--db", folder.path + "/o.sqlite", "--out", out, "--period", "2026Q2"])
        #expect(result.status == 0, "\(result.stderr)")
        let directory = folder.path + "/2026Q2"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files.filter { !$0.hasSuffix(".svg") } == ["after_relief.csv", "baseline_severity.csv", "boosters.csv", "by_clinic.csv", "data_quality.csv", "data_quality_summary.csv", "exclusions.csv", "manifest.json",
                                                            "reliable_change.csv", "relief_duration.csv", "report.html", "report.md", "response_curves.csv",
                                                            "route_summary.csv", "run.json", "safety.csv", "session_curves.csv", "sessions_to_relief.csv",
                                                            "time_to_relief.csv"])
        #expect(files.filter { $0.hasSuffix(".svg") }.count == 15)
        func header(_ file: String) throws -> String {
            String(try String(contentsOfFile: directory + "/" + file, encoding: .utf8).split(separator: "\n")[0])
        }
        #expect(try header("route_summary.csv") == "instrument,route,courses,with_baseline,evaluable,responders,responder_rate,"
            + "responder_ci_low,responder_ci_high,itt_responder_rate,itt_ci_low,itt_ci_high,remitters,remission_rate,remission_ci_low,"
            + "remission_ci_high,km_courses,relief_events,median_hours_to_relief,median_ci_low_hours,median_ci_high_hours,"
            + "relieved_by_24h,relieved_by_7d,relieved_by_28d,mean_baseline,suppressed")
        #expect(try header("time_to_relief.csv") == "instrument,route,hours,at_risk,events,censored,survival,ci_low,ci_high")
        #expect(try header("response_curves.csv") == "instrument,route,bin_start_hours,bin_end_hours,courses,mean_pct_reduction,"
            + "sd_pct_reduction,ci_low,ci_high,median_pct_reduction,share_responding,suppressed")
        #expect(try header("session_curves.csv") == "instrument,route,session_number,courses,mean_pct_reduction,"
            + "sd_pct_reduction,ci_low,ci_high,median_pct_reduction,share_responding,suppressed")
        #expect(try header("data_quality.csv") == "file,line,kind,reason")
        // analysis.md version 2 (§11–§15)
        #expect(try header("sessions_to_relief.csv") == "instrument,route,sessions,at_risk,events,censored,survival,ci_low,ci_high")
        #expect(try header("relief_duration.csv") == "instrument,route,hours,at_risk,events,censored,survival,ci_low,ci_high")
        #expect(try header("after_relief.csv") == "instrument,route,km_courses,median_sessions_to_relief,median_sessions_ci_low,"
            + "median_sessions_ci_high,relief_courses,relief_unobserved,duration_courses,losses,median_hours_relief_held,"
            + "held_ci_low_hours,held_ci_high_hours,held_at_4w,held_at_12w,suppressed")
        #expect(try header("reliable_change.csv") == "instrument,route,evaluable,reliable_improvement,improvement_rate,"
            + "improvement_ci_low,improvement_ci_high,reliable_deterioration,deterioration_rate,deterioration_ci_low,"
            + "deterioration_ci_high,at_caseness,recovered,recovery_rate,recovery_ci_low,recovery_ci_high,reliably_recovered,"
            + "reliable_recovery_rate,reliable_recovery_ci_low,reliable_recovery_ci_high,followed_up,deteriorated_any,"
            + "deteriorated_any_rate,deteriorated_any_ci_low,deteriorated_any_ci_high,suppressed")
        #expect(try header("safety.csv") == "route,courses,item9_baseline_known,item9_baseline_positive,baseline_positive_rate,"
            + "baseline_positive_ci_low,baseline_positive_ci_high,item9_emergent_at_risk,item9_emergent,emergent_rate,"
            + "emergent_ci_low,emergent_ci_high,item9_resolved_at_risk,item9_resolved,resolved_rate,resolved_ci_low,"
            + "resolved_ci_high,suppressed")
        #expect(try header("boosters.csv") == "route,courses,median_induction_sessions,with_booster,booster_rate,booster_ci_low,"
            + "booster_ci_high,median_days_to_first_booster,median_days_between_boosters,suppressed")
        let summary = try String(contentsOfFile: directory + "/route_summary.csv", encoding: .utf8).split(separator: "\n")
        #expect(summary.count == 19)       // 3 instruments × 6 routes
        #expect(summary[1].hasPrefix("GAD7,IV,") && summary[18].hasPrefix("PHQ9,SC,"))
        let markdown = try String(contentsOfFile: directory + "/report.md", encoding: .utf8)
        #expect(markdown.hasPrefix("# Outcome report: nightly, 2026Q2"))
        #expect(!markdown.contains("P0"))   // no patient identifier (the sample's ids start with P0)
    }

    /// Benchmarks/crosscheck.py recomputes route_summary, time_to_relief and the curves from the
    /// ingested rows in plain Python, from the spec rather than from this code.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func independentPythonRecomputationAgrees() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/o.sqlite"
        for (period, minCell) in [("all", "0"), ("2026Q1", "3")] {
            let toml = folder.write("p\(minCell).toml", try String(contentsOfFile: Self.root + "/Pipelines/nightly.toml", encoding: .utf8)
                .replacingOccurrences(of: "min_cell = 0", with: "min_cell = \(minCell)"))
            let out = folder.path + "/r-\(period)"
            let result = try run(["run", toml, "--db", db, "--out", out, "--period", period])
            #expect(result.status == 0, "\(result.stderr)")
            let check = Process()
            check.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            check.arguments = [Self.root + "/Benchmarks/crosscheck.py", db, out, "--timezone", "America/New_York",
                               "--period", period, "--min-cell", minCell]
            let pipe = Pipe()
            check.standardOutput = pipe
            try check.run()
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            check.waitUntilExit()
            #expect(check.terminationStatus == 0, "\(output)")
        }
    }

    @Test func missingExportFolderExits66() throws {
        let folder = TemporaryFolder()
        let result = try run(["run", "Pipelines/nightly.toml", "--db", folder.path + "/o.sqlite", "--out", folder.path + "/report",
                              "--input", folder.path + "/nope"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("the export folder \(folder.path)/nope does not exist"))
    }

    @Test func aFileThePipelineNamesIsMissingExits66() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/exports", withIntermediateDirectories: true)
        folder.write("exports/scores.csv", "patient_id,instrument,administered_at,total\nP1,GAD-7,2026-03-04,5\n")
        let pipeline = folder.write("p.toml", """
            [pipeline]
            name = "named"
            [[sources]]
            pattern = "sessions.csv"
            [[sources]]
            pattern = "score*.csv"
            """)
        let result = try run(["run", pipeline, "--db", folder.path + "/o.sqlite", "--input", folder.path + "/exports", "--out", folder.path + "/r"])
        #expect(result.status == 66, "\(result.stderr)")
        #expect(result.stderr.contains("the export sessions.csv, which the pipeline names in [[sources]] pattern, is not in"), "\(result.stderr)")
        // A pattern that matches nothing is not an error.
        let quiet = folder.write("q.toml", "[pipeline]\nname = \"quiet\"\n[[sources]]\npattern = \"nothing*.csv\"\n")
        #expect(try run(["run", quiet, "--db", folder.path + "/q.sqlite", "--input", folder.path + "/exports", "--out", folder.path + "/rq", "--stage", "ingest"]).status == 0)
    }

    @Test func validateReportsRowsAndExitsOne() throws {
        let folder = TemporaryFolder()
        let good = folder.write("good.csv", "patient_id,instrument,administered_at,total\nP1,GAD-7,2026-03-04,5\nP1,GAD-7,2026-03-04,5\n")
        let bad = folder.write("bad.csv", "patient_id,instrument,administered_at,total\nP1,GAD-7,2026-03-04,5\nP1,GAD-7,2026-03-05,25\n")
        let ok = try run(["validate", good])
        #expect(ok.status == 0, "\(ok.stdout)")
        let failed = try run(["validate", good, bad])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("\(bad):3: column total: GAD-7 total 25 is outside 0–21"))
        #expect(try run(["validate", folder.path + "/missing.csv"]).status == 66)
    }

    // MARK: issue 10: never a silent zero

    static let redcap = "record_id,redcap_event_name,gad7_date,gad7_1,gad7_2,gad7_3,gad7_4,gad7_5,gad7_6,gad7_7,gad7_complete\n"
        + "1,baseline_arm_1,2026-03-04,1,2,1,0,1,2,1,2\n"

    /// A folder with `exports/` holding `files`, and a pipeline file `p.toml` with these sources.
    func clinic(_ files: [String: String], sources: String) throws -> (TemporaryFolder, String) {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/exports", withIntermediateDirectories: true)
        for (name, text) in files { folder.write("exports/" + name, text) }
        let pipeline = folder.write("p.toml", "[pipeline]\nname = \"c\"\ndatabase = \"o.sqlite\"\nreports = \"r\"\nexports = \"exports\"\n" + sources)
        return (folder, pipeline)
    }

    @Test func aMappingThatMatchesNoColumnExits64BeforeAnyFileIsRead() throws {
        let (folder, pipeline) = try clinic(["redcap.csv": Self.redcap], sources: "[[sources]]\npattern = \"*.csv\"\ncolumns = { gad7 = \"gadx\" }\n")
        let result = try run(["run", pipeline], in: folder.path)
        #expect(result.status == 64)
        #expect(result.stderr == "outcomes: \(pipeline) line 8: [[sources]] #1 columns: gad7 = \"gadx\" matches no column of redcap.csv; its columns are "
            + "record_id, redcap_event_name, gad7_date, gad7_1, gad7_2, gad7_3, gad7_4, gad7_5, gad7_6, gad7_7, gad7_complete\n", "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let validate = try run(["validate", "--pipeline", pipeline, "exports/redcap.csv"], in: folder.path)
        #expect(validate.status == 64)
        #expect(validate.stderr == "outcomes: \(pipeline) line 8: [[sources]] #1 columns: gad7 = \"gadx\" matches no column of exports/redcap.csv; "
            + "its columns are record_id, redcap_event_name, gad7_date, gad7_1, gad7_2, gad7_3, gad7_4, gad7_5, gad7_6, gad7_7, gad7_complete\n",
            "\(validate.stderr)")
        #expect(validate.stdout.isEmpty)
    }

    @Test func aKeyThatHasNoEffectExits64() throws {
        // The source names its form: told when the pipeline file is loaded.
        let (folder, pipeline) = try clinic(["redcap.csv": Self.redcap],
                                            sources: "[[sources]]\npattern = \"*.csv\"\nformat = \"redcap\"\ncolumns = { administered_at = \"gad7_date\" }\n")
        let loaded = try run(["run", pipeline], in: folder.path)
        #expect(loaded.status == 64)
        #expect(loaded.stderr == "outcomes: \(pipeline) line 9: [[sources]] #1 columns: administered_at has no effect on redcap exports "
            + "(REDCap takes each administration's date from its form; use date = \"…\" to name a date field)\n", "\(loaded.stderr)")
        // Told from the files' forms: at the ingest and in validate.
        let auto = folder.write("a.toml", "[pipeline]\nname = \"c\"\ndatabase = \"o.sqlite\"\nreports = \"r\"\nexports = \"exports\"\n"
            + "[[sources]]\npattern = \"*.csv\"\ninstrument = \"GAD7\"\n")
        let message = "[[sources]] #1 instrument: has no effect on redcap.csv, a redcap export (only items exports read it)"
        let ingest = try run(["run", auto], in: folder.path)
        #expect(ingest.status == 64)
        #expect(ingest.stderr == "outcomes: \(auto) line 8: \(message)\n", "\(ingest.stderr)")
        let validate = try run(["validate", "--pipeline", auto, folder.path + "/exports/redcap.csv"], in: folder.path)
        #expect(validate.status == 64)
        #expect(validate.stderr == "outcomes: \(auto) line 8: " + message.replacingOccurrences(of: "redcap.csv", with: folder.path + "/exports/redcap.csv") + "\n",
                "\(validate.stderr)")
    }

    @Test func aDataDictionaryTheSourceNamesIsMissingExits66() throws {
        let (folder, pipeline) = try clinic(["redcap.csv": Self.redcap], sources: "[[sources]]\npattern = \"*.csv\"\ndictionary = \"DD.csv\"\n")
        let result = try run(["run", pipeline], in: folder.path)
        #expect(result.status == 66)
        #expect(result.stderr == "outcomes: the data dictionary DD.csv, which [[sources]] #1 names (\(pipeline) line 8), is in neither the export "
            + "folder exports nor the folder the command runs in (\(folder.path)); download the project's data dictionary from REDCap "
            + "(Dictionary → Download the current Data Dictionary) into the export folder, or correct dictionary = \"…\"\n", "\(result.stderr)")
        #expect(try run(["validate", "--pipeline", pipeline, "exports/redcap.csv"], in: folder.path).status == 66)
        // One that is not a dictionary, or cannot be used, exits 66 too.
        folder.write("exports/DD.csv", "patient_id,instrument,administered_at,total\n")
        let unusable = try run(["run", pipeline], in: folder.path)
        #expect(unusable.status == 66)
        #expect(unusable.stderr == "outcomes: the data dictionary exports/DD.csv, which [[sources]] #1 names (\(pipeline) line 8), cannot be used: "
            + "its header is not a REDCap data dictionary's (Variable / Field Name, Form Name, Section Header, Field Type, …); "
            + "download the project's data dictionary from REDCap again, or correct dictionary = \"…\"\n", "\(unusable.stderr)")
    }

    @Test func validateReadsTheOtherFilesWithADataDictionaryAmongThem() throws {
        let choices = "\"0, Not at all | 1, Several days | 2, More than half the days | 3, Nearly every day\""
        let dictionary = "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,\"Choices, Calculations, OR Slider Labels\",Field Note,"
            + "Text Validation Type OR Show Slider Number\nrecord_id,gad7,,text,Record ID,,,\ngad7_date,gad7,,text,Date,,,date_ymd\n"
            + (1...7).map { "q\($0),gad7,,radio,Question \($0),\(choices),,\n" }.joined()
        let (folder, _) = try clinic(["DD.csv": dictionary, "data.csv": "record_id,gad7_date,q1,q2,q3,q4,q5,q6,q7,gad7_complete\n1,2026-03-04,1,2,1,0,1,2,1,2\n"],
                                     sources: "")
        let result = try run(["validate", "exports/DD.csv", "exports/data.csv"], in: folder.path)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout == "exports/DD.csv: REDCap data dictionary, 9 fields in 1 form\nexports/data.csv: redcap export, 1 records, 0 would be rejected\n")
        // Without it, the file is not REDCap to the reader.
        #expect(try run(["validate", "exports/data.csv"], in: folder.path).status == 1)
        // A dictionary that cannot be used is an unrecognised file.
        folder.write("exports/bad.csv", "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,\"Choices, Calculations, OR Slider Labels\"\n"
            + "record_id,,,text,Record ID,\n")
        let bad = try run(["validate", "exports/bad.csv"], in: folder.path)
        #expect(bad.status == 1)
        #expect(bad.stdout == "exports/bad.csv:1: unrecognised file: this REDCap data dictionary cannot be used: line 2 of the data dictionary has no form name\n")
    }

    @Test func filesThatAreNotExportsAndFilesThatStoreNothingAreWarnedAbout() throws {
        let (folder, pipeline) = try clinic([
            "scores.csv": "patient_id,instrument,administered_at,total\nP1,GAD-7,2026-03-04,5\n",
            "empty.csv": "patient_id,instrument,administered_at,total\n",
            "labs.ndjson": "{\"patient_id\":\"P1\"}\n{\"patient_id\":\"P2\"}\n",
            "events.csv": "{\"patient_id\":\"P1\"}\n{\"patient_id\":\"P2\"}\n",
        ], sources: "[[sources]]\npattern = \"*.csv\"\n")
        let result = try run(["run", pipeline], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ingest: 2 new file(s), 0 unchanged, 2 unrecognised; 1 records: 1 stored"), "\(result.stdout)")
        let ndjson = "NDJSON (one JSON object per line; FHIR resources are read from files a [[sources]] pattern matches)"
        let notFHIR = "JSON, but not FHIR: its first object has no resourceType (this version reads JSON only as FHIR R4 resources: NDJSON, Bundles or one resource)"
        #expect(result.stderr == "outcomes: warning: events.csv is not an export this pipeline can read: \(notFHIR)\n"
            + "outcomes: warning: labs.ndjson was not read: no [[sources]] pattern matches it; it looks like \(ndjson)\n"
            + "outcomes: warning: empty.csv: no record of this file was stored: it has a header and no data rows\n", "\(result.stderr)")
        let quality = try String(contentsOfFile: folder.path + "/r/data_quality.csv", encoding: .utf8)
        #expect(quality.contains("\nempty.csv,1,no_records,no record of this file was stored: it has a header and no data rows\n"), "\(quality)")
        #expect(quality.contains("\nlabs.ndjson,1,unrecognised_file,not read: no [[sources]] pattern matches it; it looks like \(ndjson)"), "\(quality)")
        // Once: the next run has nothing to say.
        let again = try run(["run", pipeline], in: folder.path)
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("ingest: up to date"), "\(again.stdout)")
        // A new one makes the ingest stale, and is listed on its next run.
        folder.write("exports/summary.pdf", "%PDF-1.4\n")
        let status = try run(["status", pipeline], in: folder.path)
        #expect(status.stdout.contains("\ningest: stale: 1 new file(s) that no [[sources]] pattern matches, to be listed: summary.pdf\n"), "\(status.stdout)")
        let third = try run(["run", pipeline], in: folder.path)
        #expect(third.stderr == "outcomes: warning: summary.pdf was not read: no [[sources]] pattern matches it; it looks like a PDF document, "
            + "which holds no export this version can read\n", "\(third.stderr)")
        let validate = try run(["validate", "exports/events.csv"], in: folder.path)
        #expect(validate.status == 1)
        #expect(validate.stdout == "exports/events.csv:1: unrecognised file: \(notFHIR)\n")
    }

    @Test func sampleIsDeterministic() throws {
        let a = TemporaryFolder(), b = TemporaryFolder()
        #expect(try run(["sample", "--out", a.path, "--patients", "30", "--seed", "5"]).status == 0)
        #expect(try run(["sample", "--out", b.path, "--patients", "30", "--seed", "5"]).status == 0)
        for file in ["sessions.csv", "scores_long.csv", "redcap_export.csv", "hama_items.csv"] {
            #expect(FileManager.default.contents(atPath: a.path + "/" + file) == FileManager.default.contents(atPath: b.path + "/" + file), "\(file)")
        }
    }
}
