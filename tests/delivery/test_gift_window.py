"""The birthday gift window end to end (SQLite and PostgreSQL): staff set it with /gift (stored,
kept across a restart); the perk is announced N days before the birthday and reminded M days
before it expires, each at the greeting's local hour in the customer's own time zone (UTC+14 and
UTC-11 here), the greeting on the day names its last day, and only customers with the
`birthday` scope get any of it."""

from datetime import datetime, timedelta, timezone

import pytest

from bot import gifts
from bot.consent.ledger import record_consent
from bot.delivery import jobs
from bot.delivery.service import make_sender
from storage.models import Customer
from tests.delivery.test_delivery import make_customer, outbox

UTC = timezone.utc
OWNER = 9001
KIRI, PAGO, NOSCOPE = 601, 602, 603  # Pacific/Kiritimati (UTC+14), Pacific/Pago_Pago (UTC-11)


@pytest.fixture
async def owner_harness(harness):
    harness.services.settings = harness.settings = harness.settings.model_copy(update={"admin_ids": [OWNER]})
    await harness.restart()
    harness.user(OWNER, name="Olga")
    return harness


async def run(h, job: str, at: datetime) -> int:
    jobs.bind(h.services)
    added = await jobs.JOBS[job](at.isoformat())
    sender = make_sender(h.services, h.bot, clock=lambda: at, rate=None, per_chat=None)
    await sender.drain()
    return added


def got(h, user_id):
    return [m["text"] for m in h.api.sent(user_id) if "rp:" in str(m.get("reply_markup"))]


async def test_the_perk_is_announced_greeted_and_reminded_at_the_local_hour_in_every_zone(owner_harness):
    h = owner_harness
    birthday = {"birthday_month": 5, "birthday_day": 10}
    await make_customer(h, KIRI, ["birthday"], name="Kai", timezone="Pacific/Kiritimati", **birthday)
    await make_customer(h, PAGO, ["birthday"], name="Pat", timezone="Pacific/Pago_Pago", **birthday)
    await make_customer(h, NOSCOPE, ["offers"], name="Nia", timezone="Europe/Kyiv", **birthday)
    assert "No birthday gift window" in (await h.say(OWNER, "/gift"))[-1]["text"]
    assert "Usage" in (await h.say(OWNER, "/gift set 3 3 CAKE"))[-1]["text"]  # a reminder before the birthday
    reply = (await h.say(OWNER, "/gift set 3 1 CAKE-10"))[-1]["text"]
    assert "CAKE-10" in reply and ": 3;" in reply and "reminder 1 day(s)" in reply
    await h.restart()  # stored in the database
    assert "CAKE-10" in (await h.say(OWNER, "/gift"))[-1]["text"]

    # Announced on 7 May at 10:00 local: 06 May 20:00 UTC in Kiritimati, 07 May 21:00 UTC in Pago Pago.
    assert await run(h, "gift_window", datetime(2027, 5, 6, 19, 59, tzinfo=UTC)) == 0
    assert await run(h, "gift_window", datetime(2027, 5, 6, 20, 0, tzinfo=UTC)) == 1
    [announce] = got(h, KIRI)
    assert "CAKE-10" in announce and "13 May" in announce and "coming" in announce
    assert not got(h, PAGO)
    assert await run(h, "gift_window", datetime(2027, 5, 7, 20, 59, tzinfo=UTC)) == 0
    assert await run(h, "gift_window", datetime(2027, 5, 7, 21, 0, tzinfo=UTC)) == 1
    assert len(got(h, PAGO)) == 1 and len(got(h, KIRI)) == 1  # each once
    [row] = await outbox(h, customer_id=PAGO, kind="gift")
    assert row.not_before == datetime(2027, 5, 7, 21, tzinfo=UTC) and row.idem_key == f"{PAGO}:gift:2027"

    # The greeting on the day names the perk and its last day.
    await run(h, "birthdays", datetime(2027, 5, 9, 20, 0, tzinfo=UTC))  # 10 May 10:00 in Kiritimati
    greeting = got(h, KIRI)[-1]
    assert "Happy birthday" in greeting and "CAKE-10" in greeting and "Valid until 13 May." in greeting

    # Pat withdraws `birthday` after the announcement (Pat never got the greeting): no reminder.
    async with h.services.sessions() as session, session.begin():
        pat = await session.get(Customer, PAGO)
        await record_consent(session, customer=pat, scope="birthday", grant=False, method="button")
    # The reminder on 12 May at 10:00 local (M = 1 day before the last day, 13 May).
    assert await run(h, "gift_window", datetime(2027, 5, 11, 19, 59, tzinfo=UTC)) == 0
    assert await run(h, "gift_window", datetime(2027, 5, 11, 20, 0, tzinfo=UTC)) == 1
    reminder = got(h, KIRI)[-1]
    assert "reminder" in reminder.lower() and "CAKE-10" in reminder and "13 May" in reminder
    assert await run(h, "gift_window", datetime(2027, 5, 12, 21, 0, tzinfo=UTC)) == 0  # Pat: scope withdrawn
    assert len(got(h, PAGO)) == 1
    assert await run(h, "gift_window", datetime(2027, 5, 12, 22, 0, tzinfo=UTC)) == 0  # nothing twice
    assert len(got(h, KIRI)) == 3
    # Without the `birthday` scope nothing at all, whatever the date.
    assert not got(h, NOSCOPE) and not await outbox(h, customer_id=NOSCOPE)

    assert "switched off" in (await h.say(OWNER, "/gift off"))[-1]["text"]
    assert await run(h, "gift_window", datetime(2028, 5, 6, 20, 0, tzinfo=UTC)) == 0


async def test_a_reminder_needs_the_perk_to_have_been_sent(owner_harness):
    """A customer who allowed `birthday` only after the birthday gets no reminder of a perk they never got."""
    h = owner_harness
    await make_customer(h, KIRI, [], name="Kai", timezone="Pacific/Kiritimati", birthday_month=5, birthday_day=10)
    await h.say(OWNER, "/gift set 3 1 CAKE-10")
    await run(h, "gift_window", datetime(2027, 5, 6, 20, 0, tzinfo=UTC))  # no scope: no announcement
    async with h.services.sessions() as session, session.begin():
        kai = await session.get(Customer, KIRI)
        await record_consent(session, customer=kai, scope="birthday", grant=True, method="button")
    assert await run(h, "gift_window", datetime(2027, 5, 11, 20, 0, tzinfo=UTC)) == 0
    assert not got(h, KIRI)


@pytest.mark.parametrize(
    "days, remind, expected",
    [
        (3, 1, [("gift", 3), ("gift_reminder", -2)]),
        (3, None, [("gift", 3)]),
        (3, 0, [("gift", 3), ("gift_reminder", -3)]),  # on the last valid day
        (0, None, []),  # the perk only in the greeting, valid on the day
    ],
)
def test_offsets_of_a_window(days, remind, expected):
    window = gifts.GiftWindow(perk="X", days=days, remind_days=remind, active=True)
    assert gifts.offsets(window) == expected
    assert gifts.valid_until(window, datetime(2027, 12, 30).date()) == datetime(2027, 12, 30).date() + timedelta(
        days=days
    )
