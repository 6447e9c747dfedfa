import Glibc
import OutcomesCore

/// A course × instrument's curve points as one JSON text (`course_instrument.curve_point_json`,
/// migration 12), read by the report in place of millions of `curve_point` rows:
///
///     {"time":[[point,bin_start_hours,bin_end_hours,administered_at,seconds_since_index,pct_reduction,responding],...],
///      "session":[[point,administered_at,seconds_since_index,pct_reduction,responding],...]}
///
/// The view `curve_point` unpacks it with `json_each` into the table's former columns
/// (`hours_since_index` = seconds / 3600.0, the same Double the transform computes). Whole
/// seconds rather than hours keep a row short enough to stay on its B-tree page (no overflow page).
enum PackedCurvePoints {
    /// Writes the text of `item`'s points into `json` (emptied first).
    static func encode(_ item: CourseInstrumentAnalysis, parameters: AnalysisParameters, into json: inout PackedJSON) {
        json.reset()
        let edges = parameters.curveBinsHours, threshold = parameters.responseThreshold
        json.append("{\"time\":[")
        for (offset, point) in item.timePoints.enumerated() {
            let observation = point.observation
            json.append(offset == 0 ? "[" : ",[")
            json.append(point.point)
            json.append(","); json.append(edges[point.point])
            json.append(","); json.append(edges[point.point + 1])
            json.append(","); json.append(observation.at)
            json.append(","); json.append(observation.secondsSinceIndex)
            json.append(","); json.append(observation.pctReduction)
            json.append(observation.reaches(threshold) ? ",1]" : ",0]")
        }
        json.append("],\"session\":[")
        for (offset, point) in item.sessionPoints.enumerated() {
            let observation = point.observation
            json.append(offset == 0 ? "[" : ",[")
            json.append(point.point)
            json.append(","); json.append(observation.at)
            json.append(","); json.append(observation.secondsSinceIndex)
            json.append(","); json.append(observation.pctReduction)
            json.append(observation.reaches(threshold) ? ",1]" : ",0]")
        }
        json.append("]}")
    }

    /// One point as the report groups it.
    struct Point {
        var kind: CurveKind
        var point: Int
        var binStartHours: Double?
        var binEndHours: Double?
        var pctReduction: Double
        var responding: Bool
    }

    /// Calls `body` for each point of a text written by `encode`, time points first, in the
    /// order written. `bytes` must be followed by a NUL (SQLite's column text is), so that
    /// `strtod` stops inside it. Anything unexpected ends the walk (the transform writes this form only).
    static func forEach(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Point) -> Void) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var index = 0
        var kind = CurveKind.time
        var starts = [Int](repeating: 0, count: 8)
        func integer(at start: Int) -> Int {
            var value = 0, position = start, negative = false
            if position < count, base[position] == UInt8(ascii: "-") { negative = true; position += 1 }
            while position < count, base[position] >= 48, base[position] <= 57 { value = value * 10 + Int(base[position] - 48); position += 1 }
            return negative ? -value : value
        }
        func double(at start: Int) -> Double {
            strtod(UnsafeRawPointer(base + start).assumingMemoryBound(to: CChar.self), nil)
        }
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                // A key: "time" or "session".
                kind = index + 1 < count && base[index + 1] == UInt8(ascii: "s") ? .session : .time
                index += 1
                while index < count, base[index] != UInt8(ascii: "\"") { index += 1 }
                index += 1
            } else if byte == UInt8(ascii: "["), index + 1 < count, base[index + 1] != UInt8(ascii: "["), base[index + 1] != UInt8(ascii: "]") {
                // One point: note where each field starts, up to its closing bracket.
                var field = 0
                starts[0] = index + 1
                index += 1
                while index < count, base[index] != UInt8(ascii: "]") {
                    if base[index] == UInt8(ascii: ","), field < 7 { field += 1; starts[field] = index + 1 }
                    index += 1
                }
                index += 1
                switch kind {
                case .time where field == 6:
                    body(Point(kind: .time, point: integer(at: starts[0]), binStartHours: double(at: starts[1]), binEndHours: double(at: starts[2]),
                               pctReduction: double(at: starts[5]), responding: integer(at: starts[6]) != 0))
                case .session where field == 4:
                    body(Point(kind: .session, point: integer(at: starts[0]), binStartHours: nil, binEndHours: nil,
                               pctReduction: double(at: starts[3]), responding: integer(at: starts[4]) != 0))
                default:
                    return
                }
            } else {
                index += 1
            }
        }
    }
}
