import Foundation

/// A throw-away PostgreSQL cluster for one test: `initdb` into a temporary folder, a server on
/// a Unix socket in that folder (no TCP port, so parallel tests cannot collide), stopped and
/// removed when the value is dropped. Run as root (CI), the server runs as the `postgres`
/// user, as PostgreSQL requires. The superuser is `outcomes_admin`; every role authenticates
/// by `trust` on the socket, so a test can connect as any role it creates.
public final class PostgresCluster {
    public let folder: String
    private let bin: String
    private let asPostgres: Bool

    /// The connection string for `role` (a libpq key/value string; database `postgres`).
    public func url(role: String = "outcomes_admin", database: String = "postgres") -> String {
        "host=\(folder) port=5432 dbname=\(database) user=\(role)"
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    public init() throws {
        guard let bin = Self.serverBin() else {
            throw Unavailable(description: "no PostgreSQL server (initdb) under /usr/lib/postgresql: `make test` installs Debian's postgresql")
        }
        self.bin = bin
        asPostgres = getuid() == 0
        folder = NSTemporaryDirectory() + "outcomes-pg-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if asPostgres { try Self.run("/bin/chown", ["postgres", folder], asPostgres: false) }
        try Self.run("\(bin)/initdb", ["-D", "\(folder)/data", "-U", "outcomes_admin", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"],
                     asPostgres: asPostgres)
        try Self.run("\(bin)/pg_ctl", ["-D", "\(folder)/data", "-l", "\(folder)/server.log", "-w", "-t", "120",
                                      "-o", "-k \(folder) -p 5432 -c listen_addresses='' -c fsync=off", "start"], asPostgres: asPostgres)
    }

    deinit {
        try? Self.run("\(bin)/pg_ctl", ["-D", "\(folder)/data", "-m", "immediate", "-w", "stop"], asPostgres: asPostgres)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Debian's server binaries (`/usr/lib/postgresql/<major>/bin`), the newest major.
    static func serverBin() -> String? {
        let root = "/usr/lib/postgresql"
        let majors = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return majors.reversed().map { "\(root)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }

    /// Runs a tool and waits for it with posix_spawn and waitpid. (Foundation's Process waited
    /// forever here: `pg_ctl start` leaves a daemon behind, and the wait never saw runuser exit.)
    static func run(_ tool: String, _ arguments: [String], asPostgres: Bool) throws {
        let argv = asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--", tool] + arguments : [tool] + arguments
        let log = NSTemporaryDirectory() + "outcomes-pg-tool-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pointers: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &pointers, environ)
        guard spawned == 0 else { throw Unavailable(description: "cannot start \(argv[0]): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = status & 0x7F == 0 && (status >> 8) & 0xFF == 0
        guard exited else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw Unavailable(description: "\(tool) \(arguments.joined(separator: " ")) failed: \(text)")
        }
    }
}
