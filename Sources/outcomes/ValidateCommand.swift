import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesIO
import OutcomesPipeline

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check export files without loading them; exit 1 if any row would be rejected.",
        discussion: """
            Prints one line per rejected row: FILE:LINE: column NAME: reason. Duplicates and corrections are not errors. \
            A REDCap data dictionary among the files is used for the others. With --pipeline, a [[sources]] key that has \
            no effect on the files, or a columns entry that matches no column, exits 64 before any file is read.
            """)

    @Argument(help: "Export files (CSV).")
    var files: [String]

    @Option(help: "Read the files as this pipeline would (its time zone and sources); default: UTC, forms told from headers.")
    var pipeline: String?

    func run() throws {
        let config = try pipeline.map(loadPipeline) ?? PipelineConfig(path: "-", name: "validate")
        guard let zone = LocalTimeZone(identifier: config.timezone) else { throw Exit.usage }
        var rejected = 0
        var missing = false
        // The files that can be read, each with its source; the others are named and left out.
        var readable: [(path: String, source: Int?)] = []
        for path in files {
            guard FileManager.default.fileExists(atPath: path) else {
                printError("\(path): no such file")
                missing = true
                continue
            }
            // Only a regular file is read: a FIFO or a link to /dev/zero would never end.
            if case .failure(let reason) = OpenExport.open(path: path) {
                printError("\(path) could not be read: \(reason)")
                missing = true
                continue
            }
            let name = (path as NSString).lastPathComponent
            readable.append((path, config.sources.firstIndex { fnmatch($0.pattern, name, 0) == 0 }))
        }
        func opened(_ path: String) -> OpenExport? { try? OpenExport.open(path: path).get() }
        func source(_ index: Int?) -> SourceConfig {
            index.map { config.sources[$0] } ?? SourceConfig(options: SourceOptions(answers: config.answers))
        }

        // Data dictionaries first (among the files, and those the sources name), then the check
        // of the sources against the files' headers, before any file is read.
        var dictionaries = ExportDictionaries()
        do {
            for file in readable {
                guard let open = opened(file.path) else { continue }
                try dictionaries.look(at: file.path, readPath: open.readPath, resolvedPath: FileSystemPath.resolved(file.path))
            }
            try dictionaries.resolveNamed(config: config, exportsFolder: config.exports)
            for index in config.sources.indices {
                var handles: [OpenExport] = []
                var checked: [SourceCheck.File] = []
                for file in readable where file.source == index && !dictionaries.isDictionary(file.path) {
                    guard let open = opened(file.path) else { continue }
                    handles.append(open)
                    checked.append(SourceCheck.File(name: file.path, readPath: open.readPath))
                }
                try withExtendedLifetime(handles) {
                    try SourceCheck(config: config).check(source: index, files: checked,
                                                          dictionaries: dictionaries.dictionaries(forSource: index, config.sources[index].options))
                }
            }
        } catch {
            throw Exit.failure(error)
        }

        for (path, index) in readable {
            if let parsed = dictionaries.found[path] {
                switch parsed {
                case .success(let dictionary): print(DictionaryFile.summary(dictionary, name: path))
                case .failure(let problem):
                    print("\(path):1: unrecognised file: \(DictionaryFile.unusable(problem))")
                    rejected += 1
                }
                continue
            }
            guard let open = opened(path) else { continue }
            let options = source(index).options
            var file = ExportFile(path: open.readPath, options: options, zone: zone, rules: config.analysis.scoring,
                                  dictionaries: index.map { dictionaries.dictionaries(forSource: $0, options) } ?? dictionaries.valid)
            file.name = path
            var records = 0, bad = 0, others = 0
            switch try file.layout() {
            case .failure(let problem):
                print("\(path):1: unrecognised file: \(problem)")
                rejected += 1
                continue
            case .success(let (layout, header)):
                let reading = try file.readCounting(layout: layout, header: header) { event in
                    switch event {
                    case .emptyRow: break
                    case .ignored: others += 1
                    case .joined: break
                    case .malformed(let m):
                        records += 1; bad += 1
                        print("\(path):\(m.line): \(m.reason)")
                    case .record(let line, let outcome):
                        records += 1
                        if case .rejected(let problem) = outcome {
                            bad += 1
                            print("\(path):\(line): \(problem)")
                        }
                    }
                }
                let notRead = others == 0 ? "" : ", \(others) other row\(others == 1 ? "" : "s") not read (not an instrument or a ketamine session)"
                print("\(path): \(layout.formName) export, \(records) records, \(bad) would be rejected\(notRead)")
                for note in layout.form.notes { print("\(path):1: \(note)") }
                // An instrument whose columns are there but from which nothing could be read fails validation.
                for instrument in reading.unreadInstruments {
                    print("\(path):1: \(instrument.warning(file: nil))")
                    bad += 1
                }
            }
            rejected += bad
        }
        if missing { throw Exit.inputMissing }
        if rejected > 0 { throw Exit.stageFailed }
    }
}
