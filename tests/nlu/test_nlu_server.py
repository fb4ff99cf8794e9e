"""The real Rasa server (the trained model in nlu/models) through the bot, then killed with
SIGKILL mid-conversation: the next withdrawal still happens (keyword rules), nothing else
changes. Skipped, with the reason printed, where the Rasa venv or the model is missing
(`make nlu` builds both when Python 3.10 exists)."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.nlu import NLUClient
from bot.runtime import Understanding
from bot.texts import t
from storage.models import ConsentEvent
from tests.delivery.test_delivery import make_customer
from tests.harness import Harness

ROOT = Path(__file__).resolve().parents[2]
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
MODEL = ROOT / "nlu" / "models" / "nlu.tar.gz"


@pytest.fixture
def rasa_server():  # one per test: the test kills it
    if not RASA.exists():
        pytest.skip("Rasa: .venv-rasa is not built (needs python3.10; `make nlu-venv`)")
    if not MODEL.exists():
        pytest.skip("Rasa: no trained model at nlu/models/nlu.tar.gz (`make nlu`)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "PYTHONWARNINGS": "ignore",
    }
    proc = subprocess.Popen(
        [str(RASA), "run", "--enable-api", "-i", "127.0.0.1", "-p", str(port), "--model", str(MODEL)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    import urllib.request

    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/status", timeout=1) as resp:
                if resp.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
        if proc.poll() is not None:
            pytest.fail(f"rasa run exited with {proc.returncode}")
    else:
        proc.kill()
        pytest.fail("rasa run did not answer /status within 180 s")
    yield url, proc
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


async def events(h, user_id):
    async with h.services.sessions() as session:
        return [
            (e.scope, e.action, e.method)
            for e in (
                await session.execute(
                    select(ConsentEvent).where(ConsentEvent.customer_id == user_id).order_by(ConsentEvent.id)
                )
            ).scalars()
        ]


async def test_real_model_then_server_killed_mid_conversation(rasa_server, api, settings_factory):
    url, proc = rasa_server
    settings = settings_factory(nlu_url=url)
    h = Harness(api, settings, nlu=Understanding(NLUClient(url, timeout=2.0)))
    await h.start()
    try:
        await make_customer(h, 1, ["samples", "offers", "birthday"], lang="uk")
        # The model understands a withdrawal of one scope, in Ukrainian, never seen verbatim.
        replies = await h.say(1, "більше не надсилайте мені зразки будь ласка")
        assert replies[-1]["text"] == t("scope.withdrawn_msg", "uk", scope=t("scope.samples.button", "uk"))
        # Words never grant: asking for samples again only offers the confirmation button.
        replies = await h.say(1, "хочу знову отримувати безкоштовні зразки")
        assert replies[-1]["text"] == t(
            "optin.confirm", "uk", scope=t("scope.samples.button", "uk"), desc=t("scope.samples.desc", "uk")
        )
        assert len(await events(h, 1)) == 4  # nothing granted by words
        os.killpg(proc.pid, signal.SIGKILL)  # the NLU server dies mid-conversation
        proc.wait(10)
        replies = await h.say(1, "стоп")
        assert replies[-1]["text"].startswith(t("stop.done", "uk", scopes="")[:8])
        history = [(s, a) for s, a, _ in await events(h, 1)]
        assert history[:4] == [
            ("samples", "grant"),
            ("offers", "grant"),
            ("birthday", "grant"),
            ("samples", "withdraw"),
        ]
        assert sorted(history[4:]) == [("birthday", "withdraw"), ("offers", "withdraw")]
    finally:
        await h.stop()
