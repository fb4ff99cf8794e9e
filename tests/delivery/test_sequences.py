"""Sequences end to end (SQLite and PostgreSQL): the shipped welcome series entered once on the
first grant, its steps at their delays and only within their scopes, leaving on a withdrawal,
a staff-made sequence (/sequence) entered on a purchase for a segment, and per-step figures."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot import sequences
from bot.consent.ledger import record_consent
from bot.consent.policy import Recipient, decide
from bot.delivery import jobs
from bot.delivery.service import make_sender
from bot.texts import t
from storage.models import Category, Customer, CustomerInterest, Sequence, SequenceEnrollment
from storage.types import utcnow
from tests.delivery.test_delivery import make_customer, outbox

UTC = timezone.utc
OWNER = 9001
ANN, BOB, CAT = 501, 502, 503


@pytest.fixture
async def owner_harness(harness):
    harness.services.settings = harness.settings = harness.settings.model_copy(update={"admin_ids": [OWNER]})
    await harness.restart()
    harness.user(OWNER, name="Olga")
    return harness


async def run_at(h, at: datetime):
    """The sequences job as if at `at`, then the sender with its clock at `at`."""
    jobs.bind(h.services)
    added = await jobs.JOBS["sequences"](at.isoformat())
    sender = make_sender(h.services, h.bot, clock=lambda: at, rate=None, per_chat=None)
    await sender.drain()
    return added


async def enrollments(h, customer_id=None):
    async with h.services.sessions() as session:
        query = select(SequenceEnrollment).order_by(SequenceEnrollment.id)
        if customer_id is not None:
            query = query.where(SequenceEnrollment.customer_id == customer_id)
        return list((await session.execute(query)).scalars())


def delivered(h, user_id):
    return [m for m in h.api.sent(user_id) if "reply_markup" in m and "rp:" in str(m["reply_markup"])]


async def test_the_welcome_series_is_entered_once_and_sent_at_its_delays_within_its_scopes(owner_harness):
    h = owner_harness
    start = utcnow() - timedelta(minutes=1)
    await run_at(h, start)  # the welcome series exists from here on (active since `start`)
    await make_customer(h, ANN, ["offers"], name="Ann")  # the first grant: enters the series
    granted_at = utcnow()
    await make_customer(h, BOB, [], name="Bob")  # no grant: does not enter
    await run_at(h, granted_at + timedelta(minutes=1))
    [entry] = await enrollments(h)
    assert (entry.customer_id, entry.event, entry.status, entry.next_position) == (ANN, "grant:any", "active", 0)
    assert not delivered(h, ANN)
    # Step 1 (offers) an hour after the grant: not before.
    await run_at(h, granted_at + timedelta(minutes=59))
    assert not delivered(h, ANN)
    await run_at(h, granted_at + timedelta(minutes=61))
    [first] = delivered(h, ANN)
    assert first["text"] == t("sequence.welcome_1", "en", name="Ann")
    assert "Stop offers" in str(first["reply_markup"]) or "offers" in str(first["reply_markup"])
    # Running again sends nothing twice and enters nobody twice.
    await run_at(h, granted_at + timedelta(minutes=62))
    await make_customer(h, ANN, ["feedback"])  # another grant: still one entry
    await run_at(h, granted_at + timedelta(minutes=63))
    assert len(delivered(h, ANN)) == 1 and len(await enrollments(h)) == 1
    # Step 2 is in `samples`, which Ann did not allow: skipped, never queued. Step 3 (offers) follows.
    step2_due = granted_at + timedelta(minutes=60 + 2 * 1440)
    await run_at(h, step2_due + timedelta(minutes=1))
    assert len(delivered(h, ANN)) == 1
    assert [r.payload["position"] for r in await outbox(h, kind="sequence")] == [0]
    await run_at(h, step2_due + timedelta(days=5, minutes=1))
    texts = [m["text"] for m in delivered(h, ANN)]
    assert texts == [t("sequence.welcome_1", "en", name="Ann"), t("sequence.welcome_3", "en", name="Ann")]
    [entry] = await enrollments(h)
    assert (entry.status, entry.next_position) == ("done", 3)
    assert not delivered(h, BOB)
    # Ann answers the last step: the figures per step show it (counted pseudonymously).
    await h.press(ANN, "Good to know")
    reply = (await h.say(OWNER, "/sequence stats welcome"))[-1]["text"]
    assert "entered 1, in it 0, finished 1, left 0" in reply
    assert "Step 1 (offers, after 1h): queued 1, delivered 1 (100 %), responded 0 (0 %)" in reply
    assert "Step 2 (samples, after 2d): queued 0, delivered 0 (–), responded 0 (–)" in reply
    assert "Step 3 (offers, after 5d): queued 1, delivered 1 (100 %), responded 1 (100 %)" in reply


async def test_a_withdrawal_mid_sequence_leaves_it_and_nothing_more_is_sent(owner_harness):
    h = owner_harness
    start = utcnow() - timedelta(minutes=1)
    await run_at(h, start)
    await make_customer(h, ANN, ["offers", "samples"], name="Ann")
    granted_at = utcnow()
    await run_at(h, granted_at + timedelta(minutes=61))
    assert len(delivered(h, ANN)) == 1
    # Step 2 (samples) falls due and is queued; Ann withdraws samples before it is sent.
    step2_due = granted_at + timedelta(minutes=60 + 2 * 1440)
    jobs.bind(h.services)
    await jobs.JOBS["sequences"]((step2_due + timedelta(minutes=1)).isoformat())
    [queued] = [r for r in await outbox(h, kind="sequence") if r.status == "pending"]
    assert queued.payload["scope"] == "samples"
    async with h.services.sessions() as session, session.begin():
        ann = await session.get(Customer, ANN)
        await record_consent(session, customer=ann, scope="samples", grant=False, method="button")
    await run_at(h, step2_due + timedelta(minutes=2))
    rows = {r.payload.get("position"): r for r in await outbox(h, kind="sequence")}
    assert rows[1].status == "dropped" and rows[1].reason in ("scope_not_granted", "left_sequence")
    [entry] = await enrollments(h)
    assert (entry.status, entry.left_reason) == ("left", "withdrawn:samples")
    # Offers is still allowed, yet step 3 never comes: Ann left the sequence.
    await run_at(h, step2_due + timedelta(days=6))
    assert len(delivered(h, ANN)) == 1
    assert len(await outbox(h, kind="sequence")) == 2
    assert "left 1" in (await h.say(OWNER, "/sequence stats welcome"))[-1]["text"]


async def test_staff_make_a_purchase_sequence_for_a_segment(owner_harness):
    h = owner_harness
    await run_at(h, utcnow() - timedelta(minutes=5))
    await make_customer(h, ANN, ["offers"], name="Ann")
    await make_customer(h, BOB, ["offers"], name="Bob")
    await make_customer(h, CAT, ["offers"], name="Cat")
    async with h.services.sessions() as session, session.begin():
        coffee = (await session.execute(select(Category).where(Category.slug == "coffee"))).scalar_one()
        session.add(CustomerInterest(customer_id=ANN, category_id=coffee.id))
        session.add(CustomerInterest(customer_id=CAT, category_id=coffee.id))
    await h.say(OWNER, f"/purchase {CAT} Beans")  # before the sequence starts: does not enter it
    reply = await h.say(OWNER, '/sequence create "Coffee care" purchase interest:coffee')
    assert "created as a draft" in reply[-1]["text"]
    async with h.services.sessions() as session:
        seq = (await session.execute(select(Sequence).where(Sequence.name == "Coffee care"))).scalar_one()
    assert "no steps yet" in (await h.say(OWNER, f"/sequence start {seq.id}"))[-1]["text"]
    assert (
        "Step 1 of sequence"
        in (await h.say(OWNER, f"/sequence step {seq.id} 1d offers How is the <coffee>?"))[-1]["text"]
    )
    await h.say(OWNER, f"/sequence step {seq.id} 2h feedback Any questions?")
    assert "usage" in (await h.say(OWNER, f"/sequence step {seq.id} soon offers Hi"))[-1]["text"].lower()
    assert "now active" in (await h.say(OWNER, f"/sequence start {seq.id}"))[-1]["text"]
    await h.restart()  # stored
    listed = (await h.say(OWNER, "/sequence"))[-1]["text"]
    assert f"#{seq.id} Coffee care [active]: on purchase, segment: interest:coffee; steps: 2, entered: 0" in listed
    assert "Welcome series [active]" in listed
    for cid in (ANN, BOB):
        assert "Beans" in (await h.say(OWNER, f"/purchase {cid} Beans"))[-1]["text"]
    bought = utcnow()
    await run_at(h, bought + timedelta(minutes=1))
    entries = [e for e in await enrollments(h) if e.sequence_id == seq.id]
    assert [(e.customer_id, e.event) for e in entries] == [(ANN, "purchase")]  # Bob: no coffee; Cat: before
    await run_at(h, bought + timedelta(days=1, minutes=1))
    assert delivered(h, ANN)[-1]["text"] == "How is the &lt;coffee&gt;?"
    # Step 2 is in `feedback`, not granted: skipped; the sequence is done for Ann.
    await run_at(h, bought + timedelta(days=1, hours=3))
    assert [e.status for e in await enrollments(h, ANN) if e.sequence_id == seq.id] == ["done"]
    assert "is now paused" in (await h.say(OWNER, f"/sequence pause {seq.id}"))[-1]["text"]
    assert "ended" in (await h.say(OWNER, f"/sequence end {seq.id}"))[-1]["text"]
    assert "not possible" in (await h.say(OWNER, f"/sequence start {seq.id}"))[-1]["text"]
    # Customers cannot use it.
    assert "Coffee care" not in str(await h.say(ANN, "/sequence"))


async def test_ending_a_sequence_drops_its_queued_steps(owner_harness):
    h = owner_harness
    await run_at(h, utcnow() - timedelta(minutes=1))
    await make_customer(h, ANN, ["offers"], name="Ann")
    granted_at = utcnow()
    jobs.bind(h.services)
    await jobs.JOBS["sequences"]((granted_at + timedelta(minutes=61)).isoformat())  # queued, not sent
    await h.say(OWNER, "/sequence end welcome")
    await run_at(h, granted_at + timedelta(minutes=62))
    [row] = await outbox(h, kind="sequence")
    assert (row.status, row.reason) == ("dropped", "left_sequence")
    assert not delivered(h, ANN)
    [entry] = await enrollments(h)
    assert (entry.status, entry.left_reason) == ("ended", "sequence_ended")


NOW = datetime(2027, 5, 4, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    "scopes, payload, action",
    [
        ({"offers"}, {"scope": "offers"}, "send"),
        ({"offers"}, {"scope": "samples"}, "drop"),
        ({"samples"}, {"scope": "samples"}, "send"),
        ({"offers", "tracking"}, {"scope": "tracking"}, "drop"),  # tracking carries no message
        ({"offers"}, {}, "drop"),
        ({"offers"}, None, "drop"),
    ],
)
def test_the_policy_reads_a_sequence_steps_scope_from_its_payload(scopes, payload, action):
    decision = decide("sequence", Recipient(scopes=frozenset(scopes)), NOW, default_cap=3, payload=payload)
    assert decision.action == action
    if action == "drop":
        assert decision.reason in ("scope_not_granted", "unknown_kind:sequence")


def test_delays_and_triggers_parse():
    assert [sequences.parse_delay(x) for x in ("0", "45m", "2h", "3d", "soon", "400d")] == [
        0,
        45,
        120,
        4320,
        None,
        None,
    ]
    assert [sequences.format_delay(m) for m in (0, 45, 120, 4320)] == ["0m", "45m", "2h", "3d"]
    assert sequences.parse_trigger("grant:offers") == ("grant", "offers")
    assert sequences.parse_trigger("grant") == ("grant", None)
    assert sequences.parse_trigger("purchase:offers") is None
    assert sequences.parse_trigger("grant:nonsense") is None
    assert sequences.parse_segment(["interest:coffee", "stage:friend"], {"coffee"}) == {
        "interests": ["coffee"],
        "stages": ["friend"],
    }
    assert sequences.parse_segment(["interest:tea"], {"coffee"}) is None


async def test_forget_erases_which_sequences_a_customer_was_in_and_drops_the_queued_step(owner_harness):
    from bot.consent.erasure import forget_customer

    h = owner_harness
    await run_at(h, utcnow() - timedelta(minutes=1))
    await make_customer(h, ANN, ["offers"], name="Ann")
    granted_at = utcnow()
    jobs.bind(h.services)
    await jobs.JOBS["sequences"]((granted_at + timedelta(minutes=61)).isoformat())  # step 1 queued
    assert len(await enrollments(h, ANN)) == 1
    async with h.services.sessions() as session, session.begin():
        ann = await session.get(Customer, ANN)
        await forget_customer(session, customer=ann, message_id=None, wording=None)
    await run_at(h, granted_at + timedelta(days=30))
    assert not await enrollments(h, ANN)  # erased, and not entered again
    assert [r.status for r in await outbox(h, kind="sequence")] == ["dropped"]
    assert not delivered(h, ANN)
