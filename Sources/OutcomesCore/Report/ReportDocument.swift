/// The human report as blocks, so that report.md and report.html say the same thing: the
/// sections build a document once and each renderer writes it in its own format.
public struct ReportDocument: Equatable, Sendable {
    public var blocks: [ReportBlock] = []

    public init(_ blocks: [ReportBlock] = []) { self.blocks = blocks }
}

/// One block of the report, in reading order.
public enum ReportBlock: Equatable, Sendable {
    /// A heading; `startsPage` asks a printed copy to begin a new page here (each instrument's section).
    case heading(level: Int, text: InlineText, startsPage: Bool)
    case paragraph(InlineText)
    case table(ReportTable)
    /// A chart of the report folder by file name, with the text that stands for it.
    case figure(file: String, alt: String)
    /// A bulleted list, one item per entry.
    case list([InlineText])
}

/// A table: a header, rows of cells, and the columns (numbers) aligned right.
public struct ReportTable: Equatable, Sendable {
    public var header: [InlineText]
    public var rows: [[InlineText]]
    public var rightAligned: Set<Int>

    public init(header: [InlineText], rows: [[InlineText]], rightAligned: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.rightAligned = rightAligned
    }
}

/// A run of text with the little formatting the report uses. The program's own words are
/// `text`; values from an export (clinic ids, file names, reasons) are `literal`, which each
/// renderer shows as the same characters and never as markup (docs/hostile-input.md).
public struct InlineText: Equatable, Sendable, ExpressibleByStringLiteral {
    public enum Span: Equatable, Sendable {
        /// The program's words; Markdown markup-free by construction.
        case text(String)
        /// Text from an export: escaped for whichever format it is written in.
        case literal(String)
        /// Emphasised program words (`**…**`, `<strong>`).
        case strong(String)
        /// A file or column name (`` `…` ``, `<code>`).
        case code(String)
    }

    public var spans: [Span]

    public init(_ spans: [Span]) { self.spans = spans }
    public init(_ text: String) { spans = [.text(text)] }
    public init(stringLiteral value: String) { spans = [.text(value)] }

    public static func literal(_ value: String) -> InlineText { InlineText([.literal(value)]) }
    public static func strong(_ value: String) -> InlineText { InlineText([.strong(value)]) }

    /// The program's own words with `**…**` marking what is emphasised (never export text).
    public static func emphasised(_ text: String) -> InlineText {
        let parts = text.components(separatedBy: "**")
        return InlineText(parts.enumerated().compactMap { index, part in
            part.isEmpty ? nil : index % 2 == 1 ? .strong(part) : .text(part)
        })
    }

    public static func + (a: InlineText, b: InlineText) -> InlineText { InlineText(a.spans + b.spans) }

    /// The characters a reader sees, without formatting.
    public var plain: String {
        spans.map { span in
            switch span {
            case .text(let s), .literal(let s), .strong(let s), .code(let s): s
            }
        }.joined()
    }
}
