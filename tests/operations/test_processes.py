"""The bot as operators run it: separate processes, the CLI, kill -9, the webhook, the shell."""

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import select

from bot.consent.ledger import record_consent
from storage.models import Outbox
from storage.queries import get_or_create_customer
from tests.conftest import BOT_TOKEN

ROOT = Path(__file__).resolve().parents[2]


def env_for(db_url: str, api_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_", "ADMIN_", "REDIS_"))}
    env.update(
        {
            "DATABASE_URL": db_url,
            "TELEGRAM_API_URL": api_url,
            "BOT_TOKEN": BOT_TOKEN,
            "NLU_URL": "http://127.0.0.1:9",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


async def birthday_customers(sessions, api, ids):
    async with sessions() as session, session.begin():
        for uid in ids:
            api.user(uid, first_name=f"C{uid}")
            customer, _ = await get_or_create_customer(
                session, user_id=uid, first_name=f"C{uid}", username=None, language="en"
            )
            customer.birthday_month, customer.birthday_day = 5, 4
            await record_consent(session, customer=customer, scope="birthday", grant=True, method="button")


async def run_cli(env, *args, timeout=120):
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    return proc.returncode, out.decode(), err.decode()


async def test_jobs_run_cli_delivers_once(db_url, sessions, api):
    await birthday_customers(sessions, api, [1, 2, 3])
    env = env_for(db_url, api.base_url, SEND_RATE="1000")
    code, out, err = await run_cli(env, "jobs", "run", "birthdays", "--at", "2027-05-04T12:00:00+00:00")
    assert code == 0, err
    assert "3 enqueued; sent 3" in out
    code, out, err = await run_cli(env, "jobs", "run", "birthdays", "--at", "2027-05-04T12:00:00+00:00")
    assert code == 0 and "0 enqueued; sent 0" in out
    assert [len(api.sent(uid)) for uid in (1, 2, 3)] == [1, 1, 1]
    code, out, err = await run_cli(env, "jobs", "run", "nonsense")
    assert code == 2 and "unknown job" in err
    code, out, err = await run_cli(env, "jobs", "run", "birthdays", "--at", "yesterday-ish")
    assert code == 2 and "--at" in err


async def test_kill_9_mid_drain_loses_nothing_and_sends_nothing_twice(db_url, sessions, api):
    ids = list(range(1, 61))
    await birthday_customers(sessions, api, ids)
    env = env_for(db_url, api.base_url, SEND_RATE="20")
    args = [sys.executable, "-m", "bot", "jobs", "run", "birthdays", "--at", "2027-05-04T12:00:00+00:00"]
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(600):
            if sum(len(api.sent(uid)) for uid in ids) >= 15:
                break
            await asyncio.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(10)
    delivered_before = sum(len(api.sent(uid)) for uid in ids)
    assert 15 <= delivered_before < len(ids), "the kill must land mid-drain"
    code, out, err = await run_cli(
        env_for(db_url, api.base_url, SEND_RATE="1000"), "jobs", "run", "birthdays", "--at", "2027-05-04T12:00:00+00:00"
    )
    assert code == 0, err
    async with sessions() as session:
        rows = list((await session.execute(select(Outbox))).scalars())
    statuses = Counter(r.status for r in rows)
    counts = {uid: len(api.sent(uid)) for uid in ids}
    assert len(rows) == len(ids)
    assert max(counts.values()) == 1, "nobody gets a message twice"
    uncertain = {r.customer_id for r in rows if r.status == "uncertain"}
    assert statuses["sent"] + len(uncertain) == len(ids) and len(uncertain) <= 1
    assert all(counts[uid] == 1 for uid in ids if uid not in uncertain), "nothing lost"


async def test_webhook_rejects_requests_without_the_secret(db_url, api, tmp_path):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = env_for(
        db_url,
        api.base_url,
        WEBHOOK_URL=f"http://127.0.0.1:{port}/tg",
        WEBHOOK_SECRET="s3cret",
        WEBHOOK_HOST="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        for _ in range(600):  # a busy machine: the process imports and starts in seconds
            if api.webhook.get("url") or proc.poll() is not None:
                break
            await asyncio.sleep(0.05)
        assert api.webhook["url"] == f"http://127.0.0.1:{port}/tg"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 5, "type": "private"},
                "from": {"id": 5, "is_bot": False, "first_name": "X"},
                "text": "/start",
            },
        }
        async with aiohttp.ClientSession() as http:
            async with http.post(f"http://127.0.0.1:{port}/tg", json=update) as response:
                assert response.status == 401
            async with http.post(
                f"http://127.0.0.1:{port}/tg", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            ) as response:
                assert response.status == 401
        api.user(5, first_name="Wendy")
        update = await api.send_text(5, "/start")  # delivered by the local Bot API with the right secret
        reply = await api.wait_for(5, count=2, timeout=20)
        assert "Wendy" in reply[0]["text"]
        assert update["update_id"] > 0
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_shell_runs_the_real_pipeline_and_remembers(tmp_path):
    db = f"sqlite:///{tmp_path}/shell.db"
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "ADMIN_IDS")}
    env.update({"DATABASE_URL": db, "NLU_URL": "http://127.0.0.1:9"})

    def chat(lines: str) -> str:
        proc = subprocess.run(
            [sys.executable, "-m", "bot", "shell", "--lang", "pl", "--name", "Ola"],
            cwd=ROOT,
            env=env,
            input=lines,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    first = chat("/start\n#2\n/quit\n")
    assert "Ola" in first and "✅" in first
    second = chat("/preferences\n/quit\n")  # a new process: the grant is remembered
    assert "✅" in second.split("/preferences")[-1] or "✅" in second


async def test_scheduler_jobs_are_configured_on_purpose():
    from bot.delivery.service import MISFIRE_GRACE, make_scheduler

    scheduler = make_scheduler()
    scheduler.start(paused=True)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    scheduler.shutdown(wait=False)
    assert set(jobs) == {
        "birthdays",
        "samples",
        "feedback",
        "expire_offers",
        "lifecycle",
        "pause_end",
        "ab_decide",
        "gift_window",
        "sequences",
    }
    for job in jobs.values():
        assert job.coalesce is True and job.misfire_grace_time == MISFIRE_GRACE and job.max_instances == 1
        assert job.func.__module__ == "bot.delivery.jobs"
    assert MISFIRE_GRACE >= 6 * 3600  # a bot down for a few hours still greets today's birthdays


@pytest.mark.parametrize("variable, value", [("BOT_TOKEN", None)])
def test_run_without_token_says_so(variable, value, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "BOT_TOKEN"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/x.db"
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2 and proc.stderr.strip().startswith("configuration error: BOT_TOKEN")
