#!/usr/bin/env python3
"""Golden p-values for the two-sided two-sample Kolmogorov-Smirnov test.

Writes fixtures/goldens/ks_pvalues_scipy.json with the schema
{"cases": [{"n1": int, "n2": int, "d": float, "pvalue": float, "method": "exact"|"asymp"}]}
by calling scipy.stats.ks_2samp(method="auto") on real numpy samples (fixed seeds),
so every D is one ks_2samp can actually produce. "method" is the path ks_2samp took:
"exact" when max(n1, n2) <= 10000 and the exact computation succeeded, otherwise "asymp"
(including the fallback it announces with a RuntimeWarning).

Usage: python3 scripts/make_ks_goldens.py   (uses the globally installed scipy)
"""

import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

MAX_AUTO_N = 10000  # mirrors ks_2samp


def run_case(x, y):
    """ks_2samp on (x, y), returning (d, pvalue, method) as ks_2samp decided them."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = stats.ks_2samp(x, y, alternative="two-sided", method="auto")
    fell_back = any("Exact calculation unsuccessful" in str(w.message) for w in caught)
    exact = max(len(x), len(y)) <= MAX_AUTO_N and not fell_back
    return float(res.statistic), float(res.pvalue), ("exact" if exact else "asymp")


def samples(rng, n1, n2, shift, scale=1.0, kind="normal"):
    if kind == "normal":
        x = rng.standard_normal(n1)
        y = rng.standard_normal(n2) * scale + shift
    elif kind == "ties":
        # Heavily tied integer data: exercises D values reached through searchsorted ties.
        x = rng.integers(0, 6, n1).astype(float)
        y = (rng.integers(0, 6, n2) + round(shift)).astype(float)
    elif kind == "disjoint":
        # Completely separated samples: D = 1.
        x = rng.standard_normal(n1)
        y = rng.standard_normal(n2) + 100.0
    else:
        raise ValueError(kind)
    return x, y


def main():
    root = Path(__file__).resolve().parent.parent
    out = root / "fixtures" / "goldens" / "ks_pvalues_scipy.json"
    out.parent.mkdir(parents=True, exist_ok=True)

    rng = np.random.default_rng(20240611)
    cases = []
    seen = set()

    def add(n1, n2, shift, scale=1.0, kind="normal"):
        x, y = samples(rng, n1, n2, shift, scale, kind)
        d, p, method = run_case(x, y)
        key = (n1, n2, d)
        if key in seen:
            return
        seen.add(key)
        if not math.isfinite(p):
            raise SystemExit(f"non-finite p-value for {key}")
        cases.append({"n1": n1, "n2": n2, "d": d, "pvalue": p, "method": method})

    # Every pair of small sizes, several separations each (small sizes have few distinct D).
    for n1 in range(1, 9):
        for n2 in range(1, 9):
            for shift in (0.0, 0.7, 1.5, 3.0):
                add(n1, n2, shift)
            add(n1, n2, 0.0, kind="disjoint")

    # Equal sizes: the _compute_prob_outside_square path.
    for n in (10, 50, 100, 1000, 5000, 10000):
        s = 1.0 / math.sqrt(n)
        for shift in (0.0, 0.5 * s, 1.0 * s, 2.0 * s, 4.0 * s, 8.0 * s, 20.0 * s):
            add(n, n, shift)
        add(n, n, 1.0, kind="ties")

    # Equal sizes with D = h/n for tiny h: for many n, _compute_prob_outside_square rounds to
    # slightly above 1 and ks_2samp falls back to the asymptotic distribution with d = h/n.
    for n in (5, 7, 13, 14, 15, 23, 60, 69, 72, 1000, 4999, 5000, 9999, 10000):
        for h in (1, 2, 3):
            x = np.arange(n, dtype=float)
            d, p, method = run_case(x, x + (h - 0.5))
            if (n, n, d) not in seen:
                seen.add((n, n, d))
                cases.append({"n1": n, "n2": n, "d": d, "pvalue": p, "method": method})

    # Unequal sizes: the _compute_outer_prob_inside_method path.
    # (Its cost grows with D·n1·n2, so the largest pairs stop at p ~ 1e-40 to keep tests quick.)
    for n1, n2 in ((7, 13), (13, 7), (100, 1000), (3000, 9999), (9999, 10000)):
        s = math.sqrt((n1 + n2) / (n1 * n2))
        large = n1 * n2 > 10**7
        for shift in (0.0, 1.0 * s, 2.0 * s, 4.0 * s, 8.0 * s) + (() if large else (16.0 * s,)):
            add(n1, n2, shift)
        add(n1, n2, 0.0, scale=1.1 if large else 2.0)
        if not large:
            add(n1, n2, 1.0, kind="ties")

    # Asymptotic: kstwo.sf(d, round(m*n/(m+n))) across the Simard-L'Ecuyer branches.
    asymp_pairs = (
        (10001, 10001),  # en = 5000.5 rounds half-to-even to 5000
        (20000, 60000),
        (60000, 1000000),
        (1, 10001),       # en rounds to 1
        (3, 12000),
        (40, 20000),      # en <= 140: Durbin / Pomeranz / smirnov
        (141, 30000),
        (500, 20000),
        (2000, 10001),
        (200000, 1000000),  # en > 100000: Pelz-Good instead of Durbin
    )
    for n1, n2 in asymp_pairs:
        s = math.sqrt((n1 + n2) / (n1 * n2))
        for shift in (0.0, 0.25 * s, 0.5 * s, 1.0 * s, 1.5 * s, 2.0 * s, 3.0 * s, 5.0 * s, 10.0 * s, 30.0 * s):
            add(n1, n2, shift)
        add(n1, n2, 0.0, scale=1.5)
        add(n2, n1, 1.0 * s)  # order of arguments must not matter
    # Identical samples for the smallest-D asymptotic branch (x <= 1/(2n) and t <= 1).
    for n1, n2 in ((10001, 10001), (20000, 60000)):
        x = rng.standard_normal(n1)
        y = np.concatenate([x[: min(n1, n2)], rng.standard_normal(max(0, n2 - n1))])
        d, p, method = run_case(x, y)
        if (n1, n2, d) not in seen:
            seen.add((n1, n2, d))
            cases.append({"n1": n1, "n2": n2, "d": d, "pvalue": p, "method": method})

    doc = {
        "generator": "scripts/make_ks_goldens.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "cases": cases,
    }
    out.write_text(json.dumps(doc, indent=1) + "\n")
    n_exact = sum(c["method"] == "exact" for c in cases)
    print(f"wrote {len(cases)} cases ({n_exact} exact) to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
