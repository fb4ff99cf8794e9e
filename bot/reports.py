"""Numbers for staff: the lifecycle funnel, scopes, weekly consent flow, campaign results, a PNG chart."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from babel.numbers import format_decimal, format_percent
from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.campaigns import VariantResult, results, significance
from bot.config import Settings
from bot.consent.scopes import SCOPES
from bot.html_text import esc
from bot.staff_texts import STAFF_LANGUAGE, st, st_plain, stage_name
from storage.models import (
    STAGES,
    AbTest,
    Campaign,
    ConsentEvent,
    Customer,
    Outbox,
    ScopeState,
    Staff,
    StageChange,
    WithdrawalReason,
)
from storage.types import utcnow

# "Ever reached" a stage counts everyone who passed through it, so the funnel's conversion
# rates stay meaningful after people move on (a loyal customer was a friend once).
FUNNEL = ("stranger", "friend", "customer", "loyal")


@dataclass
class Stats:
    current: dict[str, int]
    reached: dict[str, int]
    scopes: dict[str, int]
    opt_ins_week: int
    withdrawals_week: int
    stage_moves_week: dict[str, int]
    # Customers who withdrew (or left by inactivity) in the last 7 days, per reason.
    reasons_week: dict[str, int] = field(default_factory=dict)
    # Per campaign with deliveries: (campaign id, customers who withdrew after its message, delivered).
    unsubscribes: list[tuple[int, int, int]] = field(default_factory=list)

    def conversion(self, a: str, b: str) -> float:
        return self.reached[b] / self.reached[a] if self.reached.get(a) else 0.0


def customers_only(column, admin_ids: Iterable[int] = ()):
    """A condition on a customer id `column`: not a staff member's own chat. Staff talk to the bot
    too (the terminal chat's local staff user, an owner trying the dialogue) and get a customer
    row like anyone; they are not customers in the figures. Staff are the `staff` table and the
    owners of the configuration (ADMIN_IDS, which the table does not hold)."""
    return and_(column.not_in(select(Staff.user_id)), column.not_in(list(admin_ids)))


async def stats(session: AsyncSession, *, admin_ids: Iterable[int] = ()) -> Stats:
    """The figures of /stats and /report, over customers only (`customers_only`)."""
    admin_ids = list(admin_ids)
    current = dict.fromkeys(STAGES, 0)
    for stage, count in await session.execute(
        select(Customer.stage, func.count()).where(customers_only(Customer.id, admin_ids)).group_by(Customer.stage)
    ):
        current[stage] = count
    reached = dict.fromkeys(STAGES, 0)
    for stage, count in await session.execute(
        select(StageChange.to_stage, func.count(func.distinct(StageChange.customer_id)))
        .where(customers_only(StageChange.customer_id, admin_ids))
        .group_by(StageChange.to_stage)
    ):
        reached[stage] = count
    scopes = dict.fromkeys(SCOPES, 0)
    for scope, count in await session.execute(
        select(ScopeState.scope, func.count())
        .where(ScopeState.granted.is_(True), customers_only(ScopeState.customer_id, admin_ids))
        .group_by(ScopeState.scope)
    ):
        scopes[scope] = count
    week = utcnow() - timedelta(days=7)
    flow = dict(
        (action, count)
        for action, count in await session.execute(
            select(ConsentEvent.action, func.count())
            .where(ConsentEvent.at >= week, customers_only(ConsentEvent.customer_id, admin_ids))
            .group_by(ConsentEvent.action)
        )
    )
    moves = dict(
        (stage, count)
        for stage, count in await session.execute(
            select(StageChange.to_stage, func.count())
            .where(StageChange.at >= week, customers_only(StageChange.customer_id, admin_ids))
            .group_by(StageChange.to_stage)
        )
    )
    reasons = dict(
        (reason, count)
        for reason, count in await session.execute(
            select(WithdrawalReason.reason, func.count(func.distinct(WithdrawalReason.customer_id)))
            .where(WithdrawalReason.at >= week, customers_only(WithdrawalReason.customer_id, admin_ids))
            .group_by(WithdrawalReason.reason)
        )
    )
    return Stats(
        current,
        reached,
        scopes,
        flow.get("grant", 0),
        flow.get("withdraw", 0),
        moves,
        reasons,
        await unsubscribe_rates(session, admin_ids=admin_ids),
    )


# The reasons in the order /stats lists them (bot/consent/ledger.py `withdrawal_reason`, bot/winback.py).
REASONS = ("message_button", "preferences", "stop", "words", "blocked", "staff", "erasure", "inactive")


async def unsubscribe_rates(session: AsyncSession, *, admin_ids: Iterable[int] = ()) -> list[tuple[int, int, int]]:
    """(campaign id, customers who withdrew after one of its messages, messages delivered) per campaign
    with deliveries: a withdrawal counts for the campaign whose message came just before it (within
    7 days, bot/consent/ledger.py `last_delivery`); leaving by inactivity is no unsubscribe."""
    admin_ids = list(admin_ids)
    delivered = dict(
        (cid, n)
        for cid, n in await session.execute(
            select(Outbox.campaign_id, func.count())
            .where(
                Outbox.campaign_id.is_not(None),
                Outbox.status == "sent",
                customers_only(Outbox.customer_id, admin_ids),
            )
            .group_by(Outbox.campaign_id)
        )
    )
    left = dict(
        (cid, n)
        for cid, n in await session.execute(
            select(WithdrawalReason.campaign_id, func.count(func.distinct(WithdrawalReason.customer_id)))
            .where(
                WithdrawalReason.campaign_id.is_not(None),
                WithdrawalReason.reason != "inactive",
                customers_only(WithdrawalReason.customer_id, admin_ids),
            )
            .group_by(WithdrawalReason.campaign_id)
        )
    )
    return [(cid, left.get(cid, 0), n) for cid, n in sorted(delivered.items())]


def _decimal(value: float, pattern: str) -> str:
    """A number in the staff member's language ("2.0" in English, "2,0" in Ukrainian)."""
    return format_decimal(value, pattern, locale=STAFF_LANGUAGE.get())


def _percent(value: float, pattern: str) -> str:
    """A share as a percentage in the staff member's language ("12.5%", "12,5%")."""
    return format_percent(value, pattern, locale=STAFF_LANGUAGE.get())


def stats_text(s: Stats) -> str:
    """/stats (and the top of /report), in the staff member's language (bot/locales/<lang>/staff.ftl).
    Stages by their names in the staff member's language (the words customers see in /mydata);
    scope names stay as they are."""
    lines = [f"<b>{st('console.stats.funnel')}</b> {st('console.stats.funnel_note')}"]
    for stage in STAGES:
        lines.append(f"{stage_name(stage)}: {s.current[stage]} / {s.reached[stage]}")
    lines.append("")
    for a, b in zip(FUNNEL, FUNNEL[1:]):
        lines.append(f"{stage_name(a)} → {stage_name(b)}: {_percent(s.conversion(a, b), '#0.0%')}")
    lines += ["", f"<b>{st('console.stats.scopes')}</b>"] + [f"{scope}: {s.scopes[scope]}" for scope in SCOPES]
    lines += [
        "",
        st(
            "console.stats.week",
            opt_ins=st("console.stats.opt_ins", n=s.opt_ins_week),
            withdrawals=st("console.stats.withdrawals", n=s.withdrawals_week),
        ),
    ]
    if s.stage_moves_week:
        moves = ", ".join(f"→{stage_name(k)} {v}" for k, v in sorted(s.stage_moves_week.items()))
        lines.append(st("console.stats.moves", moves=moves))
    lines.append(reasons_text(s))
    if s.unsubscribes:
        lines.append(
            st(
                "console.stats.unsubscribe",
                campaigns=", ".join(
                    st_plain(
                        "console.stats.unsubscribe_campaign",
                        id=cid,
                        rate=_percent(left / delivered if delivered else 0.0, "#0.0%"),
                        left=left,
                        delivered=delivered,
                    )
                    for cid, left, delivered in s.unsubscribes
                ),
            )
        )
    return "\n".join(lines)


def reasons_text(s: Stats) -> str:
    """Withdrawals of the last 7 days by reason, in the order of REASONS (unknown ones last, as stored)."""
    if not s.reasons_week:
        return st("console.stats.reasons_none")
    order = [r for r in REASONS if r in s.reasons_week] + sorted(set(s.reasons_week) - set(REASONS))
    parts = [f"{st_plain(f'console.stats.reason.{r}') if r in REASONS else r}: {s.reasons_week[r]}" for r in order]
    return st("console.stats.reasons", reasons=", ".join(parts))


async def staff_pseudonyms(session: AsyncSession, settings: Settings, admin_ids: Iterable[int] = ()) -> list[str]:
    """The response pseudonyms of staff members' own chats (the `staff` table and ADMIN_IDS): a
    response without `tracking` names no customer, only this HMAC of the id (bot/measure.py)."""
    from bot.measure import PseudonymKeyError, pseudonym, pseudonym_key

    ids = set(admin_ids) | set((await session.execute(select(Staff.user_id))).scalars())
    if not ids:
        return []
    try:
        key = await pseudonym_key(session, settings)
    except PseudonymKeyError:  # no response can have been recorded with this key either
        return []
    return [pseudonym(i, key) for i in sorted(ids)]


async def campaign_rows(
    session: AsyncSession, *, settings: Settings | None = None
) -> list[tuple[Campaign, list[VariantResult], float | None]]:
    """Every campaign with its variants' figures over customers only (`customers_only`, as
    /stats): staff members' own chats get a campaign if they allowed `offers`, but are not
    counted. `settings` gives ADMIN_IDS and the pseudonym key (without it only the `staff` table
    is left out, and only responses that name their customer)."""
    admin_ids = list(settings.admin_ids) if settings is not None else []
    pseudonyms = await staff_pseudonyms(session, settings, admin_ids) if settings is not None else []
    campaigns = list((await session.execute(select(Campaign).order_by(Campaign.id))).scalars())
    out = []
    for campaign in campaigns:
        rows = await results(session, campaign, admin_ids=admin_ids, staff_pseudonyms=pseudonyms)
        out.append((campaign, rows, significance(rows)))
    return out


@dataclass
class CampaignExtras:
    """What /report adds to each campaign: its A/B test, and who withdrew after its message."""

    tests: dict[int, AbTest] = field(default_factory=dict)
    unsubscribes: dict[int, tuple[int, int]] = field(default_factory=dict)  # id -> (left, delivered)


async def campaign_extras(session: AsyncSession, *, admin_ids: Iterable[int] = ()) -> CampaignExtras:
    from bot.abtest import tests_by_campaign

    return CampaignExtras(
        await tests_by_campaign(session),
        {cid: (left, delivered) for cid, left, delivered in await unsubscribe_rates(session, admin_ids=admin_ids)},
    )


def ab_test_text(test: AbTest) -> str:
    """An A/B test as /report explains it: running (no figure decides before the end), or the
    decision with the figures it was taken on (counts, rates, p-value, level)."""
    from bot.routers.staff.campaigns import _criterion_text

    share, criterion = _percent(test.share, "#0%"), _criterion_text(test.criterion, test.purchase_days)
    if test.decided_at is None:
        return st(
            "console.report.ab_running",
            share=share,
            criterion=criterion,
            level=_percent(test.level, "#0.##%"),
            ends=f"{test.ends_at:%Y-%m-%d %H:%M}",
        )
    figures = test.figures
    arms = "; ".join(
        st_plain(
            "console.report.ab_arm",
            variant=a["variant"],
            successes=a["successes"],
            delivered=a["delivered"],
            rate=_percent(a["successes"] / a["delivered"] if a["delivered"] else 0.0, "#0.0%"),
        )
        for a in figures.get("arms", [])
    )
    head = st(
        "console.report.ab_decided",
        share=share,
        when=f"{test.decided_at:%Y-%m-%d %H:%M}",
        criterion=criterion,
        arms=arms,
    )
    first = figures["arms"][0]["variant"] if figures.get("arms") else "A"
    level = _percent(figures.get("level", test.level), "#0.##%")
    rest = test.rest or 0
    if test.outcome == "significant":
        why = st(
            "console.report.ab_significant",
            winner=test.winner,
            first=first,
            p=_decimal(figures["p_value"], "0.0000"),
            level=level,
            rest=rest,
        )
    elif test.outcome == "not_significant":
        why = st(
            "console.report.ab_not_significant",
            challenger=figures.get("challenger") or "-",
            first=first,
            p=_decimal(figures["p_value"], "0.0000"),
            level=level,
            rest=rest,
        )
    else:
        why = st("console.report.ab_no_data", first=first, rest=rest)
    return f"{head} {why}"


def campaigns_text(rows, extras: CampaignExtras | None = None) -> str:
    """Every figure here is counted from this shop's own outbox, responses, purchases and
    referrals; nothing is quoted. Campaigns are listed newest first (a long report is cut at
    the end), after the totals over all of them. In the staff member's language; the campaign's
    name, goal and status are shown as stored (escaped)."""
    if not rows:
        return st("console.report.no_campaigns")
    delivered = sum(v.delivered for _, variants, _ in rows for v in variants)
    converted = sum(v.converted for _, variants, _ in rows for v in variants)
    lines = [
        f"<b>{st('console.report.all')}</b>: "
        + st("console.report.totals", count=len(rows), delivered=delivered, conversions=converted)
        + "; "
        + (
            st("console.report.per_conversion", ratio=_decimal(delivered / converted, "0.0") + ":1")
            if converted
            else st("console.report.no_conversions")
        )
    ]
    extras = extras or CampaignExtras()
    for campaign, variants, p_value in reversed(rows):
        lines.append(
            f"<b>#{campaign.id} {esc(campaign.name)}</b> ({esc(campaign.goal)}, {esc(campaign.status)}); "
            + st("console.report.target", rate=_percent(campaign.target_rate, "#0%"))
        )
        left, sent = extras.unsubscribes.get(campaign.id, (0, 0))
        if sent:
            lines.append(
                "  " + st("console.report.unsubscribed", left=left, delivered=sent, rate=_percent(left / sent, "#0.0%"))
            )
        test = extras.tests.get(campaign.id)
        if test is not None:
            lines.append("  " + ab_test_text(test))
        for v in variants:
            verdict = (
                st("console.report.nothing_delivered")
                if not v.delivered
                else st("console.report.meets_target")
                if v.response_rate >= campaign.target_rate
                else st("console.report.below_target")
            )
            ratio = (
                _decimal(v.informed_per_buyer, "0.0") + ":1" if v.informed_per_buyer else st("console.report.no_buyers")
            )
            lines.append(
                "  "
                + st(
                    "console.report.variant",
                    variant=v.variant,
                    queued=v.enqueued,
                    delivered=v.delivered,
                    responded=v.responded,
                    rate=_percent(v.response_rate, "#0.0%"),
                    verdict=verdict,
                    converted=v.converted,
                    ratio=ratio,
                )
            )
        if len(variants) > 1 and not (test is not None and test.decided_at is None):  # no peeking
            if p_value is None:
                result = st("console.report.not_enough_data")
            elif p_value < 0.05:
                result = st("console.report.significant", p=_decimal(p_value, "0.0000"))
            else:
                result = st("console.report.not_significant", p=_decimal(p_value, "0.0000"))
            lines.append("  " + st("console.report.difference", result=result))
    return "\n".join(lines)


def chart_png(s: Stats, rows) -> bytes:
    """The /report chart. Its labels are drawn by matplotlib and stay English (stage names and
    campaign numbers); the caption sent with it is in the staff member's language."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5), dpi=100)
    counts = [s.reached[stage] for stage in FUNNEL]
    left.bar(FUNNEL, counts, color=["#9aa5b1", "#4c9be8", "#35b37e", "#f5a623"])
    left.set_title("Lifecycle funnel (ever reached)")
    for i, c in enumerate(counts):
        left.annotate(str(c), (i, c), ha="center", va="bottom")
    labels = [f"#{c.id}{v.variant}" for c, variants, _ in rows for v in variants]
    rates = [v.response_rate * 100 for _, variants, _ in rows for v in variants]
    right.bar(labels or ["none"], rates or [0], color="#4c9be8")
    right.set_ylim(0, 100)
    right.set_ylabel("response rate, %")
    right.set_title("Response rate per campaign and variant")
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


# The CSV exports (/export) are built in bot/exports.py, with formula cells neutralised.
