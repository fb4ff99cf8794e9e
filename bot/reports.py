"""Numbers for staff: the lifecycle funnel, scopes, weekly consent flow, campaign results, a PNG chart."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from babel.numbers import format_decimal, format_percent
from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.campaigns import VariantResult, results, significance
from bot.consent.scopes import SCOPES
from bot.html_text import esc
from bot.staff_texts import STAFF_LANGUAGE, st, stage_name
from storage.models import STAGES, Campaign, ConsentEvent, Customer, ScopeState, Staff, StageChange
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
    return Stats(current, reached, scopes, flow.get("grant", 0), flow.get("withdraw", 0), moves)


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
    return "\n".join(lines)


async def campaign_rows(session: AsyncSession) -> list[tuple[Campaign, list[VariantResult], float | None]]:
    campaigns = list((await session.execute(select(Campaign).order_by(Campaign.id))).scalars())
    out = []
    for campaign in campaigns:
        rows = await results(session, campaign)
        out.append((campaign, rows, significance(rows)))
    return out


def campaigns_text(rows) -> str:
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
    for campaign, variants, p_value in reversed(rows):
        lines.append(
            f"<b>#{campaign.id} {esc(campaign.name)}</b> ({esc(campaign.goal)}, {esc(campaign.status)}); "
            + st("console.report.target", rate=_percent(campaign.target_rate, "#0%"))
        )
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
        if len(variants) > 1:
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
