import Glibc
import CFuzzerDriver
import OutcomesCore
import OutcomesIO

/// libFuzzer calls in on one thread, so one shared zone (with its cache) is safe.
nonisolated(unsafe) let zone = LocalTimeZone(identifier: "America/New_York")!

/// Header lines of the four export forms (as in SampleData/exports), so most inputs reach the
/// decoder; a first byte of 0x80 or more takes the header from the input's first line instead.
let headers = [
    "patient_id,session_start,route,dose_mg,weight_kg,duration_min,clinic_id,session_id",
    "patient_id,instrument,administered_at,total,clinic_id,item_1,item_2,item_3,item_4,item_5,item_6,item_7,item_8,item_9",
    "patient_id,administered_at,hama_1,hama_2,hama_3,hama_4,hama_5,hama_6,hama_7,hama_8,hama_9,hama_10,hama_11,hama_12,hama_13,hama_14,hama_total,clinic_id",
    "record_id,redcap_event_name,redcap_repeat_instrument,redcap_repeat_instance,phq9_date,phq9_1,phq9_2,phq9_3,phq9_4,phq9_5,phq9_6,phq9_7,phq9_8,phq9_9,phq9_total,phq9_complete,gad7_date,gad7_1,gad7_2,gad7_3,gad7_4,gad7_5,gad7_6,gad7_7,gad7_total,gad7_complete",
]

/// Reads header + rows through the CSV reader and decodes every row. The decoder must give
/// each row an outcome (a record, or a rejection with a reason) and never trap.
func fuzzRowDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    var bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if data[0] < 0x80 { bytes = Array((headers[Int(data[0]) % headers.count] + "\n").utf8) + bytes }
    var rows: [RawRow] = []
    try? bytes.withUnsafeBytes { buffer in
        try CSVReader(path: "fuzz", chunkSize: 64, recordLimit: 4096).read(bytes: buffer, onRow: { rows.append($0) }, onMalformed: { _ in })
    }
    guard let header = rows.first else { return 0 }
    let names = header.strings
    guard case .success(let layout) = ExportLayout.recognise(header: names, options: SourceOptions()) else { return 0 }
    let decoder = RowDecoder(layout: layout, header: HeaderIndex(header: names), zone: zone, rules: ScoringRules())
    for row in rows.dropFirst() {
        for outcome in decoder.decode(row) {
            if case .rejected(let problem) = outcome, problem.description.isEmpty { fatalError("a rejection without a reason") }
        }
    }
    return 0
}

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in fuzzRowDecoder(data!, size) })
