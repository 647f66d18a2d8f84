"""The course recipe, step 2: the serving API (FastAPI). It embeds each input with the scaler
and PCA, predicts a digit, logs the request with the drop-in logger, and appends user feedback
to prod_data.csv with pandas, `to_csv(mode='a', header=not exists)`, as the course does.

Environment: MODELTOP_STACK_DIR (the directory modeltop watches)."""
import os
import pickle
import sys
import threading
import time

import numpy as np
import pandas as pd
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "docs", "serving"))
from modeltop_logging import FastAPIErrorLogger, PredictionLog, new_request_id  # noqa: E402

DIR = os.environ["MODELTOP_STACK_DIR"]
PROD = os.path.join(DIR, "prod_data.csv")


def load(name):
    with open(os.path.join(DIR, "artifacts_course", f"{name}.pkl"), "rb") as f:
        return pickle.load(f)


scaler, pca, model = load("scaler"), load("pca"), load("model")
log = PredictionLog(os.path.join(DIR, "logs", "predictions.jsonl"))
app = FastAPI()
app.add_middleware(FastAPIErrorLogger, log=log)
served = {}  # request id -> (embedding, prediction), for the feedback row
pending = []  # feedback rows not yet appended: the course appends them in small batches
BATCH = 4
lock = threading.Lock()


class Image(BaseModel):
    pixels: list  # 64 values, flat or 8 rows of 8


class Feedback(BaseModel):
    id: str
    target: int | None = None  # None: the user gave no label (pandas writes NaN as empty)


@app.post("/predict")
def predict(image: Image):
    start = time.perf_counter()
    pixels = np.asarray(image.pixels, dtype=np.float64).reshape(1, 64)  # a bad shape raises: a 500
    embedding = pca.transform(scaler.transform(pixels))
    probs = model.predict_proba(embedding)[0]
    prediction = int(model.classes_[int(np.argmax(probs))])
    rid = new_request_id()
    with lock:
        served[rid] = (embedding[0], prediction)
    log.request(id=rid, prediction=prediction, probs=probs, embedding=embedding[0],
                pixels=pixels.reshape(8, 8), latency_ms=(time.perf_counter() - start) * 1000)
    return {"id": rid, "prediction": prediction}


@app.post("/feedback")
def feedback(item: Feedback):
    with lock:
        if item.id not in served:
            raise HTTPException(status_code=404, detail="unknown request id")
        embedding, prediction = served[item.id]
        pending.append((embedding, np.nan if item.target is None else item.target, prediction))
        if len(pending) >= BATCH:
            append_pending()
    if item.target is not None:
        log.feedback(id=item.id, target=item.target)
    return {"ok": True}


@app.post("/flush")
def flush():
    with lock:
        append_pending()
    return {"ok": True}


def append_pending():
    """One batch, one to_csv: a batch with a missing target makes pandas write every target of
    it as a float (3.0), while prediction stays an integer."""
    if not pending:
        return
    rows = pd.DataFrame([e for e, _, _ in pending], columns=[f"PCA_{k + 1}" for k in range(len(pending[0][0]))])
    rows["target"] = [t for _, t, _ in pending]
    rows["prediction"] = [p for _, _, p in pending]
    rows.to_csv(PROD, mode="a", header=not os.path.exists(PROD), index=False)
    pending.clear()
