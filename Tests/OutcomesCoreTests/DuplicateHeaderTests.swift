import Testing
@testable import OutcomesCore

/// Two columns giving the same value make the file unrecognised, naming both; a duplicate
/// of a column no form reads is fine.
@Suite struct DuplicateHeaderTests {
    func recognised(_ header: [String], _ options: SourceOptions = SourceOptions()) -> String {
        switch ExportLayout.recognise(header: header, options: options) {
        case .success(let layout): layout.formName
        case .failure(let error): error.description
        }
    }

    static let gad7 = (1...7).map { "gad7_\($0)" }

    @Test(arguments: [
        (["patient_id", "instrument", "total", "total", "administered_at"], SourceOptions(),
         "columns 3 (total) and 4 (total) both give the total; keep one"),
        (["patient_id", "mrn", "instrument", "administered_at", "total"], SourceOptions(),
         "columns 1 (patient_id) and 2 (mrn) both give the patient id; keep one, or pick one with the source's columns key, e.g. columns = { patient_id = \"mrn\" }"),
        (["Patient_ID", " patient_id ", "instrument", "administered_at", "total"], SourceOptions(),
         "columns 1 (Patient_ID) and 2 (patient_id) both give the patient id; keep one"),
        (["patient_id", "instrument", "date", "completed_at", "score"], SourceOptions(),
         "columns 3 (date) and 4 (completed_at) both give the administration time; keep one, or pick one with the source's columns key, e.g. columns = { administered_at = \"completed_at\" }"),
        (["patient_id", "instrument", "administered_at", "item_1", "item_2", "item_1"], SourceOptions(),
         "columns 4 (item_1) and 6 (item_1) both give item_1; keep one"),
        (["patient_id", "start", "route", "session_date"], SourceOptions(),
         "columns 2 (start) and 4 (session_date) both give the session start; keep one, or pick one with the source's columns key, e.g. columns = { session_start = \"session_date\" }"),
        (["patient_id", "session_start", "route", "clinic", "site"], SourceOptions(),
         "columns 4 (clinic) and 5 (site) both give the clinic id; keep one, or pick one with the source's columns key, e.g. columns = { clinic_id = \"site\" }"),
        (["patient_id", "date"] + gad7 + ["gad7_3"], SourceOptions(),
         "columns 5 (gad7_3) and 10 (gad7_3) both give gad7_3; keep one"),
        (["patient_id", "date"] + gad7 + ["gad7_total", "GAD7_TOTAL"], SourceOptions(),
         "columns 10 (gad7_total) and 11 (GAD7_TOTAL) both give gad7_total; keep one"),
        (["record_id", "redcap_event_name", "gad7_date"] + gad7 + ["gad7_complete", "gad7_date"], SourceOptions(),
         "columns 3 (gad7_date) and 12 (gad7_date) both give gad7_date; keep one"),
        (["study_id", "study_id", "instrument", "administered_at", "total"], SourceOptions(columns: ["patient_id": "study_id"]),
         "columns 1 (study_id) and 2 (study_id) both give the patient id; keep one"),
    ])
    func duplicatesAreLayoutErrors(header: [String], options: SourceOptions, message: String) {
        #expect(recognised(header, options) == message)
    }

    @Test(arguments: [
        // The same name twice, but not a column the form reads.
        (["patient_id", "instrument", "administered_at", "total", "note", "note"], SourceOptions(), "long"),
        (["patient_id", "session_start", "route", "", ""], SourceOptions(), "sessions"),
        // A sessions file reads no total or instrument, so two of them do not matter.
        (["patient_id", "session_start", "route", "total", "score"], SourceOptions(), "sessions"),
        // The source's mapping picks one of two aliases: the other is not read.
        (["patient_id", "mrn", "instrument", "administered_at", "total"], SourceOptions(columns: ["patient_id": "mrn"]), "long"),
        // REDCap reads record_id; an mrn field of the project is not the patient id.
        (["record_id", "mrn", "redcap_event_name"] + gad7, SourceOptions(), "redcap"),
    ])
    func otherDuplicatesAreFine(header: [String], options: SourceOptions, form: String) {
        #expect(recognised(header, options) == form)
    }
}
