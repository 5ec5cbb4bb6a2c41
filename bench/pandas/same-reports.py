"""The analyst's way, for bench/analytics: the same computations as four Patron reports, in pandas,
on the chain's lines exported as a flat CSV (receipt, ts, sku, qty, price, amount, customer, store).
Prints one JSON object: seconds to load, and seconds per computation."""
import json
import sys
import time

import pandas as pd

path = sys.argv[1]
out = {}
t = time.perf_counter()
lines = pd.read_csv(path, dtype={"receipt": str, "sku": str, "customer": str, "store": str}, parse_dates=["ts"])
out["load"] = time.perf_counter() - t
out["lines"] = int(len(lines))


def timed(name, fn):
    t = time.perf_counter()
    result = fn()
    out[name] = time.perf_counter() - t
    out[name + "_rows"] = int(len(result))


# sales.by-store: receipts and revenue per store
timed("sales.by-store", lambda: lines.groupby("store").agg(receipts=("receipt", "nunique"), revenue=("amount", "sum")))
# receipts.average-check: receipts, revenue and average check per week (from Monday)
def average_check():
    receipts = lines.groupby("receipt").agg(ts=("ts", "min"), total=("amount", "sum"), lines=("sku", "size"))
    week = receipts["ts"].dt.to_period("W-SUN")
    return receipts.groupby(week).agg(receipts=("total", "size"), revenue=("total", "sum"), average=("total", "mean"), lines=("lines", "mean"))
timed("receipts.average-check", average_check)
# sales.abc: products by revenue, cumulative share, class A/B/C at 80/95 %
def abc():
    by_sku = lines.groupby("sku")["amount"].sum().sort_values(ascending=False)
    share = by_sku.cumsum() / by_sku.sum()
    return pd.DataFrame({"revenue": by_sku, "class": pd.cut(share, [0, 0.8, 0.95, 1.0001], labels=["A", "B", "C"])})
timed("sales.abc", abc)
# segments.rfm: recency, frequency, monetary per customer, quintile scores
def rfm():
    members = lines[lines["customer"].notna()]
    receipts = members.groupby(["customer", "receipt"]).agg(ts=("ts", "min"), total=("amount", "sum")).reset_index()
    end = receipts["ts"].max()
    c = receipts.groupby("customer").agg(last=("ts", "max"), frequency=("receipt", "size"), monetary=("total", "sum"))
    c["recency"] = (end - c["last"]).dt.days
    for col, asc in (("recency", False), ("frequency", True), ("monetary", True)):
        c[col[0]] = pd.qcut(c[col].rank(method="first", ascending=asc), 5, labels=False) + 1
    return c
timed("segments.rfm", rfm)
print(json.dumps(out))
