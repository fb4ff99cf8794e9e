"""Sender benchmarks against the project's local Bot API server.

1. Throughput with Telegram's limits on (429 above 30 msg/s overall, 1 msg/s per chat):
   the sustained rate as a share of the configured SEND_RATE, and how many 429s the
   sender caused (target: >= 95 %, zero 429s), for 5,000 messages.
2. Overhead with limits off: messages/s the sender itself can push on SQLite
   (target >= 1,000/s), so the limit, not the code, is the bottleneck.

    .venv/bin/python bench/sender.py [--messages 5000] [--rate 28] [--skip-limited]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from bot import aiogram_patches  # noqa: E402

aiogram_patches.install()  # as `python -m bot` does, before bot.app imports aiogram.types

from bot.app import make_bot, make_services  # noqa: E402
from bot.config import load_settings  # noqa: E402
from bot.delivery.service import make_sender  # noqa: E402
from storage.migrate import upgrade  # noqa: E402

TOKEN = "42:BENCH"


async def prepare(url: str, n: int, api) -> None:
    from storage.db import create_engine

    engine = create_engine(url)
    series = f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) SELECT i FROM s"
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO customer (id, language, stage, reachable, purchases_count, created_at, last_seen_at, name) "
                f"SELECT i, 'en', 'friend', 1, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'Bench' FROM ({series})"
            )
        )
        await conn.execute(
            text(
                "INSERT INTO consent_event (id, customer_id, scope, action, at, method, language) "
                f"SELECT i, i, 'offers', 'grant', CURRENT_TIMESTAMP, 'button', 'en' FROM ({series})"
            )
        )
        await conn.execute(
            text(
                "INSERT INTO scope_state (customer_id, scope, granted, since, event_id) "
                "SELECT customer_id, scope, 1, at, id FROM consent_event"
            )
        )
        await conn.execute(
            text(
                "INSERT INTO outbox (customer_id, kind, idem_key, payload, status, not_before, attempts, created_at) "
                f"SELECT i, 'campaign', 'bench:' || i, '{{\"text\": \"Hello from the benchmark\"}}', 'pending', "
                f"'2000-01-01 00:00:00', 0, CURRENT_TIMESTAMP FROM ({series})"
            )
        )
    await engine.dispose()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def run(n: int, *, limited: bool, rate: float) -> None:
    """The local Bot API runs in its own process, as Telegram would: the sender's process is measured."""
    import subprocess

    import aiohttp

    port = free_port()
    args = [sys.executable, "-m", "devtools.localapi", "--port", str(port), "--token", TOKEN, "--users", f"1-{n}"]
    server = subprocess.Popen(
        args + (["--limits"] if limited else []),
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        server.stdout.readline()  # "local Bot API on ..."
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            upgrade(url)
            await prepare(url, n, None)
            settings = load_settings(
                _env_file=None, database_url=url, bot_token=TOKEN, telegram_api_url=base, send_rate=rate
            )
            services = make_services(settings)
            bot = make_bot(settings, TOKEN)
            sender = make_sender(
                services, bot, rate=rate if limited else None, per_chat=1.0 if limited else None, default_cap=100
            )
            started = time.perf_counter()
            await sender.drain()
            elapsed = time.perf_counter() - started
            await bot.session.close()
            await services.close()
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/_test/send_times") as response:
                stamps = sorted((await response.json())["result"])
            async with http.get(f"{base}/_test/state") as response:
                state = (await response.json())["result"]
    finally:
        server.terminate()
        server.wait(10)
    sent = sender.stats.sent
    span = stamps[-1] - stamps[0] if len(stamps) > 1 else elapsed
    sustained = (len(stamps) - 1) / span if span > 0 else float("inf")
    too_many = state["stats"].get("429", 0)
    if limited:
        print(
            f"limits on: {sent:,} of {n:,} messages in {elapsed:.1f} s; sustained {sustained:.2f} msg/s = "
            f"{sustained / rate:.1%} of the configured {rate:g}/s (Telegram allows 30/s); 429s caused: {too_many}"
        )
    else:
        print(
            f"limits off: {sent:,} of {n:,} messages in {elapsed:.2f} s = {sent / elapsed:,.0f} msg/s "
            f"(the sender's process: claim, policy check, SQLite, HTTP; the Bot API in another process)"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--rate", type=float, default=28.0)
    parser.add_argument(
        "--skip-limited",
        action="store_true",
        help="only the overhead run (the limited one takes about messages / rate seconds)",
    )
    args = parser.parse_args()
    asyncio.run(run(args.messages, limited=False, rate=args.rate))
    if not args.skip_limited:
        asyncio.run(run(args.messages, limited=True, rate=args.rate))


if __name__ == "__main__":
    main()
