import Foundation
import TestSupport
import Testing
@testable import OutcomesCore
@testable import OutcomesIO
@testable import OutcomesNetwork
@testable import OutcomesPipeline
import OutcomesSample

/// Issue 15: sites publish aggregates to a real PostgreSQL server (a throw-away cluster per
/// test, PostgresCluster), and the network report pools them exactly.
@Suite(.serialized) struct NetworkTests {
    /// 2026-10-05 12:00 UTC: `last-quarter` is 2026Q3.
    static let now: Int64 = 1_791_201_600
    static let sites = ["north", "south", "east"]

    /// The sample clinic's plain exports, whole and split by patient into three sites.
    struct SplitSink: SampleSink {
        var whole: [String: [String]] = [:]
        var bySite: [String: [String: [String]]] = [:]

        mutating func write(_ file: String, header: [String], _ row: [String]) {
            let line = row.joined(separator: ",")
            let site = NetworkTests.sites[(Int(row[0].filter(\.isNumber)) ?? 0) % 3]
            let head = header.joined(separator: ",")
            whole[file, default: [head]].append(line)
            bySite[site, default: [:]][file, default: [head]].append(line)
        }
    }

    /// A network database with the three sites registered and an analyst role `alice`.
    final class Network {
        let cluster: PostgresCluster
        let folder = TemporaryFolder()

        init() throws {
            cluster = try PostgresCluster()
            let admin = try PostgresConnection(url: cluster.url())
            try admin.execute("CREATE DATABASE network")
            let database = try NetworkDatabase(url: url(role: "outcomes_admin"))
            try database.migrate()
            for site in NetworkTests.sites { try database.addSite(site) }
            try database.connection.execute("CREATE ROLE alice LOGIN IN ROLE outcomes_analyst")
        }

        func url(role: String) -> String { cluster.url(role: role, database: "network") }
        func siteURL(_ site: String) -> String { url(role: NetworkDatabase.role(ofSite: site)) }
    }

    /// Runs the pipeline over `files` into `folder`/name and returns its config and store.
    static func clinic(_ files: [String: [String]], name: String, in folder: TemporaryFolder, period: ReportPeriod = .all,
                       minCell: Int = 5, network: NetworkTarget? = nil) throws -> (PipelineConfig, OutcomesStore) {
        let exports = folder.path + "/" + name + "-exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        for (file, lines) in files { try (lines.joined(separator: "\n") + "\n").write(toFile: exports + "/" + file, atomically: true, encoding: .utf8) }
        var config = PipelineConfig(path: name + ".toml", name: name)
        config.timezone = "UTC"
        config.period = period
        config.minCell = minCell
        config.network = network
        let store = try OutcomesStore(path: folder.path + "/" + name + ".sqlite")
        _ = try IngestStage(config: config, exportsFolder: exports).run(store: store, runID: nil, now: now)
        _ = try TransformStage(config: config).run(store: store, runID: nil, now: now)
        return (config, store)
    }

    /// The sample clinic's exports in its clinics' own forms (REDCap, long files, items; clinic
    /// ids, bad rows, corrections), or `plain`.
    static func sample(patients: Int = 240, plain: Bool = false) -> SplitSink {
        var options = SampleOptions()
        options.patients = patients
        options.seed = 15
        options.plain = plain
        options.timezone = "UTC"
        var sink = SplitSink()
        SampleClinic.generate(options, into: &sink)
        return sink
    }

    func publishAll(_ sample: SplitSink, _ network: Network, period: ReportPeriod = .all) throws {
        for site in Self.sites {
            let (config, store) = try Self.clinic(sample.bySite[site]!, name: site, in: network.folder, period: period,
                                                  network: NetworkTarget(url: network.siteURL(site), site: site))
            _ = try PublishStage(config: config).run(store: store, now: Self.now)
        }
    }

    func networkConfig(_ network: Network, period: ReportPeriod = .all, minCell: Int = 5) -> NetworkConfig {
        var config = NetworkConfig(path: "network.toml", name: "net", url: network.url(role: "alice"), sites: Self.sites)
        config.period = period
        config.minCell = minCell
        config.reports = network.folder.path + "/network-report"
        return config
    }

    @Test(arguments: [ReportPeriod.all, .quarter(year: 2026, quarter: 2)])
    func threeSitesPooledEqualTheWholeClinic(period: ReportPeriod) throws {
        let network = try Network()
        let sample = Self.sample()
        try publishAll(sample, network, period: period)
        let written = try NetworkReportStage(config: networkConfig(network, period: period)).run(now: Self.now)
        #expect(written.sites == 3)

        let (config, store) = try Self.clinic(sample.whole, name: "whole", in: network.folder, period: period)
        let clinicReport = network.folder.path + "/whole-report"
        _ = try ReportStage(config: config, reportsPath: clinicReport).run(store: store, now: Self.now)
        let pooledFiles = try FileManager.default.contentsOfDirectory(atPath: written.directory)
        let wholeFiles = try FileManager.default.contentsOfDirectory(atPath: clinicReport)
        // Every file of the clinic's report is in the network's; the network adds its own.
        #expect(Set(wholeFiles).subtracting(pooledFiles).isEmpty, "missing: \(Set(wholeFiles).subtracting(pooledFiles).sorted())")
        #expect(Set(pooledFiles).subtracting(wholeFiles).allSatisfy { $0 == "site_comparison.csv" || $0.hasPrefix("funnel_") })
        // Site sections aside: report.md's header, data quality, parameters (and the network's Sites); manifest.json.
        let siteSections: Set<String> = ["data_quality_summary.csv", "report.md", "report.html", "manifest.json"]
        let compared = wholeFiles.filter { !siteSections.contains($0) }.sorted()
        #expect(compared.count >= 20)
        for file in compared {
            let pooled = try String(contentsOfFile: written.directory + "/" + file, encoding: .utf8)
            let whole = try String(contentsOfFile: clinicReport + "/" + file, encoding: .utf8)
            #expect(pooled == whole, "\(file) differs")
            #expect(pooled.split(separator: "\n").count > 2, "\(file) has rows")
        }
        let pooledMarkdown = try Self.sections(String(contentsOfFile: written.directory + "/report.md", encoding: .utf8))
        let wholeMarkdown = try Self.sections(String(contentsOfFile: clinicReport + "/report.md", encoding: .utf8))
        let shared = wholeMarkdown.filter { !["", "Data quality", "Parameters"].contains($0.title) }
        #expect(shared.count >= 6)
        for section in shared {
            #expect(pooledMarkdown.first { $0.title == section.title }?.text == section.text, "report.md's \(section.title) differs")
        }
        #expect(pooledMarkdown.contains { $0.title == "Sites" })
        // Data quality per site: the same rows of each kind and reason class as the whole
        // clinic's over its files, but the unrecognised file every site has (one row each).
        func byClass(_ file: String) throws -> [String: Int] {
            var rows: [String: Int] = [:]
            for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").dropFirst() {
                let cells = Self.csvCells(String(line))
                guard cells[1] != "unrecognised_file" else { continue }
                rows[cells[1] + " " + cells[2], default: 0] += Int(cells[3])!
            }
            return rows
        }
        let pooledQuality = try byClass(written.directory + "/data_quality_summary.csv")
        #expect(pooledQuality == (try byClass(clinicReport + "/data_quality_summary.csv")))
        #expect(pooledQuality.count > 3)
        if case .quarter = period { #expect(shared.contains { $0.title.hasPrefix("Trend") }) }
        // Per site, the responder rate against the network's: every site in the first row group.
        let comparison = try String(contentsOfFile: written.directory + "/site_comparison.csv", encoding: .utf8).split(separator: "\n")
        #expect(comparison.first == Substring(SiteComparison.header.joined(separator: ",")))
        #expect(Set(comparison.dropFirst().prefix(3).map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] }) == ["east", "north", "south"])
    }

    /// A line of a CSV file written by CSVTable: cells split at commas outside quotes, `""` a quote.
    static func csvCells(_ line: String) -> [String] {
        var cells = [""], quoted = false, previous: Character = " "
        for character in line {
            if character == "\"" {
                if quoted == false && previous == "\"" { cells[cells.count - 1].append("\"") }
                quoted.toggle()
            } else if character == ",", !quoted {
                cells.append("")
            } else {
                cells[cells.count - 1].append(character)
            }
            previous = character
        }
        return cells
    }

    /// report.md's `## ` sections by title (the header before the first is titled "").
    static func sections(_ markdown: String) -> [(title: String, text: String)] {
        var sections: [(title: String, text: String)] = [("", "")]
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { sections.append((String(line.dropFirst(3)), "")) }
            sections[sections.count - 1].text += line + "\n"
        }
        return sections
    }

    @Test func publishingTwiceChangesNothing() throws {
        let network = try Network()
        let sample = Self.sample(patients: 90)
        try publishAll(sample, network)
        let analyst = try NetworkDatabase(url: network.url(role: "alice"))
        let first = try analyst.contributions(period: "all")
        try publishAll(sample, network)
        #expect(try analyst.contributions(period: "all") == first)
        #expect(first.count == 3)
        // The server's sums of the curves, boosters and breakdowns give the report of the sites' own rows.
        let summed = try analyst.pooledContributions(period: "all", sites: Self.sites)
        #expect(summed.detail.curves.count > 10 && !summed.detail.clinics.isEmpty && summed.sites.allSatisfy(\.curves.isEmpty))
        let period = ResolvedPeriod(name: "all", days: nil, quarter: nil)
        func files(_ pool: NetworkPool) -> [String] {
            ReportFiles.render(pool.report(name: "n", runTime: Self.now, period: period, smallCells: SmallCells(minCell: 5))).map { $0.name + $0.contents }
        }
        #expect(files(try NetworkPool(summed.sites, period: "all", detail: summed.detail)) == files(try NetworkPool(first, period: "all")))
    }

    @Test func aSiteReadsNoOtherSiteAndCannotOverwriteOne() throws {
        let network = try Network()
        let sample = Self.sample(patients: 90)
        try publishAll(sample, network)
        let north = try PostgresConnection(url: network.siteURL("north"))
        for table in ["route_count", "event_count", "contribution"] {
            let refused = #expect(throws: PostgresError.self) { try north.query("SELECT * FROM \(table)") }
            #expect(refused?.isPermissionDenied == true, "\(table): \(String(describing: refused))")
        }
        // Another site's row added under its name: refused by row-level security.
        #expect(throws: PostgresError.self) {
            try north.query("INSERT INTO contribution(site, period, program_version, settings, instruments_with_scores) VALUES ('south', 'x', '', '', '')")
        }
        #expect(throws: PostgresError.self) { try north.query("UPDATE contribution SET settings = '' WHERE site = 'south'") }
        // A delete of another site's rows finds none of them.
        try north.query("DELETE FROM contribution WHERE site = 'south'")
        // Publishing as another site: refused before anything is written.
        let (config, store) = try Self.clinic(sample.bySite["north"]!, name: "north2", in: network.folder,
                                              network: NetworkTarget(url: network.siteURL("north"), site: "south"))
        #expect(throws: WrongSiteRole.self) { try PublishStage(config: config).run(store: store, now: Self.now) }
        let analyst = try NetworkDatabase(url: network.url(role: "alice"))
        #expect(try analyst.contributions(period: "all").map(\.site) == ["east", "north", "south"])
    }

    @Test func contributionsWithOtherSettingsAreRefusedByName() throws {
        let network = try Network()
        let sample = Self.sample(patients: 90)
        try publishAll(sample, network)
        var (config, store) = try Self.clinic(sample.bySite["east"]!, name: "east-strict", in: network.folder,
                                              network: NetworkTarget(url: network.siteURL("east"), site: "east"))
        config.analysis.reliefThreshold = 60
        _ = try TransformStage(config: config).run(store: store, runID: nil, now: Self.now)
        _ = try PublishStage(config: config).run(store: store, now: Self.now)
        #expect {
            try NetworkReportStage(config: networkConfig(network)).run(now: Self.now)
        } throws: { error in
            "\(error)".contains("site north used other analysis settings than site east (relief_threshold 60 → 50)")
        }
    }

    @Test func aSiteThatHasNotPublishedIsNamed() throws {
        let network = try Network()
        #expect {
            try NetworkReportStage(config: networkConfig(network)).run(now: Self.now)
        } throws: { error in
            "\(error)" == "no contribution for period all from site(s) north, south, east; each runs outcomes publish PIPELINE with [report] period = \"all\", or the network file's sites leaves them out"
        }
    }

    /// What leaves the clinic: no patient id and no date of the site's exports in any published value.
    @Test func publishedTablesHoldNoPatientIdAndNoDate() throws {
        let network = try Network()
        let sample = Self.sample(patients: 90)
        try publishAll(sample, network)
        let admin = try PostgresConnection(url: network.url(role: "outcomes_admin"))
        var values: [String] = []
        // Every table the migrations made, the ones added later too.
        let tables = try admin.query("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'network_migration'
            """).compactMap { $0[0] }
        #expect(Set(tables).isSuperset(of: ["contribution", "route_count", "event_count", "curve_point", "curve_value", "booster_value",
                                            "breakdown_count", "breakdown_event_count", "quality_count"]))
        for table in tables {
            values += try admin.query("SELECT * FROM \(table)").flatMap { $0.compactMap { $0 } }
        }
        #expect(values.count > 100)
        let text = values.joined(separator: "\n")
        let ids = Set(sample.whole.values.flatMap { $0.dropFirst().map { String($0.split(separator: ",")[0]) } }.filter { $0.count >= 4 })
        // Every day in the exports, as written (ISO or US) and as an ISO day.
        var days: Set<String> = []
        let iso = /(20\d\d)-(\d\d)-(\d\d)/, us = /(\d\d)\/(\d\d)\/(20\d\d)/
        for line in sample.whole.values.joined() {
            for match in line.matches(of: iso) { days.insert(String(match.output.0)) }
            for match in line.matches(of: us) {
                days.insert(String(match.output.0))
                days.insert("\(match.output.3)-\(match.output.1)-\(match.output.2)")
            }
        }
        #expect(ids.count >= 90 && days.count > 30)
        for id in ids { #expect(!text.contains(id), "patient id \(id) published") }
        for day in days { #expect(!text.contains(day), "date \(day) published") }
    }

    /// A site's pipeline file and export folder for the command line.
    static func sitePipeline(_ site: String, files: [String: [String]], network: Network) throws -> String {
        let base = network.folder.path + "/cli-" + site
        try FileManager.default.createDirectory(atPath: base + "/exports", withIntermediateDirectories: true)
        for (file, lines) in files { try (lines.joined(separator: "\n") + "\n").write(toFile: base + "/exports/" + file, atomically: true, encoding: .utf8) }
        let toml = """
            [pipeline]
            name = "\(site)"
            database = "\(base)/outcomes.sqlite"
            reports = "\(base)/report"
            exports = "\(base)/exports"
            timezone = "UTC"

            [report]
            min_cell = 5

            [network]
            url = "\(network.siteURL(site))"
            site = "\(site)"
            """
        try toml.write(toFile: base + "/pipeline.toml", atomically: true, encoding: .utf8)
        return base + "/pipeline.toml"
    }

    @Test func theCommandsPublishPoolAndSurviveAKillMidPublish() throws {
        let network = try Network()
        let sample = Self.sample(patients: 120)
        let cli = CommandLineTests()
        let environment = ["OUTCOMES_RUN_TIME": String(Self.now), "OUTCOMES_CHECKPOINT": ""]
        var pipelines: [String: String] = [:]
        for site in Self.sites {
            let pipeline = try Self.sitePipeline(site, files: sample.bySite[site]!, network: network)
            pipelines[site] = pipeline
            #expect(try cli.run(["run", pipeline, "--quiet"], environment: environment).status == 0)
            let published = try cli.run(["publish", pipeline], environment: environment)
            #expect(published.status == 0, "\(published.stderr)")
            #expect(published.stdout.hasPrefix("publish: site \(site), period all: "))
        }
        let networkFile = network.folder.write("network.toml", """
            [network]
            name = "net"
            url = "\(network.url(role: "alice"))"
            period = "all"
            min_cell = 5
            sites = ["north", "south", "east"]
            reports = "\(network.folder.path)/net-report/{period}"
            """)
        let pooled = try cli.run(["network", networkFile], environment: environment)
        #expect(pooled.status == 0, "\(pooled.stderr)")
        #expect(FileManager.default.fileExists(atPath: network.folder.path + "/net-report/all/route_summary.csv"))
        #expect(FileManager.default.fileExists(atPath: network.folder.path + "/net-report/all/manifest.json"))
        // Running it again replaces its own folder.
        #expect(try cli.run(["network", networkFile], environment: environment).status == 0)

        // North's exports grow (more patients' files arrive); the publish is killed right
        // before its commit: the network still holds north's previous contribution.
        let analyst = try NetworkDatabase(url: network.url(role: "alice"))
        let before = try analyst.contributions(period: "all")
        let more = Self.sample(patients: 30).whole
        let exports = (pipelines["north"]! as NSString).deletingLastPathComponent + "/exports"
        for (file, lines) in more {
            let renamed = lines.enumerated().map { $0.offset == 0 ? $0.element : "new-" + $0.element }
            try (renamed.joined(separator: "\n") + "\n").write(toFile: exports + "/more_" + file, atomically: true, encoding: .utf8)
        }
        #expect(try cli.run(["run", pipelines["north"]!, "--quiet"], environment: environment).status == 0)
        let killed = try cli.run(["publish", pipelines["north"]!], environment: environment.merging(["OUTCOMES_CHECKPOINT": "publish.rows-written"]) { $1 })
        #expect(killed.status == 9, "killed by SIGKILL: \(killed.status) \(killed.stderr)")
        #expect(try analyst.contributions(period: "all") == before)
        #expect(try cli.run(["publish", pipelines["north"]!], environment: environment).status == 0)
        let after = try analyst.contributions(period: "all")
        #expect(after != before)
        #expect(after.filter { $0.site != "north" } == before.filter { $0.site != "north" })
    }

    @Test func publishErrorsNameWhatToDo() throws {
        let network = try Network()
        let cli = CommandLineTests()
        let environment = ["OUTCOMES_RUN_TIME": String(Self.now), "OUTCOMES_CHECKPOINT": ""]
        let sample = Self.sample(patients: 30)
        let pipeline = try Self.sitePipeline("north", files: sample.bySite["north"]!, network: network)
        // Before any run: no database.
        let early = try cli.run(["publish", pipeline], environment: environment)
        #expect(early.status == 66)
        #expect(early.stderr.contains("no database at"))
        #expect(try cli.run(["run", pipeline, "--quiet"], environment: environment).status == 0)
        // The wrong role for the site.
        let text = try String(contentsOfFile: pipeline, encoding: .utf8)
        try text.replacingOccurrences(of: "site = \"north\"", with: "site = \"south\"").write(toFile: pipeline, atomically: true, encoding: .utf8)
        let wrong = try cli.run(["publish", pipeline], environment: environment)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("the network database knows role outcomes_site_north as the role of site north, not site south's"))
        // A password in the pipeline file.
        try text.replacingOccurrences(of: "user=outcomes_site_north", with: "user=outcomes_site_north password=secret")
            .write(toFile: pipeline, atomically: true, encoding: .utf8)
        let password = try cli.run(["publish", pipeline], environment: environment)
        #expect(password.status == 64)
        #expect(password.stderr.contains("[network] url: must not hold a password; put it in the PGPASSWORD environment variable or ~/.pgpass"))
        #expect(!password.stderr.contains("secret"))
    }

    @Test func setupFromTheCommandLineAppliesMigrationsOnce() throws {
        let network = try Network()
        try PostgresConnection(url: network.cluster.url()).execute("CREATE DATABASE second")
        let file = network.folder.write("second.toml", """
            [network]
            name = "second"
            url = "\(network.cluster.url(role: "alice", database: "second"))"
            sites = ["north", "west-1"]
            """)
        let cli = CommandLineTests()
        let admin = network.cluster.url(role: "outcomes_admin", database: "second")
        let first = try cli.run(["network", file, "--setup", "--url", admin])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "network: 3 migration(s) applied; site(s) north, west-1 registered as outcomes_site_north, outcomes_site_west_1\n")
        let again = try cli.run(["network", file, "--setup", "--url", admin])
        #expect(again.stdout.hasPrefix("network: 0 migration(s) applied"))
    }
}
