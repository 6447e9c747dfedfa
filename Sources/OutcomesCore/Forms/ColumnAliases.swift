/// The contract's column names and the aliases accepted for them (interface.md). Matching is
/// case-insensitive after trimming.
public enum ColumnAliases {
    public static let table: [String: [String]] = [
        "patient_id": ["patient_id", "mrn", "patient", "subject_id", "record_id", "patientid"],
        "instrument": ["instrument", "measure", "scale"],
        "administered_at": ["administered_at", "date", "completed_at", "assessment_date"],
        "total": ["total", "score", "total_score"],
        "clinic_id": ["clinic_id", "clinic", "site", "site_id"],
        "session_start": ["session_start", "start", "session_date", "started_at"],
        "route": ["route"],
        "dose_mg": ["dose_mg", "dose"],
        "weight_kg": ["weight_kg", "weight"],
        "duration_min": ["duration_min", "duration"],
        "session_id": ["session_id"],
        "redcap_event_name": ["redcap_event_name"],
        // Coded observation tables (Synthea's observations.csv, EHR extracts).
        "observed_at": ["observed_at", "date", "observation_date", "obs_date", "effective_at", "effective_date",
                        "effective_datetime", "observation_datetime", "result_date", "administered_at"],
        "code": ["code", "loinc", "loinc_code", "loinc_num", "observation_code", "obs_code"],
        "value": ["value", "result", "value_num", "value_numeric", "result_value", "obs_value", "observation_value"],
        "description": ["description", "name", "display", "code_description", "observation_name", "loinc_name"],
        "code_system": ["code_system", "system", "coding_system"],
    ]

    public static func aliases(of name: String) -> [String] { table[name] ?? [name] }
}

/// Finds the columns of a header by contract name, alias or the source's own mapping.
public struct HeaderIndex: Sendable {
    /// The header as written (trimmed), for messages.
    public let names: [String]
    private let positions: [String: Int]
    private let mapping: [String: String]

    public init(header: [String], mapping: [String: String] = [:]) {
        names = header.map(\.trimmingWhitespace)
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions[name.lowercased()] == nil {
            positions[name.lowercased()] = index
        }
        self.positions = positions
        self.mapping = mapping
    }

    /// The column of a header name, exactly (case-insensitive).
    public func position(ofHeader name: String) -> Int? { positions[name.lowercased()] }

    /// The column of a contract name: the mapped header name when the source maps it,
    /// otherwise the name itself or one of its aliases.
    public func position(of contractName: String) -> Int? {
        if let mapped = mapping[contractName] { return position(ofHeader: mapped) }
        for alias in ColumnAliases.aliases(of: contractName) {
            if let found = positions[alias] { return found }
        }
        return nil
    }

    /// How to tell a clinic which column was expected.
    public func expectation(of contractName: String) -> String {
        if let mapped = mapping[contractName] { return "'\(mapped)' (mapped from \(contractName))" }
        let aliases = ColumnAliases.aliases(of: contractName).filter { $0 != contractName }
        return aliases.isEmpty ? "'\(contractName)'" : "'\(contractName)' (or \(aliases.joined(separator: ", ")))"
    }

    public func name(_ position: Int) -> String { names[position] }

    /// Every column with this header name (case-insensitive), in order: more than one is a
    /// duplicate header.
    public func positions(ofHeader name: String) -> [Int] {
        let wanted = name.lowercased()
        return names.indices.filter { names[$0].lowercased() == wanted }
    }

    /// Every column that gives a contract name: the mapped header name when the source maps
    /// it, otherwise the name and its aliases.
    public func positions(of contractName: String) -> [Int] {
        if let mapped = mapping[contractName] { return positions(ofHeader: mapped) }
        let aliases = Set(ColumnAliases.aliases(of: contractName))
        return names.indices.filter { aliases.contains(names[$0].lowercased()) }
    }

    /// True when the source's `columns` table names the column of this contract name.
    public func isMapped(_ contractName: String) -> Bool { mapping[contractName] != nil }
}

extension HeaderIndex {
    /// True when a `columns = { name = "target" }` entry finds something in this header: the
    /// column `target` for a contract name, or item columns (`target_1`, `target1`, `target_q1`)
    /// for an instrument prefix. An entry that finds nothing in any file of its source is an
    /// error (exit 64), never a mapping that silently does nothing.
    public func finds(mapping name: String, target: String) -> Bool {
        if Instrument.allCases.contains(where: { $0.columnPrefix == name }) {
            return RedcapItemNames.separators.contains { separator in
                (separator.isEmpty && target.last?.isNumber == true) ? false
                    : position(ofHeader: "\(target)\(separator)1") != nil || position(ofHeader: "\(target)\(separator)01") != nil
            }
        }
        return position(ofHeader: target) != nil
    }
}
