/// The matching key of a name in an export: lower-cased, with white space, hyphens and
/// underscores removed, so that `IV infusion`, `iv-infusion` and `IVINFUSION` compare equal
/// (analysis.md §2: the same rule holds for routes and instrument names).
public func nameKey<S: StringProtocol>(_ name: S) -> String {
    var key = ""
    key.reserveCapacity(name.utf8.count)
    for scalar in name.unicodeScalars {
        switch scalar {
        case " ", "\t", "-", "_", "\u{00A0}", "\r", "\n": continue
        default: key.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
        }
    }
    return key
}
