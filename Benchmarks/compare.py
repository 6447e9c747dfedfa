#!/usr/bin/env python3
"""Checks that the DuckDB and pandas jobs give outcomes' numbers: evaluable, responders,
responder rate and median hours to relief per instrument × route.

    python compare.py ROUTE_SUMMARY.csv JOB.csv [JOB.csv …]
"""
import csv
import math
import sys


def load(path, columns):
    with open(path, newline="") as f:
        return {(r["instrument"], r["route"]): {c: r[c] for c in columns} for r in csv.DictReader(f)}


ours = load(sys.argv[1], ["evaluable", "responders", "responder_rate", "median_hours_to_relief"])
failed = False
for path in sys.argv[2:]:
    theirs = load(path, ["evaluable", "responders", "responder_rate", "median_hours"])
    problems = []
    for key, row in sorted(theirs.items()):
        mine = ours.get(key)
        if mine is None:
            problems.append(f"{key}: not in route_summary")
            continue
        def number(text):
            return None if text in ("", "nan", "None") else float(text)
        pairs = [("evaluable", mine["evaluable"], row["evaluable"]), ("responders", mine["responders"], row["responders"]),
                 ("responder_rate", mine["responder_rate"], row["responder_rate"]),
                 ("median_hours", mine["median_hours_to_relief"], row["median_hours"])]
        for name, a, b in pairs:
            x, y = number(a), number(b)
            if (x is None) != (y is None) or (x is not None and not math.isclose(x, y, abs_tol=1e-4)):
                problems.append(f"{key} {name}: outcomes {a!r}, {path} {b!r}")
    if problems:
        failed = True
        print(f"{path}: {len(problems)} difference(s)")
        print("\n".join(problems[:20]))
    else:
        print(f"{path}: all {len(theirs)} rows agree with outcomes")
sys.exit(1 if failed else 0)
