#!/usr/bin/env python3
"""A hand test of Benchmarks/crosscheck.py's §11–§15 recomputation (stdlib only).

It builds a small SQLite database (the `score` and `session` columns crosscheck reads)
whose expected figures are worked out by hand below, one scenario per boundary of
analysis.md §11–§15, and checks crosscheck's expected rows against them, with
min_cell 0 and 3. Then it writes those rows as report files and checks that the
comparison accepts them, and that it fails on a missing file and on a wrong number.

    python3 Benchmarks/crosscheck_selftest.py      # exits 1 on a failure
"""
import math
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosscheck as cc  # noqa: E402

D, H = 86400, 3600
T0 = 1767571200  # 2026-01-05 00:00 UTC
Z = 1.959963984540054
FAILURES = []


def expect(what, got, want):
    """Records a failure when got is not want (numbers within 1e-9)."""
    same = (got is None and want is None) or (
        got is not None and want is not None and (got == want if isinstance(want, (str, bool, list)) else abs(got - want) <= 1e-9))
    if not same:
        FAILURES.append(f"{what}: got {got!r}, expected {want!r}")


def band(s, g):
    """Hand formula of the log(−log) band at S = s with Greenwood sum g."""
    sigma = math.sqrt(g) / abs(math.log(s))
    return s ** math.exp(Z * sigma), s ** math.exp(-Z * sigma)


def wilson(x, n):
    """Hand Wilson interval."""
    p = x / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return p, max(0.0, centre - half), min(1.0, centre + half)


PHQ_ITEMS = lambda *v: ",".join("" if x is None else str(x) for x in v)


def build(path):
    """The hand-built database: sessions (patient, start, route) and scores (patient,
    instrument, instant, total, items)."""
    sessions, scores = [], []
    s = lambda pid, route, *starts: sessions.extend((pid, T0 + t, route) for t in starts)
    g = lambda pid, at, total, inst="GAD7", items="": scores.append((pid, inst, T0 + at, total, items))

    # §11/§12, GAD7 × IV.
    # R1: relief at session 1 (10 of 20 = exactly 50 %, 1 h after the index). Later: 15 at 10 d
    # (exactly 25 %: not a loss), 16 at relief + 672 h (20 %: a loss, exactly at 4 weeks).
    s("R1", "IV", 0, 2 * D, 4 * D)
    g("R1", -D, 20); g("R1", H, 10); g("R1", 10 * D, 15); g("R1", H + 28 * D, 16)
    # R2: baseline at the index instant (inclusive); 14 at 1 d (30 %), relief at session 3
    # (4 d + 1 h, after the third session). Later: 12 at index + 182 d exactly (counted, 40 %,
    # no loss), 20 one second after (outside: it would have been a loss). Censored at 178 d − 1 h.
    s("R2", "IV", 0, 2 * D, 4 * D)
    g("R2", 0, 20); g("R2", D, 14); g("R2", 4 * D + H, 10); g("R2", 182 * D, 12); g("R2", 182 * D + 1, 20)
    # R3: relief at session 1 with no later observation: relief_unobserved.
    s("R3", "IV", 0)
    g("R3", -2 * D, 10); g("R3", 3 * D, 5)
    # R4: no relief; last follow-up after the second session: censored at 2 sessions.
    s("R4", "IV", 0, 7 * D)
    g("R4", -D, 20); g("R4", D, 18); g("R4", 8 * D, 16)

    # §13, GAD7 × IM (reliable change 4, caseness 8), one session each, baseline a day before.
    for pid, b, follow in [
            ("C1", 12, [(21 * D, 8)]),              # b − e = 4: improvement; e = 8 = caseness: not recovered
            ("C2", 12, [(30 * D, 9)]),              # b − e = 3: one short
            ("C3", 8, [(42 * D, 4)]),               # b = 8 = caseness: at caseness; recovered, reliably
            ("C4", 7, [(25 * D, 11)]),              # e − b = 4: reliable deterioration; any-time too
            ("C5", 5, [(5 * D, 9), (25 * D, 8)]),   # e − b = 3: not; but 9 − 5 = 4 at 5 d: any-time
            ("C6", 0, [(22 * D, 4)]),               # baseline 0: not evaluable; followed up, 4 − 0 = 4
            ("C7", None, [(22 * D, 20)])]:          # no baseline: not followed up
        s(pid, "IM", 0)
        if b is not None:
            g(pid, -D, b)
        for at, total in follow:
            g(pid, at, total)

    # §14, PHQ9 × IN.
    p = lambda pid, at, total, items: g(pid, at, total, "PHQ9", items)
    s("S1", "IN", 0)   # item 9 positive at baseline, 0 at the endpoint: resolved
    p("S1", -D, 10, PHQ_ITEMS(1, 1, 1, 1, 1, 1, 1, 1, 2)); p("S1", 28 * D, 0, PHQ_ITEMS(*[0] * 9))
    s("S2", "IN", 0)   # item 9 = 0 at baseline, 1 later: emergent
    p("S2", -D, 8, PHQ_ITEMS(1, 1, 1, 1, 1, 1, 1, 1, 0)); p("S2", 3 * D, 9, PHQ_ITEMS(*[1] * 9))
    s("S3", "IN", 0)   # item 9 = 0 at baseline; the only follow-up is prorated without item 9: not at risk
    p("S3", -D, 0, PHQ_ITEMS(*[0] * 9)); p("S3", 3 * D, 9, PHQ_ITEMS(1, 1, 1, 1, 1, 1, 1, 1, None))
    s("S4", "IN", 0)   # baseline total-only: unknown, although an earlier score in the window is positive
    p("S4", -5 * D, 12, PHQ_ITEMS(1, 1, 1, 1, 1, 1, 1, 2, 3)); p("S4", -D, 12, ""); p("S4", 3 * D, 9, PHQ_ITEMS(*[1] * 9))
    s("S5", "IN", 0)   # positive; the endpoint (last in 21–42 d) is total-only: not at risk for resolution
    p("S5", -D, 9, PHQ_ITEMS(*[1] * 9)); p("S5", 22 * D, 8, PHQ_ITEMS(1, 1, 1, 1, 1, 1, 1, 1, 0)); p("S5", 30 * D, 5, "")
    s("S6", "IN", 0)   # positive at baseline and at the endpoint: at risk, not resolved
    p("S6", -D, 10, PHQ_ITEMS(1, 1, 1, 1, 1, 1, 1, 1, 2)); p("S6", 35 * D, 9, PHQ_ITEMS(*[1] * 9))
    s("S7", "IN", 0)   # no PHQ-9 at all

    # §15, SC (induction 21 days).
    s("B1", "SC", 0, 21 * D, 21 * D + 1, 31 * D + 1)   # 21 d exactly: induction; 1 s after: booster
    s("B2", "SC", 0, D, 2 * D)                          # 3 induction sessions, no booster
    s("B3", "SC", 0)                                    # 1 induction session
    s("B4", "SC", 0, D, 2 * D, 3 * D, 50 * D, 60 * D, 75 * D)   # 4 induction, boosters at 50, 60, 75 d

    db = sqlite3.connect(path)
    db.execute("CREATE TABLE session (patient_id TEXT, session_start INTEGER, route TEXT, session_id TEXT, clinic_id TEXT)")
    db.execute("CREATE TABLE score (patient_id TEXT, instrument TEXT, administered_at INTEGER, total INTEGER, items TEXT)")
    db.executemany("INSERT INTO session VALUES (?, ?, ?, NULL, NULL)", sessions)
    db.executemany("INSERT INTO score VALUES (?, ?, ?, ?, ?)", scores)
    db.commit()
    return db


def expected_rows(db, min_cell):
    """crosscheck's expected §11–§15 rows for the hand database."""
    a = cc.parse_args(["db", "report", "--min-cell", str(min_cell)])
    courses, groups, curves, instruments, routes = cc.recompute(db, a)
    return cc.expect_v2(courses, groups, instruments, routes, a)


def row(rows, **key):
    """The one row whose columns equal key."""
    found = [r for r in rows if all(r[k] == v for k, v in key.items())]
    assert len(found) == 1, (key, found)
    return found[0]


def check_unsuppressed(e):
    """min_cell 0: every hand figure."""
    expect("item9 parse", cc.item9("1,,0,1,1,1,1,1,"), None)
    expect("item9 parse", cc.item9(""), None)
    expect("item9 parse", cc.item9("2,2,3,3,3,3,1,3,2"), 2)

    # §11: sessions R1 1 (event), R3 1 (event), R4 2 (censored), R2 3 (event).
    km = [r for r in e["sessions_to_relief.csv"] if r["instrument"] == "GAD7" and r["route"] == "IV"]
    lo, hi = band(0.5, 2 / (4 * 2))
    want = [(1, 4, 2, 0, 0.5, lo, hi), (2, 2, 0, 1, 0.5, lo, hi), (3, 1, 1, 0, 0.0, 0.0, 0.0)]
    expect("sessions KM rows", len(km), len(want))
    for r, w in zip(km, want):
        for col, v in zip(["sessions", "at_risk", "events", "censored", "survival", "ci_low", "ci_high"], w):
            expect(f"sessions KM {w[0]} {col}", r[col], v)
    ar = row(e["after_relief.csv"], instrument="GAD7", route="IV")
    for col, v in [("km_courses", 4), ("median_sessions_to_relief", 1), ("median_sessions_ci_low", 1),
                   ("median_sessions_ci_high", 3), ("relief_courses", 3), ("relief_unobserved", 1),
                   ("duration_courses", 2), ("losses", 1), ("median_hours_relief_held", 672.0),
                   ("held_ci_low_hours", 672.0), ("held_ci_high_hours", None), ("held_at_4w", 0.5),
                   ("held_at_12w", 0.5), ("suppressed", "false")]:
        expect(f"after_relief GAD7 IV {col}", ar[col], v)
    # §12: R1 lost at 672 h; R2 censored at 178 d − 1 h (the index + 182 d observation counts, the next does not).
    km = [r for r in e["relief_duration.csv"] if r["instrument"] == "GAD7" and r["route"] == "IV"]
    lo, hi = band(0.5, 1 / (2 * 1))
    want = [(672.0, 2, 1, 0, 0.5, lo, hi), (178 * 24 - 1.0, 1, 0, 1, 0.5, lo, hi)]
    expect("duration KM rows", len(km), len(want))
    for r, w in zip(km, want):
        for col, v in zip(["hours", "at_risk", "events", "censored", "survival", "ci_low", "ci_high"], w):
            expect(f"duration KM {w[0]} {col}", r[col], v)

    # §13.
    rc = row(e["reliable_change.csv"], instrument="GAD7", route="IM")
    for col, v in [("evaluable", 5), ("reliable_improvement", 2), ("reliable_deterioration", 1), ("at_caseness", 3),
                   ("recovered", 1), ("reliably_recovered", 1), ("followed_up", 6), ("deteriorated_any", 3),
                   ("suppressed", "false")]:
        expect(f"reliable_change GAD7 IM {col}", rc[col], v)
    for prefix, x, n in [("improvement", 2, 5), ("deterioration", 1, 5), ("recovery", 1, 3),
                         ("reliable_recovery", 1, 3), ("deteriorated_any", 3, 6)]:
        for col, v in zip(["_rate", "_ci_low", "_ci_high"], wilson(x, n)):
            expect(f"reliable_change GAD7 IM {prefix}{col}", rc[prefix + col], v)
    empty = row(e["reliable_change.csv"], instrument="GAD7", route="SC")
    expect("reliable_change GAD7 SC evaluable", empty["evaluable"], 0)
    expect("reliable_change GAD7 SC improvement_rate", empty["improvement_rate"], None)
    expect("reliable_change rows (GAD7, PHQ9 × IV, IM, IN, SC)", len(e["reliable_change.csv"]), 8)

    # §14.
    sf = row(e["safety.csv"], route="IN")
    for col, v in [("courses", 7), ("item9_baseline_known", 5), ("item9_baseline_positive", 3),
                   ("item9_emergent_at_risk", 1), ("item9_emergent", 1), ("item9_resolved_at_risk", 2),
                   ("item9_resolved", 1), ("suppressed", "false")]:
        expect(f"safety IN {col}", sf[col], v)
    for prefix, x, n in [("baseline_positive", 3, 5), ("emergent", 1, 1), ("resolved", 1, 2)]:
        for col, v in zip(["_rate", "_ci_low", "_ci_high"], wilson(x, n)):
            expect(f"safety IN {prefix}{col}", sf[prefix + col], v)
    expect("safety routes", [r["route"] for r in e["safety.csv"]], ["IV", "IM", "IN", "SC"])
    expect("safety IV item9_baseline_known", row(e["safety.csv"], route="IV")["item9_baseline_known"], 0)

    # §15: induction [2, 3, 1, 4]; first boosters 21 d + 1 s and 50 d; gaps 10, 10, 15 d.
    bo = row(e["boosters.csv"], route="SC")
    for col, v in [("courses", 4), ("median_induction_sessions", 2.5), ("with_booster", 2),
                   ("median_days_to_first_booster", ((21 * D + 1) / D + 50) / 2),
                   ("median_days_between_boosters", 10.0), ("suppressed", "false")]:
        expect(f"boosters SC {col}", bo[col], v)
    for col, v in zip(["booster_rate", "booster_ci_low", "booster_ci_high"], wilson(2, 4)):
        expect(f"boosters SC {col}", bo[col], v)
    iv = row(e["boosters.csv"], route="IV")   # R1, R2: 3 sessions; R3: 1; R4: 2 → median 2.5; no boosters
    for col, v in [("courses", 4), ("median_induction_sessions", 2.5), ("with_booster", 0), ("booster_rate", 0.0),
                   ("median_days_to_first_booster", None), ("median_days_between_boosters", None)]:
        expect(f"boosters IV {col}", iv[col], v)


def check_suppressed(e):
    """min_cell 3: small cells per group, not per row."""
    ar = row(e["after_relief.csv"], instrument="GAD7", route="IV")
    # sessions group (4, 3) stays; duration group (3, 2, 1) is suppressed; relief_courses (3) stays.
    for col, v in [("km_courses", 4), ("median_sessions_to_relief", 1), ("relief_courses", 3),
                   ("relief_unobserved", None), ("duration_courses", None), ("losses", None),
                   ("median_hours_relief_held", None), ("held_at_4w", None), ("held_at_12w", None),
                   ("suppressed", "true")]:
        expect(f"min_cell 3 after_relief GAD7 IV {col}", ar[col], v)
    expect("min_cell 3 sessions KM rows", len([r for r in e["sessions_to_relief.csv"] if r["route"] == "IV"
                                               and r["instrument"] == "GAD7"]), 3)
    expect("min_cell 3 duration KM rows", len([r for r in e["relief_duration.csv"] if r["route"] == "IV"
                                               and r["instrument"] == "GAD7"]), 0)
    rc = row(e["reliable_change.csv"], instrument="GAD7", route="IM")
    for col, v in [("evaluable", 5), ("reliable_improvement", None), ("improvement_rate", None),
                   ("reliable_deterioration", None), ("deterioration_ci_high", None), ("at_caseness", 3),
                   ("recovered", None), ("recovery_rate", None), ("reliably_recovered", None),
                   ("followed_up", 6), ("deteriorated_any", 3), ("deteriorated_any_rate", 0.5), ("suppressed", "true")]:
        expect(f"min_cell 3 reliable_change GAD7 IM {col}", rc[col], v)
    sf = row(e["safety.csv"], route="IN")
    for col, v in [("courses", 7), ("item9_baseline_known", 5), ("item9_baseline_positive", 3),
                   ("baseline_positive_rate", 0.6), ("item9_emergent_at_risk", None), ("item9_emergent", None),
                   ("emergent_rate", None), ("item9_resolved_at_risk", None), ("item9_resolved", None),
                   ("resolved_ci_low", None), ("suppressed", "true")]:
        expect(f"min_cell 3 safety IN {col}", sf[col], v)
    bo = row(e["boosters.csv"], route="SC")
    for col, v in [("courses", 4), ("with_booster", None), ("median_induction_sessions", None), ("booster_rate", None),
                   ("median_days_to_first_booster", None), ("suppressed", "true")]:
        expect(f"min_cell 3 boosters SC {col}", bo[col], v)
    iv = row(e["boosters.csv"], route="IV")   # courses 4, with_booster 0: nothing small
    expect("min_cell 3 boosters IV suppressed", iv["suppressed"], "false")
    expect("min_cell 3 boosters IV median_induction_sessions", iv["median_induction_sessions"], 2.5)


def write_report(expected, folder):
    """Writes the expected rows as interface.md's files (rates 6 decimals, hours and days 4,
    median_induction_sessions 1, whole numbers without decimals)."""
    digits = {"rate": 6, "hours": 4, "days": 4, "one": 1, "whole": 0}
    os.makedirs(folder, exist_ok=True)
    for name, rows in expected.items():
        with open(os.path.join(folder, name), "w", newline="") as f:
            f.write(",".join(cc.COLUMNS[name]) + "\n")
            for r in rows:
                cells = []
                for col in cc.COLUMNS[name]:
                    v, kind = r[col], cc.column_kind(col)
                    cells.append("" if v is None else f"{v:.{digits[kind]}f}" if kind in digits else str(v))
                f.write(",".join(cells) + "\n")


def check_comparison(db):
    """The comparison accepts the written rows and fails on a missing file or a wrong number."""
    with tempfile.TemporaryDirectory() as folder:
        e = expected_rows(db, 3)
        write_report(e, folder)
        problems = []
        cc.check_v2(e, folder, problems)
        expect("comparison of the written files", problems, [])
        path = os.path.join(folder, "boosters.csv")
        text = open(path).read()
        open(path, "w").write(text.replace("2.5,0,", "3.5,0,"))
        problems = []
        cc.check_v2(e, folder, problems)
        expect("a wrong median is found", any("median_induction_sessions" in p for p in problems), True)
        open(path, "w").write(text.replace("2.5,0,", "2.50,0,"))
        problems = []
        cc.check_v2(e, folder, problems)
        expect("two decimals in median_induction_sessions are found", len(problems), 1)
        os.remove(os.path.join(folder, "safety.csv"))
        problems = []
        cc.check_v2(e, folder, problems)
        expect("a missing file is named", any(p.startswith("safety.csv: missing") for p in problems), True)
        # The command line: a report folder without the new files fails and names them.
        run = subprocess.run([sys.executable, cc.__file__, DB_PATH, folder, "--min-cell", "3"], capture_output=True, text=True)
        expect("crosscheck exit status without the files", run.returncode, 1)
        expect("crosscheck names the missing file", "safety.csv: missing" in run.stdout, True)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        DB_PATH = os.path.join(tmp, "hand.sqlite")
        db = build(DB_PATH)
        check_unsuppressed(expected_rows(db, 0))
        check_suppressed(expected_rows(db, 3))
        check_comparison(db)
    if FAILURES:
        print("\n".join(FAILURES))
        print(f"crosscheck_selftest: {len(FAILURES)} failure(s)")
        sys.exit(1)
    print("crosscheck_selftest: every hand figure agrees")
