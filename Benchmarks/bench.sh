#!/usr/bin/env bash
# make bench: outcomes against DuckDB and pandas+lifelines on the same ~10 M score rows.
# Measures wall time and peak RSS of (a) a full rebuild, (b) a nightly increment (one more
# day of exports), (c) the report stage alone, and the equivalent job in DuckDB and in
# pandas+lifelines; then checks that their numbers equal ours. Results: Benchmarks/data/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PATIENTS=${BENCH_PATIENTS:-250000}
SEED=${BENCH_SEED:-7}
NIGHT=${BENCH_NIGHT:-2026-09-30}
DATA=Benchmarks/data
# BENCH_BIN runs another build (e.g. the previous release, for a before/after) on the same data.
BIN=${BENCH_BIN:-.build/release/outcomes}
PY=Benchmarks/.venv/bin/python

swift build -c release --product outcomes
if [ ! -x "$PY" ]; then
    python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install --quiet -r Benchmarks/requirements.txt
fi

# The clinic, generated once per size and seed, then split: the rows of one day ($NIGHT)
# become the nightly increment, everything else the clinic's history.
# The stamp names the generator's source too, so a changed generator makes new data.
GENERATOR=$(cat Sources/OutcomesSample/*.swift | sha256sum | cut -c1-12)
STAMP="$DATA/clinic-$PATIENTS-$SEED-$NIGHT-$GENERATOR"
if [ ! -e "$STAMP" ]; then
    rm -rf "$DATA"
    mkdir -p "$DATA/all" "$DATA/night"
    "$BIN" sample --out "$DATA/all" --patients "$PATIENTS" --seed "$SEED" --plain --timezone UTC
    for kind in scores sessions; do
        column=$([ $kind = scores ] && echo 3 || echo 2)
        awk -F, -v day="$NIGHT" -v col="$column" -v base="$DATA/all/${kind}_base.csv" -v night="$DATA/night/${kind}_night.csv" '
            NR == 1 { print > base; print > night; next }
            substr($col, 1, 10) == day { print > night; next }
            { print > base }' "$DATA/all/$kind.csv"
        rm "$DATA/all/$kind.csv"
    done
    touch "$STAMP"
fi
rows=$(( $(wc -l < "$DATA/all/scores_base.csv") + $(wc -l < "$DATA/night/scores_night.csv") - 2 ))
night_rows=$(( $(wc -l < "$DATA/night/scores_night.csv") + $(wc -l < "$DATA/night/sessions_night.csv") - 2 ))
megabytes=$(du -cm "$DATA"/all/*.csv "$DATA"/night/*.csv | tail -1 | cut -f1)

measure() {  # measure LABEL COMMAND… → appends "LABEL|seconds|peak MB" to $DATA/timings
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$DATA/time.txt" "$@" > "$DATA/last.log" 2>&1 || { cat "$DATA/last.log"; exit 1; }
    read -r seconds kilobytes < "$DATA/time.txt"
    echo "$label|$seconds|$((kilobytes / 1024))" >> "$DATA/timings"
    echo "$label: ${seconds} s, $((kilobytes / 1024)) MB peak RSS"
    sed 's/^/    /' "$DATA/last.log" | head -5
}

rm -f "$DATA/timings" "$DATA"/bench.sqlite* && rm -rf "$DATA/exports" "$DATA/report" && mkdir -p "$DATA/exports"
cp "$DATA"/all/*.csv "$DATA/exports/"
sync
measure "outcomes: full rebuild (fresh database, all stages)" "$BIN" run Benchmarks/bench.toml
# Each stage of the full rebuild, as the run recorded it (stage_run.seconds).
python3 -c "
import sqlite3, sys
for stage, seconds in sqlite3.connect(sys.argv[1]).execute('SELECT stage, seconds FROM stage_run ORDER BY id'):
    print(f'  full rebuild, {stage} stage|{seconds:.1f}|')" "$DATA/bench.sqlite" | tee -a "$DATA/timings"
cp "$DATA"/night/*.csv "$DATA/exports/"
measure "outcomes: nightly increment (one more day: $night_rows rows)" "$BIN" run Benchmarks/bench.toml
measure "outcomes: report stage alone" "$BIN" run Benchmarks/bench.toml --stage report
measure "DuckDB $($PY -c 'import duckdb; print(duckdb.__version__)'): the same job" "$PY" Benchmarks/duckdb_job.py "$DATA/exports" "$DATA/duckdb.csv"
measure "pandas $($PY -c 'import pandas; print(pandas.__version__)') (pyarrow) + lifelines: the same job" "$PY" Benchmarks/pandas_job.py "$DATA/exports" "$DATA/pandas.csv"

{
    echo "Benchmark on $(nproc) cores, $(date -u +%Y-%m-%d): $PATIENTS patients, $rows score rows, ${megabytes} MB of CSV (seed $SEED)."
    echo
    echo "| job | wall time (s) | peak RSS (MB) |"
    echo "|---|---:|---:|"
    awk -F'|' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }' "$DATA/timings"
    echo
    python3 Benchmarks/compare.py "$DATA/report/route_summary.csv" "$DATA/duckdb.csv" "$DATA/pandas.csv"
} | tee "$DATA/results.md"
