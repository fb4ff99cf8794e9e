"""Run one scheduled job as if at a given time, then deliver what it enqueued.

`python -m bot jobs run NAME [--at ISO]` and the terminal chat's `/jobs run NAME [time]` share
`replay`: the job runs in the calling process and a sender whose clock starts at that moment
(moving forward with real time) delivers through the caller's bot.
"""

from __future__ import annotations

import os
import re
import socket
import sys
import time
from datetime import datetime, timedelta

from bot.config import Settings

# "+3d", "+12h", "+30m": an offset from now.
_OFFSET = re.compile(r"\+(\d+)([dhm])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


class JobRequestError(ValueError):
    """A job name or time that cannot be run; the message is one line for the operator."""


def job_names() -> list[str]:
    from bot.delivery import jobs

    return list(jobs.JOBS)


def check_name(name: str) -> str:
    if name not in job_names():
        raise JobRequestError(f"unknown job {name!r}; jobs: {', '.join(job_names())}")
    return name


def parse_when(when: str | None, *, now: datetime | None = None) -> datetime:
    """An ISO-8601 time (UTC when it has no offset), "+Nd"/"+Nh"/"+Nm" from now, or now."""
    from bot.delivery import jobs
    from storage.types import utcnow

    when = (when or "").strip()
    now = now or utcnow().replace(microsecond=0)
    offset = _OFFSET.fullmatch(when)
    if offset:
        return now + timedelta(**{_UNITS[offset[2]]: int(offset[1])})
    try:
        return jobs.parse_at(when) if when else now
    except ValueError:
        raise JobRequestError(f"not an ISO-8601 time or a +Nd/+Nh offset: {when!r}") from None


async def replay(services, bot, name: str, at: datetime, *, recover: bool = True) -> str:
    """Runs job `name` as if at `at` and delivers what it enqueued; returns the summary line.

    The operator replays a moment: consent, quiet hours and caps are judged as of that moment,
    moving forward with real time while the queue drains. `recover`: first give back claims a
    crashed process left (not in a process whose own sender is running)."""
    from bot.delivery import jobs
    from bot.delivery.service import make_sender

    jobs.bind(services)
    started = time.monotonic()
    added = await jobs.JOBS[check_name(name)](at.isoformat())
    sender = make_sender(
        services,
        bot,
        clock=lambda: at + timedelta(seconds=time.monotonic() - started),
        worker_id=f"{socket.gethostname()}:{os.getpid()}:jobs",  # not the process's own sender
    )
    if recover:
        await sender.recover()
    stats = await sender.drain()
    return (
        f"{name} at {at.isoformat()}: {added} enqueued; sent {stats.sent}, dropped {stats.dropped}, "
        f"postponed {stats.postponed}, failed {stats.failed}, blocked {stats.blocked}"
    )


async def jobs_command(settings: Settings, args) -> int:
    if args.jobs_command == "list":
        for name in job_names():
            print(name)
        return 0
    try:
        check_name(args.name)
    except JobRequestError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        at = parse_when(args.at)
    except JobRequestError as exc:
        print(f"--at: {exc}", file=sys.stderr)
        return 2
    if not settings.bot_token:
        print(
            "configuration error: BOT_TOKEN: required to deliver messages "
            "(without a token, `/jobs run NAME` in the terminal chat, `python -m bot shell`, runs a job)",
            file=sys.stderr,
        )
        return 2
    from bot.app import make_bot, make_services

    services = make_services(settings)
    bot = make_bot(settings, settings.bot_token)
    try:
        print(await replay(services, bot, args.name, at))
        return 0
    finally:
        await bot.session.close()
        await services.close()
