import Glibc
import CFuzzerDriver
import OutcomesCore
import OutcomesIO

/// Feeds the bytes to the CSV reader twice: in small chunks with a small record limit (both
/// chosen by the first byte, to reach chunk boundaries and the limit), and in one chunk with
/// the same limit. Crashes, hangs and unbounded memory are libFuzzer's to catch; this checks
/// that the two readings agree and that lines only grow.
func fuzzCSVReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let control = Int(data[0])
    let input = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let limit = 8 + (control >> 3) * 4
    let small = read(input, chunkSize: 4 + control & 7, limit: limit)
    let whole = read(input, chunkSize: max(4, input.count), limit: limit)
    guard small == whole else { fatalError("chunked and whole readings differ: \(small) vs \(whole)") }
    var last = 0
    for line in small.lines {
        guard line >= 1, line >= last else { fatalError("line numbers go backwards: \(small.lines)") }
        last = line
    }
    return 0
}

struct Reading: Equatable {
    var rows: [[UInt8]] = []
    var lines: [Int] = []
    var malformed: [MalformedRecord] = []
    var failure: String?
}

func read(_ bytes: UnsafeRawBufferPointer, chunkSize: Int, limit: Int) -> Reading {
    var reading = Reading()
    do {
        try CSVReader(path: "fuzz", chunkSize: chunkSize, recordLimit: limit).read(bytes: bytes, onRow: { row in
            reading.rows.append(row.bytes + row.fieldEnds.flatMap { [UInt8(truncatingIfNeeded: $0), 0xFF] })
            reading.lines.append(row.line)
        }, onMalformed: { reading.malformed.append($0) })
    } catch {
        reading.failure = "\(error)"
    }
    return reading
}

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in fuzzCSVReader(data!, size) })
