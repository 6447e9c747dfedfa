#!/usr/bin/env bash
# Benchmarks/stages.sh BIN_A BIN_B [TRIALS]: the transform and report stages of two builds on
# the same ingested database, alternating, TRIALS times each (default 2). Start from the
# database `make bench` leaves (Benchmarks/data/bench.sqlite, run by the older build of the
# two so that both can open it); each trial copies it, forgets the last transform (so the
# transform is a full one) and runs `--stage transform` then `--stage report`, timing each
# stage as the run records it and the peak RSS of each process. Nothing outside
# Benchmarks/data/stages is written.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1; B=$2; TRIALS=${3:-2}
DATA=Benchmarks/data; WORK=$DATA/stages
mkdir -p "$WORK"
cp "$DATA/bench.sqlite" "$WORK/base.sqlite"
python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_checkpoint(TRUNCATE)')" "$WORK/base.sqlite"
printf '| build | trial | transform (s) | transform RSS (MB) | report (s) | report RSS (MB) |\n|---|---:|---:|---:|---:|---:|\n'
for trial in $(seq 1 "$TRIALS"); do
    for bin in "$A" "$B"; do
        rm -f "$WORK"/t.sqlite*
        cp "$WORK/base.sqlite" "$WORK/t.sqlite"
        python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM transform_state'); c.commit()" "$WORK/t.sqlite"
        line="| $bin | $trial"
        for stage in transform report; do
            /usr/bin/time -f "%M" -o "$WORK/rss" "$bin" run Benchmarks/bench.toml --db "$WORK/t.sqlite" --out "$WORK/report" --stage $stage > /dev/null
            seconds=$(python3 -c "import sqlite3, sys; print('%.1f' % sqlite3.connect(sys.argv[1]).execute(\"SELECT seconds FROM stage_run WHERE stage = ? ORDER BY id DESC LIMIT 1\", (sys.argv[2],)).fetchone()[0])" "$WORK/t.sqlite" $stage)
            line="$line | $seconds | $(( $(cat "$WORK/rss") / 1024 ))"
        done
        echo "$line |"
    done
done
rm -f "$WORK"/t.sqlite* "$WORK/base.sqlite"
