"""Sequences: messages with delays that a customer enters once, on an event, within their scopes.

Staff define a sequence (/sequence, bot/routers/staff/sequences.py): the event that enters a
customer (the first grant of a scope or of any scope, a purchase, a delivered sample, from the
moment the sequence was started), a segment (interests, stages) and steps (text, delay after the
previous step, scope). The `sequences` job (`run`, every 5 minutes):

1. enters customers whose event happened since the sequence started and who fit its segment,
   once per sequence (a unique row per sequence and customer);
2. lets leave those who withdrew a scope the sequence's steps use after entering, or who are
   erased or unreachable, and drops their steps still queued;
3. queues each step that has fallen due as an outbox row of kind `sequence` carrying its scope
   (the sender and the policy check that scope at send time, bot/consent/scopes.py), only if
   that scope is granted now; a step whose scope is not granted is skipped.

Responses are counted per step from the pseudonymous response events (`variant` = `q<step id>`),
so staff see each step's delivery and response rates without tracking anyone. The welcome
series for new customers ships as an example (`WELCOME`, texts in the delivery catalogs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.consent.scopes import KIND_SCOPE
from bot.delivery.outbox import enqueue_many, idem_key
from storage.models import (
    STAGES,
    Category,
    ConsentEvent,
    Customer,
    CustomerInterest,
    Outbox,
    Purchase,
    ResponseEvent,
    SampleRequest,
    ScopeState,
    Sequence,
    SequenceEnrollment,
    SequenceStep,
)
from storage.types import utcnow

TRIGGERS = ("grant", "purchase", "sample")
STEP_SCOPES = tuple(sorted(set(KIND_SCOPE.values())))  # the scopes a message can be sent in
MAX_STEPS = 20
MAX_TEXT = 3000

# The welcome series for new customers: entered on the first grant of any scope; each step in
# the scope it belongs to (news in `offers`, samples in `samples`), so a customer gets only the
# steps they allow. Texts: `sequence-welcome_N` in bot/locales/<lang>/delivery.ftl.
WELCOME = {
    "key": "welcome",
    "name": "Welcome series",
    "trigger": "grant",
    "trigger_scope": None,
    "steps": [
        (60, "offers", "sequence.welcome_1"),  # an hour after the first grant
        (2 * 24 * 60, "samples", "sequence.welcome_2"),  # two days later
        (5 * 24 * 60, "offers", "sequence.welcome_3"),  # five days after that
    ],
}


@dataclass
class RunResult:
    entered: int = 0
    left: int = 0
    queued: int = 0
    skipped: int = 0
    done: int = 0

    def __str__(self) -> str:
        return (
            f"{self.entered} entered, {self.left} left, {self.queued} steps queued, "
            f"{self.skipped} skipped (scope not granted), {self.done} finished"
        )


@dataclass
class StepStats:
    position: int
    scope: str
    delay_minutes: int
    label: str
    queued: int = 0
    sent: int = 0
    responded: int = 0


@dataclass
class SequenceStats:
    sequence: Sequence
    enrollments: dict[str, int] = field(default_factory=dict)  # status -> count
    steps: list[StepStats] = field(default_factory=list)


# ---- definition ------------------------------------------------------------------------------


def parse_delay(text: str) -> int | None:
    """Minutes in "0", "45m", "2h", "3d" (at most 365 days); None when not a delay."""
    match = re.fullmatch(r"(\d{1,6})([mhd]?)", text.strip().lower())
    if not match:
        return None
    minutes = int(match.group(1)) * {"": 1, "m": 1, "h": 60, "d": 1440}[match.group(2)]
    return minutes if minutes <= 365 * 1440 else None


def format_delay(minutes: int) -> str:
    if minutes and minutes % 1440 == 0:
        return f"{minutes // 1440}d"
    if minutes and minutes % 60 == 0:
        return f"{minutes // 60}h"
    return f"{minutes}m"


def parse_segment(tokens: list[str], known_interests: set[str]) -> dict | None:
    """`interest:<slug>` and `stage:<stage>` tokens as a segment; None when one is not valid."""
    segment: dict[str, list[str]] = {}
    for token in tokens:
        kind, _, value = token.partition(":")
        value = value.lower()
        if kind == "interest" and value in known_interests:
            segment.setdefault("interests", []).append(value)
        elif kind == "stage" and value in STAGES:
            segment.setdefault("stages", []).append(value)
        else:
            return None
    return segment


def parse_trigger(text: str) -> tuple[str, str | None] | None:
    """`grant`, `grant:<scope>`, `purchase`, `sample`."""
    trigger, _, scope = text.lower().partition(":")
    if trigger not in TRIGGERS:
        return None
    if trigger == "grant" and scope:
        return (trigger, scope) if scope in KIND_SCOPE.values() or scope == "tracking" else None
    return None if scope else (trigger, None)


async def create(
    session: AsyncSession,
    *,
    name: str,
    trigger: str,
    trigger_scope: str | None,
    segment: dict,
    staff_id: int | None,
    key: str | None = None,
) -> Sequence:
    sequence = Sequence(
        key=key, name=name, trigger=trigger, trigger_scope=trigger_scope, segment=segment, created_by=staff_id
    )
    session.add(sequence)
    await session.flush()
    return sequence


async def steps_of(session: AsyncSession, sequence_id: int) -> list[SequenceStep]:
    rows = await session.execute(
        select(SequenceStep).where(SequenceStep.sequence_id == sequence_id).order_by(SequenceStep.position)
    )
    return list(rows.scalars())


async def add_step(
    session: AsyncSession,
    *,
    sequence: Sequence,
    delay_minutes: int,
    scope: str,
    text: str | None = None,
    text_id: str | None = None,
) -> SequenceStep:
    """A step at the end. Steps are added while the sequence is a draft (or paused and nobody
    has reached the end yet): customers already in it get the new step too."""
    if scope not in STEP_SCOPES:
        raise ValueError(f"not a scope a message can be sent in: {scope!r}")
    position = len(await steps_of(session, sequence.id))
    step = SequenceStep(
        sequence_id=sequence.id, position=position, delay_minutes=delay_minutes, scope=scope, text=text, text_id=text_id
    )
    session.add(step)
    await session.flush()
    return step


async def set_status(session: AsyncSession, *, sequence: Sequence, status: str, now: datetime) -> int:
    """start (active) | pause (paused) | end (ended: everyone in it leaves, queued steps dropped).
    Returns how many customers were in it when it ended."""
    if status == "active" and sequence.active_since is None:
        sequence.active_since = now  # events from now on enter: never the customers of the past
    sequence.status = status
    if status != "ended":
        return 0
    sequence.ended_at = now
    active = list(
        (
            await session.execute(
                select(SequenceEnrollment).where(
                    SequenceEnrollment.sequence_id == sequence.id, SequenceEnrollment.status == "active"
                )
            )
        ).scalars()
    )
    for enrollment in active:
        await _finish(session, enrollment, status="ended", reason="sequence_ended", now=now)
    return len(active)


async def ensure_welcome(session: AsyncSession, *, now: datetime | None = None) -> Sequence:
    """The shipped welcome series, created (active from now) once: staff may pause or end it."""
    existing = (await session.execute(select(Sequence).where(Sequence.key == WELCOME["key"]))).scalar_one_or_none()
    if existing is not None:
        return existing
    sequence = await create(
        session,
        name=WELCOME["name"],
        trigger=WELCOME["trigger"],
        trigger_scope=WELCOME["trigger_scope"],
        segment={},
        staff_id=None,
        key=WELCOME["key"],
    )
    for delay, scope, text_id in WELCOME["steps"]:
        await add_step(session, sequence=sequence, delay_minutes=delay, scope=scope, text_id=text_id)
    await set_status(session, sequence=sequence, status="active", now=now or utcnow())
    return sequence


# ---- the job ------------------------------------------------------------------------------------


async def run(session: AsyncSession, *, now: datetime) -> RunResult:
    result = RunResult()
    await ensure_welcome(session, now=now)
    sequences = list((await session.execute(select(Sequence).where(Sequence.status == "active"))).scalars())
    steps = {s.id: await steps_of(session, s.id) for s in sequences}
    for sequence in sequences:
        result.entered += await _enter(session, sequence, now=now)
    by_id = {s.id: s for s in sequences}
    active = list(
        (
            await session.execute(
                select(SequenceEnrollment)
                .where(SequenceEnrollment.status == "active", SequenceEnrollment.sequence_id.in_(list(by_id)))
                .order_by(SequenceEnrollment.id)
            )
        ).scalars()
    )
    if not active:
        return result
    customer_ids = sorted({e.customer_id for e in active})
    granted: dict[int, set[str]] = {}
    for cid, scope in await session.execute(
        select(ScopeState.customer_id, ScopeState.scope).where(
            ScopeState.customer_id.in_(customer_ids), ScopeState.granted.is_(True)
        )
    ):
        granted.setdefault(cid, set()).add(scope)
    withdrawals: dict[int, list[tuple[str, datetime]]] = {}
    for cid, scope, at in await session.execute(
        select(ConsentEvent.customer_id, ConsentEvent.scope, ConsentEvent.at).where(
            ConsentEvent.customer_id.in_(customer_ids), ConsentEvent.action == "withdraw"
        )
    ):
        withdrawals.setdefault(cid, []).append((scope, at))
    people = {
        cid: (reachable, forgotten)
        for cid, reachable, forgotten in await session.execute(
            select(Customer.id, Customer.reachable, Customer.forgotten_at).where(Customer.id.in_(customer_ids))
        )
    }
    rows: list[dict] = []
    for enrollment in active:
        sequence_steps = steps[enrollment.sequence_id]
        used = {s.scope for s in sequence_steps}
        reachable, forgotten = people.get(enrollment.customer_id, (False, None))
        withdrawn = sorted(
            scope
            for scope, at in withdrawals.get(enrollment.customer_id, ())
            if scope in used and at >= enrollment.entered_at
        )
        if withdrawn or forgotten is not None or not reachable:
            reason = f"withdrawn:{withdrawn[0]}" if withdrawn else "forgotten" if forgotten else "unreachable"
            await _finish(session, enrollment, status="left", reason=reason, now=now)
            result.left += 1
            continue
        position, due = enrollment.next_position, enrollment.entered_at
        for step in sequence_steps[:position]:
            due += timedelta(minutes=step.delay_minutes)
        while position < len(sequence_steps):
            step = sequence_steps[position]
            due += timedelta(minutes=step.delay_minutes)
            if due > now:
                break
            if step.scope in granted.get(enrollment.customer_id, ()):
                rows.append(_step_row(enrollment, step, due))
                result.queued += 1
            else:
                result.skipped += 1
            position += 1
        enrollment.next_position = position
        if position >= len(sequence_steps):
            enrollment.status, enrollment.finished_at = "done", now
            result.done += 1
    await enqueue_many(session, rows)
    return result


def _step_row(enrollment: SequenceEnrollment, step: SequenceStep, due: datetime) -> dict:
    payload = {
        "scope": step.scope,
        "sequence_id": enrollment.sequence_id,
        "enrollment": enrollment.id,
        "position": step.position,
    }
    payload.update({"text_id": step.text_id} if step.text_id else {"text": step.text or ""})
    return {
        "customer_id": enrollment.customer_id,
        "kind": "sequence",
        "idem_key": idem_key(enrollment.customer_id, "sequence", f"{enrollment.id}:{step.position}"),
        "payload": payload,
        "not_before": due,
        "variant": step_variant(step.id),
    }


def step_variant(step_id: int) -> str:
    """How a step's deliveries and their responses are told apart (`outbox.variant`, 8 characters)."""
    return f"q{step_id}"


async def _finish(
    session: AsyncSession, enrollment: SequenceEnrollment, *, status: str, reason: str, now: datetime
) -> None:
    enrollment.status, enrollment.left_reason, enrollment.finished_at = status, reason, now
    queued = await session.execute(
        select(Outbox).where(
            Outbox.customer_id == enrollment.customer_id,
            Outbox.kind == "sequence",
            Outbox.status.in_(("pending", "claimed")),
        )
    )
    for row in queued.scalars():
        if row.payload.get("enrollment") == enrollment.id:
            # A claimed row is sent only while still claimed: dropping it here stops it too.
            row.status, row.reason, row.claimed_by = "dropped", "left_sequence", None


async def _enter(session: AsyncSession, sequence: Sequence, *, now: datetime) -> int:
    """Enter the customers whose event happened since the sequence started (once each)."""
    since = sequence.active_since or now
    if sequence.trigger == "grant":
        first = func.min(ConsentEvent.at)
        query = select(ConsentEvent.customer_id, first).where(ConsentEvent.action == "grant")
        if sequence.trigger_scope:
            query = query.where(ConsentEvent.scope == sequence.trigger_scope)
        query = query.group_by(ConsentEvent.customer_id).having(and_(first >= since, first <= now))
        label = f"grant:{sequence.trigger_scope or 'any'}"
    elif sequence.trigger == "purchase":
        first = func.min(Purchase.at)
        query = (
            select(Purchase.customer_id, first)
            .where(Purchase.at >= since, Purchase.at <= now)
            .group_by(Purchase.customer_id)
        )
        label = "purchase"
    else:
        first = func.min(SampleRequest.delivered_at)
        query = (
            select(SampleRequest.customer_id, first)
            .where(
                SampleRequest.status == "delivered",
                SampleRequest.delivered_at >= since,
                SampleRequest.delivered_at <= now,
            )
            .group_by(SampleRequest.customer_id)
        )
        label = "sample"
    events = {cid: at for cid, at in await session.execute(query)}
    if not events:
        return 0
    fits = (
        select(Customer.id)
        .where(
            Customer.id.in_(list(events)),
            Customer.reachable.is_(True),
            Customer.forgotten_at.is_(None),
            ~exists().where(
                and_(SequenceEnrollment.sequence_id == sequence.id, SequenceEnrollment.customer_id == Customer.id)
            ),
        )
        .order_by(Customer.id)
    )
    segment = sequence.segment or {}
    if segment.get("stages"):
        fits = fits.where(Customer.stage.in_(segment["stages"]))
    if segment.get("interests"):
        fits = fits.where(
            exists().where(
                and_(
                    CustomerInterest.customer_id == Customer.id,
                    CustomerInterest.category_id == Category.id,
                    Category.slug.in_(segment["interests"]),
                )
            )
        )
    entered = 0
    for (cid,) in await session.execute(fits):
        session.add(SequenceEnrollment(sequence_id=sequence.id, customer_id=cid, event=label, entered_at=events[cid]))
        entered += 1
    await session.flush()
    return entered


# ---- figures for staff ---------------------------------------------------------------------------


async def stats(session: AsyncSession, *, sequence: Sequence) -> SequenceStats:
    out = SequenceStats(sequence=sequence)
    for status, count in await session.execute(
        select(SequenceEnrollment.status, func.count())
        .where(SequenceEnrollment.sequence_id == sequence.id)
        .group_by(SequenceEnrollment.status)
    ):
        out.enrollments[status] = count
    for step in await steps_of(session, sequence.id):
        variant = step_variant(step.id)
        figures = StepStats(step.position + 1, step.scope, step.delay_minutes, step.text_id or (step.text or ""))
        for status, count in await session.execute(
            select(Outbox.status, func.count())
            .where(Outbox.kind == "sequence", Outbox.variant == variant)
            .group_by(Outbox.status)
        ):
            figures.queued += count
            if status == "sent":
                figures.sent = count
        figures.responded = (
            await session.execute(
                select(func.count(func.distinct(ResponseEvent.pseudonym))).where(
                    ResponseEvent.message_kind == "sequence", ResponseEvent.variant == variant
                )
            )
        ).scalar_one()
        out.steps.append(figures)
    return out


async def find(session: AsyncSession, ref: str) -> Sequence | None:
    if not ref.isdigit():
        return (await session.execute(select(Sequence).where(Sequence.key == ref))).scalar_one_or_none()
    return await session.get(Sequence, int(ref))


async def all_sequences(session: AsyncSession) -> list[tuple[Sequence, int, int]]:
    """Every sequence with its number of steps and of customers who entered it."""
    steps = dict(
        (await session.execute(select(SequenceStep.sequence_id, func.count()).group_by(SequenceStep.sequence_id))).all()
    )
    entered = dict(
        (
            await session.execute(
                select(SequenceEnrollment.sequence_id, func.count()).group_by(SequenceEnrollment.sequence_id)
            )
        ).all()
    )
    rows = (await session.execute(select(Sequence).order_by(Sequence.id))).scalars()
    return [(s, steps.get(s.id, 0), entered.get(s.id, 0)) for s in rows]


__all__ = [
    "WELCOME",
    "RunResult",
    "add_step",
    "all_sequences",
    "create",
    "ensure_welcome",
    "find",
    "format_delay",
    "parse_delay",
    "parse_segment",
    "parse_trigger",
    "run",
    "set_status",
    "stats",
    "step_variant",
]
