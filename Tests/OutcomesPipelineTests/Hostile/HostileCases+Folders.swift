/// Report folders that are not the pipeline's own, damaged databases, bad pipeline files.
extension HostileCase {
    static func pipeline(reports: String, database: String = "work/o.sqlite") -> HostileSetup {
        .pipeline(HostileFolder.defaultPipeline(patterns: ["*.csv"])
            .replacingOccurrences(of: "reports = \"work/report\"", with: "reports = \"\(reports)\"")
            .replacingOccurrences(of: "database = \"work/o.sqlite\"", with: "database = \"\(database)\""))
    }

    /// The report folder reaches user data: refused with exit 64 before any stage runs, and
    /// every user file stays as it was (the generic snapshot check).
    static func refused(_ name: String, _ what: String, _ setup: [HostileSetup], arguments: [String] = [],
                        _ configure: (inout HostileCase) -> Void = { _ in }) -> HostileCase {
        var hostile = fault(name, what, setup) { $0.exit = 64; $0.allowedExits = [64]; $0.report = nil; $0.arguments = arguments }
        configure(&hostile)
        return hostile
    }

    static let reportFolders: [HostileCase] = [
        refused("out-user-folder", "--out at a folder of the user's (thesis.docx, notes/)",
                [.userFile("docs/thesis.docx", "chapter one"), .userFile("docs/notes/todo.txt", "write chapter two")],
                arguments: ["--out", "docs"]) { $0.stderrContains = ["docs"] },
        refused("out-user-file", "--out at a file of the user's", [.userFile("precious.txt", "keep me")], arguments: ["--out", "precious.txt"]),
        refused("reports-is-exports", "reports = the exports folder", [pipeline(reports: "exports")]) { $0.stderrContains = ["exports"] },
        refused("reports-dotdot-exports", "reports = \"exports/../exports\"", [pipeline(reports: "exports/../exports")]),
        refused("reports-inside-exports", "reports = \"exports/report\", inside the exports folder", [pipeline(reports: "exports/report")]),
        refused("reports-contains-exports", "reports = \".\", the folder holding the exports and the database", [pipeline(reports: ".")]),
        refused("reports-contains-database", "reports = \"work/reports/..\" with the database in work/db", [
            pipeline(reports: "work/reports/..", database: "work/db/o.sqlite"),
            .priorRun(["run", "pipeline.toml", "--out", "work/first-report"]),
        ]) { $0.database = "work/db/o.sqlite"; $0.mustExist = ["work/db/o.sqlite"]; $0.checkRows = false },
        refused("period-template-shared", "reports = \"shared/{period}\" resolving to a shared folder with files",
                [.userFile("shared/all/budget.xlsx", "numbers"), pipeline(reports: "shared/{period}")]),
        refused("out-link-to-user-folder", "--out through a link to the user's folder", [
            .userFile("docs/thesis.docx", "chapter one"), .symlink("/work-link", to: "docs"),
        ], arguments: ["--out", "work-link"]),
        fault("out-own-previous-report", "--out at the folder a previous report wrote (its manifest): replaced", [
            .priorRun(["run", "pipeline.toml", "--out", "mine"]), .userFile("exports/later.csv", "patient_id,instrument,administered_at,total\nP7,GAD-7,2026-03-09,4\n"),
        ]) { $0.exit = 0; $0.arguments = ["--out", "mine"]; $0.report = "mine" },
        fault("out-empty-folder", "--out at an empty folder: used", [.directory("/empty")]) {
            $0.exit = 0; $0.arguments = ["--out", "empty"]; $0.report = "empty"
        },
    ]

    static let databases: [HostileCase] = [
        fault("database-garbage", "the database file holds text, not SQLite", [.priorRun(["run", "pipeline.toml"]), .damageDatabase(.garbage)]) {
            $0.exit = 1; $0.allowedExits = [1]; $0.checkRows = false; $0.stderrContains = ["work/o.sqlite"]
            $0.status = true; $0.statusContains = ["work/o.sqlite"]
        },
        fault("database-damaged-pages", "the database's pages after the first overwritten: quick_check before writing", [
            .priorRun(["run", "pipeline.toml"]), .damageDatabase(.pages), .userFile("exports/new.csv", "patient_id,instrument,administered_at,total\nP8,GAD-7,2026-03-09,4\n"),
        ]) {
            $0.exit = 1; $0.allowedExits = [1]; $0.checkRows = false; $0.stderrContains = ["work/o.sqlite"]
            $0.status = true; $0.statusContains = ["work/o.sqlite"]
        },
        fault("database-truncated", "the database cut to half its size", [.priorRun(["run", "pipeline.toml"]), .damageDatabase(.truncate)]) {
            $0.exit = 1; $0.allowedExits = [1]; $0.checkRows = false; $0.stderrContains = ["work/o.sqlite"]
            $0.status = true; $0.statusContains = ["work/o.sqlite"]
        },
        fault("database-is-folder", "the database path is a folder", [.directory("/work/o.sqlite")]) {
            $0.allowedExits = [1, 64, 66]; $0.checkRows = false; $0.stderrContains = ["work/o.sqlite"]
            $0.status = true; $0.statusContains = ["work/o.sqlite"]
        },
    ]

    static let pipelineFiles: [HostileCase] = [
        fault("pipeline-latin1", "a Latin-1 byte in the pipeline file", base: "pipeline-latin1") { $0.exit = 64; $0.allowedExits = [64]; $0.stderrContains = ["UTF-8"] },
        fault("pipeline-nul", "a NUL byte in a pipeline file's string", base: "pipeline-nul") { $0.exit = 64; $0.allowedExits = [64] },
        fault("pipeline-utf16", "a UTF-16 pipeline file", base: "pipeline-utf16") { $0.exit = 64; $0.allowedExits = [64]; $0.stderrContains = ["UTF-16"] },
        fault("pipeline-bom", "a UTF-8 byte-order mark before the pipeline file's first key", base: "pipeline-bom") { $0.allowedExits = [0, 64] },
        fault("pipeline-fifo", "the pipeline file is a FIFO (nothing writes to it)", [.fifo("/p.fifo")]) {
            $0.arguments = []; $0.exit = 64; $0.allowedExits = [64]; $0.pipelineFile = "p.fifo"
        },
        fault("pipeline-is-folder", "the pipeline file is a folder", [.directory("/p.d")]) {
            $0.exit = 64; $0.allowedExits = [64]; $0.pipelineFile = "p.d"
        },
        fault("exports-is-a-file", "the exports folder is a file", base: nil, [.userFile("exports-file", "x"), pipelineWith(exports: "exports-file")]) {
            $0.exit = 66; $0.allowedExits = [66]
        },
    ]

    static func pipelineWith(exports: String) -> HostileSetup {
        .pipeline(HostileFolder.defaultPipeline(patterns: ["*.csv"]).replacingOccurrences(of: "exports = \"exports\"", with: "exports = \"\(exports)\""))
    }

    static let all: [HostileCase] = files + specialFiles + generatedFiles + names + reportFolders + databases + pipelineFiles
}
