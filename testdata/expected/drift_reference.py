#!/usr/bin/env python3
"""Reference drift statistics for a scenario of testdata/, computed with numpy and scipy only.

Implements the definitions of DEFINITIONS.md (the same as those of the two vendored scenario
files, which were made by an independent script with pandas) and writes a scenario file of the
same shape, so that ExpectedDriftScenariosTest can check UDB against more real data sets.

Usage: drift_reference.py SCENARIO.json  (a spec: name, file, filters, types) > OUT.json
       drift_reference.py --check VENDORED.json  (recomputes a vendored file, prints differences)

The column types come from the spec, because they must be the ones DuckDB's CSV sniffer gives the
table UDB reads ("numeric" or "categorical"); every numeric field is parsed with float().
"""
import csv
import hashlib
import json
import math
import os
import sys
from collections import Counter

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

HERE = os.path.dirname(os.path.abspath(__file__))
TESTDATA = os.path.dirname(HERE)
PSI_EPS = 0.0001


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def keep(row, filters, types):
    for f in filters:
        raw = row[f["column"]]
        if raw == "":
            return False  # SQL: a comparison with NULL is not true
        if types.get(f["column"]) == "numeric":
            value, bound = float(raw), float(f["value"])
        else:
            value, bound = raw, f["value"]
        op = f["op"]
        ok = {
            "=": value == bound,
            "!=": value != bound,
            "<": value < bound,
            "<=": value <= bound,
            ">": value > bound,
            ">=": value >= bound,
        }[op]
        if not ok:
            return False
    return True


def number(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def numeric_summary(raw):
    values = [float(v) for v in raw if v != ""]
    finite = np.array([v for v in values if math.isfinite(v)], dtype=float)
    out = {
        "rows": len(raw),
        "count": int(finite.size),
        "missing": len(raw) - int(finite.size),
        "invalid": len(values) - int(finite.size),
        "distinct": int(np.unique(finite).size),
    }
    if finite.size:
        out.update(
            {
                "min": number(finite.min()),
                "max": number(finite.max()),
                "mean": number(finite.mean()),
                "std": number(finite.std(ddof=1)) if finite.size > 1 else "NaN",
                "quantiles": {
                    q: number(np.quantile(finite, float(q))) for q in ("0.25", "0.5", "0.75")
                },
            }
        )
    return out, finite


def text_summary(raw):
    values = [v for v in raw if v != ""]
    out = {"rows": len(raw), "count": len(values), "missing": len(raw) - len(values)}
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    out["distinct"] = len(counts)
    if values:
        # the most frequent value; ties go to the smallest, as UDB and SQL ORDER BY n DESC, v do
        top = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        lengths = [len(v) for v in values]
        out.update(
            {
                "min": min(values),
                "max": max(values),
                "top": top[0],
                "top_count": top[1],
                "len_min": min(lengths),
                "len_max": max(lengths),
                "len_mean": number(sum(lengths) / len(lengths)),
            }
        )
    return out, counts


def js(p, q, base):
    return number(distance.jensenshannon(p, q, base=base))


def classic_psi(ref_counts, n, cur_counts, m):
    r = np.array(ref_counts, dtype=float) / n
    c = np.array(cur_counts, dtype=float) / m
    r[r == 0] = PSI_EPS
    c[c == 0] = PSI_EPS
    return number(np.sum((c - r) * np.log(c / r)))


def evidently_fill(p):
    p = np.array(p, dtype=float)
    nonzero = p[p != 0]
    smallest = nonzero.min() if nonzero.size else PSI_EPS
    p[p == 0] = smallest / 1e6 if smallest <= 0.0001 else 0.0001
    return p


def evidently(ref, cur, numeric):
    if numeric and np.unique(ref).size > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        r = np.histogram(ref, edges)[0] / len(ref)
        c = np.histogram(cur, edges)[0] / len(cur)
        binning = "sturges:%d" % (len(edges) - 1)
    else:
        rl = Counter(ref.tolist() if numeric else ref)
        cl = Counter(cur.tolist() if numeric else cur)
        keys = sorted(set(rl) | set(cl))
        r = np.array([rl[k] for k in keys], dtype=float) / len(ref)
        c = np.array([cl[k] for k in keys], dtype=float) / len(cur)
        binning = "values:%d" % len(keys)
    rf, cf = evidently_fill(r), evidently_fill(c)
    return {
        "binning": binning,
        "psi": number(np.sum((rf - cf) * np.log(rf / cf))),
        "jensenshannon": js(r, c, 2),
    }


def numeric_drift(ref, cur):
    n, m = ref.size, cur.size
    out = {"n_reference": int(n), "n_current": int(m)}
    exact = max(n, m) <= 10000
    ks = stats.ks_2samp(ref, cur)
    out["ks_statistic"] = number(ks.statistic)
    out["ks_pvalue"] = number(ks.pvalue)
    out["ks_method"] = "exact" if exact else "asymp"
    out["ks_pvalue_asymp"] = number(stats.ks_2samp(ref, cur, method="asymp").pvalue)
    w = stats.wasserstein_distance(ref, cur)
    out["wasserstein"] = number(w)
    out["wasserstein_normed"] = number(w / max(np.std(ref), 0.001))
    out["wasserstein_normed_sample_std"] = number(w / max(np.std(ref, ddof=1), 0.001))
    lo, hi = min(ref.min(), cur.min()), max(ref.max(), cur.max())
    js_r, edges = np.histogram(ref, bins=10, range=(lo, hi))
    js_c, _ = np.histogram(cur, bins=10, range=(lo, hi))
    out["js_distance"] = js(js_r / n, js_c / m, math.e)
    out["js_distance_base2"] = js(js_r / n, js_c / m, 2)
    interior = np.unique(np.quantile(ref, [i / 10 for i in range(1, 10)]))
    ref_bins = np.bincount(np.searchsorted(interior, ref, side="left"), minlength=interior.size + 1)
    cur_bins = np.bincount(np.searchsorted(interior, cur, side="left"), minlength=interior.size + 1)
    out["psi"] = classic_psi(ref_bins, n, cur_bins, m)
    out["psi_bins"] = int(interior.size + 1)
    out["evidently"] = evidently(ref, cur, True)
    out["details"] = {
        "js_edges": [number(e) for e in edges],
        "js_ref_counts": js_r.tolist(),
        "js_cur_counts": js_c.tolist(),
        "psi_interior_edges": [number(e) for e in interior],
        "psi_ref_counts": ref_bins.tolist(),
        "psi_cur_counts": cur_bins.tolist(),
    }
    return out


def categorical_drift(ref_counts, cur_counts, ref_values, cur_values):
    n, m = sum(ref_counts.values()), sum(cur_counts.values())
    categories = sorted(set(ref_counts) | set(cur_counts))
    r = np.array([ref_counts.get(k, 0) for k in categories], dtype=float)
    c = np.array([cur_counts.get(k, 0) for k in categories], dtype=float)
    out = {
        "n_reference": n,
        "n_current": m,
        "categories": len(categories),
        "categories_only_in_reference": sum(1 for k in categories if k not in cur_counts),
        "categories_only_in_current": sum(1 for k in categories if k not in ref_counts),
    }
    if any(k not in ref_counts for k in categories):
        out["chisquare_statistic"], out["chisquare_pvalue"] = "Infinity", 0.0
    else:
        chi = stats.chisquare(c, r * m / n)
        out["chisquare_statistic"] = number(chi.statistic)
        out["chisquare_pvalue"] = number(chi.pvalue)
    out["js_distance"] = js(r / n, c / m, math.e)
    out["js_distance_base2"] = js(r / n, c / m, 2)
    out["psi"] = classic_psi(r, n, c, m)
    out["evidently"] = evidently(ref_values, cur_values, False)
    if len(categories) > 200:
        out["details"] = {"note": "more than 200 categories - omitted"}
    else:
        out["details"] = {
            "categories": categories,
            "ref_counts": [int(x) for x in r],
            "cur_counts": [int(x) for x in c],
        }
    return out


def scenario(spec):
    path = os.path.join(TESTDATA, spec["file"])
    raw = open(path, "rb").read()
    rows = read_rows(path)
    types = spec["types"]
    ref_rows = [r for r in rows if keep(r, spec["reference"], types)]
    cur_rows = [r for r in rows if keep(r, spec["current"], types)]
    side = lambda filters, kept: {
        "file": "data/" + spec["file"],
        "bytes": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "filters": filters,
        "rows": len(kept),
    }
    columns = {}
    for column, kind in types.items():
        ref_raw = [r[column] for r in ref_rows]
        cur_raw = [r[column] for r in cur_rows]
        if kind == "numeric":
            ref_summary, ref = numeric_summary(ref_raw)
            cur_summary, cur = numeric_summary(cur_raw)
            drift = numeric_drift(ref, cur)
        else:
            ref_summary, ref_counts = text_summary(ref_raw)
            cur_summary, cur_counts = text_summary(cur_raw)
            drift = categorical_drift(
                ref_counts,
                cur_counts,
                [v for v in ref_raw if v != ""],
                [v for v in cur_raw if v != ""],
            )
        columns[column] = {
            "type": kind,
            "type_source": "forced",
            "reference": ref_summary,
            "current": cur_summary,
            "drift": drift,
        }
    return {
        "scenario": spec["name"],
        "generator": {
            "script": "testdata/expected/drift_reference.py",
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "options": {
            "missing_tokens": [""],
            "encoding": "utf-8",
            "psi_eps": PSI_EPS,
            "js_bins": 10,
            "psi_quantile_bins": 10,
            "wasserstein_norm_floor": 0.001,
        },
        "reference": side(spec["reference"], ref_rows),
        "current": side(spec["current"], cur_rows),
        "columns": columns,
    }


def differences(expected, actual, path=""):
    if isinstance(expected, dict):
        for key, value in expected.items():
            if key in ("generator", "type_source"):
                continue
            if key not in actual:
                yield path + "/" + key, value, "absent"
            else:
                yield from differences(value, actual[key], path + "/" + key)
    elif isinstance(expected, list):
        if len(expected) != len(actual):
            yield path, expected, actual
        for i, (e, a) in enumerate(zip(expected, actual)):
            yield from differences(e, a, "%s[%d]" % (path, i))
    elif isinstance(expected, float) and isinstance(actual, float):
        tolerance = 1e-6 if "pvalue" in path else 1e-9
        if abs(expected - actual) > tolerance * max(abs(expected), abs(actual), 1e-300):
            yield path, expected, actual
    elif expected != actual:
        yield path, expected, actual


def main(args):
    if args[0] == "--check":
        vendored = json.load(open(args[1]))
        spec = {
            "name": vendored["scenario"],
            "file": vendored["reference"]["file"].replace("data/", ""),
            "reference": vendored["reference"]["filters"],
            "current": vendored["current"]["filters"],
            "types": {c: v["type"] for c, v in vendored["columns"].items()},
        }
        found = list(differences(vendored, scenario(spec)))
        for difference in found:
            print(*difference)
        print(len(found), "differences")
        return 1 if found else 0
    json.dump(scenario(json.load(open(args[0]))), sys.stdout, indent=1, allow_nan=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
