"""Start and stop the scheduler and the sender beside the bot (by role)."""

from __future__ import annotations

import asyncio
import logging
import os
import socket

from aiogram import Bot
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.delivery import jobs
from bot.delivery.coordination import RedisRateLimiter, SchedulerLock
from bot.delivery.sender import Sender
from bot.delivery.supervision import DEFAULT_GIVE_UP_AFTER, OnFatal, supervised

log = logging.getLogger(__name__)

# A bot that was down for a few hours still greets today's birthdays once: every job may
# run up to 12 hours late, missed runs collapse into one (coalesce), and the outbox's
# idempotency keys make any re-run harmless.
MISFIRE_GRACE = 12 * 3600


def make_scheduler() -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(
        timezone="UTC", job_defaults={"coalesce": True, "misfire_grace_time": MISFIRE_GRACE, "max_instances": 1}
    )
    # Birthdays every 15 minutes: each time zone's greeting hour comes at its own UTC time.
    scheduler.add_job(jobs.birthdays, CronTrigger(minute="*/15"), id="birthdays", replace_existing=True)
    scheduler.add_job(jobs.samples, IntervalTrigger(minutes=30), id="samples", replace_existing=True)
    scheduler.add_job(jobs.feedback, CronTrigger(minute=5), id="feedback", replace_existing=True)
    scheduler.add_job(jobs.expire_offers, CronTrigger(minute=10), id="expire_offers", replace_existing=True)
    scheduler.add_job(jobs.lifecycle, CronTrigger(hour=3, minute=30), id="lifecycle", replace_existing=True)
    # A/B tests are decided once, at the end of their window: checked every 5 minutes.
    scheduler.add_job(jobs.ab_decide, CronTrigger(minute="*/5"), id="ab_decide", replace_existing=True)
    # Pauses end by themselves: every 5 minutes their end is recorded and the one note queued.
    scheduler.add_job(jobs.pause_end, CronTrigger(minute="*/5"), id="pause_end", replace_existing=True)
    scheduler.add_job(jobs.gift_window, CronTrigger(minute="*/15"), id="gift_window", replace_existing=True)
    scheduler.add_job(jobs.sequences_run, CronTrigger(minute="*/5"), id="sequences", replace_existing=True)
    return scheduler


def give_up_after(settings) -> float:
    return float(getattr(settings, "background_give_up_seconds", None) or DEFAULT_GIVE_UP_AFTER)


def make_sender(services, bot: Bot, *, shared_limit: bool = False, **overrides) -> Sender:
    settings = services.settings
    options = dict(
        rate=settings.send_rate,
        per_chat=settings.send_per_chat_rate,
        max_attempts=settings.send_max_attempts,
        default_cap=settings.default_weekly_cap,
        default_tz=settings.default_timezone,
        worker_id=f"{socket.gethostname()}:{os.getpid()}",
        give_up_after=give_up_after(settings),
    )
    options.update(overrides)
    sender = Sender(bot, services.sessions, **options)
    if shared_limit and settings.redis_url:
        # Several workers share Telegram's 30 messages/s through Redis.
        sender.limiter = RedisRateLimiter(settings.redis_url, options["rate"], options["per_chat"])
    return sender


class _SchedulerHandle:
    """Runs the jobs while this process holds the scheduler lock; otherwise stands by.

    A database that stops answering makes the active scheduler lose its lock (it stops the jobs
    and stands by) and the standby retry; both retry with backoff and, after the give-up
    bound, call `on_fatal` (the process exits non-zero and is restarted)."""

    def __init__(self, services, *, on_fatal: OnFatal) -> None:
        self.services = services
        self.lock = SchedulerLock(services.engine, give_up_after=give_up_after(services.settings))
        self.scheduler: AsyncIOScheduler | None = None
        self._stop = asyncio.Event()
        self.active = asyncio.Event()
        self.task = asyncio.create_task(supervised("scheduler", self._run, on_fatal), name="scheduler")

    async def _run(self) -> None:
        try:
            while not self._stop.is_set():
                if not await self.lock.wait(stop=self._stop):
                    return
                await self._while_held()
        finally:
            self._shutdown()

    async def _while_held(self) -> None:
        log.info("scheduler lock held: this process runs the jobs (pid %s)", os.getpid())
        self.scheduler = make_scheduler()
        self.scheduler.start()
        self.active.set()
        try:
            # Catch up at once after a restart or a take-over (the jobs are idempotent).
            for name in ("expire_offers", "birthdays", "feedback"):
                await jobs.JOBS[name]()
        except Exception:  # noqa: BLE001
            log.exception("catch-up run failed; the scheduled runs will retry")
        while not self._stop.is_set() and await self.lock.still_held():
            try:
                await asyncio.wait_for(self._stop.wait(), 5)
            except TimeoutError:
                pass
        self._shutdown()
        if not self._stop.is_set():
            log.warning("scheduler lock lost (database connection gone); standing by")

    def _shutdown(self) -> None:
        if self.scheduler is not None:
            if self.scheduler.running:
                self.scheduler.shutdown(wait=False)
            self.scheduler = None
        self.active.clear()

    async def stop(self) -> None:
        self._stop.set()
        await asyncio.wait_for(self.task, 30)
        await self.lock.release()


class _SenderHandle:
    def __init__(self, sender: Sender, *, startup_stale_after: float, lease: float, on_fatal: OnFatal) -> None:
        self.sender = sender
        self.task = asyncio.create_task(
            supervised(
                "sender", lambda: sender.run_forever(startup_stale_after=startup_stale_after, lease=lease), on_fatal
            ),
            name="sender",
        )

    async def stop(self) -> None:
        self.sender.stop()
        await asyncio.wait_for(self.task, 30)


class _WebhooksHandle:
    """Outgoing webhooks (bot/delivery/webhooks.py): their own rows and loop beside the sender, so
    a slow or failing receiver never holds up a customer's message."""

    def __init__(self, services, *, on_fatal: OnFatal) -> None:
        from bot.delivery.webhooks import WebhookDispatcher

        settings = services.settings
        self.dispatcher = WebhookDispatcher(
            services.sessions,
            timeout=getattr(settings, "webhook_out_timeout", 10.0),
            max_attempts=getattr(settings, "webhook_out_max_attempts", 8),
            worker_id=f"{socket.gethostname()}:{os.getpid()}",
        )
        services.extra["webhooks"] = self.dispatcher
        self.task = asyncio.create_task(
            supervised(
                "webhooks", lambda: self.dispatcher.run_forever(give_up_after=give_up_after(settings)), on_fatal
            ),
            name="webhooks",
        )

    async def stop(self) -> None:
        self.dispatcher.stop()
        await asyncio.wait_for(self.task, 30)


def _log_only(reason: str) -> None:
    log.critical("background task ended: %s", reason)


async def start_delivery(services, bot: Bot, *, role: str = "all", on_fatal: OnFatal | None = None) -> list:
    """Start the sender and the scheduler for `role`. `on_fatal(reason)` is called when one of
    them gives up (bot/runtime.py ends the process with it)."""
    on_fatal = on_fatal or _log_only
    jobs.bind(services)
    handles: list = []
    if role in ("all", "worker"):
        sender = make_sender(services, bot, shared_limit=role == "worker")
        services.extra["sender"] = sender
        # One process owning the outbox recovers everything at start; a worker among others
        # recovers only rows whose lease is stale.
        lease = services.settings.sender_lease_seconds
        handles.append(
            _SenderHandle(sender, startup_stale_after=0.0 if role == "all" else lease, lease=lease, on_fatal=on_fatal)
        )
        handles.append(_WebhooksHandle(services, on_fatal=on_fatal))
    if role in ("all", "scheduler"):
        handles.append(_SchedulerHandle(services, on_fatal=on_fatal))
    return handles
