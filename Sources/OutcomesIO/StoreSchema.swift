/// The database schema as an ordered list of migrations. A migration that has shipped is
/// never edited: a change is a new migration appended at the end. `PRAGMA user_version`
/// records how many have run. docs/database.md describes every table.
enum StoreSchema {
    static let migrations: [String] = [
        // 1: ingest
        """
        CREATE TABLE run (
            id INTEGER PRIMARY KEY,
            pipeline TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER,
            status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
            stages TEXT NOT NULL,
            message TEXT
        );
        CREATE TABLE source_file (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('scores', 'sessions', 'unrecognised')),
            form TEXT,
            run_id INTEGER REFERENCES run(id),
            ingested_at INTEGER NOT NULL,
            rows_read INTEGER NOT NULL DEFAULT 0,
            empty_rows INTEGER NOT NULL DEFAULT 0,
            records INTEGER NOT NULL DEFAULT 0,
            accepted INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            prorated INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX source_file_by_sha256 ON source_file(sha256);
        CREATE TABLE score (
            id INTEGER PRIMARY KEY,
            patient_id TEXT NOT NULL,
            instrument TEXT NOT NULL CHECK (instrument IN ('GAD7', 'PHQ9', 'HAMA')),
            administered_at INTEGER NOT NULL,
            total INTEGER NOT NULL,
            items TEXT NOT NULL,
            answered_items INTEGER NOT NULL,
            prorated INTEGER NOT NULL,
            clinic_id TEXT,
            source_file_id INTEGER NOT NULL REFERENCES source_file(id),
            source_line INTEGER NOT NULL,
            UNIQUE (patient_id, instrument, administered_at)
        );
        CREATE TABLE score_history (
            id INTEGER PRIMARY KEY,
            patient_id TEXT NOT NULL,
            instrument TEXT NOT NULL,
            administered_at INTEGER NOT NULL,
            total INTEGER NOT NULL,
            items TEXT NOT NULL,
            answered_items INTEGER NOT NULL,
            prorated INTEGER NOT NULL,
            clinic_id TEXT,
            source_file_id INTEGER NOT NULL REFERENCES source_file(id),
            source_line INTEGER NOT NULL,
            superseded_by_file_id INTEGER NOT NULL REFERENCES source_file(id),
            superseded_by_line INTEGER NOT NULL
        );
        CREATE TABLE session (
            id INTEGER PRIMARY KEY,
            patient_id TEXT NOT NULL,
            session_start INTEGER NOT NULL,
            route TEXT NOT NULL CHECK (route IN ('IV', 'IM', 'IN', 'SL', 'PO', 'SC')),
            dose_mg REAL,
            weight_kg REAL,
            duration_min REAL,
            clinic_id TEXT,
            session_id TEXT,
            source_file_id INTEGER NOT NULL REFERENCES source_file(id),
            source_line INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX session_by_session_id ON session(session_id) WHERE session_id IS NOT NULL;
        CREATE UNIQUE INDEX session_by_start ON session(patient_id, session_start) WHERE session_id IS NULL;
        CREATE INDEX session_by_patient ON session(patient_id, session_start);
        CREATE TABLE session_history (
            id INTEGER PRIMARY KEY,
            patient_id TEXT NOT NULL,
            session_start INTEGER NOT NULL,
            route TEXT NOT NULL,
            dose_mg REAL,
            weight_kg REAL,
            duration_min REAL,
            clinic_id TEXT,
            session_id TEXT,
            source_file_id INTEGER NOT NULL REFERENCES source_file(id),
            source_line INTEGER NOT NULL,
            superseded_by_file_id INTEGER NOT NULL REFERENCES source_file(id),
            superseded_by_line INTEGER NOT NULL
        );
        CREATE TABLE row_issue (
            id INTEGER PRIMARY KEY,
            source_file_id INTEGER NOT NULL REFERENCES source_file(id),
            line INTEGER NOT NULL,
            column_name TEXT,
            kind TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        CREATE INDEX row_issue_by_file ON row_issue(source_file_id, line);
        CREATE VIEW source_file_status AS
        SELECT f.id, f.path, f.kind, f.form, f.rows_read, f.records,
               (SELECT count(*) FROM score s WHERE s.source_file_id = f.id)
             + (SELECT count(*) FROM session s WHERE s.source_file_id = f.id) AS stored,
               (SELECT count(*) FROM score_history h WHERE h.source_file_id = f.id)
             + (SELECT count(*) FROM session_history h WHERE h.source_file_id = f.id) AS superseded,
               f.duplicates, f.skipped, f.rejected, f.prorated
        FROM source_file f;
        """,
        // 2: transform (docs/database.md, "Analysis tables")
        """
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
        """,
        // 3: run control (docs/database.md, "Runs and stages")
        """
        ALTER TABLE source_file ADD COLUMN modified_ns INTEGER;
        CREATE INDEX source_file_by_path ON source_file(path, size_bytes, modified_ns);
        ALTER TABLE run ADD COLUMN program_version TEXT;
        CREATE TABLE stage_run (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES run(id),
            stage TEXT NOT NULL CHECK (stage IN ('ingest', 'transform', 'report')),
            target TEXT NOT NULL DEFAULT '',
            started_at INTEGER NOT NULL,
            finished_at INTEGER,
            status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
            inputs TEXT NOT NULL,
            summary TEXT,
            seconds REAL
        );
        CREATE INDEX stage_run_by_stage ON stage_run(stage, target, id);
        """,
        // 4: the report reads curve points without a join (docs/performance.md, "Report")
        """
        ALTER TABLE curve_point ADD COLUMN route TEXT;
        ALTER TABLE curve_point ADD COLUMN index_local_date TEXT;
        """,
        // 5: source_file_status without a scan of score and session per file (docs/database.md).
        // A file's accepted records are either current or were superseded later (then they are
        // in a history table under that file), so stored = accepted − superseded.
        """
        DROP VIEW source_file_status;
        CREATE INDEX score_history_by_file ON score_history(source_file_id);
        CREATE INDEX session_history_by_file ON session_history(source_file_id);
        CREATE VIEW source_file_status AS
        SELECT f.id, f.path, f.kind, f.form, f.rows_read, f.records,
               f.accepted - h.superseded AS stored, h.superseded,
               f.duplicates, f.skipped, f.rejected, f.prorated
        FROM source_file f,
             (SELECT (SELECT count(*) FROM score_history x WHERE x.source_file_id = f2.id)
                   + (SELECT count(*) FROM session_history x WHERE x.source_file_id = f2.id) AS superseded, f2.id AS file_id
              FROM source_file f2) h
        WHERE h.file_id = f.id;
        """,
        // 6: the report reads course × instrument rows without a join to `course`
        """
        ALTER TABLE course_instrument ADD COLUMN route TEXT;
        ALTER TABLE course_instrument ADD COLUMN index_local_date TEXT;
        ALTER TABLE course_instrument ADD COLUMN clinic_id TEXT;
        ALTER TABLE course_instrument ADD COLUMN mixed_route INTEGER;
        """,
        // 7: export files that could not be read, and the periodic content check (docs/database.md, docs/ingest.md)
        """
        CREATE TABLE unreadable_file (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            reason TEXT NOT NULL,
            run_id INTEGER REFERENCES run(id),
            first_seen_at INTEGER NOT NULL,
            resolved_at INTEGER
        );
        CREATE INDEX unreadable_file_by_path ON unreadable_file(path, resolved_at);
        CREATE TABLE content_check (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            checked_at INTEGER NOT NULL,
            run_id INTEGER REFERENCES run(id)
        );
        """,
        // 8: REDCap data dictionaries are recorded as files of kind 'dictionary' (docs/ingest.md,
        // "Data dictionaries"). SQLite cannot alter a CHECK constraint, so source_file is rebuilt
        // (sqlite.org/lang_altertable.html, "other kinds of table schema changes"); migrations run
        // with foreign keys off, and OutcomesStore checks them before turning them back on.
        """
        DROP VIEW source_file_status;
        CREATE TABLE source_file_new (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            size_bytes INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('scores', 'sessions', 'dictionary', 'unrecognised')),
            form TEXT,
            run_id INTEGER REFERENCES run(id),
            ingested_at INTEGER NOT NULL,
            rows_read INTEGER NOT NULL DEFAULT 0,
            empty_rows INTEGER NOT NULL DEFAULT 0,
            records INTEGER NOT NULL DEFAULT 0,
            accepted INTEGER NOT NULL DEFAULT 0,
            duplicates INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            rejected INTEGER NOT NULL DEFAULT 0,
            prorated INTEGER NOT NULL DEFAULT 0,
            modified_ns INTEGER
        );
        INSERT INTO source_file_new(id, path, size_bytes, sha256, kind, form, run_id, ingested_at, rows_read, empty_rows, records,
                                    accepted, duplicates, skipped, rejected, prorated, modified_ns)
        SELECT id, path, size_bytes, sha256, kind, form, run_id, ingested_at, rows_read, empty_rows, records,
               accepted, duplicates, skipped, rejected, prorated, modified_ns FROM source_file;
        DROP TABLE source_file;
        ALTER TABLE source_file_new RENAME TO source_file;
        CREATE INDEX source_file_by_sha256 ON source_file(sha256);
        CREATE INDEX source_file_by_path ON source_file(path, size_bytes, modified_ns);
        CREATE VIEW source_file_status AS
        SELECT f.id, f.path, f.kind, f.form, f.rows_read, f.records,
               f.accepted - h.superseded AS stored, h.superseded,
               f.duplicates, f.skipped, f.rejected, f.prorated
        FROM source_file f,
             (SELECT (SELECT count(*) FROM score_history x WHERE x.source_file_id = f2.id)
                   + (SELECT count(*) FROM session_history x WHERE x.source_file_id = f2.id) AS superseded, f2.id AS file_id
              FROM source_file f2) h
        WHERE h.file_id = f.id;
        """,
        // 9: analysis.md version 2 (§11–§15): what happens after relief, PHQ-9 item 9 and boosters,
        // per course × instrument and per course (docs/database.md). Filled by the full transform
        // that the new rules version triggers.
        """
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
        """,
        // 10: the patient id of a flagged row, where the row had one (issue 13; docs/database.md).
        // Rows flagged before this migration keep NULL until their file is read again.
        """
        ALTER TABLE row_issue ADD COLUMN patient_id TEXT;
        """,
        // 11: whether a completed ingest changed what the later stages read (docs/database.md,
        // "Runs and stages"): an ingest that only found touched files (same content, new
        // modification time) leaves transform and report up to date. Earlier runs count as changes.
        """
        ALTER TABLE stage_run ADD COLUMN changed_data INTEGER NOT NULL DEFAULT 1;
        """,
        // 12: follow-ups and curve points packed into two JSON texts per course × instrument
        // (issue 14; docs/database.md): the tables `follow_up` and `curve_point` (9 M and 8.6 M rows
        // for 250,000 patients) become views of the same names and columns. The rows are not
        // converted: the analysis tables are emptied and transform_state removed, and every patient
        // with a session is marked changed, so the next run finds the transform stale and, having
        // no completed transform to build on, recomputes every patient (the report follows).
        // course_instrument is created again, now with a rowid: its rows of up to a few kB would
        // leave the pages of a WITHOUT ROWID table half empty (index B-trees split evenly), and a
        // table appended in key order fills them. Readers that need key order ask for it.
        """
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
        """,
    ]
}
