"""Fault tests on the real engines (PostgreSQL, Redis): nothing lost, nothing duplicated,
nothing sent out of scope. Each starts what it needs or is skipped with the reason printed."""

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select, text

from storage.db import create_engine, session_factory
from storage.models import Outbox
from tests.conftest import BOT_TOKEN, PG_URL, _truncate_pg

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL")


def redis_answers(url: str | None) -> bool:
    if not url:
        return False
    from redis import Redis

    try:
        return bool(Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except Exception:  # noqa: BLE001
        return False


@pytest.fixture
async def pg(request):
    if not PG_URL:
        pytest.skip("PostgreSQL: TEST_DATABASE_URL is not set")
    url = request.getfixturevalue("pg_migrated")
    await _truncate_pg(url)
    engine = create_engine(url)
    yield url, session_factory(engine)
    await engine.dispose()


def bot_env(db_url: str, api_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOK_", "ADMIN_", "REDIS_"))}
    env.update(
        {
            "DATABASE_URL": db_url,
            "TELEGRAM_API_URL": api_url,
            "BOT_TOKEN": BOT_TOKEN,
            "NLU_URL": "http://127.0.0.1:9",
            "LOG_LEVEL": "INFO",
        }
    )
    env.update(extra)
    return env


async def broadcast(sessions, api, n: int) -> None:
    """n customers with `offers`, n-? without, and one queued campaign message each."""
    async with sessions() as session, session.begin():
        await session.execute(
            text(
                "INSERT INTO customer (id, language, stage, reachable, purchases_count, created_at, last_seen_at) "
                "SELECT i, 'en', 'friend', true, 0, now(), now() FROM generate_series(1, :n) AS i"
            ),
            {"n": n},
        )
        # Every tenth customer withdrew `offers`: their rows must be dropped, never sent.
        await session.execute(
            text(
                "INSERT INTO consent_event (id, customer_id, scope, action, at, method, language) "
                "SELECT i, i, 'offers', 'grant', now(), 'button', 'en' FROM generate_series(1, :n) AS i"
            ),
            {"n": n},
        )
        await session.execute(
            text(
                "INSERT INTO scope_state (customer_id, scope, granted, since, event_id) "
                "SELECT customer_id, scope, customer_id % 10 <> 0, at, id FROM consent_event"
            )
        )
        await session.execute(
            text(
                "INSERT INTO outbox (customer_id, kind, idem_key, payload, status, not_before, attempts, created_at) "
                "SELECT i, 'campaign', i || ':campaign:1', '{\"text\": \"Spring news\"}', 'pending', now(), 0, now() "
                "FROM generate_series(1, :n) AS i"
            ),
            {"n": n},
        )
    for uid in range(1, n + 1):
        api.user(uid, first_name="C")


async def wait_until(predicate, timeout: float, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await predicate():
            return True
        await asyncio.sleep(step)
    return False


async def outbox_status(sessions) -> Counter:
    async with sessions() as session:
        return Counter(r[0] for r in await session.execute(select(Outbox.status)))


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


async def test_kill_9_of_a_worker_mid_broadcast_with_two_workers(pg, api, tmp_path):
    if not redis_answers(REDIS_URL):
        pytest.skip("Redis: TEST_REDIS_URL not set or not answering (the shared rate limit needs it)")
    url, sessions = pg
    n = 2000
    await broadcast(sessions, api, n)
    from redis import Redis

    Redis.from_url(REDIS_URL).delete(*[k for k in Redis.from_url(REDIS_URL).keys("pmbot:send*")] or ["none"])
    env = bot_env(url, api.base_url, REDIS_URL=REDIS_URL, SEND_RATE="250", SENDER_LEASE_SECONDS="3")
    logs = [tmp_path / f"worker{i}.log" for i in range(2)]
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--role", "worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(log, "w"),
        )
        for log in logs
    ]
    try:
        assert await wait_until(lambda: _count_sent(api, n, at_least=400), 60), [
            dict(api.stats),
            await outbox_status(sessions),
        ] + [log.read_text()[-3000:] for log in logs]
        os.kill(workers[0].pid, signal.SIGKILL)
        workers[0].wait(5)
        finished = {"sent", "uncertain", "dropped"}
        assert await wait_until(lambda: _all_final(sessions, finished), 90, step=0.5), await outbox_status(sessions)
    finally:
        for proc in workers:
            stop(proc)
    statuses = await outbox_status(sessions)
    received = {uid: len(api.sent(uid)) for uid in range(1, n + 1)}
    async with sessions() as session:
        rows = {r.customer_id: r for r in (await session.execute(select(Outbox))).scalars()}
    assert max(received.values()) == 1, "nothing duplicated"
    out_of_scope = [uid for uid in range(10, n + 1, 10) if received[uid]]
    assert out_of_scope == [], "nothing sent out of scope"
    assert statuses["dropped"] == n // 10
    lost = [uid for uid, row in rows.items() if row.status == "sent" and received[uid] != 1]
    assert lost == [], "every row marked sent was delivered"
    unsent_in_scope = [uid for uid in range(1, n + 1) if uid % 10 and received[uid] == 0]
    assert all(rows[uid].status == "uncertain" for uid in unsent_in_scope), "nothing lost"
    assert statuses["uncertain"] <= 128  # at most one wave was in flight in the killed worker
    # The limit was shared. The sender counts each call on Redis' clock just before making it
    # (at most 250 in any second); the stand-in stamps it on arrival, after the HTTP transit and
    # the scheduling of three busy processes on two cores, which moves calls by up to ~0.1 s
    # (CI once saw 278 arrivals in one second). So: over 5 s the count stays at the rate plus
    # that edge jitter, and no single second comes near the ~500 of two unshared workers.
    stamps = sorted(api.send_times())

    def worst(seconds: float) -> int:
        return max(sum(1 for s in stamps[i : i + 2000] if s - stamps[i] < seconds) for i in range(0, len(stamps), 25))

    assert worst(5.0) <= 250 * 5 + 250 * 0.2, worst(5.0)
    assert worst(1.0) <= 250 * 1.3, worst(1.0)


async def _count_sent(api, n, at_least):
    return sum(1 for uid in range(1, n + 1) if api.sent(uid)) >= at_least


async def _all_final(sessions, finished):
    statuses = await outbox_status(sessions)
    return sum(v for k, v in statuses.items() if k not in finished) == 0


async def _clear_of_the_birthday_schedule(margin: float = 60.0) -> None:
    """The birthday job also runs on its own schedule (every quarter hour, bot/delivery/service.py):
    a run of the test across such a moment would count that run beside the catch-up one. Start
    after the next quarter hour when it is less than `margin` seconds away."""
    left = 900 - time.time() % 900
    if left < margin:
        await asyncio.sleep(left + 2)


async def test_scheduler_standby_takes_over_and_no_job_runs_twice(pg, api, tmp_path):
    url, sessions = pg
    await _clear_of_the_birthday_schedule()
    env = bot_env(url, api.base_url)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    procs = []
    try:
        for log in logs:
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "bot", "run", "--role", "scheduler"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=open(log, "w"),
                )
            )
            await asyncio.sleep(3 if not procs[:-1] else 0)

        def active() -> list[int]:
            return [i for i, log in enumerate(logs) if "this process runs the jobs" in log.read_text()]

        assert await wait_until(lambda: _async(len(active()) == 1), 30), [log.read_text() for log in logs]
        first = active()[0]
        standby = 1 - first
        assert await wait_until(lambda: _async("standing by" in logs[standby].read_text()), 30)
        assert "birthdays at" not in logs[standby].read_text()  # the standby ran nothing
        os.kill(procs[first].pid, signal.SIGKILL)
        procs[first].wait(5)
        assert await wait_until(lambda: _async(len(active()) == 2), 30), logs[standby].read_text()
        assert await wait_until(lambda: _async("birthdays at" in logs[standby].read_text()), 30)
    finally:
        for proc in procs:
            stop(proc)
    assert logs[first].read_text().count("birthdays at") == 1  # the catch-up run, once, in the first
    assert logs[standby].read_text().count("birthdays at") == 1  # and once after taking over


async def _async(value):
    return value


async def test_postgresql_restart_mid_conversation(pg, api, settings_factory):
    if not shutil.which("pg_ctlcluster") or os.geteuid() != 0:
        pytest.skip("PostgreSQL restart: needs pg_ctlcluster and root on this machine")
    url, _ = pg
    from tests.harness import Harness

    h = Harness.for_settings(api, settings_factory(database_url=url))
    await h.start()
    try:
        h.user(1, name="Ann")
        await h.say(1, "/start")
        version = sorted(os.listdir("/etc/postgresql"))[0]
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True, timeout=60
        )
        for _ in range(100):
            if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0:
                break
            await asyncio.sleep(0.2)
        await h.press(1, "Free samples")  # its first statement meets a dead connection: retried on a new one
        replies = await h.say(1, "/preferences")
        assert "✅ Free samples" in replies[-1]["text"]
    finally:
        await h.stop()


async def test_redis_unavailable_keeps_answering_and_recovers(db_url, api, settings_factory, tmp_path):
    server = shutil.which("redis-server")
    if not server:
        pytest.skip("Redis: redis-server is not installed on this machine")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    args = [
        server,
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(tmp_path),
    ]
    redis_proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from tests.harness import Harness

    h = Harness.for_settings(api, settings_factory(redis_url=f"redis://127.0.0.1:{port}/0"))
    await h.start()
    try:
        await asyncio.sleep(0.3)
        h.user(1, name="Ann")
        await h.say(1, "/start")
        await h.press(1, "Birthday greeting")
        await h.press(1, "Done")
        await h.press(1, "Use another name")  # a dialogue step stored in Redis
        redis_proc.kill()
        redis_proc.wait(5)
        replies = await h.say(1, "/help")  # degraded: still answering
        assert replies[-1]["text"] == h_text("help.text")
        replies = await h.say(1, "/preferences")
        assert "✅ Birthday greeting" in replies[-1]["text"]
        redis_proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        await asyncio.sleep(6)  # the storage retries Redis after its back-off
        await h.say(1, "/preferences")
        await h.press(1, "Name")
        replies = await h.say(1, "Annie")  # the step went through Redis again
        assert replies[0]["text"] == h_text("name.saved", name="Annie")
    finally:
        await h.stop()
        redis_proc.kill()


def h_text(key, **fields):
    from bot.texts import t

    return t(key, "en", **fields)


async def test_bot_api_timeout_is_uncertain_never_resent(harness):
    from datetime import datetime, timezone

    from bot.delivery import jobs
    from bot.delivery.service import make_sender
    from tests.delivery.test_delivery import make_customer

    at = datetime(2027, 5, 4, 12, 0, tzinfo=timezone.utc)
    await make_customer(harness, 1, ["birthday"], birthday_month=5, birthday_day=4)
    await make_customer(harness, 2, ["birthday"], birthday_month=5, birthday_day=4)
    jobs.bind(harness.services)
    await jobs.birthdays(at.isoformat())
    harness.api.set_delay(1.5)
    harness.bot.session.timeout = 0.5  # the local Bot API records the message, then answers too late
    sender = make_sender(harness.services, harness.bot, clock=lambda: at, rate=None, per_chat=None)
    await sender.drain()
    harness.api.set_delay(0)
    await sender.drain()
    async with harness.services.sessions() as session:
        rows = list((await session.execute(select(Outbox))).scalars())
    assert {r.status for r in rows} == {"uncertain"} and all("no answer" in r.reason for r in rows)
    assert [len(harness.api.sent(uid)) for uid in (1, 2)] == [1, 1]  # delivered once, not resent


async def test_refused_connection_is_retried(harness):
    from datetime import datetime, timezone

    from bot.app import make_bot
    from bot.delivery import jobs
    from bot.delivery.service import make_sender
    from tests.delivery.test_delivery import make_customer

    at = datetime(2027, 5, 4, 12, 0, tzinfo=timezone.utc)
    await make_customer(harness, 1, ["birthday"], birthday_month=5, birthday_day=4)
    jobs.bind(harness.services)
    await jobs.birthdays(at.isoformat())
    dead = make_bot(harness.settings.model_copy(update={"telegram_api_url": "http://127.0.0.1:9"}), BOT_TOKEN)
    try:
        await make_sender(harness.services, dead, clock=lambda: at, rate=None, per_chat=None).drain()
    finally:
        await dead.session.close()
    async with harness.services.sessions() as session:
        row = (await session.execute(select(Outbox))).scalar_one()
    assert row.status == "pending" and row.attempts == 1 and row.not_before > at
    later = row.not_before
    await make_sender(harness.services, harness.bot, clock=lambda: later, rate=None, per_chat=None).drain()
    assert len(harness.api.sent(1)) == 1
