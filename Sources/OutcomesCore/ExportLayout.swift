/// Where the values of one export form sit in a file's header.
public enum ExportLayout: Sendable {
    case long(LongLayout)
    case items(ItemsLayout)
    case redcap(RedcapLayout)
    case sessions(SessionsLayout)

    public var kind: ExportKind {
        if case .sessions = self { return .sessions }
        return .scores
    }

    /// `long`, `items`, `redcap` or `sessions`: stored with the file.
    public var formName: String {
        switch self {
        case .long: "long"
        case .items: "items"
        case .redcap: "redcap"
        case .sessions: "sessions"
        }
    }
}

public struct LongLayout: Sendable {
    public var patient: Int
    public var instrument: Int
    public var administeredAt: Int
    public var total: Int?
    /// Column of `item_k` at index k − 1, for k = 1 … 14 (nil when the file has none).
    public var items: [Int?]
    public var clinic: Int?
}

public struct ItemsLayout: Sendable {
    public var instrument: Instrument
    public var patient: Int
    public var administeredAt: Int
    public var items: [Int]
    public var total: Int?
    public var clinic: Int?
}

public struct RedcapLayout: Sendable {
    public struct Block: Sendable {
        public var instrument: Instrument
        public var prefix: String
        /// Column of item k at index k − 1 (nil when the file lacks that item's column).
        public var items: [Int?]
        public var total: Int?
        public var date: Int?
        public var complete: Int?
    }
    public var patient: Int
    public var blocks: [Block]
    public var clinic: Int?
}

public struct SessionsLayout: Sendable {
    public var patient: Int
    public var start: Int
    public var route: Int
    public var dose: Int?
    public var weight: Int?
    public var duration: Int?
    public var clinic: Int?
    public var sessionID: Int?
}

/// Why a file's header fits no export form (the file is listed as `unrecognised_file`).
public struct LayoutError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
