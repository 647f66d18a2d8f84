#!/usr/bin/env python3
"""Fuzzes modeltop's readers through the real binary (issue 13), bounded in time.

Each case starts from the fixtures (fixtures/digits, fixtures/logs_stack, fixtures/images),
applies a few mutations of the kinds that found real defects, and runs

  modeltop report --ref REF --prod PROD --logs LOGS --format json   (and --format text)
  modeltop digit FILE                                              (images, sometimes)

A case fails when modeltop crashes (killed by a signal), hangs (over --timeout seconds), exits
with a status other than 0, 1 or 2, prints JSON that does not parse after exit 0 or 1, or
prints a terminal control character from the data in text output. A failing case is kept under
--keep (default fuzz-failures/) with a note of what happened, and the run exits 1.

Usage: python3 scripts/fuzz-readers.py --modeltop .build/debug/modeltop [--seconds 60] [--seed 1] [--max-cases N]
The same seed gives the same cases in the same order; CI runs a fixed seed and count, so that
what it checks is reproducible; run other seeds, longer, to explore.
Standard library only. Prints "N passed, M failed" last.
"""
import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPECIAL_NUMBERS = ["nan", "NaN", "inf", "-inf", "1e999", "-0", "0x1F", "1e-400", "+.5", "5.", "", "  3 ", "1_000",
                   "9" * 400, "1e", "--1", "Infinity", "∞", "３"]
HOSTILE = ["\x1b[2J", "\x1b]52;c;aGk=\x07", "\x1b]0;pwned\x07", "\u009b31m", "\u202ecba", "\x00", "\x7f"]


def read(path):
    with open(path, "rb") as f:
        return f.read()


def lines_of(data):
    return data.split(b"\n")


# ---------------------------------------------------------------------------------------------
# mutations: each takes and returns bytes
# ---------------------------------------------------------------------------------------------

def flip_bytes(rng, data):
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def cut(rng, data):
    return data[:rng.randrange(len(data) + 1)] if data else data


def duplicate_lines(rng, data):
    lines = lines_of(data)
    if len(lines) < 2:
        return data
    k = rng.randrange(1, len(lines))
    return b"\n".join(lines[:k] + [lines[k]] * rng.randint(2, 50) + lines[k + 1:])


def many_labels(rng, data):
    """Replace the last field of each data row by a distinct label: free-text targets."""
    lines = lines_of(data)
    out = [lines[0]]
    for i, line in enumerate(lines[1:]):
        fields = line.split(b",")
        if len(fields) > 1:
            fields[-1] = f"label-{i}-{rng.random():.6f}".encode()
        out.append(b",".join(fields))
    return b"\n".join(out)


def special_numbers(rng, data):
    lines = lines_of(data)
    for _ in range(rng.randint(1, 20)):
        k = rng.randrange(1, len(lines)) if len(lines) > 1 else 0
        fields = lines[k].split(b",")
        if fields:
            fields[rng.randrange(len(fields))] = rng.choice(SPECIAL_NUMBERS).encode()
        lines[k] = b",".join(fields)
    return b"\n".join(lines)


def hostile_text(rng, data):
    lines = lines_of(data)
    for _ in range(rng.randint(1, 10)):
        k = rng.randrange(len(lines))
        fields = lines[k].split(b",")
        if fields:
            fields[rng.randrange(len(fields))] = ('"' + rng.choice(HOSTILE) + '"').encode()
        lines[k] = b",".join(fields)
    return b"\n".join(lines)


def huge_field(rng, data):
    lines = lines_of(data)
    k = rng.randrange(len(lines))
    lines[k] = lines[k] + b"x" * rng.choice([70_000, 1 << 20, 9 << 20])
    return b"\n".join(lines)


def quotes_and_line_ends(rng, data):
    choice = rng.randrange(4)
    if choice == 0:
        return data.replace(b"\n", b"\r\n")
    if choice == 1:
        return b"\xef\xbb\xbf" + data
    if choice == 2:
        position = rng.randrange(len(data) + 1)
        return data[:position] + b'"' + data[position:]
    return data.replace(b",", b";")


def deep_json(rng, data):
    depth = rng.choice([10, 1000, 30_000])
    line = b'{"ts": 1, "prediction": 1, "x": ' + b"[" * depth + b"]" * depth + b"}"
    nested_pixels = b'{"ts": 1, "prediction": 1, "pixels": ' + b"[" * 50 + b"1" + b"]" * 50 + b"}"
    return data + b"\n" + line + b"\n" + nested_pixels + b"\n"


def json_values(rng, data):
    """Swap a field's value for another JSON type, or a key for a misspelt one."""
    lines = lines_of(data)
    replacements = [b"null", b"true", b"[]", b"{}", b'"x"', b"1e999", b"-1", b"3.5", b'"2026-13-45T99:99:99Z"',
                    b'[[1, 2], [3]]', b'"\\ud800"']
    for _ in range(rng.randint(1, 10)):
        k = rng.randrange(len(lines))
        line = lines[k]
        colon = line.find(b":", rng.randrange(len(line) + 1)) if line else -1
        if colon > 0:
            end = line.find(b",", colon)
            end = len(line) - 1 if end < 0 else end
            lines[k] = line[:colon + 1] + b" " + rng.choice(replacements) + line[end:]
    return b"\n".join(lines)


CSV_MUTATIONS = [flip_bytes, cut, duplicate_lines, many_labels, special_numbers, hostile_text, huge_field,
                 quotes_and_line_ends]
LOG_MUTATIONS = [flip_bytes, cut, duplicate_lines, deep_json, json_values, huge_field, hostile_text]


def mutate(rng, data, kinds, count):
    applied = []
    for _ in range(count):
        mutation = rng.choice(kinds)
        data = mutation(rng, data)
        applied.append(mutation.__name__)
    return data, applied


def broken_gzip(rng, data):
    """gzip of `data`, then truncated, flipped, or followed by garbage; or a bomb."""
    choice = rng.randrange(4)
    if choice == 3:
        return gzip.compress(b"\0" * (64 << 20), compresslevel=1)
    compressed = gzip.compress(data)
    if choice == 0:
        return compressed[:rng.randrange(10, len(compressed))]
    if choice == 1:
        return flip_bytes(rng, compressed)
    return compressed + bytes(rng.randrange(256) for _ in range(rng.randint(1, 20)))


# ---------------------------------------------------------------------------------------------
# running
# ---------------------------------------------------------------------------------------------

def unsafe_scalars(text):
    return [hex(ord(c)) for c in text
            if (ord(c) < 0x20 and c not in "\n\t") or ord(c) == 0x7F or 0x80 <= ord(c) <= 0x9F
            or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]


def run(command, timeout):
    started = time.time()
    try:
        result = subprocess.run(command, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, b"", b"", timeout
    return result.returncode, result.stdout, result.stderr, time.time() - started


def judge(command, status, stdout, stderr, expect_json):
    """A reason the case failed, or None."""
    if status is None:
        return "hang: no exit within the timeout"
    if status < 0:
        return f"crash: killed by signal {-status}"
    if status not in (0, 1, 2):
        return f"exit status {status}"
    text = stderr.decode("utf-8", "replace")
    if expect_json and status in (0, 1):
        try:
            json.loads(stdout)
        except ValueError as error:
            return f"invalid JSON on exit {status}: {error}"
    else:
        text += stdout.decode("utf-8", "replace")
    bad = unsafe_scalars(text)
    if bad:
        return f"control characters reached the output: {bad[:10]}"
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--modeltop", required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--max-cases", type=int, default=0, help="stop after this many cases (0: only the time bounds it)")
    parser.add_argument("--keep", default=os.path.join(ROOT, "fuzz-failures"))
    args = parser.parse_args()
    modeltop = os.path.abspath(args.modeltop)
    rng = random.Random(args.seed)
    ref = read(os.path.join(ROOT, "fixtures", "digits", "ref_data.csv"))
    prod = read(os.path.join(ROOT, "fixtures", "digits", "prod_data.csv"))
    log = read(os.path.join(ROOT, "fixtures", "logs_stack", "predictions.jsonl"))
    images = [read(os.path.join(ROOT, "fixtures", "images", name))
              for name in ("digits28-idx3-ubyte", "digits28-idx3-ubyte.gz")]
    passed = failed = 0
    started = time.time()
    deadline = started + args.seconds
    case = 0
    while time.time() < deadline and (args.max_cases == 0 or case < args.max_cases):
        case += 1
        work = tempfile.mkdtemp(prefix="modeltop-fuzz-")
        try:
            os.makedirs(os.path.join(work, "logs"))
            case_ref, ref_kinds = mutate(rng, ref, CSV_MUTATIONS, rng.choice([0, 0, 1]))
            case_prod, prod_kinds = mutate(rng, prod, CSV_MUTATIONS, rng.randint(1, 3))
            case_log, log_kinds = mutate(rng, log, LOG_MUTATIONS, rng.randint(1, 3))
            files = {"ref_data.csv": case_ref, "prod_data.csv": case_prod, "logs/predictions.jsonl": case_log}
            if rng.random() < 0.3:
                files["logs/predictions.jsonl.1.gz"] = broken_gzip(rng, log)
                log_kinds.append("broken_gzip")
            for name, data in files.items():
                with open(os.path.join(work, name), "wb") as f:
                    f.write(data)
            kinds = f"ref {ref_kinds}, prod {prod_kinds}, logs {log_kinds}"
            commands = []
            for form in ("json", "text"):
                commands.append(([modeltop, "report", "--ref", os.path.join(work, "ref_data.csv"),
                                  "--prod", os.path.join(work, "prod_data.csv"), "--logs", os.path.join(work, "logs"),
                                  "--format", form], form == "json"))
            if rng.random() < 0.3:
                image = rng.choice(images)
                image = broken_gzip(rng, image) if rng.random() < 0.5 else flip_bytes(rng, image)
                path = os.path.join(work, "image-idx3-ubyte" + (".gz" if image[:2] == b"\x1f\x8b" else ""))
                with open(path, "wb") as f:
                    f.write(image)
                commands.append(([modeltop, "digit", path], False))
                kinds += ", an image"
            for command, expect_json in commands:
                status, stdout, stderr, seconds = run(command, args.timeout)
                reason = judge(command, status, stdout, stderr, expect_json)
                if reason is None:
                    passed += 1
                    continue
                failed += 1
                kept = os.path.join(args.keep, f"case-{args.seed}-{case}")
                shutil.rmtree(kept, ignore_errors=True)
                shutil.copytree(work, kept)
                with open(os.path.join(kept, "FAILURE.txt"), "w") as f:
                    f.write(f"{reason}\ncommand: {' '.join(command)}\nmutations: {kinds}\n"
                            f"stderr:\n{stderr.decode('utf-8', 'replace')[-2000:]}\n")
                print(f"FAIL case {case}: {reason} ({kinds}); kept in {kept}", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(f"fuzz-readers: {case} cases in {time.time() - started:.0f} s (at most {args.seconds:.0f}), seed {args.seed}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
