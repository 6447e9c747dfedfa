#!/usr/bin/env python3
"""Issue 14's table: each job's ratio to its reference, against its target, from the
timings bench.sh wrote (KEY|label|seconds|peak MB per line).

    python ratios.py TIMINGS
"""
import sys

seconds, megabytes = {}, {}
for line in open(sys.argv[1]):
    key, _label, wall, peak = line.rstrip("\n").split("|")
    seconds[key] = float(wall)
    if peak:
        megabytes[key] = int(peak)

ours = ["full", "nightly", "report", "analyst", "setup2x", "nightly2x"]
rows = [
    ("full rebuild ÷ DuckDB's job", seconds["full"] / seconds["duckdb"], 3.0),
    ("analyst rerun (run after changing relief_threshold) ÷ DuckDB", seconds["analyst"] / seconds["duckdb"], 1.0),
    ("nightly increment (one more day) ÷ DuckDB", seconds["nightly"] / seconds["duckdb"], 0.5),
    ("report stage alone ÷ DuckDB", seconds["report"] / seconds["duckdb"], 0.3),
    ("peak RSS of every outcomes job (MB)", max(megabytes[k] for k in ours if k in megabytes), 500),
    ("nightly at twice the history ÷ nightly at 1×", seconds["nightly2x"] / seconds["nightly"], 1.3),
]
print("| target | measured | at most | met |")
print("|---|---:|---:|---|")
for name, value, limit in rows:
    shown = f"{value:.0f}" if limit >= 100 else f"{value:.2f}"
    print(f"| {name} | {shown} | {limit:g} | {'yes' if value <= limit else '**no**'} |")
