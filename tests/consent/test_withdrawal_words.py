"""Words that withdraw are read before any dialogue step (bot/routers/words.py), in every state,
with the same confirmation as outside a step and a one-tap undo; step answers pass untouched.

Driven like Telegram: updates in over the local Bot API, the real handlers and database.
Without a Rasa server (the `harness` fixture) the keyword rules read the words, as in an outage.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.consent.scopes import SCOPES
from bot.routers.words import UNDO_TEXT_ID, UndoCb, undo_wording
from bot.texts import t
from storage.models import ConsentEvent, Customer, Feedback, Outbox
from storage.queries import granted_scopes
from storage.types import utcnow
from tests.conversation.test_freetext import nlu_harness, rasa, say_means  # noqa: F401 - fixtures
from tests.delivery.test_delivery import deliver, make_customer
from tests.harness import Harness, clean_redis_url

ALL = ["birthday", "samples", "feedback", "offers"]
OWNER = 900


async def ledger(h, uid):
    async with h.services.sessions() as session:
        return list(
            (
                await session.execute(
                    select(ConsentEvent).where(ConsentEvent.customer_id == uid).order_by(ConsentEvent.id)
                )
            ).scalars()
        )


async def words_of(h, event) -> str | None:
    """What the customer wrote that made a ledger row: in the row, or in the erasable row it refers to."""
    if event.wording is not None or getattr(event, "customer_wording_id", None) is None:
        return event.wording
    from storage.models import CustomerWording

    async with h.services.sessions() as session:
        return (await session.get(CustomerWording, event.customer_wording_id)).text


async def customer(h, uid) -> Customer:
    async with h.services.sessions() as session:
        return await session.get(Customer, uid)


async def scopes(h, uid) -> set[str]:
    async with h.services.sessions() as session:
        return await granted_scopes(session, customer_id=uid)


def stop_done(lang, withdrawn):
    return t("stop.done", lang, scopes=", ".join(t(f"scope.{s}.button", lang) for s in SCOPES if s in withdrawn))


def undo_data(reply) -> str:
    [[button]] = reply["reply_markup"]["inline_keyboard"]
    return button["callback_data"]


async def at_step(h, uid, step, lang, granted=ALL, **fields):
    """A customer asked one step from /preferences (its free-text state is set)."""
    await make_customer(h, uid, granted, lang=lang, **fields)
    await h.say(uid, "/preferences")
    asked = await h.press(uid, t(f"prefs.btn.{step}", lang))
    assert asked[-1]["text"].startswith(t(f"{step}.ask", lang)[:12]), asked
    return asked[-1]


# ---- at each step, the words withdraw at once ------------------------------------------------

STEP_CASES = [
    ("name", "en", "unsubscribe me"),
    ("name", "pl", "Wypiszcie mnie!"),
    ("birthday", "uk", "не пишіть мені"),
    ("birthday", "en", "stop all messages"),
    ("timezone", "ru", "отпишите меня"),
    ("timezone", "uk", "не пишіть мені"),
    ("quiet", "pl", "nie piszcie do mnie"),
    ("quiet", "ru", "хватит"),
]


@pytest.mark.parametrize("step,lang,words", STEP_CASES)
async def test_words_at_a_step_withdraw_everything_and_end_the_dialogue(harness, step, lang, words):
    h, uid = harness, 1
    await at_step(h, uid, step, lang)
    before = len(await ledger(h, uid))
    replies = await h.say(uid, words)
    assert [r["text"] for r in replies] == [stop_done(lang, ALL)]
    assert t("words.undo", lang) in [b["text"] for row in replies[0]["reply_markup"]["inline_keyboard"] for b in row]
    rows = (await ledger(h, uid))[before:]
    assert [(e.scope, e.action, e.method) for e in rows] == [(s, "withdraw", "words") for s in SCOPES if s in ALL]
    assert [await words_of(h, e) for e in rows] == [words] * len(rows)
    assert await scopes(h, uid) == set()
    stored = await customer(h, uid)
    assert (stored.name, stored.birthday_month, stored.timezone, stored.quiet_start) == (None, None, None, None)
    assert stored.stage == "former"
    # The dialogue ended: the next text is not taken as the step's answer.
    after = await h.say(
        uid,
        "Ostap"
        if step == "name"
        else "12 May"
        if step == "birthday"
        else "Europe/Warsaw"
        if step == "timezone"
        else "22-08",
    )
    stored = await customer(h, uid)
    assert (stored.name, stored.birthday_month, stored.timezone, stored.quiet_start) == (None, None, None, None)
    assert not any(r["text"].startswith(t("name.saved", lang, name="")[:6]) for r in after)


async def test_unsubscribe_me_is_not_saved_as_a_name_during_onboarding(harness):
    """ "unsubscribe me" typed at the onboarding's name question (reached through /start) withdraws."""
    h, uid = harness, 2
    h.user(uid, lang="en", name="Ann")
    await h.say(uid, "/start")
    await h.press(uid, "Free samples")
    await h.press(uid, "Birthday greeting")
    await h.press(uid, t("btn.scopes_done", "en"))
    asked = await h.press(uid, t("name.change", "en"))
    assert asked[-1]["text"] == t("name.ask", "en")
    replies = await h.say(uid, "unsubscribe me")
    assert [r["text"] for r in replies] == [stop_done("en", ["birthday", "samples"])]
    assert (await customer(h, uid)).name is None
    assert await scopes(h, uid) == set()


@pytest.mark.parametrize(
    "lang,words",
    [("en", "stop all messages"), ("pl", "wypisz mnie"), ("uk", "не пишіть мені більше"), ("ru", "отпишите меня")],
)
async def test_words_at_the_feedback_comment_step_are_no_comment_and_reach_no_staff(api, settings_factory, lang, words):
    h = Harness.for_settings(api, settings_factory(admin_ids=[OWNER]))
    await h.start()
    try:
        h.user(OWNER, name="Boss")
        await make_customer(h, 1, ["feedback", "offers"], lang=lang)
        await h.say(OWNER, "/purchase 1 Espresso beans")
        _, stats = await deliver(h, "feedback", utcnow() + timedelta(days=7, minutes=1))
        assert stats.sent == 1
        await h.press(1, "1 ⭐")
        assert h.texts(1)[-1] == t("feedback.rated", lang, rating=1)
        to_owner = len(api.sent(OWNER))
        replies = await h.say(1, words)
        assert [r["text"] for r in replies] == [stop_done(lang, ["feedback", "offers"])]
        async with h.services.sessions() as session:
            feedback = (await session.execute(select(Feedback))).scalar_one()
        assert (feedback.rating, feedback.comment) == (1, None)
        assert api.sent(OWNER)[to_owner:] == []  # nothing forwarded to staff
        # The comment step ended: a later text is no comment either.
        await h.say(1, "The beans were stale")
        async with h.services.sessions() as session:
            assert (await session.execute(select(Feedback.comment))).scalar_one() is None
        assert api.sent(OWNER)[to_owner:] == []
    finally:
        await h.stop()


# ---- a scoped withdrawal keeps or ends the step ---------------------------------------------


async def test_a_scoped_withdrawal_keeps_a_step_still_needed(harness):
    h, uid = harness, 3
    await at_step(h, uid, "name", "en")
    replies = await h.say(uid, "stop sending me samples")
    assert [r["text"] for r in replies] == [t("scope.withdrawn_msg", "en", scope=t("scope.samples.button", "en"))]
    assert await scopes(h, uid) == {"birthday", "feedback", "offers"}
    await h.say(uid, "Ostap")  # still the name step
    assert (await customer(h, uid)).name == "Ostap"


async def test_a_scoped_withdrawal_ends_the_step_it_made_pointless_and_onboarding_goes_on(harness):
    h, uid = harness, 4
    h.user(uid, lang="uk", name="Оля")
    await h.say(uid, "/start")
    await h.press(uid, t("scope.birthday.button", "uk"))
    await h.press(uid, t("scope.samples.button", "uk"))
    await h.press(uid, t("btn.scopes_done", "uk"))
    await h.press(uid, t("name.keep", "uk", name="Оля"))
    assert h.texts(uid)[-1] == t("birthday.ask", "uk")
    replies = await h.say(uid, "не вітайте мене з днем народження, стоп")
    assert replies[0]["text"] == t("scope.withdrawn_msg", "uk", scope=t("scope.birthday.button", "uk"))
    assert replies[-1]["text"] == t("interests.ask", "uk")  # the next step still needed
    assert await scopes(h, uid) == {"samples"}
    await h.say(uid, "12 травня")  # the birthday step is gone: no date is proposed
    assert (await customer(h, uid)).birthday_month is None
    assert t("birthday.confirm", "uk", date="12 травня")[:10] not in h.texts(uid)[-1]


# ---- step answers pass through --------------------------------------------------------------

PASS_CASES = [
    ("name", "en", "Ostap", lambda c: c.name == "Ostap"),
    ("name", "uk", "Остап", lambda c: c.name == "Остап"),
    ("name", "pl", "Stefania", lambda c: c.name == "Stefania"),
    ("name", "ru", "Стопа", lambda c: c.name == "Стопа"),
    ("timezone", "en", "Europe/Warsaw", lambda c: c.timezone == "Europe/Warsaw"),
    ("timezone", "ru", "+3", lambda c: c.timezone == "Etc/GMT-3"),
    ("quiet", "pl", "22-08", lambda c: (c.quiet_start, c.quiet_end) == (22 * 60, 8 * 60)),
    ("quiet", "uk", "22:30-07:00", lambda c: (c.quiet_start, c.quiet_end) == (22 * 60 + 30, 7 * 60)),
]


@pytest.mark.parametrize("step,lang,answer,stored", PASS_CASES)
async def test_step_answers_are_not_withdrawals(harness, step, lang, answer, stored):
    h, uid = harness, 5
    await at_step(h, uid, step, lang)
    before = len(await ledger(h, uid))
    await h.say(uid, answer)
    assert stored(await customer(h, uid))
    assert len(await ledger(h, uid)) == before and await scopes(h, uid) == set(ALL)


@pytest.mark.parametrize(
    "lang,answer,date",
    [
        ("uk", "12 травня", "12 травня"),
        ("pl", "3 marca 1990", "3 marca 1990"),
        ("ru", "4 мая", "4 мая"),
        ("en", "May 4", "4 May"),
    ],
)
async def test_birthdays_are_not_withdrawals(harness, lang, answer, date):
    h, uid = harness, 6
    await at_step(h, uid, "birthday", lang)
    replies = await h.say(uid, answer)
    assert replies[-1]["text"] == t("birthday.confirm", lang, date=date)
    assert await scopes(h, uid) == set(ALL)


@pytest.mark.parametrize(
    "lang,comment",
    [
        ("en", "Not bad, enough for a month"),
        ("en", "Please stop using so much plastic"),
        ("uk", "Досить смачно, але дорого"),
        ("uk", "Не пишу відгуків зазвичай, але кава чудова"),
        ("ru", "Хватит на месяц, спасибо"),
        ("ru", "Не пишите так мелко на упаковке"),
        ("pl", "Dość drogie, ale dobre"),
        ("pl", "Przestańcie pakować w plastik"),
    ],
)
async def test_feedback_comments_are_not_withdrawals(api, settings_factory, lang, comment):
    h = Harness.for_settings(api, settings_factory(admin_ids=[OWNER]))
    await h.start()
    try:
        h.user(OWNER, name="Boss")
        await make_customer(h, 1, ["feedback", "offers"], lang=lang)
        await h.say(OWNER, "/purchase 1 Espresso beans")
        await deliver(h, "feedback", utcnow() + timedelta(days=7, minutes=1))
        await h.press(1, "2 ⭐")
        replies = await h.say(1, comment)
        assert replies[-1]["text"] == t("feedback.saved", lang)
        async with h.services.sessions() as session:
            assert (await session.execute(select(Feedback.comment))).scalar_one() == comment
        assert await scopes(h, 1) == {"feedback", "offers"}
    finally:
        await h.stop()


async def test_a_model_reading_a_step_answer_as_a_withdrawal_yields_to_the_step(nlu_harness, rasa):  # noqa: F811
    """Models misread short answers; a well-formed answer to the step asked is that answer."""
    h, uid = nlu_harness, 7
    for text in ("Ostap", "22-08", "Europe/Kyiv", "12 May"):
        say_means(rasa, text, "opt_out", 0.9)
    await at_step(h, uid, "name", "en")
    await h.say(uid, "Ostap")
    await h.say(uid, "/preferences")
    await h.press(uid, t("prefs.btn.quiet", "en"))
    await h.say(uid, "22-08")
    await h.say(uid, "/preferences")
    await h.press(uid, t("prefs.btn.timezone", "en"))
    await h.say(uid, "Europe/Kyiv")
    stored = await customer(h, uid)
    assert (stored.name, stored.quiet_start, stored.timezone) == ("Ostap", 22 * 60, "Europe/Kyiv")
    assert await scopes(h, uid) == set(ALL)
    # The model's withdrawal of text that answers no step is acted on at once (with the undo).
    say_means(rasa, "leave me be now", "opt_out", 0.9)
    await h.say(uid, "/preferences")
    await h.press(uid, t("prefs.btn.name", "en"))
    replies = await h.say(uid, "leave me be now")
    assert replies[-1]["text"] == stop_done("en", ALL)
    assert (await customer(h, uid)).name == "Ostap"


# ---- the model is asked once per text ---------------------------------------------------------


async def test_each_text_is_read_once(nlu_harness, rasa):  # noqa: F811
    h, uid = nlu_harness, 8
    await at_step(h, uid, "name", "en")
    calls = rasa.calls
    await h.say(uid, "Ostap")  # a step answer: read once, before the step
    assert rasa.calls == calls + 1
    say_means(rasa, "hello there", "greet")
    await h.say(uid, "hello there")  # no step: read once, the fallback answers from that reading
    assert rasa.calls == calls + 2
    assert h.texts(uid)[-1] == t("smalltalk.greet", "en", name="Ostap")
    say_means(rasa, "no more of this please", "opt_out", 0.95)
    await h.say(uid, "no more of this please")
    assert rasa.calls == calls + 3
    assert h.texts(uid)[-1] == stop_done("en", ALL)


# ---- the undo -------------------------------------------------------------------------------


async def test_undo_regrants_exactly_what_the_words_withdrew_by_button(harness):
    h, uid = harness, 9
    await at_step(h, uid, "timezone", "pl", granted=["birthday", "offers", "tracking"])
    [confirm] = await h.say(uid, "nie piszcie do mnie")
    data = undo_data(confirm)
    assert len(data.encode()) <= 64
    withdrawn = (await ledger(h, uid))[-3:]
    replies = await h.press(uid, t("words.undo", "pl"))
    names = ", ".join(t(f"scope.{s}.button", "pl") for s in ("birthday", "offers", "tracking"))
    assert [r["text"] for r in replies] == [t("words.undone", "pl", scopes=names)]
    assert h.last_alert() == t("words.undone", "pl", scopes=names)
    assert await scopes(h, uid) == {"birthday", "offers", "tracking"}
    rows = (await ledger(h, uid))[-3:]
    assert [(e.scope, e.action, e.method, e.text_id, e.message_id) for e in rows] == [
        (s, "grant", "button", UNDO_TEXT_ID, confirm["message_id"]) for s in ("birthday", "offers", "tracking")
    ]
    assert rows[0].wording == undo_wording("a", ["birthday", "offers", "tracking"], "pl")
    assert rows[0].wording.startswith(confirm["plain_text"]) and t("words.undo", "pl") in rows[0].wording
    assert [(e.action, e.method) for e in withdrawn] == [("withdraw", "words")] * 3
    shown = next(m for m in h.api.sent(uid) if m["message_id"] == confirm["message_id"])
    assert not shown.get("reply_markup")  # the undo button is used up
    # A second press (a copy of the button) writes nothing more.
    count = len(await ledger(h, uid))
    await h.press_data(uid, confirm["message_id"], data)
    assert h.last_alert() == t("words.undo_stale", "pl")
    assert len(await ledger(h, uid)) == count


async def test_undo_of_a_scoped_withdrawal(harness):
    h, uid = harness, 10
    await make_customer(h, uid, ["samples", "offers"], lang="ru")
    [confirm] = await h.say(uid, "не присылайте пробники")
    assert confirm["text"] == t("scope.withdrawn_msg", "ru", scope=t("scope.samples.button", "ru"))
    await h.press(uid, t("words.undo", "ru"))
    assert await scopes(h, uid) == {"samples", "offers"}
    last = (await ledger(h, uid))[-1]
    assert (last.scope, last.action, last.method, last.wording) == (
        "samples",
        "grant",
        "button",
        undo_wording("s", ["samples"], "ru"),
    )


async def test_undo_is_recorded_in_the_language_of_the_button_pressed(harness):
    h, uid = harness, 12
    await make_customer(h, uid, ["samples", "offers"], lang="pl")
    await h.say(uid, "wypisz mnie")
    async with h.services.sessions() as session, session.begin():
        customer = await session.get(Customer, uid)
        customer.language = "en"  # changed since the Polish confirmation was shown
    await h.press(uid, t("words.undo", "pl"))
    rows = (await ledger(h, uid))[-2:]
    assert [(e.action, e.language, e.wording) for e in rows] == [
        ("grant", "pl", undo_wording("a", ["samples", "offers"], "pl"))
    ] * 2


async def test_an_old_undo_after_further_changes_is_refused(harness):
    h, uid = harness, 11
    await make_customer(h, uid, ["samples", "offers"])
    [confirm] = await h.say(uid, "stop")
    await h.say(uid, "/start")
    await h.press(uid, "Free samples")  # granted again by its own button
    rows = len(await ledger(h, uid))
    await h.press_data(uid, confirm["message_id"], undo_data(confirm))
    assert h.last_alert() == t("words.undo_stale", "en")
    assert len(await ledger(h, uid)) == rows and await scopes(h, uid) == {"samples"}


async def test_undo_never_regrants_after_forget(harness):
    h, uid = harness, 12
    await make_customer(h, uid, ["samples", "offers"])
    [confirm] = await h.say(uid, "unsubscribe")
    await h.say(uid, "/forget")
    await h.press(uid, t("btn.yes", "en"))
    assert h.texts(uid)[-1] == t("forget.done", "en")
    rows = len(await ledger(h, uid))
    await h.press_data(uid, confirm["message_id"], undo_data(confirm))
    assert h.last_alert() == t("words.undo_stale", "en")
    assert len(await ledger(h, uid)) == rows and await scopes(h, uid) == set()
    # Coming back by a button, then the old undo: still refused (the return is a later change).
    await h.say(uid, "/start")
    await h.press(uid, "Free samples")
    await h.press_data(uid, confirm["message_id"], undo_data(confirm))
    assert h.last_alert() == t("words.undo_stale", "en")
    assert await scopes(h, uid) == {"samples"}


async def test_a_forged_undo_is_refused(harness):
    h, uid = harness, 13
    await make_customer(h, uid, ["samples"])
    [confirm] = await h.say(uid, "stop")
    withdrawn = (await ledger(h, uid))[-1]
    for forged in (
        UndoCb(k="a", m=0b11111, f=withdrawn.id, n=withdrawn.id, lang="en"),  # more than was taken
        UndoCb(k="a", m=0b10, f=1, n=withdrawn.id - 1, lang="en"),  # an older row
        UndoCb(k="s", m=0b11, f=withdrawn.id, n=withdrawn.id, lang="en"),
        UndoCb(k="a", m=1 << 9, f=withdrawn.id, n=withdrawn.id, lang="en"),
    ):
        await h.press_data(uid, confirm["message_id"], forged.pack())
        assert h.last_alert() in (t("words.undo_stale", "en"), t("error.expired", "en"))
    assert await scopes(h, uid) == set()
    # Another customer's undo is not this customer's.
    await make_customer(h, 14, ["samples"])
    await h.press_data(14, 1, undo_data(confirm))
    assert await scopes(h, 14) == {"samples"} and await scopes(h, uid) == set()


async def test_a_misread_withdrawal_is_undone_with_one_tap(nlu_harness, rasa):  # noqa: F811
    """'please greet me on my birthday' read as opt_out: withdrawn at once, one tap re-grants."""
    h, uid = nlu_harness, 15
    await make_customer(h, uid, ["birthday", "offers"])
    say_means(rasa, "please greet me on my birthday", "opt_out", 0.7)
    [confirm] = await h.say(uid, "please greet me on my birthday")
    assert confirm["text"] == t("scope.withdrawn_msg", "en", scope=t("scope.birthday.button", "en"))
    assert await scopes(h, uid) == {"offers"}
    await h.press(uid, t("words.undo", "en"))
    assert await scopes(h, uid) == {"birthday", "offers"}


async def test_undo_under_a_message_telegram_no_longer_shows(harness):
    h, uid = harness, 16
    await make_customer(h, uid, ["offers"])
    [confirm] = await h.say(uid, "stop")
    replies = await h.press_data(uid, 10**9, undo_data(confirm))  # an InaccessibleMessage
    assert [r["text"] for r in replies] == [t("words.undone", "en", scopes=t("scope.offers.button", "en"))]
    assert await scopes(h, uid) == {"offers"}


# ---- staff ---------------------------------------------------------------------------------


async def test_staff_campaign_copy_is_not_read_but_other_campaign_steps_are(api, settings_factory):
    h = Harness.for_settings(api, settings_factory(admin_ids=[OWNER]))
    await h.start()
    try:
        await make_customer(h, OWNER, ["offers"], name="Boss")
        await h.say(OWNER, "/campaign")
        await h.press(OWNER, "retention")
        replies = await h.say(OWNER, "Stop by: no more waiting")  # the campaign's name: copy, not words to the bot
        assert await scopes(h, OWNER) == {"offers"}
        for _ in range(3):
            replies = await h.press(OWNER, "Next")
        assert "active in the last N days" in replies[-1]["text"]
        replies = await h.say(OWNER, "stop")  # at a number step: the staff member's own words
        assert replies[0]["text"] == stop_done("en", ["offers"])
        assert await scopes(h, OWNER) == set()
        replies = await h.say(OWNER, "0")  # the draft is kept
        assert replies[-1]["text"] == "Minimum number of purchases? (0 = any)"
    finally:
        await h.stop()


# ---- end to end in Polish with the NLU down --------------------------------------------------


async def test_polish_words_withdraw_end_to_end_with_the_nlu_down(harness):
    """Onboarding in Polish over the local Bot API, the Rasa server unreachable: 'wypisz mnie'
    at a step and 'nie piszcie do mnie' outside one withdraw at once, by the keyword rules."""
    h, uid = harness, 20
    assert h.nlu is not None and h.settings.nlu_url.endswith(":9")  # nothing listens there
    h.user(uid, lang="pl", name="Ola")
    await h.say(uid, "/start")
    for scope in ("birthday", "samples", "offers"):
        await h.press(uid, t(f"scope.{scope}.button", "pl"))
    await h.press(uid, t("btn.scopes_done", "pl"))
    await h.press(uid, t("name.keep", "pl", name="Ola"))
    assert h.texts(uid)[-1] == t("birthday.ask", "pl")
    [confirm] = await h.say(uid, "wypisz mnie")
    assert confirm["text"] == stop_done("pl", ["birthday", "samples", "offers"])
    assert await h.nlu.client.parse("wypisz mnie") is None  # no model: the keyword rules read it
    events = await ledger(h, uid)
    assert [(e.action, e.method) for e in events[-3:]] == [("withdraw", "words")] * 3
    assert (await customer(h, uid)).stage == "former"
    await h.say(uid, "12 maja")  # the dialogue ended with the withdrawal
    assert (await customer(h, uid)).birthday_month is None
    await h.press(uid, t("words.undo", "pl"))
    assert await scopes(h, uid) == {"birthday", "samples", "offers"}
    replies = await h.say(uid, "nie piszcie do mnie")
    assert replies[-1]["text"] == stop_done("pl", ["birthday", "samples", "offers"])
    assert await scopes(h, uid) == set()
    async with h.services.sessions() as session:
        words = (
            await session.execute(
                select(func.count())
                .select_from(ConsentEvent)
                .where(ConsentEvent.customer_id == uid, ConsentEvent.method == "words")
            )
        ).scalar_one()
        pending = (
            await session.execute(select(func.count()).select_from(Outbox).where(Outbox.customer_id == uid))
        ).scalar_one()
    assert words == 6 and pending == 0


def test_undo_callback_data_fits_telegram_for_any_ids():
    data = UndoCb(k="a", m=(1 << len(SCOPES)) - 1, f=2**53, n=2**53 + 4, lang="uk").pack()
    assert len(data.encode()) <= 64, data


# ---- erasure by words, and each FSM storage --------------------------------------------------


async def test_words_asking_for_erasure_at_a_step_ask_the_forget_confirmation(harness):
    h, uid = harness, 21
    await at_step(h, uid, "name", "uk")
    replies = await h.say(uid, "видаліть мої дані")
    assert [r["text"] for r in replies] == [t("forget.confirm", "uk")]
    assert (await customer(h, uid)).name is None  # not taken as a name
    await h.press(uid, t("btn.yes", "uk"))
    assert h.texts(uid)[-1] == t("forget.done", "uk")
    assert await scopes(h, uid) == set()


@pytest.fixture(params=["database", "redis"])
async def storage_harness(request, api, settings_factory):
    overrides = {}
    if request.param == "redis":
        overrides["redis_url"] = await clean_redis_url()
    h = Harness.for_settings(api, settings_factory(**overrides))
    await h.start()
    yield h
    await h.stop()


async def test_the_dialogue_ends_with_the_withdrawal_on_each_fsm_storage(storage_harness):
    h, uid = storage_harness, 22
    await at_step(h, uid, "quiet", "ru")
    replies = await h.say(uid, "не пишите мне больше")
    assert replies[-1]["text"] == stop_done("ru", ALL)
    await h.restart()  # the dialogue as stored, not as held in memory
    await h.say(uid, "22-08")
    assert (await customer(h, uid)).quiet_start is None
    await h.press(uid, t("words.undo", "ru"))
    assert await scopes(h, uid) == set(ALL)
