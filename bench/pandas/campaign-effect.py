"""The analyst's way, for bench/measurement: the campaign report's core in pandas on the same data
(assignments and receipts exported as CSV): per customer the window's visits and revenue and the
pre-period's, then per arm the means and variances, Welch's difference and CUPED. Prints one JSON
object: seconds to load, seconds to compute, and the arms' means (to check both did the same)."""
import json
import sys
import time

import numpy as np
import pandas as pd

assignments_path, receipts_path, start, end, pre_days = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
out = {}
t = time.perf_counter()
a = pd.read_csv(assignments_path, dtype={"customer_id": str, "group_name": str})
r = pd.read_csv(receipts_path, dtype={"customer_id": str}, parse_dates=["ts"])
out["load"] = time.perf_counter() - t

t = time.perf_counter()
start, end = pd.Timestamp(start), pd.Timestamp(end)
pre_start = start - pd.Timedelta(days=pre_days)
window = r[(r.ts >= start) & (r.ts < end)].groupby("customer_id").agg(visits=("total_kopecks", "size"), revenue=("total_kopecks", "sum"))
pre = r[(r.ts >= pre_start) & (r.ts < start)].groupby("customer_id").agg(pre_visits=("total_kopecks", "size"), pre_revenue=("total_kopecks", "sum"))
units = a.set_index("customer_id").join(window).join(pre).fillna(0)
stats = units.groupby("group_name").agg(n=("visits", "size"), visits=("visits", "mean"), visits_var=("visits", "var"), revenue=("revenue", "mean"), revenue_var=("revenue", "var"))
t_, c_ = stats.loc["treatment"], stats.loc["control"]
diff = t_.revenue - c_.revenue
se = np.sqrt(t_.revenue_var / t_.n + c_.revenue_var / c_.n)
theta = units[["revenue", "pre_revenue"]].cov().iloc[0, 1] / units.pre_revenue.var()
units["adjusted"] = units.revenue - theta * (units.pre_revenue - units.pre_revenue.mean())
adjusted = units.groupby("group_name").adjusted.agg(["mean", "var", "size"])
out["compute"] = time.perf_counter() - t
out["treatment_revenue"] = float(t_.revenue)
out["control_revenue"] = float(c_.revenue)
out["difference"] = float(diff)
out["se"] = float(se)
print(json.dumps(out))
