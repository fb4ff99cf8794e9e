"""/mydata shows everything stored about the customer (GDPR Art. 15)."""

import json

import pytest
from sqlalchemy import select

from bot.texts import t
from storage.models import Outbox
from tests.rights.test_rights_erasure import ANN, WORDS, owner_harness, rich_customer  # noqa: F401 - the fixture


async def test_mydata_lists_every_kind_of_data_stored(owner_harness):
    h = owner_harness
    await rich_customer(h)
    replies = await h.say(ANN, "/mydata")
    summary, document = replies[0]["text"], replies[-1]
    record = json.loads(document["file_bytes"])
    assert record["purchases"] == [{"product": "Espresso", "amount": 12.5, "at": record["purchases"][0]["at"]}]
    assert [(f["rating"], f["comment"], f["subject"]) for f in record["feedback"]] == [
        (2, "The beans were stale", "purchase:1")
    ]
    assert [(s["product"], s["status"]) for s in record["sample_requests"]] == [("Yirgacheffe 100 g", "accepted")]
    referrals = record["referrals"]
    assert referrals["came_through_a_friends_link"]["at"] and len(referrals["friends_who_came_through_your_link"]) == 1
    assert "7808" not in json.dumps(referrals) and "7707" not in json.dumps(referrals)  # not other people's ids
    # Both responses: the one under a pseudonym (no tracking yet) and the one with her id.
    assert sorted((r["kind"], r["action"], r["pseudonymous"]) for r in record["responses"]) == [
        ("feedback", "rate", False),
        ("sample", "accept", True),
    ]
    profile = record["profile"]
    assert profile["reachable"] is True and profile["last_seen_at"] and profile["purchases_count"] == 1
    # Every message sent has its text, as sent; the queued one is shown as it would read.
    async with h.services.sessions() as session:
        sent = (
            (
                await session.execute(
                    select(Outbox)
                    .where(Outbox.customer_id == ANN, Outbox.sent_at.is_not(None))
                    .order_by(Outbox.sent_at)
                )
            )
            .scalars()
            .all()
        )
    assert len(sent) == 2 and all(row.sent_text for row in sent)
    assert [m["text"] for m in record["messages_sent"]] == [row.sent_text for row in sent]
    assert "Yirgacheffe" in record["messages_sent"][0]["text"] and "Espresso" in record["messages_sent"][1]["text"]
    assert [(m["kind"], m["status"]) for m in record["messages_queued"]] == [("sample", "pending")]
    assert "Espresso sampler" in record["messages_queued"][0]["text"]
    # Her own words in the consent history, beside the bot's wording of the buttons she pressed.
    words = [e for e in record["consent_history"] if e["method"] == "words"]
    assert [(e["wording"], e["your_words"]) for e in words] == [(None, WORDS)]
    for line in (
        t("mydata.purchases", "en", n=1),
        t("mydata.feedback", "en", n=1),
        t("mydata.samples", "en", n=1),
        t("mydata.referrals", "en", n=1),
        t("mydata.queued", "en", n=1),
        t("mydata.responses", "en", n=2, pseudonymous=1),
    ):
        assert line in summary, line


async def test_mydata_after_forget_shows_what_is_kept(owner_harness):
    h = owner_harness
    await rich_customer(h)
    await h.say(ANN, "/forget")
    await h.press(ANN, "Yes")
    record = json.loads((await h.say(ANN, "/mydata"))[-1]["file_bytes"])
    assert (record["purchases"], record["feedback"], record["sample_requests"], record["responses"]) == ([],) * 4
    assert record["referrals"] == {"came_through_a_friends_link": None, "friends_who_came_through_your_link": []}
    assert record["messages_queued"] == []
    assert all(m["text"] is None for m in record["messages_sent"])
    assert record["consent_history"] and all(e.get("your_words") is None for e in record["consent_history"])
    assert record["profile"]["forgotten_at"] and record["profile"]["telegram_first_name"] is None


# ---- the customer's own vocabulary (issue 15) ---------------------------------------------------


@pytest.mark.parametrize(
    "lang, coffee, button",
    [("uk", "Кава", "кнопкою"), ("ru", "Кофе", "кнопкой"), ("pl", "Kawa", "przyciskiem")],
)
async def test_mydata_speaks_the_customers_language(owner_harness, lang, coffee, button):
    """Interests by their names, methods in words, "none" for an empty list, and the stage by the
    same name the staff console uses; the file keeps the stored values."""
    from bot.staff_texts import STAFF_LANGUAGE, stage_name
    from tests.conversation.test_conversation import _choose_interests

    h = owner_harness
    h.user(ANN, lang=lang, name="Ann")
    await h.say(ANN, "/start")
    await h.press(ANN, t("scope.samples.button", lang))
    await _choose_interests(h, ANN, "coffee")
    await h.say(ANN, "/stop")  # by a command: nothing is allowed now
    await h.say(ANN, "/start")
    await h.press(ANN, t("scope.samples.button", lang))
    await h.say(ANN, "/stop")
    replies = await h.say(ANN, "/mydata")
    summary, record = replies[0]["text"], json.loads(replies[-1]["file_bytes"])
    assert t("prefs.interests", lang, value=coffee) in summary and "coffee" not in summary
    assert t("mydata.scopes", lang, value=t("mydata.none", lang)) in summary
    assert t("prefs.not_set", lang) not in t("mydata.scopes", lang, value=t("mydata.none", lang))
    assert f"({button})" in summary and f"({t('mydata.method.command', lang)})" in summary
    assert "(button)" not in summary and "(command)" not in summary
    assert record["preferences"]["interests"] == ["coffee"]
    token = STAFF_LANGUAGE.set(lang)
    try:
        staff_word = stage_name("former")
    finally:
        STAFF_LANGUAGE.reset(token)
    assert t("mydata.stage", lang, value=staff_word) in summary


@pytest.mark.parametrize("lang", ["en", "uk", "ru", "pl"])
def test_every_method_written_to_the_ledger_has_a_name_in_every_language(lang):
    from bot.routers.rights import method_name

    for method in ("button", "command", "words", "blocked"):
        assert method_name(method, lang) == t(f"mydata.method.{method}", lang) != method
    assert method_name("<api>", lang) == "&lt;api&gt;"  # an unknown one, as stored, escaped


# ---- every table that refers to the customer (bot/consent/personal_data.py) -------------------


@pytest.mark.parametrize("lang", ["en", "uk", "ru", "pl"])
async def test_mydata_shows_every_declared_table(owner_harness, lang):
    """Ann in every table: the file has exactly the keys the declaration names, each new one filled
    (shop link, series, withdrawal reasons, win-back, what webhooks told the shop), and the summary
    counts them in her language."""
    from bot.consent.personal_data import mydata_keys
    from storage.models import Customer
    from tests.rights.test_rights_erasure import SHOP_ID, customer_in_every_table

    h = owner_harness
    await customer_in_every_table(h)
    async with h.services.sessions() as session, session.begin():
        (await session.get(Customer, ANN)).language = lang
    replies = await h.say(ANN, "/mydata")
    summary, record = replies[0]["text"], json.loads(replies[-1]["file_bytes"])
    assert set(record) == mydata_keys()
    assert [link["shop_customer_id"] for link in record["shop_links"]["linked"]] == [SHOP_ID]
    assert [(u["shop_customer_id"], bool(u["used_at"])) for u in record["shop_links"]["links_used"]] == [
        (SHOP_ID, True)
    ]
    assert [(s["sequence"], s["because"], s["status"], s["left_reason"]) for s in record["sequences"]] == [
        ("Welcome coffee", "grant:offers", "left", "withdrawn")
    ]
    assert record["sequences"][0]["entered_at"] and record["sequences"][0]["finished_at"]
    assert [(r["scope"], r["reason"]) for r in record["withdrawal_reasons"]] == [("samples", "words")]
    assert [(w["campaign_id"], w["outcome"]) for w in record["win_backs"]] == [(1, None)]
    sent = record["sent_to_the_shop"]
    assert [(d["event"], d["scope"], d["recipient"]) for d in sent] == [("consent.granted", "offers", "shop.example")]
    assert sent[0]["created_at"] and sent[0]["status"]
    assert record["pauses"] and record["frequency_limits"]
    for key, n in (("shop-links", 1), ("sequences", 1), ("reasons", 1), ("win-backs", 1), ("shop-sent", 1)):
        assert t(f"mydata.{key}", lang, n=n) in summary, key


async def test_mydata_leaves_out_the_new_lines_when_there_is_nothing(owner_harness):
    from tests.delivery.test_delivery import make_customer

    h = owner_harness
    await make_customer(h, ANN, ["offers"])
    replies = await h.say(ANN, "/mydata")
    summary, record = replies[0]["text"], json.loads(replies[-1]["file_bytes"])
    for key in ("shop-links", "sequences", "reasons", "win-backs", "shop-sent"):
        assert t(f"mydata.{key}", "en", n=0) not in summary
    assert record["shop_links"] == {"linked": [], "links_used": []}
    assert record["sequences"] == record["withdrawal_reasons"] == record["win_backs"] == []
    assert record["sent_to_the_shop"] == []
