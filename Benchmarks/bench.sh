#!/usr/bin/env bash
# make bench: outcomes against DuckDB and pandas+lifelines on the same clinic (250,000 patients,
# ~10 M score rows by default; BENCH_PATIENTS to change). Measures wall time and peak RSS of
# the jobs issue 14 names — a full rebuild, a nightly increment (one more day of exports), the
# report stage alone, an analyst's rerun after changing relief_threshold, the nightly on a
# clinic with twice the history — and the same job in DuckDB and in pandas+lifelines; checks
# that their figures equal ours; prints every ratio against its target.
# Results: Benchmarks/data/results.md (docs/performance.md says how to read them).
set -euo pipefail
cd "$(dirname "$0")/.."

PATIENTS=${BENCH_PATIENTS:-250000}
SEED=${BENCH_SEED:-7}
NIGHT=${BENCH_NIGHT:-2026-09-30}
DATA=Benchmarks/data
# BENCH_BIN runs another build (e.g. the previous release, for a before/after) on the same data.
BIN=${BENCH_BIN:-.build/release/outcomes}
PY=Benchmarks/.venv/bin/python

[ -n "${BENCH_BIN:-}" ] || swift build -c release --product outcomes
if [ ! -x "$PY" ]; then
    python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install --quiet -r Benchmarks/requirements.txt
fi
mkdir -p "$DATA"
Benchmarks/clinic.sh "$DATA" "$PATIENTS" "$SEED" "$NIGHT" "$BIN"
rows=$(( $(wc -l < "$DATA/all/scores_base.csv") + $(wc -l < "$DATA/night/scores_night.csv") - 2 ))
night_rows=$(( $(wc -l < "$DATA/night/scores_night.csv") + $(wc -l < "$DATA/night/sessions_night.csv") - 2 ))
megabytes=$(du -cm "$DATA"/all/*.csv "$DATA"/night/*.csv | tail -1 | cut -f1)

# measure KEY LABEL COMMAND… → "KEY|LABEL|seconds|peak MB" appended to $DATA/timings
measure() {
    local key=$1 label=$2; shift 2
    /usr/bin/time -f "%e %M" -o "$DATA/time.txt" "$@" > "$DATA/last.log" 2>&1 || { cat "$DATA/last.log"; exit 1; }
    read -r seconds kilobytes < "$DATA/time.txt"
    echo "$key|$label|$seconds|$((kilobytes / 1024))" >> "$DATA/timings"
    echo "$label: ${seconds} s, $((kilobytes / 1024)) MB peak RSS"
    sed 's/^/    /' "$DATA/last.log" | head -5
}
# fresh FOLDER FILES… : an empty export folder holding FILES, and no database of the bench
fresh() {
    local folder=$1; shift
    rm -f "$DATA"/bench.sqlite* && rm -rf "$DATA/exports" "$DATA"/report* && mkdir -p "$folder"
    cp "$@" "$folder/"
}

rm -f "$DATA/timings"
# 1. Twice the history first (its full rebuild is set-up, not a job of the table): the night.
fresh "$DATA/exports" "$DATA"/double/*.csv
sync
measure setup2x "set-up: full rebuild of twice the history" "$BIN" run Benchmarks/bench.toml
cp "$DATA"/night/*.csv "$DATA/exports/"
measure nightly2x "outcomes: nightly increment at twice the history ($((2 * PATIENTS)) patients)" "$BIN" run Benchmarks/bench.toml

# 2. The clinic: full rebuild, nightly, report alone, the analyst's rerun.
fresh "$DATA/exports" "$DATA"/all/*.csv
sync
measure full "outcomes: full rebuild (fresh database, all stages)" "$BIN" run Benchmarks/bench.toml
# Each stage of the full rebuild, as the run recorded it (stage_run.seconds).
python3 -c "
import sqlite3, sys
for stage, seconds in sqlite3.connect(sys.argv[1]).execute('SELECT stage, seconds FROM stage_run ORDER BY id'):
    print(f'stage|  full rebuild, {stage} stage|{seconds:.1f}|')" "$DATA/bench.sqlite" | tee -a "$DATA/timings"
cp "$DATA"/night/*.csv "$DATA/exports/"
measure nightly "outcomes: nightly increment (one more day: $night_rows rows)" "$BIN" run Benchmarks/bench.toml
measure report "outcomes: report stage alone" "$BIN" run Benchmarks/bench.toml --stage report
measure analyst "outcomes: analyst's rerun after changing relief_threshold (50 → 60)" "$BIN" run Benchmarks/bench-analyst.toml

# 3. The same job elsewhere, from the same CSVs (history and night).
measure duckdb "DuckDB $($PY -c 'import duckdb; print(duckdb.__version__)'): the same job" "$PY" Benchmarks/duckdb_job.py "$DATA/exports" "$DATA/duckdb.csv"
measure pandas "pandas $($PY -c 'import pandas; print(pandas.__version__)') (pyarrow) + lifelines: the same job" "$PY" Benchmarks/pandas_job.py "$DATA/exports" "$DATA/pandas.csv"

{
    echo "Benchmark on $(nproc) cores, $(date -u +%Y-%m-%d): $PATIENTS patients, $rows score rows, ${megabytes} MB of CSV (seed $SEED)."
    echo
    echo "| job | wall time (s) | peak RSS (MB) |"
    echo "|---|---:|---:|"
    awk -F'|' '{ printf "| %s | %s | %s |\n", $2, $3, $4 }' "$DATA/timings"
    echo
    python3 Benchmarks/ratios.py "$DATA/timings"
    echo
    python3 Benchmarks/compare.py "$DATA/report/route_summary.csv" "$DATA/duckdb.csv" "$DATA/pandas.csv"
} | tee "$DATA/results.md"
