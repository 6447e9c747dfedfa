import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesIO
import OutcomesSample

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write realistic synthetic clinic exports (no real patient data).",
        discussion: """
            Three clinics: REDCap PHQ-9/GAD-7 (redcap_export.csv), long score files (scores_long.csv), \
            item-level HAM-A (hama_items.csv) and sessions (sessions.csv). The same seed gives the same files. \
            --plain writes the same clinic as scores.csv and sessions.csv; --fhir as FHIR R4 NDJSON \
            (Observation.ndjson, QuestionnaireResponse.ndjson, MedicationAdministration.ndjson), with the plain form's content.
            """)

    @Option(help: "Folder to write the exports into (created if missing).")
    var out: String

    @Option(help: "Number of patients.")
    var patients: Int = 200

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Flag(help: "Plant realistic bad rows and an unrecognised file.")
    var badRows = false

    @Flag(help: "Also write an overlapping second export (sessions_overlap.csv, scores_long_overlap.csv) with a few corrections.")
    var overlap = false

    @Option(help: "IANA time zone of the clinics' local times.")
    var timezone = "America/New_York"

    @Flag(help: "Write only scores.csv and sessions.csv in the plainest long form (for benchmarks against other tools).")
    var plain = false

    @Flag(help: "Write the clinic as FHIR R4 NDJSON (Observation, QuestionnaireResponse, MedicationAdministration), with the plain form's content.")
    var fhir = false

    func validate() throws {
        guard patients > 0 else { throw ValidationError("--patients must be 1 or more") }
        if plain, badRows || overlap { throw ValidationError("--plain writes clean files only; leave out --bad-rows and --overlap") }
        if fhir, badRows || overlap { throw ValidationError("--fhir writes clean files only; leave out --bad-rows and --overlap") }
        if fhir, plain { throw ValidationError("--fhir and --plain are two forms of the same clinic; choose one") }
        guard LocalTimeZone(identifier: timezone) != nil else { throw ValidationError("--timezone '\(timezone)' is not an IANA time zone") }
    }

    func run() throws {
        var options = SampleOptions()
        options.patients = patients
        options.seed = seed
        options.badRows = badRows
        options.overlap = overlap
        options.timezone = timezone
        options.plain = plain
        var sink = FolderSink(base: try SampleFolderSink(folder: out))
        if fhir {
            SampleFHIR.generate(options, into: &sink)
        } else {
            SampleClinic.generate(options, into: &sink)
        }
        if badRows {
            try "patient_id,note\nP00001,called to reschedule\n".write(toFile: out + "/clinic_notes.csv", atomically: true, encoding: .utf8)
            try "patient_id,instrument,administered_at,total\nP00002,PHQ-9,2026-01-05 10:00,12\nP00002,GAD-7,\"2026-01-05 10:00,9\n"
                .write(toFile: out + "/scores_fragment.csv", atomically: true, encoding: .utf8)
        }
        try sink.base.close()
        for (file, rows) in sink.base.rowCounts.sorted(by: { $0.key < $1.key }) {
            print("\(out)/\(file): \(rows) rows")
        }
    }
}

/// Adapts the folder writer to the generators' sinks.
struct FolderSink: SampleSink, SampleLineSink {
    let base: SampleFolderSink
    mutating func write(_ file: String, header: [String], _ row: [String]) { base.write(file, header: header, row) }
    mutating func write(_ file: String, line: String) { base.write(file, line: line) }
}
