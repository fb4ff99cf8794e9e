"""Run the local Bot API server on its own: `python -m bot.localapi --port 8081 [--limits] [--users 1-5000]`.

Other processes drive it through the `/_test/` JSON endpoints (benchmarks, fault tests, a
separately started bot with TELEGRAM_API_URL pointing here)."""
from __future__ import annotations

import argparse
import asyncio

from bot.localapi.server import LocalBotAPI


async def serve(args) -> None:
    api = LocalBotAPI(args.token, enforce_limits=args.limits, host=args.host, port=args.port)
    if args.users:
        first, _, last = args.users.partition("-")
        for uid in range(int(first), int(last or first) + 1):
            api.user(uid, first_name="User", language_code="en")
    await api.start()
    print(f"local Bot API on {api.base_url}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await api.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.localapi")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=None, help="accept only this token (default: the first one seen)")
    parser.add_argument("--limits", action="store_true", help="enforce Telegram's 30/s and 1/s per chat")
    parser.add_argument("--users", help="pre-create simulated users with these ids, e.g. 1-5000")
    args = parser.parse_args()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
