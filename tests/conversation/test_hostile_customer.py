"""The customer side against hostile input and Telegram as it is: names and stored texts with
`<`, `&`, `=` and emoji in HTML messages (the local Bot API refuses bad HTML as Telegram does),
presses under deleted (inaccessible) messages, edits Telegram calls "not modified", a blocked
staff chat among several, time zones that do not exist, and the ledger's wording in the
language of the keyboard the customer pressed."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given, settings as hsettings, strategies as st
from sqlalchemy import select

from bot.consent.ledger import record_consent
from bot.flow import parse_timezone
from bot.html_text import MAX_TEXT, cut_html, esc, visible_length
from bot.keyboards import ScopeCb, StepCb
from bot.texts import scope_wording, t
from devtools.localapi.html import parse_html
from storage.models import Category, ConsentEvent, Customer, Feedback, Outbox
from storage.queries import get_or_create_customer, granted_scopes

ANN = 1001
HOSTILE_NAMES = ["Tom & Jerry", "Max<3", '=HYPERLINK("http://x")', "<b>Bob</b>", "Ann 😀👍🏽", "&amp; <i>", "a<b"]


def buttons(message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


def plain(harness, user_id=ANN) -> list[str]:
    return [m.get("plain_text") or m.get("text") or "" for m in harness.api.sent(user_id)]


async def ledger(harness, user_id=ANN) -> list[ConsentEvent]:
    async with harness.services.sessions() as session:
        return list(
            (
                await session.execute(
                    select(ConsentEvent).where(ConsentEvent.customer_id == user_id).order_by(ConsentEvent.id)
                )
            ).scalars()
        )


async def customer_row(harness, user_id=ANN) -> Customer:
    async with harness.services.sessions() as session:
        return await session.get(Customer, user_id)


def no_internal_error(harness, user_id=ANN, lang="en") -> None:
    assert t("error.internal", lang) not in plain(harness, user_id)


def delete(harness, user_id: int, message_id: int) -> None:
    """The customer deletes the bot's message: a later press under it comes as InaccessibleMessage."""
    harness.api.delete_message(user_id, message_id)


def answered(harness, data: str) -> list[dict]:
    return [a for a in harness.api.answered_callbacks if a.get("data") == data]


# ---- text in HTML messages -----------------------------------------------------------------


@pytest.mark.parametrize("name", HOSTILE_NAMES)
async def test_a_hostile_telegram_name_goes_through_the_whole_onboarding(harness, name):
    harness.user(ANN, lang="en", name=name)
    replies = await harness.say(ANN, "/start")
    assert replies[0]["plain_text"] == t("start.welcome", "en", name=name)
    await harness.press(ANN, t("scope.birthday.button", "en"))
    await harness.press(ANN, t("scope.samples.button", "en"))
    replies = await harness.press(ANN, t("btn.scopes_done", "en"))
    question = replies[-1]
    # The question arrives (it was refused by Telegram for `<`), the button shows the name as it is.
    assert question["plain_text"] == t("name.ask_confirm", "en", name=name)
    assert t("name.keep", "en", name=name) in buttons(question)
    replies = await harness.press(ANN, t("name.keep", "en", name=name))
    edited = next(m for m in harness.api.sent(ANN) if m["message_id"] == question["message_id"])
    assert edited["plain_text"].endswith(t("name.saved", "en", name=name))
    assert replies[-1]["plain_text"] == t("birthday.ask", "en")
    assert (await customer_row(harness)).name == name
    await harness.say(ANN, "12 May 1990")
    await harness.press(ANN, t("btn.yes", "en"))
    await harness.press(ANN, "Coffee")
    await harness.press(ANN, t("btn.done", "en"))
    await harness.press(ANN, "Kyiv")
    await harness.press(ANN, t("quiet.none", "en"))
    await harness.press(ANN, t("cap.option", "en", n=2))
    summary = plain(harness)[-1]
    assert t("prefs.name", "en", value=name) in summary
    replies = await harness.say(ANN, "/preferences")
    assert t("prefs.name", "en", value=name) in replies[-1]["plain_text"]
    replies = await harness.say(ANN, "hello")
    assert replies and replies[-1]["plain_text"]
    no_internal_error(harness)


async def test_a_typed_name_with_markup_is_refused_politely_and_a_good_one_kept(harness):
    harness.user(ANN, lang="pl", name="Ola")
    await harness.say(ANN, "/start")
    await harness.press(ANN, t("scope.feedback.button", "pl"))
    await harness.press(ANN, t("btn.scopes_done", "pl"))
    await harness.press(ANN, t("name.change", "pl"))
    for bad in ("Tom & Jerry", "Max<3", "=1+1"):
        replies = await harness.say(ANN, bad)
        assert replies[-1]["plain_text"] == t("name.invalid", "pl"), bad
    replies = await harness.say(ANN, "Zoë O'Neil")
    assert replies[0]["plain_text"] == t("name.saved", "pl", name="Zoë O'Neil")
    no_internal_error(harness, lang="pl")


async def test_category_names_with_markup_show_in_preferences_and_buttons(harness):
    async with harness.services.sessions() as session, session.begin():
        session.add(Category(slug="tea-lt3", names={"en": "Tea <3 & <b>more</b>", "uk": "Чай <3"}, active=True))
    harness.user(ANN)
    await harness.say(ANN, "/start")
    await harness.press(ANN, t("scope.offers.button", "en"))
    await harness.say(ANN, "/preferences")
    replies = await harness.press(ANN, t("prefs.btn.interests", "en"))
    assert "☐ Tea <3 & <b>more</b>" in buttons(replies[-1])  # a label is plain text: shown as it is
    await harness.press(ANN, "Tea <3")
    replies = await harness.say(ANN, "/preferences")
    assert t("prefs.interests", "en", value="Tea <3 & <b>more</b>") in replies[-1]["plain_text"]
    no_internal_error(harness)


def test_delivered_messages_escape_stored_texts_and_stay_within_the_limit():
    from bot.delivery.render import render

    customer = Customer(id=5, language="en", first_name="Max<3", name=None)
    rows = [
        Outbox(id=1, customer_id=5, kind="birthday", idem_key="a", payload={"perk": "<GIFT & 10%>"}),
        Outbox(
            id=2,
            customer_id=5,
            kind="sample",
            idem_key="b",
            payload={"product": "Tea <green> & co", "offer_id": 1, "expires": "<soon>"},
        ),
        Outbox(id=3, customer_id=5, kind="feedback", idem_key="c", payload={"product": "A&B <x>"}),
        Outbox(
            id=4,
            customer_id=5,
            kind="campaign",
            idem_key="d",
            payload={"text": "2 < 3 & <b>bold?</b> " + "&<" * 3000, "button": "<Buy & save>"},
        ),
    ]
    for row in rows:
        text, markup = render(row, customer)
        shown, _ = parse_html(text)  # Telegram's parser (the local Bot API's): must not raise
        assert len(shown) <= MAX_TEXT
        assert "Max<3" in shown or row.kind == "campaign"
    assert "<GIFT & 10%>" in parse_html(render(rows[0], customer)[0])[0]
    assert "Tea <green> & co" in parse_html(render(rows[1], customer)[0])[0]
    campaign_text, markup = render(rows[3], customer)
    assert parse_html(campaign_text)[0].startswith("2 < 3 & <b>bold?</b> &<&<")
    assert markup.inline_keyboard[0][0].text == "<Buy & save>"


def test_esc_and_cut_html_examples():
    assert esc("Tom & Jerry <3") == "Tom &amp; Jerry &lt;3"
    assert esc(None) == ""
    html = "<b>Title &amp; more</b>\n" + "x &lt; y\n" * 1000
    cut = cut_html(html, 100)
    text, _ = parse_html(cut)
    assert len(text) <= 100 and text.endswith("…") and text.startswith("Title & more\nx < y")
    assert cut_html("<b>" + "a" * 50 + "</b>", 10) == "<b>aaaaaaaaa…</b>"  # the tag is closed
    assert cut_html("ab&amp;cd", 4) == "ab&amp;…"  # never "ab&am"
    assert cut_html("short &lt; text", 4096) == "short &lt; text"
    assert visible_length("😀<i>a</i>&amp;") == 4  # UTF-16 units, as Telegram counts


_PIECE = st.lists(st.sampled_from(list("ab <>&;#\n") + ["😀", "ß", "&amp;", "&#60;"]), max_size=40).map("".join)


@hsettings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.tuples(st.sampled_from(["", "b", "i", "code"]), _PIECE), max_size=8),
    limit=st.integers(min_value=1, max_value=120),
)
def test_cut_html_never_breaks_a_tag_or_an_entity(parts, limit):
    html = "".join(f"<{tag}>{esc(text)}</{tag}>" if tag else esc(text) for tag, text in parts)
    full, _ = parse_html(html)
    cut = cut_html(html, limit)
    shown, _ = parse_html(cut)  # raises if a tag or an entity was split
    assert visible_length(esc(shown)) <= limit
    if visible_length(html) <= limit:
        assert cut == html
    else:
        assert shown.endswith("…") and full.startswith(shown[:-1].rstrip(" \n"))


# ---- buttons under inaccessible messages, edits that change nothing ---------------


async def test_presses_under_deleted_messages_are_answered_and_carry_on(harness):
    harness.user(ANN)
    await harness.say(ANN, "/start")
    permission = harness.api.sent(ANN)[-1]
    delete(harness, ANN, permission["message_id"])
    data = ScopeCb(action="on", scope="offers", src="consent", l="en").pack()
    replies = await harness.press_data(ANN, permission["message_id"], data)
    assert answered(harness, data)[-1]["text"] == t("scope.granted", "en", scope=t("scope.offers.button", "en"))
    assert await granted_scopes_of(harness) == {"offers"}
    fresh = replies[-1]  # the new state, in a message of its own
    assert "✅ " + t("scope.offers.button", "en") in buttons(fresh)
    # "Done" under another deleted message: the next step is asked all the same.
    delete(harness, ANN, fresh["message_id"])
    replies = await harness.press_data(ANN, fresh["message_id"], "nv:scopes_done")
    assert answered(harness, "nv:scopes_done")
    assert replies[-1]["plain_text"] == t("name.ask_confirm", "en", name="Ann")
    await harness.press(ANN, "Yes, call me Ann")
    interests = harness.api.sent(ANN)[-1]
    assert interests["plain_text"] == t("interests.ask", "en")
    delete(harness, ANN, interests["message_id"])
    coffee = next(
        b["callback_data"] for row in interests["reply_markup"]["inline_keyboard"] for b in row if "Coffee" in b["text"]
    )
    replies = await harness.press_data(ANN, interests["message_id"], coffee)
    assert answered(harness, coffee)
    assert "✅ Coffee" in buttons(replies[-1])  # the choice shown again, under a new message
    no_internal_error(harness)


async def test_presses_under_old_messages_still_in_the_chat(harness):
    """Too old for Telegram to show it to the bot (InaccessibleMessage) but still in the chat:
    the press is stored and answered, a fresh keyboard shows the result, and "Done" still
    takes the buttons off the old message (an edit by its id)."""
    harness.user(ANN, lang="ru")
    await harness.say(ANN, "/start")
    permission = harness.api.sent(ANN)[-1]
    harness.api.make_inaccessible(ANN, permission["message_id"])
    data = ScopeCb(action="on", scope="feedback", src="consent", l="ru").pack()
    replies = await harness.press_data(ANN, permission["message_id"], data)
    assert answered(harness, data)
    assert "✅ " + t("scope.feedback.button", "ru") in buttons(replies[-1])
    await harness.press_data(ANN, permission["message_id"], "nv:scopes_done")
    old = next(m for m in harness.api.sent(ANN) if m["message_id"] == permission["message_id"])
    assert not buttons(old)
    assert plain(harness)[-1] in (t("name.ask_confirm", "ru", name="Ann"),)
    no_internal_error(harness, lang="ru")


async def test_forget_confirmed_under_a_deleted_message(harness):
    harness.user(ANN)
    await harness.say(ANN, "/start")
    await harness.press(ANN, t("scope.offers.button", "en"))
    question = (await harness.say(ANN, "/forget"))[-1]
    delete(harness, ANN, question["message_id"])
    data = StepCb(step="forget", value="yes").pack()
    replies = await harness.press_data(ANN, question["message_id"], data)
    assert answered(harness, data)
    assert replies[-1]["plain_text"] == t("forget.done", "en")
    assert (await customer_row(harness)).forgotten_at is not None
    no_internal_error(harness)


async def _feedback_message(harness, staff: list[int]) -> dict:
    """A customer with the feedback scope and a delivered feedback request; staff as owners."""
    harness.services.settings = harness.settings = harness.settings.model_copy(update={"admin_ids": staff})
    await harness.restart()
    for member in staff:
        harness.user(member, name=f"Staff{member}")
    harness.user(ANN)
    async with harness.services.sessions() as session, session.begin():
        customer, _ = await get_or_create_customer(session, user_id=ANN, first_name="Ann", username=None, language="en")
        await record_consent(session, customer=customer, scope="feedback", grant=True, method="button")
        from bot.delivery.outbox import enqueue

        await enqueue(
            session,
            customer_id=ANN,
            kind="feedback",
            occasion="p1",
            payload={"product": "Beans <dark> & co", "subject": "purchase:1"},
        )
    from bot.delivery.service import make_sender

    sender = make_sender(harness.services, harness.bot, rate=None, per_chat=None)
    stats = await sender.drain()
    assert stats.sent == 1
    request = harness.api.sent(ANN)[-1]
    assert "Beans <dark> & co" in request["plain_text"]
    return request


async def test_rating_and_skipping_the_comment_under_deleted_messages(harness):
    request = await _feedback_message(harness, [])
    delete(harness, ANN, request["message_id"])
    rate = next(
        b["callback_data"] for row in request["reply_markup"]["inline_keyboard"] for b in row if b["text"] == "4 ⭐"
    )
    replies = await harness.press_data(ANN, request["message_id"], rate)
    assert answered(harness, rate)
    assert replies[-1]["plain_text"] == t("feedback.rated", "en", rating=4)
    delete(harness, ANN, replies[-1]["message_id"])
    skip = StepCb(step="comment", value="skip").pack()
    replies = await harness.press_data(ANN, replies[-1]["message_id"], skip)
    assert answered(harness, skip)
    assert replies[-1]["plain_text"] == t("feedback.saved", "en")
    async with harness.services.sessions() as session:
        assert (await session.execute(select(Feedback.rating))).scalar_one() == 4
    no_internal_error(harness)


async def test_a_double_tap_whose_edit_changes_nothing_is_answered_and_stored_once(harness, caplog):
    """Two presses of one button arrive before the first is handled, both with the old keyboard:
    the second press's edit is refused by Telegram as "message is not modified". The update
    stands: both presses are answered, one ledger row, no error, nothing logged as a failure."""
    harness.user(ANN)
    await harness.say(ANN, "/start")
    permission = harness.api.sent(ANN)[-1]
    data = next(
        b["callback_data"]
        for row in permission["reply_markup"]["inline_keyboard"]
        for b in row
        if t("scope.offers.button", "en") in b["text"]
    )
    caplog.set_level(logging.INFO)
    edits = len(harness.api.calls_to("editMessageReplyMarkup"))
    await harness.api.press_button(ANN, permission["message_id"], data)
    second = await harness.api.press_button(ANN, permission["message_id"], data)
    assert "☐" in second["callback_query"]["message"]["reply_markup"]["inline_keyboard"][3][0]["text"]
    await harness.processed(second["update_id"])
    assert [a["text"] for a in answered(harness, data)] == [
        t("scope.granted", "en", scope=t("scope.offers.button", "en")),
        t("scope.already_on", "en", scope=t("scope.offers.button", "en")),
    ]
    assert [(e.scope, e.action) for e in await ledger(harness)] == [("offers", "grant")]
    assert len(harness.api.calls_to("editMessageReplyMarkup")) == edits + 2  # the second one refused
    assert any("message is not modified" in r.getMessage() for r in caplog.records)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    no_internal_error(harness)


async def test_a_stale_keyboard_is_brought_up_to_date_when_pressed(harness):
    """Two permission messages; a scope granted under the first; its (stale) button under the
    second changes nothing but shows the truth afterwards."""
    harness.user(ANN)
    await harness.say(ANN, "/start")
    first = harness.api.sent(ANN)[-1]
    await harness.say(ANN, "/start")
    second = harness.api.sent(ANN)[-1]
    await harness.press_data(ANN, first["message_id"], ScopeCb(action="on", scope="samples", l="en").pack())
    await harness.press_data(ANN, second["message_id"], ScopeCb(action="on", scope="samples", l="en").pack())
    assert harness.last_alert() == t("scope.already_on", "en", scope=t("scope.samples.button", "en"))
    second = next(m for m in harness.api.sent(ANN) if m["message_id"] == second["message_id"])
    assert "✅ " + t("scope.samples.button", "en") in buttons(second)
    assert len(await ledger(harness)) == 1


# ---- one blocked staff chat ---------------------------------------------------------------


async def test_a_blocked_staff_chat_does_not_silence_the_others(harness):
    blocked, other = 5000, 5001  # the blocked one first in the set's order
    request = await _feedback_message(harness, [blocked, other])
    harness.api.block(blocked)
    rate = next(
        b["callback_data"] for row in request["reply_markup"]["inline_keyboard"] for b in row if b["text"] == "1 ⭐"
    )
    await harness.press_data(ANN, request["message_id"], rate)
    assert any("Low rating 1/5" in x for x in plain(harness, other))
    assert plain(harness, ANN)[-1] == t("feedback.rated", "en", rating=1)
    await harness.say(ANN, "Stale & <bitter>")
    assert plain(harness, ANN)[-1] == t("feedback.saved", "en")
    assert any("Stale & <bitter>" in x for x in plain(harness, other))


async def test_replies_after_a_403_skip_only_that_chat(api, settings_factory):
    from aiogram.methods import SendMessage

    from bot.app import make_bot
    from bot.replies import Replies, deliver

    bot = make_bot(settings_factory(telegram_api_url=api.base_url), "123456:TEST-token")
    try:
        for user in (1, 2, 3):
            api.user(user)
        api.block(1)
        replies = Replies()
        replies.methods = [
            SendMessage(chat_id=1, text="a"),
            SendMessage(chat_id=2, text="b &amp; c"),
            SendMessage(chat_id=1, text="again"),
            SendMessage(chat_id=3, text="d"),
        ]
        await deliver(bot, replies, chat_id=2)
        assert [m["plain_text"] for m in api.sent(2)] == ["b & c"]
        assert [m["plain_text"] for m in api.sent(3)] == ["d"]
        assert len([c for c in api.calls_to("sendMessage") if str(c.get("chat_id")) == "1"]) <= 1
    finally:
        await bot.session.close()


# ---- flow.parse_timezone: only zones that exist -------------------------------------------


@pytest.mark.parametrize(
    "text, zone",
    [
        ("+14", "Etc/GMT-14"),
        ("UTC+14", "Etc/GMT-14"),
        ("-12", "Etc/GMT+12"),
        ("GMT-12:00", "Etc/GMT+12"),
        ("+2", "Etc/GMT-2"),
        ("-0", "UTC"),
        ("europe/kyiv", "Europe/Kyiv"),
        ("-13", None),
        ("UTC-14", None),
        ("+15", None),
        ("-99", None),
        ("Etc/GMT+13", None),
    ],
)
def test_parse_timezone_accepts_only_zones_that_exist(text, zone):
    from zoneinfo import ZoneInfo

    assert parse_timezone(text) == zone
    if zone:
        ZoneInfo(zone)


async def test_a_typed_offset_that_no_zone_has_is_refused(harness):
    harness.user(ANN, lang="uk")
    await harness.say(ANN, "/start")
    await harness.press(ANN, t("scope.feedback.button", "uk"))
    await harness.press(ANN, t("btn.scopes_done", "uk"))
    await harness.press(ANN, t("btn.skip", "uk"))  # the name
    replies = await harness.say(ANN, "UTC-13")
    assert replies[-1]["plain_text"] == t("timezone.invalid", "uk")
    assert (await customer_row(harness)).timezone is None
    replies = await harness.say(ANN, "+14")
    assert replies[0]["plain_text"] == t("timezone.saved", "uk", zone="UTC+14")
    assert (await customer_row(harness)).timezone == "Etc/GMT-14"


# ---- the ledger's wording: the language of the keyboard pressed ----------------------------


async def test_the_ledger_keeps_the_wording_of_the_keyboard_shown_not_the_language_now(harness):
    harness.user(ANN, lang="en")
    await harness.say(ANN, "/start")
    permission = harness.api.sent(ANN)[-1]
    await harness.say(ANN, "/language")
    await harness.press(ANN, "Українська")
    assert (await customer_row(harness)).language == "uk"
    # The English keyboard of /start, pressed now: the customer read the English wording.
    await harness.press(ANN, t("scope.samples.button", "en"))
    # A button sent before the language was in its data: read from the message it is under.
    await harness.press_data(ANN, permission["message_id"], "sc:on:offers:1:consent")
    events = await ledger(harness)
    assert [(e.scope, e.wording, e.language) for e in events] == [
        ("samples", scope_wording("samples", "en"), "en"),
        ("offers", scope_wording("offers", "en"), "en"),
    ]
    # The answer itself comes in the customer's language now.
    assert harness.last_alert() == t("scope.granted", "uk", scope=t("scope.offers.button", "uk"))
    # A Ukrainian keyboard (from /preferences) pressed: Ukrainian wording.
    await harness.say(ANN, "/preferences")
    await harness.press(ANN, t("prefs.btn.scopes", "uk"))
    await harness.press(ANN, t("scope.tracking.button", "uk"))
    last = (await ledger(harness))[-1]
    assert (last.scope, last.wording, last.language) == ("tracking", scope_wording("tracking", "uk"), "uk")


def test_every_scope_button_fits_telegrams_64_bytes():
    from bot.consent.scopes import LANGUAGES, SCOPES
    from bot.keyboards import confirm_scope_keyboard, scope_keyboard, withdraw_button

    datas = []
    for lang in LANGUAGES:
        for src, done in (("consent", "scopes_done"), ("prefs", "prefs")):
            for granted in (set(), set(SCOPES)):
                datas += [
                    b.callback_data
                    for row in scope_keyboard(lang, granted, src=src, done=done).inline_keyboard
                    for b in row
                ]
        for scope in SCOPES:
            datas.append(withdraw_button(lang, scope).callback_data)
            datas += [b.callback_data for row in confirm_scope_keyboard(lang, scope).inline_keyboard for b in row]
    assert all(len(d.encode()) <= 64 for d in datas)
    assert all(ScopeCb.unpack(d).l in LANGUAGES for d in datas if d.startswith("sc:"))


async def granted_scopes_of(harness, user_id=ANN) -> set[str]:
    async with harness.services.sessions() as session:
        return await granted_scopes(session, customer_id=user_id)
