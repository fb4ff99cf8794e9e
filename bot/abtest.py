"""A/B tests that finish themselves.

A campaign with two or more variants can first go to a share of its audience (the test group,
the variants in turn). The criterion is chosen up front: presses of the message's button, or
purchases within N days of the delivery. No peeking: the `ab_decide` job takes the decision once,
at the end of the window (the decision is claimed by one UPDATE, so a second run or a second
scheduler decides nothing again, and a restart only delays it). The best variant wins only if it
beats the first variant significantly (Fisher's exact test, two-sided, at the test's level; with
more than two variants the level is divided by the comparisons made, Bonferroni); otherwise the
first variant goes. The winner then goes to the rest of the audience as it is at the decision
(`offers` checked again; the test group already has its message: one row per customer and
campaign). `/report` shows the figures the decision was taken on.
"""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, distinct, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import campaigns as camp
from bot.delivery.outbox import enqueue_many
from storage.models import AbTest, Campaign, Outbox, Purchase, ResponseEvent
from storage.types import utcnow

log = logging.getLogger(__name__)

CRITERIA = ("press", "purchase")
SHARES = (0.1, 0.2, 0.3, 0.5)
LEVELS = (0.01, 0.05, 0.1)
MAX_WINDOW_DAYS = 60


def pick_test_group(campaign_id: int, audience: list[int], share: float, variants: int) -> dict[int, str]:
    """customer id → variant for the test: ceil(share × audience) customers picked by a stable hash
    of (campaign, customer), the variants dealt in turn so each gets as many as the others."""
    ranked = sorted(audience, key=lambda cid: hashlib.sha256(f"abtest:{campaign_id}:{cid}".encode()).digest())
    size = min(len(ranked), math.ceil(share * len(ranked) - 1e-9))
    return {cid: camp.VARIANT_NAMES[i % variants] for i, cid in enumerate(ranked[:size])}


async def start(
    session: AsyncSession,
    campaign: Campaign,
    *,
    share: float,
    criterion: str,
    window: timedelta,
    level: float,
    purchase_days: int | None = None,
    bot_username: str | None,
) -> AbTest:
    """Launch a campaign as an A/B test: the variants to the test group only; the rest waits for
    the decision at the end of the window (counted from the campaign's schedule, or now)."""
    if criterion not in CRITERIA or not 0 < share < 1 or not 0 < level < 1 or len(campaign.variants) < 2:
        raise ValueError("an A/B test needs two variants, a share and a level between 0 and 1, and a criterion")
    now = utcnow()
    begins = max(campaign.scheduled_at or now, now)
    days = purchase_days or max(1, math.ceil(window / timedelta(days=1)))
    group = pick_test_group(
        campaign.id, await camp.audience(session, campaign.segment, now=now), share, len(campaign.variants)
    )
    test = AbTest(
        campaign_id=campaign.id,
        share=share,
        criterion=criterion,
        purchase_days=days,
        level=level,
        ends_at=begins + window,
        bot_username=bot_username,
    )
    session.add(test)
    test.tested = await camp.launch(session, campaign, bot_username=bot_username, assignment=group)
    campaign.status = "testing"
    await session.flush()
    return test


@dataclass(frozen=True)
class Arm:
    """One variant in the test: messages delivered, and how many of those customers met the criterion."""

    variant: str
    delivered: int
    successes: int

    @property
    def rate(self) -> float:
        return self.successes / self.delivered if self.delivered else 0.0


@dataclass(frozen=True)
class Decision:
    winner: str
    outcome: str  # significant | not_significant | no_data
    p_value: float | None
    challenger: str | None  # the best variant other than the first, compared with it
    level: float  # the level the p-value was compared with (after Bonferroni)


def fisher_p(a: Arm, b: Arm) -> float:
    """Two-sided p-value of Fisher's exact test on the 2×2 table (successes, failures) of two arms."""
    from scipy.stats import fisher_exact

    table = [[a.successes, a.delivered - a.successes], [b.successes, b.delivered - b.successes]]
    return float(fisher_exact(table, alternative="two-sided").pvalue)


def decide(arms: list[Arm], level: float) -> Decision:
    """The winner: the best other variant if it beats the first one at `level` (divided by the number
    of comparisons, k − 1), else the first. No data (a variant delivered to nobody, or nobody met the
    criterion anywhere): the first variant."""
    first = arms[0]
    others = arms[1:]
    corrected = level / max(1, len(others))
    if not others or any(a.delivered == 0 for a in arms) or sum(a.successes for a in arms) == 0:
        return Decision(first.variant, "no_data", None, None, corrected)
    best = max(others, key=lambda a: (a.rate, -camp.VARIANT_NAMES.index(a.variant)))
    p = fisher_p(first, best)
    if best.rate > first.rate and p < corrected:
        return Decision(best.variant, "significant", p, best.variant, corrected)
    return Decision(first.variant, "not_significant", p, best.variant, corrected)


async def arms(session: AsyncSession, campaign: Campaign, test: AbTest) -> list[Arm]:
    """The figures of each variant in the test group, counted up to the end of the window."""
    out = []
    for name in camp.VARIANT_NAMES[: len(campaign.variants)]:
        sent = and_(Outbox.campaign_id == campaign.id, Outbox.variant == name, Outbox.status == "sent")
        delivered = (
            await session.execute(select(func.count()).select_from(Outbox).where(sent, Outbox.sent_at <= test.ends_at))
        ).scalar_one()
        if test.criterion == "press":
            successes = (
                await session.execute(
                    select(func.count(distinct(ResponseEvent.pseudonym))).where(
                        ResponseEvent.campaign_id == campaign.id,
                        ResponseEvent.variant == name,
                        ResponseEvent.action == "respond",
                        ResponseEvent.hour <= test.ends_at,
                    )
                )
            ).scalar_one()
        else:
            rows = await session.execute(
                select(Purchase.customer_id, Purchase.at, Outbox.sent_at)
                .join(Outbox, and_(Outbox.customer_id == Purchase.customer_id, sent))
                .where(Purchase.at >= Outbox.sent_at, Purchase.at <= test.ends_at, Outbox.sent_at <= test.ends_at)
            )
            window = timedelta(days=test.purchase_days)
            successes = len({cid for cid, at, sent_at in rows if at <= sent_at + window})
        out.append(Arm(name, delivered, successes))
    return out


async def decide_due(session: AsyncSession, *, now: datetime) -> list[AbTest]:
    """Decide every test whose window has ended and is not decided yet, once; send the winner to the rest."""
    due = list(
        (
            await session.execute(
                select(AbTest).where(AbTest.decided_at.is_(None), AbTest.ends_at <= now).order_by(AbTest.campaign_id)
            )
        ).scalars()
    )
    decided = []
    for test in due:
        # The claim: only the transaction whose UPDATE finds the test undecided goes on.
        claimed = await session.execute(
            update(AbTest)
            .where(AbTest.campaign_id == test.campaign_id, AbTest.decided_at.is_(None))
            .values(decided_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:
            continue
        campaign = await session.get(Campaign, test.campaign_id)
        figures = await arms(session, campaign, test)
        decision = decide(figures, test.level)
        rest = [
            await camp.message_row(session, campaign, cid, decision.winner, now=now, bot_username=test.bot_username)
            for cid in await camp.audience(session, campaign.segment, now=now)
        ]
        for row in rest:
            row["not_before"] = now
        test.decided_at, test.winner, test.outcome = now, decision.winner, decision.outcome
        test.figures = {
            "arms": [{"variant": a.variant, "delivered": a.delivered, "successes": a.successes} for a in figures],
            "p_value": decision.p_value,
            "challenger": decision.challenger,
            "level": decision.level,
            "test": "fisher",
        }
        test.rest = await enqueue_many(session, rest)  # the test group already has its row: skipped
        campaign.status = "launched"
        decided.append(test)
        log.info(
            "A/B test of campaign %s decided: %s (%s, p=%s), %d sent to the rest",
            campaign.id,
            decision.winner,
            decision.outcome,
            decision.p_value,
            test.rest,
        )
    return decided


async def tests_by_campaign(session: AsyncSession) -> dict[int, AbTest]:
    return {t.campaign_id: t for t in (await session.execute(select(AbTest))).scalars()}
