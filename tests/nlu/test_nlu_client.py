"""NLUClient against a fake Rasa server (aiohttp, 127.0.0.1, a free port), and interpret()."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest
from aiohttp import web

from bot.nlu import FALLBACK_THRESHOLD, NLUClient, Parse, interpret

LOGGER = "bot.nlu.client"


def rasa_answer(text: str, intent: str, confidence: float, entities: list[dict] | None = None) -> dict:
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
        "intent_ranking": [{"name": intent, "confidence": confidence}],
    }


class FakeRasa:
    """POST /model/parse answering from a table; `mode` switches to slow or garbage answers."""

    def __init__(self) -> None:
        self.answers: dict[str, dict] = {}
        self.calls = 0
        self.mode = "ok"
        self.runner: web.AppRunner | None = None
        self.url = ""

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.calls += 1
        body = await request.json()
        if self.mode == "slow":
            await asyncio.sleep(1)
        if self.mode == "garbage":
            return web.Response(text="<html>not rasa</html>", content_type="text/html")
        if self.mode == "error":
            return web.Response(status=500, text="boom")
        text = body["text"]
        return web.json_response(self.answers.get(text, rasa_answer(text, "nlu_fallback", 0.5)))

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/model/parse", self.handle)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        await self.runner.cleanup()


@pytest.fixture
async def rasa():
    server = FakeRasa()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def client(rasa):
    nlu = NLUClient(rasa.url, timeout=0.3)
    yield nlu
    await nlu.close()


def free_port_url() -> str:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


async def test_parse_maps_intent_and_entities(rasa, client):
    rasa.answers["send me zrazky"] = rasa_answer(
        "send me zrazky",
        "opt_in",
        0.97,
        [
            {"entity": "scope", "value": "samples", "start": 8, "end": 14, "extractor": "DIETClassifier"},
            {"entity": "interest", "value": "tea", "start": 0, "end": 1},
            {"entity": "interest", "value": "coffee", "start": 2, "end": 3},
        ],
    )
    parse = await client.parse("send me zrazky")
    assert parse == Parse("opt_in", 0.97, {"scope": "samples", "interest": "tea"}, "nlu")


async def test_scope_value_is_normalised_to_a_scope_name(rasa, client):
    rasa.answers["не надсилайте пробників"] = rasa_answer(
        "не надсилайте пробників", "opt_out", 0.9, [{"entity": "scope", "value": "пробників"}]
    )
    parse = await client.parse("не надсилайте пробників")
    assert parse.entities == {"scope": "samples"}


async def test_several_scopes_mean_none(rasa, client):
    rasa.answers["stop samples and offers"] = rasa_answer(
        "stop samples and offers",
        "opt_out",
        0.99,
        [{"entity": "scope", "value": "samples"}, {"entity": "scope", "value": "offers"}],
    )
    assert (await client.parse("stop samples and offers")).entities == {}


async def test_missing_scope_entity_is_read_from_the_text(rasa, client):
    rasa.answers["wysyłajcie próbki"] = rasa_answer("wysyłajcie próbki", "opt_in", 0.9)
    assert (await client.parse("wysyłajcie próbki")).entities == {"scope": "samples"}


async def test_unknown_entities_and_values_are_dropped(rasa, client):
    rasa.answers["x"] = rasa_answer(
        "x",
        "give_feedback",
        0.8,
        [
            {"entity": "colour", "value": "red"},
            {"entity": "rating", "value": 5},
            {"entity": "scope", "value": "nonsense"},
        ],
    )
    assert (await client.parse("x")).entities == {"rating": "5"}


async def test_low_confidence_is_nlu_fallback(rasa, client):
    rasa.answers["hmm"] = rasa_answer("hmm", "greet", FALLBACK_THRESHOLD - 0.01)
    parse = await client.parse("hmm")
    assert parse.intent == "nlu_fallback" and parse.source == "nlu"
    rasa.answers["hi"] = rasa_answer("hi", "greet", FALLBACK_THRESHOLD)
    assert (await client.parse("hi")).intent == "greet"


async def test_blank_text_is_not_sent(rasa, client):
    assert await client.parse("   ") is None
    assert rasa.calls == 0


async def test_one_session_for_all_calls(rasa, client):
    rasa.answers["hi"] = rasa_answer("hi", "greet", 0.99)
    await client.parse("hi")
    session = client._session
    await client.parse("hi")
    assert client._session is session and rasa.calls == 2


async def test_server_down_returns_none_and_logs_once(caplog):
    client = NLUClient(free_port_url(), timeout=0.3, backoff=0.0)
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    try:
        for _ in range(5):
            assert await client.parse("hello") is None
    finally:
        await client.close()
    warnings = [r for r in caplog.records if r.name == LOGGER and r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "unavailable" in warnings[0].getMessage()


async def test_back_off_skips_the_server_after_a_failure(rasa):
    client = NLUClient(rasa.url, timeout=0.3, backoff=60)
    rasa.mode = "error"
    try:
        assert await client.parse("hello") is None
        assert await client.parse("hello") is None
        assert await client.parse("hello") is None
    finally:
        await client.close()
    assert rasa.calls == 1


async def test_recovery_is_logged_once_as_info(rasa, caplog):
    caplog.set_level(logging.INFO, logger=LOGGER)
    rasa.answers["hi"] = rasa_answer("hi", "greet", 0.99)
    client = NLUClient(rasa.url, timeout=0.3, backoff=0.0)
    try:
        rasa.mode = "error"
        assert await client.parse("hi") is None
        assert await client.parse("hi") is None
        rasa.mode = "ok"
        assert (await client.parse("hi")).intent == "greet"
        assert (await client.parse("hi")).intent == "greet"
    finally:
        await client.close()
    records = [(r.levelno, r.getMessage()) for r in caplog.records if r.name == LOGGER]
    assert [level for level, _ in records] == [logging.WARNING, logging.INFO]
    assert "answers again" in records[1][1]


async def test_slow_server_gives_none_within_the_timeout(rasa):
    rasa.mode = "slow"
    client = NLUClient(rasa.url, timeout=0.2)
    try:
        started = time.monotonic()
        assert await client.parse("hello") is None
        assert time.monotonic() - started < 0.8
    finally:
        await client.close()


@pytest.mark.parametrize("mode", ["garbage", "error"])
async def test_garbage_or_error_gives_none(rasa, mode):
    rasa.mode = mode
    client = NLUClient(rasa.url, timeout=0.3)
    try:
        assert await client.parse("hello") is None
    finally:
        await client.close()


async def test_malformed_json_gives_none(rasa, client):
    rasa.answers["a"] = {"intent": "greet"}
    rasa.answers["b"] = {"intent": {"name": "greet", "confidence": "high"}}
    assert await client.parse("a") is None
    client._retry_at = 0.0
    assert await client.parse("b") is None


# --- interpret(): a withdrawal is never missed ---------------------------------------------


async def test_keyword_withdrawal_wins_over_the_model(rasa, client):
    rasa.answers["stop sending samples"] = rasa_answer("stop sending samples", "opt_in", 0.99)
    parse = await interpret(client, "stop sending samples")
    assert parse == Parse("opt_out", 1.0, {"scope": "samples"}, "keywords")
    assert rasa.calls == 0  # decided without the model


async def test_keyword_forget_me_wins_over_the_model(rasa, client):
    rasa.answers["usuń moje dane"] = rasa_answer("usuń moje dane", "ask_my_data", 0.9)
    assert (await interpret(client, "usuń moje dane")).intent == "forget_me"


async def test_model_parse_when_no_withdrawal_keyword(rasa, client):
    rasa.answers["send me samples"] = rasa_answer(
        "send me samples", "opt_in", 0.95, [{"entity": "scope", "value": "samples"}]
    )
    parse = await interpret(client, "send me samples")
    assert parse == Parse("opt_in", 0.95, {"scope": "samples"}, "nlu")


async def test_model_withdrawal_without_keyword_is_kept(rasa, client):
    rasa.answers["I'm done with your messages"] = rasa_answer("I'm done with your messages", "opt_out", 0.9)
    assert (await interpret(client, "I'm done with your messages")).intent == "opt_out"


async def test_model_beats_keyword_help(rasa, client):
    rasa.answers["help me choose a tea"] = rasa_answer("help me choose a tea", "set_interest", 0.8)
    assert (await interpret(client, "help me choose a tea")).intent == "set_interest"


async def test_keyword_help_when_the_model_does_not_understand(rasa, client):
    rasa.answers["pomocy!!"] = rasa_answer("pomocy!!", "nlu_fallback", 0.5)
    assert await interpret(client, "pomocy!!") == Parse("help", 1.0, {}, "keywords")


async def test_keyword_help_when_the_server_is_down():
    client = NLUClient(free_port_url(), timeout=0.3)
    try:
        assert (await interpret(client, "допомога")).intent == "help"
        assert (await interpret(client, "не пиши мне")).intent == "opt_out"
        assert await interpret(client, "send me samples") is None
    finally:
        await client.close()


async def test_without_a_client():
    assert (await interpret(None, "wypisz mnie")).intent == "opt_out"
    assert await interpret(None, "hello") is None


async def test_nlu_fallback_passes_through(rasa, client):
    assert (await interpret(client, "qwerty")).intent == "nlu_fallback"
