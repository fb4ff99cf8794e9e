"""The staff console end to end, as a staff user and as customers."""

import csv
import io
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.campaigns import variant_for
from bot.delivery import jobs
from bot.delivery.service import make_sender
from bot.measure import pseudonym
from bot.texts import t
from storage.models import AuditLog, ConsentEvent, Customer, Outbox, ResponseEvent
from storage.types import utcnow
from tests.delivery.test_delivery import make_customer

OWNER, MARKETER, SUPPORT = 900, 901, 902


@pytest.fixture
async def staffed(harness):
    harness.settings = harness.settings.model_copy(update={"admin_ids": [OWNER]})
    await harness.restart()
    harness.user(OWNER, name="Olga")
    harness.user(MARKETER, name="Max")
    harness.user(SUPPORT, name="Sue")
    await harness.say(OWNER, f"/staff add {MARKETER} marketer")
    await harness.say(OWNER, f"/staff add {SUPPORT} support")
    return harness


def last(harness, user):
    return harness.api.sent(user)[-1]


async def test_staff_commands_do_not_exist_for_customers(staffed):
    h = staffed
    h.user(1, name="Ann")
    for command in (
        "/stats",
        "/customer 900",
        "/campaign",
        "/audit",
        "/export",
        "/staff add 1 owner",
        "/sample_new coffee 1 1 x",
        "/no_such_command",
    ):
        replies = await h.say(1, command)
        assert replies[-1]["text"] == t("fallback.unknown", "en"), command
    async with h.services.sessions() as session:
        assert (await session.execute(select(AuditLog).where(AuditLog.staff_id == 1))).first() is None


async def test_roles_are_checked_and_audited(staffed):
    h = staffed
    replies = await h.say(SUPPORT, "/campaign")
    assert "cannot use this command" in replies[-1]["text"]
    replies = await h.say(MARKETER, "/audit")
    assert "cannot use this command" in replies[-1]["text"]
    await h.say(MARKETER, "/stats")
    replies = await h.say(OWNER, "/audit")
    text = replies[-1]["text"]
    assert f"{MARKETER} /stats" in text and f"{OWNER} /staff add {MARKETER} marketer" in text
    async with h.services.sessions() as session:
        rows = (await session.execute(select(AuditLog.staff_id, AuditLog.command))).all()
    assert (MARKETER, "stats") in rows and (OWNER, "staff") in rows


async def test_purchases_move_the_lifecycle(staffed):
    h = staffed
    await make_customer(h, 1, ["feedback"])
    for n in range(3):
        replies = await h.say(SUPPORT, f"/purchase 1 Tea {n + 5}")
    assert "Stage: loyal" in replies[-1]["text"]
    replies = await h.say(OWNER, "/customer 1")
    text = replies[-1]["text"]
    assert "friend → customer (purchase)" in text and "customer → loyal customer (purchases)" in text
    replies = await h.say(OWNER, "/stats")
    assert "loyal customer: 1 / 1" in replies[-1]["text"] and "feedback: 1" in replies[-1]["text"]


async def test_support_sees_less_than_owner(staffed):
    h = staffed
    await make_customer(h, 1, ["birthday"], birthday_month=5, birthday_day=4)
    from tests.conversation.test_conversation import _choose_interests

    await _choose_interests(h, 1, "tea", "coffee", disable="tea")
    owner_view = (await h.say(OWNER, "/customer 1"))[-1]["text"]
    support_view = (await h.say(SUPPORT, "/customer 1"))[-1]["text"]
    assert "birthday 04.05" in owner_view and "birthday" not in support_view.split("scopes:")[0]
    assert "interests coffee, tea," in owner_view and "coffee" not in support_view
    assert "04.05" not in support_view


async def run_campaign_dialog(h, staff, *, goal, variants, stages=(), target="30"):
    await h.say(staff, "/campaign")
    await h.press(staff, goal)
    await h.say(staff, "Spring news")
    for stage in stages:
        await h.press(staff, stage)
    await h.press(staff, "Next")  # stages
    await h.press(staff, "Next")  # languages
    await h.press(staff, "Next")  # interests
    await h.say(staff, "0")  # any activity
    await h.say(staff, "0")  # any purchases
    await h.say(staff, "-10% on all tea this week")
    for i, variant in enumerate(variants):
        if i:
            await h.press(staff, "Add a variant")
        await h.say(staff, variant)
    await h.press(staff, "Variants done")
    await h.say(staff, "now")
    await h.say(staff, "100")
    replies = await h.say(staff, target)
    return replies[-1]["text"]


async def test_campaign_reaches_only_customers_with_offers(staffed):
    h = staffed
    for uid in (1, 2, 3):
        await make_customer(h, uid, ["offers"])
    for uid in (4, 5):
        await make_customer(h, uid, ["samples", "birthday", "feedback", "tracking"])
    summary = await run_campaign_dialog(
        h, MARKETER, goal="retention", variants=["New teas are in!", "New teas are in — come taste them!"]
    )
    assert "Audience after consent filtering: 3" in summary
    await h.press(MARKETER, "Launch")
    assert "3 messages queued" in last(h, MARKETER)["text"]
    sender = make_sender(h.services, h.bot, rate=None, per_chat=None)
    stats = await sender.drain()
    assert stats.sent == 3
    for uid in (1, 2, 3):
        assert h.api.sent(uid)[-1]["text"].startswith("New teas are in")
    for uid in (4, 5):
        assert h.api.sent(uid) == []
    # A response is an event linked to campaign and variant; a purchase converts.
    await h.press(1, t("birthday.thanks_button", "en"))
    await h.say(SUPPORT, "/purchase 1 Oolong")
    replies = await h.say(MARKETER, "/campaigns")
    text = replies[-1]["text"]
    assert "#1 Spring news" in text and "responded 1" in text and "converted 1" in text
    async with h.services.sessions() as session:
        event = (await session.execute(select(ResponseEvent))).scalar_one()
        row = (await session.execute(select(Outbox).where(Outbox.customer_id == 1))).scalar_one()
    assert (event.campaign_id, event.variant) == (1, row.variant)


async def test_bring_a_friend_gives_personal_links_and_credits_referrals(staffed):
    h = staffed
    await make_customer(h, 1, ["offers"])
    await run_campaign_dialog(h, OWNER, goal="acquisition", variants=["Bring a friend, both get a gift!"])
    await h.press(OWNER, "Launch")
    await make_sender(h.services, h.bot, rate=None, per_chat=None).drain()
    text = h.api.sent(1)[-1]["text"]
    link = text.split("start=")[-1].split()[0]
    assert link.startswith("ref_")
    h.user(77, name="Friend")
    await h.say(77, f"/start {link}")
    await h.press(77, "Free samples")
    replies = await h.say(OWNER, "/campaigns")
    assert "converted 1" in replies[-1]["text"]


def test_ab_assignment_is_stable_and_balanced():
    first = [variant_for(7, cid, 2) for cid in range(2000)]
    again = [variant_for(7, cid, 2) for cid in range(2000)]
    assert first == again
    counts = Counter(first)
    assert set(counts) == {"A", "B"} and abs(counts["A"] - counts["B"]) < 200
    assert [variant_for(8, cid, 2) for cid in range(2000)] != first  # independent per campaign
    assert set(variant_for(1, cid, 4) for cid in range(200)) == {"A", "B", "C", "D"}


async def test_report_is_a_png_with_numbers(staffed):
    h = staffed
    await make_customer(h, 1, ["offers"])
    await make_customer(h, 2, ["samples"])
    replies = await h.say(OWNER, "/report")
    photo = next(m for m in replies if m["kind"] == "photo")
    assert photo["file_bytes"][:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image

    image = matplotlib.image.imread(io.BytesIO(photo["file_bytes"]), format="png")
    assert image.shape[0] > 100 and image.shape[1] > 100
    text = replies[-1]["text"]
    assert "friend: 2 / 2" in text and "offers: 1" in text and "samples: 1" in text


async def test_export_ledger_round_trips(staffed):
    h = staffed
    await make_customer(h, 1, ["offers", "samples"])
    await h.say(1, "/stop")
    replies = await h.say(OWNER, "/export")
    document = replies[-1]
    rows = list(csv.DictReader(io.StringIO(document["file_bytes"].decode())))
    async with h.services.sessions() as session:
        ledger = list((await session.execute(select(ConsentEvent).order_by(ConsentEvent.id))).scalars())
    assert [(int(r["id"]), int(r["customer_id"]), r["scope"], r["action"], r["method"]) for r in rows] == [
        (e.id, e.customer_id, e.scope, e.action, e.method) for e in ledger
    ]
    assert [r["at"] for r in rows] == [e.at.isoformat() for e in ledger]
    replies = await h.say(OWNER, "/export segment former")
    customers = list(csv.DictReader(io.StringIO(replies[-1]["file_bytes"].decode())))
    assert [c["id"] for c in customers] == ["1"]


async def test_events_without_tracking_cannot_be_joined_to_a_customer(staffed):
    h = staffed
    await make_customer(h, 1, ["birthday"])
    await make_customer(h, 2, ["birthday", "tracking"])
    for uid in (1, 2):
        async with h.services.sessions() as session, session.begin():
            customer = await session.get(Customer, uid)
            customer.birthday_month, customer.birthday_day = utcnow().month, utcnow().day
    jobs.bind(h.services)
    at = utcnow().replace(hour=23, minute=0)
    await jobs.birthdays(at.isoformat())
    await make_sender(h.services, h.bot, rate=None, per_chat=None, clock=lambda: at).drain()
    for uid in (1, 2):
        await h.press(uid, t("birthday.thanks_button", "en"))
    async with h.services.sessions() as session:
        events = {e.customer_id: e for e in (await session.execute(select(ResponseEvent))).scalars()}
        outbox_ids = {r.id for r in (await session.execute(select(Outbox))).scalars()}
        from bot.measure import pseudonym_key

        secret = await pseudonym_key(session, h.settings)  # from the key file, not the database
    assert set(events) == {None, 2}
    anonymous = events[None]
    columns = [c.name for c in ResponseEvent.__table__.columns if c.name != "id"]
    values = [getattr(anonymous, name) for name in columns]
    assert anonymous.customer_id is None
    assert not any(v == 1 or v in outbox_ids for v in values if isinstance(v, int)), dict(zip(columns, values))
    assert anonymous.hour.minute == 0 and anonymous.hour.second == 0
    # Only the secret links it back.
    assert anonymous.pseudonym == pseudonym(1, secret) and anonymous.pseudonym != pseudonym(1, "guess")


async def test_categories_are_editable(staffed):
    h = staffed
    await h.say(MARKETER, "/categories add wine Wine Вино Вино Wino")
    await h.say(MARKETER, "/categories disable books")
    text = (await h.say(MARKETER, "/categories"))[-1]["text"]
    assert "wine: en Wine, uk Вино, ru Вино, pl Wino" in text and "books (disabled)" in text
    h.user(1, name="Ann")
    await h.say(1, "/start")
    await h.press(1, "Free samples")
    replies = await h.press(1, "Done")
    await h.press(1, "Skip")
    labels = [b["text"] for row in h.api.sent(1)[-1]["reply_markup"]["inline_keyboard"] for b in row]
    assert "☐ Wine" in labels and "☐ Books" not in labels
    assert replies


async def test_inactive_customers_become_former(staffed):
    h = staffed
    await make_customer(h, 1, ["feedback"])  # without `offers`: no win-back first (tests/delivery/test_winback.py)
    async with h.services.sessions() as session, session.begin():
        (await session.get(Customer, 1)).last_seen_at = utcnow() - timedelta(days=400)
    jobs.bind(h.services)
    assert await jobs.lifecycle() == 1
    async with h.services.sessions() as session:
        assert (await session.get(Customer, 1)).stage == "former"
