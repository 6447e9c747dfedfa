#!/usr/bin/env bash
# Benchmarks/clinic.sh OUT PATIENTS SEED NIGHT BIN: the benchmark's clinic, generated once per
# size, seed, night and generator source into OUT (kept while its stamp matches):
#   OUT/all/{scores,sessions}_base.csv    the clinic's history (every row but the night's)
#   OUT/night/{scores,sessions}_night.csv one more day of exports (the rows dated NIGHT)
#   OUT/double/{scores,sessions}_base.csv twice the history: the clinic and a copy of it whose
#                                          patient ids carry the prefix "copy-" (2× patients, the
#                                          same night), for the nightly's growth with history
set -euo pipefail
OUT=$1; PATIENTS=$2; SEED=$3; NIGHT=$4; BIN=$5
cd "$(dirname "$0")/.."
# The stamp names the generator's source too, so a changed generator makes new data.
GENERATOR=$(cat Sources/OutcomesSample/*.swift | sha256sum | cut -c1-12)
STAMP="$OUT/clinic-$PATIENTS-$SEED-$NIGHT-$GENERATOR"
[ -e "$STAMP" ] && exit 0
rm -rf "$OUT/all" "$OUT/night" "$OUT/double" "$OUT"/clinic-*
mkdir -p "$OUT/all" "$OUT/night" "$OUT/double"
"$BIN" sample --out "$OUT/all" --patients "$PATIENTS" --seed "$SEED" --plain --timezone UTC
for kind in scores sessions; do
    column=$([ $kind = scores ] && echo 3 || echo 2)
    awk -F, -v day="$NIGHT" -v col="$column" -v base="$OUT/all/${kind}_base.csv" -v night="$OUT/night/${kind}_night.csv" '
        NR == 1 { print > base; print > night; next }
        substr($col, 1, 10) == day { print > night; next }
        { print > base }' "$OUT/all/$kind.csv"
    rm "$OUT/all/$kind.csv"
    # The plain form's patient id is its first column and holds no comma or quote.
    awk -F, 'NR == FNR { print; next } FNR > 1 { print "copy-" $0 }' \
        "$OUT/all/${kind}_base.csv" "$OUT/all/${kind}_base.csv" > "$OUT/double/${kind}_base.csv"
done
touch "$STAMP"
