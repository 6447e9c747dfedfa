import TestSupport
import Foundation
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesPipeline

/// Issue 10, "No silent zero", at the ingest: keys that have no effect and mappings that find
/// nothing stop it before any file is read; data dictionaries are found and used; other files
/// of the export folder are listed once with what they look like; a recognised file that
/// stores no record is warned about and listed.
@Suite struct NoSilentZeroTests {
    let folder = TemporaryFolder()
    var exports: String { folder.path + "/exports" }

    init() throws {
        try FileManager.default.createDirectory(atPath: folder.path + "/exports", withIntermediateDirectories: true)
    }

    func pipeline(_ sources: String, answers: String = "") throws -> PipelineConfig {
        try PipelineLoader.parse(text: "[pipeline]\nname = \"t\"\n" + sources + answers, path: "p.toml")
    }

    func ingest(_ config: PipelineConfig, _ store: OutcomesStore, now: Int64 = 1) throws -> IngestSummary {
        try IngestStage(config: config, exportsFolder: exports).run(store: store, runID: nil, now: now)
    }

    func store() throws -> OutcomesStore { try OutcomesStore(path: folder.path + "/db.sqlite") }

    func issues(_ store: OutcomesStore) throws -> [String] {
        try store.database.prepare("""
            SELECT f.path, i.line, i.kind, i.reason FROM row_issue i JOIN source_file f ON f.id = i.source_file_id ORDER BY f.path, i.line, i.kind
            """).rows { "\($0.text(0)!):\($0.int(1)) \($0.text(2)!): \($0.text(3)!)" }
    }

    func files(_ store: OutcomesStore) throws -> [String] {
        try store.database.prepare("SELECT path, kind, coalesce(form, ''), records FROM source_file ORDER BY path, id")
            .rows { "\($0.text(0)!) \($0.text(1)!) \($0.text(2)!) \($0.int(3))" }
    }

    func failure(_ config: PipelineConfig, _ store: OutcomesStore) -> String {
        do {
            _ = try ingest(config, store)
            return "no error"
        } catch let error as PipelineFileError {
            return error.description
        } catch {
            return "\(type(of: error)): \(error)"
        }
    }

    static let redcapHeader = "record_id,redcap_event_name,gad7_date,gad7_1,gad7_2,gad7_3,gad7_4,gad7_5,gad7_6,gad7_7,gad7_complete\n"
    static let redcapRow = "1,baseline_arm_1,2026-03-04,1,2,1,0,1,2,1,2\n"
    static let longHeader = "patient_id,instrument,administered_at,total\n"

    // MARK: keys that have no effect, mappings that find nothing

    @Test func aMappingThatFindsNothingStopsTheIngestBeforeAnyFileIsRead() throws {
        folder.write("exports/redcap.csv", Self.redcapHeader + Self.redcapRow)
        let config = try pipeline("[[sources]]\npattern = \"*.csv\"\ncolumns = { gad7 = \"gad\" }\n")
        let store = try store()
        #expect(failure(config, store) == "p.toml line 5: [[sources]] #1 columns: gad7 = \"gad\" matches no column of redcap.csv; its columns are "
            + "record_id, redcap_event_name, gad7_date, gad7_1, gad7_2, gad7_3, gad7_4, gad7_5, gad7_6, gad7_7, gad7_complete")
        #expect(try files(store).isEmpty)
    }

    @Test func aMappingThatFindsNothingInAnyOfSeveralFilesNamesThemAndShowsAtMostTwentyColumns() throws {
        let wide = "record_id,redcap_event_name," + (1...25).map { "f\($0)" }.joined(separator: ",") + "\n"
        folder.write("exports/a.csv", Self.longHeader + "P1,GAD-7,2026-03-04,5\n")
        folder.write("exports/b.csv", wide + "1,e," + Array(repeating: "", count: 25).joined(separator: ",") + "\n")
        let config = try pipeline("[[sources]]\npattern = \"*.csv\"\ncolumns = { patient_id = \"mrn\" }\n")
        #expect(failure(config, try store()) == "p.toml line 5: [[sources]] #1 columns: patient_id = \"mrn\" matches no column of the 2 files of "
            + "this source (a.csv, b.csv); the columns of a.csv are patient_id, instrument, administered_at, total")
        // A mapping found in one file of the source is fine (the other file is judged on its own).
        folder.write("exports/c.csv", "mrn,instrument,administered_at,total\nP1,GAD-7,2026-03-05,5\n")
        #expect(failure(config, try store()) == "no error")
        // The columns shown are at most 20, then "…".
        try FileManager.default.removeItem(atPath: exports + "/a.csv")
        try FileManager.default.removeItem(atPath: exports + "/c.csv")
        let message = failure(config, try OutcomesStore(path: folder.path + "/db2.sqlite"))
        #expect(message.hasSuffix("its columns are record_id, redcap_event_name, " + (1...18).map { "f\($0)" }.joined(separator: ", ") + ", …"), "\(message)")
    }

    @Test func aDateFieldThatIsNoColumnStopsTheIngest() throws {
        folder.write("exports/redcap.csv", Self.redcapHeader + Self.redcapRow)
        let config = try pipeline("[[sources]]\npattern = \"*.csv\"\ndate = \"visit_date\"\n")
        #expect(failure(config, try store()) == "p.toml line 5: [[sources]] #1 date = \"visit_date\" matches no column of redcap.csv; its columns are "
            + "record_id, redcap_event_name, gad7_date, gad7_1, gad7_2, gad7_3, gad7_4, gad7_5, gad7_6, gad7_7, gad7_complete")
    }

    @Test func aKeyNoFormOfTheSourcesFilesReadsStopsTheIngest() throws {
        folder.write("exports/scores.csv", Self.longHeader + "P1,GAD-7,2026-03-04,5\nP1,GAD-7,2026-03-05,6\n")
        folder.write("exports/more.csv", Self.longHeader + "P2,GAD-7,2026-03-04,5\n")
        let store = try store()
        #expect(failure(try pipeline("[[sources]]\npattern = \"*.csv\"\n\nmissing_codes = [\"UNK\"]\n"), store)
            == "p.toml line 6: [[sources]] #1 missing_codes: has no effect on the 2 files of this source (long exports) (only redcap and coded exports read it)")
        #expect(failure(try pipeline("[[sources]]\npattern = \"scores.csv\"\ninstrument = \"PHQ9\"\n"), store)
            == "p.toml line 5: [[sources]] #1 instrument: has no effect on scores.csv, a long export (only items exports read it)")
        folder.write("exports/redcap.csv", Self.redcapHeader + Self.redcapRow)
        #expect(failure(try pipeline("[[sources]]\npattern = \"redcap.csv\"\ncolumns = { administered_at = \"gad7_date\" }\n"), store)
            == "p.toml line 5: [[sources]] #1 columns: administered_at has no effect on redcap.csv, a redcap export (REDCap takes each "
                + "administration's date from its form; use date = \"…\" to name a date field)")
        #expect(failure(try pipeline("[[sources]]\npattern = \"*.csv\"\ncolumns = { instrument = \"instrument\" }\n"), store) == "no error",
                "read by the long files among them")
        #expect(try files(store).count == 3)
    }

    @Test func aSourceWithoutSuchKeysOpensNothingForTheCheck() throws {
        folder.write("exports/a.csv", Self.longHeader + "P1,GAD-7,2026-03-04,5\n")
        let config = try pipeline("[[sources]]\npattern = \"*.csv\"\nformat = \"long\"\n")
        #expect(config.sources[0].effectKeys.isEmpty)
        #expect(try ingest(config, try store()).ingestedFiles == 1)
    }

    // MARK: data dictionaries

    static let choices = "\"0, Not at all | 1, Several days | 2, More than half the days | 3, Nearly every day\""
    /// A classic project whose GAD-7 items are q1 … q7: only its dictionary says which form they are.
    static let dictionary = "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,\"Choices, Calculations, OR Slider Labels\",Field Note,Text Validation Type OR Show Slider Number\n"
        + "record_id,gad7,,text,Record ID,,,\n" + "gad7_date,gad7,,text,Date,,,date_ymd\n"
        + (1...7).map { "q\($0),gad7,,radio,Question \($0),\(choices),,\n" }.joined()
    static let classic = "record_id,gad7_date,q1,q2,q3,q4,q5,q6,q7,gad7_complete\n1,2026-03-04,1,2,1,0,1,2,1,2\n"

    @Test func aDictionaryAmongTheExportsIsRecordedAndUsedForTheOthers() throws {
        folder.write("exports/DD.csv", Self.dictionary)
        folder.write("exports/data.csv", Self.classic)
        let store = try store()
        let config = try pipeline("")
        let first = try ingest(config, store)
        #expect(first.ingestedFiles == 2 && first.unrecognisedFiles == 0 && first.totals.accepted == 1 && first.warnings.isEmpty, "\(first.files)")
        #expect(try files(store) == ["DD.csv dictionary redcap-dictionary 0", "data.csv scores redcap 1"])
        #expect(try issues(store).isEmpty)
        // Known by size and time on the next run: neither read again nor listed.
        let second = try ingest(config, store, now: 2)
        #expect(second.ingestedFiles == 0 && second.unchangedFiles == 2)
        #expect(try files(store).count == 2)
        // Without it the data file is not REDCap to the reader.
        try FileManager.default.removeItem(atPath: exports + "/DD.csv")
        let other = try OutcomesStore(path: folder.path + "/db2.sqlite")
        #expect(try ingest(config, other).unrecognisedFiles == 1)
    }

    @Test func aDictionaryThatCannotBeUsedIsListedWithTheReason() throws {
        folder.write("exports/DD.csv", "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,\"Choices, Calculations, OR Slider Labels\"\n"
            + "record_id,,,text,Record ID,\n")
        let store = try store()
        let summary = try ingest(try pipeline(""), store)
        #expect(summary.unrecognisedFiles == 1)
        #expect(try issues(store) == ["DD.csv:1 unrecognised_file: this REDCap data dictionary cannot be used: line 2 of the data dictionary has no form name"])
    }

    @Test func aDictionaryTheSourceNamesIsFoundInTheExportFolderOrTheWorkingFolder() throws {
        try FileManager.default.createDirectory(atPath: folder.path + "/dictionaries", withIntermediateDirectories: true)
        folder.write("dictionaries/DD.csv", Self.dictionary)   // not where the source looks for "DD.csv"
        folder.write("exports/data.csv", Self.classic)
        let config = try pipeline("[[sources]]\npattern = \"data.csv\"\n\ndictionary = \"DD.csv\"\n")
        let cwd = FileManager.default.currentDirectoryPath
        do {
            _ = try ingest(config, try store())
            Issue.record("no error")
        } catch let error as DictionaryFileMissing {
            #expect(error.description == "the data dictionary DD.csv, which [[sources]] #1 names (p.toml line 6), is in neither the export folder "
                + "\(exports) nor the folder the command runs in (\(cwd)); download the project's data dictionary from REDCap "
                + "(Dictionary → Download the current Data Dictionary) into the export folder, or correct dictionary = \"…\"")
        }
        // Named with a path from the working folder (here absolute), outside the export folder: used, not recorded, not listed.
        let named = try pipeline("[[sources]]\npattern = \"data.csv\"\ndictionary = \"\(folder.path)/dictionaries/DD.csv\"\n")
        let store = try store()
        let summary = try ingest(named, store)
        #expect(summary.totals.accepted == 1 && summary.unrecognisedFiles == 0)
        #expect(try files(store) == ["data.csv scores redcap 1"])
        // In the export folder but matched by no pattern: used, and not listed as another file.
        folder.write("exports/DD.csv", Self.dictionary)
        let inFolder = try OutcomesStore(path: folder.path + "/db2.sqlite")
        let again = try ingest(config, inFolder)
        #expect(again.totals.accepted == 1 && again.unrecognisedFiles == 0, "\(again.files)")
        #expect(try IngestStage(config: config, exportsFolder: exports).checkExports(store: inFolder).others.isEmpty)
    }

    @Test func aDictionaryTheSourceNamesThatIsNotOneStopsTheIngest() throws {
        folder.write("exports/DD.csv", Self.longHeader)
        folder.write("exports/data.csv", Self.classic)
        let config = try pipeline("[[sources]]\npattern = \"*.csv\"\ndictionary = \"DD.csv\"\n")
        do {
            _ = try ingest(config, try store())
            Issue.record("no error")
        } catch let error as DictionaryUnusable {
            #expect(error.description == "the data dictionary \(exports)/DD.csv, which [[sources]] #1 names (p.toml line 5), cannot be used: "
                + "its header is not a REDCap data dictionary's (Variable / Field Name, Form Name, Section Header, Field Type, …); "
                + "download the project's data dictionary from REDCap again, or correct dictionary = \"…\"")
        }
    }

    // MARK: other files of the export folder

    @Test func otherFilesAreListedOnceWithWhatTheyLookLike() throws {
        folder.write("exports/a.csv", Self.longHeader + "P1,GAD-7,2026-03-04,5\n")
        folder.write("exports/scores.ndjson", "{\"patient_id\":\"P1\"}\n{\"patient_id\":\"P2\"}\n")
        folder.write("exports/book.xlsx", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] + Array("[Content_Types].xml".utf8))
        folder.write("exports/readme.txt", "Exported nightly\n")
        folder.write("exports/legacy.csv", "patient_id,note\nP1,x\n")
        folder.write("exports/DD_old.csv", Self.dictionary)
        folder.write("exports/.DS_Store", "\0\0\0\u{1}Bud1")
        folder.write("exports/empty.json", "")
        let config = try pipeline("[[sources]]\npattern = \"a.csv\"\n")
        let store = try store()
        let first = try ingest(config, store)
        #expect(first.ingestedFiles == 1 && first.unrecognisedFiles == 6)
        let prefix = "unrecognised_file: not read: no [[sources]] pattern matches it; it looks like "
        #expect(try issues(store) == [
            "DD_old.csv:1 " + prefix + "a REDCap data dictionary; add a [[sources]] pattern that matches it, or name it in a source with dictionary = \"…\"",
            "book.xlsx:1 " + prefix + "an Excel workbook (.xlsx): export the sheet as CSV",
            "empty.json:1 " + prefix + "an empty file",
            "legacy.csv:1 " + prefix + "a CSV file",
            "readme.txt:1 " + prefix + "a text file with no comma, semicolon or tab in its first line",
            "scores.ndjson:1 " + prefix + "NDJSON (one JSON object per line; FHIR resources are read from files a [[sources]] pattern matches)",
        ])
        // Once: the next ingest neither reads them nor lists them again, and the plan does not run for them.
        let second = try ingest(config, store, now: 2)
        #expect(second.unrecognisedFiles == 0 && second.unchangedFiles == 1)
        #expect(try issues(store).count == 6)
        let ingestStage = IngestStage(config: config, exportsFolder: exports)
        #expect(try ingestStage.checkExports(store: store).others.isEmpty)
        // A new one makes the ingest stale, and is listed.
        folder.write("exports/new.pdf", "%PDF-1.4\n")
        #expect(try ingestStage.checkExports(store: store).others == ["new.pdf"])
        let third = try ingest(config, store, now: 3)
        #expect(third.files.map(\.path) == ["a.csv", "new.pdf"])
        #expect(try issues(store).contains("new.pdf:1 " + prefix + "a PDF document, which holds no export this version can read"))
        #expect(try issues(store).count == 7)
    }

    @Test func aMatchedFileThatIsNotCSVIsNamedForWhatItIs() throws {
        folder.write("exports/scores.csv", "{\"patient_id\":\"P1\",\"total\":5}\n{\"patient_id\":\"P2\",\"total\":7}\n")
        folder.write("exports/book.csv", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] + Array("[Content_Types].xml".utf8) + [0, 0] + Array("xl/workbook.xml".utf8))
        folder.write("exports/one.csv", "{\"patient_id\":\"P1\"}\n")
        let store = try store()
        _ = try ingest(try pipeline(""), store)
        #expect(try issues(store) == [
            "book.csv:1 unrecognised_file: not a CSV export: it looks like an Excel workbook (.xlsx): export the sheet as CSV",
            // JSON is read as FHIR whatever the file's name; without a resourceType it is not FHIR.
            "one.csv:1 unrecognised_file: JSON, but not FHIR: its first object has no resourceType (this version reads JSON only as FHIR R4 resources: NDJSON, Bundles or one resource)",
            "scores.csv:1 unrecognised_file: JSON, but not FHIR: its first object has no resourceType (this version reads JSON only as FHIR R4 resources: NDJSON, Bundles or one resource)",
        ])
    }

    @Test func theDatabaseInsideTheExportFolderIsNotAnOtherFile() throws {
        folder.write("exports/a.csv", Self.longHeader + "P1,GAD-7,2026-03-04,5\n")
        let store = try OutcomesStore(path: exports + "/o.sqlite")
        let config = try pipeline("[[sources]]\npattern = \"*.csv\"\n")
        #expect(try ingest(config, store).unrecognisedFiles == 0)
        #expect(try IngestStage(config: config, exportsFolder: exports).checkExports(store: store).others.isEmpty)
    }

    // MARK: a recognised file that stores no record

    @Test(arguments: [
        ("header.csv", longHeader, "no record of this file was stored: it has a header and no data rows"),
        ("rejected.csv", longHeader + "P1,GAD-7,2026-03-04,25\nP1,GAD-7,nope,5\nP1,GAD-7,\"2026-03-05,5\n",
         "no record of this file was stored: 3 rejected"),
        ("skipped.csv", redcapHeader + "1,baseline_arm_1,2026-03-04,1,2,1,0,1,2,1,0\n1,e2,2026-03-05,1,2,1,0,1,2,1,\n2,e,2026-03-05,1,2,1,0,1,2,1,9\n",
         "no record of this file was stored: 1 rejected, 2 skipped"),
        ("empty_rows.csv", redcapHeader + "1,baseline_arm_1,,,,,,,,,\n",
         "no record of this file was stored: its one data row carries no administration (every instrument's columns are empty)"),
        ("mixed.csv", redcapHeader + "1,baseline_arm_1,,,,,,,,,\n1,e2,2026-03-05,1,2,1,0,1,2,1,0\n2,e,,,,,,,,,\n",
         "no record of this file was stored: 1 skipped, 2 rows with no administration"),
    ])
    func aFileThatStoresNoRecordIsWarnedAboutAndListed(name: String, text: String, reason: String) throws {
        folder.write("exports/" + name, text)
        let store = try store()
        let summary = try ingest(try pipeline(""), store)
        // First the file's own warning; an instrument nothing was read from has its own after it
        // (UnreadInstrumentTests).
        #expect(summary.warnings.first == "\(name): \(reason)")
        let listed = try issues(store)
        #expect(listed.contains("\(name):1 no_records: \(reason)"), "\(listed)")
        #expect(summary.ingestedFiles == 1)
        // Listed once: the file is known on the next run.
        #expect(try ingest(try pipeline(""), store, now: 2).warnings.isEmpty)
    }

    @Test func aFileWhoseRecordsAreAllDuplicatesIsNotThatCase() throws {
        folder.write("exports/a.csv", Self.longHeader + "P1,GAD-7,2026-03-04,5\n")
        folder.write("exports/b.csv", Self.longHeader + "P1,GAD-7,2026-03-04 00:00,5\n")   // other bytes, same record
        let store = try store()
        let summary = try ingest(try pipeline(""), store)
        #expect(summary.warnings.isEmpty && summary.totals.duplicates == 1)
        #expect(try issues(store) == ["b.csv:2 duplicate: same GAD-7 administration as a.csv line 2"])
    }

    // MARK: the schema

    /// A database of schema 7 (before `dictionary` files) is rebuilt with its rows, ids and
    /// references intact, and then takes dictionaries.
    @Test func aVersion7DatabaseIsUpgraded() throws {
        let path = folder.path + "/old.sqlite"
        do {
            let database = try SQLiteDatabase(path: path)
            for migration in StoreSchema.migrations.prefix(7) { try database.execute(migration) }
            try database.execute("""
                PRAGMA user_version = 7;
                INSERT INTO source_file(id, path, size_bytes, sha256, kind, form, ingested_at, records, accepted, modified_ns)
                VALUES (5, 'a.csv', 10, 'abc', 'scores', 'long', 1, 1, 1, 42);
                INSERT INTO score(patient_id, instrument, administered_at, total, items, answered_items, prorated, source_file_id, source_line)
                VALUES ('P1', 'GAD7', 100, 5, '', 0, 0, 5, 2);
                INSERT INTO row_issue(source_file_id, line, kind, reason) VALUES (5, 3, 'rejected', 'x');
                """)
        }
        let store = try OutcomesStore(path: path)
        #expect(try store.database.scalar("PRAGMA user_version") == Int64(StoreSchema.migrations.count))
        #expect(try store.database.scalar("SELECT stored FROM source_file_status WHERE id = 5") == 1)
        #expect(try store.knownFileKind(path: "a.csv", sizeBytes: 10, modifiedNs: 42) == "scores")
        #expect(try store.database.scalar("SELECT count(*) FROM pragma_foreign_key_check") == 0)
        #expect(try store.database.scalar("PRAGMA foreign_keys") == 1)
        _ = try store.ingest(SourceFileInfo(path: "DD.csv", sizeBytes: 1, sha256: "d", kind: "dictionary", form: "redcap-dictionary",
                                            runID: nil, ingestedAt: 2)) { _ in FileCounts() }
        #expect(try store.database.scalar("SELECT count(*) FROM source_file WHERE kind = 'dictionary'") == 1)
        #expect(throws: (any Error).self) {
            try store.database.execute("INSERT INTO score(patient_id, instrument, administered_at, total, items, answered_items, prorated, source_file_id, source_line) VALUES ('P2', 'GAD7', 1, 1, '', 0, 0, 999, 1)")
        }
    }
}
