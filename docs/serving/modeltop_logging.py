"""Drop-in prediction logging for modeltop (FORMATS.md section 3), for FastAPI and Flask.

Copy this file next to your api.py. It has no dependency beyond the standard library (the
FastAPI middleware needs Starlette, which FastAPI brings; the Flask hook needs Flask).

    from modeltop_logging import PredictionLog
    log = PredictionLog("logs/predictions.jsonl")
    log.request(id=rid, prediction=7, probs=probs, latency_ms=11.8, embedding=emb, pixels=img)
    log.feedback(id=rid, target=7)
    log.error(id=rid, status=500, latency_ms=3.1)

Every line is one JSON object written with one os.write on a file opened with O_APPEND, under a
lock: lines from uvicorn's thread pool or several workers never interleave, and modeltop, which
reads the file while it grows, sees whole lines (a line is pending until its newline arrives).
"""
import json
import math
import os
import threading
import time
import uuid

__all__ = ["PredictionLog", "FastAPIErrorLogger", "flask_error_logging", "new_request_id"]


def new_request_id():
    """A fresh request id: give it to the client so its feedback can name the request."""
    return "req-" + uuid.uuid4().hex[:16]


def _plain(values):
    """Numbers from numpy arrays, lists or nested lists (an image's rows), as JSON lists."""
    if values is None:
        return None
    if hasattr(values, "tolist"):
        values = values.tolist()
    if isinstance(values, (list, tuple)):
        return [_plain(v) if isinstance(v, (list, tuple)) or hasattr(v, "tolist") else _number(v) for v in values]
    return _number(values)


def _number(value):
    value = float(value)
    if not math.isfinite(value):
        raise ValueError("modeltop logs hold finite numbers only (JSON has no NaN)")
    return value


def _label(value):
    """A label as JSON: an integral number as an int (numpy's int64 and 3.0 included), else text."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, str)) else str(value)


def _with_optional(line, **fields):
    """`line` plus each field given (value, convert) whose value is not None."""
    for key, (value, convert) in fields.items():
        if value is not None:
            line[key] = convert(value)
    return line


class PredictionLog:
    """Appends request, error and feedback lines to one JSONL file."""

    def __init__(self, path):
        directory = os.path.dirname(os.path.abspath(path))
        os.makedirs(directory, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def request(self, *, prediction, id=None, probs=None, latency_ms=None, status=200,
                embedding=None, pixels=None, target=None, ts=None):
        """A served request: its prediction, and whatever else is known."""
        line = {"ts": time.time() if ts is None else float(ts), "prediction": _label(prediction), "status": int(status)}
        self._write(_with_optional(line, id=(id, str), latency_ms=(latency_ms, _number), probs=(probs, _plain),
                                   embedding=(embedding, _plain), pixels=(pixels, _plain), target=(target, _label)))

    def error(self, *, status, id=None, latency_ms=None, ts=None):
        """A failed request (status >= 400): it has no prediction, but counts in errors and latency."""
        line = {"ts": time.time() if ts is None else float(ts), "status": int(status), "prediction": None}
        self._write(_with_optional(line, id=(id, str), latency_ms=(latency_ms, _number)))

    def feedback(self, *, id, target):
        """The true label for an earlier request, joined to it by id."""
        self._write({"id": str(id), "target": _label(target)})

    def close(self):
        with self._lock:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1

    def _write(self, line):
        data = (json.dumps(line, allow_nan=False) + "\n").encode("utf-8")
        with self._lock:
            written = 0
            while written < len(data):  # a regular file takes it in one write; loop for safety
                written += os.write(self._fd, data[written:])


class FastAPIErrorLogger:
    """ASGI middleware: logs every response with status >= 400, and every unhandled exception as
    a 500, with its latency. Successful predictions are logged by the endpoint (it knows the
    prediction). Add it with `app.add_middleware(FastAPIErrorLogger, log=log)`. The request id
    is taken from the `x-request-id` header when the client sends one."""

    def __init__(self, app, log):
        self.app = app
        self.log = log

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = {"code": 500}
        headers = dict(scope.get("headers") or [])
        request_id = headers.get(b"x-request-id", b"").decode("latin-1") or None

        async def send_and_note(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        except Exception:
            self.log.error(status=500, id=request_id, latency_ms=(time.perf_counter() - start) * 1000)
            raise
        if status["code"] >= 400:
            self.log.error(status=status["code"], id=request_id, latency_ms=(time.perf_counter() - start) * 1000)


def flask_error_logging(app, log):
    """Flask: logs every response with status >= 400 (handled errors and 500s) with its latency."""
    from flask import g, request

    @app.before_request
    def _start():
        g._modeltop_start = time.perf_counter()

    @app.after_request
    def _after(response):
        if response.status_code >= 400:
            started = getattr(g, "_modeltop_start", None)
            latency = (time.perf_counter() - started) * 1000 if started is not None else None
            log.error(status=response.status_code, id=request.headers.get("X-Request-ID"), latency_ms=latency)
        return response
