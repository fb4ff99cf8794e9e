"""A/B tests that finish themselves (bot/abtest.py): the test group, the decision taken once at
the end of the window, the winner (or the first variant) to the rest, and /report's explanation."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot import abtest
from bot.abtest import Arm, decide, pick_test_group
from bot.delivery import jobs
from bot.delivery.service import make_sender
from storage.models import AbTest, Campaign, Outbox, Purchase
from storage.types import utcnow
from tests.delivery.test_delivery import make_customer
from tests.staff.test_staff import MARKETER, OWNER, SUPPORT, last, staffed  # noqa: F401


def test_fisher_p_value_is_scipys_two_sided_exact_test():
    # 2/50 against 12/50: the classic textbook table; scipy's value, two-sided.
    p = abtest.fisher_p(Arm("A", 50, 2), Arm("B", 50, 12))
    assert p == pytest.approx(0.0078, abs=0.0005)


def test_a_significant_difference_makes_the_better_variant_win():
    d = decide([Arm("A", 50, 2), Arm("B", 50, 12)], 0.05)
    assert (d.winner, d.outcome, d.challenger) == ("B", "significant", "B")
    assert d.p_value < 0.05


def test_a_difference_that_is_not_significant_keeps_the_first_variant():
    d = decide([Arm("A", 20, 3), Arm("B", 20, 6)], 0.05)
    assert (d.winner, d.outcome, d.challenger) == ("A", "not_significant", "B")
    assert d.p_value >= 0.05


def test_the_same_figures_at_a_stricter_level_keep_the_first_variant():
    arms = [Arm("A", 50, 2), Arm("B", 50, 12)]
    assert decide(arms, 0.05).winner == "B"
    assert decide(arms, 0.005).winner == "A"  # p ≈ 0.0078


def test_a_better_first_variant_stays_even_when_significant():
    d = decide([Arm("A", 50, 12), Arm("B", 50, 2)], 0.05)
    assert (d.winner, d.outcome) == ("A", "not_significant")


def test_no_data_means_the_first_variant():
    assert decide([Arm("A", 10, 0), Arm("B", 10, 0)], 0.05).outcome == "no_data"
    assert decide([Arm("A", 0, 0), Arm("B", 10, 5)], 0.05) == abtest.Decision("A", "no_data", None, None, 0.05)


def test_more_variants_divide_the_level_by_the_comparisons():
    # C against A: p ≈ 0.0078 passes 0.05 / 3 ≈ 0.0167 but not 0.01 / 3.
    arms = [Arm("A", 50, 2), Arm("B", 50, 3), Arm("C", 50, 12), Arm("D", 50, 4)]
    assert decide(arms, 0.05).winner == "C" and decide(arms, 0.05).level == pytest.approx(0.05 / 3)
    assert decide(arms, 0.01).winner == "A"


def test_the_test_group_is_the_share_stable_and_balanced():
    audience = list(range(1, 101))
    group = pick_test_group(5, audience, 0.2, 2)
    assert len(group) == 20 and set(group) <= set(audience)
    assert sorted(group.values()).count("A") == 10
    assert pick_test_group(5, audience, 0.2, 2) == group
    assert pick_test_group(6, audience, 0.2, 2) != group
    assert len(pick_test_group(5, list(range(7)), 0.1, 2)) == 1  # ceil: anyone at all gets tested


async def _campaign(h, *, variants, criterion="press", share=0.2, days=3, level=0.05):
    async with h.services.sessions() as session, session.begin():
        campaign = Campaign(name="Spring", goal="retention", segment={}, variants=variants)
        session.add(campaign)
        await session.flush()
        test = await abtest.start(
            session,
            campaign,
            share=share,
            criterion=criterion,
            window=timedelta(days=days),
            level=level,
            bot_username=None,
        )
        return campaign.id, test.ends_at


async def _rows(h, campaign_id):
    async with h.services.sessions() as session:
        return list(
            (
                await session.execute(select(Outbox).where(Outbox.campaign_id == campaign_id).order_by(Outbox.id))
            ).scalars()
        )


async def _drain(h, at=None):
    clock = (lambda: at) if at else None
    sender = make_sender(h.services, h.bot, rate=None, per_chat=None, **({"clock": clock} if clock else {}))
    return await sender.drain()


async def test_the_decision_is_taken_once_at_the_end_and_the_winner_goes_to_the_rest(staffed):
    h = staffed
    for uid in range(1, 41):
        await make_customer(h, uid, ["offers"])
    await make_customer(h, 99, ["samples"])  # never in a campaign's audience
    cid, ends = await _campaign(h, variants=["Tea A", "Tea B"])
    rows = await _rows(h, cid)
    assert len(rows) == 8 and {r.variant for r in rows} == {"A", "B"}  # 20 % of 40
    await _drain(h)
    # Everyone who got B presses the button; nobody with A does.
    for row in rows:
        if row.variant == "B":
            await h.press(row.customer_id, "Thank you")
    jobs.bind(h.services)
    # Before the end of the window nothing is decided, however clear the figures (no peeking).
    assert await jobs.ab_decide((ends - timedelta(minutes=1)).isoformat()) == 0
    assert len(await _rows(h, cid)) == 8
    report = (await h.say(MARKETER, "/report"))[-1]["text"]
    assert "running; the decision is taken once" in report and "difference: p =" not in report
    # At the end: 4/4 against 0/4 is p ≈ 0.029 < 0.05: B to the other 32.
    assert await jobs.ab_decide(ends.isoformat()) == 32
    assert await jobs.ab_decide((ends + timedelta(hours=1)).isoformat()) == 0  # once
    rows = await _rows(h, cid)
    assert len(rows) == 40 and sum(r.variant == "B" for r in rows) == 36
    assert all(r.customer_id != 99 for r in rows)
    async with h.services.sessions() as session:
        test = await session.get(AbTest, cid)
        assert (test.winner, test.outcome, test.rest) == ("B", "significant", 32)
        assert test.figures["arms"] == [
            {"variant": "A", "delivered": 4, "successes": 0},
            {"variant": "B", "delivered": 4, "successes": 4},
        ]
        assert test.figures["p_value"] == pytest.approx(0.0286, abs=0.0005)
    report = (await h.say(MARKETER, "/report"))[-1]["text"]
    assert "A 0 of 4 (0.0%); B 4 of 4 (100.0%)" in report
    assert "B is better than A: Fisher's exact test p = 0.0286, below the level 5%" in report
    assert "B went to the rest (32 messages)" in report


async def test_a_difference_that_is_not_significant_sends_the_first_variant(staffed):
    h = staffed
    for uid in range(1, 21):
        await make_customer(h, uid, ["offers"])
    cid, ends = await _campaign(h, variants=["Tea A", "Tea B"], share=0.5)
    rows = await _rows(h, cid)
    await _drain(h)
    pressed = [r for r in rows if r.variant == "B"][:2] + [r for r in rows if r.variant == "A"][:1]
    for row in pressed:
        await h.press(row.customer_id, "Thank you")
    jobs.bind(h.services)
    assert await jobs.ab_decide(ends.isoformat()) == 10
    rows = await _rows(h, cid)
    assert [r.variant for r in rows[10:]] == ["A"] * 10
    report = (await h.say(OWNER, "/report"))[-1]["text"]
    assert "A 1 of 5 (20.0%); B 2 of 5 (40.0%)" in report
    assert "B against A: Fisher's exact test p = 1.0000, not below the level 5%" in report
    assert "the first variant A went to the rest (10 messages)" in report


async def test_purchases_after_the_delivery_decide_when_chosen(staffed):
    h = staffed
    for uid in range(1, 21):
        await make_customer(h, uid, ["offers"])
    cid, ends = await _campaign(h, variants=["Tea A", "Tea B"], criterion="purchase", share=0.5, days=2)
    await _drain(h)
    rows = await _rows(h, cid)
    async with h.services.sessions() as session, session.begin():
        for row in rows:
            if row.variant == "B":
                session.add(Purchase(customer_id=row.customer_id, product="Oolong", at=utcnow()))
        # After the window: does not count.
        a = next(r for r in rows if r.variant == "A")
        session.add(Purchase(customer_id=a.customer_id, product="Oolong", at=ends + timedelta(hours=1)))
    jobs.bind(h.services)
    await jobs.ab_decide(ends.isoformat())
    async with h.services.sessions() as session:
        test = await session.get(AbTest, cid)
    assert [a["successes"] for a in test.figures["arms"]] == [0, 5]
    assert (test.winner, test.outcome) == ("B", "significant")
    assert "purchases within 2 days" in (await h.say(OWNER, "/report"))[-1]["text"]


async def test_the_decision_survives_a_restart_and_runs_in_the_scheduler_job(staffed):
    h = staffed
    for uid in range(1, 11):
        await make_customer(h, uid, ["offers"])
    cid, ends = await _campaign(h, variants=["Tea A", "Tea B"], share=0.5)
    await h.restart()
    jobs.bind(h.services)
    assert await jobs.ab_decide(ends.isoformat()) == 5  # nobody pressed: no data, the first variant
    async with h.services.sessions() as session:
        test = await session.get(AbTest, cid)
        assert (test.winner, test.outcome) == ("A", "no_data")
        queued = (
            await session.execute(select(func.count()).select_from(Outbox).where(Outbox.campaign_id == cid))
        ).scalar_one()
    assert queued == 10


async def test_the_campaign_dialogue_starts_an_ab_test(staffed):
    h = staffed
    for uid in range(1, 11):
        await make_customer(h, uid, ["offers"])
    await h.say(MARKETER, "/campaign")
    await h.press(MARKETER, "retention")
    await h.say(MARKETER, "Spring news")
    for _ in range(3):
        await h.press(MARKETER, "Next")
    await h.say(MARKETER, "0")
    await h.say(MARKETER, "0")
    await h.say(MARKETER, "-")
    await h.say(MARKETER, "New teas are in!")
    await h.press(MARKETER, "Add a variant")
    await h.say(MARKETER, "New teas are in — come taste them!")
    assert "A/B test first" in str(last(h, MARKETER)["reply_markup"])
    await h.press(MARKETER, "A/B test first")
    assert "Test the variants first?" in last(h, MARKETER)["text"]
    await h.press(MARKETER, "20%")
    await h.press(MARKETER, "Presses of the button")
    assert "Type a whole number" in (await h.say(MARKETER, "0"))[-1]["text"]
    await h.say(MARKETER, "3")
    await h.press(MARKETER, "5%")
    await h.say(MARKETER, "now")
    await h.say(MARKETER, "100")
    summary = (await h.say(MARKETER, "30"))[-1]["text"]
    assert "A/B test: 20% of the audience, 3 days, decided by presses of the button at level 5%." in summary
    await h.press(MARKETER, "Launch")
    assert "A/B test launched, 2 messages queued for the test group" in last(h, MARKETER)["text"]
    async with h.services.sessions() as session:
        test = (await session.execute(select(AbTest))).scalar_one()
        campaign = await session.get(Campaign, test.campaign_id)
    assert (test.share, test.criterion, test.level, campaign.status) == (0.2, "press", 0.05, "testing")
    assert test.ends_at - campaign.launched_at == pytest.approx(timedelta(days=3), abs=timedelta(seconds=5))
