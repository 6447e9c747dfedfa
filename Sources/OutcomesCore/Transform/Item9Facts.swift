/// PHQ-9 item 9 (thoughts of death or self-harm) of one course, as §14 counts it: only the
/// baseline score's own item and the endpoint score's own, never an earlier score's.
public struct Item9Facts: Equatable, Sendable {
    /// The baseline score's item 9; nil when unknown (no baseline, total only, or item 9 missing).
    public var baseline: Int?
    /// Some follow-up observation has item 9 known.
    public var followUpKnown: Bool
    /// Some follow-up observation has item 9 ≥ 1.
    public var followUpPositive: Bool
    /// The endpoint observation's item 9 (analysis.md §7); nil when there is none or it is unknown.
    public var endpoint: Int?

    public init(baseline: Int?, followUpKnown: Bool, followUpPositive: Bool, endpoint: Int?) {
        self.baseline = baseline
        self.followUpKnown = followUpKnown
        self.followUpPositive = followUpPositive
        self.endpoint = endpoint
    }

    public init(_ aligned: AlignedCourse, endpoint: EndpointOutcome) {
        self.init(baseline: aligned.baseline?.item9,
                  followUpKnown: aligned.followUps.contains { $0.item9 != nil },
                  followUpPositive: aligned.followUps.contains { ($0.item9 ?? 0) >= 1 },
                  endpoint: endpoint.observation?.item9)
    }

    /// Item 9 of a PHQ-9 `items` text (values separated by commas, empty for a missing item):
    /// nil when the score has no items or item 9 is missing.
    public static func item9(ofItems bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var field = 1, value = 0, digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: ",") {
                if field == 9 { break }
                field += 1
                continue
            }
            if field == 9 {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte) - 48
                digits += 1
            }
        }
        return field == 9 && digits > 0 ? value : nil
    }
}
