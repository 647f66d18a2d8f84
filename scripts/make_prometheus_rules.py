#!/usr/bin/env python3
"""Writes docs/prometheus/modeltop-rules.yml and its promtool unit test.

The recording rules rebuild the fleet's figures from the counts every `modeltop watch --listen`
agent exposes, exactly as `modeltop report` computes them on all replicas' rows together:

- PSI per dimension on the reference's deciles: each decile's share of production and reference
  from the rank histograms (bucket le=k/10 minus le=(k-1)/10, over the count), an empty share
  becoming 1e-4, then sum((q - p) * ln(q / p));
- the KS statistic on the 5% grid (a lower bound of the exact one, and at most the largest
  reference bin's mass, about 0.05, below it);
- accuracy and macro F1 (scikit-learn's, over every label seen as a target or a prediction)
  from the confusion-matrix counter.

Run it after changing a rule; `promtool check rules` and `promtool test rules` read its output
(.ci/run does, through scripts/fleet-prometheus.py).
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "prometheus"

PRODUCTION = "dimension_le:modeltop_embedding_rank_production:sum"
REFERENCE = "dimension_le:modeltop_embedding_rank_reference:max"
RECENT = "dimension_le:modeltop_embedding_rank_production:increase1h"
FEEDBACK = "target_prediction:modeltop_feedback:sum"
# A replica that is down keeps its last counts in the fleet's figures for an hour (Prometheus
# marks its series stale at once, which would drop its whole history from every sum).
KEEP = "1h"
LEVELS = [f"{k / 10:g}" for k in range(1, 10)]


def shares(source: str) -> str:
    """Each decile's share of `source`, labelled decile="1".."10"."""
    total = f'sum by (dimension) ({source}{{le="+Inf"}})'
    parts = []
    for k in range(1, 11):
        upper = f'sum by (dimension) ({source}{{le="{LEVELS[k - 1]}"}})' if k < 10 else total
        lower = f' - sum by (dimension) ({source}{{le="{LEVELS[k - 2]}"}})' if k > 1 else ""
        parts.append(f'label_replace(({upper}{lower}) / {total}, "decile", "{k}", "", "")')
    return "\n  or ".join(parts)


def filled(name: str) -> str:
    """The report's rule: an empty bin's share becomes 1e-4."""
    return f"({name} > 0 or {name} * 0 + 0.0001)"


DIAGONAL = (
    f"{FEEDBACK}\n"
    '  and on (target, prediction)\n'
    f'  label_replace(sum by (target) ({FEEDBACK}), "prediction", "$1", "target", "(.*)")'
)


def by_class(expr: str, label: str) -> str:
    return f'sum by (class) (label_replace({expr}, "class", "$1", "{label}", "(.*)"))'


def block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line for line in text.splitlines())


def rule(record: str, expr: str, comment: str) -> str:
    return f"      # {comment}\n      - record: {record}\n        expr: {block(expr, 10)}\n"


def alert(name: str, expr: str, duration: str, severity: str, summary: str) -> str:
    return (
        f"      - alert: {name}\n        expr: {block(expr, 10)}\n        for: {duration}\n"
        f"        labels:\n          severity: {severity}\n"
        f"        annotations:\n          summary: {summary}\n"
    )


def rules_file() -> str:
    recording = [
        rule(PRODUCTION, f'sum by (dimension, le) (last_over_time(modeltop_embedding_rank_bucket{{sample="production"}}[{KEEP}]))',
             "Every replica's production values, per dimension and reference-quantile bucket (a replica down for less than an hour counts with its last values)."),
        rule(REFERENCE, f'max by (dimension, le) (last_over_time(modeltop_embedding_rank_bucket{{sample="reference"}}[{KEEP}]))',
             "The reference's own counts (the same on every replica of one model)."),
        rule("dimension_decile:modeltop_production_share:fleet", shares(PRODUCTION), "Each decile's share of the fleet's production values."),
        rule("dimension_decile:modeltop_reference_share:fleet", shares(REFERENCE), "Each decile's share of the reference."),
        rule(
            "dimension:modeltop_psi:fleet",
            "sum by (dimension) (\n"
            f"  ({filled('dimension_decile:modeltop_reference_share:fleet')} - {filled('dimension_decile:modeltop_production_share:fleet')})\n"
            f"  * ln({filled('dimension_decile:modeltop_reference_share:fleet')} / {filled('dimension_decile:modeltop_production_share:fleet')})\n"
            ")",
            "PSI per dimension over the whole fleet: modeltop report's decile PSI on all replicas' rows."),
        rule(
            "dimension:modeltop_ks_grid:fleet",
            "max by (dimension) (abs(\n"
            f"  {PRODUCTION} / ignoring (le) group_left sum by (dimension) ({PRODUCTION}{{le=\"+Inf\"}})\n"
            f"  - {REFERENCE} / ignoring (le) group_left sum by (dimension) ({REFERENCE}{{le=\"+Inf\"}})\n"
            "))",
            "KS statistic on the 5% reference-quantile grid: the exact one is at least this, at most about 0.05 more."),
        rule("modeltop:drift_share:fleet", "avg(dimension:modeltop_psi:fleet >= bool 0.1)",
             "Share of dimensions whose fleet PSI is at least 0.1 (modeltop's default PSI threshold)."),
        # The last hour alone: the rows counted in it, so a drift that ended clears (the whole
        # history above remembers it). increase() extrapolates to the window's edges, so these
        # counts are estimates, not the report's exact figures.
        rule(RECENT, 'sum by (dimension, le) (increase(modeltop_embedding_rank_bucket{sample="production"}[1h]))',
             "The fleet's production values counted in the last hour, per dimension and bucket."),
        rule("dimension_decile:modeltop_production_share_1h:fleet", shares(RECENT), "Each decile's share of the last hour's values."),
        rule(
            "dimension:modeltop_psi_1h:fleet",
            "sum by (dimension) (\n"
            f"  ({filled('dimension_decile:modeltop_reference_share:fleet')} - {filled('dimension_decile:modeltop_production_share_1h:fleet')})\n"
            f"  * ln({filled('dimension_decile:modeltop_reference_share:fleet')} / {filled('dimension_decile:modeltop_production_share_1h:fleet')})\n"
            ")\nand on (dimension) sum by (dimension) (" + RECENT + '{le="+Inf"}) >= 100',
            "PSI per dimension over the last hour (only with at least 100 rows in it)."),
        rule("modeltop:drift_share_1h:fleet", "avg(dimension:modeltop_psi_1h:fleet >= bool 0.1)",
             "Share of dimensions drifted over the last hour."),
        rule(FEEDBACK, f"sum by (target, prediction) (last_over_time(modeltop_feedback_total[{KEEP}]))",
             "The fleet's confusion matrix (a replica down for less than an hour counts with its last values)."),
        rule("modeltop:accuracy:fleet", f"sum({DIAGONAL})\n/ sum({FEEDBACK})",
             "Accuracy over every replica's feedback (the diagonal: cells whose prediction is their target)."),
        rule("class:modeltop_feedback_support:fleet", by_class(f"sum by (target) ({FEEDBACK})", "target"),
             "Per class: rows whose true label it is."),
        rule("class:modeltop_feedback_predicted:fleet", by_class(f"sum by (prediction) ({FEEDBACK})", "prediction"),
             "Per class: rows predicted as it."),
        rule("class:modeltop_feedback_correct:fleet", by_class(DIAGONAL, "target"), "Per class: rows predicted right."),
        rule(
            "class:modeltop_f1:fleet",
            "2 * (class:modeltop_feedback_correct:fleet or (class:modeltop_feedback_support:fleet or class:modeltop_feedback_predicted:fleet) * 0)\n"
            "/ ((class:modeltop_feedback_support:fleet or class:modeltop_feedback_predicted:fleet * 0)\n"
            "   + (class:modeltop_feedback_predicted:fleet or class:modeltop_feedback_support:fleet * 0))",
            "F1 per class: 2 TP / (support + predicted), over every label seen as a target or a prediction."),
        rule("modeltop:f1_macro:fleet", "avg(class:modeltop_f1:fleet)", "Macro F1 (scikit-learn's f1_score(average='macro'))."),
        rule("modeltop:requests:rate5m", "sum(rate(modeltop_requests_total[5m]))", "Requests per second over the fleet."),
        rule("modeltop:requests_5xx:ratio_rate5m",
             'sum(rate(modeltop_requests_total{code="5xx"}[5m])) / sum(rate(modeltop_requests_total[5m]))',
             "Share of requests answered with a 5xx."),
        rule("modeltop:request_duration_seconds:p99_5m",
             "histogram_quantile(0.99, sum by (le) (rate(modeltop_request_duration_seconds_bucket[5m])))",
             "p99 latency over the fleet, from the summed histogram."),
    ]
    alerts = [
        alert("ModelTopFleetDrift", "modeltop:drift_share:fleet >= 0.5", "10m", "warning",
              "Half or more of the embedding dimensions drifted across the fleet (PSI >= 0.1)"),
        alert("ModelTopFleetDriftLastHour", "modeltop:drift_share_1h:fleet >= 0.5", "10m", "warning",
              "Half or more of the embedding dimensions drifted across the fleet over the last hour"),
        alert("ModelTopFleetAccuracyLow",
              f"modeltop:accuracy:fleet < 0.8 and on () sum({FEEDBACK}) >= 100", "10m", "critical",
              "Fleet accuracy is below 0.8 on the feedback received"),
        alert("ModelTopFleet5xx", "modeltop:requests_5xx:ratio_rate5m > 0.05", "5m", "critical",
              "More than 5% of the fleet's requests failed with a 5xx"),
        alert("ModelTopFleetLatencyP99", "modeltop:request_duration_seconds:p99_5m > 1", "5m", "warning",
              "The fleet's p99 latency is above 1 s"),
        alert("ModelTopReplicaDown", 'up{job="modeltop"} == 0', "1m", "critical",
              "A modeltop agent is not being scraped ({{ $labels.instance }})"),
        alert("ModelTopReplicaNotWriting", "time() - modeltop_last_data_timestamp_seconds > 900", "5m", "warning",
              "A replica wrote no production row or request for 15 minutes ({{ $labels.instance }})"),
    ]
    return (
        "# Generated by scripts/make_prometheus_rules.py: edit the script, not this file.\n"
        "# Recording rules give the fleet's figures from the counts every `modeltop watch --listen`\n"
        "# agent exposes; alert rules watch them. See the README's fleet section.\n"
        "groups:\n"
        "  - name: modeltop-fleet\n"
        "    rules:\n" + "".join(recording) + "\n"
        "  - name: modeltop-alerts\n"
        "    rules:\n" + "".join(alerts)
    )


def rank_series(instance: str, dimension: str, sample: str, cumulative: list[int], steps: int) -> list[str]:
    """Input series of one histogram over `steps` minutes: the reference's counts stay, production
    gains the same rows every minute (so the last hour has rows too)."""
    les = [f"{k / 20:g}" for k in range(1, 20)] + ["+Inf"]
    return [
        f"      - series: 'modeltop_embedding_rank_bucket{{instance=\"{instance}\",job=\"modeltop\",dimension=\"{dimension}\",sample=\"{sample}\",le=\"{le}\"}}'\n"
        f"        values: '{count}{'+' + str(count) if sample == 'production' else ''}x{steps}'\n"
        for le, count in zip(les, cumulative)
    ]


def cumulative(bins: list[int]) -> list[int]:
    out, total = [], 0
    for count in bins:
        total += count
        out.append(total)
    return out


def test_file() -> str:
    steps = 20
    uniform = [5] * 20  # 100 rows, 5 per 5% bin: the reference itself
    shifted = [0] * 10 + [10] * 10  # every row above the median: drift
    series = []
    for instance in ("a:9108", "b:9108"):
        for dimension in ("emb_1", "emb_2"):
            series += rank_series(instance, dimension, "reference", cumulative(uniform), steps)
        series += rank_series(instance, "emb_1", "production", cumulative(shifted), steps)
        series += rank_series(instance, "emb_2", "production", cumulative(uniform), steps)
        series.append(f"      - series: 'up{{instance=\"{instance}\",job=\"modeltop\"}}'\n        values: '1x{steps}'\n")
    clean = []
    for instance in ("a:9108", "b:9108"):
        for dimension in ("emb_1", "emb_2"):
            clean += rank_series(instance, dimension, "reference", cumulative(uniform), steps)
            clean += rank_series(instance, dimension, "production", cumulative(uniform), steps)
        clean.append(f"      - series: 'up{{instance=\"{instance}\",job=\"modeltop\"}}'\n        values: '1x{steps}'\n")
        clean.append(f"      - series: 'modeltop_feedback_total{{instance=\"{instance}\",target=\"1\",prediction=\"1\"}}'\n        values: '0+10x{steps}'\n")
        clean.append(f"      - series: 'modeltop_requests_total{{instance=\"{instance}\",code=\"2xx\"}}'\n        values: '0+600x{steps}'\n")
    # Drift: emb_1's production sits in the top five deciles: shares 0 (filled 1e-4) and 0.2.
    psi_shifted = 5 * (0.1 - 0.0001) * __import__("math").log(0.1 / 0.0001) + 5 * (0.1 - 0.2) * __import__("math").log(0.1 / 0.2)
    feedback = []
    for instance, cells in (("a:9108", {("1", "1"): 40, ("1", "2"): 10, ("2", "2"): 30}), ("b:9108", {("2", "1"): 20, ("3", "3"): 0, ("2", "3"): 10})):
        for (target, prediction), count in cells.items():
            feedback.append(
                f"      - series: 'modeltop_feedback_total{{instance=\"{instance}\",target=\"{target}\",prediction=\"{prediction}\"}}'\n"
                f"        values: '{count}x{steps}'\n")
    # Fleet: truth 1 -> 1: 40, 1 -> 2: 10, 2 -> 2: 30, 2 -> 1: 20, 2 -> 3: 10 (110 rows; 70 right).
    # F1: class 1: 2*40/(50+60) = 0.7272..., class 2: 2*30/(60+40) = 0.6, class 3: 0 (support 0, predicted 10).
    f1 = (80 / 110 + 60 / 100 + 0) / 3
    return (
        "# Generated by scripts/make_prometheus_rules.py.\n"
        "rule_files:\n  - ../modeltop-rules.yml\nevaluation_interval: 1m\ntests:\n"
        "  # Two replicas whose rows of emb_1 all sit above the reference's median: the fleet drifts.\n"
        "  - interval: 1m\n    input_series:\n" + "".join(series) + "".join(feedback) +
        "    promql_expr_test:\n"
        # Sums are compared within 1e-9: PromQL adds in its own order.
        f"      - expr: abs(dimension:modeltop_psi:fleet - on (dimension) group_left label_replace(vector({psi_shifted!r}), \"dimension\", \"emb_1\", \"\", \"\")) < bool 1e-9\n"
        "        eval_time: 5m\n        exp_samples:\n"
        "          - labels: '{dimension=\"emb_1\"}'\n            value: 1\n"
        f"      - expr: abs(dimension:modeltop_psi_1h:fleet - on (dimension) group_left label_replace(vector({psi_shifted!r}), \"dimension\", \"emb_1\", \"\", \"\")) < bool 1e-9\n"
        "        eval_time: 10m\n        exp_samples:\n"
        "          - labels: '{dimension=\"emb_1\"}'\n            value: 1\n"
        "      - expr: dimension:modeltop_psi:fleet{dimension=\"emb_2\"}\n        eval_time: 5m\n        exp_samples:\n"
        "          - labels: 'dimension:modeltop_psi:fleet{dimension=\"emb_2\"}'\n            value: 0\n"
        "      - expr: dimension:modeltop_ks_grid:fleet\n        eval_time: 5m\n        exp_samples:\n"
        "          - labels: 'dimension:modeltop_ks_grid:fleet{dimension=\"emb_1\"}'\n            value: 0.5\n"
        "          - labels: 'dimension:modeltop_ks_grid:fleet{dimension=\"emb_2\"}'\n            value: 0\n"
        "      - expr: modeltop:accuracy:fleet\n        eval_time: 5m\n        exp_samples:\n"
        f"          - labels: 'modeltop:accuracy:fleet'\n            value: {70 / 110!r}\n"
        f"      - expr: abs(modeltop:f1_macro:fleet - {f1!r}) < bool 1e-9\n        eval_time: 5m\n        exp_samples:\n"
        "          - labels: '{}'\n            value: 1\n"
        "    alert_rule_test:\n"
        "      - eval_time: 5m\n        alertname: ModelTopFleetDrift\n        exp_alerts: []\n"
        "      - eval_time: 15m\n        alertname: ModelTopFleetDrift\n        exp_alerts:\n"
        "          - exp_labels:\n              severity: warning\n"
        "            exp_annotations:\n              summary: Half or more of the embedding dimensions drifted across the fleet (PSI >= 0.1)\n"
        "      - eval_time: 15m\n        alertname: ModelTopFleetDriftLastHour\n        exp_alerts:\n"
        "          - exp_labels:\n              severity: warning\n"
        "            exp_annotations:\n              summary: Half or more of the embedding dimensions drifted across the fleet over the last hour\n"
        "      - eval_time: 12m\n        alertname: ModelTopFleetAccuracyLow\n        exp_alerts:\n"
        "          - exp_labels:\n              severity: critical\n"
        "            exp_annotations:\n              summary: Fleet accuracy is below 0.8 on the feedback received\n"
        "  # The same replicas on clean traffic: nothing fires.\n"
        "  - interval: 1m\n    input_series:\n" + "".join(clean) +
        "    alert_rule_test:\n"
        "      - eval_time: 15m\n        alertname: ModelTopFleetDrift\n        exp_alerts: []\n"
        "      - eval_time: 15m\n        alertname: ModelTopFleetDriftLastHour\n        exp_alerts: []\n"
        "      - eval_time: 15m\n        alertname: ModelTopFleetAccuracyLow\n        exp_alerts: []\n"
        "      - eval_time: 15m\n        alertname: ModelTopFleet5xx\n        exp_alerts: []\n"
        "      - eval_time: 15m\n        alertname: ModelTopReplicaDown\n        exp_alerts: []\n"
    )


def main() -> None:
    (OUT / "modeltop-rules.yml").write_text(rules_file())
    (OUT / "tests" / "modeltop-rules-test.yml").write_text(test_file())
    print("wrote", OUT / "modeltop-rules.yml", "and", OUT / "tests" / "modeltop-rules-test.yml")


if __name__ == "__main__":
    main()
