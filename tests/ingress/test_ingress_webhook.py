"""Webhook mode as operators run it (`python -m bot run` processes): never without a secret,
forged updates change nothing, and an update the database did not store is answered with a
5xx so that Telegram sends it again (a withdrawal is first retried while Telegram waits).

Old behaviour these tests catch: with WEBHOOK_URL set and WEBHOOK_SECRET empty the bot started
and aiogram skipped the header check, so a POST "from" an owner ran `/staff add`; an update
whose transaction failed was answered 200 and dropped."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import select

from bot.texts import t
from storage.models import Staff
from tests.conftest import BOT_TOKEN
from tests.ingress.test_ingress_polling import SCOPES, customer_with_grants, exited, granted, ledger, pg_behind_proxy  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Ab_9-" + "x" * 27


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def webhook_env(db_url: str, api_url: str, port: int, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_", "ADMIN_", "REDIS_"))}
    env.update(
        {
            "DATABASE_URL": db_url,
            "TELEGRAM_API_URL": api_url,
            "BOT_TOKEN": BOT_TOKEN,
            "NLU_URL": "http://127.0.0.1:9",
            "LOG_LEVEL": "INFO",
            "WEBHOOK_URL": f"http://127.0.0.1:{port}/tg",
            "WEBHOOK_HOST": "127.0.0.1",
            "WEBHOOK_PORT": str(port),
        }
    )
    env.update(extra)
    return env


def forged(user_id: int, text: str, update_id: int = 999_001) -> dict:
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Owner"},
            "text": text,
        },
    }


async def started(api, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not api.webhook.get("url") and time.monotonic() < deadline and proc.poll() is None:
        await asyncio.sleep(0.1)
    assert api.webhook.get("url"), log.read_text()[-3000:]


@pytest.mark.parametrize("secret, role", [("", "all"), ("", "web"), ("not secret!", "all"), ("x" * 257, "web")])
async def test_webhook_mode_refuses_to_start_without_a_valid_secret(db_url, api, secret, role):
    port = free_port()
    env = webhook_env(db_url, api.base_url, port, WEBHOOK_SECRET=secret)
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        "--role",
        role,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _out, err = await asyncio.wait_for(proc.communicate(), 60)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        pytest.fail("the bot started a webhook without a valid secret")
    err = err.decode().strip()
    assert proc.returncode == 2
    assert err.splitlines() == [err], "one line"
    assert err.startswith("configuration error: WEBHOOK_SECRET:") and "openssl rand" in err
    assert api.webhook["url"] == "" and not api.webhook_deliveries  # never asked Telegram for updates


async def test_forged_updates_get_401_and_change_nothing(db_url, sessions, api, tmp_path):
    port = free_port()
    log = tmp_path / "web.log"
    env = webhook_env(db_url, api.base_url, port, WEBHOOK_SECRET=SECRET, ADMIN_IDS="5")
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(log, "w")
    )
    try:
        await started(api, proc, log)
        url = f"http://127.0.0.1:{port}/tg"
        async with aiohttp.ClientSession() as http:
            for headers in (
                {},
                {"X-Telegram-Bot-Api-Secret-Token": ""},
                {"X-Telegram-Bot-Api-Secret-Token": "wrong"},
                {"X-Telegram-Bot-Api-Secret-Token": SECRET[:-1]},
            ):
                async with http.post(url, json=forged(5, "/staff add 777 owner"), headers=headers) as response:
                    assert response.status == 401
        await asyncio.sleep(0.5)
        async with sessions() as session:
            assert (await session.execute(select(Staff).where(Staff.user_id == 777))).first() is None
        assert api.sent(5) == []
        # The same command through Telegram (the local Bot API, with the secret) does take effect.
        api.user(5, first_name="Owner")
        api.user(777, first_name="New")
        await api.send_text(5, "/staff add 777 owner")
        await api.wait_for(5, count=1, timeout=30)
        async with sessions() as session:
            assert (await session.execute(select(Staff.role).where(Staff.user_id == 777))).scalar() == "owner"
    finally:
        proc.send_signal(signal.SIGINT)
        await exited(proc, 30)


async def test_update_not_stored_is_answered_5xx_and_resent_and_a_withdrawal_waits(pg_behind_proxy, api, tmp_path):
    sessions, proxied, proxy = pg_behind_proxy
    await customer_with_grants(sessions, api, 1)
    api.user(2, first_name="Bo")
    port = free_port()
    log = tmp_path / "web.log"
    env = webhook_env(proxied, api.base_url, port, WEBHOOK_SECRET=SECRET)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--role", "web"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(log, "w"),
    )
    try:
        await started(api, proc, log)
        await proxy.cut()
        # A withdrawal: retried while Telegram waits for the answer, stored once the database is back.
        stop = await api.send_text(1, "/stop")
        await asyncio.sleep(3)
        assert api.confirmed_offset <= stop["update_id"] and api.sent(1) == []
        await proxy.restore()
        await api.wait_processed(stop["update_id"], timeout=30)
        assert api.sent(1)[-1]["text"].startswith(t("stop.done", "en", scopes="")[:12])
        assert [d for d in api.webhook_deliveries if d["update_id"] == stop["update_id"]][-1]["error"] is None
        # Any other update: answered 503 at once, Telegram sends it again until it is stored.
        await proxy.cut()
        help_ = await api.send_text(2, "/help")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not [
            d for d in api.webhook_deliveries if d["update_id"] == help_["update_id"] and d["error"]
        ]:
            await asyncio.sleep(0.1)
        failed = [d for d in api.webhook_deliveries if d["update_id"] == help_["update_id"] and d["error"]]
        assert failed and "503" in failed[0]["error"], log.read_text()[-3000:]
        await asyncio.sleep(2)
        assert api.sent(2) == [], "no 'nothing changed' for an update Telegram will send again"
        await proxy.restore()
        await api.wait_processed(help_["update_id"], timeout=30)
        await api.wait_for(2, count=1, timeout=10)
        assert api.sent(2)[-1]["text"] == t("help.text", "en")
    finally:
        proc.send_signal(signal.SIGINT)
        await exited(proc, 30)
    assert await ledger(sessions, 1) == [(s, "grant") for s in SCOPES] + [(s, "withdraw") for s in SCOPES]
    assert await granted(sessions, 1) == set()


async def test_withdrawal_spooled_during_a_long_outage_survives_kill_9_and_is_stored(pg_behind_proxy, api, tmp_path):
    """Past WEBHOOK_HOLD the /stop is written to the spool and Telegram gets 200 (it would give
    up re-sending after some attempts); the process is killed; the next one stores it."""
    sessions, proxied, proxy = pg_behind_proxy
    await customer_with_grants(sessions, api, 1)
    port = free_port()
    spool = tmp_path / "spool"
    env = webhook_env(proxied, api.base_url, port, WEBHOOK_SECRET=SECRET, WEBHOOK_HOLD="2", SPOOL_DIR=str(spool))
    logs = [tmp_path / "first.log", tmp_path / "second.log"]

    def start(log: Path) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--role", "web"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(log, "w"),
        )

    first = start(logs[0])
    try:
        await started(api, first, logs[0])
        await proxy.cut()
        stop = await api.send_text(1, "/stop")
        await api.wait_processed(stop["update_id"], timeout=30)  # answered 200: Telegram forgets it
        spooled = (spool / "withdrawals.jsonl").read_text().splitlines()
        assert len(spooled) == 1 and f'"update_id":{stop["update_id"]}' in spooled[0]
        os.kill(first.pid, signal.SIGKILL)
    finally:
        if first.poll() is None:
            first.kill()
        await exited(first, 10)
    assert await ledger(sessions, 1) == [(s, "grant") for s in SCOPES]
    await proxy.restore()
    api.webhook["url"] = ""  # the next process sets it again
    second = start(logs[1])
    try:
        await started(api, second, logs[1])
        await api.wait_for(1, count=1, timeout=30)
        assert api.sent(1)[-1]["text"].startswith(t("stop.done", "en", scopes="")[:12])
        deadline = time.monotonic() + 10
        while [p for p in spool.glob("withdrawals.jsonl*") if p.stat().st_size] and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
    finally:
        second.send_signal(signal.SIGINT)
        await exited(second, 30)
    assert await ledger(sessions, 1) == [(s, "grant") for s in SCOPES] + [(s, "withdraw") for s in SCOPES]
    assert not [p for p in spool.glob("withdrawals.jsonl*") if p.stat().st_size], "the spool is empty again"
