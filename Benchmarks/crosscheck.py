#!/usr/bin/env python3
"""An independent recomputation of the report from the ingested `score` and `session`
tables, in plain Python (no third-party packages), written from the analysis
contract (version 2; restated in docs/analysis.md and docs/report.md), not from the Swift code. It reads the rows the ingest stage
stored, so it checks the transform and report stages: courses, baselines, follow-ups,
relief, endpoints, Kaplan–Meier, Wilson, Student t, small cells.

Files checked:
  route_summary.csv, time_to_relief.csv, response_curves.csv, session_curves.csv (§4–§10);
  sessions_to_relief.csv (§11, Kaplan–Meier on the session count),
  relief_duration.csv (§12, Kaplan–Meier on the hours relief is held),
  after_relief.csv (§11 + §12 per instrument × route), reliable_change.csv (§13),
  safety.csv (§14, PHQ-9 item 9 per route), boosters.csv (§15, per route),
  baseline_severity.csv (the §1 severity bands of the baselines), by_clinic.csv (route_summary per clinic).
For the §11–§15 files it also checks the header (columns in the contract's order), the
row order, small cells per group of columns (§11–§15 "Small cells"), and the decimals
the contract asks for (rates ≥ 4, hours and days ≥ 2, median_induction_sessions exactly
1, session medians and counts whole). A missing file is a difference.

    python3 Benchmarks/crosscheck.py DATABASE REPORT_DIR [--timezone America/New_York]
                                     [--period all|YYYYQn|YYYY-MM-DD..YYYY-MM-DD] [--min-cell N]
                                     [--durability-days 182] [--loss-threshold 25]
                                     [--induction-days 21]
                                     [--reliable-change GAD7=4,PHQ9=6,HAMA=8]
                                     [--caseness GAD7=8,PHQ9=10,HAMA=18]

Exits 1 and prints the differences when a number differs by more than the files'
rounding. §4–§10 use the contract's defaults only; the §11–§15 constants can be given.
Benchmarks/crosscheck_selftest.py checks this script on small hand-built databases.
"""
import argparse
import csv
import math
import os
import sqlite3
import sys
from datetime import datetime, timezone, date
from zoneinfo import ZoneInfo

DAY = 86400
HOUR = 3600
ROUTES = ["IV", "IM", "IN", "SL", "PO", "SC"]
INSTRUMENTS = ["GAD7", "HAMA", "PHQ9"]
REMISSION = {"GAD7": 4, "PHQ9": 4, "HAMA": 7}
BINS = [0, 4, 24, 72, 168, 336, 504, 672, 1008, 2016]
Z = 1.959963984540054
COURSE_GAP, BASELINE_WINDOW, FOLLOWUP, ENDPOINT = 60 * DAY, 14 * DAY, 84 * DAY, (21 * DAY, 42 * DAY)


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


def km_first_at_or_below(rows, col):
    """The smallest time whose column `col` (4 = S, 5 = lower band, 6 = upper band) is ≤ 0.5
    (exact up to 1e-9); None when never ("not reached")."""
    for r in rows:
        if r[col] <= 0.5 + 1e-9:
            return r[0]
    return None


def km_median(rows):
    """(median, CI low, CI high) of a Kaplan–Meier table by §6's rule, in the table's unit."""
    return tuple(km_first_at_or_below(rows, col) for col in (4, 5, 6))


def km_survival(rows, t):
    """S(t): S after every event at or before t, keeping its last value past the table."""
    s = 1.0
    for r in rows:
        if r[0] <= t:
            s = r[4]
    return s


def median(xs):
    """§8's median: the middle value, or the mean of the two middle values; None when empty."""
    if not xs:
        return None
    ys, n = sorted(xs), len(xs)
    return ys[n // 2] if n % 2 else (ys[n // 2 - 1] + ys[n // 2]) / 2


def per_instrument(text, default):
    """Parses 'GAD7=4,PHQ9=6,HAMA=8' over `default` (a dict instrument → int)."""
    out = dict(default)
    for part in filter(None, (text or "").split(",")):
        inst, value = part.split("=")
        if inst.strip() not in INSTRUMENTS:
            raise SystemExit(f"crosscheck: unknown instrument {inst!r}")
        out[inst.strip()] = int(value)
    return out


def parse_args(argv=None):
    """The command line (DATABASE REPORT_DIR and options; see the docstring)."""
    ap = argparse.ArgumentParser(description="Recompute the report from the database and compare.")
    ap.add_argument("database"); ap.add_argument("report")
    ap.add_argument("--timezone", default="UTC"); ap.add_argument("--period", default="all")
    ap.add_argument("--min-cell", type=int, default=0)
    ap.add_argument("--durability-days", type=float, default=182)
    ap.add_argument("--loss-threshold", type=float, default=25)
    ap.add_argument("--induction-days", type=float, default=21)
    ap.add_argument("--reliable-change", default="")
    ap.add_argument("--caseness", default="")
    a = ap.parse_args(argv)
    a.reliable_change = per_instrument(a.reliable_change, {"GAD7": 4, "PHQ9": 6, "HAMA": 8})
    a.caseness = per_instrument(a.caseness, {"GAD7": 8, "PHQ9": 10, "HAMA": 18})
    return a


def period_bounds(period):
    """The first and last local date of a period (`all`, `YYYYQn`, `YYYY-MM-DD..YYYY-MM-DD`)."""
    if period == "all":
        return date.min, date.max
    if "Q" in period:
        y, q = int(period[:4]), int(period[5])
        last = date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)
        return date(y, 3 * q - 2, 1), date.fromordinal(last.toordinal() - 1)
    f, l = period.split("..")
    return date.fromisoformat(f), date.fromisoformat(l)


def item9(items):
    """Item 9 of a stored PHQ-9 `items` text ('2,2,3,...', '1,,0,...', '' when total-only);
    None when unknown (no items, or item 9 not answered)."""
    values = items.split(",") if items else []
    return int(values[8]) if len(values) >= 9 and values[8].strip() != "" else None


def load(db):
    """Sessions per patient [(start, session_id, route order, route, clinic)], scores per
    (patient, instrument) sorted [(instant, total, item 9 or None)], and the instruments
    with at least one score."""
    sessions = {}
    for pid, start, route, sid, clinic in db.execute("SELECT patient_id, session_start, route, session_id, clinic_id FROM session"):
        sessions.setdefault(pid, []).append((start, sid or "", ROUTES.index(route), route, clinic))
    scores = {}
    for pid, inst, at, total, items in db.execute("SELECT patient_id, instrument, administered_at, total, items FROM score"):
        scores.setdefault((pid, inst), []).append((at, total, item9(items) if inst == "PHQ9" else None))
    for v in scores.values():
        v.sort()
    instruments = {r[0] for r in db.execute("SELECT DISTINCT instrument FROM score")}
    return sessions, scores, instruments


def build_courses(sessions, zone, first, last):
    """§4 and §9: the courses whose index session's local date is in the period, each
    {patient, route, index, next (the next course's index or None), starts (every session
    start of the course, ordered)}."""
    out = []
    for pid, ss in sessions.items():
        ss = sorted(ss, key=lambda s: (s[0], s[1], s[2]))
        courses = []
        for s in ss:
            if courses and s[0] - courses[-1][-1][0] <= COURSE_GAP:
                courses[-1].append(s)
            else:
                courses.append([s])
        for k, course in enumerate(courses):
            index = course[0][0]
            local = datetime.fromtimestamp(index, timezone.utc).astimezone(zone).date()
            if first <= local <= last:
                out.append({"patient": pid, "route": course[0][3], "clinic": course[0][4], "index": index,
                            "next": courses[k + 1][0][0] if k + 1 < len(courses) else None,
                            "starts": [s[0] for s in course]})
    return out


def course_instrument(course, sc, inst, a):
    """One course × instrument (§5–§7, §11–§14): baseline, follow-ups, relief, the §11
    session count, the §12 duration, the endpoint and its §7/§13 classification."""
    index, nxt = course["index"], course["next"]
    base = [x for x in sc if index - BASELINE_WINDOW <= x[0] <= index]
    fus = [x for x in sc if index < x[0] <= index + FOLLOWUP and (nxt is None or x[0] < nxt)]
    b = base[-1][1] if base else None
    ends = [x for x in fus if ENDPOINT[0] <= x[0] - index <= ENDPOINT[1]]
    c = {"baseline": b, "baseline_item9": base[-1][2] if base else None, "fus": fus,
         "endpoint": ends[-1] if ends else None, "relief": None, "relief_obs": None,
         "sessions": None, "duration": None, "evaluable": False, "responder": False, "remitter": False}
    session_number = lambda x: sum(1 for s in course["starts"] if s < x[0])
    if b is not None and b > 0 and fus:
        hit = [x for x in fus if 2 * (b - x[1]) >= b]
        obs = hit[0] if hit else fus[-1]
        c["relief"] = (obs[0] - index, bool(hit))
        c["sessions"] = (session_number(obs), bool(hit))
        if hit:
            c["relief_obs"] = obs
            c["duration"] = relief_duration(b, obs[0], sc, index, nxt, a)
    if b is not None and b > 0 and c["endpoint"]:
        e = c["endpoint"][1]
        c["evaluable"] = True
        c["responder"] = 2 * (b - e) >= b
        c["remitter"] = e <= REMISSION[inst]
    return c


def relief_duration(b, r, sc, index, nxt, a):
    """§12 for a course with relief at instant r: (seconds, lost?) or None when there is no
    later observation."""
    later = [x for x in sc if r < x[0] <= index + a.durability_days * DAY and (nxt is None or x[0] < nxt)]
    if not later:
        return None
    lost = [x for x in later if 100 * (b - x[1]) < a.loss_threshold * b]
    return (lost[0][0] - r, True) if lost else (later[-1][0] - r, False)


def curve_points(c, course):
    """§8: the (kind, point, pct_reduction, responding) contributions of one course × instrument."""
    b, fus, index, out = c["baseline"], c["fus"], course["index"], []
    if b is None or b <= 0:
        return out
    pct = lambda x: (100 * (b - x[1]) / b, 2 * (b - x[1]) >= b)
    for i in range(len(BINS) - 1):
        inbin = [x for x in fus if BINS[i] <= (x[0] - index) / 3600 < BINS[i + 1]
                 or (i == len(BINS) - 2 and (x[0] - index) / 3600 == BINS[-1])]
        if inbin:
            out.append(("time", i) + pct(inbin[-1]))
    starts = course["starts"]
    for j, s in enumerate(starts):
        hi = starts[j + 1] if j + 1 < len(starts) else float("inf")
        ins = [x for x in fus if s < x[0] <= hi]
        if ins:
            out.append(("session", j + 1) + pct(ins[-1]))
    return out


def recompute(db, a):
    """Loads the database and builds every course × instrument: returns
    (courses, groups {(instrument, route): [course × instrument]}, curves, instruments, routes)."""
    sessions, scores, instruments = load(db)
    first, last = period_bounds(a.period)
    courses = build_courses(sessions, ZoneInfo(a.timezone), first, last)
    groups, curves = {}, {}
    for course in courses:
        course["by_instrument"] = {}
        for inst in INSTRUMENTS:
            c = course_instrument(course, scores.get((course["patient"], inst), []), inst, a)
            course["by_instrument"][inst] = c
            groups.setdefault((inst, course["route"]), []).append(c)
            for kind, point, pct, responding in curve_points(c, course):
                curves.setdefault((kind, inst, course["route"], point), []).append((pct, responding))
    routes = [r for r in ROUTES if any(c["route"] == r for c in courses)]
    return courses, groups, curves, instruments, routes


# ---------------------------------------------------------------- §4–§10 files (version 1)

def route_values(cs, a):
    """One route_summary.csv row of the course × instrument records cs: (values by column,
    None = empty; the Kaplan–Meier rows; suppressed?)."""
    def small(n):
        return 1 <= n < a.min_cell

    wb = [c for c in cs if c["baseline"] is not None]
    km = [c["relief"] for c in cs if c["relief"]]
    ev = sum(c["evaluable"] for c in cs); rs = sum(c["responder"] for c in cs); rm = sum(c["remitter"] for c in cs)
    events = sum(1 for o in km if o[1])
    counts = [len(cs), len(wb), ev, rs, rm, len(km), events]
    sup = any(small(n) for n in counts)
    rows = kaplan_meier(km)
    vals = {
        "courses": len(cs), "with_baseline": len(wb), "evaluable": ev, "responders": rs, "remitters": rm,
        "km_courses": len(km), "relief_events": events,
    }
    for name, (x, n) in {"responder": (rs, ev), "itt": (rs, len(wb)), "remission": (rm, ev)}.items():
        p, lo, hi = wilson(x, n)
        key = "responder_rate" if name == "responder" else ("itt_responder_rate" if name == "itt" else "remission_rate")
        lows = {"responder": "responder_ci", "itt": "itt_ci", "remission": "remission_ci"}[name]
        vals[key], vals[lows + "_low"], vals[lows + "_high"] = p, lo, hi
    med = km_median(rows) if km else (None, None, None)
    hours = lambda t: None if t is None else t / 3600
    vals["median_hours_to_relief"], vals["median_ci_low_hours"], vals["median_ci_high_hours"] = map(hours, med)
    for label, t in [("relieved_by_24h", 24 * 3600), ("relieved_by_7d", 7 * DAY), ("relieved_by_28d", 28 * DAY)]:
        vals[label] = (1 - km_survival(rows, t)) if km else None
    vals["mean_baseline"] = sum(c["baseline"] for c in wb) / len(wb) if wb else None
    if sup:
        for k in list(vals):
            if isinstance(vals[k], int) and k in ("courses", "with_baseline", "evaluable", "responders", "remitters",
                                                   "km_courses", "relief_events"):
                if small(vals[k]): vals[k] = None
            else:
                vals[k] = None
    vals["suppressed"] = "true" if sup else "false"
    return vals, rows, sup


def compare_route_rows(folder, name, keycols, expected, problems):
    """Compares route_summary.csv or by_clinic.csv with expected {key tuple: values by column}:
    the same rows, and every cell within 1e-4."""
    got = read_csv(folder, name, problems)
    if got is None:
        return
    got = {tuple(r[c] for c in keycols): r for r in got[1]}
    if set(got) != set(expected):
        problems.append(f"{name} rows: got {sorted(got)}, expected {sorted(expected)}")
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
                problems.append(f"{name} {key} {col}: got {cell!r}, expected {v!r}")


def check_by_clinic(courses, instruments, a, problems):
    """by_clinic.csv: route_summary.csv's rows per clinic of the course's first session, for
    the routes with a course at that clinic; courses without a clinic id are in no row."""
    expected = {}
    for clinic in sorted({c["clinic"] for c in courses if c["clinic"] is not None}):
        mine = [c for c in courses if c["clinic"] == clinic]
        for inst in INSTRUMENTS:
            if inst not in instruments: continue
            for route in [r for r in ROUTES if any(c["route"] == r for c in mine)]:
                cs = [c["by_instrument"][inst] for c in mine if c["route"] == route]
                expected[(inst, clinic, route)] = route_values(cs, a)[0]
    compare_route_rows(a.report, "by_clinic.csv", ["instrument", "clinic_id", "route"], expected, problems)
    return len(expected)


def check_v1(groups, curves, instruments, routes, a, problems):
    """route_summary.csv, time_to_relief.csv, response_curves.csv, session_curves.csv.
    Returns (route rows, Kaplan–Meier rows) checked."""
    def small(n):
        return 1 <= n < a.min_cell

    expected, km_tables = {}, {}
    for inst in INSTRUMENTS:
        if inst not in instruments: continue
        for route in routes:
            vals, rows, sup = route_values(groups.get((inst, route), []), a)
            expected[(inst, route)] = vals
            if not sup:
                km_tables[(inst, route)] = rows

    compare_route_rows(a.report, "route_summary.csv", ["instrument", "route"], expected, problems)

    got = read_csv(a.report, "time_to_relief.csv", problems)
    if got is not None:
        steps = {}
        for r in got[1]:
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

    for kind, file in [("time", "response_curves.csv"), ("session", "session_curves.csv")]:
        got = read_csv(a.report, file, problems)
        if got is None: continue
        rows = got[1]
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
            sd = math.sqrt(sum((x - mean) ** 2 for x in xs) / (n - 1)) if n > 1 else None
            half = t975(n - 1) * sd / math.sqrt(n) if n > 1 else None
            share = sum(v[1] for v in vs) / n
            sup = small(n)
            exp = {"courses": None if sup else n, "mean_pct_reduction": None if sup else mean,
                   "sd_pct_reduction": None if sup else sd, "ci_low": None if sup or half is None else mean - half,
                   "ci_high": None if sup or half is None else mean + half, "median_pct_reduction": None if sup else median(xs),
                   "share_responding": None if sup else share}
            for col, v in exp.items():
                cell = r[col]
                ok = cell == "" if v is None else (cell != "" and abs(float(cell) - v) <= 1e-3)
                if not ok:
                    problems.append(f"{file} {r['instrument']} {r['route']} {point} {col}: got {cell!r}, expected {v!r}")
    return len(expected), sum(len(v) for v in km_tables.values())


# ---------------------------------------------------------------- §11–§15 files (version 2)

KM_COLUMNS = ["at_risk", "events", "censored", "survival", "ci_low", "ci_high"]
COLUMNS = {
    "sessions_to_relief.csv": ["instrument", "route", "sessions"] + KM_COLUMNS,
    "relief_duration.csv": ["instrument", "route", "hours"] + KM_COLUMNS,
    "after_relief.csv": ["instrument", "route", "km_courses", "median_sessions_to_relief", "median_sessions_ci_low",
                         "median_sessions_ci_high", "relief_courses", "relief_unobserved", "duration_courses", "losses",
                         "median_hours_relief_held", "held_ci_low_hours", "held_ci_high_hours", "held_at_4w",
                         "held_at_12w", "suppressed"],
    "reliable_change.csv": ["instrument", "route", "evaluable", "reliable_improvement", "improvement_rate",
                            "improvement_ci_low", "improvement_ci_high", "reliable_deterioration", "deterioration_rate",
                            "deterioration_ci_low", "deterioration_ci_high", "at_caseness", "recovered", "recovery_rate",
                            "recovery_ci_low", "recovery_ci_high", "reliably_recovered", "reliable_recovery_rate",
                            "reliable_recovery_ci_low", "reliable_recovery_ci_high", "followed_up", "deteriorated_any",
                            "deteriorated_any_rate", "deteriorated_any_ci_low", "deteriorated_any_ci_high", "suppressed"],
    "safety.csv": ["route", "courses", "item9_baseline_known", "item9_baseline_positive", "baseline_positive_rate",
                   "baseline_positive_ci_low", "baseline_positive_ci_high", "item9_emergent_at_risk", "item9_emergent",
                   "emergent_rate", "emergent_ci_low", "emergent_ci_high", "item9_resolved_at_risk", "item9_resolved",
                   "resolved_rate", "resolved_ci_low", "resolved_ci_high", "suppressed"],
    "baseline_severity.csv": ["instrument", "route", "with_baseline", "band", "band_low", "band_high", "courses", "share",
                              "suppressed"],
    "boosters.csv": ["route", "courses", "median_induction_sessions", "with_booster", "booster_rate", "booster_ci_low",
                     "booster_ci_high", "median_days_to_first_booster", "median_days_between_boosters", "suppressed"],
}
# (group, its counts, its statistics), docs/report.md "Small cells".
GROUPS = {
    "after_relief.csv": [
        ("sessions", ["km_courses", "relief_courses"],
         ["median_sessions_to_relief", "median_sessions_ci_low", "median_sessions_ci_high"]),
        ("duration", ["relief_courses", "duration_courses", "losses"],
         ["median_hours_relief_held", "held_ci_low_hours", "held_ci_high_hours", "held_at_4w", "held_at_12w"])],
    "reliable_change.csv": [
        (name, counts, [f"{rate}_rate", f"{rate}_ci_low", f"{rate}_ci_high"]) for name, counts, rate in [
            ("improvement", ["evaluable", "reliable_improvement"], "improvement"),
            ("deterioration", ["evaluable", "reliable_deterioration"], "deterioration"),
            ("recovery", ["at_caseness", "recovered"], "recovery"),
            ("reliable_recovery", ["at_caseness", "reliably_recovered"], "reliable_recovery"),
            ("any_deterioration", ["followed_up", "deteriorated_any"], "deteriorated_any")]],
    "safety.csv": [("courses", ["courses"], [])] + [
        (name, counts, [f"{rate}_rate", f"{rate}_ci_low", f"{rate}_ci_high"]) for name, counts, rate in [
            ("baseline", ["item9_baseline_known", "item9_baseline_positive"], "baseline_positive"),
            ("emergent", ["item9_emergent_at_risk", "item9_emergent"], "emergent"),
            ("resolved", ["item9_resolved_at_risk", "item9_resolved"], "resolved")]],
    "boosters.csv": [("boosters", ["courses", "with_booster"],
                      ["median_induction_sessions", "booster_rate", "booster_ci_low", "booster_ci_high",
                       "median_days_to_first_booster", "median_days_between_boosters"])],
}


def rate(vals, prefix, x, n):
    """Puts a Wilson rate x / n and its interval into vals[prefix_rate, prefix_ci_low, prefix_ci_high]."""
    vals[f"{prefix}_rate"], vals[f"{prefix}_ci_low"], vals[f"{prefix}_ci_high"] = wilson(x, n)


def suppress_groups(file, vals, min_cell):
    """§11–§15 small cells: a group with a count from 1 to min_cell − 1 loses its small counts
    and all its statistics; `suppressed` is true when any group is. Returns the suppressed
    groups' names."""
    small = lambda n: isinstance(n, int) and 1 <= n < min_cell
    hit = {name for name, counts, _ in GROUPS[file] if any(small(vals[c]) for c in counts)}
    for name, counts, stats in GROUPS[file]:
        if name in hit:
            for col in counts:
                if small(vals[col]): vals[col] = None
            for col in stats:
                vals[col] = None
    vals["suppressed"] = "true" if hit else "false"
    return hit


def km_rows(rows, unit):
    """Kaplan–Meier table rows as file rows, times divided by `unit`."""
    return [{"t": t / unit, "at_risk": n, "events": d, "censored": c, "survival": s, "ci_low": lo, "ci_high": hi}
            for t, n, d, c, s, lo, hi in rows]


def expect_after_relief(groups, instruments, routes, a):
    """§11 and §12 per instrument × route: after_relief rows, and the Kaplan–Meier rows of
    sessions_to_relief and relief_duration (left out when their group is suppressed)."""
    rows, sessions_km, duration_km = [], [], []
    for inst in [i for i in INSTRUMENTS if i in instruments]:
        for route in routes:
            cs = groups.get((inst, route), [])
            by_sessions = [c["sessions"] for c in cs if c["sessions"]]
            relieved = [c for c in cs if c["relief_obs"]]
            durations = [c["duration"] for c in relieved if c["duration"]]
            s_rows, d_rows = kaplan_meier(by_sessions), kaplan_meier(durations)
            vals = {"instrument": inst, "route": route, "km_courses": len(by_sessions),
                    "relief_courses": len(relieved), "relief_unobserved": len(relieved) - len(durations),
                    "duration_courses": len(durations), "losses": sum(1 for d in durations if d[1])}
            med = km_median(s_rows) if s_rows else (None, None, None)
            vals["median_sessions_to_relief"], vals["median_sessions_ci_low"], vals["median_sessions_ci_high"] = med
            med = km_median(d_rows) if d_rows else (None, None, None)
            hours = [None if t is None else t / HOUR for t in med]
            vals["median_hours_relief_held"], vals["held_ci_low_hours"], vals["held_ci_high_hours"] = hours
            vals["held_at_4w"] = km_survival(d_rows, 672 * HOUR) if d_rows else None
            vals["held_at_12w"] = km_survival(d_rows, 2016 * HOUR) if d_rows else None
            hit = suppress_groups("after_relief.csv", vals, a.min_cell)
            if "duration" in hit:
                vals["relief_unobserved"] = None
            rows.append(vals)
            key = {"instrument": inst, "route": route}
            if "sessions" not in hit:
                sessions_km += [dict(key, **r) for r in km_rows(s_rows, 1)]
            if "duration" not in hit:
                duration_km += [dict(key, **r) for r in km_rows(d_rows, HOUR)]
    rename = lambda rs, col: [{(col if k == "t" else k): v for k, v in r.items()} for r in rs]
    return rows, rename(sessions_km, "sessions"), rename(duration_km, "hours")


def expect_reliable_change(groups, instruments, routes, a):
    """§13 per instrument × route: reliable_change rows."""
    rows = []
    for inst in [i for i in INSTRUMENTS if i in instruments]:
        rc, cas = a.reliable_change[inst], a.caseness[inst]
        for route in routes:
            cs = groups.get((inst, route), [])
            ev = [(c["baseline"], c["endpoint"][1]) for c in cs if c["evaluable"]]
            improved = [b - e >= rc for b, e in ev]
            cased = [(b, e) for b, e in ev if b >= cas]
            recovered = [(b, e) for b, e in cased if e < cas]
            reliably = [(b, e) for b, e in recovered if b - e >= rc]
            followed = [c for c in cs if c["baseline"] is not None and c["fus"]]
            worse_any = [c for c in followed if any(x[1] - c["baseline"] >= rc for x in c["fus"])]
            vals = {"instrument": inst, "route": route, "evaluable": len(ev), "reliable_improvement": sum(improved),
                    "reliable_deterioration": sum(e - b >= rc for b, e in ev), "at_caseness": len(cased),
                    "recovered": len(recovered), "reliably_recovered": len(reliably), "followed_up": len(followed),
                    "deteriorated_any": len(worse_any)}
            rate(vals, "improvement", vals["reliable_improvement"], len(ev))
            rate(vals, "deterioration", vals["reliable_deterioration"], len(ev))
            rate(vals, "recovery", len(recovered), len(cased))
            rate(vals, "reliable_recovery", len(reliably), len(cased))
            rate(vals, "deteriorated_any", len(worse_any), len(followed))
            suppress_groups("reliable_change.csv", vals, a.min_cell)
            rows.append(vals)
    return rows


def expect_safety(courses, routes, a):
    """§14 per route: safety rows (PHQ-9 item 9 at baseline, emergent, resolved)."""
    rows = []
    for route in routes:
        cs = [c["by_instrument"]["PHQ9"] for c in courses if c["route"] == route]
        known = [c for c in cs if c["baseline_item9"] is not None]
        positive = [c for c in known if c["baseline_item9"] >= 1]
        emergent_at_risk = [c for c in known if c["baseline_item9"] == 0 and any(x[2] is not None for x in c["fus"])]
        emergent = [c for c in emergent_at_risk if any(x[2] is not None and x[2] >= 1 for x in c["fus"])]
        resolved_at_risk = [c for c in positive if c["endpoint"] and c["endpoint"][2] is not None]
        resolved = [c for c in resolved_at_risk if c["endpoint"][2] == 0]
        vals = {"route": route, "courses": len(cs), "item9_baseline_known": len(known),
                "item9_baseline_positive": len(positive), "item9_emergent_at_risk": len(emergent_at_risk),
                "item9_emergent": len(emergent), "item9_resolved_at_risk": len(resolved_at_risk),
                "item9_resolved": len(resolved)}
        rate(vals, "baseline_positive", len(positive), len(known))
        rate(vals, "emergent", len(emergent), len(emergent_at_risk))
        rate(vals, "resolved", len(resolved), len(resolved_at_risk))
        suppress_groups("safety.csv", vals, a.min_cell)
        rows.append(vals)
    return rows


def expect_boosters(courses, routes, a):
    """§15 per route: boosters rows (induction sessions, boosters, days to and between them)."""
    rows = []
    for route in routes:
        cs = [c for c in courses if c["route"] == route]
        inductions, firsts, gaps = [], [], []
        for c in cs:
            cut = c["index"] + a.induction_days * DAY
            inductions.append(sum(1 for s in c["starts"] if s <= cut))
            boosters = [s for s in c["starts"] if s > cut]
            if boosters:
                firsts.append((boosters[0] - c["index"]) / DAY)
                gaps += [(y - x) / DAY for x, y in zip(boosters, boosters[1:])]
        vals = {"route": route, "courses": len(cs), "median_induction_sessions": median(inductions),
                "with_booster": len(firsts), "median_days_to_first_booster": median(firsts),
                "median_days_between_boosters": median(gaps)}
        rate(vals, "booster", len(firsts), len(cs))
        suppress_groups("boosters.csv", vals, a.min_cell)
        rows.append(vals)
    return rows


# analysis.md §1, severity bands for display: (name, low, high), lowest first.
BANDS = {
    "GAD7": [("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14), ("severe", 15, 21)],
    "PHQ9": [("minimal", 0, 4), ("mild", 5, 9), ("moderate", 10, 14), ("moderately severe", 15, 19), ("severe", 20, 27)],
    "HAMA": [("mild", 0, 17), ("mild to moderate", 18, 24), ("moderate to severe", 25, 30), ("severe", 31, 56)],
}


def expect_baseline_severity(groups, instruments, routes, a):
    """baseline_severity.csv: per instrument × route × band, the courses whose baseline is in
    the band. Any small count of the row (with_baseline or a band) withholds every band count
    and share of it (the bands add up to with_baseline)."""
    small = lambda n: 1 <= n < a.min_cell
    out = []
    for inst in INSTRUMENTS:
        if inst not in instruments: continue
        for route in routes:
            bs = [c["baseline"] for c in groups.get((inst, route), []) if c["baseline"] is not None]
            counts = [sum(1 for b in bs if lo <= b <= hi) for _, lo, hi in BANDS[inst]]
            sup = any(small(n) for n in [len(bs)] + counts)
            for (name, lo, hi), n in zip(BANDS[inst], counts):
                out.append({"instrument": inst, "route": route, "with_baseline": None if small(len(bs)) else len(bs),
                            "band": name, "band_low": lo, "band_high": hi, "courses": None if sup else n,
                            "share": None if sup or not bs else n / len(bs), "suppressed": "true" if sup else "false"})
    return out


def expect_v2(courses, groups, instruments, routes, a):
    """The expected rows of every §11–§15 file: {file: [row dict]} in the files' order."""
    after, by_sessions, durations = expect_after_relief(groups, instruments, routes, a)
    return {"sessions_to_relief.csv": by_sessions, "relief_duration.csv": durations, "after_relief.csv": after,
            "reliable_change.csv": expect_reliable_change(groups, instruments, routes, a),
            "safety.csv": expect_safety(courses, routes, a), "boosters.csv": expect_boosters(courses, routes, a),
            "baseline_severity.csv": expect_baseline_severity(groups, instruments, routes, a)}


def column_kind(col):
    """How a §11–§15 column is written: text, flag, count, whole, one (decimal), hours, days, rate."""
    if col in ("instrument", "route", "band"): return "text"
    if col in ("band_low", "band_high"): return "count"
    if col == "share": return "rate"
    if col == "suppressed": return "flag"
    if col in ("sessions", "median_sessions_to_relief", "median_sessions_ci_low", "median_sessions_ci_high"): return "whole"
    if col == "median_induction_sessions": return "one"
    if col == "hours" or col.endswith("_hours") or col == "median_hours_relief_held": return "hours"
    if col.startswith("median_days"): return "days"
    if col.endswith(("_rate", "_low", "_high")) or col in ("survival", "held_at_4w", "held_at_12w"): return "rate"
    return "count"


def cell_agrees(cell, v, kind):
    """Whether a written cell is the expected value v (None = empty) written as the contract
    asks, within the cell's own rounding (half a unit of its last decimal)."""
    if v is None:
        return cell == ""
    if kind in ("text", "flag"):
        return cell == v
    if kind == "count":
        return cell == str(v)
    decimals = len(cell.split(".")[1]) if "." in cell else 0
    need = {"whole": (0, 0), "one": (1, 1), "hours": (2, 99), "days": (2, 99), "rate": (4, 99)}[kind]
    if not (need[0] <= decimals <= need[1]):
        return False
    try:
        got = float(cell)
    except ValueError:
        return False
    return abs(got - v) <= 0.5 * 10 ** -decimals + 1e-9


def read_csv(folder, name, problems):
    """(header, rows as dicts) of a report file, or None (and a problem) when it is missing."""
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        problems.append(f"{name}: missing from {folder}")
        return None
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames or [], list(reader)


def compare_file(folder, name, want, problems):
    """Compares one §11–§15 file with its expected rows: header, row keys in order, every cell."""
    got = read_csv(folder, name, problems)
    if got is None:
        return
    header, rows = got
    columns = COLUMNS[name]
    if header != columns:
        problems.append(f"{name}: header {header}, expected {columns}")
        return
    keycols = [c for c in columns[:3] if column_kind(c) in ("text", "whole", "hours")]
    label = lambda r: " ".join(str(r[c]) for c in keycols)
    if len(rows) != len(want):
        problems.append(f"{name}: {len(rows)} rows, expected {len(want)}")
    for i, (g, w) in enumerate(zip(rows, want)):
        if any(not cell_agrees(g[c], w[c], column_kind(c)) for c in keycols):
            problems.append(f"{name} row {i + 2}: key {label(g)!r}, expected {label(w)!r} (rows out of order or not the same)")
            return
        for col in columns:
            if not cell_agrees(g[col], w[col], column_kind(col)):
                problems.append(f"{name} {label(w)} {col}: got {g[col]!r}, expected {w[col]!r}")


def check_v2(expected, folder, problems):
    """Compares every §11–§15 file of the folder with the expected rows."""
    for name, want in expected.items():
        compare_file(folder, name, want, problems)


def main(argv=None):
    """Recomputes and compares; prints the differences and exits 1 when there are any."""
    a = parse_args(argv)
    db = sqlite3.connect(a.database)
    courses, groups, curves, instruments, routes = recompute(db, a)
    problems = []
    n_routes, n_km = check_v1(groups, curves, instruments, routes, a, problems)
    n_clinic = check_by_clinic(courses, instruments, a, problems)
    expected = expect_v2(courses, groups, instruments, routes, a)
    check_v2(expected, a.report, problems)
    if problems:
        problems.sort(key=lambda p: ": missing from " not in p)   # missing files first, the rest in order
        print("\n".join(problems[:60]))
        print(f"{len(problems)} difference(s)")
        sys.exit(1)
    print(f"crosscheck: {n_routes} route rows, {n_clinic} clinic rows, {n_km} Kaplan–Meier rows and {len(curves)} curve rows agree; "
          + ", ".join(f"{name} {len(rows)} rows" for name, rows in expected.items()) + " agree")


if __name__ == "__main__":
    main()
