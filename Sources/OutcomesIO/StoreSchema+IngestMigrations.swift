/// The migrations of the ingest and run-control tables (docs/database.md), in StoreSchema.migrations' order.
extension StoreSchema {
    // 1: ingest
    static let ingestTables = """
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
        """

    // 3: run control (docs/database.md, "Runs and stages")
    static let runControl = """
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
        """

    // 5: source_file_status without a scan of score and session per file (docs/database.md).
    // A file's accepted records are either current or were superseded later (then they are
    // in a history table under that file), so stored = accepted − superseded.
    static let sourceFileStatusFromCounts = """
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
        """

    // 7: export files that could not be read, and the periodic content check (docs/database.md, docs/ingest.md)
    static let unreadableFilesAndContentCheck = """
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
        """

    // 8: REDCap data dictionaries are recorded as files of kind 'dictionary' (docs/ingest.md,
    // "Data dictionaries"). SQLite cannot alter a CHECK constraint, so source_file is rebuilt
    // (sqlite.org/lang_altertable.html, "other kinds of table schema changes"); migrations run
    // with foreign keys off, and OutcomesStore checks them before turning them back on.
    static let dictionaryFiles = """
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
        """

    // 10: the patient id of a flagged row, where the row had one (issue 13; docs/database.md).
    // Rows flagged before this migration keep NULL until their file is read again.
    static let flaggedRowPatient = """
        ALTER TABLE row_issue ADD COLUMN patient_id TEXT;
        """

    // 11: whether a completed ingest changed what the later stages read (docs/database.md,
    // "Runs and stages"): an ingest that only found touched files (same content, new
    // modification time) leaves transform and report up to date. Earlier runs count as changes.
    static let ingestChangedFlag = """
        ALTER TABLE stage_run ADD COLUMN changed_data INTEGER NOT NULL DEFAULT 1;
        """
}
