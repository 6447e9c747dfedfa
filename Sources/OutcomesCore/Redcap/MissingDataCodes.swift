/// Values a clinic saves in a field to say why it holds no answer (REDCap "Missing Data
/// Codes"). Read as a missing item, never as 0; the code is kept in the data-quality reason.
public enum MissingDataCodes {
    /// REDCap's standard codes, and the numeric sentinels clinics commonly use instead.
    public static let standard: [String] = [
        "NI", "INV", "UNK", "NASK", "ASKU", "NAV", "MSK", "NA", "NAVU", "NP", "QS", "QI", "TRC",
        "UNC", "DER", "PINF", "NINF", "OTH", "-999", "-99", "-9999",
    ]

    /// The code a value is, compared case-insensitively after trimming, or nil.
    public static func code(_ value: String, in codes: [String]) -> String? {
        let wanted = value.trimmingWhitespace.uppercased()
        return codes.first { $0.uppercased() == wanted }
    }
}
