"""Parse latency through NLUClient against a running Rasa server (NLU_URL, default
http://127.0.0.1:5005): N parses of held-out test texts after a warm-up; p50/p95/p99/mean in ms.

    make nlu-serve &   # or: make run
    .venv/bin/python bench/nlu_parse.py
Exits 0 with a one-line reason when no server answers. Target: p95 <= 30 ms.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.nlu.client import NLUClient  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
N = int(os.environ.get("NLU_BENCH_N", "300"))
WARMUP = 20


def test_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "nlu" / "tests").glob("*.yml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith("- ") and not line.startswith("- intent:"):
                texts.append(re.sub(r"\[([^\]]*)\](\([^)]*\)|\{[^}]*\})", r"\1", line[2:]))
    return texts or ["hello", "stop", "send me samples"]


def percentile(sorted_ms: list[float], p: float) -> float:
    k = (len(sorted_ms) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(sorted_ms) - 1)
    return sorted_ms[lo] + (sorted_ms[hi] - sorted_ms[lo]) * (k - lo)


async def main() -> int:
    url = os.environ.get("NLU_URL", "http://127.0.0.1:5005")
    logging.getLogger("bot.nlu.client").setLevel(logging.ERROR)  # the reason is printed below
    # A generous timeout: the benchmark measures the server, the bot's 0.5 s is a guard.
    client = NLUClient(url, timeout=5.0)
    try:
        if await client.parse("hello") is None:
            print(f"nlu_parse: no Rasa server answers at {url} (start it with `make nlu-serve`); skipped")
            return 0
        texts = test_texts()
        for i in range(WARMUP):
            await client.parse(texts[i % len(texts)])
        timings, failures = [], 0
        for i in range(N):
            started = time.perf_counter()
            result = await client.parse(texts[i % len(texts)])
            elapsed = (time.perf_counter() - started) * 1000
            if result is None:
                failures += 1
            else:
                timings.append(elapsed)
    finally:
        await client.close()
    if not timings:
        print(f"nlu_parse: every parse failed against {url}")
        return 1
    timings.sort()
    print(f"nlu_parse: {len(timings)} parses of {len(texts)} held-out texts via NLUClient at {url} ({failures} failed)")
    print(
        f"  p50 {percentile(timings, 50):.1f} ms   p95 {percentile(timings, 95):.1f} ms   "
        f"p99 {percentile(timings, 99):.1f} ms   mean {statistics.fmean(timings):.1f} ms   "
        f"(target p95 <= 30 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
