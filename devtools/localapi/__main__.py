"""Run the local Bot API server on its own: `python -m devtools.localapi --port 8081 [--limits] [--users 1-5000]`.

Other processes drive it through the `/_test/` JSON endpoints (benchmarks, fault tests, a
separately started bot with TELEGRAM_API_URL pointing here)."""

from __future__ import annotations

import argparse
import asyncio
import gc

from bot import process
from devtools.localapi.server import LocalBotAPI


async def serve(args) -> None:
    api = LocalBotAPI(
        args.token,
        enforce_limits=args.limits,
        host=args.host,
        port=args.port,
        strict_ampersand=not args.tdlib_ampersand,
    )
    if args.users:
        first, _, last = args.users.partition("-")
        for uid in range(int(first), int(last or first) + 1):
            api.user(uid, first_name="User", language_code="en")
    await api.start()
    settle_heap()
    print(f"local Bot API on {api.base_url}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await api.stop()


def settle_heap() -> None:
    """The bot's settling of the heap after start-up (bot.process.settle_heap), and more: this process
    keeps every message, record and call until it exits, so full collections would walk an ever
    larger heap that holds no garbage (with a stand-in bot, 10,000 updates: 5-8% of this
    process's CPU went to the collector). After each full collection its survivors go to the
    permanent generation too. The cost: objects in use at a full collection (requests in flight)
    that later become cyclic garbage are never freed, a few kilobytes each time."""
    process.settle_heap()
    gc.callbacks.append(_freeze_survivors)


def _freeze_survivors(phase: str, info: dict) -> None:
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m devtools.localapi")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=None, help="accept only this token (default: the first one seen)")
    parser.add_argument("--limits", action="store_true", help="enforce Telegram's 30/s and 1/s per chat")
    parser.add_argument("--users", help="pre-create simulated users with these ids, e.g. 1-5000")
    parser.add_argument(
        "--tdlib-ampersand",
        action="store_true",
        help="keep a bare & in HTML text as tdlib does (default: refuse it, as the Bot API documentation asks)",
    )
    args = parser.parse_args()
    try:
        process.serve(serve(args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
