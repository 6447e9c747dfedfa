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
    /// The file could not be read (not a regular file, a broken link, permission denied, it
    /// kept changing while read, …): skipped, warned about on every run, listed in data
    /// quality once (`firstSeen`), and the run goes on (exit 2).
    case unreadable(String, firstSeen: Bool)
}

/// An export file that could not be read, with the reason.
public struct UnreadableExport: Sendable, Equatable {
    public var path: String
    public var reason: String
}

public struct IngestSummary: Sendable {
    public var files: [(path: String, outcome: FileOutcome)] = []
    /// Warnings for the runner to log: a recognised file that stored no record, and why
    /// ("never a silent zero"; each also has a data-quality row).
    public var warnings: [String] = []
    /// Whether this ingest read every export's content (`--rehash`, or the periodic check).
    public var checkedContent = false
    /// Listings of unreadable files this ingest closed (the file was read, or is gone).
    public var resolvedUnreadable = 0

    /// Whether this ingest changed anything the transform or the report reads: a file
    /// ingested, a file newly listed as unrecognised or unreadable, or a listing closed. A file
    /// found again with the same content (touched, or copied) changes nothing: only its size and
    /// modification time were recorded, so the later stages stay up to date.
    public var changedData: Bool {
        resolvedUnreadable > 0 || files.contains { file in
            switch file.outcome {
            case .ingested: true
            case .alreadyIngested: false
            case .unrecognised(_, let first), .unreadable(_, let first): first
            }
        }
    }

    public var ingestedFiles: Int { files.filter { if case .ingested = $0.outcome { true } else { false } }.count }
    public var unchangedFiles: Int { files.filter { if case .alreadyIngested = $0.outcome { true } else { false } }.count }
    public var unrecognisedFiles: Int { files.filter { if case .unrecognised = $0.outcome { true } else { false } }.count }
    public var unreadable: [UnreadableExport] {
        files.compactMap { if case .unreadable(let reason, _) = $0.outcome { UnreadableExport(path: $0.path, reason: reason) } else { nil } }
    }

    public var totals: FileCounts {
        var sum = FileCounts()
        for case (_, .ingested(let c)) in files {
            sum.rowsRead += c.rowsRead; sum.emptyRows += c.emptyRows; sum.records += c.records
            sum.accepted += c.accepted; sum.duplicates += c.duplicates; sum.corrections += c.corrections
            sum.skipped += c.skipped; sum.rejected += c.rejected; sum.prorated += c.prorated
        }
        return sum
    }

    /// The one line printed for the stage (unreadable files are named only when there are some).
    public var line: String {
        let t = totals
        let skipped = unreadable.isEmpty ? "" : ", \(unreadable.count) unreadable"
        return "ingest: \(ingestedFiles) new file(s), \(unchangedFiles) unchanged, \(unrecognisedFiles) unrecognised\(skipped); "
            + "\(t.records) records: \(t.accepted) stored (\(t.corrections) corrections), \(t.duplicates) duplicates, "
            + "\(t.skipped) skipped, \(t.rejected) rejected"
    }
}

/// What the plan needs to know of the export folder before an ingest.
public struct ExportsCheck: Sendable {
    /// Files not seen before with their current size and modification time, files newly
    /// unreadable, and files listed as unreadable that can be read again.
    public var pending: [DiscoveredExport] = []
    /// Every matched file that cannot be read now.
    public var unreadable: [UnreadableExport] = []
    /// Files listed as unreadable that are no longer in the folder.
    public var gone: [String] = []
    /// Files of the export folder that no source matches and that were not listed yet.
    public var others: [String] = []
}

/// Stage 1: reads the exports of the pipeline's sources into the store, one transaction per
/// file, skipping content already ingested. A file that cannot be read is listed and skipped.
public struct IngestStage {
    public let config: PipelineConfig
    public let exportsFolder: String
    /// `--rehash`: read every export's content even if its size and modification time are unchanged.
    public var rehash: Bool
    /// Test hook: called with a file's path after it was hashed and before it is parsed (a test
    /// appends rows here to change the file while it is read, deterministically).
    var afterHashing: ((String) throws -> Void)?
    /// Test hook: an errno returned for a file's path makes opening it fail so.
    var openFault: ((String) -> Int32?)?

    public init(config: PipelineConfig, exportsFolder: String, rehash: Bool = false) {
        self.config = config
        self.exportsFolder = exportsFolder
        self.rehash = rehash
    }

    /// Why this ingest reads every export's content again, or nil: `--rehash`, or
    /// `rehash_every_days` have passed (by the run's time) since the last such ingest.
    public func contentCheckReason(store: OutcomesStore, now: Int64) throws -> StaleReason? {
        let days = config.rehashEveryDays
        if rehash { return .contentCheck(asked: true, everyDays: days) }
        guard days > 0 else { return nil }
        if let last = try store.lastContentCheck(), now - last < Int64(days) * 86_400 { return nil }
        return .contentCheck(asked: false, everyDays: days)
    }

    public func run(store: OutcomesStore, runID: Int64?, now: Int64, progress: (String) -> Void = { _ in }) throws -> IngestSummary {
        try store.withIngestTuning { try runFiles(store: store, runID: runID, now: now, progress: progress) }
    }

    private func runFiles(store: OutcomesStore, runID: Int64?, now: Int64, progress: (String) -> Void) throws -> IngestSummary {
        guard let zone = LocalTimeZone(identifier: config.timezone) else {
            throw PipelineFileError(path: config.path, line: nil, "unknown time zone \(config.timezone)")
        }
        var summary = IngestSummary()
        summary.checkedContent = try contentCheckReason(store: store, now: now) != nil
        var skippedUnread = false
        let checkContent = summary.checkedContent
        let (exports, others) = try ExportDiscovery.scan(in: exportsFolder, sources: config.sources)
        // Data dictionaries first: every data file is read with them. A file known as scores or
        // sessions is not opened for that.
        let dictionaries = try ExportDictionaries.find(exports: exports, exportsFolder: exportsFolder, config: config, isKnownExport: { export, file in
            guard !checkContent else { return false }
            let kind = try store.knownFileKind(path: export.relativePath, sizeBytes: file.stamp.size, modifiedNs: file.stamp.modifiedNs)
            return kind == "scores" || kind == "sessions"
        }, fault: openFault)
        // Keys that have no effect, and mappings that find nothing, stop the ingest before any file is read.
        try checkSources(exports, dictionaries)
        for (number, export) in exports.enumerated() {
            let outcome: FileOutcome
            let isDictionary = dictionaries.isDictionary(export.relativePath)
            switch OpenExport.open(folder: exportsFolder, entry: export.entry, fault: openFault) {
            case .failure(let reason):
                outcome = try unreadable(export, reason, store: store, runID: runID, now: now)
            case .success(let file):
                outcome = try ingest(export, file, zone: zone, checkContent: checkContent, store: store, runID: runID, now: now,
                                     dictionaries: isDictionary ? nil : dictionaries.dictionaries(forSource: export.sourceIndex, export.source.options),
                                     skippedUnread: &skippedUnread)
            }
            if !isDictionary, case .ingested(let counts) = outcome {
                if let reason = counts.noRecordsReason { summary.warnings.append("\(export.relativePath): \(reason)") }
                summary.warnings += counts.warnings.map { "\(export.relativePath): \($0)" }
            }
            summary.files.append((export.relativePath, outcome))
            progress("ingest: \(number + 1)/\(exports.count) files, \(summary.totals.records) records")
        }
        for entry in others where !isOwnFile(entry, store: store) && !dictionaries.namedPaths.contains(FileSystemPath.resolved(exportsFolder + "/" + entry.displayPath)) {
            if let reason = try listOther(entry, checkContent: checkContent, store: store, runID: runID, now: now) {
                summary.files.append((entry.displayPath, .unrecognised(reason, firstSeen: true)))
            }
        }
        // Listings of files that were unreadable and are now read, or gone, are closed.
        let stillUnreadable = Set(summary.unreadable.map(\.path))
        for path in try store.openUnreadable().keys where !stillUnreadable.contains(path) {
            try store.resolveUnreadable(path: path, at: now)
            summary.resolvedUnreadable += 1
        }
        // An ingest that read every file's content (asked for, due, or a first ingest) resets the clock.
        if summary.checkedContent || !skippedUnread {
            summary.checkedContent = true
            try store.recordContentCheck(at: now, runID: runID)
        }
        return summary
    }

    private func unreadable(_ export: DiscoveredExport, _ reason: UnreadableReason, store: OutcomesStore, runID: Int64?, now: Int64) throws -> FileOutcome {
        let first = try store.recordUnreadable(path: export.relativePath, reason: reason.description, runID: runID, at: now)
        return .unreadable(reason.description, firstSeen: first)
    }

    /// The check of `SourceCheck`, over every regular file of each source that has a key to
    /// check (dictionaries left out). Sources with no such key open nothing here.
    private func checkSources(_ exports: [DiscoveredExport], _ dictionaries: ExportDictionaries) throws {
        let check = SourceCheck(config: config)
        for index in config.sources.indices where !config.sources[index].effectKeys.isEmpty {
            var opened: [OpenExport] = []
            var files: [SourceCheck.File] = []
            for export in exports where export.sourceIndex == index && !dictionaries.isDictionary(export.relativePath) {
                guard case .success(let file) = OpenExport.open(folder: exportsFolder, entry: export.entry, fault: openFault) else { continue }
                opened.append(file)
                files.append(SourceCheck.File(name: export.relativePath, readPath: file.readPath))
            }
            try withExtendedLifetime(opened) {
                try check.check(source: index, files: files, dictionaries: dictionaries.dictionaries(forSource: index, config.sources[index].options))
            }
        }
    }

    /// The database's own files (with its `-wal`, `-shm`, `-journal`, `.lock` and
    /// `.checked` stamp, DatabaseStamp), should the
    /// database sit inside the export folder: never listed as other files.
    private func isOwnFile(_ entry: ExportEntry, store: OutcomesStore) -> Bool {
        let database = FileSystemPath.resolved(store.path)
        let folder = FileSystemPath.resolved(exportsFolder)
        guard FileSystemPath.isWithin(database, folder) else { return false }
        let path = FileSystemPath.resolved(exportsFolder + "/" + entry.displayPath)
        return ["", "-wal", "-shm", "-journal", ".lock", ".checked", ".checked.tmp"].contains { database + $0 == path }
    }

    /// A file of the export folder that no source's pattern matches: listed once as
    /// unrecognised, with what it looks like (nil when it was listed before, is known, or
    /// cannot be read: such a file is not an export, so it is not warned about as unreadable).
    private func listOther(_ entry: ExportEntry, checkContent: Bool, store: OutcomesStore, runID: Int64?, now: Int64) throws -> String? {
        guard case .success(let file) = OpenExport.open(folder: exportsFolder, entry: entry, fault: openFault) else { return nil }
        let path = entry.displayPath
        if !checkContent, try store.knownFileKind(path: path, sizeBytes: file.stamp.size, modifiedNs: file.stamp.modifiedNs) != nil { return nil }
        let digest: String, size: Int
        do {
            (digest, size) = try SHA256.ofFile(descriptor: file.descriptor, path: path)
        } catch is FileReadError {
            return nil
        }
        let content = FileContentSniffer.sniff(file.leadingBytes(), name: path)
        var looks = "it looks like \(content.description)"
        if content == .csv, case .success? = try? DictionaryFile.read(path: file.readPath, name: path) {
            looks = "it looks like a REDCap data dictionary; add a [[sources]] pattern that matches it, or name it in a source with dictionary = \"…\""
        }
        let reason = "not read: no [[sources]] pattern matches it; " + looks
        let info = SourceFileInfo(path: path, sizeBytes: size, sha256: digest, kind: "unrecognised", form: nil, runID: runID,
                                  ingestedAt: now, modifiedNs: file.stamp.modifiedNs)
        return try store.recordUnrecognised(info, reason: reason) ? reason : nil
    }

    /// The file changed between its first stamp and the end of its parse.
    private struct ChangedWhileRead: Error {}

    /// One regular file: skipped when known by size and modification time (unless its content
    /// is checked), else hashed and parsed. Its stamp (size, modification and change time) is
    /// taken before hashing and again after parsing, on the open descriptor; if they differ the
    /// file is read once more, and if it changes again it is listed as unreadable. So the
    /// stored SHA-256 and size always cover exactly the bytes that were parsed.
    /// `dictionaries` nil: the file is a data dictionary (recorded with no records, kind
    /// `dictionary`; one that cannot be used is listed as unrecognised with the reason).
    private func ingest(_ export: DiscoveredExport, _ file: OpenExport, zone: LocalTimeZone, checkContent: Bool,
                        store: OutcomesStore, runID: Int64?, now: Int64, dictionaries: [RedcapDictionary]?,
                        skippedUnread: inout Bool) throws -> FileOutcome {
        let path = export.relativePath
        if !checkContent, let kind = try store.knownFileKind(path: path, sizeBytes: file.stamp.size, modifiedNs: file.stamp.modifiedNs),
           kind != "unrecognised" {
            skippedUnread = true
            return .alreadyIngested(as: path)
        }
        do {
            var before = file.stamp
            for _ in 1...2 {
                defer { before = file.currentStamp() ?? before }
                let (digest, size) = try SHA256.ofFile(descriptor: file.descriptor, path: path)
                guard size == before.size, file.currentStamp() == before else { continue }
                if let earlier = try store.ingestedPath(sha256: digest) {
                    try store.refreshStamp(path: path, sha256: digest, sizeBytes: size, modifiedNs: before.modifiedNs)
                    return .alreadyIngested(as: earlier)
                }
                try afterHashing?(path)
                var info = SourceFileInfo(path: path, sizeBytes: size, sha256: digest, kind: "unrecognised",
                                          form: nil, runID: runID, ingestedAt: now, modifiedNs: before.modifiedNs)
                guard let dictionaries else {
                    // A data dictionary was found by its header before; if it no longer is one, it changed.
                    guard let parsed = try DictionaryFile.read(path: file.readPath, name: path), file.currentStamp() == before else { continue }
                    switch parsed {
                    case .success:
                        info.kind = "dictionary"
                        info.form = "redcap-dictionary"
                        return .ingested(try store.ingest(info) { _ in FileCounts() })
                    case .failure(let problem):
                        let reason = DictionaryFile.unusable(problem)
                        return .unrecognised(reason, firstSeen: try store.recordUnrecognised(info, reason: reason))
                    }
                }
                var reader = ExportFile(path: file.readPath, options: export.source.options, zone: zone, rules: config.analysis.scoring,
                                        dictionaries: dictionaries)
                reader.name = path
                switch try reader.layout() {
                case .failure(let problem):
                    guard file.currentStamp() == before else { continue }
                    let first = try store.recordUnrecognised(info, reason: problem.description)
                    return .unrecognised(problem.description, firstSeen: first)
                case .success(let (layout, header)):
                    info.kind = layout.kind.rawValue
                    info.form = layout.formName
                    do {
                        let counts = try store.ingest(info) { writer in
                            let counts = try Self.load(reader, layout: layout, header: header, into: writer)
                            // Checked inside the file's transaction: rows of a changed file are never committed.
                            guard file.currentStamp() == before else { throw ChangedWhileRead() }
                            return counts
                        }
                        Checkpoint.reach("ingest.file-committed")
                        return .ingested(counts)
                    } catch is ChangedWhileRead {
                        continue
                    }
                }
            }
            return try unreadable(export, .changedWhileRead, store: store, runID: runID, now: now)
        } catch let failure as FileReadError {
            return try unreadable(export, .failed(failure.reason), store: store, runID: runID, now: now)
        }
    }

    /// What the next ingest would find (it may still find a new file's content ingested under
    /// another name). A file seen before and recorded as unrecognised is not new: only a change
    /// of the sources makes it worth another look, and the plan tells that from the ingest
    /// settings. A file unreadable for the reason already listed is not new either.
    public func checkExports(store: OutcomesStore) throws -> ExportsCheck {
        var check = ExportsCheck()
        var listed = try store.openUnreadable()
        let (exports, others) = try ExportDiscovery.scan(in: exportsFolder, sources: config.sources)
        let named = Set(config.sources.compactMap { source in
            source.options.dictionary.flatMap { DictionaryFile.locate($0, exportsFolder: exportsFolder) }.map(FileSystemPath.resolved)
        })
        for entry in others where !isOwnFile(entry, store: store) && !named.contains(FileSystemPath.resolved(exportsFolder + "/" + entry.displayPath)) {
            guard case .success(let file) = OpenExport.open(folder: exportsFolder, entry: entry, fault: openFault),
                  try store.knownFileKind(path: entry.displayPath, sizeBytes: file.stamp.size, modifiedNs: file.stamp.modifiedNs) == nil else { continue }
            check.others.append(entry.displayPath)
        }
        for export in exports {
            let path = export.relativePath
            let wasListed = listed.removeValue(forKey: path)
            switch OpenExport.open(folder: exportsFolder, entry: export.entry, fault: openFault) {
            case .failure(let reason):
                check.unreadable.append(UnreadableExport(path: path, reason: reason.description))
                if wasListed != reason.description { check.pending.append(export) }
            case .success(let file):
                let known = try store.knownFileKind(path: path, sizeBytes: file.stamp.size, modifiedNs: file.stamp.modifiedNs)
                if wasListed != nil || known == nil { check.pending.append(export) }
            }
        }
        check.gone = listed.keys.sorted()
        return check
    }
}
