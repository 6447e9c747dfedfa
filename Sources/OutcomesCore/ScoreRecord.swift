/// One administration of an instrument to a patient, validated and scored.
public struct ScoreRecord: Equatable, Sendable {
    public var patientID: String
    public var instrument: Instrument
    /// Seconds since the epoch (UTC).
    public var administeredAt: Int64
    public var total: Int
    /// The item answers as exported (nil = missing); empty when only a total was exported.
    public var items: [Int?]
    public var prorated: Bool
    public var clinicID: String?
    /// Missing-data codes read as missing items or total, as `column CODE` (`phq9_4 UNK`):
    /// kept for the data-quality reason.
    public var missingCodes: [String]

    public init(patientID: String, instrument: Instrument, administeredAt: Int64, total: Int,
                items: [Int?] = [], prorated: Bool = false, clinicID: String? = nil, missingCodes: [String] = []) {
        self.missingCodes = missingCodes
        self.patientID = patientID
        self.instrument = instrument
        self.administeredAt = administeredAt
        self.total = total
        self.items = items
        self.prorated = prorated
        self.clinicID = clinicID
    }

    /// The identity of interface.md, "Duplicates and corrections": (patient, instrument, instant).
    public var identity: String { "\(patientID)\u{1F}\(instrument.rawValue)\u{1F}\(administeredAt)" }

    /// Items as stored: `2,1,,3` (an empty place is a missing item); empty when none.
    public var itemsText: String { items.map { $0.map(String.init) ?? "" }.joined(separator: ",") }
}
