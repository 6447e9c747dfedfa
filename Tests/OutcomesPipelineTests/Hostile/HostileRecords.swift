/// The records of a CSV file as the harness sees them, independently of the program: libcsv's
/// rules (a quote opens a field only at its start, after spaces; `""` inside is a quote; a
/// quote followed by other text keeps the field open), with CR, LF and CRLF each ending a
/// physical line (issue 9: line numbers right for all three and mixtures). A UTF-8
/// byte-order mark at the start is dropped; a record whose fields are all blank is not a row.
enum HostileRecords {
    struct Record: Equatable { var line: Int; var fields: [[UInt8]] }

    static func records(_ bytes: [UInt8]) -> [Record] {
        var records: [Record] = []
        var fields: [[UInt8]] = [], field: [UInt8] = []
        enum State { case rowNotBegun, fieldNotBegun, unquoted, quoted, quoteMightEnd }
        var state = State.rowNotBegun
        var line = 1, start = 1
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func endRow() {
            fields.append(field)
            records.append(Record(line: start, fields: fields))
            fields = []; field = []
            state = .rowNotBegun
        }
        while i < bytes.count {
            let c = bytes[i]
            let isBreak = c == 0x0A || c == 0x0D
            let isSpace = c == 0x20 || c == 0x09
            switch state {
            case .rowNotBegun, .fieldNotBegun:
                if state == .rowNotBegun, !isSpace, !isBreak { start = line }
                if isSpace { break }
                if isBreak { if state == .fieldNotBegun { endRow() }; break }
                if c == UInt8(ascii: ",") { fields.append(field); field = []; state = .fieldNotBegun }
                else if c == UInt8(ascii: "\"") { state = .quoted }
                else { field.append(c); state = .unquoted }
            case .unquoted:
                if c == UInt8(ascii: ",") { fields.append(field); field = []; state = .fieldNotBegun }
                else if isBreak { endRow() }
                else { field.append(c) }
            case .quoted:
                if c == UInt8(ascii: "\"") { state = .quoteMightEnd } else { field.append(c) }
            case .quoteMightEnd:
                if c == UInt8(ascii: ",") { fields.append(field); field = []; state = .fieldNotBegun }
                else if isBreak { endRow() }
                else if isSpace { field.append(c) }
                else { field.append(c); state = .quoted }   // `""`, or a quote in the middle: the field goes on
            }
            // A physical line ends at LF, at CR not followed by LF, and at CRLF (once).
            if c == 0x0A || (c == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        if state != .rowNotBegun { fields.append(field); records.append(Record(line: start, fields: fields)) }
        return records
    }

    /// The lines on which data records start: every record but the first (the header), and
    /// not those whose fields are all blank.
    static func dataLines(_ bytes: [UInt8]) -> [Int] {
        records(bytes).dropFirst().filter { record in
            record.fields.contains { field in field.contains { $0 != 0x20 && $0 != 0x09 } }
        }.map(\.line)
    }

    /// The cells of a UTF-8 CSV file the program wrote (data_quality.csv).
    static func table(_ bytes: [UInt8]) -> [[String]] {
        records(bytes).map { $0.fields.map { String(decoding: $0, as: UTF8.self) } }
    }
}
