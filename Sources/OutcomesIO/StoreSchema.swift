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
    ]
}
