"""The NLU quality gate: reads `rasa test nlu` results and checks the bar.

Runs with the bot's Python (no rasa import):
    python nlu/check_quality.py [--results nlu/results] [--report-only]

Prints per-intent precision / recall / F1 / support, macro-F1, accuracy, opt_out recall and
the number of test messages of another intent predicted opt_in above the FallbackClassifier
threshold. Exits 1 unless macro-F1 >= 0.90, accuracy >= 0.92, opt_out recall == 1.0 and that
count == 0 (with --report-only it always exits 0, for `make nlu-test`).

Macro-F1 is the mean over the intents of the test split (support > 0): `rasa test nlu`
reports the intent under nlu_fallback, so the fallback label never enters the average.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RESULTS = ROOT / "nlu" / "results"
CONFIG = ROOT / "nlu" / "config.yml"

MIN_MACRO_F1 = 0.90
MIN_ACCURACY = 0.92
MIN_OPT_OUT_RECALL = 1.0
MAX_FALSE_OPT_IN = 0
FALLBACK_THRESHOLD = 0.5  # when nlu/config.yml cannot be read


@dataclass(frozen=True)
class IntentScore:
    intent: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass
class Quality:
    intents: list[IntentScore]
    macro_f1: float
    accuracy: float
    opt_out_recall: float
    false_opt_in: list[dict] = field(default_factory=list)
    threshold: float = FALLBACK_THRESHOLD

    def failures(self) -> list[str]:
        problems = []
        if self.macro_f1 < MIN_MACRO_F1:
            problems.append(f"macro-F1 {self.macro_f1:.3f} < {MIN_MACRO_F1}")
        if self.accuracy < MIN_ACCURACY:
            problems.append(f"accuracy {self.accuracy:.3f} < {MIN_ACCURACY}")
        if self.opt_out_recall < MIN_OPT_OUT_RECALL:
            problems.append(f"opt_out recall {self.opt_out_recall:.3f} < {MIN_OPT_OUT_RECALL}")
        if len(self.false_opt_in) > MAX_FALSE_OPT_IN:
            problems.append(
                f"{len(self.false_opt_in)} messages of another intent predicted opt_in above {self.threshold}"
            )
        return problems


def fallback_threshold(config: Path = CONFIG) -> float:
    """The FallbackClassifier threshold of nlu/config.yml (a line scan: PyYAML is optional here)."""
    try:
        lines = config.read_text(encoding="utf-8").splitlines()
    except OSError:
        return FALLBACK_THRESHOLD
    in_fallback = False
    for line in lines:
        stripped = line.split("#", 1)[0].strip()
        if stripped.startswith("- name:"):
            in_fallback = stripped.split(":", 1)[1].strip() == "FallbackClassifier"
        elif in_fallback and stripped.startswith("threshold:"):
            return float(stripped.split(":", 1)[1])
    return FALLBACK_THRESHOLD


def _load(path: Path) -> list | dict:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


def evaluate(results: Path = DEFAULT_RESULTS, *, threshold: float | None = None) -> Quality:
    threshold = fallback_threshold() if threshold is None else threshold
    report = _load(results / "intent_report.json")
    errors = _load(results / "intent_errors.json") if (results / "intent_errors.json").exists() else []
    intents = sorted(
        (
            IntentScore(name, float(v["precision"]), float(v["recall"]), float(v["f1-score"]), int(v["support"]))
            for name, v in report.items()
            if isinstance(v, dict) and "support" in v and not name.endswith(" avg") and int(v["support"]) > 0
        ),
        key=lambda s: s.intent,
    )
    if not intents:
        raise ValueError(f"{results / 'intent_report.json'} holds no intents")
    macro_f1 = sum(s.f1 for s in intents) / len(intents)
    if "accuracy" in report:
        accuracy = float(report["accuracy"])
    else:  # older reports: micro average over single-label data is the accuracy
        accuracy = float(report.get("micro avg", {}).get("f1-score", 0.0))
    opt_out = next((s for s in intents if s.intent == "opt_out"), None)
    false_opt_in = [
        e
        for e in errors
        if e.get("intent") != "opt_in"
        and (e.get("intent_prediction") or {}).get("name") == "opt_in"
        and float((e.get("intent_prediction") or {}).get("confidence") or 0.0) >= threshold
    ]
    return Quality(
        intents=intents,
        macro_f1=macro_f1,
        accuracy=accuracy,
        opt_out_recall=opt_out.recall if opt_out else 0.0,
        false_opt_in=false_opt_in,
        threshold=threshold,
    )


def render(q: Quality, errors: list[dict] | None = None) -> str:
    out = [f"{'intent':<15} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}"]
    for s in q.intents:
        out.append(f"{s.intent:<15} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>8d}")
    out.append("")
    out.append(f"macro-F1        {q.macro_f1:.3f}   (bar >= {MIN_MACRO_F1})")
    out.append(f"accuracy        {q.accuracy:.3f}   (bar >= {MIN_ACCURACY})")
    out.append(f"opt_out recall  {q.opt_out_recall:.3f}   (bar = {MIN_OPT_OUT_RECALL})")
    out.append(
        f"false opt_in    {len(q.false_opt_in)}       (other intents predicted opt_in with "
        f"confidence >= {q.threshold}; bar = {MAX_FALSE_OPT_IN})"
    )
    for e in q.false_opt_in:
        out.append(f"  - {e.get('text')!r} ({e.get('intent')}, {e['intent_prediction']['confidence']:.2f})")
    if errors:
        out.append("")
        out.append(f"misclassified test messages ({len(errors)}):")
        for e in errors:
            p = e.get("intent_prediction") or {}
            out.append(
                f"  {e.get('intent'):<14} -> {p.get('name')} ({float(p.get('confidence') or 0):.2f})  {e.get('text')!r}"
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, default=DEFAULT_RESULTS)
    parser.add_argument("--report-only", action="store_true", help="print the figures, never fail")
    args = parser.parse_args(argv)
    if not (args.results / "intent_report.json").exists():
        print(f"NLU quality: {args.results / 'intent_report.json'} not found; run `make nlu-test` first")
        return 0 if args.report_only else 1
    q = evaluate(args.results)
    errors_path = args.results / "intent_errors.json"
    successes_path = args.results / "intent_successes.json"
    errors = _load(errors_path) if errors_path.exists() else []
    total = len(errors) + (len(_load(successes_path)) if successes_path.exists() else 0)
    print(f"NLU quality on the held-out split ({total or sum(s.support for s in q.intents)} messages):")
    print(render(q, errors))
    if args.report_only:
        return 0
    problems = q.failures()
    if problems:
        print("NLU quality: BELOW THE BAR: " + "; ".join(problems))
        return 1
    print("NLU quality: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
