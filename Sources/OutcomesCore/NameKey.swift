/// The matching key of a name in an export: lower-cased, with white space, hyphens and
/// underscores removed, so that `IV infusion`, `iv-infusion` and `IVINFUSION` compare equal
/// (analysis.md §2: the same rule holds for routes and instrument names).
public func nameKey<S: StringProtocol>(_ name: S) -> String {
    // ASCII names (nearly all) are folded byte by byte, without a String per character.
    if name.utf8.allSatisfy({ $0 < 0x80 }) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case 0x20, 0x09, 0x2D, 0x5F, 0x0D, 0x0A: continue          // space, tab, -, _, CR, LF
            case 0x41...0x5A: bytes.append(byte + 0x20)                 // A–Z
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
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
