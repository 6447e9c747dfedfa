/// Malformed export files, committed under Tests/Fixtures/hostile/<name>/.
extension HostileCase {
    static func file(_ name: String, _ what: String, _ configure: (inout HostileCase) -> Void = { _ in }) -> HostileCase {
        var hostile = HostileCase(name: name, what: what, fixture: name)
        configure(&hostile)
        return hostile
    }

    static let files: [HostileCase] = [
        file("truncated-rows", "rows with one, two and three fields of five") { $0.exit = 0; $0.dataQualityContains = ["rejected"] },
        file("extra-fields", "rows with more fields than the header, empty and not") { $0.exit = 0 },
        file("unclosed-quote", "a quote that never closes swallows the rest of the file") {
            $0.exit = 0; $0.dataQualityContains = ["never closed"]
        },
        file("quote-mid-field", "a double quote in the middle of an unquoted field, and text after a closing quote") { $0.exit = 0 },
        file("quoted-newline", "quoted fields spanning LF and CRLF line breaks: rows keep the line they start on") { $0.exit = 0 },
        file("bom-twice", "two UTF-8 byte-order marks before the header") { $0.allowedExits = [0] },
        file("bom-only", "a file of three bytes: only a byte-order mark") { $0.exit = 0; $0.dataQualityContains = ["unrecognised_file"] },
        file("bom-then-bom-midfile", "a byte-order mark again at the start of a data row") { $0.exit = 0 },
        file("utf16le-bom", "UTF-16 little-endian with a byte-order mark") { $0.exit = 0; $0.dataQualityContains = ["UTF-16"] },
        file("utf16be-bom", "UTF-16 big-endian with a byte-order mark") { $0.exit = 0; $0.dataQualityContains = ["UTF-16"] },
        file("utf16le-no-bom", "UTF-16 little-endian without a byte-order mark") { $0.exit = 0; $0.dataQualityContains = ["UTF-16"] },
        file("utf32le-bom", "UTF-32 little-endian with a byte-order mark") { $0.exit = 0; $0.dataQualityContains = ["UTF-32"] },
        file("latin1-values", "Latin-1 bytes in a clinic id and a patient id") { $0.exit = 0; $0.dataQualityContains = ["UTF-8"] },
        file("invalid-utf8-sequences", "a UTF-16 surrogate, an overlong slash and 0xFF in UTF-8 fields") {
            $0.exit = 0; $0.dataQualityContains = ["UTF-8"]
        },
        file("nul-in-id", "NUL bytes inside and at the end of patient ids") { $0.exit = 0; $0.dataQualityContains = ["\\0"] },
        file("nul-in-instrument", "NUL bytes in instrument names: the reason must not be cut at the NUL") {
            $0.exit = 0; $0.dataQualityContains = ["GAD\\0-7"]
        },
        file("control-chars", "ESC, BEL, BS, DEL and VT in values") { $0.exit = 0; $0.dataQualityContains = ["\\x1B"] },
        file("cr-only", "old-Mac CR-only line ends, with bad rows at lines 4 and 5") { $0.exit = 0 },
        file("mixed-line-ends", "CRLF, CR and LF mixed, blank CR lines among them") { $0.exit = 0 },
        file("empty-file", "a file of zero bytes") { $0.exit = 0; $0.dataQualityContains = ["empty"] },
        file("header-only", "a header and no rows") { $0.exit = 0 },
        file("header-no-newline", "a header without a line end, nothing else") { $0.exit = 0 },
        file("last-row-no-newline", "the last row has no line end") { $0.exit = 0 },
        file("whitespace-header", "a blank first line and a header of spaces and commas") { $0.exit = 0; $0.dataQualityContains = ["unrecognised_file"] },
        file("blank-and-space-lines", "blank, space-only, tab-only and comma-only lines between rows") { $0.exit = 0 },
        file("duplicate-header-total", "`total,total`: the second column must not be ignored silently") {
            $0.exit = 0; $0.dataQualityContains = ["columns 4 (total) and 5 (total) both give the total"]
        },
        file("duplicate-header-alias", "`patient_id` and its alias `mrn` both in the header") {
            $0.exit = 0; $0.dataQualityContains = ["patient_id", "mrn"]
        },
        file("trailing-comma-header", "a header ending in a comma: an empty column name") { $0.exit = 0 },
        file("quoted-spaced-header", "quoted, padded and upper-case header names, alias `Score`") { $0.exit = 0 },
        file("huge-numbers", "1e309, 20 nines, -0, +5, 0x10, NaN, inf, 2^63, long fractions, 1_0 as totals") { $0.exit = 0 },
        file("negative-totals", "negative totals down to Int64.min") { $0.exit = 0; $0.dataQualityContains = ["rejected"] },
        file("items-out-of-range", "an items export with items 4, -1, 1.5, a wrong total, and too many missing") { $0.exit = 0 },
        file("long-items-past-count", "a long export whose GAD-7 row fills item_8 and a PHQ-9 row item_10") { $0.exit = 0 },
        file("bad-dates", "0000-00-00, 9999-12-31T24:00, Feb 30, month 13, Feb 29 2025, hour 25, 20260304, year 10000") { $0.exit = 0 },
        file("dst-times", "a local time in the skipped hour of 8 March 2026, the repeated hour of 1 November") { $0.exit = 0 },
        file("leap-second", "23:59:60, minute 60 and second 61") { $0.exit = 0 },
        file("timezone-offsets", "offsets +25:00, -24:00, +14:00, +05:45, +0530, a lower-case z, +99, +00:60") { $0.exit = 0 },
        file("binary-garbage", "4 KiB of random bytes named .csv") { $0.exit = 0; $0.dataQualityContains = ["unrecognised_file"] },
        file("zip-named-csv", "a zip archive (of a valid export) named .csv") { $0.exit = 0; $0.dataQualityContains = ["unrecognised_file"] },
        file("json-named-csv", "a JSON export named .csv") { $0.exit = 0; $0.dataQualityContains = ["unrecognised_file"] },
        file("semicolon-separated", "a European-Excel export separated by semicolons") { $0.exit = 0; $0.dataQualityContains = ["unrecognised_file"] },
        file("tab-separated", "a tab-separated export named .csv") { $0.exit = 0; $0.dataQualityContains = ["unrecognised_file"] },
        file("formula-injection", "`=cmd|' /C calc'!A0`, `@SUM`, `+1+1`, `-2+3` and =HYPERLINK in ids, instruments and clinic ids") {
            // The lead's decision: an instrument name is quoted in a reason ("unknown instrument '=cmd…'"), so a
            // cell starts with text; this asserts that no data_quality.csv cell begins with a formula character.
            $0.exit = 0; $0.noFormulaCells = true
        },
        file("unicode-lookalikes", "a zero-width space, a right-to-left override and full-width letters in instruments, an emoji in an id") { $0.exit = 0 },
        file("duplicated-rows", "the same row forty times: stored once, 39 duplicates") { $0.exit = 0; $0.dataQualityContains = ["duplicate"] },
        file("same-content-two-names", "two files with the same bytes: read once, nothing counted twice") { $0.exit = 0 },
        file("sessions-bad-values", "sessions with a negative dose, an unknown route, `40mg`, NaN weight, 1e309 minutes, no start, no route, a reused session id") {
            $0.exit = 0; $0.dataQualityContains = ["rejected"]
        },
        file("sessions-unknown-routes", "routes `rectal`, `I V`, `iv; im` and a quoted `IV,IM`") { $0.exit = 0 },
        file("redcap-complete-values", "REDCap `gad7_complete` 9, -1, 02, 0, `complete`, and an empty date") {
            $0.exit = 0; $0.dataQualityContains = ["skipped", "rejected"]
        },
        file("md-image-clinic", "a clinic id `![t](http://evil.example/p.png)`: report.md must not render it") {
            $0.exit = 0; $0.reportMustNotContain = ["![t](http://evil.example/p.png)", "](http"]
        },
        file("md-link-clinic", "a clinic id `[click](javascript:alert(1))`") {
            $0.exit = 0; $0.reportMustNotContain = ["[click](javascript:alert(1))", "](javascript"]
        },
        file("html-script-clinic", "a clinic id `<script>alert(1)</script>`") { $0.exit = 0; $0.reportMustNotContain = ["<script>"] },
        file("pipe-backtick-clinic", "a clinic id with `|`, backticks and a backslash: the table keeps its columns") {
            $0.exit = 0; $0.reportMustNotContain = ["a|b", "`c`"]
        },
    ]
}
