import OutcomesCore
import OutcomesIO

/// The network's PostgreSQL database: migrations and sites (the coordinator's role), a site's
/// publish (its own role), and the pooled read (the network analyst's role). It owns its SQL
/// and hands out values.
public final class NetworkDatabase {
    let connection: PostgresConnection

    public init(url: String) throws(PostgresError) {
        connection = try PostgresConnection(url: url)
    }

    /// The login role a site publishes with: `outcomes_site_<site>`.
    public static func role(ofSite site: String) -> String { "outcomes_site_" + site.replacingOccurrences(of: "-", with: "_") }

    /// Brings the schema up to date (the coordinator's role: it creates tables and roles).
    /// Returns the number of migrations applied.
    @discardableResult
    public func migrate() throws -> Int {
        try connection.transaction {
            // One migrator at a time, whoever else runs setup.
            try connection.query("SELECT pg_advisory_xact_lock(7406551)")
            try connection.execute("CREATE TABLE IF NOT EXISTS network_migration (version integer PRIMARY KEY)")
            let done = Int(try connection.query("SELECT coalesce(max(version), 0) FROM network_migration").first?.first??.description ?? "0") ?? 0
            for (index, sql) in NetworkSchema.migrations.enumerated() where index + 1 > done {
                try connection.execute(sql)
                try connection.query("INSERT INTO network_migration(version) VALUES ($1)", [String(index + 1)])
            }
            return NetworkSchema.migrations.count - done
        }
    }

    /// Registers a site and makes its login role (no password: the coordinator gives it one,
    /// `ALTER ROLE … PASSWORD`, or lets pg_hba.conf decide). Nothing changes for a site
    /// already registered with that role.
    public func addSite(_ site: String) throws {
        let role = Self.role(ofSite: site)
        try connection.transaction {
            let exists = try connection.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])
            if exists.isEmpty { try connection.execute("CREATE ROLE \(Self.quoted(role)) LOGIN") }
            try connection.execute("GRANT outcomes_site TO \(Self.quoted(role))")
            let known = try connection.query("SELECT role FROM network_site WHERE site = $1", [site])
            if let other = known.first?.first ?? nil, other != role {
                throw PostgresError(state: "23505", message: "site \(site) is registered with role \(other), not \(role)")
            }
            try connection.query("INSERT INTO network_site(site, role) VALUES ($1, $2) ON CONFLICT DO NOTHING", [site, role])
        }
    }

    /// The role this connection is.
    public func role() throws(PostgresError) -> String { try connection.currentRole() }

    /// The site this connection's role publishes for; nil when the role is no site's.
    public func siteOfRole() throws(PostgresError) -> String? {
        try connection.query("SELECT site FROM network_site WHERE role = current_user").first?.first ?? nil
    }

    /// Replaces the site's contribution for its period with this one, in one transaction: a
    /// publish killed midway leaves the previous contribution whole.
    public func publish(_ contribution: SiteContribution) throws {
        try connection.transaction {
            let site = contribution.site, period = contribution.period
            try connection.query("DELETE FROM contribution WHERE site = $1 AND period = $2", [site, period])
            let instruments = Instrument.allCases.sorted().filter(contribution.instrumentsWithScores.contains).map(\.rawValue)
            try connection.query("""
                INSERT INTO contribution(site, period, program_version, settings, instruments_with_scores) VALUES ($1, $2, $3, $4, $5)
                """, [site, period, contribution.programVersion, contribution.settings, instruments.joined(separator: ",")])
            for aggregate in contribution.routes {
                let group = [site, period, aggregate.instrument.rawValue, aggregate.route.rawValue]
                let counts = aggregate.counts
                try connection.query("""
                    INSERT INTO route_count(site, period, instrument, route, name, value)
                    SELECT $1, $2, $3, $4, name, value FROM unnest($5::text[], $6::bigint[]) AS c(name, value)
                    """, group + [Self.array(counts.map(\.name)), Self.array(counts.map { String($0.value) })])
                for measure in RouteAggregate.measures {
                    let rows = aggregate[keyPath: measure.table].rows
                    guard !rows.isEmpty else { continue }
                    try connection.query("""
                        INSERT INTO event_count(site, period, instrument, route, measure, time, events, censored)
                        SELECT $1, $2, $3, $4, $5, t, e, c FROM unnest($6::bigint[], $7::integer[], $8::integer[]) AS r(t, e, c)
                        """, group + [measure.name, Self.array(rows.map { String($0.time) }), Self.array(rows.map { String($0.events) }),
                                      Self.array(rows.map { String($0.censored) })])
                }
            }
            try insertCurves(contribution)
            try insertBoostersClinicsQuality(contribution)
            Checkpoint.reach("publish.rows-written")
        }
    }

    /// The curve points of a contribution: one statement for the points, one for the values.
    func insertCurves(_ contribution: SiteContribution) throws {
        let curves = contribution.curves
        guard !curves.isEmpty else { return }
        func column(_ value: (CurveAggregate) -> String?) -> String? {
            "{" + curves.map { value($0).map { "\"\($0)\"" } ?? "NULL" }.joined(separator: ",") + "}"
        }
        try connection.query("""
            INSERT INTO curve_point(site, period, instrument, route, kind, point, bin_start_hours, bin_end_hours, responding)
            SELECT $1, $2, i, r, k, p, s, e, n
            FROM unnest($3::text[], $4::text[], $5::text[], $6::integer[], $7::float8[], $8::float8[], $9::integer[]) AS c(i, r, k, p, s, e, n)
            """, [contribution.site, contribution.period, column { $0.key.instrument.rawValue }, column { $0.key.route.rawValue },
                  column { $0.key.kind.rawValue }, column { String($0.key.point) }, column { $0.key.binStartHours.map(Self.float) },
                  column { $0.key.binEndHours.map(Self.float) }, column { String($0.responding) }])
        var rows: [(curve: CurveAggregate, fraction: CurveAggregate.Fraction, count: Int)] = []
        for curve in curves {
            for fraction in curve.values.keys.sorted() { rows.append((curve, fraction, curve.values[fraction]!)) }
        }
        func values(_ value: ((curve: CurveAggregate, fraction: CurveAggregate.Fraction, count: Int)) -> String) -> String {
            Self.array(rows.map(value))
        }
        try connection.query("""
            INSERT INTO curve_value(site, period, instrument, route, kind, point, numerator, denominator, courses)
            SELECT $1, $2, i, r, k, p, a, b, n
            FROM unnest($3::text[], $4::text[], $5::text[], $6::integer[], $7::bigint[], $8::bigint[], $9::integer[]) AS v(i, r, k, p, a, b, n)
            """, [contribution.site, contribution.period, values { $0.curve.key.instrument.rawValue }, values { $0.curve.key.route.rawValue },
                  values { $0.curve.key.kind.rawValue }, values { String($0.curve.key.point) }, values { String($0.fraction.numerator) },
                  values { String($0.fraction.denominator) }, values { String($0.count) }])
    }

    /// Migration 3's rows of a contribution: boosters, clinics and data quality, a statement each.
    func insertBoostersClinicsQuality(_ contribution: SiteContribution) throws {
        let head = [contribution.site, contribution.period]
        var boosters: [(route: String, measure: String, value: Int64, courses: Int)] = []
        for aggregate in contribution.boosters {
            for measure in BoosterAggregate.measures {
                let values = aggregate[keyPath: measure.values]
                for value in values.keys.sorted() { boosters.append((aggregate.route.rawValue, measure.name, value, values[value]!)) }
            }
        }
        if !boosters.isEmpty {
            try connection.query("""
                INSERT INTO booster_value(site, period, route, measure, value, courses)
                SELECT $1, $2, r, m, v, n FROM unnest($3::text[], $4::text[], $5::bigint[], $6::integer[]) AS b(r, m, v, n)
                """, head + [Self.array(boosters.map(\.route)), Self.array(boosters.map(\.measure)), Self.array(boosters.map { String($0.value) }),
                             Self.array(boosters.map { String($0.courses) })])
        }
        var counts: [(breakdown: String, key: String, instrument: String, route: String, name: String, value: Int)] = []
        var events: [(breakdown: String, key: String, instrument: String, route: String, row: EventTable.Row)] = []
        for (breakdown, parts) in [(BreakdownAggregate.Breakdown.clinic, contribution.clinics), (.quarter, contribution.quarters)] {
            for part in parts {
                for aggregate in part.routes {
                    let group = (breakdown.rawValue, part.key, aggregate.instrument.rawValue, aggregate.route.rawValue)
                    for field in RouteAggregate.fields {
                        counts.append((group.0, group.1, group.2, group.3, field.name, aggregate[keyPath: field.value]))
                    }
                    for row in aggregate.timeToRelief.rows { events.append((group.0, group.1, group.2, group.3, row)) }
                }
            }
        }
        if !counts.isEmpty {
            try connection.query("""
                INSERT INTO breakdown_count(site, period, breakdown, key, instrument, route, name, value)
                SELECT $1, $2, b, k, i, r, n, v
                FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[]) AS c(b, k, i, r, n, v)
                """, head + [Self.array(counts.map(\.breakdown)), Self.array(counts.map(\.key)), Self.array(counts.map(\.instrument)),
                             Self.array(counts.map(\.route)), Self.array(counts.map(\.name)), Self.array(counts.map { String($0.value) })])
        }
        if !events.isEmpty {
            try connection.query("""
                INSERT INTO breakdown_event_count(site, period, breakdown, key, instrument, route, time, events, censored)
                SELECT $1, $2, b, k, i, r, t, e, x
                FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::integer[], $9::integer[]) AS c(b, k, i, r, t, e, x)
                """, head + [Self.array(events.map(\.breakdown)), Self.array(events.map(\.key)), Self.array(events.map(\.instrument)),
                             Self.array(events.map(\.route)), Self.array(events.map { String($0.row.time) }),
                             Self.array(events.map { String($0.row.events) }), Self.array(events.map { String($0.row.censored) })])
        }
        let quality = contribution.quality
        if !quality.isEmpty {
            try connection.query("""
                INSERT INTO quality_count(site, period, kind, reason_class, row_count)
                SELECT $1, $2, k, c, n FROM unnest($3::text[], $4::text[], $5::bigint[]) AS q(k, c, n)
                """, head + [Self.array(quality.map(\.kind)), Self.array(quality.map(\.reasonClass)), Self.array(quality.map { String($0.rows) })])
        }
    }

    /// `SELECT site, columns, sums FROM table` for the period: each site's rows, or with
    /// `sites` their rows summed (`sum(x) AS x` for each of `sums`) under the site "".
    func query(_ period: String, _ sites: [String]?, columns: String, sums: String, from table: String) throws -> [[String?]] {
        guard let sites else {
            return try connection.query("SELECT site, \(columns), \(sums) FROM \(table) WHERE period = $1", [period])
        }
        let summed = sums.split(separator: ",").map { "sum(\($0))" }.joined(separator: ", ")
        return try connection.query("""
            SELECT '', \(columns), \(summed) FROM \(table) WHERE period = $1 AND site = ANY($2::text[]) GROUP BY \(columns)
            """, [period, Self.array(sites)])
    }

    /// Migration 3's booster and breakdown rows of `period`, added to the contributions by site
    /// (with `pooledOver`, those sites' rows summed by the server, added to the site "").
    func readBoostersAndBreakdowns(period: String, pooledOver sites: [String]? = nil, into bySite: inout [String: SiteContribution]) throws {
        var boosters: [String: [Route: BoosterAggregate]] = [:]
        let measures = Dictionary(uniqueKeysWithValues: BoosterAggregate.measures.map { ($0.name, $0.values) })
        for row in try query(period, sites, columns: "route, measure, value", sums: "courses", from: "booster_value") {
            let site = row[0] ?? ""
            guard let route = row[1].flatMap(Route.init(rawValue:)) else { continue }
            guard let measure = measures[row[2] ?? ""] else {
                throw PostgresError(state: "", message: "site \(site) published a booster measure this program does not know (\(row[2] ?? "")); upgrade outcomes")
            }
            boosters[site, default: [:]][route, default: BoosterAggregate(route: route)][keyPath: measure][Int64(row[3] ?? "") ?? 0] = Int(row[4] ?? "") ?? 0
        }
        // Site → breakdown → key → group.
        var parts: [String: [String: [String: [Int: RouteAggregate]]]] = [:]
        for row in try query(period, sites, columns: "breakdown, key, instrument, route, name", sums: "value", from: "breakdown_count") {
            let site = row[0] ?? "", breakdown = row[1] ?? "", part = row[2] ?? "", name = row[5] ?? ""
            guard let instrument = row[3].flatMap(Instrument.init(rawValue:)), let route = row[4].flatMap(Route.init(rawValue:)) else { continue }
            let key = OutcomeReport.groupKey(instrument, route)
            var aggregate = parts[site]?[breakdown]?[part]?[key] ?? RouteAggregate(instrument: instrument, route: route)
            guard aggregate.setCount(name, Int(row[6] ?? "") ?? 0) else {
                throw PostgresError(state: "", message: "site \(site) published a \(breakdown) count this program does not know (\(name)); upgrade outcomes")
            }
            parts[site, default: [:]][breakdown, default: [:]][part, default: [:]][key] = aggregate
        }
        var events: [String: [String: [String: [Int: [EventTable.Row]]]]] = [:]
        for row in try query(period, sites, columns: "breakdown, key, instrument, route, time", sums: "events, censored",
                             from: "breakdown_event_count") {
            guard let instrument = row[3].flatMap(Instrument.init(rawValue:)), let route = row[4].flatMap(Route.init(rawValue:)) else { continue }
            events[row[0] ?? "", default: [:]][row[1] ?? "", default: [:]][row[2] ?? "", default: [:]][OutcomeReport.groupKey(instrument, route), default: []]
                .append(EventTable.Row(time: Int64(row[5] ?? "") ?? 0, events: Int(row[6] ?? "") ?? 0, censored: Int(row[7] ?? "") ?? 0))
        }
        func breakdown(_ site: String, _ kind: BreakdownAggregate.Breakdown) -> [BreakdownAggregate] {
            let byKey = parts[site]?[kind.rawValue] ?? [:]
            return byKey.keys.sorted().map { part in
                BreakdownAggregate(key: part, routes: byKey[part]!.keys.sorted().map { key in
                    var aggregate = byKey[part]![key]!
                    aggregate.timeToRelief = EventTable(rows: events[site]?[kind.rawValue]?[part]?[key] ?? [])
                    return aggregate
                })
            }
        }
        for site in bySite.keys {
            bySite[site]!.boosters = (boosters[site] ?? [:]).keys.sorted().map { boosters[site]![$0]! }
            bySite[site]!.clinics = breakdown(site, .clinic)
            bySite[site]!.quarters = breakdown(site, .quarter)
        }
    }

    /// The data quality rows of `period`, added to the contributions by site.
    func readQuality(period: String, into bySite: inout [String: SiteContribution]) throws {
        var quality: [String: [QualityCount]] = [:]
        for row in try connection.query("SELECT site, kind, reason_class, row_count FROM quality_count WHERE period = $1", [period]) {
            quality[row[0] ?? "", default: []].append(QualityCount(kind: row[1] ?? "", reasonClass: row[2] ?? "", rows: Int(row[3] ?? "") ?? 0))
        }
        for site in bySite.keys { bySite[site]!.quality = (quality[site] ?? []).sorted() }
    }

    /// A double as text that reads back to the same bits.
    static func float(_ value: Double) -> String { "\(value)" }

    /// The curve points of `period`, by site, in the report's order; with `pooledOver`, those
    /// sites' points summed by the server, under the site "".
    func curves(period: String, pooledOver sites: [String]? = nil) throws -> [String: [CurveAggregate]] {
        var bySite: [String: [Int: CurveAggregate]] = [:]
        func key(_ row: [String?], from index: Int) -> CurvePointKey? {
            guard let instrument = row[index].flatMap(Instrument.init(rawValue:)), let route = row[index + 1].flatMap(Route.init(rawValue:)),
                  let kind = row[index + 2].flatMap(CurveKind.init(rawValue:)), let point = row[index + 3].flatMap({ Int($0) }) else { return nil }
            return CurvePointKey(instrument: instrument, route: route, kind: kind, point: point,
                                 binStartHours: row.count > index + 4 ? row[index + 4].flatMap(Double.init) : nil,
                                 binEndHours: row.count > index + 5 ? row[index + 5].flatMap(Double.init) : nil)
        }
        for row in try query(period, sites, columns: "instrument, route, kind, point, bin_start_hours, bin_end_hours",
                             sums: "responding", from: "curve_point") {
            guard let key = key(row, from: 1) else { continue }
            let curve = CurveAggregate(key: key, responding: Int(row[7] ?? "") ?? 0, values: [:])
            bySite[row[0] ?? "", default: [:]][curve.order] = curve
        }
        for row in try query(period, sites, columns: "instrument, route, kind, point, numerator, denominator", sums: "courses",
                             from: "curve_value") {
            guard let key = key(Array(row.prefix(5)), from: 1) else { continue }
            let order = CurveAggregate(key: key, responding: 0, values: [:]).order
            let fraction = CurveAggregate.Fraction(numerator: Int64(row[5] ?? "") ?? 0, denominator: Int64(row[6] ?? "") ?? 1)
            bySite[row[0] ?? ""]?[order]?.values[fraction, default: 0] += Int(row[7] ?? "") ?? 0
        }
        return bySite.mapValues { points in points.keys.sorted().map { points[$0]! } }
    }

    /// Every contribution this role can read for `period`, by site, whole.
    public func contributions(period: String) throws -> [SiteContribution] {
        try contributions(period: period, sites: nil).sites
    }

    /// What a network report reads: the contributions of `sites` for `period` without their
    /// curves, boosters and breakdowns, and those summed over the sites by the server (the
    /// largest tables: a site's curve values are most of its rows), as one contribution
    /// named "". NetworkPool pools the same either way.
    public func pooledContributions(period: String, sites: [String]) throws -> (sites: [SiteContribution], detail: SiteContribution) {
        let read = try contributions(period: period, sites: sites)
        return (read.sites, read.detail!)
    }

    func contributions(period: String, sites: [String]?) throws -> (sites: [SiteContribution], detail: SiteContribution?) {
        let heads = try connection.query("""
            SELECT site, program_version, settings, instruments_with_scores FROM contribution WHERE period = $1 ORDER BY site
            """, [period])
        var bySite: [String: SiteContribution] = [:]
        for row in heads {
            let site = row[0] ?? ""
            if let sites, !sites.contains(site) { continue }
            let instruments = Set((row[3] ?? "").split(separator: ",").compactMap { Instrument(rawValue: String($0)) })
            bySite[site] = SiteContribution(site: site, period: period, programVersion: row[1] ?? "", settings: row[2] ?? "",
                                            instrumentsWithScores: instruments, routes: [])
        }
        var aggregates: [String: [Int: RouteAggregate]] = [:]
        func aggregate(_ site: String, _ instrument: String?, _ route: String?) -> (Int, RouteAggregate)? {
            guard let instrument = instrument.flatMap(Instrument.init(rawValue:)), let route = route.flatMap(Route.init(rawValue:)) else { return nil }
            let key = OutcomeReport.groupKey(instrument, route)
            return (key, aggregates[site]?[key] ?? RouteAggregate(instrument: instrument, route: route))
        }
        for row in try connection.query("SELECT site, instrument, route, name, value FROM route_count WHERE period = $1", [period]) {
            let site = row[0] ?? ""
            guard var (key, value) = aggregate(site, row[1], row[2]) else { continue }
            let name = row[3] ?? ""
            guard value.setCount(name, Int(row[4] ?? "") ?? 0) else {
                throw PostgresError(state: "", message: "site \(site) published a count this program does not know (\(name)); upgrade outcomes")
            }
            aggregates[site, default: [:]][key] = value
        }
        // Site → group → measure → rows.
        var events: [String: [Int: [String: [EventTable.Row]]]] = [:]
        let measures = Set(RouteAggregate.measures.map(\.name))
        for row in try connection.query("""
            SELECT site, instrument, route, measure, time, events, censored FROM event_count WHERE period = $1
            """, [period]) {
            let site = row[0] ?? "", measure = row[3] ?? ""
            guard let (key, _) = aggregate(site, row[1], row[2]) else { continue }
            guard measures.contains(measure) else {
                throw PostgresError(state: "", message: "site \(site) published an event table this program does not know (\(measure)); upgrade outcomes")
            }
            events[site, default: [:]][key, default: [:]][measure, default: []].append(
                EventTable.Row(time: Int64(row[4] ?? "") ?? 0, events: Int(row[5] ?? "") ?? 0, censored: Int(row[6] ?? "") ?? 0))
        }
        for (site, groups) in aggregates {
            guard bySite[site] != nil else { continue }
            bySite[site]!.routes = groups.keys.sorted().map { key in
                var value = groups[key]!
                for measure in RouteAggregate.measures {
                    value[keyPath: measure.table] = EventTable(rows: events[site]?[key]?[measure.name] ?? [])
                }
                return value
            }
        }
        try readQuality(period: period, into: &bySite)
        guard let sites else {
            for (site, curves) in try curves(period: period) where bySite[site] != nil { bySite[site]!.curves = curves }
            try readBoostersAndBreakdowns(period: period, into: &bySite)
            return (bySite.keys.sorted().map { bySite[$0]! }, nil)
        }
        let first = bySite.keys.sorted().first.map { bySite[$0]! }
        var pooled = ["": SiteContribution(site: "", period: period, programVersion: first?.programVersion ?? "", settings: first?.settings ?? "",
                                           instrumentsWithScores: [], routes: [])]
        pooled[""]!.curves = try curves(period: period, pooledOver: sites)[""] ?? []
        try readBoostersAndBreakdowns(period: period, pooledOver: sites, into: &pooled)
        return (bySite.keys.sorted().map { bySite[$0]! }, pooled[""]!)
    }

    /// A PostgreSQL array literal of text elements, each quoted.
    static func array(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }

    static func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
