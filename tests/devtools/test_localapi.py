"""The local Bot API server, driven by the real aiogram Bot over HTTP."""

from __future__ import annotations

import asyncio
import json

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)
from aiohttp import ClientSession, web

from devtools.localapi import LocalBotAPI
from devtools.localapi.html import parse_html

TOKEN = "4242:LOCALAPI-test"
ANN = 7001
BOB = 7002


def make_bot(api: LocalBotAPI, token: str = TOKEN, **kwargs) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api.base_url))
    return Bot(token, session=session, **kwargs)


@pytest.fixture
async def api():
    async with LocalBotAPI(TOKEN) as server:
        server.user(ANN, first_name="Ann", language_code="en", username="ann")
        server.user(BOB, first_name="Bob", language_code="uk")
        yield server


@pytest.fixture
async def bot(api):
    bot = make_bot(api)
    yield bot
    await bot.session.close()


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=label, callback_data=f"cb:{label}") for label in labels]]
    )


async def test_get_me(bot, api):
    me = await bot.get_me()
    assert me.is_bot and me.id == 4242 and me.username == api.bot_user()["username"]
    assert api.calls[-1][0] == "getMe"


async def test_send_message_with_inline_keyboard_round_trips(bot, api):
    message = await bot.send_message(ANN, "Pick one", reply_markup=keyboard("Yes", "No"))
    assert isinstance(message, Message)
    assert message.chat.id == ANN and message.chat.type == "private" and message.from_user.is_bot
    assert message.text == "Pick one"
    assert [b.callback_data for b in message.reply_markup.inline_keyboard[0]] == ["cb:Yes", "cb:No"]
    second = await bot.send_message(ANN, "again")
    assert second.message_id > message.message_id
    record = api.last(ANN)
    assert record["text"] == "again" and record["kind"] == "text"
    assert api.sent(ANN)[0]["reply_markup"]["inline_keyboard"][0][0] == {"text": "Yes", "callback_data": "cb:Yes"}
    assert api.sent(BOB) == [] and api.sent(123456) == []


async def test_html_is_parsed_into_entities_and_kept_raw_in_the_record(api):
    bot = make_bot(api, default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    try:
        message = await bot.send_message(ANN, 'Hi <b>Ann</b> &lt;3 😀 <a href="https://e.x">site</a>')
        assert message.text == "Hi Ann <3 😀 site"
        assert [(e.type, e.offset, e.length) for e in message.entities] == [("bold", 3, 3), ("text_link", 13, 4)]
        assert api.last(ANN)["text"] == 'Hi <b>Ann</b> &lt;3 😀 <a href="https://e.x">site</a>'
        with pytest.raises(TelegramBadRequest, match="can't parse entities"):
            await bot.send_message(ANN, "1 < 2 <unknown>")
        with pytest.raises(TelegramBadRequest, match="message is too long"):
            await bot.send_message(ANN, "x" * 4097)
    finally:
        await bot.session.close()


def test_html_parser_edge_cases():
    assert parse_html('<pre><code class="language-py">x</code></pre>')[1] == [
        {"type": "pre", "offset": 0, "length": 1, "language": "py"}
    ]
    # tdlib keeps an "&" that starts no entity; the stand-in refuses it unless told not to (html.py).
    assert parse_html("a &amp; b &foo; &#65;", strict_ampersand=False) == ("a & b &foo; A", [])
    with pytest.raises(ValueError, match="Character '&' at byte offset 10"):
        parse_html("a &amp; b &foo; &#65;")
    for bad in ("<b>open", "x</b>", "<b>x</i>", "<span>x</span>", "a < b"):
        with pytest.raises(ValueError):
            parse_html(bad)


async def test_reply_keyboard_remove_and_reply_parameters(bot, api):
    update = await api.send_text(ANN, "hello")
    user_message_id = update["message"]["message_id"]
    markup = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Share", request_contact=True)]], resize_keyboard=True)
    message = await bot.send_message(
        ANN, "reply", reply_markup=markup, reply_parameters=ReplyParameters(message_id=user_message_id)
    )
    assert message.reply_to_message.text == "hello"
    assert message.reply_markup is None  # Telegram echoes only inline keyboards
    assert api.last(ANN)["reply_markup"]["keyboard"][0][0]["request_contact"] is True
    assert api.last(ANN)["reply_to_message_id"] == user_message_id
    await bot.send_message(ANN, "bye keyboard", reply_markup=ReplyKeyboardRemove())
    assert api.last(ANN)["reply_markup"] == {"remove_keyboard": True}
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(ANN, "x", reply_parameters=ReplyParameters(message_id=9999))
    await bot.send_message(
        ANN, "x", reply_parameters=ReplyParameters(message_id=9999, allow_sending_without_reply=True)
    )


async def test_unknown_chat_and_bad_requests(bot):
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(999999, "hi")
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.send_message(
            ANN,
            "hi",
            reply_markup=InlineKeyboardMarkup(
                inline_keyboard=[[InlineKeyboardButton(text="long", callback_data="x" * 65)]]
            ),
        )


async def test_get_updates_long_poll_and_offset_confirmation(bot, api):
    assert await bot.get_updates(timeout=0) == []
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    await asyncio.sleep(0)  # the poll may or may not have reached the server: both must work
    injected = await api.send_text(ANN, "/start ref42")
    updates = await asyncio.wait_for(poll, 10)
    assert [u.update_id for u in updates] == [injected["update_id"]]
    message = updates[0].message
    assert message.text == "/start ref42" and message.from_user.id == ANN and message.chat.id == ANN
    assert message.from_user.language_code == "en"
    assert message.entities[0].type == "bot_command" and message.entities[0].length == len("/start")
    # Not confirmed yet: delivered again.
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [injected["update_id"]]
    assert api.confirmed_offset <= injected["update_id"]
    # Confirmed by the next offset: dropped.
    assert await bot.get_updates(offset=injected["update_id"] + 1, timeout=0) == []
    assert api.confirmed_offset == injected["update_id"] + 1
    await api.wait_processed(injected["update_id"], timeout=1)
    # Batches respect limit and order.
    ids = [(await api.send_text(BOB, f"m{i}"))["update_id"] for i in range(3)]
    got = await bot.get_updates(offset=api.confirmed_offset, limit=2, timeout=0)
    assert [u.update_id for u in got] == ids[:2]


async def test_non_text_messages_parse(bot, api):
    for kind in ("sticker", "photo", "voice", "document", "location", "contact"):
        await getattr(api, f"send_{kind}")(ANN)
    updates = await bot.get_updates(timeout=0)
    messages = [u.message for u in updates]
    assert messages[0].sticker.emoji and messages[1].photo[-1].width
    assert messages[2].voice.duration == 3 and messages[3].document.file_name == "file.txt"
    assert messages[4].location.latitude and messages[5].contact.user_id == ANN
    file = await bot.get_file(messages[3].document.file_id)
    data = await bot.download_file(file.file_path)
    assert data.read() == b"hello\n"


async def test_press_button_delivers_callback_query(bot, api):
    sent = await bot.send_message(ANN, "Agree?", reply_markup=keyboard("Agree", "Later"))
    update = await api.press_button(ANN, sent.message_id, "cb:Agree")
    updates = await bot.get_updates(timeout=0)
    query = updates[-1].callback_query
    assert updates[-1].update_id == update["update_id"]
    assert query.data == "cb:Agree" and query.from_user.id == ANN
    assert query.message.message_id == sent.message_id and query.message.text == "Agree?"
    assert await bot.answer_callback_query(query.id, text="Saved", show_alert=True)
    assert api.answered_callbacks[-1]["text"] == "Saved" and api.answered_callbacks[-1]["show_alert"] is True
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query.id)
    # press() by label: exact or containing, newest message first.
    await bot.send_message(ANN, "Newer", reply_markup=keyboard("Later please"))
    pressed = await api.press(ANN, "Later")
    assert pressed["callback_query"]["data"] == "cb:Later please"
    pressed = await api.press(ANN, "Agree")
    assert pressed["callback_query"]["message"]["message_id"] == sent.message_id
    with pytest.raises(LookupError, match="Agree"):
        await api.press(ANN, "Nope")


async def test_edits_and_delete(bot, api):
    sent = await bot.send_message(ANN, "v1", reply_markup=keyboard("A"))
    edited = await bot.edit_message_text(text="v2", chat_id=ANN, message_id=sent.message_id, reply_markup=keyboard("B"))
    assert edited.text == "v2" and edited.edit_date
    record = api.last(ANN)
    assert record["text"] == "v2" and record["edits"][0]["text"] == "v1"
    assert record["reply_markup"]["inline_keyboard"][0][0]["text"] == "B"
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=ANN, message_id=sent.message_id, reply_markup=keyboard("B"))
    await bot.edit_message_reply_markup(chat_id=ANN, message_id=sent.message_id)
    assert api.last(ANN)["reply_markup"] is None
    assert await bot.delete_message(ANN, sent.message_id)
    assert api.last(ANN)["deleted"] is True
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(ANN, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="x", chat_id=ANN, message_id=12345)


async def test_blocked_user_gives_forbidden(bot, api):
    api.block(ANN)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(ANN, "hi")
    assert api.stats["403"] == 1 and api.sent(ANN) == []
    api.unblock(ANN)
    await bot.send_message(ANN, "hi")


async def test_global_limit_gives_retry_after(api, bot):
    clock = {"now": 1000.0}
    api.clock = lambda: clock["now"]  # frozen time: the counts below do not depend on speed
    api.set_limits(enforce=True, global_rate=5, per_chat_rate=100)
    for uid in range(1, 11):
        api.user(uid)
    results = await asyncio.gather(*(bot.send_message(uid, "promo") for uid in range(1, 11)), return_exceptions=True)
    limited = [r for r in results if isinstance(r, TelegramRetryAfter)]
    assert len(limited) == 5 and all(r.retry_after == 1 for r in limited)
    assert sum(isinstance(r, Message) for r in results) == 5
    assert api.stats["429"] == 5 and len(api.send_times()) == 5
    clock["now"] += 1.0  # the window slid past: five more fit
    for uid in range(1, 6):
        await bot.send_message(uid, "promo")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(6, "promo")


async def test_per_chat_limit(api, bot):
    api.clock = lambda: 1000.0
    api.set_limits(enforce=True, per_chat_rate=1.0)
    await bot.send_message(ANN, "one")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(ANN, "two")
    assert caught.value.retry_after == 1
    await bot.send_message(BOB, "another chat is fine")
    assert api.stats["429"] == 1


async def test_storm_and_injected_failures(bot, api):
    api.fail_next(1, status=502)
    with pytest.raises(TelegramServerError):
        await bot.send_message(ANN, "hi")
    await bot.send_message(ANN, "hi")  # only the next one failed
    api.storm_429(30, retry_after=3)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(ANN, "storm")
    assert caught.value.retry_after == 3
    await bot.get_me()  # the storm hits sends only
    assert [m["text"] for m in api.sent(ANN)] == ["hi"]


async def test_delay_makes_sends_slow(bot, api):
    api.set_delay(3)
    with pytest.raises(TelegramNetworkError, match="timeout"):
        await bot.send_message(ANN, "slow", request_timeout=1)
    assert api.last(ANN)["text"] == "slow"  # delivered; only the answer was late
    api.set_delay(0)


async def test_send_document_and_photo_store_bytes(bot, api):
    message = await bot.send_document(
        ANN,
        BufferedInputFile(b"a,b\n1,2\n", filename="report.csv"),
        caption="<b>Report</b>",
        parse_mode="HTML",
        reply_markup=keyboard("Thanks"),
    )
    assert message.document.file_name == "report.csv" and message.caption == "Report"
    record = api.last(ANN)
    assert record["kind"] == "document" and record["file_bytes"] == b"a,b\n1,2\n"
    assert record["file_name"] == "report.csv" and record["caption"] == "<b>Report</b>"
    assert record["mime_type"] == "text/csv"
    photo = await bot.send_photo(ANN, BufferedInputFile(b"\x89PNG fake", filename="chart.png"))
    assert photo.photo[-1].file_id
    assert api.last(ANN)["kind"] == "photo" and api.last(ANN)["file_bytes"] == b"\x89PNG fake"
    # Re-sending by file_id works, like Telegram.
    again = await bot.send_document(BOB, message.document.file_id)
    assert api.last(BOB)["file_bytes"] == b"a,b\n1,2\n" and again.document.file_name == "report.csv"


async def test_commands_webhook_info_and_misc(bot, api):
    commands = [BotCommand(command="start", description="Start"), BotCommand(command="help", description="Help")]
    assert await bot.set_my_commands(commands)
    assert await bot.set_my_commands(commands[:1], language_code="uk")
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert [c.command for c in await bot.get_my_commands(language_code="uk")] == ["start"]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad-Command", description="x")])
    assert await bot.send_chat_action(ANN, "typing")
    assert await bot.delete_webhook(drop_pending_updates=True)
    info = await bot.get_webhook_info()
    assert info.url == "" and info.pending_update_count == 0
    assert await bot.log_out() and await bot.close()


async def test_unknown_method_and_wrong_token(api, bot):
    async with ClientSession() as http:
        async with http.post(f"{api.base_url}/bot{TOKEN}/sendTelepathy", json={}) as resp:
            assert resp.status == 404
            assert await resp.json() == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        async with http.get(f"{api.base_url}/bot{TOKEN}/getme") as resp:  # names are case-insensitive
            assert (await resp.json())["result"]["id"] == 4242
    other = make_bot(api, token="4242:WRONG")
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await other.get_me()
    finally:
        await other.session.close()


async def test_webhook_mode_posts_with_secret_and_blocks_get_updates(api, bot):
    received: list[tuple[dict, str | None]] = []
    got = asyncio.Event()

    async def handler(request: web.Request) -> web.Response:
        received.append((await request.json(), request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        got.set()
        # Telegram runs a method given in the webhook answer (aiogram answers this way too).
        return web.json_response({"method": "sendMessage", "chat_id": ANN, "text": "from webhook answer"})

    app = web.Application()
    app.router.add_post("/hook", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        assert await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cr3t")
        assert api.webhook["url"].endswith("/hook") and api.webhook["secret_token"] == "s3cr3t"
        update = await api.send_text(ANN, "via webhook")
        await asyncio.wait_for(got.wait(), 10)
        assert received[0][0]["update_id"] == update["update_id"]
        assert received[0][0]["message"]["text"] == "via webhook" and received[0][1] == "s3cr3t"
        await api.wait_processed(update["update_id"], timeout=10)
        await api.wait_for_text(ANN, "from webhook answer", timeout=10)
        with pytest.raises(TelegramConflictError):
            await bot.get_updates(timeout=0)
        info = await bot.get_webhook_info()
        assert info.url.endswith("/hook") and info.pending_update_count == 0
        assert await bot.delete_webhook()
        await api.send_text(ANN, "back to polling")
        assert [u.message.text for u in await bot.get_updates(timeout=0)] == ["back to polling"]
    finally:
        await runner.cleanup()


async def test_wait_helpers(api, bot):
    waiter = asyncio.create_task(api.wait_for_text(ANN, "done", timeout=5))
    counter = asyncio.create_task(api.wait_for(ANN, count=2, timeout=5))
    await bot.send_message(ANN, "working")
    await bot.send_message(ANN, "all done")
    assert (await waiter)["text"] == "all done"
    assert len(await counter) == 2
    with pytest.raises(TimeoutError):
        await api.wait_for(ANN, count=3, timeout=0.05)


async def test_http_test_endpoints(api, bot):
    async with ClientSession() as http:

        async def act(action: str, **body):
            async with http.post(f"{api.base_url}/_test/{action}", json=body) as resp:
                payload = await resp.json()
                assert payload["ok"], payload
                return payload["result"]

        await act("user", user_id=555, first_name="Eve", language_code="de")
        update = await act("send_text", user_id=555, text="/start")
        assert update["message"]["from"]["language_code"] == "de"
        await bot.send_message(555, "Welcome", reply_markup=keyboard("Go"))
        assert (await act("sent", chat_id=555))[0]["text"] == "Welcome"
        pressed = await act("press", user_id=555, text="Go")
        assert pressed["callback_query"]["data"] == "cb:Go"
        await act("block", user_id=555)
        with pytest.raises(TelegramForbiddenError):
            await bot.send_message(555, "x")
        await act("unblock", user_id=555)
        await act("fail_next", n=1, status=500)
        with pytest.raises(TelegramServerError):
            await bot.send_message(555, "x")
        await act("send", kind="document", user_id=555, data_base64="aGk=", file_name="hi.txt")
        state = await act("state")
        assert state["pending_updates"] == 3 and state["stats"]["500"] == 1
        async with http.get(f"{api.base_url}/_test/last/555") as resp:
            assert (await resp.json())["result"]["text"] == "Welcome"


async def test_form_and_json_bodies_outside_aiogram(api):
    async with ClientSession() as http:
        markup = json.dumps({"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})
        async with http.post(
            f"{api.base_url}/bot{TOKEN}/sendMessage", data={"chat_id": str(ANN), "text": "form", "reply_markup": markup}
        ) as resp:
            body = await resp.json()
            assert body["ok"] and body["result"]["reply_markup"]["inline_keyboard"][0][0]["text"] == "A"
        async with http.post(f"{api.base_url}/bot{TOKEN}/sendMessage", json={"chat_id": ANN, "text": "json"}) as resp:
            assert (await resp.json())["result"]["text"] == "json"
        async with http.get(f"{api.base_url}/bot{TOKEN}/sendMessage", params={"chat_id": str(ANN), "text": ""}) as resp:
            assert resp.status == 400
            assert await resp.json() == {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: message text is empty",
            }


async def test_allowed_updates_apply_to_new_updates_and_block_notifies(bot, api):
    api.block(BOB, notify=True)  # Telegram tells the bot with a my_chat_member update
    updates = await bot.get_updates(timeout=0, allowed_updates=["message"])
    assert updates[0].my_chat_member.new_chat_member.status == "kicked"  # created before: still delivered
    confirmed = updates[-1].update_id + 1
    api.unblock(BOB, notify=True)  # excluded by allowed_updates now: never stored
    assert api.stats["dropped_updates"] == 1
    update = await api.send_text(BOB, "hi")
    assert [u.update_id for u in await bot.get_updates(offset=confirmed, timeout=0)] == [update["update_id"]]


async def test_chat_calls_counts_what_reached_each_chat(bot, api):
    message = await bot.send_message(ANN, "pick", reply_markup=keyboard("A"))
    await bot.send_message(BOB, "not Ann's")
    waiting = asyncio.create_task(api.wait_chat_calls(ANN, 3, timeout=5))
    await asyncio.sleep(0.05)
    assert not waiting.done()  # one call so far
    update = await api.press_button(ANN, message.message_id, "cb:A")
    await bot.answer_callback_query(update["callback_query"]["id"])
    await bot.edit_message_text("picked", chat_id=ANN, message_id=message.message_id)
    stamps = await waiting
    assert len(stamps) == 3 and stamps == sorted(stamps)
    assert len(api.chat_calls[BOB]) == 1
    with pytest.raises(TimeoutError):
        await api.wait_chat_calls(BOB, 2, timeout=0.1)
