#!/usr/bin/env bash
# The network report at scale (issue 15): one synthetic clinic (BENCH_SITE_PATIENTS, default
# 2,000 patients, in its clinics' own export forms) is run and published as site s001, and its
# rows (every table) are copied to sites
# s002…sN as the coordinator (each site then holds a full clinic's contribution); the release
# binary's `outcomes network` is timed for N = 20 and N = 200. A throw-away PostgreSQL
# cluster under $DATA, on a Unix socket; stopped at the end. Results: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=$(realpath -m "${BENCH_NETWORK_DATA:-Benchmarks/data/network}")
PATIENTS=${BENCH_SITE_PATIENTS:-2000}
BIN=.build/release/outcomes
swift build -c release --product outcomes
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
rm -rf "$DATA" && mkdir -p "$DATA/site/exports"
AS=(); [ "$(id -u)" -eq 0 ] && { chown postgres "$DATA"; AS=(runuser -u postgres --); }
"${AS[@]}" "$PGBIN/initdb" -D "$DATA/pg" -U outcomes_admin --auth=trust -E UTF8 --no-locale --no-sync > "$DATA/initdb.log"
"${AS[@]}" "$PGBIN/pg_ctl" -D "$DATA/pg" -l "$DATA/server.log" -w -o "-k $DATA -p 5432 -c listen_addresses=''" start > /dev/null
trap '"${AS[@]}" "$PGBIN/pg_ctl" -D "$DATA/pg" -m fast -w stop > /dev/null' EXIT
ADMIN="host=$DATA port=5432 dbname=network user=outcomes_admin"
psql -q "host=$DATA port=5432 dbname=postgres user=outcomes_admin" -c "CREATE DATABASE network"

"$BIN" sample --out "$DATA/site/exports" --patients "$PATIENTS" --seed 15 --timezone UTC > /dev/null
printf '[pipeline]\nname = "s001"\ndatabase = "%s/site/o.sqlite"\nreports = "%s/site/report"\nexports = "%s/site/exports"\ntimezone = "UTC"\n[report]\nmin_cell = 11\n[network]\nurl = "host=%s port=5432 dbname=network user=outcomes_site_s001"\nsite = "s001"\n' \
    "$DATA" "$DATA" "$DATA" "$DATA" > "$DATA/site/pipeline.toml"
"$BIN" run "$DATA/site/pipeline.toml" --quiet

for sites in 20 200; do
    list=$(seq -f 's%03g' 1 "$sites" | sed 's/.*/"&"/' | paste -sd, -)
    printf '[network]\nname = "bench"\nurl = "host=%s port=5432 dbname=network user=bench_analyst"\nperiod = "all"\nmin_cell = 11\nsites = [%s]\nreports = "%s/report-%s"\n' \
        "$DATA" "$list" "$DATA" "$sites" > "$DATA/network-$sites.toml"
    "$BIN" network "$DATA/network-$sites.toml" --setup --url "$ADMIN" > /dev/null
    psql -q "$ADMIN" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench_analyst') THEN CREATE ROLE bench_analyst LOGIN IN ROLE outcomes_analyst; END IF; END \$\$;"
    [ "$sites" = 20 ] && "$BIN" publish "$DATA/site/pipeline.toml" > /dev/null
    # Sites s002…sN: s001's rows under their names (as the coordinator, who owns the tables).
    psql -q "$ADMIN" -v ON_ERROR_STOP=1 <<SQL
DELETE FROM contribution WHERE site <> 's001';
INSERT INTO contribution SELECT s.site, c.period, c.program_version, c.settings, c.instruments_with_scores
    FROM contribution c, network_site s WHERE c.site = 's001' AND s.site <> 's001' AND s.site IN ($(echo "$list" | tr '"' "'"));
DO \$\$ DECLARE t text; cols text; BEGIN
    -- Every table of counts, parents before children (curve_point before curve_value).
    FOREACH t IN ARRAY ARRAY['route_count', 'event_count', 'curve_point', 'curve_value', 'booster_value',
                             'breakdown_count', 'breakdown_event_count', 'quality_count'] LOOP
        SELECT string_agg('r.' || quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name = t AND column_name <> 'site';
        EXECUTE format('INSERT INTO %I SELECT s.site, %s FROM %I r, contribution s WHERE r.site = ''s001'' AND s.site <> ''s001''', t, cols, t);
    END LOOP;
END \$\$;
SQL
    rows=$(psql -tAq "$ADMIN" -c "SELECT sum(n) FROM (SELECT count(*) AS n FROM route_count UNION ALL SELECT count(*) FROM event_count
        UNION ALL SELECT count(*) FROM curve_point UNION ALL SELECT count(*) FROM curve_value UNION ALL SELECT count(*) FROM booster_value
        UNION ALL SELECT count(*) FROM breakdown_count UNION ALL SELECT count(*) FROM breakdown_event_count
        UNION ALL SELECT count(*) FROM quality_count) c")
    /usr/bin/time -f "%e %M" -o "$DATA/time.txt" "$BIN" network "$DATA/network-$sites.toml" > /dev/null
    read -r seconds kilobytes < "$DATA/time.txt"
    echo "$sites sites of $PATIENTS patients ($rows published rows): outcomes network in $seconds s, peak RSS $((kilobytes / 1024)) MB"
done
