"""Withdrawing one thing withdraws that thing (issue 15): words switch off only the scope(s) they
name, words about everything switch off everything, the confirmation names exactly what was
switched off and its one-tap Undo restores exactly that; a scope named but not switched on is
said to be so. Driven like Telegram, in en, uk, ru and pl: with the NLU down (the keyword rules
read the words) and through the model (its scope entity), which must agree.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.consent.scopes import SCOPES
from bot.routers.words import UNDO_TEXT_ID, UndoCb, undo_wording
from bot.texts import t
from storage.models import ConsentEvent
from storage.queries import granted_scopes
from tests.conversation.test_freetext import nlu_harness, rasa, say_means  # noqa: F401 - fixtures
from tests.delivery.test_delivery import make_customer

EVERY = list(SCOPES)


def names(scopes, lang):
    return ", ".join(t(f"scope.{s}.button", lang) for s in SCOPES if s in scopes)


def confirmation(lang, withdrawn):
    """What the customer must read: exactly what was switched off."""
    if set(withdrawn) == set(EVERY):
        return t("stop.done", lang, scopes=names(withdrawn, lang))
    if len(withdrawn) == 1:
        return t("scope.withdrawn_msg", lang, scope=t(f"scope.{withdrawn[0]}.button", lang))
    return t("words.withdrawn_named", lang, scopes=names(withdrawn, lang))


async def granted(h, uid) -> set[str]:
    async with h.services.sessions() as session:
        return await granted_scopes(session, customer_id=uid)


async def ledger(h, uid) -> list[ConsentEvent]:
    async with h.services.sessions() as session:
        query = select(ConsentEvent).where(ConsentEvent.customer_id == uid).order_by(ConsentEvent.id)
        return list((await session.execute(query)).scalars())


# (language, words, what they switch off): several phrasings per scope and for everything.
NAMED = [
    # ru: the example of the issue first
    ("ru", "больше не присылайте мне поздравления", ["birthday"]),
    ("ru", "не поздравляйте меня с днём рождения", ["birthday"]),
    ("ru", "хватит присылать пробники", ["samples"]),
    ("ru", "не просите меня об отзывах", ["feedback"]),
    ("ru", "отпишите меня от новостей и скидок", ["offers"]),
    ("ru", "хватит присылать скидки и опросы", ["feedback", "offers"]),
    ("ru", "не пишите мне", EVERY),
    ("ru", "отпишите меня от всего", EVERY),
    # uk
    ("uk", "не надсилайте мені привітання з днем народження", ["birthday"]),
    ("uk", "не вітайте мене", ["birthday"]),
    ("uk", "досить пробників", ["samples"]),
    ("uk", "не питайте відгуків", ["feedback"]),
    ("uk", "не хочу більше знижок", ["offers"]),
    ("uk", "не пишіть мені", EVERY),
    ("uk", "відпишіть мене від усього", EVERY),
    # en
    ("en", "stop sending me birthday greetings", ["birthday"]),
    ("en", "don't congratulate me", ["birthday"]),
    ("en", "no more free samples", ["samples"]),
    ("en", "stop asking me for feedback", ["feedback"]),
    ("en", "unsubscribe me from the newsletter", ["offers"]),
    ("en", "no more samples or surveys", ["samples", "feedback"]),
    ("en", "stop", EVERY),
    ("en", "unsubscribe me from everything", EVERY),
    ("en", "stop sending me samples and everything else", EVERY),
    # pl
    ("pl", "nie składajcie mi życzeń urodzinowych", ["birthday"]),
    ("pl", "nie wysyłajcie mi próbek", ["samples"]),
    ("pl", "nie pytajcie mnie o opinie", ["feedback"]),
    ("pl", "wypisz mnie z newslettera", ["offers"]),
    ("pl", "nie chcę już życzeń ani próbek", ["birthday", "samples"]),
    ("pl", "nie piszcie do mnie", EVERY),
    ("pl", "wypisz mnie ze wszystkiego", EVERY),
]


@pytest.mark.parametrize("lang,words,withdrawn", NAMED)
async def test_words_switch_off_exactly_what_they_name(harness, lang, words, withdrawn):
    h, uid = harness, 1
    await make_customer(h, uid, EVERY, lang=lang)
    before = len(await ledger(h, uid))
    replies = await h.say(uid, words)
    assert [r["text"] for r in replies] == [confirmation(lang, withdrawn)]
    [[undo]] = replies[0]["reply_markup"]["inline_keyboard"]
    assert undo["text"] == t("words.undo", lang)
    rows = (await ledger(h, uid))[before:]
    assert [(e.scope, e.action, e.method) for e in rows] == [(s, "withdraw", "words") for s in withdrawn]
    assert await granted(h, uid) == set(EVERY) - set(withdrawn)


async def test_the_example_of_the_issue_leaves_feedback_requests_on(harness):
    h, uid = harness, 2
    await make_customer(h, uid, ["birthday", "feedback"], lang="ru")
    replies = await h.say(uid, "больше не присылайте мне поздравления")
    assert [r["text"] for r in replies] == [t("scope.withdrawn_msg", "ru", scope=t("scope.birthday.button", "ru"))]
    assert await granted(h, uid) == {"feedback"}
    customer_rows = await ledger(h, uid)
    assert [(e.scope, e.action) for e in customer_rows][-1] == ("birthday", "withdraw")
    assert sum(e.action == "withdraw" for e in customer_rows) == 1


# ---- named but not switched on --------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,words,scope",
    [
        ("en", "no more free samples", "samples"),
        ("uk", "не вітайте мене", "birthday"),
        ("ru", "не просите меня об отзывах", "feedback"),
        ("pl", "wypisz mnie z newslettera", "offers"),
    ],
)
async def test_a_scope_named_but_not_on_is_said_so_and_nothing_else_changes(harness, lang, words, scope):
    h, uid = harness, 3
    others = [s for s in EVERY if s != scope]
    await make_customer(h, uid, others, lang=lang)
    rows = len(await ledger(h, uid))
    replies = await h.say(uid, words)
    assert [r["text"] for r in replies] == [t("words.none_granted", lang, scopes=t(f"scope.{scope}.button", lang))]
    assert not replies[0].get("reply_markup")  # nothing to undo
    assert len(await ledger(h, uid)) == rows
    assert await granted(h, uid) == set(others)


async def test_of_several_named_the_ones_on_are_switched_off_and_the_others_said_not_on(harness):
    h, uid = harness, 4
    await make_customer(h, uid, ["samples", "offers"], lang="en")
    replies = await h.say(uid, "no more samples or surveys")
    assert [r["text"] for r in replies] == [
        t("scope.withdrawn_msg", "en", scope=t("scope.samples.button", "en")),
        t("words.not_granted", "en", scopes=t("scope.feedback.button", "en")),
    ]
    assert await granted(h, uid) == {"offers"}
    # Its undo restores the one switched off.
    await h.press(uid, t("words.undo", "en"))
    assert await granted(h, uid) == {"samples", "offers"}


async def test_words_about_everything_with_nothing_on_say_nothing_is_sent(harness):
    h, uid = harness, 5
    await make_customer(h, uid, [], lang="uk")
    replies = await h.say(uid, "не пишіть мені")
    assert [r["text"] for r in replies] == [t("stop.nothing", "uk")]


# ---- the undo restores exactly what was switched off ----------------------------------------


async def test_undo_of_several_named_scopes_restores_exactly_those(harness):
    h, uid = harness, 6
    await make_customer(h, uid, ["birthday", "samples", "feedback", "offers"], lang="ru")
    [confirm] = await h.say(uid, "хватит присылать скидки и опросы")
    assert confirm["text"] == t("words.withdrawn_named", "ru", scopes=names(["feedback", "offers"], "ru"))
    assert await granted(h, uid) == {"birthday", "samples"}
    replies = await h.press(uid, t("words.undo", "ru"))
    assert [r["text"] for r in replies] == [t("words.undone", "ru", scopes=names(["feedback", "offers"], "ru"))]
    assert await granted(h, uid) == {"birthday", "samples", "feedback", "offers"}
    rows = (await ledger(h, uid))[-2:]
    assert [(e.scope, e.action, e.method, e.text_id, e.wording) for e in rows] == [
        (s, "grant", "button", UNDO_TEXT_ID, undo_wording("n", ["feedback", "offers"], "ru"))
        for s in ("feedback", "offers")
    ]
    assert rows[0].wording.startswith(confirm["plain_text"])


async def test_undo_of_the_example_restores_only_the_birthday_greeting(harness):
    h, uid = harness, 7
    await make_customer(h, uid, ["birthday", "feedback"], lang="ru")
    await h.say(uid, "больше не присылайте мне поздравления")
    before = len(await ledger(h, uid))
    await h.press(uid, t("words.undo", "ru"))
    rows = (await ledger(h, uid))[before:]
    assert [(e.scope, e.action) for e in rows] == [("birthday", "grant")]
    assert await granted(h, uid) == {"birthday", "feedback"}


async def test_a_forged_undo_of_several_scopes_is_refused(harness):
    h, uid = harness, 8
    await make_customer(h, uid, ["samples", "offers", "feedback"])
    [confirm] = await h.say(uid, "stop sending me samples and offers")
    assert confirm["text"] == t("words.withdrawn_named", "en", scopes=names(["samples", "offers"], "en"))
    rows = await ledger(h, uid)
    first, last = rows[-2].id, rows[-1].id
    for forged, alert in (
        (UndoCb(k="n", m=0b10, f=first, n=last, lang="en"), "error.expired"),  # "several" with one scope
        (UndoCb(k="n", m=0b1110, f=first, n=last, lang="en"), "words.undo_stale"),  # feedback stayed on
        (UndoCb(k="x", m=0b1010, f=first, n=last, lang="en"), "error.expired"),
    ):
        await h.press_data(uid, confirm["message_id"], forged.pack())
        assert h.last_alert() == t(alert, "en")
    assert await granted(h, uid) == {"feedback"}
    assert undo_data(confirm) == UndoCb(k="n", m=0b1010, f=first, n=last, lang="en").pack()
    await h.press(uid, t("words.undo", "en"))
    assert await granted(h, uid) == {"samples", "offers", "feedback"}


def undo_data(reply) -> str:
    [[button]] = reply["reply_markup"]["inline_keyboard"]
    return button["callback_data"]


# ---- the model's reading agrees with the keyword rules ----------------------------------------


@pytest.mark.parametrize(
    "lang,words,entity,withdrawn",
    [
        # Words the keyword rules do not read as a withdrawal; the model does, with its scope.
        ("ru", "поздравления мне больше ни к чему", "поздравления", ["birthday"]),
        ("uk", "пробники мені вже ні до чого", "пробники", ["samples"]),
        ("en", "I could do without the surveys from now on", "surveys", ["feedback"]),
        ("pl", "oferty już mi się nie przydadzą", "oferty", ["offers"]),
        # The model's scope adds to what the words name, never narrows words about everything.
        ("en", "samples, offers, everything: I could do without", "samples", EVERY),
        ("en", "I could do without any of this", "offers", EVERY),
    ],
)
async def test_the_model_withdraws_what_the_words_name(nlu_harness, rasa, lang, words, entity, withdrawn):  # noqa: F811
    h, uid = nlu_harness, 20
    await make_customer(h, uid, EVERY, lang=lang)
    say_means(rasa, words, "opt_out", 0.9, scope=entity)
    replies = await h.say(uid, words)
    assert [r["text"] for r in replies] == [confirmation(lang, withdrawn)]
    assert await granted(h, uid) == set(EVERY) - set(withdrawn)


async def test_the_model_and_the_rules_read_the_example_alike(nlu_harness, rasa):  # noqa: F811
    """The rules read the example anyway; a model that said "feedback" too adds nothing it did not name."""
    h, uid = nlu_harness, 21
    await make_customer(h, uid, ["birthday", "feedback"], lang="ru")
    say_means(rasa, "больше не присылайте мне поздравления", "opt_out", 0.9)
    await h.say(uid, "больше не присылайте мне поздравления")
    assert await granted(h, uid) == {"feedback"}
