/// Faults made at test time: special files, links, generated sizes, odd names, report folders
/// pointing at user data, damaged databases, bad pipeline files.
extension HostileCase {
    static func fault(_ name: String, _ what: String, base: String? = "base-valid", _ setup: [HostileSetup] = [],
                      _ configure: (inout HostileCase) -> Void = { _ in }) -> HostileCase {
        var hostile = HostileCase(name: name, what: what, fixture: base, setup: setup)
        configure(&hostile)
        return hostile
    }

    /// One unreadable export among good ones: listed once, the night goes on, exit 2.
    static func unreadable(_ name: String, _ what: String, _ setup: [HostileSetup]) -> HostileCase {
        fault(name, what, setup) { $0.exit = 2; $0.dataQualityContains = ["unreadable"]; $0.reportWritten = true }
    }

    static let mib = 1 << 20

    static let specialFiles: [HostileCase] = [
        unreadable("fifo-export", "a FIFO named pipe.csv (nothing ever writes to it)", [.fifo("pipe.csv")]),
        unreadable("socket-export", "a Unix socket named sock.csv", [.socket("sock.csv")]),
        unreadable("link-to-dev-zero", "zero.csv links to /dev/zero (endless)", [.symlink("zero.csv", to: "/dev/zero")]),
        unreadable("link-to-dev-null", "null.csv links to /dev/null (a device)", [.symlink("null.csv", to: "/dev/null")]),
        unreadable("dangling-link", "gone.csv links to a file that does not exist", [.symlink("gone.csv", to: "missing/nothing.csv")]),
        unreadable("self-link-loop", "loop.csv links to itself", [.symlink("loop.csv", to: "loop.csv")]),
        unreadable("two-link-loop", "ping.csv and pong.csv link to each other", [.symlink("ping.csv", to: "pong.csv"), .symlink("pong.csv", to: "ping.csv")]),
        unreadable("permission-denied", "a file with mode 000 (run as nobody when the tests run as root)",
                   [.generated("locked.csv", .rows(3)), .mode("locked.csv", 0)]),
        fault("permission-denied-folder", "a subfolder with mode 000 that the sources' `*/*.csv` reach", [
            .directory("clinic2"), .generated("clinic2/a.csv", .rows(3)), .mode("clinic2", 0),
        ]) { $0.patterns = ["*.csv", "*/*.csv"]; $0.exit = 2; $0.dataQualityContains = ["unreadable"]; $0.reportWritten = true },
        fault("link-to-folder", "folder.csv links to a folder", [.directory("/elsewhere"), .symlink("folder.csv", to: "../elsewhere")]) {
            $0.allowedExits = [0, 2]
        },
        fault("link-to-regular-file", "valid.csv links to an export outside the folder: read like a file", [
            .userFile("outside/real.csv", "patient_id,instrument,administered_at,total\nP9,GAD-7,2026-03-04 09:00,5\n"),
            .symlink("valid.csv", to: "../outside/real.csv"),
        ]) { $0.exit = 0 },
    ]

    static let generatedFiles: [HostileCase] = [
        fault("field-3mib-quoted", "one quoted field of 3 MiB: rejected for the 1 MiB limit, the next row read", base: nil,
              [.generated("big.csv", .longField(bytes: 3 * mib, quoted: true))]) { $0.exit = 0; $0.dataQualityContains = ["1 MiB"] },
        fault("line-3mib-unquoted", "one unquoted line of 3 MiB", base: nil,
              [.generated("big.csv", .longField(bytes: 3 * mib, quoted: false))]) { $0.exit = 0; $0.dataQualityContains = ["1 MiB"] },
        fault("field-under-limit", "a field of 900 KiB, under the limit: judged on its value", base: nil,
              [.generated("big.csv", .longField(bytes: 900 << 10, quoted: true))]) { $0.exit = 0 },
        fault("ten-thousand-columns", "10,000 columns, the contract's four first", base: nil, [.generated("wide.csv", .columns(10_000))]) { $0.exit = 0 },
        fault("sparse-8mib", "an 8 MiB sparse file of zero bytes (one endless line; 8 MiB keeps the debug build's hashing short)", base: nil,
              [.generated("sparse.csv", .sparse(bytes: 8 * mib))]) { $0.exit = 0 },
        fault("many-rows", "20,000 valid rows", base: nil, [.generated("many.csv", .rows(20_000))]) { $0.exit = 0 },
    ]

    static let names: [HostileCase] = [
        fault("latin1-file-name", "a file named caf\\xE9.csv in Latin-1 bytes: found, read, shown escaped", base: "named-export",
              [.rename("scores.csv", to: Array("caf".utf8) + [0xE9] + Array(".csv".utf8))]) { $0.exit = 0 },
        fault("cr-in-file-name", "a CR in a file name: the report.md table row must not end", base: "named-export",
              [.rename("scores.csv", to: Array("a\rb.csv".utf8))]) { $0.exit = 0; $0.reportMustNotContain = ["a\rb"] },
        fault("newline-in-file-name", "a line feed in a file name", base: "named-export",
              [.rename("scores.csv", to: Array("a\nb.csv".utf8))]) { $0.exit = 0; $0.reportMustNotContain = ["a\nb"] },
        fault("dash-rf-file-name", "a file named -rf.csv", base: "named-export", [.rename("scores.csv", to: Array("-rf.csv".utf8))]) { $0.exit = 0 },
        fault("spaces-in-file-name", "a file named `my scores (1).csv`", base: "named-export",
              [.rename("scores.csv", to: Array("my scores (1).csv".utf8))]) { $0.exit = 0 },
        fault("md-image-file-name", "a file named `![t](x.png).csv`", base: "named-export",
              [.rename("scores.csv", to: Array("![t](x.png).csv".utf8))]) { $0.exit = 0; $0.reportMustNotContain = ["![t](x.png)"] },
        fault("md-link-file-name", "a file named `[click](javascript:alert(1)).csv`", base: "named-export",
              [.rename("scores.csv", to: Array("[click](javascript:alert(1)).csv".utf8))]) {
            $0.exit = 0; $0.reportMustNotContain = ["[click](javascript:alert(1))"]
        },
        fault("html-file-name", "a file named `<img src=x onerror=alert(1)>.csv`", base: "named-export",
              [.rename("scores.csv", to: Array("<img src=x onerror=alert(1)>.csv".utf8))]) { $0.exit = 0; $0.reportMustNotContain = ["<img"] },
        fault("formula-file-name", "a file named `=cmd|' C calc'!A0.csv`: the data_quality.csv file cell", base: "named-export",
              [.rename("scores.csv", to: Array("=cmd|' C calc'!A0.csv".utf8))]) { $0.exit = 0; $0.noFormulaCells = true },
    ]
}
