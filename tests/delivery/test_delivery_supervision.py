"""Background tasks never die silently. With the database really failing (a TCP proxy in front of
PostgreSQL is cut: open connections reset, new ones refused), the scheduler, its standby and the
sender log, retry with backoff and carry on when the database returns; when it does not return
within BACKGROUND_GIVE_UP_SECONDS the process exits with status 70, so that systemd restarts it."""

import asyncio
import logging
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from bot.app import make_bot, make_services
from bot.config import load_settings
from bot.delivery import jobs
from bot.delivery.service import _SchedulerHandle, make_sender
from bot.delivery.supervision import supervised
from bot.runtime import EXIT_BACKGROUND_FAILED
from storage.models import Outbox
from tests.conftest import BOT_TOKEN, PG_URL, _truncate_pg
from tests.ingress_proxy import TcpProxy
from tests.operations.test_faults import ROOT, bot_env, broadcast, outbox_status, stop, wait_until


@pytest.fixture
async def proxied(request):
    """(the database URL through a proxy that can be cut, the proxy)."""
    if not PG_URL:
        pytest.skip("PostgreSQL: TEST_DATABASE_URL is not set")
    url = request.getfixturevalue("pg_migrated")
    await _truncate_pg(url)
    proxy = await TcpProxy.for_url(url).start()
    yield proxy.url(url), proxy
    await proxy.close()


def settings_for(url: str, api=None, **values):
    values = {
        "database_url": url,
        "bot_token": BOT_TOKEN,
        "nlu_url": "http://127.0.0.1:9",
        "_env_file": None,
        **({"telegram_api_url": api.base_url} if api else {}),
        **values,
    }
    return load_settings(**values)


async def _true(value) -> bool:
    return value


# ---- in the process: retry, carry on ---------------------------------------------------------------


async def test_scheduler_and_standby_carry_on_after_a_database_outage(proxied, caplog):
    caplog.set_level(logging.INFO)
    url, proxy = proxied
    first, second = (make_services(settings_for(url, background_give_up_seconds=120)) for _ in range(2))
    jobs.bind(first)
    fatal: list[str] = []
    active = _SchedulerHandle(first, on_fatal=fatal.append)
    standby = None
    try:
        assert await wait_until(lambda: _true(active.active.is_set()), 15)
        standby = _SchedulerHandle(second, on_fatal=fatal.append)
        assert await wait_until(lambda: _true("standing by" in caplog.text), 10)
        await proxy.cut()
        # The active one finds its lock gone within its 5 s check; the standby's polls fail.
        assert await wait_until(lambda: _true(not active.active.is_set()), 10)
        await asyncio.sleep(2)
        assert not active.task.done() and not standby.task.done()  # both alive: the standby's task survives too
        assert "scheduler lock failed" in caplog.text  # retrying, and saying so
        await proxy.restore()
        handles = (active, standby)
        assert await wait_until(lambda: _true(any(h.active.is_set() for h in handles)), 40), caplog.text[-3000:]
        await asyncio.sleep(1)
        assert sum(h.active.is_set() for h in handles) == 1  # one runs the jobs again, one stands by
        assert not any(h.task.done() for h in handles) and fatal == []
        assert "works again" in caplog.text
    finally:
        for handle in (active, standby):
            if handle is not None:
                await handle.stop()
        for services in (first, second):
            await services.close()


async def test_a_sender_started_while_the_database_is_down_sends_once_it_returns(proxied, api):
    """The start-up recovery meets a dead database: retried, not the end of the sender."""
    url, proxy = proxied
    services = make_services(settings_for(url, api, background_give_up_seconds=120))
    await broadcast(services.sessions, api, 5)
    bot = make_bot(services.settings, BOT_TOKEN)
    await proxy.cut()
    sender = make_sender(services, bot, rate=None, per_chat=None)
    fatal: list[str] = []
    task = asyncio.create_task(supervised("sender", lambda: sender.run_forever(idle=0.2), fatal.append))
    try:
        await asyncio.sleep(2)
        assert not task.done() and not any(api.sent(uid) for uid in range(1, 6))
        await proxy.restore()
        assert await wait_until(lambda: _true(all(api.sent(uid) for uid in range(1, 6))), 30)
        assert fatal == []
    finally:
        sender.stop()
        await asyncio.wait_for(task, 10)
        await bot.session.close()
        await services.close()


async def test_rows_of_a_batch_the_database_failed_are_sent_by_the_same_worker(proxied, api):
    """The database goes away just as a wave is marked `sending`: the batch fails, its rows were
    claimed by this very worker. Once the database is back the worker gives them back to itself
    and sends each exactly once (before: they stayed `claimed` for good in a single process)."""
    url, proxy = proxied
    services = make_services(settings_for(url, api, background_give_up_seconds=120))
    await broadcast(services.sessions, api, 9)
    bot = make_bot(services.settings, BOT_TOKEN)
    sender = make_sender(services, bot, rate=None, per_chat=None, wave_size=3)
    mark_sending = sender._mark_sending
    outage = []

    async def the_database_goes_away(wave):
        if not outage:
            outage.append(await proxy.cut())
            asyncio.get_running_loop().call_later(2.0, lambda: asyncio.ensure_future(proxy.restore()))
        return await mark_sending(wave)

    sender._mark_sending = the_database_goes_away
    fatal: list[str] = []
    task = asyncio.create_task(supervised("sender", lambda: sender.run_forever(idle=0.2), fatal.append))
    try:
        assert await wait_until(lambda: _true(all(api.sent(uid) for uid in range(1, 10))), 40), await outbox_status(
            services.sessions
        )
        await asyncio.sleep(0.5)
    finally:
        sender.stop()
        await asyncio.wait_for(task, 10)
        await bot.session.close()
    async with services.sessions() as session:
        statuses = [s for (s,) in await session.execute(select(Outbox.status))]
    await services.close()
    assert outage and fatal == []
    assert statuses == ["sent"] * 9 and [len(api.sent(uid)) for uid in range(1, 10)] == [1] * 9


async def test_a_sender_that_cannot_recover_gives_up(proxied, api):
    url, proxy = proxied
    services = make_services(settings_for(url, api, background_give_up_seconds=2))
    bot = make_bot(services.settings, BOT_TOKEN)
    await proxy.cut()
    sender = make_sender(services, bot)
    fatal: list[str] = []
    task = asyncio.create_task(supervised("sender", lambda: sender.run_forever(idle=0.2), fatal.append))
    try:
        assert await wait_until(lambda: _true(task.done()), 15)
        assert len(fatal) == 1 and fatal[0].startswith("sender gave up")
    finally:
        sender.stop()
        await bot.session.close()
        await services.close()


# ---- the process: exits non-zero, so that the service manager restarts it -----------------------------


async def _exits(proc: subprocess.Popen, timeout: float) -> int | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return proc.returncode
        await asyncio.sleep(0.1)
    return None


@pytest.mark.parametrize("role", ["worker", "scheduler"])
async def test_a_process_whose_database_stays_away_exits_non_zero(proxied, api, tmp_path, role):
    url, proxy = proxied
    await proxy.cut()
    log = tmp_path / "bot.log"
    env = bot_env(url, api.base_url, BACKGROUND_GIVE_UP_SECONDS="2")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--role", role],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(log, "w"),
    )
    try:
        code = await _exits(proc, 40)
    finally:
        stop(proc)
    text = log.read_text()
    assert code == EXIT_BACKGROUND_FAILED, text[-3000:]
    assert "gave up" in text and f"exiting with status {EXIT_BACKGROUND_FAILED}" in text
    assert BOT_TOKEN not in text


@pytest.mark.parametrize("role", ["scheduler", "all"])
async def test_a_running_process_exits_when_the_database_goes_away_for_good(proxied, api, tmp_path, role):
    """The active scheduler (and, with role `all`, the sender beside the polling bot) loses the
    database for good: the process ends with status 70 after the bound, after its orderly stop."""
    url, proxy = proxied
    log = tmp_path / "bot.log"
    env = bot_env(url, api.base_url, BACKGROUND_GIVE_UP_SECONDS="3")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--role", role],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(log, "w"),
    )
    try:
        assert await wait_until(lambda: _true("this process runs the jobs" in log.read_text()), 30), log.read_text()
        if role == "all":  # started up: polling Telegram
            assert await wait_until(lambda: _true(bool(api.calls_to("getUpdates"))), 30), log.read_text()
        await proxy.cut()
        code = await _exits(proc, 40)
    finally:
        stop(proc)
    text = log.read_text()
    assert code == EXIT_BACKGROUND_FAILED, text[-3000:]
    assert "gave up" in text and f"exiting with status {EXIT_BACKGROUND_FAILED}" in text
    assert "scheduler lock lost" in text or "sender failed" in text
