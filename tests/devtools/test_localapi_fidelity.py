"""The local Bot API refuses what Telegram refuses, with Telegram's status codes and descriptions.

Each refusal is checked twice where it matters: the raw HTTP answer (status and the JSON body a
bot library sees) and what the real aiogram Bot makes of it. The descriptions are Telegram's
own, as recorded against the real Bot API and in tdlib's parser (see devtools/localapi/html.py and
markdown.py); the one deliberate difference (a bare "&" in HTML) is marked.
"""

from __future__ import annotations

import html
import time

import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import BufferedInputFile, InaccessibleMessage, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiohttp import ClientSession

from devtools.localapi import LocalBotAPI
from devtools.localapi.html import parse_html
from devtools.localapi.markdown import parse_markdown, parse_markdown_v2

TOKEN = "4343:FIDELITY-test"
ANN = 8001
BOB = 8002
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


@pytest.fixture
async def api():
    async with LocalBotAPI(TOKEN) as server:
        server.user(ANN, first_name="Ann", language_code="en")
        server.user(BOB, first_name="Bob", language_code="pl")
        yield server


@pytest.fixture
async def http():
    async with ClientSession() as session:
        yield session


@pytest.fixture
async def bot(api):
    bot = Bot(
        TOKEN,
        session=AiohttpSession(api=TelegramAPIServer.from_base(api.base_url)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML),
    )
    yield bot
    await bot.session.close()


async def call(http: ClientSession, api: LocalBotAPI, method: str, **params) -> tuple[int, dict]:
    async with http.post(f"{api.base_url}/bot{TOKEN}/{method}", json=params) as resp:
        return resp.status, await resp.json()


async def control(http: ClientSession, api: LocalBotAPI, action: str, **params):
    async with http.post(f"{api.base_url}/_test/{action}", json=params) as resp:
        body = await resp.json()
        assert resp.status == 200 and body["ok"], body
        return body["result"]


async def refused(http, api, method: str, description: str, status: int = 400, **params) -> dict:
    got_status, body = await call(http, api, method, **params)
    assert (got_status, body) == (status, {"ok": False, "error_code": status, "description": description})
    return body


def button(text: str, data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text=text, callback_data=data)]])


# ---------------------------------------------------------------------------------------------- HTML
@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
        ("<invalid>test</invalid>", 'Unsupported start tag "invalid" at byte offset 0'),
        ("<b>unclosed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>test</b></i>", 'Unmatched end tag at byte offset 10, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),  # a bare "<" always starts a tag
        ("Max<3", "Unclosed start tag at byte offset 3"),
        ("Ціна <3 грн", 'Unsupported start tag "3" at byte offset 9'),  # byte offsets, not characters
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        (
            '<a href="https://e.x"x>y</a>',
            'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0',
        ),
        # Stricter than tdlib (which keeps such an "&" as text), as the Bot API documentation asks.
        (
            "Tom & Jerry",
            "Character '&' at byte offset 4 is not a part of an HTML entity and must be replaced with \"&amp;\"",
        ),
        (
            "R&D &copy;",
            "Character '&' at byte offset 1 is not a part of an HTML entity and must be replaced with \"&amp;\"",
        ),
    ],
)
async def test_html_that_telegram_refuses_gets_400_cant_parse_entities(http, api, text, description):
    await refused(
        http,
        api,
        "sendMessage",
        f"Bad Request: can't parse entities: {description}",
        chat_id=ANN,
        text=text,
        parse_mode="HTML",
    )
    assert api.sent(ANN) == []


async def test_html_the_bot_escapes_is_accepted_and_shown_as_typed(bot, api):
    name = "Tom & Jerry <3 \"quoted\" 'x' >_<"
    message = await bot.send_message(ANN, f"Hello, <b>{html.escape(name)}</b>!")
    assert message.text == f"Hello, {name}!"
    assert [(e.type, e.offset, e.length) for e in message.entities] == [("bold", 7, len(name))]
    # Every entity Telegram decodes, with or without the ";".
    assert parse_html("&lt;&gt;&amp;&quot;&#65;&#x42;&amp") == ('<>&"AB&', [])
    assert parse_html('<a href="https://e.x/?a=1&b=2">link</a>')[1] == [
        {"type": "text_link", "offset": 0, "length": 4, "url": "https://e.x/?a=1&b=2"}
    ]
    assert parse_html("<b>x</>")[1] == [{"type": "bold", "offset": 0, "length": 1}]  # tdlib: </> closes any tag
    assert parse_html("<blockquote expandable>q</blockquote>")[1][0]["type"] == "expandable_blockquote"


async def test_html_errors_reach_aiogram_as_bad_request(bot, api):
    with pytest.raises(TelegramBadRequest, match='can\'t parse entities: Unsupported start tag "3"'):
        await bot.send_message(ANN, "I <3 you")
    sent = await bot.send_message(ANN, "ok")
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.edit_message_text("Tom & Jerry", chat_id=ANN, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await bot.send_document(ANN, BufferedInputFile(b"x", "x.txt"), caption="<b>open")


async def test_the_ampersand_rule_can_be_relaxed_to_tdlibs(http, api):
    assert await control(http, api, "strict", ampersand=False) == {"html": True, "ampersand": False}
    status, body = await call(http, api, "sendMessage", chat_id=ANN, text="Tom & Jerry", parse_mode="HTML")
    assert status == 200 and body["result"]["text"] == "Tom & Jerry"
    await refused(
        http,
        api,
        "sendMessage",
        "Bad Request: can't parse entities: Unclosed start tag at byte offset 3",
        chat_id=ANN,
        text="Max<3",
        parse_mode="HTML",
    )


# ---------------------------------------------------------------------------------------------- Markdown
@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("hello.", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("a-b", "Character '-' is reserved and must be escaped with the preceding '\\'"),
        ("hello!", "Character '!' is reserved and must be escaped with the preceding '\\'"),
        ("price (EUR)", "Character '(' is reserved and must be escaped with the preceding '\\'"),
        ("*unclosed", "Can't find end of Bold entity at byte offset 0"),
        ("ok _it", "Can't find end of Italic entity at byte offset 3"),
        ("[x](https://e.x", "Can't find end of a URL at byte offset 4"),
    ],
)
async def test_markdown_v2_reserved_characters_must_be_escaped(http, api, text, description):
    await refused(
        http,
        api,
        "sendMessage",
        f"Bad Request: can't parse entities: {description}",
        chat_id=ANN,
        text=text,
        parse_mode="MarkdownV2",
    )


def test_markdown_v2_and_legacy_markdown_parse_like_telegram():
    assert parse_markdown_v2("hello\\.") == ("hello.", [])
    assert parse_markdown_v2("*bold* _it_ __u__ ~s~ ||sp|| `c\\`` [l](https://e.x)") == (
        "bold it u s sp c` l",
        [
            {"type": "bold", "offset": 0, "length": 4},
            {"type": "italic", "offset": 5, "length": 2},
            {"type": "underline", "offset": 8, "length": 1},
            {"type": "strikethrough", "offset": 10, "length": 1},
            {"type": "spoiler", "offset": 12, "length": 2},
            {"type": "code", "offset": 15, "length": 2},
            {"type": "text_link", "offset": 18, "length": 1, "url": "https://e.x"},
        ],
    )
    assert parse_markdown_v2("```python\nprint(1)\n```") == (
        "print(1)\n",
        [{"type": "pre", "offset": 0, "length": 9, "language": "python"}],
    )
    assert parse_markdown_v2("😀*b*") == ("😀b", [{"type": "bold", "offset": 2, "length": 1}])  # UTF-16
    assert parse_markdown_v2(">quote\n>more\nafter") == (
        "quote\nmore\nafter",
        [{"type": "blockquote", "offset": 0, "length": 11}],
    )
    assert parse_markdown("*bold* and _it_ [l](https://e.x)") == (
        "bold and it l",
        [
            {"type": "bold", "offset": 0, "length": 4},
            {"type": "italic", "offset": 9, "length": 2},
            {"type": "text_link", "offset": 12, "length": 1, "url": "https://e.x"},
        ],
    )
    assert parse_markdown("a.b-c!") == ("a.b-c!", [])  # legacy Markdown reserves only _ * ` [


async def test_legacy_markdown_and_unknown_parse_modes(http, api):
    await refused(
        http,
        api,
        "sendMessage",
        "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 0",
        chat_id=ANN,
        text="*unclosed",
        parse_mode="Markdown",
    )
    await refused(
        http, api, "sendMessage", "Bad Request: unsupported parse_mode", chat_id=ANN, text="test", parse_mode="INVALID"
    )
    status, body = await call(http, api, "sendMessage", chat_id=ANN, text="<b>lower</b>", parse_mode="html")
    assert status == 200 and body["result"]["text"] == "lower"  # parse_mode is case-insensitive


# ---------------------------------------------------------------------------------------------- lengths
async def test_text_length_counts_after_parsing_in_utf16_units(http, api):
    for text in ("x" * 4096, f"<b>{'x' * 4096}</b>", "&amp;" * 4096, "😀" * 2048, f"  {'x' * 4096}  "):
        status, body = await call(http, api, "sendMessage", chat_id=ANN, text=text, parse_mode="HTML")
        assert status == 200, (text[:20], body)
    for text in ("x" * 4097, f"<i>{'x' * 4097}</i>", "😀" * 2049):  # 2049 emoji are 4098 UTF-16 units
        await refused(
            http, api, "sendMessage", "Bad Request: message is too long", chat_id=ANN, text=text, parse_mode="HTML"
        )
    sent = await call(http, api, "sendMessage", chat_id=ANN, text="short")
    await refused(
        http,
        api,
        "editMessageText",
        "Bad Request: message is too long",
        chat_id=ANN,
        message_id=sent[1]["result"]["message_id"],
        text="y" * 4097,
    )


async def test_caption_length_and_empty_texts(bot, api):
    await bot.send_document(ANN, BufferedInputFile(b"x", "a.txt"), caption=f"<b>{'c' * 1024}</b>")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_document(ANN, BufferedInputFile(b"x", "a.txt"), caption="c" * 1025)
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_photo(ANN, BufferedInputFile(b"x", "a.jpg"), caption="😀" * 513)
    with pytest.raises(TelegramBadRequest, match="Bad Request: message text is empty"):
        await bot.send_message(ANN, "")
    with pytest.raises(TelegramBadRequest, match="Bad Request: text must be non-empty"):
        await bot.send_message(ANN, "   ")
    with pytest.raises(TelegramBadRequest, match="Bad Request: text must be non-empty"):
        await bot.send_message(ANN, "<b> </b>")


async def test_missing_text_is_empty(http, api):
    await refused(http, api, "sendMessage", "Bad Request: message text is empty", chat_id=ANN)


# ---------------------------------------------------------------------------------------------- buttons
@pytest.mark.parametrize(
    ("buttons", "description"),
    [
        ([{"text": "b", "callback_data": "x" * 65}], "BUTTON_DATA_INVALID"),
        ([{"text": "b", "callback_data": "é" * 33}], "BUTTON_DATA_INVALID"),  # 33 characters, 66 bytes
        (
            [{"text": "b", "callback_data": ""}],
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        ),
        ([{"text": "b"}], "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"),
        ([{"callback_data": "x"}], "can't parse inline keyboard button: Can't find field \"text\""),
        (
            [{"text": 5, "callback_data": "x"}],
            'can\'t parse inline keyboard button: Field "text" must be of type String',
        ),
        ([{"text": "", "callback_data": "x"}], "BUTTON_TEXT_INVALID"),
    ],
)
async def test_inline_buttons_that_telegram_refuses(http, api, buttons, description):
    markup = {"inline_keyboard": [buttons]}
    await refused(http, api, "sendMessage", f"Bad Request: {description}", chat_id=ANN, text="t", reply_markup=markup)
    sent = await call(http, api, "sendMessage", chat_id=ANN, text="t")
    await refused(
        http,
        api,
        "editMessageReplyMarkup",
        f"Bad Request: {description}",
        chat_id=ANN,
        message_id=sent[1]["result"]["message_id"],
        reply_markup=markup,
    )


async def test_callback_data_limit_is_64_bytes(bot, api):
    for data in ("x" * 64, "é" * 32, "😀" * 16):
        await bot.send_message(ANN, "ok", reply_markup=button("b", data))
    await refused_via_bot(bot.send_message(ANN, "no", reply_markup=button("b", "😀" * 16 + "x")), "BUTTON_DATA_INVALID")
    status_ok = await bot.send_message(
        ANN,
        "ok",
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="site", url="https://e.x")]]),
    )
    assert status_ok.reply_markup.inline_keyboard[0][0].url == "https://e.x"


async def refused_via_bot(coro, description: str) -> None:
    with pytest.raises(TelegramBadRequest) as caught:
        await coro
    assert caught.value.message == f"Bad Request: {description}"


# ---------------------------------------------------------------------------------------------- edits and deletes
async def test_an_identical_edit_is_not_modified(http, api, bot):
    sent = await bot.send_message(ANN, "<b>Hi</b> there", reply_markup=button("A", "a"))
    mid = sent.message_id
    # The same text and keyboard; the same text in other markup (<strong> is <b>) is the same content.
    for text in ("<b>Hi</b> there", "<strong>Hi</strong> there"):
        await refused(
            http,
            api,
            "editMessageText",
            NOT_MODIFIED,
            chat_id=ANN,
            message_id=mid,
            text=text,
            parse_mode="HTML",
            reply_markup={"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]},
        )
    await refused(
        http,
        api,
        "editMessageReplyMarkup",
        NOT_MODIFIED,
        chat_id=ANN,
        message_id=mid,
        reply_markup={"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]},
    )
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.edit_message_reply_markup(chat_id=ANN, message_id=mid, reply_markup=button("A", "a"))
    assert caught.value.message == NOT_MODIFIED
    # Any change is an edit: the text without bold, or no keyboard.
    await bot.edit_message_text("Hi there", chat_id=ANN, message_id=mid, reply_markup=button("A", "a"))
    await bot.edit_message_reply_markup(chat_id=ANN, message_id=mid)
    await refused(http, api, "editMessageReplyMarkup", NOT_MODIFIED, chat_id=ANN, message_id=mid)


async def test_edits_and_deletes_of_missing_messages(http, api, bot):
    await refused(
        http, api, "editMessageText", "Bad Request: message to edit not found", chat_id=ANN, message_id=4242, text="x"
    )
    await refused(
        http, api, "editMessageReplyMarkup", "Bad Request: message to edit not found", chat_id=ANN, message_id=4242
    )
    await refused(http, api, "deleteMessage", "Bad Request: message to delete not found", chat_id=ANN, message_id=4242)
    sent = await bot.send_message(ANN, "soon gone", reply_markup=button("A", "a"))
    assert await bot.delete_message(ANN, sent.message_id)
    await refused(
        http,
        api,
        "editMessageText",
        "Bad Request: message to edit not found",
        chat_id=ANN,
        message_id=sent.message_id,
        text="x",
    )
    await refused(
        http, api, "deleteMessage", "Bad Request: message to delete not found", chat_id=ANN, message_id=sent.message_id
    )
    # The user's own message: found, but not the bot's to edit.
    update = await api.send_text(ANN, "mine")
    await refused(
        http,
        api,
        "editMessageText",
        "Bad Request: message can't be edited",
        chat_id=ANN,
        message_id=update["message"]["message_id"],
        text="x",
    )


async def test_the_user_deleting_a_message_makes_it_unknown_to_edits(http, api, bot):
    sent = await bot.send_message(ANN, "ask", reply_markup=button("Yes", "yes"))
    assert await control(http, api, "delete_message", chat_id=ANN) == {"chat_id": ANN, "message_id": sent.message_id}
    assert api.sent(ANN)[-1]["deleted"] is True
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_reply_markup(chat_id=ANN, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(ANN, sent.message_id)


async def test_messages_older_than_48_hours_cannot_be_deleted(http, api, bot):
    sent = await bot.send_message(ANN, "old", reply_markup=button("A", "a"))
    fresh = await bot.send_message(ANN, "fresh")
    moved = await control(http, api, "age_messages", chat_id=ANN, hours=49, message_id=sent.message_id)
    assert moved == [sent.message_id]
    assert api.sent(ANN)[0]["date"] <= time.time() - 48 * 3600
    await refused(
        http,
        api,
        "deleteMessage",
        "Bad Request: message can't be deleted for everyone",
        chat_id=ANN,
        message_id=sent.message_id,
    )
    await bot.edit_message_text("old, edited", chat_id=ANN, message_id=sent.message_id)  # edits still work
    assert await bot.delete_message(ANN, fresh.message_id)


# ---------------------------------------------------------------------------------------------- callbacks
INACCESSIBLE_KEYS = {"chat", "message_id", "date"}


async def pressed_message(bot: Bot, update: dict):
    query = update["callback_query"]
    updates = await bot.get_updates(offset=update["update_id"], timeout=0)
    parsed = updates[0].callback_query.message
    return query["message"], parsed


async def test_a_press_under_a_deleted_message_carries_an_inaccessible_message(http, api, bot):
    sent = await bot.send_message(ANN, "Agree?", reply_markup=button("Agree", "scope:yes"))
    await control(http, api, "delete_message", chat_id=ANN, message_id=sent.message_id)
    with pytest.raises(LookupError):  # the newest messages first, deleted ones skipped...
        await api.press(ANN, "Agree")
    # ...unless the press names the message (another device still shows it).
    update = await control(http, api, "press", user_id=ANN, text="Agree", message_id=sent.message_id)
    raw, parsed = await pressed_message(bot, update)
    assert raw == {
        "chat": {"id": ANN, "type": "private", "first_name": "Ann"},
        "message_id": sent.message_id,
        "date": 0,
    }
    assert isinstance(parsed, InaccessibleMessage) and parsed.date == 0
    assert update["callback_query"]["data"] == "scope:yes"


async def test_a_press_under_a_message_the_bot_deleted_is_inaccessible_too(api, bot):
    sent = await bot.send_message(ANN, "Agree?", reply_markup=button("Agree", "scope:yes"))
    await bot.delete_message(ANN, sent.message_id)
    update = await api.press_button(ANN, sent.message_id, "scope:yes")
    raw, parsed = await pressed_message(bot, update)
    assert set(raw) == INACCESSIBLE_KEYS and raw["date"] == 0 and isinstance(parsed, InaccessibleMessage)


async def test_made_inaccessible_the_message_stays_editable(http, api, bot):
    sent = await bot.send_message(ANN, "Agree?", reply_markup=button("Agree", "scope:yes"))
    await control(http, api, "make_inaccessible", chat_id=ANN, message_id=sent.message_id)
    update = await control(http, api, "press", user_id=ANN, text="Agree")  # found by label: not deleted
    raw, parsed = await pressed_message(bot, update)
    assert set(raw) == INACCESSIBLE_KEYS and raw["date"] == 0 and isinstance(parsed, InaccessibleMessage)
    assert await bot.answer_callback_query(update["callback_query"]["id"])
    edited = await bot.edit_message_text("Agreed", chat_id=ANN, message_id=sent.message_id)
    assert isinstance(edited, Message) and edited.text == "Agreed"


async def test_buttons_under_messages_older_than_48_hours(http, api, bot):
    sent = await bot.send_message(ANN, "Agree?", reply_markup=button("Agree", "scope:yes"))
    await control(http, api, "age_messages", chat_id=ANN, hours=47)
    raw, parsed = await pressed_message(bot, await api.press(ANN, "Agree"))
    assert raw["text"] == "Agree?" and isinstance(parsed, Message)  # 47 hours: still a message
    await control(http, api, "age_messages", chat_id=ANN, hours=2)
    raw, parsed = await pressed_message(bot, await api.press(ANN, "Agree"))
    assert set(raw) == INACCESSIBLE_KEYS and isinstance(parsed, InaccessibleMessage)
    assert raw["message_id"] == sent.message_id
    await control(http, api, "set_inaccessible_after", hours=None)  # the control switches the rule off
    raw, parsed = await pressed_message(bot, await api.press(ANN, "Agree"))
    assert isinstance(parsed, Message)
    await control(http, api, "set_inaccessible_after", hours=1)
    raw, parsed = await pressed_message(bot, await api.press(ANN, "Agree"))
    assert isinstance(parsed, InaccessibleMessage)


# ---------------------------------------------------------------------------------------------- 403, 429, 5xx
async def test_blocked_and_deactivated_chats_get_403(http, api, bot):
    await control(http, api, "block", user_id=ANN)
    await refused(http, api, "sendMessage", "Forbidden: bot was blocked by the user", 403, chat_id=ANN, text="x")
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(ANN, "x")
    await control(http, api, "block", user_id=BOB, reason="deactivated")
    await refused(http, api, "sendMessage", "Forbidden: user is deactivated", 403, chat_id=BOB, text="x")
    await control(http, api, "unblock", user_id=ANN)
    await bot.send_message(ANN, "back")


async def test_429_carries_retry_after_in_parameters(http, api, bot):
    await control(http, api, "fail_next", status=429, retry_after=7)
    status, body = await call(http, api, "sendMessage", chat_id=ANN, text="x")
    assert (status, body) == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        },
    )
    api.storm_429(30, retry_after=5)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(ANN, "x")
    assert caught.value.retry_after == 5


async def test_5xx_as_json_and_as_a_proxys_html_page(http, api, bot):
    await control(http, api, "fail_next", status=502, body="html")
    async with http.post(f"{api.base_url}/bot{TOKEN}/sendMessage", json={"chat_id": ANN, "text": "x"}) as resp:
        page = await resp.text()
        assert resp.status == 502 and resp.content_type == "text/html"
    assert "<title>502 Bad Gateway</title>" in page and "nginx" in page
    await control(http, api, "fail_next", status=502, body="html")
    with pytest.raises(ClientDecodeError):  # what a bot's library makes of a page that is no JSON
        await bot.send_message(ANN, "x")
    await control(http, api, "fail_next", status=500)
    await refused(http, api, "sendMessage", "Internal Server Error", 500, chat_id=ANN, text="x")
    api.fail_next(1, status=500)
    with pytest.raises(TelegramServerError):
        await bot.send_message(ANN, "x")
    assert api.sent(ANN) == []


async def test_faults_can_target_any_method(http, api, bot):
    sent = await bot.send_message(ANN, "v1")
    await control(http, api, "fail_next", status=502, body="html", methods=["editMessageText"])
    await bot.send_message(ANN, "sends are not hit")
    with pytest.raises(ClientDecodeError):
        await bot.edit_message_text("v2", chat_id=ANN, message_id=sent.message_id)
    await bot.edit_message_text("v2", chat_id=ANN, message_id=sent.message_id)
    await control(http, api, "fail_next", n=2, status=503, methods="*")
    assert await bot.get_updates(timeout=0) == []  # "*" spares getUpdates
    with pytest.raises(TelegramServerError):
        await bot.get_me()
    update = await api.send_text(ANN, "/start")
    await bot.get_updates(timeout=0)
    query_update = await api.press_button(ANN, sent.message_id, "x")
    with pytest.raises(TelegramServerError):
        await bot.answer_callback_query(query_update["callback_query"]["id"])
    assert update["update_id"] and await bot.get_me()
    state = await control(http, api, "state")
    assert state["fail_next"] == [] and state["strict_ampersand"] is True
    assert state["inaccessible_after_hours"] == 48.0


# ---------------------------------------------------------------------------------------------- parsers, any input
from hypothesis import given, settings, strategies as st  # noqa: E402

_TRICKY = st.lists(
    st.sampled_from(list("<>&;#x/ab =\"'\\_*[]()~`|!.-\n😀é") + ["&amp;", "<b>", "</b>", "&#x"]), max_size=40
).map("".join)
_V2_RESERVED = "_*[]()~`>#+-=|{}.!\\"


@settings(max_examples=400, deadline=None)
@given(_TRICKY)
def test_the_parsers_answer_any_text_with_a_result_or_telegrams_error(text):
    for parse in (parse_html, lambda t: parse_html(t, strict_ampersand=False), parse_markdown_v2, parse_markdown):
        try:
            plain, entities = parse(text)
        except ValueError as exc:  # EntityParseError: a description, never a crash
            assert str(exc).startswith("can't parse entities: ")
        else:
            size = len(plain.encode("utf-16-le", "surrogatepass")) // 2
            assert all(e["offset"] >= 0 and e["offset"] + e["length"] <= size for e in entities)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_escaped_text_is_shown_exactly_as_written(text):
    assert parse_html(html.escape(text, quote=False)) == (text, [])
    if "\0" not in text:
        escaped = "".join("\\" + c if c in _V2_RESERVED else c for c in text)
        assert parse_markdown_v2(escaped) == (text, [])


async def test_controls_name_what_they_cannot_find(http, api, bot):
    async with http.post(f"{api.base_url}/_test/delete_message", json={"chat_id": ANN, "message_id": 99}) as resp:
        assert resp.status == 400 and "LookupError" in (await resp.json())["description"]
    sent = await bot.send_message(ANN, "one", reply_markup=button("A", "a"))
    assert await control(http, api, "make_inaccessible", chat_id=ANN) == {"chat_id": ANN, "message_id": sent.message_id}
    async with http.post(f"{api.base_url}/_test/block", json={"user_id": ANN, "reason": "asleep"}) as resp:
        assert resp.status == 400
