#!/usr/bin/env python3
"""The benchmark job in pandas (pyarrow CSV engine) with lifelines' Kaplan–Meier: per
instrument × route, evaluable courses, responders and the median time to relief, by
analysis.md's default rules, from `outcomes sample --plain` exports (times in UTC).

    python pandas_job.py EXPORT_FOLDER OUTPUT.csv
"""
import glob
import sys

import numpy as np
import pandas as pd
from lifelines import KaplanMeierFitter

folder, output = sys.argv[1], sys.argv[2]
ROUTES = {"IV": 0, "IM": 1, "IN": 2, "SL": 3, "PO": 4, "SC": 5}
DAY = 86400


def seconds(column):
    return pd.to_datetime(column, format="%Y-%m-%d %H:%M:%S").astype("datetime64[s]").astype("int64")


sessions = pd.concat(pd.read_csv(f, engine="pyarrow", dtype={"patient_id": str}) for f in sorted(glob.glob(f"{folder}/sessions*.csv")))
scores = pd.concat(pd.read_csv(f, engine="pyarrow", dtype={"patient_id": str}) for f in sorted(glob.glob(f"{folder}/scores*.csv")))
sessions["ts"] = seconds(sessions["session_start"])
sessions["ro"] = sessions["route"].map(ROUTES)
scores["ts"] = seconds(scores["administered_at"])

# Courses: a new one when a session starts more than 60 days after the previous one.
sessions = sessions.sort_values(["patient_id", "ts", "ro"], kind="stable")
gap = sessions.groupby("patient_id")["ts"].diff()
sessions["course"] = (gap.isna() | (gap > 60 * DAY)).astype(int).groupby(sessions["patient_id"]).cumsum()
courses = sessions.groupby(["patient_id", "course"], sort=False).agg(index_ts=("ts", "first"), route=("route", "first")).reset_index()
courses["next_ts"] = courses.groupby("patient_id")["index_ts"].shift(-1)

joined = courses.merge(scores[["patient_id", "instrument", "ts", "total"]], on="patient_id")
joined = joined[(joined["ts"] >= joined["index_ts"] - 14 * DAY) & (joined["ts"] <= joined["index_ts"] + 84 * DAY)]
keys = ["patient_id", "course", "instrument"]
base = joined[joined["ts"] <= joined["index_ts"]].sort_values("ts").groupby(keys).tail(1)[keys + ["total"]].rename(columns={"total": "b"})
fu = joined[(joined["ts"] > joined["index_ts"]) & (joined["next_ts"].isna() | (joined["ts"] < joined["next_ts"]))].merge(base, on=keys)
fu = fu[fu["b"] > 0].copy()
fu["dt"] = fu["ts"] - fu["index_ts"]
fu["hit"] = 2 * (fu["b"] - fu["total"]) >= fu["b"]

end = fu[(fu["dt"] >= 21 * DAY) & (fu["dt"] <= 42 * DAY)].sort_values("ts").groupby(keys).tail(1)
end = end.assign(responder=2 * (end["b"] - end["total"]) >= end["b"])
rates = end.groupby(["instrument", "route"]).agg(evaluable=("responder", "size"), responders=("responder", "sum")).reset_index()

first_hit = fu[fu["hit"]].groupby(keys)["dt"].min().rename("event_dt")
last = fu.groupby(keys + ["route"])["dt"].max().rename("last_dt").reset_index()
km = last.merge(first_hit.reset_index(), on=keys, how="left")
km["t"] = km["event_dt"].fillna(km["last_dt"])
km["event"] = km["event_dt"].notna()
medians = []
for (instrument, route), group in km.groupby(["instrument", "route"]):
    fitter = KaplanMeierFitter().fit(group["t"] / 3600.0, event_observed=group["event"])
    median = fitter.median_survival_time_
    medians.append((instrument, route, None if np.isinf(median) else median))
medians = pd.DataFrame(medians, columns=["instrument", "route", "median_hours"])

result = rates.merge(medians, on=["instrument", "route"], how="outer").sort_values(["instrument", "route"])
result["responder_rate"] = result["responders"] / result["evaluable"]
result[["instrument", "route", "evaluable", "responders", "responder_rate", "median_hours"]].to_csv(output, index=False)
print(f"pandas: {len(result)} rows → {output}")
