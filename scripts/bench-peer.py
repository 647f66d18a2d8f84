"""The peer a one-shot report is compared with (issue 15): pandas.read_csv of both files, then
scipy.stats.ks_2samp over every embedding dimension. Prints its wall time.

    python scripts/bench-peer.py bench-data/ref_data.csv bench-data/prod_data.csv
"""
import sys
import time

import pandas as pd
from scipy.stats import ks_2samp

start = time.perf_counter()
ref = pd.read_csv(sys.argv[1])
prod = pd.read_csv(sys.argv[2])
columns = [c for c in ref.columns if c.startswith("emb_")]
for c in columns:
    ks_2samp(ref[c].dropna(), prod[c].dropna())
print(f"pandas + scipy: {time.perf_counter() - start:.2f} s wall over {len(columns)} dimensions, {len(prod)} rows")
