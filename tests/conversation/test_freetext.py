"""Free text through the bot: Rasa (a fake server speaking its HTTP API) and the keyword rules.

Consent stays asymmetric: words withdraw at once; words never grant (a button confirms)."""

import pytest
from sqlalchemy import select

from bot.nlu import NLUClient
from bot.runtime import Understanding
from bot.texts import t
from storage.models import ConsentEvent, Customer
from tests.delivery.test_delivery import make_customer
from tests.harness import Harness
from tests.nlu.test_nlu_client import FakeRasa, rasa_answer


@pytest.fixture
async def rasa():
    server = FakeRasa()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def nlu_harness(api, settings_factory, rasa):
    settings = settings_factory(nlu_url=rasa.url)
    h = Harness(api, settings, nlu=Understanding(NLUClient(rasa.url, timeout=0.5)))
    await h.start()
    yield h
    await h.stop()


def say_means(rasa, text, intent, confidence=0.95, **entities):
    rasa.answers[text] = rasa_answer(
        text,
        intent,
        confidence,
        [{"entity": name, "value": value, "start": 0, "end": 1} for name, value in entities.items()],
    )


async def events(h, user_id=1):
    async with h.services.sessions() as session:
        return [
            (e.scope, e.action, e.method)
            for e in (
                await session.execute(
                    select(ConsentEvent).where(ConsentEvent.customer_id == user_id).order_by(ConsentEvent.id)
                )
            ).scalars()
        ]


async def test_opt_out_with_scope_withdraws_only_that_scope(nlu_harness, rasa):
    h = nlu_harness
    await make_customer(h, 1, ["samples", "offers"])
    say_means(rasa, "please no more freebies", "opt_out", scope="samples")
    replies = await h.say(1, "please no more freebies")
    assert replies[-1]["text"] == t("scope.withdrawn_msg", "en", scope="Free samples")
    assert (await events(h))[-1] == ("samples", "withdraw", "words")
    assert len(await events(h)) == 3


async def test_opt_in_in_words_only_offers_the_button(nlu_harness, rasa):
    h = nlu_harness
    await make_customer(h, 1, [])
    say_means(rasa, "i'd like birthday wishes", "opt_in", scope="birthday")
    replies = await h.say(1, "i'd like birthday wishes")
    assert replies[-1]["text"] == t(
        "optin.confirm", "en", scope="Birthday greeting", desc=t("scope.birthday.desc", "en")
    )
    assert await events(h) == []  # nothing granted by words
    await h.press(1, "Birthday greeting")
    assert await events(h) == [("birthday", "grant", "button")]


async def test_low_confidence_never_changes_consent(nlu_harness, rasa):
    h = nlu_harness
    await make_customer(h, 1, ["offers"])
    say_means(rasa, "hmm maybe offers", "opt_out", confidence=0.3, scope="offers")
    replies = await h.say(1, "hmm maybe offers")
    assert replies[-1]["text"] == t("fallback.unknown", "en")
    assert len(await events(h)) == 1


async def test_birthday_and_name_in_free_text(nlu_harness, rasa):
    h = nlu_harness
    await make_customer(h, 1, ["birthday"], lang="uk", name="Olena")
    say_means(rasa, "мій день народження 12 травня", "give_birthday", date="12 травня")
    replies = await h.say(1, "мій день народження 12 травня")
    assert replies[-1]["text"] == t("birthday.confirm", "uk", date="12 травня")
    await h.press(1, t("btn.yes", "uk"))
    say_means(rasa, "звіть мене Леся", "give_name", name="Леся")
    await h.say(1, "звіть мене Леся")
    async with h.services.sessions() as session:
        customer = await session.get(Customer, 1)
    assert (customer.birthday_month, customer.birthday_day, customer.name) == (5, 12, "Леся")


async def test_ask_my_data_and_forget_me(nlu_harness, rasa):
    h = nlu_harness
    await make_customer(h, 1, ["offers"], lang="pl")
    say_means(rasa, "co o mnie wiecie?", "ask_my_data")
    replies = await h.say(1, "co o mnie wiecie?")
    assert replies[0]["text"].startswith(t("mydata.title", "pl")) and replies[-1]["kind"] == "document"
    replies = await h.say(1, "usuń moje dane")  # the keyword rules catch this even if the model did not
    assert replies[-1]["text"] == t("forget.confirm", "pl")


async def test_stop_still_works_when_rasa_is_down(nlu_harness, rasa):
    h = nlu_harness
    await make_customer(h, 1, ["samples", "birthday"], lang="ru")
    await rasa.stop()
    replies = await h.say(1, "хватит присылать пробники")
    assert replies[-1]["text"] == t("scope.withdrawn_msg", "ru", scope=t("scope.samples.button", "ru"))
    replies = await h.say(1, "стоп")
    assert replies[-1]["text"].startswith(t("stop.done", "ru", scopes="")[:8])
    assert [e[1] for e in await events(h)] == ["grant", "grant", "withdraw", "withdraw"]
    await rasa.start()
