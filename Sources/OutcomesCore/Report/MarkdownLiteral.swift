/// Text from an export (clinic ids, file names, reasons) made safe to show in report.md: it
/// renders as the same characters, never as a link, an image, HTML, emphasis or a new table
/// cell or row. A file named `![t](http://evil.example/p.png)` must not make a reader's
/// viewer fetch a remote image, nor a CR in a name end the table row.
public enum MarkdownLiteral {
    /// Characters CommonMark and GitHub tables give a meaning to, shown literally with a
    /// backslash (CommonMark lets any ASCII punctuation be escaped so).
    static let backslashed: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "(", ")", "!", "|", "#", "~"]

    /// `text` escaped for Markdown and HTML: the characters above get a backslash; `<`, `>`
    /// and `&` become entities (raw HTML and entity references); a line break (CR, LF, CRLF,
    /// NEL, U+2028, U+2029) becomes one space; NUL becomes `\0` and another control
    /// character `\xHH`, the program's way of showing them.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCR: continue
            case "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\0": out += "\\0"
            case _ where backslashed.contains(scalar):
                out += "\\"
                out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\x" + (hex.count == 1 ? "0" : "") + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
