import OutcomesCore

/// Where generated NDJSON goes: a file name and one line (one resource, without the newline).
public protocol SampleLineSink {
    mutating func write(_ file: String, line: String)
}

/// The sample clinic as FHIR R4 Bulk Data NDJSON (`outcomes sample --fhir`): the same
/// patients, sessions and scores as the other forms of the same seed, with the content of the
/// plain form (`--plain`): each session once, each administration once, no planted bad rows,
/// no overlapping export, every item answered (SampleData/README.md, "The FHIR form").
/// - `Observation.ndjson`: totals (PHQ-9 44261-6, GAD-7 70274-6, HAM-A `HAMA-TOTAL`);
/// - `QuestionnaireResponse.ndjson`: the PHQ-9 and GAD-7 administrations the default form
///   writes with their items (clinic C01's REDCap forms, every fourth long row), by LOINC
///   linkId with LA answer codes and the total item;
/// - `MedicationAdministration.ndjson`: every session, ketamine or (intranasal) esketamine,
///   route as SNOMED CT, dose in mg, `effectivePeriod` from start to start + duration.
public enum SampleFHIR {
    public static let observationFile = "Observation.ndjson"
    public static let questionnaireResponseFile = "QuestionnaireResponse.ndjson"
    public static let medicationAdministrationFile = "MedicationAdministration.ndjson"

    public static let snomed = "http://snomed.info/sct"
    public static let loinc = "http://loinc.org"
    /// The code system of the local HAM-A total code (HAM-A has no LOINC code).
    public static let localSystem = "urn:outcomes:local-codes"

    /// SNOMED CT route of administration: code and display.
    public static let routeCodes: [Route: (code: String, display: String)] = [
        .iv: ("47625008", "Intravenous route"), .im: ("78421000", "Intramuscular route"),
        .intranasal: ("46713006", "Nasal route"), .sublingual: ("37839007", "Sublingual route"),
        .oral: ("26643006", "Oral route"), .subcutaneous: ("34206005", "Subcutaneous route"),
    ]

    static let answerCodes: [(code: String, display: String)] = [
        ("LA6568-5", "Not at all"), ("LA6569-3", "Several days"), ("LA6570-1", "More than half the days"), ("LA6571-9", "Nearly every day"),
    ]

    public static func generate(_ options: SampleOptions, into sink: inout some SampleLineSink) {
        let zone = LocalTimeZone(identifier: options.timezone)!
        var sessionCounter = 0
        for index in 0..<options.patients {
            let patient = SamplePatient(index: index, seed: options.seed, zone: zone, firstDay: options.firstDay, lastDay: options.lastDay)
            var starts = Set<Int64>(), administrations = Set<String>()
            for session in patient.sessions {
                sessionCounter += 1   // the same session ids as the default form's sessions.csv
                guard starts.insert(session.start).inserted else { continue }
                sink.write(medicationAdministrationFile, line: medicationAdministration(patient, session, id: "S" + CivilTime.pad(sessionCounter, 7), zone))
            }
            for (n, score) in patient.scores.enumerated() where administrations.insert("\(score.instrument.rawValue) \(score.at)").inserted {
                let id = "\(patient.id)-\(score.instrument.rawValue.lowercased())-\(n + 1)"
                let withItems = score.instrument != .hama && (patient.clinic == 1 || n % 4 == 0)
                if withItems {
                    sink.write(questionnaireResponseFile, line: questionnaireResponse(patient, score, id: id, zone))
                } else {
                    sink.write(observationFile, line: observation(patient, score, id: id, zone))
                }
            }
        }
    }

    static func observation(_ patient: SamplePatient, _ score: SamplePatient.Score, id: String, _ zone: LocalTimeZone) -> String {
        let coding: String = switch score.instrument {
        case .phq9: #"{"system":"\#(loinc)","code":"\#(LOINC.phq9.total)","display":"Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"}"#
        case .gad7: #"{"system":"\#(loinc)","code":"\#(LOINC.gad7.total)","display":"Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"}"#
        case .hama: #"{"system":"\#(localSystem)","code":"HAMA-TOTAL","display":"Hamilton Anxiety Rating Scale (HAM-A) total score"}"#
        }
        return #"{"resourceType":"Observation","id":"\#(id)","status":"final","#
            + #""category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"survey","display":"Survey"}]}],"#
            + #""code":{"coding":[\#(coding)],"text":"\#(score.instrument.displayName) total"},"#
            + #""subject":{"reference":"Patient/\#(patient.id)"},"effectiveDateTime":"\#(stamp(score.at, zone))","valueInteger":\#(score.total)}"#
    }

    static func questionnaireResponse(_ patient: SamplePatient, _ score: SamplePatient.Score, id: String, _ zone: LocalTimeZone) -> String {
        let entry = score.instrument == .phq9 ? LOINC.phq9 : LOINC.gad7
        var items = zip(entry.items, score.items).map { code, value -> String in
            guard let value else { return #"{"linkId":"\#(code)"}"# }
            let answer = answerCodes[value]
            return #"{"linkId":"\#(code)","answer":[{"valueCoding":{"system":"\#(loinc)","code":"\#(answer.code)","display":"\#(answer.display)"}}]}"#
        }
        items.append(#"{"linkId":"\#(entry.total)","answer":[{"valueInteger":\#(score.total)}]}"#)
        return #"{"resourceType":"QuestionnaireResponse","id":"\#(id)","questionnaire":"http://loinc.org/q/\#(entry.panel!)","#
            + #""status":"completed","subject":{"reference":"Patient/\#(patient.id)"},"authored":"\#(stamp(score.at, zone))","#
            + #""item":[\#(items.joined(separator: ","))]}"#
    }

    static func medicationAdministration(_ patient: SamplePatient, _ session: SamplePatient.Session, id: String, _ zone: LocalTimeZone) -> String {
        let drug = session.route == .intranasal ? "esketamine" : "ketamine"
        let route = routeCodes[session.route]!
        let dose = session.doseMg == session.doseMg.rounded() ? String(Int(session.doseMg)) : String(session.doseMg)
        let end = session.start + Int64(session.durationMin) * 60
        return #"{"resourceType":"MedicationAdministration","id":"\#(id)","status":"completed","#
            + #""medicationCodeableConcept":{"text":"\#(drug)"},"subject":{"reference":"Patient/\#(patient.id)"},"#
            + #""effectivePeriod":{"start":"\#(stamp(session.start, zone))","end":"\#(stamp(end, zone))"},"#
            + #""dosage":{"route":{"coding":[{"system":"\#(snomed)","code":"\#(route.code)","display":"\#(route.display)"}]},"#
            + #""dose":{"value":\#(dose),"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}}"#
    }

    /// `2026-03-04T09:30:05-05:00`: local time with seconds and its UTC offset.
    static func stamp(_ instant: Int64, _ zone: LocalTimeZone) -> String {
        let offset = zone.offset(at: instant)
        let wall = instant + offset
        let days = wall >= 0 ? wall / 86_400 : (wall - 86_399) / 86_400
        let (y, m, d) = CivilTime.civilFromDays(days)
        let seconds = Int(wall - days * 86_400)
        let magnitude = Int(abs(offset))
        return "\(CivilTime.pad(y, 4))-\(CivilTime.pad(m, 2))-\(CivilTime.pad(d, 2))T"
            + "\(CivilTime.pad(seconds / 3600, 2)):\(CivilTime.pad(seconds % 3600 / 60, 2)):\(CivilTime.pad(seconds % 60, 2))"
            + "\(offset < 0 ? "-" : "+")\(CivilTime.pad(magnitude / 3600, 2)):\(CivilTime.pad(magnitude % 3600 / 60, 2))"
    }
}
