#!/usr/bin/env bash
# The NDJSON ingest benchmark: a ~1 GB FHIR Bulk Data file of score Observations, ingested by
# the release binary into a fresh database, side by side with the long CSV form of the same
# scores; wall time, records per second and peak RSS of each. Results: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${BENCH_FHIR_DATA:-Benchmarks/data/fhir}
MB=${BENCH_FHIR_MB:-1024}
BIN=.build/release/outcomes
swift build -c release --product outcomes
mkdir -p "$DATA/ndjson" "$DATA/csv"
[ -s "$DATA/ndjson/Observation.ndjson" ] || python3 Benchmarks/fhir_ndjson.py "$DATA/ndjson/Observation.ndjson" "$MB"
# The same administrations as a long CSV export.
[ -s "$DATA/csv/scores.csv" ] || python3 - "$DATA/ndjson/Observation.ndjson" "$DATA/csv/scores.csv" <<'PY'
import json, sys
names = {"44261-6": "PHQ-9", "70274-6": "GAD-7"}
with open(sys.argv[1]) as src, open(sys.argv[2], "w") as out:
    out.write("patient_id,instrument,administered_at,total\n")
    for line in src:
        r = json.loads(line)
        out.write(f'{r["subject"]["reference"][8:]},{names[r["code"]["coding"][0]["code"]]},{r["effectiveDateTime"]},{r["valueQuantity"]["value"]}\n')
PY
for form in ndjson csv; do
    rm -f "$DATA/$form.sqlite"*
    printf '[pipeline]\nname = "bench-%s"\ndatabase = "%s/%s.sqlite"\nreports = "%s/report-%s"\nexports = "%s/%s"\ntimezone = "UTC"\n' \
        "$form" "$DATA" "$form" "$DATA" "$form" "$DATA" "$form" > "$DATA/$form.toml"
    /usr/bin/time -f "%e %M" -o "$DATA/time-$form.txt" "$BIN" run "$DATA/$form.toml" --stage ingest > "$DATA/$form.log" 2>&1
    read -r seconds kilobytes < "$DATA/time-$form.txt"
    records=$(grep -o '[0-9]* records' "$DATA/$form.log" | head -1 | cut -d' ' -f1)
    echo "$form: $(du -m "$DATA/$form" | cut -f1) MB, $records records in $seconds s ($(python3 -c "print(round($records / $seconds))") records/s), peak RSS $((kilobytes / 1024)) MB"
done
