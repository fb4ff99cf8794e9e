"""`python -m bot jobs run NAME [--at ISO]`: run one job as if at that time, then deliver what it enqueued."""

from __future__ import annotations

import sys
import time

from bot.config import Settings


async def jobs_command(settings: Settings, args) -> int:
    from bot.delivery import jobs

    if args.jobs_command == "list":
        for name in jobs.JOBS:
            print(name)
        return 0
    if args.name not in jobs.JOBS:
        print(f"unknown job {args.name!r}; jobs: {', '.join(jobs.JOBS)}", file=sys.stderr)
        return 2
    try:
        at = jobs.parse_at(args.at)
    except ValueError:
        print(f"--at: not an ISO-8601 time: {args.at!r}", file=sys.stderr)
        return 2
    if not settings.bot_token:
        print("configuration error: BOT_TOKEN: required to deliver messages", file=sys.stderr)
        return 2
    from bot.app import make_bot, make_services
    from bot.delivery.service import make_sender

    services = make_services(settings)
    bot = make_bot(settings, settings.bot_token)
    try:
        jobs.bind(services)
        started = time.monotonic()
        added = await jobs.JOBS[args.name](at.isoformat())
        # The operator replays a past moment: consent, quiet hours and caps are judged as of
        # that moment, moving forward with real time while the queue drains.
        sender = make_sender(services, bot, clock=lambda: at + _elapsed(started))
        await sender.recover()
        stats = await sender.drain()
        print(
            f"{args.name} at {at.isoformat()}: {added} enqueued; sent {stats.sent}, dropped {stats.dropped}, "
            f"postponed {stats.postponed}, failed {stats.failed}, blocked {stats.blocked}"
        )
        return 0
    finally:
        await bot.session.close()
        await services.close()


def _elapsed(started: float):
    from datetime import timedelta

    return timedelta(seconds=time.monotonic() - started)
