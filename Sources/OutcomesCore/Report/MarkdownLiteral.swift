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
    /// character `\xHH`, the program's way of showing them. An `_` between two letters or
    /// digits (`scores_long.csv`) is left as it is: CommonMark never reads one as emphasis.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\n" where index > 0 && scalars[index - 1] == "\r": continue
            case "_" where index > 0 && index + 1 < scalars.count && isAlphanumeric(scalars[index - 1]) && isAlphanumeric(scalars[index + 1]):
                out += "_"
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

    static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
