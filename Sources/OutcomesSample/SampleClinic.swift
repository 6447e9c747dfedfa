import OutcomesCore

/// Where generated rows go: a file name, its header, and one row.
public protocol SampleSink {
    mutating func write(_ file: String, header: [String], _ row: [String])
}

/// What `outcomes sample` makes.
public struct SampleOptions: Sendable {
    public var patients = 200
    public var seed: UInt64 = 1
    /// Plant realistic bad rows (unknown instrument, totals out of range, impossible dates, …).
    public var badRows = false
    /// Write a second, overlapping export with a few corrections (as a nightly "last days" export).
    public var overlap = false
    public var timezone = "America/New_York"
    /// One plain long score file and one plain session file, codes and ISO local times only:
    /// the form the benchmark's DuckDB and pandas jobs read (no bad rows, no overlap).
    public var plain = false
    /// First sessions fall between these days (days since 1970).
    public var firstDay = CivilTime.daysFromCivil(year: 2025, month: 1, day: 6)
    public var lastDay = CivilTime.daysFromCivil(year: 2026, month: 9, day: 30)

    public init() {}
}

/// A synthetic ketamine clinic group: three clinics, each exporting in its own way.
/// - clinic C01 keeps PHQ-9 and GAD-7 in REDCap (`redcap_export.csv`);
/// - clinics C02 and C03 export long score files (`scores_long.csv`), in ISO and US dates;
/// - HAM-A, clinician-rated, comes as an item-level file (`hama_items.csv`);
/// - every session is in `sessions.csv`, with each clinic's own route spellings.
public enum SampleClinic {
    public static func generate(_ options: SampleOptions, into sink: inout some SampleSink) {
        let zone = LocalTimeZone(identifier: options.timezone)!
        var forms = SampleForms(zone: zone, sink: sink)
        for index in 0..<options.patients {
            let patient = SamplePatient(index: index, seed: options.seed, zone: zone, firstDay: options.firstDay, lastDay: options.lastDay)
            if options.plain {
                forms.writePlain(patient)
                continue
            }
            let overlapping = options.overlap && index >= options.patients * 85 / 100
            forms.write(patient, overlapping: overlapping)
            if options.badRows, index % 15 == 13 { forms.writeBadRow(variant: index / 15, patient: patient) }
        }
        sink = forms.sink
    }
}
