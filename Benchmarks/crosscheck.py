#!/usr/bin/env python3
"""An independent recomputation of route_summary.csv, response_curves.csv and
session_curves.csv from the ingested `score` and `session` tables, in plain Python
(no third-party packages), written from ../shared/spec/analysis.md and not from the
Swift code. It reads the rows the ingest stage stored, so it checks the transform and
report stages: courses, baselines, follow-ups, relief, endpoints, Kaplan–Meier, Wilson,
Student t, small cells.

    python3 Benchmarks/crosscheck.py DATABASE REPORT_DIR [--timezone America/New_York]
                                     [--period all|YYYYQn|YYYY-MM-DD..YYYY-MM-DD] [--min-cell N]

Exits 1 and prints the differences when a number differs by more than the files'
rounding. Default parameters only (analysis.md's defaults).
"""
import argparse
import csv
import math
import sqlite3
import sys
from datetime import datetime, timezone, date
from zoneinfo import ZoneInfo

DAY = 86400
ROUTES = ["IV", "IM", "IN", "SL", "PO", "SC"]
INSTRUMENTS = ["GAD7", "HAMA", "PHQ9"]
REMISSION = {"GAD7": 4, "PHQ9": 4, "HAMA": 7}
BINS = [0, 4, 24, 72, 168, 336, 504, 672, 1008, 2016]
Z = 1.959963984540054


def t975(df):
    # Student t quantile by bisection on the CDF via the regularised incomplete beta (math.lgamma).
    def betacf(a, b, x):
        c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
        d = 1.0 / (d if abs(d) > 1e-300 else 1e-300)
        h = d
        for m in range(1, 10000):
            m2 = 2 * m
            aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; d = 1 / (d if abs(d) > 1e-300 else 1e-300)
            c = 1 + aa / c if abs(1 + aa / c) > 1e-300 else 1e-300
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; d = 1 / (d if abs(d) > 1e-300 else 1e-300)
            c = 1 + aa / c if abs(1 + aa / c) > 1e-300 else 1e-300
            h *= d * c
            if abs(d * c - 1) < 1e-16:
                break
        return h

    def ibeta(x, a, b):
        if x <= 0: return 0.0
        if x >= 1: return 1.0
        front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
        if x < (a + 1) / (a + b + 2):
            return front * betacf(a, b, x) / a
        return 1 - front * betacf(b, a, 1 - x) / b

    def cdf(t):
        return 1 - 0.5 * ibeta(df / (df + t * t), df / 2, 0.5)

    lo, hi = 0.0, 1.0
    while cdf(hi) < 0.975:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        if cdf(mid) < 0.975: lo = mid
        else: hi = mid
    return (lo + hi) / 2


def wilson(x, n):
    if n == 0:
        return None, None, None
    p = x / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return p, max(0.0, centre - half), min(1.0, centre + half)


def kaplan_meier(obs):
    obs = sorted(obs)
    rows, n, s, g, i = [], len(obs), 1.0, 0.0, 0
    while i < len(obs):
        t = obs[i][0]
        d = c = 0
        while i < len(obs) and obs[i][0] == t:
            if obs[i][1]: d += 1
            else: c += 1
            i += 1
        if d:
            s *= (n - d) / n
            if n > d: g += d / (n * (n - d))
            else: s = 0.0
        if s >= 1: lo = hi = 1.0
        elif s <= 0: lo = hi = 0.0
        else:
            sigma = math.sqrt(g) / abs(math.log(s))
            lo, hi = s ** math.exp(Z * sigma), s ** math.exp(-Z * sigma)
        rows.append((t, n, d, c, s, lo, hi))
        n -= d + c
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("database"); ap.add_argument("report")
    ap.add_argument("--timezone", default="UTC"); ap.add_argument("--period", default="all")
    ap.add_argument("--min-cell", type=int, default=0)
    a = ap.parse_args()
    zone = ZoneInfo(a.timezone)
    db = sqlite3.connect(a.database)
    first, last = date.min, date.max
    if a.period != "all":
        if "Q" in a.period:
            y, q = int(a.period[:4]), int(a.period[5])
            first = date(y, 3 * q - 2, 1)
            last = date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)
            last = date.fromordinal(last.toordinal() - 1)
        else:
            f, l = a.period.split("..")
            first, last = date.fromisoformat(f), date.fromisoformat(l)

    sessions = {}
    for pid, start, route, sid in db.execute("SELECT patient_id, session_start, route, session_id FROM session"):
        sessions.setdefault(pid, []).append((start, sid or "", ROUTES.index(route), route))
    scores = {}
    for pid, inst, at, total in db.execute("SELECT patient_id, instrument, administered_at, total FROM score"):
        scores.setdefault((pid, inst), []).append((at, total))
    instruments = {r[0] for r in db.execute("SELECT DISTINCT instrument FROM score")}

    groups = {}      # (inst, route) -> list of course dicts
    curves = {}      # ("time"|"session", inst, route, point) -> [(pct, responding)]
    for pid, ss in sessions.items():
        ss.sort(key=lambda s: (s[0], s[1], s[2]))
        courses = []
        for s in ss:
            if courses and s[0] - courses[-1][-1][0] <= 60 * DAY:
                courses[-1].append(s)
            else:
                courses.append([s])
        for k, course in enumerate(courses):
            index = course[0][0]
            nxt = courses[k + 1][0][0] if k + 1 < len(courses) else None
            local = datetime.fromtimestamp(index, timezone.utc).astimezone(zone).date()
            if not (first <= local <= last):
                continue
            route = course[0][3]
            for inst in INSTRUMENTS:
                sc = sorted(scores.get((pid, inst), []))
                base = [x for x in sc if index - 14 * DAY <= x[0] <= index]
                b = base[-1][1] if base else None
                fus = [x for x in sc if index < x[0] <= index + 84 * DAY and (nxt is None or x[0] < nxt)]
                c = {"baseline": b, "relief": None, "evaluable": False, "responder": False, "remitter": False}
                if b is not None and b > 0 and fus:
                    hit = [x for x in fus if 2 * (b - x[1]) >= b]
                    c["relief"] = (hit[0][0] - index, True) if hit else (fus[-1][0] - index, False)
                if b is not None and b > 0:
                    ends = [x for x in fus if 21 * DAY <= x[0] - index <= 42 * DAY]
                    if ends:
                        e = ends[-1]
                        c["evaluable"] = True
                        c["responder"] = 2 * (b - e[1]) >= b
                        c["remitter"] = e[1] <= REMISSION[inst]
                    pct = lambda x: 100 * (b - x[1]) / b
                    for i in range(len(BINS) - 1):
                        inbin = [x for x in fus if BINS[i] <= (x[0] - index) / 3600 < BINS[i + 1]
                                 or (i == len(BINS) - 2 and (x[0] - index) / 3600 == BINS[-1])]
                        if inbin:
                            curves.setdefault(("time", inst, route, i), []).append((pct(inbin[-1]), 2 * (b - inbin[-1][1]) >= b))
                    for j, s in enumerate(course):
                        hi = course[j + 1][0] if j + 1 < len(course) else float("inf")
                        ins = [x for x in fus if s[0] < x[0] <= hi]
                        if ins:
                            curves.setdefault(("session", inst, route, j + 1), []).append((pct(ins[-1]), 2 * (b - ins[-1][1]) >= b))
                groups.setdefault((inst, route), []).append(c)

    def small(n):
        return 1 <= n < a.min_cell

    def fmt(v, d):
        return "" if v is None else f"{v:.{d}f}"

    expected = {}
    km_tables = {}
    routes_present = {r for (_, r) in groups}
    for inst in INSTRUMENTS:
        if inst not in instruments: continue
        for route in ROUTES:
            if route not in routes_present: continue
            cs = groups.get((inst, route), [])
            wb = [c for c in cs if c["baseline"] is not None]
            km = [c["relief"] for c in cs if c["relief"]]
            ev = sum(c["evaluable"] for c in cs); rs = sum(c["responder"] for c in cs); rm = sum(c["remitter"] for c in cs)
            events = sum(1 for o in km if o[1])
            counts = [len(cs), len(wb), ev, rs, rm, len(km), events]
            sup = any(small(n) for n in counts)
            rows = kaplan_meier(km)
            def first_at_or_below(col):
                for r in rows:
                    if r[col] <= 0.5 + 1e-9: return r[0] / 3600
                return None
            def surv(t):
                s = 1.0
                for r in rows:
                    if r[0] <= t: s = r[4]
                return s
            vals = {
                "courses": len(cs), "with_baseline": len(wb), "evaluable": ev, "responders": rs, "remitters": rm,
                "km_courses": len(km), "relief_events": events,
            }
            for name, (x, n) in {"responder": (rs, ev), "itt": (rs, len(wb)), "remission": (rm, ev)}.items():
                p, lo, hi = wilson(x, n)
                key = "responder_rate" if name == "responder" else ("itt_responder_rate" if name == "itt" else "remission_rate")
                lows = {"responder": "responder_ci", "itt": "itt_ci", "remission": "remission_ci"}[name]
                vals[key], vals[lows + "_low"], vals[lows + "_high"] = p, lo, hi
            vals["median_hours_to_relief"] = first_at_or_below(4) if km else None
            vals["median_ci_low_hours"] = first_at_or_below(5) if km else None
            vals["median_ci_high_hours"] = first_at_or_below(6) if km else None
            for label, t in [("relieved_by_24h", 24 * 3600), ("relieved_by_7d", 7 * DAY), ("relieved_by_28d", 28 * DAY)]:
                vals[label] = (1 - surv(t)) if km else None
            vals["mean_baseline"] = sum(c["baseline"] for c in wb) / len(wb) if wb else None
            if sup:
                for k in list(vals):
                    if isinstance(vals[k], int) and k in ("courses", "with_baseline", "evaluable", "responders", "remitters",
                                                           "km_courses", "relief_events"):
                        if small(vals[k]): vals[k] = None
                    else:
                        vals[k] = None
            vals["suppressed"] = "true" if sup else "false"
            expected[(inst, route)] = vals
            if not sup:
                km_tables[(inst, route)] = rows

    problems = []
    with open(f"{a.report}/route_summary.csv", newline="") as f:
        got = {(r["instrument"], r["route"]): r for r in csv.DictReader(f)}
    if set(got) != set(expected):
        problems.append(f"route_summary rows: got {sorted(got)}, expected {sorted(expected)}")
    for key, vals in expected.items():
        row = got.get(key)
        if row is None: continue
        for col, v in vals.items():
            cell = row[col]
            if v is None or isinstance(v, str):
                ok = cell == ("" if v is None else v)
            elif isinstance(v, int) and not isinstance(v, bool):
                ok = cell == str(v)
            else:
                ok = cell != "" and abs(float(cell) - v) <= 1e-4
            if not ok:
                problems.append(f"route_summary {key} {col}: got {cell!r}, expected {v!r}")

    with open(f"{a.report}/time_to_relief.csv", newline="") as f:
        steps = {}
        for r in csv.DictReader(f):
            steps.setdefault((r["instrument"], r["route"]), []).append(r)
    if set(steps) != {k for k, v in km_tables.items() if v}:
        problems.append(f"time_to_relief groups: got {sorted(steps)}, expected {sorted(k for k, v in km_tables.items() if v)}")
    for key, rows in km_tables.items():
        got_rows = steps.get(key, [])
        if len(got_rows) != len(rows):
            problems.append(f"time_to_relief {key}: {len(got_rows)} rows, expected {len(rows)}")
            continue
        for g, (t, n, d, c, s_, lo, hi) in zip(got_rows, rows):
            want = [t / 3600, n, d, c, s_, lo, hi]
            cols = ["hours", "at_risk", "events", "censored", "survival", "ci_low", "ci_high"]
            for col, v in zip(cols, want):
                if abs(float(g[col]) - v) > 1e-4:
                    problems.append(f"time_to_relief {key} at {t / 3600:.4f} h {col}: got {g[col]}, expected {v}")

    for kind, file, keycols in [("time", "response_curves.csv", ("bin_start_hours",)), ("session", "session_curves.csv", ("session_number",))]:
        with open(f"{a.report}/{file}", newline="") as f:
            rows = list(csv.DictReader(f))
        want = {k: v for k, v in curves.items() if k[0] == kind}
        if len(rows) != len(want):
            problems.append(f"{file}: {len(rows)} rows, expected {len(want)}")
        for r in rows:
            point = BINS.index(float(r["bin_start_hours"])) if kind == "time" else int(r["session_number"])
            vs = want.get((kind, r["instrument"], r["route"], point))
            if vs is None:
                problems.append(f"{file}: unexpected row {r}")
                continue
            n = len(vs)
            xs = [v[0] for v in vs]
            mean = sum(xs) / n
            ys = sorted(xs)
            med = ys[n // 2] if n % 2 else (ys[n // 2 - 1] + ys[n // 2]) / 2
            sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (n - 1)) if n > 1 else None
            half = t975(n - 1) * sd / math.sqrt(n) if n > 1 else None
            share = sum(v[1] for v in vs) / n
            sup = small(n)
            exp = {"courses": None if sup else n, "mean_pct_reduction": None if sup else mean,
                   "sd_pct_reduction": None if sup else sd, "ci_low": None if sup or half is None else mean - half,
                   "ci_high": None if sup or half is None else mean + half, "median_pct_reduction": None if sup else med,
                   "share_responding": None if sup else share}
            for col, v in exp.items():
                cell = r[col]
                ok = cell == "" if v is None else (cell != "" and abs(float(cell) - v) <= 1e-3)
                if not ok:
                    problems.append(f"{file} {r['instrument']} {r['route']} {point} {col}: got {cell!r}, expected {v!r}")

    if problems:
        print("\n".join(problems[:60]))
        print(f"{len(problems)} difference(s)")
        sys.exit(1)
    print(f"crosscheck: {len(expected)} route rows, {sum(len(v) for v in km_tables.values())} Kaplan–Meier rows "
          f"and {len(curves)} curve rows agree")


if __name__ == "__main__":
    main()
