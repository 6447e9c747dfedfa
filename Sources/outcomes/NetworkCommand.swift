import ArgumentParser
import OutcomesNetwork
import OutcomesPipeline

struct Network: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the network's report from its sites' published aggregates, pooled exactly (docs/network.md).",
        discussion: """
            With --setup (the coordinator's role): bring the network database's schema up to date and register the \
            sites the file lists, each with its login role outcomes_site_<site>.
            """)

    @Argument(help: "The network file (NETWORK.toml).")
    var file: String

    @Flag(help: "Create or upgrade the network database's tables and roles, and register the listed sites.")
    var setup = false

    @Option(help: "Connect with this libpq URL instead of [network] url (e.g. the coordinator's role for --setup).")
    var url: String?

    func run() throws {
        let config: NetworkConfig
        do {
            config = try NetworkConfig.load(path: file)
        } catch {
            throw Exit.failure(error)
        }
        do {
            if setup {
                let database = try NetworkDatabase(url: url ?? config.url)
                let applied = try database.migrate()
                for site in config.sites { try database.addSite(site) }
                print("network: \(applied) migration(s) applied; site(s) \(config.sites.joined(separator: ", ")) registered as "
                    + config.sites.map(NetworkDatabase.role(ofSite:)).joined(separator: ", "))
                return
            }
            var stageConfig = config
            if let url { stageConfig.url = url }
            print(try NetworkReportStage(config: stageConfig).run(now: RunClock.now()).line)
        } catch {
            throw Exit.failure(error)
        }
    }
}
