/// The network database's tables, roles and row-level security (docs/network.md), as an
/// ordered list of migrations like the SQLite store's: one is never edited; a change is a new
/// one appended. `network_migration` records which have run.
enum NetworkSchema {
    static let migrations: [String] = [tables, rowLevelSecurity, boostersClinicsQuality]

    // 1: the sites and their contributions. No column names a patient, a course or a date:
    // the period is a name (`2026Q3`, `all`, or a range of days).
    static let tables = """
        CREATE TABLE network_site (
            site text PRIMARY KEY CHECK (site ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
            role name NOT NULL UNIQUE
        );
        CREATE TABLE contribution (
            site text NOT NULL REFERENCES network_site(site),
            period text NOT NULL,
            program_version text NOT NULL,
            settings text NOT NULL,
            instruments_with_scores text NOT NULL,
            PRIMARY KEY (site, period)
        );
        CREATE TABLE route_count (
            site text NOT NULL,
            period text NOT NULL,
            instrument text NOT NULL CHECK (instrument IN ('GAD7', 'PHQ9', 'HAMA')),
            route text NOT NULL CHECK (route IN ('IV', 'IM', 'IN', 'SL', 'PO', 'SC')),
            name text NOT NULL,
            value bigint NOT NULL CHECK (value >= 0),
            PRIMARY KEY (site, period, instrument, route, name),
            FOREIGN KEY (site, period) REFERENCES contribution ON DELETE CASCADE
        );
        CREATE TABLE event_count (
            site text NOT NULL,
            period text NOT NULL,
            instrument text NOT NULL,
            route text NOT NULL,
            measure text NOT NULL CHECK (measure IN ('time_to_relief', 'sessions_to_relief', 'relief_duration')),
            time bigint NOT NULL,
            events integer NOT NULL CHECK (events >= 0),
            censored integer NOT NULL CHECK (censored >= 0),
            PRIMARY KEY (site, period, instrument, route, measure, time),
            FOREIGN KEY (site, period) REFERENCES contribution ON DELETE CASCADE
        );
        CREATE TABLE curve_point (
            site text NOT NULL,
            period text NOT NULL,
            instrument text NOT NULL,
            route text NOT NULL,
            kind text NOT NULL CHECK (kind IN ('time', 'session')),
            point integer NOT NULL,
            bin_start_hours double precision,
            bin_end_hours double precision,
            responding integer NOT NULL CHECK (responding >= 0),
            PRIMARY KEY (site, period, instrument, route, kind, point),
            FOREIGN KEY (site, period) REFERENCES contribution ON DELETE CASCADE
        );
        CREATE TABLE curve_value (
            site text NOT NULL,
            period text NOT NULL,
            instrument text NOT NULL,
            route text NOT NULL,
            kind text NOT NULL,
            point integer NOT NULL,
            numerator bigint NOT NULL,
            denominator bigint NOT NULL CHECK (denominator > 0),
            courses integer NOT NULL CHECK (courses > 0),
            PRIMARY KEY (site, period, instrument, route, kind, point, numerator, denominator),
            FOREIGN KEY (site, period, instrument, route, kind, point) REFERENCES curve_point ON DELETE CASCADE
        );
        """

    // 2: a site's role may add and replace its own site's contributions and read none: it has
    // INSERT and DELETE, SELECT only on the key columns (a DELETE names them), and row-level
    // security keeps every row it adds or deletes its own site's. Reading another site's
    // counts is refused (permission denied); a DELETE of another site's rows finds none. The
    // network analyst's role reads every site's. The group roles are cluster-wide, so they
    // are made only when absent. (Deleting a contribution cascades to its rows as the owner.)
    static let rowLevelSecurity = """
        DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'outcomes_site') THEN CREATE ROLE outcomes_site NOLOGIN; END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'outcomes_analyst') THEN CREATE ROLE outcomes_analyst NOLOGIN; END IF;
        END $$;
        REVOKE ALL ON network_site, contribution, route_count, event_count, curve_point, curve_value, network_migration FROM PUBLIC;
        GRANT SELECT ON network_site TO outcomes_site, outcomes_analyst;
        GRANT SELECT (site, period), INSERT, DELETE ON contribution TO outcomes_site;
        GRANT INSERT ON route_count, event_count, curve_point, curve_value TO outcomes_site;
        GRANT SELECT ON contribution, route_count, event_count, curve_point, curve_value, network_migration TO outcomes_analyst;
        ALTER TABLE network_site ENABLE ROW LEVEL SECURITY;
        ALTER TABLE contribution ENABLE ROW LEVEL SECURITY;
        ALTER TABLE route_count ENABLE ROW LEVEL SECURITY;
        ALTER TABLE event_count ENABLE ROW LEVEL SECURITY;
        ALTER TABLE curve_point ENABLE ROW LEVEL SECURITY;
        ALTER TABLE curve_value ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_role ON network_site FOR SELECT TO outcomes_site USING (role = current_user);
        CREATE POLICY every_site ON network_site FOR SELECT TO outcomes_analyst USING (true);
        CREATE POLICY own_site ON contribution TO outcomes_site
            USING (site IN (SELECT s.site FROM network_site s WHERE s.role = current_user))
            WITH CHECK (site IN (SELECT s.site FROM network_site s WHERE s.role = current_user));
        CREATE POLICY own_site ON route_count FOR INSERT TO outcomes_site
            WITH CHECK (site IN (SELECT s.site FROM network_site s WHERE s.role = current_user));
        CREATE POLICY own_site ON event_count FOR INSERT TO outcomes_site
            WITH CHECK (site IN (SELECT s.site FROM network_site s WHERE s.role = current_user));
        CREATE POLICY own_site ON curve_point FOR INSERT TO outcomes_site
            WITH CHECK (site IN (SELECT s.site FROM network_site s WHERE s.role = current_user));
        CREATE POLICY own_site ON curve_value FOR INSERT TO outcomes_site
            WITH CHECK (site IN (SELECT s.site FROM network_site s WHERE s.role = current_user));
        CREATE POLICY every_site ON curve_point FOR SELECT TO outcomes_analyst USING (true);
        CREATE POLICY every_site ON curve_value FOR SELECT TO outcomes_analyst USING (true);
        CREATE POLICY every_site ON contribution FOR SELECT TO outcomes_analyst USING (true);
        CREATE POLICY every_site ON route_count FOR SELECT TO outcomes_analyst USING (true);
        CREATE POLICY every_site ON event_count FOR SELECT TO outcomes_analyst USING (true);
        """

    // 3: boosters.csv's multisets (value → courses; seconds are offsets from each course's own
    // index start, not dates); the counts and time-to-relief tables of each part of a
    // breakdown (by_clinic.csv's clinic ids, the trend's earlier quarters); the data quality
    // rows per kind and reason class (no file name: export names carry dates). Grants and
    // policies as migration 2's.
    static let boostersClinicsQuality = """
        CREATE TABLE booster_value (
            site text NOT NULL,
            period text NOT NULL,
            route text NOT NULL CHECK (route IN ('IV', 'IM', 'IN', 'SL', 'PO', 'SC')),
            measure text NOT NULL CHECK (measure IN ('induction_sessions', 'first_booster_seconds', 'booster_gap_seconds')),
            value bigint NOT NULL CHECK (value >= 0),
            courses integer NOT NULL CHECK (courses > 0),
            PRIMARY KEY (site, period, route, measure, value),
            FOREIGN KEY (site, period) REFERENCES contribution ON DELETE CASCADE
        );
        CREATE TABLE breakdown_count (
            site text NOT NULL,
            period text NOT NULL,
            breakdown text NOT NULL CHECK (breakdown IN ('clinic', 'quarter')),
            key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
            instrument text NOT NULL CHECK (instrument IN ('GAD7', 'PHQ9', 'HAMA')),
            route text NOT NULL CHECK (route IN ('IV', 'IM', 'IN', 'SL', 'PO', 'SC')),
            name text NOT NULL,
            value bigint NOT NULL CHECK (value >= 0),
            PRIMARY KEY (site, period, breakdown, key, instrument, route, name),
            FOREIGN KEY (site, period) REFERENCES contribution ON DELETE CASCADE
        );
        CREATE TABLE breakdown_event_count (
            site text NOT NULL,
            period text NOT NULL,
            breakdown text NOT NULL,
            key text NOT NULL,
            instrument text NOT NULL,
            route text NOT NULL,
            time bigint NOT NULL,
            events integer NOT NULL CHECK (events >= 0),
            censored integer NOT NULL CHECK (censored >= 0),
            PRIMARY KEY (site, period, breakdown, key, instrument, route, time),
            FOREIGN KEY (site, period) REFERENCES contribution ON DELETE CASCADE
        );
        CREATE TABLE quality_count (
            site text NOT NULL,
            period text NOT NULL,
            kind text NOT NULL,
            reason_class text NOT NULL,
            row_count bigint NOT NULL CHECK (row_count > 0),
            PRIMARY KEY (site, period, kind, reason_class),
            FOREIGN KEY (site, period) REFERENCES contribution ON DELETE CASCADE
        );
        REVOKE ALL ON booster_value, breakdown_count, breakdown_event_count, quality_count FROM PUBLIC;
        GRANT INSERT ON booster_value, breakdown_count, breakdown_event_count, quality_count TO outcomes_site;
        GRANT SELECT ON booster_value, breakdown_count, breakdown_event_count, quality_count TO outcomes_analyst;
        ALTER TABLE booster_value ENABLE ROW LEVEL SECURITY;
        ALTER TABLE breakdown_count ENABLE ROW LEVEL SECURITY;
        ALTER TABLE breakdown_event_count ENABLE ROW LEVEL SECURITY;
        ALTER TABLE quality_count ENABLE ROW LEVEL SECURITY;
        CREATE POLICY own_site ON booster_value FOR INSERT TO outcomes_site
            WITH CHECK (site IN (SELECT s.site FROM network_site s WHERE s.role = current_user));
        CREATE POLICY own_site ON breakdown_count FOR INSERT TO outcomes_site
            WITH CHECK (site IN (SELECT s.site FROM network_site s WHERE s.role = current_user));
        CREATE POLICY own_site ON breakdown_event_count FOR INSERT TO outcomes_site
            WITH CHECK (site IN (SELECT s.site FROM network_site s WHERE s.role = current_user));
        CREATE POLICY own_site ON quality_count FOR INSERT TO outcomes_site
            WITH CHECK (site IN (SELECT s.site FROM network_site s WHERE s.role = current_user));
        CREATE POLICY every_site ON booster_value FOR SELECT TO outcomes_analyst USING (true);
        CREATE POLICY every_site ON breakdown_count FOR SELECT TO outcomes_analyst USING (true);
        CREATE POLICY every_site ON breakdown_event_count FOR SELECT TO outcomes_analyst USING (true);
        CREATE POLICY every_site ON quality_count FOR SELECT TO outcomes_analyst USING (true);
        """
}
