import ArgumentParser
import Foundation
import OutcomesCore
import OutcomesIO
import OutcomesPipeline

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check export files without loading them; exit 1 if any row would be rejected.",
        discussion: "Prints one line per rejected row: FILE:LINE: column NAME: reason. Duplicates and corrections are not errors.")

    @Argument(help: "Export files (CSV).")
    var files: [String]

    @Option(help: "Read the files as this pipeline would (its time zone and sources); default: UTC, forms told from headers.")
    var pipeline: String?

    func run() throws {
        let config = try pipeline.map(loadPipeline) ?? PipelineConfig(path: "-", name: "validate")
        guard let zone = LocalTimeZone(identifier: config.timezone) else { throw Exit.usage }
        var rejected = 0
        var missing = false
        for path in files {
            guard FileManager.default.fileExists(atPath: path) else {
                printError("\(path): no such file")
                missing = true
                continue
            }
            let name = (path as NSString).lastPathComponent
            let source = config.sources.first { fnmatch($0.pattern, name, 0) == 0 } ?? SourceConfig()
            // Only a regular file is read: a FIFO or a link to /dev/zero would never end.
            let opened: OpenExport
            switch OpenExport.open(path: path) {
            case .failure(let reason):
                printError("\(path) could not be read: \(reason)")
                missing = true
                continue
            case .success(let file): opened = file
            }
            let file = ExportFile(path: opened.readPath, options: source.options, zone: zone, rules: config.analysis.scoring)
            var records = 0, bad = 0
            switch try file.layout() {
            case .failure(let problem):
                print("\(path):1: unrecognised file: \(problem)")
                rejected += 1
                continue
            case .success(let (layout, header)):
                try file.read(layout: layout, header: header) { event in
                    switch event {
                    case .emptyRow: break
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
                print("\(path): \(layout.formName) export, \(records) records, \(bad) would be rejected")
            }
            rejected += bad
        }
        if missing { throw Exit.inputMissing }
        if rejected > 0 { throw Exit.stageFailed }
    }
}
