import Glibc
import CFuzzerDriver
import OutcomesCore

/// libFuzzer calls in on one thread, so one shared zone (with its cache) is safe.
nonisolated(unsafe) let zone = LocalTimeZone(identifier: "America/New_York")!

/// Parses the bytes as a timestamp. Checks: the String entry agrees with the byte entry for
/// valid UTF-8, a parsed wall-clock time can be placed in a zone, and a failure's message is
/// a sentence (never empty).
func fuzzTimestamp(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let parsed = TimestampParser.parse(bytes: bytes)
    if let text = String(validating: bytes, as: UTF8.self), TimestampParser.parse(text) != parsed {
        fatalError("the String and byte entries disagree")
    }
    switch parsed {
    case .success(.local(let wall)): _ = zone.instant(ofLocal: wall)
    case .success(.instant): break
    case .failure(let error): if error.description.isEmpty { fatalError("empty timestamp message") }
    }
    return 0
}

var arguments = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&arguments, &argv) { data, size in fuzzTimestamp(data!, size) })
