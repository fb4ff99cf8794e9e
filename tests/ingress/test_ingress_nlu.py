"""The Rasa API runs with --auth-token; the bot's NLU client sends the token as Rasa's `?token=`
query parameter (rasa/server.py `requires_auth`: `request.args.get("token") == token`, else 401).

Old behaviour: deploy/ started `rasa run --enable-api` without a token (anyone reaching the port
could PUT a new model), and the client sent none."""

from pathlib import Path

import pytest
from aiohttp import web

from bot.config import load_settings
from bot.nlu import NLUClient
from bot.runtime import make_nlu

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "t0k3n-for_tests"


class TokenRasa:
    """POST /model/parse behind Rasa's token check."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.seen: list[str | None] = []

    async def handle(self, request: web.Request) -> web.Response:
        provided = request.query.get("token")
        self.seen.append(provided)
        if provided != self.token:
            return web.json_response(
                {"version": "3.6.21", "status": "failure", "reason": "NotAuthenticated", "code": 401}, status=401
            )
        body = await request.json()
        return web.json_response(
            {"text": body["text"], "intent": {"name": "opt_out", "confidence": 0.97}, "entities": []}
        )

    async def __aenter__(self):
        app = web.Application()
        app.router.add_post("/model/parse", self.handle)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
        return self

    async def __aexit__(self, *exc):
        await self.runner.cleanup()


async def test_client_sends_the_token_and_a_wrong_one_is_an_outage(caplog):
    async with TokenRasa(TOKEN) as rasa:
        good = NLUClient(rasa.url, timeout=1.0, token=TOKEN)
        none = NLUClient(rasa.url, timeout=1.0, backoff=0.0)
        try:
            parsed = await good.parse("stop it")
            assert parsed is not None and parsed.intent == "opt_out"
            assert await none.parse("stop it") is None
            assert not none.available
            assert "401" in caplog.text and "NLU_TOKEN" in caplog.text
            assert TOKEN not in caplog.text  # the token itself is never logged
        finally:
            await good.close()
            await none.close()
        assert rasa.seen == [TOKEN, None]


async def test_token_from_settings_or_the_file_make_nlu_serve_wrote(tmp_path, monkeypatch):
    async with TokenRasa(TOKEN) as rasa:
        monkeypatch.setenv("NLU_TOKEN", TOKEN)
        nlu = make_nlu(load_settings(_env_file=None, nlu_url=rasa.url, nlu_timeout=1.0))
        try:
            assert (await nlu.client.parse("stop")).intent == "opt_out"
        finally:
            await nlu.close()
        # Unset: the file `make nlu-serve` generates, read when first needed (it may appear later).
        token_file = tmp_path / "nlu-token"
        client = NLUClient(rasa.url, timeout=1.0, backoff=0.0, token_file=token_file)
        try:
            assert await client.parse("stop") is None
            token_file.write_text(TOKEN + "\n")
            assert (await client.parse("stop")).intent == "opt_out"
        finally:
            await client.close()
        assert rasa.seen[-2:] == [None, TOKEN]


@pytest.mark.parametrize(
    "path, needle",
    [
        ("deploy/systemd/permission-bot-rasa.service", "--auth-token ${NLU_TOKEN}"),
        ("deploy/Dockerfile.rasa", '--auth-token \\"${NLU_TOKEN:?'),
        ("deploy/docker-compose.yml", "NLU_TOKEN: ${NLU_TOKEN:?"),
        ("nlu/nlu.mk", '--auth-token "$$token"'),
    ],
)
def test_every_way_of_starting_rasa_passes_a_token(path, needle):
    text = (ROOT / path).read_text()
    assert needle in text
    for line in text.splitlines():
        if "rasa run" in line or 'rasa", "run' in line or "$(RASA) run" in line:
            assert "--auth-token" in line, f"{path}: {line.strip()}"
            assert "-i 127.0.0.1" in line or "$(NLU_HOST)" in line or "0.0.0.0" in line


def test_rasa_on_a_host_listens_on_localhost_only():
    unit = (ROOT / "deploy/systemd/permission-bot-rasa.service").read_text()
    assert "-i 127.0.0.1" in unit
    assert "NLU_HOST ?= 127.0.0.1" in (ROOT / "nlu/nlu.mk").read_text()
    compose = (ROOT / "deploy/docker-compose.yml").read_text()
    rasa = compose.split("  rasa:", 1)[1].split("\n  migrate:", 1)[0]
    assert "ports:" not in rasa  # reachable from the compose network only
