#!/usr/bin/env python3
"""The benchmark job in DuckDB: per instrument × route, evaluable courses, responders and the
Kaplan–Meier median time to relief, by analysis.md's default rules, from the plain exports
that `outcomes sample --plain` writes (scores*.csv, sessions*.csv; times in UTC).

    python duckdb_job.py EXPORT_FOLDER OUTPUT.csv
"""
import sys
import duckdb

folder, output = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute(f"""
CREATE TABLE sessions AS
SELECT patient_id, epoch(session_start)::BIGINT AS ts, route,
       CASE route WHEN 'IV' THEN 0 WHEN 'IM' THEN 1 WHEN 'IN' THEN 2 WHEN 'SL' THEN 3 WHEN 'PO' THEN 4 ELSE 5 END AS ro
FROM read_csv('{folder}/sessions*.csv', header = true,
              columns = {{'patient_id': 'VARCHAR', 'session_start': 'TIMESTAMP', 'route': 'VARCHAR'}});
CREATE TABLE scores AS
SELECT patient_id, instrument, epoch(administered_at)::BIGINT AS ts, total
FROM read_csv('{folder}/scores*.csv', header = true,
              columns = {{'patient_id': 'VARCHAR', 'instrument': 'VARCHAR', 'administered_at': 'TIMESTAMP', 'total': 'INTEGER'}});
""")
result = con.execute("""
WITH gaps AS (
    SELECT *, CASE WHEN ts - lag(ts) OVER w > 60 * 86400 OR lag(ts) OVER w IS NULL THEN 1 ELSE 0 END AS new_course
    FROM sessions WINDOW w AS (PARTITION BY patient_id ORDER BY ts, ro)),
numbered AS (
    SELECT *, sum(new_course) OVER (PARTITION BY patient_id ORDER BY ts, ro ROWS UNBOUNDED PRECEDING) AS course FROM gaps),
courses0 AS (
    SELECT patient_id, course, min(ts) AS index_ts, arg_min(route, ts * 10 + ro) AS route FROM numbered GROUP BY ALL),
courses AS (
    SELECT *, lead(index_ts) OVER (PARTITION BY patient_id ORDER BY course) AS next_ts FROM courses0),
joined AS (
    SELECT c.patient_id, c.course, c.route, c.index_ts, c.next_ts, x.instrument, x.ts, x.total
    FROM courses c JOIN scores x USING (patient_id)
    WHERE x.ts >= c.index_ts - 14 * 86400 AND x.ts <= c.index_ts + 84 * 86400),
base AS (
    SELECT patient_id, course, instrument, arg_max(total, ts) AS b FROM joined WHERE ts <= index_ts GROUP BY ALL),
fu AS (
    SELECT j.patient_id, j.course, j.instrument, j.route, j.ts, j.total, b.b, j.ts - j.index_ts AS dt
    FROM joined j JOIN base b USING (patient_id, course, instrument)
    WHERE j.ts > j.index_ts AND (j.next_ts IS NULL OR j.ts < j.next_ts) AND b.b > 0),
endpoint AS (
    SELECT instrument, route, patient_id, course, arg_max(total, ts) AS e, any_value(b) AS b
    FROM fu WHERE dt BETWEEN 21 * 86400 AND 42 * 86400 GROUP BY ALL),
rates AS (
    SELECT instrument, route, count(*) AS evaluable, count(*) FILTER (WHERE 2 * (b - e) >= b) AS responders
    FROM endpoint GROUP BY ALL),
relief AS (
    SELECT instrument, route, patient_id, course,
           min(dt) FILTER (WHERE 2 * (b - total) >= b) AS event_dt, max(dt) AS last_dt
    FROM fu GROUP BY ALL),
times AS (
    SELECT instrument, route, coalesce(event_dt, last_dt) AS t, count(*) FILTER (WHERE event_dt IS NOT NULL) AS d, count(*) AS n_t
    FROM relief GROUP BY ALL),
risk AS (
    SELECT *, sum(n_t) OVER (PARTITION BY instrument, route ORDER BY t DESC ROWS UNBOUNDED PRECEDING) AS n FROM times),
surv AS (
    SELECT *, CASE WHEN min(n - d) OVER w = 0 THEN 0
                   ELSE exp(sum(ln((n - d)::DOUBLE / n)) OVER w) END AS s
    FROM risk WINDOW w AS (PARTITION BY instrument, route ORDER BY t ROWS UNBOUNDED PRECEDING)),
medians AS (
    SELECT instrument, route, min(t) FILTER (WHERE s <= 0.5 + 1e-9) / 3600.0 AS median_hours FROM surv GROUP BY ALL)
SELECT r.instrument, r.route, r.evaluable, r.responders, r.responders / r.evaluable AS responder_rate, m.median_hours
FROM rates r FULL JOIN medians m USING (instrument, route)
ORDER BY 1, 2
""").df()
result.to_csv(output, index=False)
print(f"duckdb: {len(result)} rows → {output}")
