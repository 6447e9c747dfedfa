/// What a network's report has that a clinic's has not: its sites, each site's data quality
/// counts, and each site against the network (site_comparison.csv and the funnel plots).
public struct NetworkSection: Sendable {
    public var sites: [String]
    /// Per site, in site order: its rows by kind and reason class.
    public var quality: [(site: String, counts: [QualityCount])]
    public var comparison: [SiteComparison]

    public init(sites: [String], quality: [(site: String, counts: [QualityCount])], comparison: [SiteComparison]) {
        self.sites = sites
        self.quality = quality
        self.comparison = comparison
    }

    /// Rows per kind over every site.
    public var rowsByKind: [String: Int] {
        quality.reduce(into: [:]) { totals, site in for count in site.counts { totals[count.kind, default: 0] += count.rows } }
    }

    /// The most frequent reason classes of rejected rows and unrecognised files over every
    /// site, ties by the class's text (as DataQualitySummary.topReasons).
    public func topReasons(_ count: Int) -> [(pattern: String, rows: Int)] {
        var rows: [String: Int] = [:]
        for site in quality {
            for line in site.counts where line.kind == "rejected" || line.kind == "unrecognised_file" { rows[line.reasonClass, default: 0] += line.rows }
        }
        return Array(rows.map { (pattern: $0.key, rows: $0.value) }.sorted { ($0.rows, $1.pattern) > ($1.rows, $0.pattern) }.prefix(count))
    }
}
