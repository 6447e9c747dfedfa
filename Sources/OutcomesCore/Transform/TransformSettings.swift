/// Everything besides the data that decides the transform's tables: the analysis parameters,
/// the timezone (index dates are local dates) and the version of the rules as coded here.
/// When its canonical text differs from the one stored with the tables, every patient is
/// recomputed; otherwise only the patients whose data changed.
public struct TransformSettings: Equatable, Sendable {
    /// Bump when a change to the transform code changes what it stores for the same input,
    /// so that databases built by an older program are recomputed in full.
    /// 2: curve points carry their course's route and index date.
    /// 3: course × instrument rows carry their course's route, index date, clinic and mixed-route flag.
    /// 4: analysis.md version 2 (§11–§15): sessions to relief, relief duration, item 9, boosters.
    public static let rulesVersion = 4

    public var parameters: AnalysisParameters
    public var timezone: String
    /// A new program may compute differently: its first transform recomputes everything.
    public var programVersion: String

    public init(parameters: AnalysisParameters, timezone: String, programVersion: String = ProgramVersion.string) {
        self.parameters = parameters
        self.timezone = timezone
        self.programVersion = programVersion
    }

    /// One line of JSON with keys in a fixed order, stored beside the tables so an analyst
    /// can see which parameters produced them. (The ingest-only `max_missing_items` is not
    /// part of it: it changes what is stored, which marks the patients changed anyway.)
    public var canonicalText: String {
        let p = parameters
        func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        }
        func perInstrument(_ value: (Instrument) -> Int) -> String {
            Instrument.allCases.map { "\"\($0.rawValue)\":\(value($0))" }.joined(separator: ",")
        }
        let cutoffs = perInstrument(p.remissionCutoff(_:))
        let fields = [
            "\"program_version\":\"\(programVersion)\"",
            "\"rules_version\":\(Self.rulesVersion)",
            "\"timezone\":\"\(timezone)\"",
            "\"relief_threshold\":\(number(p.reliefThreshold))",
            "\"response_threshold\":\(number(p.responseThreshold))",
            "\"course_gap_days\":\(number(p.courseGapDays))",
            "\"baseline_window_days\":\(number(p.baselineWindowDays))",
            "\"followup_days\":\(number(p.followupDays))",
            "\"endpoint_start_days\":\(number(p.endpointStartDays))",
            "\"endpoint_end_days\":\(number(p.endpointEndDays))",
            "\"curve_bins_hours\":[\(p.curveBinsHours.map(number).joined(separator: ","))]",
            "\"remission_cutoff\":{\(cutoffs)}",
            "\"durability_days\":\(number(p.durabilityDays))",
            "\"loss_threshold\":\(number(p.lossThreshold))",
            "\"induction_days\":\(number(p.inductionDays))",
            "\"reliable_change\":{\(perInstrument(p.reliableChange(_:)))}",
            "\"caseness\":{\(perInstrument(p.caseness(_:)))}",
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// The top-level `"key":value` fields of a canonical text, in order.
    static func fields(of text: String) -> [(key: String, value: String)] {
        var fields: [(String, String)] = []
        var depth = 0, inString = false, current = ""
        func flush() {
            guard let colon = current.firstIndex(of: ":") else { return }
            fields.append((current[..<colon].replacingOccurrences(of: "\"", with: ""), String(current[current.index(after: colon)...])))
        }
        for character in text.dropFirst().dropLast() {
            if character == "\"" { inString.toggle() }
            if !inString {
                if character == "[" || character == "{" { depth += 1 }
                if character == "]" || character == "}" { depth -= 1 }
                if character == ",", depth == 0 { flush(); current = ""; continue }
            }
            current.append(character)
        }
        flush()
        return fields
    }

    /// What changed between two canonical texts, split as the reasons name them: the analysis
    /// keys (`key old → new`), and the program version (`old → new`), if it changed.
    public static func changes(from old: String, to new: String) -> (parameters: [String], programVersion: String?) {
        let all = differences(from: old, to: new)
        let prefix = "program_version "
        return (all.filter { !$0.hasPrefix(prefix) },
                all.first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)).replacingOccurrences(of: "\"", with: "") })
    }

    /// What changed between two canonical texts, as `key old → new`, for the reason a
    /// transform gives when it recomputes everything.
    public static func differences(from old: String, to new: String) -> [String] {
        let before = Dictionary(fields(of: old).map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        return fields(of: new).compactMap { field in
            let previous = before[field.key] ?? "(none)"
            return previous == field.value ? nil : "\(field.key) \(previous) → \(field.value)"
        }
    }
}
