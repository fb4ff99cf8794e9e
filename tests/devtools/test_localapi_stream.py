"""The local Bot API's call stream (/_test/chat_call_stream) and the load benchmark's reader of it."""

from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp import ClientSession, ClientTimeout

from devtools.localapi import BotAPIError, LocalBotAPI, Upload
from tests.harness import load_bench

TOKEN = "4242:STREAM-test"
ANN = 7101
BOB = 7102
KEYBOARD = json.dumps({"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]})


@pytest.fixture
async def api():
    async with LocalBotAPI(TOKEN) as server:
        server.user(ANN, first_name="Ann")
        server.user(BOB, first_name="Bob")
        yield server


@pytest.fixture
async def http():
    async with ClientSession(timeout=ClientTimeout(total=10)) as session:
        yield session


class Subscriber:
    """Reads the stream's lines as (chat id, stamp) pairs, "reset" as None."""

    def __init__(self, response) -> None:
        self.response = response
        self.tail = b""

    async def read(self, n: int, timeout: float = 5) -> list[tuple[int, float] | None]:
        lines: list[tuple[int, float] | None] = []
        async with asyncio.timeout(timeout):
            while len(lines) < n:
                chunk = await self.response.content.readany()
                assert chunk, f"stream ended after {lines}"
                *complete, self.tail = (self.tail + chunk).split(b"\n")
                for line in complete:
                    if line == b"reset":
                        lines.append(None)
                    else:
                        chat, stamp = line.split(b" ")
                        lines.append((int(chat), float(stamp)))
        return lines


async def subscribe(http: ClientSession, api: LocalBotAPI) -> Subscriber:
    response = await http.get(f"{api.base_url}/_test/chat_call_stream")
    assert response.status == 200
    assert response.content_type == "text/plain"
    return Subscriber(response)


async def call(http: ClientSession, api: LocalBotAPI, method: str, **params) -> dict:
    async with http.post(f"{api.base_url}/bot{TOKEN}/{method}", json=params) as resp:
        body = await resp.json()
    assert body["ok"], body
    return body["result"]


async def test_stream_carries_each_chats_call_stamps_in_order(api, http):
    before = await call(http, api, "sendMessage", chat_id=ANN, text="before", reply_markup=KEYBOARD)
    stream = await subscribe(http, api)
    await call(http, api, "sendMessage", chat_id=BOB, text="<b>hi</b> Bob", parse_mode="HTML")
    update = await api.press(ANN, "Go", queue=False)
    await call(http, api, "answerCallbackQuery", callback_query_id=update["callback_query"]["id"])  # Ann's too
    await call(http, api, "editMessageText", chat_id=ANN, message_id=before["message_id"], text="after")
    await call(http, api, "getMe")  # addressed to no chat: not in the stream
    with pytest.raises(AssertionError):
        await call(http, api, "sendMessage", chat_id=ANN, text="")  # failed calls are not counted

    lines = await stream.read(4)
    assert lines[0] == (ANN, api.chat_calls[ANN][0])  # recorded before subscribing: replayed first
    by_chat: dict[int, list[float]] = {}
    for chat_id, stamp in lines:
        by_chat.setdefault(chat_id, []).append(stamp)
    # The very stamps the local API recorded (its clock, exact floats), per chat in call order.
    assert by_chat == {ANN: api.chat_calls[ANN], BOB: api.chat_calls[BOB]}
    assert len(by_chat[ANN]) == 3 and by_chat[ANN] == sorted(by_chat[ANN])
    with pytest.raises(TimeoutError):
        await stream.read(1, timeout=0.2)  # nothing else was sent


async def test_stream_follows_new_calls_and_clear_sends_reset(api, http):
    stream = await subscribe(http, api)
    for n in range(5):
        await api.call("sendMessage", {"chat_id": ANN if n % 2 else BOB, "text": f"m{n}"})
    lines = await stream.read(5)
    assert [chat for chat, _ in lines] == [BOB, ANN, BOB, ANN, BOB]
    api.clear()
    await api.call("sendMessage", {"chat_id": BOB, "text": "after clear"})
    assert await stream.read(2) == [None, (BOB, api.chat_calls[BOB][0])]


async def test_a_subscriber_that_leaves_does_not_disturb_the_server_or_others(api, http):
    leaving = await subscribe(http, api)
    staying = await subscribe(http, api)
    await api.call("sendMessage", {"chat_id": ANN, "text": "one"})
    assert len(await leaving.read(1)) == 1
    leaving.response.close()
    await asyncio.sleep(0.05)
    for n in range(3):  # the first write to the gone subscriber fails and ends its subscription
        await call(http, api, "sendMessage", chat_id=BOB, text=f"more {n}")
        await asyncio.sleep(0.02)
    assert len(api._call_streams) == 1
    lines = await staying.read(4)
    assert [chat for chat, _ in lines] == [ANN, BOB, BOB, BOB]
    assert (await call(http, api, "getMe"))["is_bot"]


async def test_stop_ends_the_stream(http):
    api = LocalBotAPI(TOKEN)
    await api.start()
    api.user(ANN)
    stream = await subscribe(http, api)
    await api.call("sendMessage", {"chat_id": ANN, "text": "bye"})
    await stream.read(1)
    await api.stop()
    async with asyncio.timeout(5):
        assert await stream.response.content.read() == b""  # clean end of the response
    assert api._call_streams == []


async def test_test_endpoint_answers_stay_json_with_bytes_and_unicode(api, http):
    await api.call("sendDocument", {"chat_id": ANN, "document": "https://example.org/a.txt", "caption": "Привіт 🙂"})
    async with http.post(f"{api.base_url}/_test/sent", json={"chat_id": ANN}) as resp:
        assert resp.headers["Content-Type"] == "application/json; charset=utf-8"
        sent = (await resp.json())["result"]
    assert sent[0]["caption"] == "Привіт 🙂" and sent[0]["file_bytes"] is None
    await api.call("sendDocument", {"chat_id": ANN, "document": "attach://f"}, {"f": Upload("f.txt", b"hi")})
    async with http.post(f"{api.base_url}/_test/sent", json={"chat_id": ANN, "since": 1}) as resp:
        sent = (await resp.json())["result"]
    assert sent[0]["file_bytes_base64"] == "aGk="  # bytes still go out as base64, as before


async def test_repeated_html_texts_get_their_own_entities(api):
    text = "<b>Hello</b> <i>there</i>"
    first = await api.call("sendMessage", {"chat_id": ANN, "text": text, "parse_mode": "HTML"})
    second = await api.call("sendMessage", {"chat_id": ANN, "text": text, "parse_mode": "HTML"})
    assert (
        first["entities"]
        == second["entities"]
        == [{"type": "bold", "offset": 0, "length": 5}, {"type": "italic", "offset": 6, "length": 5}]
    )
    first["entities"][0]["length"] = 99
    assert second["entities"][0]["length"] == 5
    for _ in range(2):  # a text that fails to parse fails every time
        with pytest.raises(BotAPIError, match="can't parse entities"):
            await api.call("sendMessage", {"chat_id": ANN, "text": "<b>open", "parse_mode": "HTML"})


async def test_load_generator_waits_on_the_stream(api, http):
    bench = load_bench()
    load = bench.Load(http, api.base_url, [], [])
    await api.call("sendMessage", {"chat_id": ANN, "text": "early"})
    await load.subscribe()
    try:
        assert await load.calls(ANN, 1) == api.chat_calls[ANN]
        waiting = asyncio.create_task(load.calls(ANN, 3, timeout=5))
        await api.call("sendMessage", {"chat_id": ANN, "text": "two"})
        await api.call("sendMessage", {"chat_id": BOB, "text": "Bob's"})
        await asyncio.sleep(0.05)
        assert not waiting.done()
        await api.call("sendMessage", {"chat_id": ANN, "text": "three"})
        assert await waiting == api.chat_calls[ANN] and len(api.chat_calls[ANN]) == 3
        assert await load.calls(BOB, 0) == api.chat_calls[BOB]
        with pytest.raises(TimeoutError):
            await load.calls(BOB, 2, timeout=0.1)
        assert load.waiting == {}
        pending = asyncio.create_task(load.calls(BOB, 2, timeout=5))
        await asyncio.sleep(0.05)
        await api.stop()  # the stream ends: whoever waits learns it at once
        with pytest.raises(ConnectionError):
            await pending
    finally:
        await load.close()
