"""The course recipe, step 1: train scaler + PCA + LogisticRegression on the bundled digits and
write the reference embeddings, exactly as the MNIST MLOps course project does (pickles + a
`ref_data.csv` written with pandas). Usage: python train.py OUT_DIR"""
import os
import pickle
import sys

import pandas as pd
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

DIMENSIONS = 16


def main(out_dir):
    os.makedirs(os.path.join(out_dir, "artifacts_course"), exist_ok=True)
    digits = load_digits()
    x_train, x_serve, y_train, y_serve = train_test_split(
        digits.data, digits.target, test_size=0.5, random_state=0, stratify=digits.target)
    scaler = StandardScaler().fit(x_train)
    pca = PCA(n_components=DIMENSIONS, random_state=0).fit(scaler.transform(x_train))
    embedded = pca.transform(scaler.transform(x_train))
    model = LogisticRegression(max_iter=2000).fit(embedded, y_train)
    for name, obj in (("scaler", scaler), ("pca", pca), ("model", model)):
        with open(os.path.join(out_dir, "artifacts_course", f"{name}.pkl"), "wb") as f:
            pickle.dump(obj, f)
    ref = pd.DataFrame(embedded, columns=[f"PCA_{k + 1}" for k in range(DIMENSIONS)])
    ref["target"] = y_train
    ref.to_csv(os.path.join(out_dir, "ref_data.csv"), index=False)
    # The images the client will send: the other half of the digits, never seen in training.
    pd.DataFrame(x_serve).assign(label=y_serve).to_csv(os.path.join(out_dir, "serve_images.csv"), index=False)


if __name__ == "__main__":
    main(sys.argv[1])
