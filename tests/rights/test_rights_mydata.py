"""/mydata shows everything stored about the customer (GDPR Art. 15)."""

import json

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
