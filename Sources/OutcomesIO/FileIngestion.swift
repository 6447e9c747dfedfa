import OutcomesCore

/// A file being ingested: where it came from and how its records fared.
public struct SourceFileInfo: Sendable {
    public var path: String
    public var sizeBytes: Int
    public var sha256: String
    public var kind: String
    public var form: String?
    public var runID: Int64?
    public var ingestedAt: Int64
    /// The file's modification time (ns since 1970), so an unchanged file is known without reading it.
    public var modifiedNs: Int64?

    public init(path: String, sizeBytes: Int, sha256: String, kind: String, form: String?, runID: Int64?, ingestedAt: Int64,
                modifiedNs: Int64? = nil) {
        self.modifiedNs = modifiedNs
        self.path = path
        self.sizeBytes = sizeBytes
        self.sha256 = sha256
        self.kind = kind
        self.form = form
        self.runID = runID
        self.ingestedAt = ingestedAt
    }
}

/// How the records of one file fared. Every record is exactly one of accepted (stored, or
/// stored and later superseded), duplicate, skipped or rejected.
public struct FileCounts: Sendable, Equatable {
    public var rowsRead = 0
    /// Rows that carry no administration at all (a REDCap row with every instrument empty).
    public var emptyRows = 0
    /// Rows of what the pipeline does not score (other observation codes, resource types,
    /// drugs): not records, counted per key in data quality (kind `other_rows`).
    public var ignoredRows = 0
    /// Rows that are part of an administration another row completes (item observations).
    public var joinedRows = 0
    public var records = 0
    public var accepted = 0
    public var duplicates = 0
    /// Records of this file that replaced an earlier stored record (corrections).
    public var corrections = 0
    public var skipped = 0
    public var rejected = 0
    public var prorated = 0
    /// What the clinic should know about the file besides its rows (columns not read, an
    /// instrument from which nothing was read): warned about and listed in data quality.
    public var warnings: [String] = []

    public init() {}

    public var reconciles: Bool { records == accepted + duplicates + skipped + rejected }
}

/// What storing one record did.
public enum PutResult: Equatable {
    case stored
    /// Same identity and values as a stored record: kept once, counted.
    case duplicate
    /// Same identity, other values: this record replaced the stored one, which went to history.
    case corrected
}

/// Writes the records of one file inside its transaction, applying the identity rules of
/// interface.md ("Duplicates and corrections").
public final class FileIngestion {
    public let fileID: Int64
    let path: String
    let store: OutcomesStore
    private var pathsByID: [Int64: String] = [:]
    let sql: IngestStatements
    /// Patients with a record stored or corrected by this file: the transform recomputes them.
    private(set) var changedPatients = Set<PatientKey>()
    /// The patient `markChanged` noted last.
    private var lastChanged: String?

    init(fileID: Int64, path: String, store: OutcomesStore) throws {
        sql = try IngestStatements(store.database)
        self.fileID = fileID
        self.path = path
        self.store = store
        pathsByID[fileID] = path
    }

    /// Keeps a note on a row: rejected, skipped, duplicate, superseded, prorated, …
    /// `patientID` is the row's, where it had one (row_issue.patient_id).
    public func issue(line: Int, column: String?, kind: String, reason: String, fileID: Int64? = nil, patientID: String? = nil) throws {
        try sql.insertIssue.run([.integer(fileID ?? self.fileID), .integer(Int64(line)), SQLiteValue(column), .text(kind), .text(reason),
                                 SQLiteValue(patientID)])
    }

    public func put(score: ScoreRecord, line: Int) throws -> PutResult {
        let answered = score.items.isEmpty ? score.instrument.itemCount : score.items.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        let itemsText = Self.itemsText(score.items)
        // The common case, a new administration, binds without building arrays (millions of rows).
        let insert = sql.insertScore
        insert.bind(1, score.patientID)
        insert.bind(2, score.instrument.rawValue)
        insert.bind(3, score.administeredAt)
        insert.bind(4, Int64(score.total))
        insert.bind(5, itemsText)
        insert.bind(6, Int64(answered))
        insert.bind(7, Int64(score.prorated ? 1 : 0))
        if let clinic = score.clinicID { insert.bind(8, clinic) } else { insert.bindNull(8) }
        insert.bind(9, fileID)
        insert.bind(10, Int64(line))
        try insert.execute()
        if store.database.changes == 1 {
            markChanged(score.patientID)
            try flagProration(score, line: line, answered: answered)
            return .stored
        }
        let existing = try sql.findScore.rows([.text(score.patientID), .text(score.instrument.rawValue), .integer(score.administeredAt)]) {
            (id: $0.int64(0), total: $0.int(1), items: $0.text(2) ?? "", clinic: $0.text(3), file: $0.int64(4), line: $0.int(5))
        }
        guard let old = existing.first else { throw SQLiteError(code: 1, message: "a score conflicted but could not be found", path: store.path) }
        let values: [SQLiteValue] = [
            .integer(Int64(score.total)), .text(itemsText), .integer(Int64(answered)),
            .integer(score.prorated ? 1 : 0), SQLiteValue(score.clinicID), .integer(fileID), .integer(Int64(line)),
        ]
        // interface.md, "Duplicates and corrections": when only one of the two carries items and
        // the totals are equal (a total-only export of an administration another file gives item
        // by item), the repeat is a duplicate, and the stored score keeps the items whichever was
        // read first.
        let oneSidedItems = old.items.isEmpty != itemsText.isEmpty
        if old.total == score.total, old.clinic == score.clinicID, old.items == itemsText || oneSidedItems {
            if old.items.isEmpty, !itemsText.isEmpty {
                try sql.replaceScore.run([.integer(Int64(score.total)), .text(itemsText), .integer(Int64(answered)),
                                          .integer(score.prorated ? 1 : 0), SQLiteValue(score.clinicID), .integer(old.file),
                                          .integer(Int64(old.line)), .integer(old.id)])
                markChanged(score.patientID)
            }
            try issue(line: line, column: nil, kind: "duplicate", reason: "same \(score.instrument.displayName) administration as \(try pathOf(old.file)) line \(old.line)",
                          patientID: score.patientID)
            // The stored score now has these items: a prorated total is flagged where they came from.
            if old.items.isEmpty, !itemsText.isEmpty { try flagProration(score, line: line, answered: answered) }
            return .duplicate
        }
        try sql.archiveScore.run([.integer(fileID), .integer(Int64(line)), .integer(old.id)])
        try sql.replaceScore.run(values + [.integer(old.id)])
        markChanged(score.patientID)
        var change = "\(score.instrument.displayName) total \(old.total) → \(score.total)"
        if old.total == score.total { change = old.items != itemsText ? "\(score.instrument.displayName) items changed" : "clinic changed" }
        try issue(line: old.line, column: nil, kind: "superseded",
                  reason: "corrected by \(path) line \(line) (\(change))", fileID: old.file, patientID: score.patientID)
        try flagProration(score, line: line, answered: answered)
        return .corrected
    }

    private func flagProration(_ score: ScoreRecord, line: Int, answered: Int) throws {
        guard score.prorated else { return }
        try issue(line: line, column: nil, kind: "prorated",
                  reason: "\(score.instrument.displayName) total \(score.total) prorated from \(answered) of \(score.instrument.itemCount) items",
                  patientID: score.patientID)
    }

    /// Rows of one patient usually follow each other: a repeat of the last patient noted
    /// needs no hash and no set look-up (the set would not change).
    func markChanged(_ patientID: String) {
        if let last = lastChanged, last.utf8.elementsEqual(patientID.utf8) { return }
        changedPatients.insert(PatientKey(patientID))
        lastChanged = patientID
    }

    /// `ScoreRecord.itemsText` (`2,1,,3`), written byte by byte: one String per row instead of
    /// one per item and a join.
    static func itemsText(_ items: [Int?]) -> String {
        if items.isEmpty { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(items.count * 3)
        for (index, item) in items.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            guard let item else { continue }
            if (0...9).contains(item) { bytes.append(0x30 + UInt8(item)) } else { bytes.append(contentsOf: String(item).utf8) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func pathOf(_ id: Int64) throws -> String {
        if let known = pathsByID[id] { return known }
        let found = try store.database.prepare("SELECT path FROM source_file WHERE id = ?").rows([.integer(id)]) { $0.text(0) ?? "" }
        pathsByID[id] = found.first ?? "?"
        return found.first ?? "?"
    }
}

/// A patient id compared byte for byte, as SQLite compares it. (Swift's `String` equality
/// treats canonically equivalent spellings as equal, which would merge two stored ids.)
struct PatientKey: Hashable {
    let id: String

    init(_ id: String) { self.id = id }

    static func == (a: PatientKey, b: PatientKey) -> Bool { a.id.utf8.elementsEqual(b.id.utf8) }

    func hash(into hasher: inout Hasher) {
        var copy = id
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
