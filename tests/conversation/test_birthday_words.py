"""Birthdays as people write them, through the real conversation (local Bot API, real handlers
and database): a date inside a sentence at the birthday question, a change of the birthday by
words later on (confirmed by button, kept over a restart), and never a birthday stored while
the `birthday` scope is off (its consent button is offered instead)."""

import pytest
from sqlalchemy import select

from bot.consent.ledger import record_consent
from bot.dates import format_birthday
from bot.texts import t
from storage.models import ConsentEvent, Customer, FsmRecord
from tests.conversation.test_freetext import nlu_harness, rasa, say_means  # noqa: F401 - fixtures
from tests.delivery.test_delivery import make_customer

ANN = 1001


def buttons(message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


async def stored(harness, user_id=ANN):
    async with harness.services.sessions() as session:
        customer = await session.get(Customer, user_id)
        return (customer.birthday_month, customer.birthday_day, customer.birthday_year)


async def ledger(harness, user_id=ANN):
    async with harness.services.sessions() as session:
        rows = await session.execute(
            select(ConsentEvent).where(ConsentEvent.customer_id == user_id).order_by(ConsentEvent.id)
        )
        return [(e.scope, e.action, e.method) for e in rows.scalars()]


async def at_birthday_question(harness, lang, scopes=("birthday",), **fields):
    """A customer with `scopes` who opened /preferences and pressed "Birthday"."""
    await make_customer(harness, ANN, list(scopes), lang=lang, **fields)
    await harness.say(ANN, "/preferences")
    replies = await harness.press(ANN, t("prefs.btn.birthday", lang))
    assert replies[-1]["text"] == t("birthday.ask", lang)


# The sentences of issue 15 and more natural phrasings, in every customer language.
SENTENCES = [
    ("en", "my birthday is on the 4th of May", (5, 4, None)),
    ("en", "I was born on 4 May 1991", (5, 4, 1991)),
    ("en", "it's 12 May", (5, 12, None)),
    ("en", "May 4th is my birthday", (5, 4, None)),
    ("uk", "мій день народження 12 травня", (5, 12, None)),
    ("uk", "12-го травня", (5, 12, None)),
    ("uk", "я народилася 5 травня 1990 року", (5, 5, 1990)),
    ("uk", "мій др 12.05", (5, 12, None)),
    ("ru", "родился 3 марта 1988 года", (3, 3, 1988)),
    ("ru", "мой день рождения 12-го мая", (5, 12, None)),
    ("ru", "у меня день рождения 4 мая", (5, 4, None)),
    ("pl", "urodziłam się 3 marca 1990", (3, 3, 1990)),
    ("pl", "w dniu 3 marca", (3, 3, None)),
    ("pl", "moje urodziny są 12 maja", (5, 12, None)),
]


@pytest.mark.parametrize("lang,text,expected", SENTENCES)
async def test_a_birthday_in_a_sentence_at_the_question_is_confirmed_and_stored(harness, lang, text, expected):
    await at_birthday_question(harness, lang)
    replies = await harness.say(ANN, text)
    shown = format_birthday(*expected, lang)
    assert replies[-1]["text"] == t("birthday.confirm", lang, date=shown)
    assert buttons(replies[-1]) == [t("btn.yes", lang), t("btn.no", lang)]
    assert await stored(harness) == (None, None, None)  # nothing before the button
    await harness.press(ANN, t("btn.yes", lang))
    assert await stored(harness) == expected


@pytest.mark.parametrize(
    "lang,text,error",
    [
        ("en", "my birthday is today", "not_a_date"),
        ("en", "I was born 2 days ago", "relative"),
        ("uk", "мій день народження сьогодні", "not_a_date"),
        ("ru", "я родилась 31 февраля", "impossible"),
        ("ru", "у меня день рождения завтра", "not_a_date"),
        ("pl", "urodziłem się 3 marca 2090", "future"),
        ("pl", "urodziny mam 3 marca albo 4 marca", "ambiguous"),
    ],
)
async def test_no_date_that_is_not_in_the_text_becomes_a_birthday(harness, lang, text, error):
    """dateparser's relative words ("today", "завтра") are no birthday; an impossible, future or
    doubled date is refused with its reason, the question asked again, nothing stored."""
    await at_birthday_question(harness, lang)
    replies = await harness.say(ANN, text)
    assert replies[-1]["text"] == t(f"birthday.error.{error}", lang) + "\n" + t("birthday.ask", lang)
    assert await stored(harness) == (None, None, None)


CHANGES = [
    ("en", "my birthday is actually on the 5th of May"),
    ("uk", "мій день народження насправді 5 травня"),
    ("ru", "вообще-то мой день рождения 5 мая"),
    ("pl", "moje urodziny są właściwie 5 maja"),
]


@pytest.mark.parametrize("lang,text", CHANGES)
async def test_the_birthday_changed_by_words_is_confirmed_then_stored_and_survives_a_restart(harness, lang, text):
    await make_customer(harness, ANN, ["birthday"], lang=lang, birthday_month=5, birthday_day=4)
    replies = await harness.say(ANN, text)
    old, new = format_birthday(5, 4, None, lang), format_birthday(5, 5, None, lang)
    assert replies[-1]["text"] == t("birthday.change_confirm", lang, old=old, date=new)
    assert buttons(replies[-1]) == [
        t("birthday.change_yes", lang, date=new),
        t("birthday.change_keep", lang, old=old),
    ]
    assert t("scope.already_on", lang, scope=t("scope.birthday.button", lang)) not in harness.texts(ANN)
    assert await stored(harness) == (5, 4, None)  # not before the button
    await harness.press(ANN, t("birthday.change_yes", lang, date=new))
    assert await stored(harness) == (5, 5, None)
    await harness.restart()
    assert await stored(harness) == (5, 5, None)
    replies = await harness.say(ANN, "/preferences")
    assert t("prefs.birthday", lang, value=new) in replies[-1]["text"]


@pytest.mark.parametrize("lang,text", CHANGES)
async def test_keeping_the_stored_birthday_changes_nothing(harness, lang, text):
    await make_customer(harness, ANN, ["birthday"], lang=lang, birthday_month=5, birthday_day=4, birthday_year=1990)
    await harness.say(ANN, text)
    old = format_birthday(5, 4, 1990, lang)
    await harness.press(ANN, t("birthday.change_keep", lang, old=old))
    assert t("birthday.kept", lang, date=old) in harness.texts(ANN)[-2]  # the question gained the answer
    assert await stored(harness) == (5, 4, 1990)


async def test_a_change_read_by_the_model_as_asking_for_greetings_still_offers_the_change(nlu_harness, rasa):  # noqa: F811
    """The issue's symptom: the model read "birthday" as opt_in (scope birthday) and the bot
    answered "Birthday greeting is already allowed"; the date in the sentence wins."""
    h = nlu_harness
    await make_customer(h, ANN, ["birthday"], birthday_month=5, birthday_day=4)
    text = "my birthday is actually on the 5th of May"
    say_means(rasa, text, "opt_in", scope="birthday")
    replies = await h.say(ANN, text)
    assert replies[-1]["text"] == t("birthday.change_confirm", "en", old="4 May", date="5 May")
    await h.press(ANN, "Yes, 5 May")
    assert await stored(h) == (5, 5, None)


async def test_the_models_date_entity_is_read_when_the_words_alone_are_not(nlu_harness, rasa):  # noqa: F811
    """An English customer writing Ukrainian with an abbreviated month: the sentence is searched
    in English only, so the model's `date` entity (a piece of the text) is read instead; an
    entity that is not in the text is never taken."""
    h = nlu_harness
    await make_customer(h, ANN, ["birthday"])
    text = "я народилася 5 трав. 1990"
    say_means(rasa, text, "give_birthday", date="5 трав. 1990")
    replies = await h.say(ANN, text)
    assert replies[-1]["text"] == t("birthday.confirm", "en", date="5 May 1990")
    say_means(rasa, "hello there, birthday girl", "give_birthday", date="5 May")
    replies = await h.say(ANN, "hello there, birthday girl")
    assert replies[-1]["text"].startswith(t("birthday.error.not_a_date", "en"))


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("en", "my birthday is on the 4th of May", (5, 4, None)),
        ("uk", "мій день народження 12 травня", (5, 12, None)),
        ("ru", "родился 3 марта 1988 года", (3, 3, 1988)),
        ("pl", "urodziłam się 3 marca 1990", (3, 3, 1990)),
    ],
)
async def test_a_birthday_without_its_scope_is_not_stored_and_its_button_is_offered(harness, lang, text, expected):
    await make_customer(harness, ANN, ["samples"], lang=lang)
    replies = await harness.say(ANN, text)
    shown = format_birthday(*expected, lang)
    scope, desc = t("scope.birthday.button", lang), t("scope.birthday.desc", lang)
    assert replies[-1]["text"] == t("birthday.needs_scope", lang, date=shown, scope=scope, desc=desc)
    assert buttons(replies[-1]) == ["✅ " + scope]
    assert await stored(harness) == (None, None, None)
    assert await ledger(harness) == [("samples", "grant", "button")]
    # The scope's consent button: a grant by button, then the date to confirm.
    replies = await harness.press(ANN, scope)
    assert await ledger(harness) == [("samples", "grant", "button"), ("birthday", "grant", "button")]
    assert replies[-1]["text"] == t("birthday.confirm", lang, date=shown)
    assert await stored(harness) == (None, None, None)
    await harness.press(ANN, t("btn.yes", lang))
    assert await stored(harness) == expected


async def test_the_birthday_question_without_the_scope_stores_nothing(harness):
    """/preferences → Birthday while the scope is off: the typed date is not kept (not even in
    the dialogue's data), the scope's button is offered."""
    await at_birthday_question(harness, "uk", scopes=())
    replies = await harness.say(ANN, "12 травня 1990")
    assert buttons(replies[-1]) == ["✅ " + t("scope.birthday.button", "uk")]
    assert await stored(harness) == (None, None, None)
    assert await ledger(harness) == []
    async with harness.services.sessions() as session:
        rows = (await session.execute(select(FsmRecord))).scalars().all()
    assert rows and not any("1990" in str(row.data) for row in rows)


async def test_yes_after_the_scope_was_withdrawn_stores_nothing(harness):
    await at_birthday_question(harness, "ru")
    await harness.say(ANN, "родился 3 марта 1988 года")
    async with harness.services.sessions() as session, session.begin():
        customer = await session.get(Customer, ANN)
        await record_consent(session, customer=customer, scope="birthday", grant=False, method="button")
    replies = await harness.press(ANN, t("btn.yes", "ru"))
    assert await stored(harness) == (None, None, None)
    assert buttons(replies[-1]) == ["✅ " + t("scope.birthday.button", "ru")]


async def test_a_forged_date_in_the_scope_button_offers_no_date(harness):
    await make_customer(harness, ANN, [])
    await harness.say(ANN, "hello")
    message_id = harness.api.sent(ANN)[-1]["message_id"]
    replies = await harness.press_data(ANN, message_id, "sc:on:birthday:1:bd02311990:en")
    assert await ledger(harness) == [("birthday", "grant", "button")]  # the button itself grants
    assert not any(t("birthday.confirm", "en", date="")[:10] in r.get("text", "") for r in replies)
    assert await stored(harness) == (None, None, None)


async def test_a_withdrawal_read_by_the_model_at_the_question_is_not_taken_for_a_date(nlu_harness, rasa):  # noqa: F811
    """At the birthday question a model's withdrawal yields to a date alone (models misread short
    answers), never to a sentence that only has a date in it: the withdrawal acts at once."""
    h = nlu_harness
    await at_birthday_question(h, "en")
    text = "I would rather skip the greetings from 4 May on"  # no keyword rule: only the model reads it
    say_means(rasa, text, "opt_out", scope="birthday")
    replies = await h.say(ANN, text)
    assert replies[0]["text"] == t("scope.withdrawn_msg", "en", scope=t("scope.birthday.button", "en"))
    assert (await ledger(h))[-1] == ("birthday", "withdraw", "words")
    assert await stored(h) == (None, None, None)
