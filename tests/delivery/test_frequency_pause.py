"""Frequency limits and pauses end to end (SQLite and PostgreSQL): staff /limits, a customer's own
limit from /preferences, /pause, /resume, the pause buttons under a delivery and in /preferences,
the sender and the audience keeping to them, and the one note when a pause ends."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.delivery import jobs
from bot.delivery.audience import sample_audience
from bot.delivery.outbox import enqueue
from bot.delivery.service import make_sender
from bot.texts import t
from storage.models import Category, CustomerInterest, FrequencyLimit, Pause
from storage.types import utcnow
from tests.delivery.test_delivery import make_customer, outbox, texts_to

UTC = timezone.utc
OWNER = 9001
ANN = 501


@pytest.fixture
async def owner_harness(harness):
    harness.services.settings = harness.settings = harness.settings.model_copy(update={"admin_ids": [OWNER]})
    await harness.restart()
    harness.user(OWNER, name="Olga")
    return harness


async def queue(h, customer_id, kind, occasion, **payload):
    async with h.services.sessions() as session, session.begin():
        payload = payload or {"product": "Espresso", "offer_id": 1, "expires": "2099-01-01", "text": "News"}
        await enqueue(session, customer_id=customer_id, kind=kind, occasion=occasion, payload=payload)


async def drain(h, at=None):
    jobs.bind(h.services)
    clock = (lambda: at) if at is not None else utcnow
    sender = make_sender(h.services, h.bot, clock=clock, rate=None, per_chat=None)
    return await sender.drain()


async def pauses(h, customer_id):
    async with h.services.sessions() as session:
        rows = await session.execute(select(Pause).where(Pause.customer_id == customer_id).order_by(Pause.id))
        return list(rows.scalars())


def deliveries(h, user_id):
    """Messages the bot sent on its own (they carry the pause row)."""
    return [m for m in h.api.sent(user_id) if "⏸" in str(m.get("reply_markup"))]


async def test_staff_limits_are_stored_survive_a_restart_and_hold_at_send_time(owner_harness):
    h = owner_harness
    await make_customer(h, ANN, ["samples", "offers"])
    reply = await h.say(OWNER, "/limits offers week 1")
    assert "offers: at most 1 per week" in reply[-1]["text"]
    await h.say(OWNER, "/limits all day 5")
    await h.restart()  # stored in the database
    assert "offers: at most 1 per week" in (await h.say(OWNER, "/limits"))[-1]["text"]
    # A customer cannot use it: no such command for them (the fallback answers).
    assert "at most" not in str(await h.say(ANN, "/limits offers week 9"))
    await queue(h, ANN, "campaign", "c1")
    await queue(h, ANN, "campaign", "c2")
    await queue(h, ANN, "sample", "s1")
    await drain(h)
    rows = {r.idem_key.split(":")[2]: r for r in await outbox(h)}
    assert rows["c1"].status == "sent" and rows["s1"].status == "sent"  # another scope: not limited
    assert (rows["c2"].status, rows["c2"].reason) == ("dropped", "limit:offers:week")
    assert len(deliveries(h, ANN)) == 2
    # off removes the limit
    await h.say(OWNER, "/limits offers week off")
    async with h.services.sessions() as session:
        assert not (await session.execute(select(FrequencyLimit).where(FrequencyLimit.scope == "offers"))).all()


async def test_a_customer_tightens_the_limits_in_preferences(harness):
    h = harness
    await make_customer(h, ANN, ["samples", "offers", "feedback"])
    await h.say(ANN, "/preferences")
    await h.press(ANN, "How often")
    saved = await h.press(ANN, "at most 1 a week: all messages")
    assert "Your limits: at most 1 a week: all messages" in str(saved)
    await queue(h, ANN, "sample", "s1")
    await queue(h, ANN, "campaign", "c1")
    await queue(h, ANN, "feedback", "f1", product="Espresso", subject="purchase:1")
    await drain(h)
    by_kind = {r.kind: r for r in await outbox(h)}
    assert by_kind["sample"].status == "sent"
    assert (by_kind["campaign"].status, by_kind["campaign"].reason) == ("dropped", "limit:all:week")
    # a feedback request over the limit waits for room, a week after the message sent
    feedback = by_kind["feedback"]
    assert (feedback.status, feedback.reason) == ("pending", "limit:all:week")
    # (the sample counted from the moment it was checked, a little before its send)
    assert abs(feedback.not_before - (by_kind["sample"].sent_at + timedelta(days=7))) < timedelta(minutes=1)
    assert len(deliveries(h, ANN)) == 1
    await h.say(ANN, "/preferences")
    await h.press(ANN, "How often")
    await h.press(ANN, "Only the shop's limits")
    async with h.services.sessions() as session:
        assert not (await session.execute(select(FrequencyLimit))).all()


async def test_pause_command_and_nothing_is_sent_during_it(harness):
    h = harness
    await make_customer(h, ANN, ["samples", "offers", "feedback", "birthday"])
    asked = await h.say(ANN, "/pause")
    assert asked[-1]["text"] == t("pause.ask", "en")
    await h.press(ANN, "2 weeks")
    question = h.api.sent(ANN)[-1]  # the question gains the answer, losing its buttons
    assert question["text"].startswith(t("pause.ask", "en")) and "Paused until" in question["text"]
    assert "Nothing is withdrawn" in question["text"] and not question.get("reply_markup")
    [pause] = await pauses(h, ANN)
    assert (pause.method, pause.ended_at) == ("command", None)
    assert pause.ends_at - pause.starts_at == timedelta(days=14)
    await queue(h, ANN, "sample", "s1")
    await queue(h, ANN, "campaign", "c1")
    await queue(h, ANN, "feedback", "f1", product="Espresso", subject="purchase:1")
    await drain(h)
    by_kind = {r.kind: r for r in await outbox(h)}
    assert (by_kind["sample"].status, by_kind["sample"].reason) == ("dropped", "paused")
    assert (by_kind["campaign"].status, by_kind["campaign"].reason) == ("dropped", "paused")
    assert (by_kind["feedback"].status, by_kind["feedback"].reason) == ("pending", "paused")
    assert by_kind["feedback"].not_before == pause.ends_at
    assert deliveries(h, ANN) == []
    # the audience queries leave a paused customer out, and the scopes stay granted
    async with h.services.sessions() as session, session.begin():
        coffee = (await session.execute(select(Category.id).where(Category.slug == "coffee"))).scalar_one()
        session.add(CustomerInterest(customer_id=ANN, category_id=coffee))
    async with h.services.sessions() as session:
        assert await sample_audience(session, category_id=coffee) == []
        assert await sample_audience(session, category_id=coffee, now=pause.ends_at) == [ANN]
    assert "✅" in (await h.say(ANN, "/preferences"))[-1]["text"]
    # /resume ends it: recorded as resumed, and messages go again
    assert (await h.say(ANN, "/resume"))[-1]["text"] == t("pause.resumed", "en")
    assert (await h.say(ANN, "/resume"))[-1]["text"] == t("pause.not_paused", "en")
    [pause] = await pauses(h, ANN)
    assert pause.end_reason == "resumed" and pause.ended_at is not None
    await queue(h, ANN, "sample", "s2")
    await drain(h)
    assert len(deliveries(h, ANN)) == 1


async def test_the_pause_button_under_a_delivery_and_a_pause_after_the_check(harness):
    h = harness
    await make_customer(h, ANN, ["samples", "feedback"])
    await queue(h, ANN, "sample", "s1")
    await drain(h)
    [delivered] = deliveries(h, ANN)
    for row in delivered["reply_markup"]["inline_keyboard"]:
        for button in row:
            assert len(button.get("callback_data", "").encode()) <= 64
    reply = await h.press(ANN, "1 month")
    assert "Paused until" in str(reply)
    [pause] = await pauses(h, ANN)
    assert pause.method == "button" and pause.ends_at - pause.starts_at == timedelta(days=30)
    # the send-time re-check: a row claimed before the pause is not sent
    await queue(h, ANN, "sample", "s2")
    await queue(h, ANN, "feedback", "f1", product="Espresso", subject="purchase:1")
    sender = make_sender(h.services, h.bot, rate=None, per_chat=None)
    async with h.services.sessions() as session, session.begin():
        rows = await sender._claim(session, utcnow())
    await sender._send_wave(rows, {})
    by_key = {r.idem_key: r for r in await outbox(h)}
    assert (by_key[f"{ANN}:sample:s2"].status, by_key[f"{ANN}:sample:s2"].reason) == ("dropped", "paused")
    assert (by_key[f"{ANN}:feedback:f1"].status, by_key[f"{ANN}:feedback:f1"].reason) == ("pending", "paused")
    assert len(deliveries(h, ANN)) == 1


async def test_pause_from_preferences_shown_in_mydata_and_preferences(harness):
    h = harness
    await make_customer(h, ANN, ["offers"])
    await h.say(ANN, "/preferences")
    await h.press(ANN, "Pause")
    shown = await h.press(ANN, "1 week")  # the question gains the answer; the preferences follow
    assert "Paused until" in h.api.sent(ANN)[-2]["text"] and "Pause until:" in shown[-1]["text"]
    [pause] = await pauses(h, ANN)
    assert pause.method == "preferences"
    mydata = await h.say(ANN, "/mydata")
    assert "Pause until:" in mydata[0]["text"]
    import json

    record = json.loads(mydata[-1]["file_bytes"])
    assert record["pauses"][0]["set_with"] == "preferences" and record["pauses"][0]["how_it_ended"] is None
    assert record["scopes"]["offers"] is True  # a pause is not a withdrawal
    # resume from /preferences
    await h.say(ANN, "/preferences")
    await h.press(ANN, "Pause")
    await h.press(ANN, "Resume now")
    [pause] = await pauses(h, ANN)
    assert pause.end_reason == "resumed"


async def test_a_pause_ends_by_itself_with_one_note_in_waking_hours(harness):
    h = harness
    await make_customer(h, ANN, ["offers"], timezone="UTC", quiet_start=22 * 60, quiet_end=8 * 60)
    await make_customer(h, ANN + 1, ["offers"])
    await h.say(ANN, "/pause week")
    await h.say(ANN + 1, "/pause week")
    await h.say(ANN + 1, "/stop")  # withdrew everything meanwhile: no note
    [pause] = await pauses(h, ANN)
    jobs.bind(h.services)
    assert await jobs.pause_end(utcnow().isoformat()) == 0  # not yet over
    end = pause.ends_at
    at = datetime(end.year, end.month, end.day, 23, 0, tzinfo=UTC)  # after its end, in quiet hours
    if at < end:
        at += timedelta(days=1)
    assert await jobs.pause_end(at.isoformat()) == 1
    assert await jobs.pause_end((at + timedelta(hours=1)).isoformat()) == 0  # at most once
    [pause] = await pauses(h, ANN)
    assert (pause.end_reason, pause.ended_at) == ("expired", end)
    assert (await pauses(h, ANN + 1))[0].end_reason == "expired"
    await drain(h, at)
    [note] = await outbox(h, kind="pause_end")
    assert (note.status, note.reason) == ("pending", "quiet_hours")  # held until 08:00
    await drain(h, note.not_before + timedelta(minutes=1))
    assert texts_to(h, ANN).count(t("pause.ended", "en")) == 1
    assert t("pause.ended", "en") not in texts_to(h, ANN + 1)
