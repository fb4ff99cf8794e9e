"""Polling mode: an update is confirmed to Telegram only once handled, and a withdrawal is
never lost, with the database really failing (PostgreSQL behind a proxy that the test cuts).

Old behaviour these tests catch: aiogram's polling confirmed each update at the next getUpdates,
right after fetching it, and an update whose transaction failed twice was dropped after
logging (the customer was told nothing changed): a /stop sent while the database was down
was lost, and after a kill -9 it was not handed out again either."""

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app import build_dispatcher, make_bot, make_services
from bot.consent.ledger import record_consent
from bot.polling import ConfirmingPoller
from bot.texts import t
from storage.db import create_engine, session_factory
from storage.models import ConsentEvent, ScopeState
from storage.queries import get_or_create_customer
from tests.conftest import BOT_TOKEN, PG_URL, _truncate_pg
from tests.harness import Harness
from tests.ingress_proxy import TcpProxy

ROOT = Path(__file__).resolve().parents[2]
SCOPES = ("samples", "offers")


@pytest.fixture
async def pg_behind_proxy(request):
    """(direct sessions, proxied URL, proxy): the bot talks to PostgreSQL through the proxy."""
    if not PG_URL:
        pytest.skip("PostgreSQL: TEST_DATABASE_URL is not set")
    url = request.getfixturevalue("pg_migrated")
    await _truncate_pg(url)
    proxy = await TcpProxy.for_url(url).start()
    engine = create_engine(url)
    yield session_factory(engine), proxy.url(url), proxy
    await proxy.close()
    await engine.dispose()


async def customer_with_grants(sessions, api, uid: int) -> None:
    api.user(uid, first_name=f"C{uid}")
    async with sessions() as session, session.begin():
        customer, _ = await get_or_create_customer(
            session, user_id=uid, first_name=f"C{uid}", username=None, language="en"
        )
        for scope in SCOPES:
            await record_consent(session, customer=customer, scope=scope, grant=True, method="button")


async def ledger(sessions, uid: int) -> list[tuple[str, str]]:
    async with sessions() as session:
        rows = (
            await session.execute(
                select(ConsentEvent.scope, ConsentEvent.action)
                .where(ConsentEvent.customer_id == uid)
                .order_by(ConsentEvent.id)
            )
        ).all()
        return [tuple(r) for r in rows]


async def granted(sessions, uid: int) -> set[str]:
    async with sessions() as session:
        rows = await session.execute(
            select(ScopeState.scope).where(ScopeState.customer_id == uid, ScopeState.granted.is_(True))
        )
        return set(rows.scalars())


async def exited(proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


class ConfirmingHarness(Harness):
    """The harness on the production poller (bot/polling.py) instead of aiogram's sequential one."""

    async def start(self) -> None:
        self.services = make_services(self.settings, nlu=self.nlu)
        self.bot = make_bot(self.settings, self.settings.bot_token)
        self.dp = build_dispatcher(self.services)
        self.poller = ConfirmingPoller.for_dispatcher(self.dp, self.bot, polling_timeout=1)
        self._task = asyncio.create_task(self.poller.serve(handle_signals=False))

    async def stop(self) -> None:
        if self._task is not None:
            self.poller.stop()
            await asyncio.wait_for(self._task, 30)
            self._task = None
        await self.bot.session.close()
        if self.nlu is not None and hasattr(self.nlu, "close"):
            await self.nlu.close()
        await self.services.engine.dispose()


async def test_stop_during_a_database_outage_is_held_unconfirmed_and_stored_on_recovery(
    pg_behind_proxy, api, settings_factory
):
    sessions, proxied, proxy = pg_behind_proxy
    await customer_with_grants(sessions, api, 1)
    api.user(2, first_name="Bo")
    h = ConfirmingHarness.for_settings(api, settings_factory(database_url=proxied))
    await h.start()
    try:
        assert (await h.say(2, "/help"))[-1]["text"] == t("help.text", "en")  # the database answers
        await proxy.cut()
        stop = await api.send_text(1, "/stop")
        other = await api.send_text(2, "/help")  # another chat goes on meanwhile (and fails: no database)
        await api.wait_for(2, count=2, timeout=20)
        assert api.sent(2)[-1]["text"] == t("error.internal", "en")
        await asyncio.sleep(4)  # several attempts to store the /stop (0.5 + 1 + 2 s)
        assert api.confirmed_offset <= stop["update_id"] < other["update_id"], (
            "the /stop is not confirmed to Telegram while it is not stored (the later update neither)"
        )
        assert api.sent(1) == [], "no 'nothing changed' for a withdrawal: it is still being stored"
        await proxy.restore()
        await api.wait_processed(stop["update_id"], timeout=60)
        assert api.sent(1)[-1]["text"].startswith(t("stop.done", "en", scopes="")[:12])
    finally:
        await h.stop()
    assert await ledger(sessions, 1) == [(s, "grant") for s in SCOPES] + [(s, "withdraw") for s in SCOPES]
    assert await granted(sessions, 1) == set()
    assert api.confirmed_offset > other["update_id"], "all confirmed once handled"


async def test_kill_9_with_a_fetched_stop_and_the_database_down_loses_nothing(pg_behind_proxy, api, tmp_path):
    sessions, proxied, proxy = pg_behind_proxy
    await customer_with_grants(sessions, api, 1)
    api.user(2, first_name="Bo")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_", "ADMIN_", "REDIS_"))}
    env.update(
        {
            "DATABASE_URL": proxied,
            "TELEGRAM_API_URL": api.base_url,
            "BOT_TOKEN": BOT_TOKEN,
            "NLU_URL": "http://127.0.0.1:9",
            "LOG_LEVEL": "INFO",
        }
    )
    logs = [tmp_path / "first.log", tmp_path / "second.log"]

    def start(log: Path) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--role", "all"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(log, "w"),
        )

    first = start(logs[0])
    try:
        await api.send_text(2, "/help")
        await api.wait_for(2, count=1, timeout=90)  # polling, the database answering
        await proxy.cut()
        stop = await api.send_text(1, "/stop")
        await asyncio.sleep(4)  # fetched at once (the bot waits in a long poll), then tried and tried again
        assert api.confirmed_offset <= stop["update_id"], "fetched but not stored: not confirmed"
        assert "withdrawal in update" in logs[0].read_text(), logs[0].read_text()[-3000:]  # being retried
        os.kill(first.pid, signal.SIGKILL)
    finally:
        if first.poll() is None:
            first.kill()
        await exited(first, 10)
    assert await ledger(sessions, 1) == [(s, "grant") for s in SCOPES]  # nothing stored before the crash
    await proxy.restore()
    second = start(logs[1])
    try:
        await api.wait_processed(stop["update_id"], timeout=90)  # Telegram handed it out again
        await api.wait_for(1, count=1, timeout=20)
    finally:
        second.send_signal(signal.SIGINT)
        await exited(second, 30)  # waiting without blocking the loop: the proxy runs in it
    assert api.sent(1)[-1]["text"].startswith(t("stop.done", "en", scopes="")[:12])
    assert await ledger(sessions, 1) == [(s, "grant") for s in SCOPES] + [(s, "withdraw") for s in SCOPES]
    assert second.returncode == 0, logs[1].read_text()[-3000:]


async def test_offset_never_passes_an_unfinished_update_and_concurrency_is_bounded(api, settings_factory):
    """Unit level, on SQLite: one slow update holds the offset while later ones finish; at most
    `concurrency` handlers run at once; memory of finished ids stays within a batch."""
    h = ConfirmingHarness.for_settings(api, settings_factory())
    await h.start()
    running, peak, release = 0, 0, asyncio.Event()
    original = h.dp.feed_update

    async def slow_feed(bot, update, **kwargs):
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        try:
            if update.message and update.message.text == "/slow":
                await release.wait()
            else:
                await asyncio.sleep(0.05)
            return await original(bot, update, **kwargs)
        finally:
            running -= 1

    h.dp.feed_update = slow_feed
    h.poller.concurrency = 4
    try:
        for uid in range(1, 12):
            h.user(uid)
        slow = await api.send_text(1, "/slow")
        later = [await api.send_text(uid, "/help") for uid in range(2, 12)]
        for uid in range(2, 12):
            await api.wait_for(uid, count=1, timeout=20)
        await asyncio.sleep(1.2)  # a few more getUpdates calls
        assert api.confirmed_offset <= slow["update_id"], "the unfinished update bounds the offset"
        assert peak <= 4
        assert len(h.poller.finished) <= 11 and len(h.poller.in_flight) == 1
        release.set()
        await api.wait_processed(later[-1]["update_id"], timeout=20)
        assert h.poller.finished == set() or min(h.poller.finished) >= h.poller.offset
    finally:
        release.set()
        with contextlib.suppress(Exception):
            await h.stop()
