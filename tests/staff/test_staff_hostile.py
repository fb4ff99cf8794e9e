"""The staff side under hostile input, driven like Telegram: hostile text in every staff message (the local
Bot API refuses bad HTML and texts over 4096 characters as Telegram does), presses under
messages Telegram no longer shows, /cancel, commands and stray text at every campaign step,
/sample_close, /purchase @username, /staff remove of a configured owner, what support sees,
and a /report whose every figure comes from the shop's own data."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from bot.delivery import jobs
from bot.delivery.service import make_sender
from bot.html_text import visible_length
from bot.routers.staff.campaigns import CampCb
from storage.models import AuditLog, Category, CustomerInterest, FsmRecord, Outbox, Purchase
from tests.delivery.test_delivery import make_customer
from tests.staff.test_staff import MARKETER, OWNER, SUPPORT, staffed  # noqa: F401 - fixture

HOSTILE = "Tom & Jerry <3 <b>"


def plain(reply: dict) -> str:
    return reply.get("plain_text") or reply.get("text") or ""


async def answer(h, user: int, text: str) -> str:
    """The last reply to `text`; fails when the bot sent nothing (a reply Telegram refused)."""
    replies = await h.say(user, text)
    assert replies, f"no reply to {text!r} (refused by the Bot API?)"
    return plain(replies[-1])


async def campaign_until_summary(h, staff, *, name, variants=("Hello",), offer="-", stages=()):
    await h.say(staff, "/campaign")
    await h.press(staff, "retention")
    await h.say(staff, name)
    for stage in stages:
        await h.press(staff, f"☐ {stage}")
    for _ in range(3):
        await h.press(staff, "Next")
    await h.say(staff, "0")
    await h.say(staff, "0")
    await h.say(staff, offer)
    for i, variant in enumerate(variants):
        if i:
            await h.press(staff, "Add a variant")
        await h.say(staff, variant)
    await h.press(staff, "Variants done")
    await h.say(staff, "now")
    await h.say(staff, "0")
    return await h.say(staff, "30")


# ---- escaped text, messages cut between entities --------------------------------------------


async def test_hostile_names_reach_staff_as_typed(staffed):
    h = staffed
    await make_customer(h, 1, ["offers", "birthday"], name=HOSTILE, username="tom_<j>")
    async with h.services.sessions() as session, session.begin():
        session.add(Purchase(customer_id=1, product="Tea & <Co>", amount=1))
    # A category whose names are hostile, chosen by the customer.
    await answer(h, MARKETER, "/categories add biscuits 'Bis & <cuits>' Печиво Печенье Herbatniki")
    await answer(h, MARKETER, "/categories rename biscuits pl 'Ciastka <3 & co'")
    listing = await answer(h, MARKETER, "/categories")
    assert "biscuits: en Bis & <cuits>" in listing and "pl Ciastka <3 & co" in listing
    async with h.services.sessions() as session, session.begin():
        category = (await session.execute(select(Category).where(Category.slug == "biscuits"))).scalar_one()
        session.add(CustomerInterest(customer_id=1, category_id=category.id))
    # Usage texts show their <placeholders> instead of being refused as unknown tags.
    assert "<user_id>" in await answer(h, OWNER, "/staff frobnicate")
    assert "<slug>" in await answer(h, OWNER, "/categories frobnicate")
    assert "<customer id | @username>" in await answer(h, OWNER, "/purchase")
    # The look-up shows the name, username and interests exactly as they are.
    profile = await answer(h, OWNER, "/customer 1")
    assert HOSTILE in profile and "@tom_<j>" in profile and "biscuits" in profile
    assert await answer(h, OWNER, "/customer @<nobody>") == "No customer @<nobody>."
    # A campaign named and written with < and &: the summary, /campaigns and /report.
    summary = plain(
        (
            await campaign_until_summary(
                h, MARKETER, name="Tea & <Co> 2x<3", variants=["<b>50% & more</b>"], offer="A & B <3"
            )
        )[-1]
    )
    assert summary.startswith("Tea & <Co> 2x<3 (retention)")
    await h.press(MARKETER, "Launch")
    assert "1 message queued" in plain(h.api.sent(MARKETER)[-1])
    await make_sender(h.services, h.bot, rate=None, per_chat=None).drain()
    assert plain(h.api.sent(1)[-1]).startswith("<b>50% & more</b>\n\nA & B <3")
    assert "#1 Tea & <Co> 2x<3" in await answer(h, MARKETER, "/campaigns")
    assert "#1 Tea & <Co> 2x<3" in await answer(h, OWNER, "/report")
    # Sample offers and requests with a hostile product name.
    assert "Beans & <Co>" in (await h.say(MARKETER, "/sample_new biscuits 5 7 Beans & <Co>"))[0]["plain_text"]
    assert "Beans & <Co>" in await answer(h, MARKETER, "/samples")
    # The audit log shows every argument as typed.
    audit = await answer(h, OWNER, "/audit")
    assert "/categories add biscuits 'Bis & <cuits>'" in audit and "#1 Tea & <Co> 2x<3" in audit


async def test_long_staff_messages_are_cut_between_entities(staffed):
    h = staffed
    # Thirty audit rows whose arguments are mostly '&' (each one five characters once escaped).
    async with h.services.sessions() as session, session.begin():
        for n in range(30):
            session.add(AuditLog(staff_id=MARKETER, command="perk", arguments=f"<{n}>" + "&" * 1990))
    replies = await h.say(OWNER, "/audit")
    assert replies, "the audit log was refused (too long, or cut inside an entity)"
    text = plain(replies[-1])
    assert 1000 < visible_length(replies[-1]["text"]) <= 4096 and text.endswith("…")
    assert text.splitlines()[0].split(" /perk ")[1].startswith("<29>&&&")
    # Many campaigns with long hostile names: /campaigns and /report still answer, newest first.
    async with h.services.sessions() as session, session.begin():
        from storage.models import Campaign

        for n in range(1, 41):
            session.add(
                Campaign(
                    name=f"c{n} " + "<&>" * 41,
                    goal="retention",
                    segment={},
                    offer="",
                    variants=["a", "b"],
                    target_rate=0.3,
                    created_by=MARKETER,
                    status="launched",
                )
            )
    for command in ("/campaigns", "/report"):
        replies = await h.say(MARKETER, command)
        text = plain(replies[-1])
        assert visible_length(replies[-1]["text"]) <= 4096 and text.endswith("…"), command
        assert "#40 c40 <&><&>" in text and "#1 c1 " not in text, command


# ---- a press under a message Telegram no longer shows ---------------------------------------


async def test_campaign_buttons_under_an_inaccessible_message_are_answered(staffed):
    h = staffed
    await h.say(MARKETER, "/campaign")
    await h.press(MARKETER, "retention")
    await h.say(MARKETER, "Spring")
    answered = len(h.api.answered_callbacks)
    replies = await h.press_data(MARKETER, 999_999, CampCb(field="stages", value="friend").pack())
    assert len(h.api.answered_callbacks) == answered + 1  # answered, not left spinning
    assert [plain(r) for r in replies] == ["Target stages (none = all):"]
    labels = [b["text"] for row in replies[0]["reply_markup"]["inline_keyboard"] for b in row]
    assert "✅ friend" in labels
    await h.press(MARKETER, "☐ customer")  # the fresh keyboard goes on working
    labels = [b["text"] for row in h.api.sent(MARKETER)[-1]["reply_markup"]["inline_keyboard"] for b in row]
    assert "✅ friend" in labels and "✅ customer" in labels
    # Next under an inaccessible message moves on too.
    await h.press_data(MARKETER, 999_998, CampCb(field="stages", value="__next").pack())
    assert plain(h.api.sent(MARKETER)[-1]) == "Languages (none = all):"


# ---- /cancel, commands and stray text at every campaign step ------------------------

STEPS = [
    "goal",
    "name",
    "stages",
    "languages",
    "interests",
    "active_days",
    "min_purchases",
    "offer",
    "variant",
    "more",
    "schedule",
    "budget",
    "target",
    "confirm",
]


async def _advance_to(h, staff, step):
    actions = [
        ("say", "/campaign"),
        ("press", "retention"),
        ("say", "Spring"),
        ("press", "Next"),
        ("press", "Next"),
        ("press", "Next"),
        ("say", "0"),
        ("say", "0"),
        ("say", "-"),
        ("say", "Hello"),
        ("press", "Variants done"),
        ("say", "now"),
        ("say", "0"),
        ("say", "30"),
    ]
    for action, arg in actions[: STEPS.index(step) + 1]:
        await (h.say(staff, arg) if action == "say" else h.press(staff, arg))


async def dialogue_state(h, staff):
    async with h.services.sessions() as session:
        rows = (await session.execute(select(FsmRecord).where(FsmRecord.key.contains(f":{staff}:{staff}:")))).scalars()
        return [(r.state, (r.data or {}).get("current")) for r in rows]


@pytest.mark.parametrize("step", STEPS)
async def test_cancel_and_commands_work_at_every_campaign_step(staffed, step):
    h = staffed
    await _advance_to(h, MARKETER, step)
    before = await dialogue_state(h, MARKETER)
    # A command answers as a command, and the step stays where it was.
    assert "Lifecycle funnel" in await answer(h, MARKETER, "/stats")
    assert await dialogue_state(h, MARKETER) == before
    # /cancel leaves the campaign from any step, and its buttons are dead afterwards.
    assert await answer(h, MARKETER, "/cancel") == "Campaign cancelled; nothing was sent."
    assert all(state is None and current is None for state, current in await dialogue_state(h, MARKETER))
    async with h.services.sessions() as session:
        from storage.models import Campaign

        assert (await session.execute(select(Campaign))).first() is None


@pytest.mark.parametrize("step", ["goal", "stages", "interests", "more", "confirm"])
async def test_text_at_a_button_step_gets_a_hint(staffed, step):
    h = staffed
    await _advance_to(h, MARKETER, step)
    before = await dialogue_state(h, MARKETER)
    hint = await answer(h, MARKETER, "friend")
    assert "buttons above" in hint or "above" in hint, hint
    assert "/cancel" in hint
    assert await dialogue_state(h, MARKETER) == before
    sticker = await h.send(MARKETER, "sticker")
    assert sticker and "/cancel" in plain(sticker[-1])
    assert await dialogue_state(h, MARKETER) == before


async def test_a_bad_answer_at_a_typed_step_is_asked_again(staffed):
    h = staffed
    await _advance_to(h, MARKETER, "interests")
    await h.press(MARKETER, "Next")
    for bad in ("99999999999999", "many", "-99999999"):
        assert "whole number of days" in await answer(h, MARKETER, bad)
    await h.say(MARKETER, "0")
    assert "whole number" in await answer(h, MARKETER, "10000000000000000000000")
    await h.say(MARKETER, "0")
    await h.say(MARKETER, "-")
    await h.say(MARKETER, "Hi")
    await h.press(MARKETER, "Variants done")
    await h.say(MARKETER, "now")
    for bad in ("nan", "inf", "-5"):
        assert "Please type a number" in await answer(h, MARKETER, bad)
    assert "target response rate" in await answer(h, MARKETER, "12,5")


# ---- /sample_close, /purchase @username, /staff remove, support's view ---------------------


async def test_sample_close_cancels_queued_offers(staffed):
    h = staffed
    for uid in (1, 2, 3):
        await make_customer(h, uid, ["samples"])
    async with h.services.sessions() as session, session.begin():
        coffee = (await session.execute(select(Category).where(Category.slug == "coffee"))).scalar_one()
        for uid in (1, 2, 3):
            session.add(CustomerInterest(customer_id=uid, category_id=coffee.id))
    await h.say(MARKETER, "/sample_new coffee 10 7 Beans")
    async with h.services.sessions() as session, session.begin():
        rows = list((await session.execute(select(Outbox).order_by(Outbox.id))).scalars())
        assert [r.status for r in rows] == ["pending"] * 3
        rows[0].status, rows[0].claimed_by = "claimed", "worker-x"  # a sender took it, not yet sending
    reply = await answer(h, MARKETER, "/sample_close 1")
    assert reply == "Sample offer #1 closed; 3 queued offers of it cancelled (not sent)."
    async with h.services.sessions() as session:
        rows = list((await session.execute(select(Outbox).order_by(Outbox.id))).scalars())
    assert [(r.status, r.reason) for r in rows] == [("dropped", "offer_closed")] * 3
    stats = await make_sender(h.services, h.bot, rate=None, per_chat=None).drain()
    assert stats.sent == 0
    for uid in (1, 2, 3):
        assert h.api.sent(uid) == []


async def test_an_expired_offer_drops_its_queued_and_claimed_messages(staffed):
    from datetime import timedelta

    from bot.delivery import jobs
    from storage.models import SampleOffer

    h = staffed
    for uid in (1, 2):
        await make_customer(h, uid, ["samples"])
    async with h.services.sessions() as session, session.begin():
        coffee = (await session.execute(select(Category).where(Category.slug == "coffee"))).scalar_one()
        for uid in (1, 2):
            session.add(CustomerInterest(customer_id=uid, category_id=coffee.id))
    await h.say(MARKETER, "/sample_new coffee 10 7 Beans")
    async with h.services.sessions() as session, session.begin():
        rows = list((await session.execute(select(Outbox).order_by(Outbox.id))).scalars())
        rows[0].status, rows[0].claimed_by = "claimed", "worker-x"  # a sender took it, not yet sending
        offer = (await session.execute(select(SampleOffer))).scalar_one()
        expiry = offer.expires_at
    jobs.bind(h.services)
    assert await jobs.expire_offers((expiry + timedelta(minutes=1)).isoformat()) == 1
    async with h.services.sessions() as session:
        rows = list((await session.execute(select(Outbox).order_by(Outbox.id))).scalars())
    assert [(r.status, r.reason, r.claimed_by) for r in rows] == [("dropped", "offer_closed", None)] * 2
    stats = await make_sender(h.services, h.bot, rate=None, per_chat=None).drain()
    assert stats.sent == 0


async def test_purchase_by_username_ignores_case_and_refuses_ambiguity(staffed):
    h = staffed
    await make_customer(h, 1, ["feedback"], name="Ann", username="Ann_K")
    await make_customer(h, 2, [], name="Bob", username="bob")
    await make_customer(h, 3, [], name="Bobby", username="BOB")  # an old username, taken by someone else since
    assert "recorded for 1" in await answer(h, SUPPORT, "/purchase @ann_k Tea")
    assert "recorded for 1" in await answer(h, SUPPORT, "/purchase @ANN_K Tea 5")
    reply = await answer(h, SUPPORT, "/purchase @Bob Oolong")
    assert "@Bob matches 2 customers; nothing was done" in reply
    assert "2: Bob @bob" in reply and "3: Bobby @BOB" in reply
    reply = await answer(h, OWNER, "/customer @bob")
    assert "matches 2 customers" in reply
    async with h.services.sessions() as session:
        purchases = [(p.customer_id, p.product) for p in (await session.execute(select(Purchase))).scalars()]
    assert purchases == [(1, "Tea"), (1, "Tea")]
    assert "recorded for 3" in await answer(h, SUPPORT, "/purchase 3 Oolong")


async def test_staff_remove_of_a_configured_owner_says_it_cannot(staffed):
    h = staffed
    reply = await answer(h, OWNER, f"/staff remove {OWNER}")
    assert "ADMIN_IDS" in reply and "no longer" not in reply
    assert "cannot use" not in await answer(h, OWNER, "/audit")  # still an owner
    assert await answer(h, OWNER, "/staff remove 4242") == "User 4242 is not staff; nothing changed."
    assert await answer(h, OWNER, f"/staff remove {SUPPORT}") == f"User {SUPPORT} is no longer staff."
    assert await answer(h, OWNER, "/staff") == f"{MARKETER}: marketer"


async def test_support_does_not_see_dated_birthday_greetings(staffed):
    h = staffed
    await make_customer(h, 1, ["birthday", "offers"], birthday_month=5, birthday_day=4)
    jobs.bind(h.services)
    at = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)
    assert await jobs.birthdays(at.isoformat()) == 1
    async with h.services.sessions() as session:
        greeting = (await session.execute(select(Outbox).where(Outbox.kind == "birthday"))).scalar_one()
    dated = f"{greeting.created_at:%Y-%m-%d} birthday"
    assert dated in await answer(h, OWNER, "/customer 1")
    support = await answer(h, SUPPORT, "/customer 1")
    assert "birthday pending" not in support and dated not in support
    assert "birthday greetings not shown" in support


# ---- every figure of /report comes from the shop's data -------------------------------------


async def test_report_shows_no_figure_without_data(staffed):
    h = staffed
    await make_customer(h, 1, ["offers"])
    await make_customer(h, 2, ["offers"])
    await campaign_until_summary(h, MARKETER, name="Spring")
    await h.press(MARKETER, "Launch")
    await make_sender(h.services, h.bot, rate=None, per_chat=None).drain()
    report = await answer(h, OWNER, "/report")
    assert "Mass marketing" not in report and "permission marketing" not in report and "100 people" not in report
    assert "All campaigns: 1; delivered 2, conversions 0; no conversions yet" in report
    assert "no buyers yet" in report
    await h.say(SUPPORT, "/purchase 1 Oolong")
    report = await answer(h, OWNER, "/report")
    assert "delivered 2, conversions 1; delivered per conversion 2.0:1" in report
    assert "converted 1; informed per buyer 2.0:1" in report


async def test_campaign_buttons_need_the_role_at_press_time(staffed):
    """A marketer removed from staff mid-dialogue cannot go on with the campaign's buttons,
    and neither can support nor a customer forging a press."""
    from bot.texts import t

    h = staffed
    await h.say(MARKETER, "/campaign")
    await h.say(OWNER, f"/staff remove {MARKETER}")
    replies = await h.press(MARKETER, "retention")
    assert replies == [] and h.last_alert() == t("error.expired", "en")
    for uid in (SUPPORT, 1):
        h.user(uid)
        replies = await h.press_data(uid, 1, CampCb(field="goal", value="retention").pack())
        assert replies == [] and h.last_alert() == t("error.expired", "en")
    async with h.services.sessions() as session:
        from storage.models import Campaign

        assert (await session.execute(select(Campaign))).first() is None
