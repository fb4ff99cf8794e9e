"""Numbers for staff: the lifecycle funnel, scopes, weekly consent flow, campaign results, a PNG chart."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.campaigns import VariantResult, results, significance
from bot.consent.scopes import SCOPES
from bot.html_text import esc
from storage.models import STAGES, Campaign, ConsentEvent, Customer, ScopeState, StageChange
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


async def stats(session: AsyncSession) -> Stats:
    current = dict.fromkeys(STAGES, 0)
    for stage, count in await session.execute(select(Customer.stage, func.count()).group_by(Customer.stage)):
        current[stage] = count
    reached = dict.fromkeys(STAGES, 0)
    for stage, count in await session.execute(
        select(StageChange.to_stage, func.count(func.distinct(StageChange.customer_id))).group_by(StageChange.to_stage)
    ):
        reached[stage] = count
    scopes = dict.fromkeys(SCOPES, 0)
    for scope, count in await session.execute(
        select(ScopeState.scope, func.count()).where(ScopeState.granted.is_(True)).group_by(ScopeState.scope)
    ):
        scopes[scope] = count
    week = utcnow() - timedelta(days=7)
    flow = dict(
        (action, count)
        for action, count in await session.execute(
            select(ConsentEvent.action, func.count()).where(ConsentEvent.at >= week).group_by(ConsentEvent.action)
        )
    )
    moves = dict(
        (stage, count)
        for stage, count in await session.execute(
            select(StageChange.to_stage, func.count()).where(StageChange.at >= week).group_by(StageChange.to_stage)
        )
    )
    return Stats(current, reached, scopes, flow.get("grant", 0), flow.get("withdraw", 0), moves)


def stats_text(s: Stats) -> str:
    lines = ["<b>Lifecycle funnel</b> (now / ever reached)"]
    for stage in STAGES:
        lines.append(f"{stage}: {s.current[stage]} / {s.reached[stage]}")
    lines.append("")
    for a, b in zip(FUNNEL, FUNNEL[1:]):
        lines.append(f"{a} → {b}: {s.conversion(a, b):.1%}")
    lines += ["", "<b>Customers per scope</b>"] + [f"{scope}: {s.scopes[scope]}" for scope in SCOPES]
    lines += ["", f"This week: {s.opt_ins_week} opt-ins, {s.withdrawals_week} withdrawals"]
    if s.stage_moves_week:
        lines.append("Stage moves this week: " + ", ".join(f"→{k} {v}" for k, v in sorted(s.stage_moves_week.items())))
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
    the end), after the totals over all of them."""
    if not rows:
        return "No campaigns yet."
    delivered = sum(v.delivered for _, variants, _ in rows for v in variants)
    converted = sum(v.converted for _, variants, _ in rows for v in variants)
    lines = [
        f"<b>All campaigns</b>: {len(rows)}; delivered {delivered}, conversions {converted}; "
        + (f"delivered per conversion {delivered / converted:.1f}:1" if converted else "no conversions yet")
    ]
    for campaign, variants, p_value in reversed(rows):
        lines.append(
            f"<b>#{campaign.id} {esc(campaign.name)}</b> ({esc(campaign.goal)}, {esc(campaign.status)}); "
            f"target response rate {campaign.target_rate:.0%}"
        )
        for v in variants:
            verdict = (
                "nothing delivered yet"
                if not v.delivered
                else "meets target"
                if v.response_rate >= campaign.target_rate
                else "below target"
            )
            ratio = f"{v.informed_per_buyer:.1f}:1" if v.informed_per_buyer else "no buyers yet"
            lines.append(
                f"  {v.variant}: queued {v.enqueued}, delivered {v.delivered}, responded {v.responded} "
                f"({v.response_rate:.1%}, {verdict}), converted {v.converted}; informed per buyer {ratio}"
            )
        if len(variants) > 1:
            lines.append(
                "  difference: "
                + (
                    "not enough data"
                    if p_value is None
                    else f"p = {p_value:.4f} ({'significant' if p_value < 0.05 else 'not significant'} at 5 %)"
                )
            )
    return "\n".join(lines)


def chart_png(s: Stats, rows) -> bytes:
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
