import Testing
@testable import OutcomesCore
@testable import OutcomesPipeline

/// The network file's keys: exact messages naming the line, the key and what is allowed.
@Suite struct NetworkConfigTests {
    static let head: String = "[network]\nname = \"net\"\nurl = \"postgresql://alice@db/network\"\n"

    static let cases: [(String, String)] = [
        ("name = \"n\"\n", "n.toml line 1: name: unknown key; allowed here: network"),
        ("[network]\nname = \"net\"\nsites = [\"a\"]\n",
         "n.toml line 1: [network] needs url = \"…\" (the network database, e.g. \"postgresql://outcomes_site_north@db.example.org/network\")"),
        (head, "n.toml line 1: [network] needs sites = [\"…\", …] (the site names that publish to this network)"),
        (head + "sites = [\"a\", \"B\"]\n", "n.toml line 4: [network] sites: item 2 is not a site name; use lower-case letters, digits, - and _ (at most 40)"),
        (head + "sites = [\"a\", \"a\"]\n", "n.toml line 4: [network] sites: 'a' is listed twice"),
        (head + "sites = []\n", "n.toml line 4: [network] sites: must name at least one site"),
        (head + "sites = [\"a\"]\nperiod = \"Q3\"\n",
         "n.toml line 5: [network] period: 'Q3' is not a period; allowed: all, YYYYQn (2026Q3), YYYY-MM-DD..YYYY-MM-DD, last-quarter"),
        (head + "sites = [\"a\"]\nmin_cell = -1\n", "n.toml line 5: [network] min_cell: must be a whole number from 0 to 1000000"),
        (head + "sites = [\"a\"]\nsite = \"a\"\n",
         "n.toml line 5: [network] site: unknown key; allowed here: name, url, period, min_cell, sites, reports"),
        ("[network]\nname = \"net\"\nurl = \"postgresql://alice:pw@db/network\"\nsites = [\"a\"]\n",
         "n.toml line 3: [network] url: must not hold a password; put it in the PGPASSWORD environment variable or ~/.pgpass"),
        ("[network\n", "n.toml line 1: not valid TOML"),
    ]

    @Test(arguments: cases)
    func errorsNameKeyAndLine(text: String, message: String) {
        do {
            _ = try NetworkConfig.parse(text: text, path: "n.toml")
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }

    @Test func defaults() throws {
        let config = try NetworkConfig.parse(text: Self.head + "sites = [\"north\", \"west-1\"]\n", path: "n.toml")
        #expect(config.sites == ["north", "west-1"])
        #expect(config.period == .lastQuarter && config.minCell == 11)
        #expect(config.directory(period: "2026Q3") == "Reports/network/2026Q3")
    }
}
