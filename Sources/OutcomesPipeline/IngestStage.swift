import OutcomesCore
import OutcomesIO

/// What the ingest stage did with one file.
public enum FileOutcome: Equatable, Sendable {
    case ingested(FileCounts)
    /// The same content was ingested before (under this or another name): nothing to add.
    case alreadyIngested(as: String)
    /// The header fits no export form; the file is listed in data quality (once: `firstSeen`
    /// tells whether this run listed it) and the run goes on.
    case unrecognised(String, firstSeen: Bool)
}

public struct IngestSummary: Sendable {
    public var files: [(path: String, outcome: FileOutcome)] = []

    public var ingestedFiles: Int { files.filter { if case .ingested = $0.outcome { true } else { false } }.count }
    public var unchangedFiles: Int { files.filter { if case .alreadyIngested = $0.outcome { true } else { false } }.count }
    public var unrecognisedFiles: Int { files.filter { if case .unrecognised = $0.outcome { true } else { false } }.count }

    public var totals: FileCounts {
        var sum = FileCounts()
        for case (_, .ingested(let c)) in files {
            sum.rowsRead += c.rowsRead; sum.emptyRows += c.emptyRows; sum.records += c.records
            sum.accepted += c.accepted; sum.duplicates += c.duplicates; sum.corrections += c.corrections
            sum.skipped += c.skipped; sum.rejected += c.rejected; sum.prorated += c.prorated
        }
        return sum
    }

    /// The one line printed for the stage.
    public var line: String {
        let t = totals
        return "ingest: \(ingestedFiles) new file(s), \(unchangedFiles) unchanged, \(unrecognisedFiles) unrecognised; "
            + "\(t.records) records: \(t.accepted) stored (\(t.corrections) corrections), \(t.duplicates) duplicates, "
            + "\(t.skipped) skipped, \(t.rejected) rejected"
    }
}

/// Stage 1: reads the exports of the pipeline's sources into the store, one transaction per
/// file, skipping content already ingested.
public struct IngestStage {
    public let config: PipelineConfig
    public let exportsFolder: String

    public init(config: PipelineConfig, exportsFolder: String) {
        self.config = config
        self.exportsFolder = exportsFolder
    }

    public func run(store: OutcomesStore, runID: Int64?, now: Int64, progress: (String) -> Void = { _ in }) throws -> IngestSummary {
        guard let zone = LocalTimeZone(identifier: config.timezone) else {
            throw PipelineFileError(path: config.path, line: nil, "unknown time zone \(config.timezone)")
        }
        var summary = IngestSummary()
        let exports = try ExportDiscovery.find(in: exportsFolder, sources: config.sources)
        for (number, export) in exports.enumerated() {
            let stamp = FileStamp(path: export.fullPath)
            // A file ingested before and untouched since is skipped unread. A file no form fitted is
            // read again (its header only, and its fingerprint): the sources may have changed.
            if let stamp, let kind = try store.knownFileKind(path: export.relativePath, sizeBytes: stamp.size, modifiedNs: stamp.modifiedNs),
               kind != "unrecognised" {
                summary.files.append((export.relativePath, .alreadyIngested(as: export.relativePath)))
                continue
            }
            let (digest, size) = try SHA256.ofFile(export.fullPath)
            if let earlier = try store.ingestedPath(sha256: digest) {
                if let stamp { try store.refreshStamp(path: export.relativePath, sha256: digest, sizeBytes: size, modifiedNs: stamp.modifiedNs) }
                summary.files.append((export.relativePath, .alreadyIngested(as: earlier)))
                continue
            }
            let file = ExportFile(path: export.fullPath, options: export.source.options, zone: zone, rules: config.analysis.scoring)
            var info = SourceFileInfo(path: export.relativePath, sizeBytes: size, sha256: digest, kind: "unrecognised",
                                      form: nil, runID: runID, ingestedAt: now, modifiedNs: stamp?.modifiedNs)
            switch try file.layout() {
            case .failure(let problem):
                let first = try store.recordUnrecognised(info, reason: problem.description)
                summary.files.append((export.relativePath, .unrecognised(problem.description, firstSeen: first)))
            case .success(let (layout, header)):
                info.kind = layout.kind.rawValue
                info.form = layout.formName
                let counts = try store.ingest(info) { writer in try Self.load(file, layout: layout, header: header, into: writer) }
                summary.files.append((export.relativePath, .ingested(counts)))
                Checkpoint.reach("ingest.file-committed")
            }
            progress("ingest: \(number + 1)/\(exports.count) files, \(summary.totals.records) records")
        }
        return summary
    }

    /// The export files not seen before with their current size and modification time: what
    /// the next ingest would read (it may still find a file's content ingested under another
    /// name). A file seen before and recorded as unrecognised is not new: only a change of the
    /// sources makes it worth another look, and the plan tells that from the ingest settings.
    public func pendingExports(store: OutcomesStore) throws -> [DiscoveredExport] {
        try ExportDiscovery.find(in: exportsFolder, sources: config.sources).filter { export in
            guard let stamp = FileStamp(path: export.fullPath) else { return true }
            return try store.knownFileKind(path: export.relativePath, sizeBytes: stamp.size, modifiedNs: stamp.modifiedNs) == nil
        }
    }

    /// Every record of the file, stored or noted; the counts reconcile by construction.
    static func load(_ file: ExportFile, layout: ExportLayout, header: HeaderIndex, into writer: FileIngestion) throws -> FileCounts {
        var counts = FileCounts()
        counts.rowsRead = try file.read(layout: layout, header: header) { event in
            switch event {
            case .emptyRow:
                counts.emptyRows += 1
            case .malformed(let bad):
                counts.records += 1
                counts.rejected += 1
                try writer.issue(line: bad.line, column: nil, kind: "rejected", reason: bad.reason)
            case .record(let line, let outcome):
                counts.records += 1
                switch outcome {
                case .rejected(let problem):
                    counts.rejected += 1
                    try writer.issue(line: line, column: problem.column, kind: "rejected", reason: problem.reason)
                case .skipped(let problem):
                    counts.skipped += 1
                    try writer.issue(line: line, column: problem.column, kind: "skipped", reason: problem.reason)
                case .score(let score):
                    try tally(try writer.put(score: score, line: line), prorated: score.prorated, &counts)
                case .session(let session):
                    try tally(try writer.put(session: session, line: line), prorated: false, &counts)
                }
            }
        }
        return counts
    }

    private static func tally(_ result: PutResult, prorated: Bool, _ counts: inout FileCounts) throws {
        switch result {
        case .stored: counts.accepted += 1
        case .corrected: counts.accepted += 1; counts.corrections += 1
        case .duplicate: counts.duplicates += 1
        }
        if prorated, result != .duplicate { counts.prorated += 1 }
    }
}
