import Foundation
import OutcomesCore

/// A disclosure check that found a value in a report file: names the file and the kind of
/// value, never the value (exit 1; the report folder is not replaced).
public struct DisclosureFound: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var kind: DisclosureCheck.Kind

    public var description: String {
        "\(file) holds \(kind.rawValue); the folder was not written (a report with min_cell > 0 must carry no "
            + "patient id, session id, date of care or raw export value; docs/report.md, \"The disclosure check\")"
    }
}

/// The disclosure check over a folder: every regular file in it, in name order, read once.
public struct FolderDisclosureCheck {
    public let check: DisclosureCheck

    public init(_ check: DisclosureCheck) { self.check = check }

    public func check(folder: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        for name in names {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            if let kind = check.firstHit(in: [UInt8](data)) { throw DisclosureFound(file: name, kind: kind) }
        }
    }
}
