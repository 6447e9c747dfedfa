/// The migrations of the analysis tables the transform writes and the report reads (docs/database.md).
extension StoreSchema {
    // 2: transform (docs/database.md, "Analysis tables")
    static let analysisTables = """
        CREATE TABLE patient_change (
            patient_id TEXT PRIMARY KEY
        ) WITHOUT ROWID;
        CREATE TABLE transform_state (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            settings TEXT NOT NULL,
            run_id INTEGER REFERENCES run(id),
            completed_at INTEGER NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
            reason TEXT NOT NULL,
            patients_recomputed INTEGER NOT NULL
        );
        CREATE TABLE course (
            patient_id TEXT NOT NULL,
            course_number INTEGER NOT NULL,
            index_session_row INTEGER NOT NULL,
            index_start INTEGER NOT NULL,
            index_local_date TEXT NOT NULL,
            route TEXT NOT NULL,
            mixed_route INTEGER NOT NULL,
            clinic_id TEXT,
            sessions INTEGER NOT NULL,
            last_session_start INTEGER NOT NULL,
            next_course_start INTEGER,
            PRIMARY KEY (patient_id, course_number)
        ) WITHOUT ROWID;
        CREATE INDEX course_by_date ON course(index_local_date);
        CREATE TABLE course_session (
            patient_id TEXT NOT NULL,
            course_number INTEGER NOT NULL,
            session_number INTEGER NOT NULL,
            session_row INTEGER NOT NULL,
            session_start INTEGER NOT NULL,
            route TEXT NOT NULL,
            PRIMARY KEY (patient_id, course_number, session_number)
        ) WITHOUT ROWID;
        CREATE TABLE course_instrument (
            patient_id TEXT NOT NULL,
            course_number INTEGER NOT NULL,
            instrument TEXT NOT NULL,
            baseline_total INTEGER,
            baseline_at INTEGER,
            follow_ups INTEGER NOT NULL,
            relief_status TEXT NOT NULL
                CHECK (relief_status IN ('relief', 'censored', 'no_follow_up', 'baseline_zero', 'no_baseline')),
            relief_event INTEGER,
            relief_seconds INTEGER,
            relief_hours REAL,
            endpoint_at INTEGER,
            endpoint_total INTEGER,
            endpoint_hours REAL,
            endpoint_pct_reduction REAL,
            evaluable INTEGER NOT NULL,
            responder INTEGER NOT NULL,
            remitter INTEGER NOT NULL,
            PRIMARY KEY (patient_id, course_number, instrument)
        ) WITHOUT ROWID;
        CREATE TABLE follow_up (
            patient_id TEXT NOT NULL,
            course_number INTEGER NOT NULL,
            instrument TEXT NOT NULL,
            administered_at INTEGER NOT NULL,
            total INTEGER NOT NULL,
            seconds_since_index INTEGER NOT NULL,
            hours_since_index REAL NOT NULL,
            session_number INTEGER NOT NULL,
            hours_since_last_session REAL NOT NULL,
            pct_reduction REAL,
            PRIMARY KEY (patient_id, course_number, instrument, administered_at)
        ) WITHOUT ROWID;
        CREATE TABLE curve_point (
            patient_id TEXT NOT NULL,
            course_number INTEGER NOT NULL,
            instrument TEXT NOT NULL,
            curve TEXT NOT NULL CHECK (curve IN ('time', 'session')),
            point INTEGER NOT NULL,
            bin_start_hours REAL,
            bin_end_hours REAL,
            administered_at INTEGER NOT NULL,
            hours_since_index REAL NOT NULL,
            pct_reduction REAL NOT NULL,
            responding INTEGER NOT NULL,
            PRIMARY KEY (patient_id, course_number, instrument, curve, point)
        ) WITHOUT ROWID;
        """

    // 4: the report reads curve points without a join (docs/performance.md, "Report")
    static let curvePointsCarryTheirCourse = """
        ALTER TABLE curve_point ADD COLUMN route TEXT;
        ALTER TABLE curve_point ADD COLUMN index_local_date TEXT;
        """

    // 6: the report reads course × instrument rows without a join to `course`
    static let courseInstrumentCarriesItsCourse = """
        ALTER TABLE course_instrument ADD COLUMN route TEXT;
        ALTER TABLE course_instrument ADD COLUMN index_local_date TEXT;
        ALTER TABLE course_instrument ADD COLUMN clinic_id TEXT;
        ALTER TABLE course_instrument ADD COLUMN mixed_route INTEGER;
        """

    // 9: analysis.md version 2 (§11–§15): what happens after relief, PHQ-9 item 9 and boosters,
    // per course × instrument and per course (docs/database.md). Filled by the full transform
    // that the new rules version triggers.
    static let afterRelief = """
        ALTER TABLE course_instrument ADD COLUMN sessions_to_relief INTEGER;
        ALTER TABLE course_instrument ADD COLUMN relief_duration_status TEXT;
        ALTER TABLE course_instrument ADD COLUMN relief_duration_seconds INTEGER;
        ALTER TABLE course_instrument ADD COLUMN worst_follow_up_total INTEGER;
        ALTER TABLE course_instrument ADD COLUMN item9_baseline INTEGER;
        ALTER TABLE course_instrument ADD COLUMN item9_follow_up_known INTEGER;
        ALTER TABLE course_instrument ADD COLUMN item9_follow_up_positive INTEGER;
        ALTER TABLE course_instrument ADD COLUMN item9_endpoint INTEGER;
        ALTER TABLE course ADD COLUMN induction_sessions INTEGER;
        ALTER TABLE course ADD COLUMN booster_sessions INTEGER;
        ALTER TABLE course ADD COLUMN first_booster_seconds INTEGER;
        ALTER TABLE course ADD COLUMN booster_offsets TEXT;
        """

    // 12: follow-ups and curve points packed into two JSON texts per course × instrument
    // (issue 14; docs/database.md): the tables `follow_up` and `curve_point` (9 M and 8.6 M rows
    // for 250,000 patients) become views of the same names and columns. The rows are not
    // converted: the analysis tables are emptied and transform_state removed, and every patient
    // with a session is marked changed, so the next run finds the transform stale and, having
    // no completed transform to build on, recomputes every patient (the report follows).
    // course_instrument is created again, now with a rowid: its rows of up to a few kB would
    // leave the pages of a WITHOUT ROWID table half empty (index B-trees split evenly), and a
    // table appended in key order fills them. Readers that need key order ask for it.
    static let packedFollowUpsAndCurvePoints = """
        DROP TABLE follow_up;
        DROP TABLE curve_point;
        DELETE FROM course;
        DELETE FROM course_session;
        DROP TABLE course_instrument;
        DELETE FROM transform_state;
        INSERT OR IGNORE INTO patient_change(patient_id) SELECT DISTINCT patient_id FROM session;
        CREATE TABLE course_instrument (
            patient_id TEXT NOT NULL,
            course_number INTEGER NOT NULL,
            instrument TEXT NOT NULL,
            baseline_total INTEGER,
            baseline_at INTEGER,
            follow_ups INTEGER NOT NULL,
            relief_status TEXT NOT NULL
                CHECK (relief_status IN ('relief', 'censored', 'no_follow_up', 'baseline_zero', 'no_baseline')),
            relief_event INTEGER,
            relief_seconds INTEGER,
            relief_hours REAL,
            endpoint_at INTEGER,
            endpoint_total INTEGER,
            endpoint_hours REAL,
            endpoint_pct_reduction REAL,
            evaluable INTEGER NOT NULL,
            responder INTEGER NOT NULL,
            remitter INTEGER NOT NULL,
            route TEXT,
            index_local_date TEXT,
            clinic_id TEXT,
            mixed_route INTEGER,
            sessions_to_relief INTEGER,
            relief_duration_status TEXT,
            relief_duration_seconds INTEGER,
            worst_follow_up_total INTEGER,
            item9_baseline INTEGER,
            item9_follow_up_known INTEGER,
            item9_follow_up_positive INTEGER,
            item9_endpoint INTEGER,
            follow_up_json TEXT NOT NULL DEFAULT '[]',
            curve_point_json TEXT NOT NULL DEFAULT '{"time":[],"session":[]}',
            PRIMARY KEY (patient_id, course_number, instrument)
        );
        CREATE VIEW follow_up AS
        SELECT ci.patient_id, ci.course_number, ci.instrument,
               json_extract(f.value, '$[0]') AS administered_at, json_extract(f.value, '$[1]') AS total,
               json_extract(f.value, '$[2]') AS seconds_since_index, json_extract(f.value, '$[2]') / 3600.0 AS hours_since_index,
               json_extract(f.value, '$[3]') AS session_number, json_extract(f.value, '$[4]') / 3600.0 AS hours_since_last_session,
               json_extract(f.value, '$[5]') AS pct_reduction
        FROM course_instrument ci, json_each(ci.follow_up_json) f;
        CREATE VIEW curve_point AS
        SELECT ci.patient_id, ci.course_number, ci.instrument, 'time' AS curve,
               json_extract(p.value, '$[0]') AS point, json_extract(p.value, '$[1]') AS bin_start_hours,
               json_extract(p.value, '$[2]') AS bin_end_hours, json_extract(p.value, '$[3]') AS administered_at,
               json_extract(p.value, '$[4]') / 3600.0 AS hours_since_index, json_extract(p.value, '$[5]') AS pct_reduction,
               json_extract(p.value, '$[6]') AS responding, ci.route, ci.index_local_date
        FROM course_instrument ci, json_each(ci.curve_point_json, '$.time') p
        UNION ALL
        SELECT ci.patient_id, ci.course_number, ci.instrument, 'session',
               json_extract(p.value, '$[0]'), NULL, NULL, json_extract(p.value, '$[1]'),
               json_extract(p.value, '$[2]') / 3600.0, json_extract(p.value, '$[3]'),
               json_extract(p.value, '$[4]'), ci.route, ci.index_local_date
        FROM course_instrument ci, json_each(ci.curve_point_json, '$.session') p;
        """
}
