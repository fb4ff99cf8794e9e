"""The sender: drains the outbox within Telegram's limits, exactly once.

Row states: pending -> claimed -> sending -> sent, or dropped / failed / uncertain.
- A row is marked `sending` and committed right before its HTTP call, so after a
  crash a `sending` row is one whose send was in flight: it becomes `uncertain` and is
  not resent automatically. A `claimed` row was never tried: it goes back to `pending`.
- Consent is checked again at send time (rule 4), in the same statement that marks
  the row `sending`, so a withdrawal a millisecond earlier still stops the message.
- At most `rate` messages/s overall and `per_chat` per chat, evenly spaced; a 429
  pauses everything for `retry_after`; a 403 means the customer blocked the bot.
- Every outcome of a call ends in a defined row state (`Sender._call`), and no error of one
  call or of the database leaves a batch's rows `claimed` or `sending` behind while the
  process runs: what a failed batch held is given back, and `run_forever` retries with
  backoff and gives up (the process exits, bot/runtime.py) only after a bounded time.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from aiogram import Bot
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramAPIError,
    TelegramBadRequest,
    TelegramConflictError,
    TelegramEntityTooLarge,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramNotFound,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from sqlalchemy import and_, case, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import frequency
from bot.consent.ledger import ConsentConflict, set_stage, withdraw_all
from bot.consent.policy import KIND_SCOPE, POSTPONE_ON_PAUSE, SERVICE_KINDS, decide
from bot.consent.scopes import PAYLOAD_SCOPE_KINDS, scope_of
from bot.delivery.audience import recipients
from bot.delivery.render import render
from bot.delivery.supervision import DEFAULT_GIVE_UP_AFTER, Backoff, GiveUp, redact
from storage.fsm import redis_outage
from storage.models import Customer, Outbox, ScopeState
from storage.types import utcnow

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def _ambiguous(exc: BaseException) -> bool:
    """A timeout or a dropped connection after the request went out: delivery is unknown.
    A refused connection or a DNS failure means nothing was sent, so a retry is safe."""
    text = str(exc)
    if isinstance(exc, asyncio.TimeoutError) or "timeout" in text.lower():
        return True
    return any(name in text for name in ("ServerDisconnectedError", "ClientPayloadError", "ClientOSError"))


def _gateway_timeout(exc: ClientDecodeError) -> bool:
    """An HTML error page that says the gateway waited for the Bot API in vain (504)."""
    page = str(exc.data)[:2000].lower()
    return "504" in page or "timeout" in page or "timed out" in page or "time-out" in page


def _invalid_url(exc: BaseException) -> bool:
    from aiohttp import InvalidURL

    return isinstance(exc.__cause__, InvalidURL)


class RateLimiterUnavailable(RuntimeError):
    """The shared rate limit (Redis) could not be asked: the rows concerned were given back."""


class RateLimiter:
    """Evenly spaced slots: never more than `rate`/s overall nor `per_chat`/s to one chat.

    `shared` may be a Redis-backed reservation (several workers); by default it is local.
    A chat's next free slot is kept only while it lies ahead: past ones are dropped whenever the
    map has doubled since the last sweep, so it holds about the chats of the last
    `1/per_chat` seconds, not every chat ever sent to.
    """

    MIN_SWEEP = 256

    def __init__(
        self,
        rate: float | None,
        per_chat: float | None,
        *,
        margin: float = 1.02,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = 1.0 / rate if rate else 0.0
        self.chat_interval = margin / per_chat if per_chat else 0.0
        self.clock = clock
        self.next_slot = 0.0
        self.chat_next: dict[int, float] = {}
        self.paused_until = 0.0
        self._sweep_at = self.MIN_SWEEP

    def pause(self, seconds: float) -> None:
        self.paused_until = max(self.paused_until, self.clock() + seconds)

    async def acquire(self, chat_id: int) -> None:
        while True:
            now = self.clock()
            wait = max(self.paused_until, self.chat_next.get(chat_id, 0.0)) - now
            if wait <= 0:
                break
            await asyncio.sleep(wait)
        slot = max(now, self.next_slot)
        self.next_slot = slot + self.interval
        if self.chat_interval:
            self.chat_next[chat_id] = slot + self.chat_interval
            if len(self.chat_next) >= self._sweep_at:
                self._sweep(now)
        if slot > now:
            await asyncio.sleep(slot - now)

    def _sweep(self, now: float) -> None:
        """Forget chats whose next slot has passed (they may send at once, as if never seen)."""
        self.chat_next = {chat: at for chat, at in self.chat_next.items() if at > now}
        self._sweep_at = max(self.MIN_SWEEP, 2 * len(self.chat_next))


@dataclass
class DrainStats:
    sent: int = 0
    dropped: int = 0
    postponed: int = 0
    failed: int = 0
    retried: int = 0
    blocked: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def count(self, reason: str) -> None:
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


class Sender:
    def __init__(
        self,
        bot: Bot,
        sessions: async_sessionmaker[AsyncSession],
        *,
        rate: float | None = 28.0,
        per_chat: float | None = 1.0,
        max_attempts: int = 5,
        default_cap: int = 3,
        default_tz: str = "UTC",
        batch: int = 500,
        concurrency: int = 128,
        clock: Clock | None = None,
        worker_id: str = "w1",
        wave_size: int = 128,
        give_up_after: float = DEFAULT_GIVE_UP_AFTER,
    ) -> None:
        self.bot = bot
        self.sessions = sessions
        self.limiter = RateLimiter(rate, per_chat)
        self.max_attempts = max_attempts
        self.default_cap = default_cap
        self.default_tz = default_tz
        self.batch = batch
        self.concurrency = asyncio.Semaphore(concurrency)
        self.clock = clock or utcnow
        self.worker_id = worker_id
        self.wave_size = wave_size
        self.stats = DrainStats()
        # Slots are evenly spaced, but a slow commit can bunch a wave's calls together; this
        # window keeps the calls actually made within any second at the rate: of all workers
        # when the limiter is shared through Redis, else (or while Redis is unreachable) of
        # this process.
        self.window_cap = max(1, int(rate)) if rate else 0
        self._sent_at: collections.deque[float] = collections.deque()
        self._window_lock = asyncio.Lock()
        self._shared_window_down = False
        self._stop = asyncio.Event()
        self._wake = asyncio.Event()
        # Held by each round of `run_forever`; whoever else drains the same outbox in this process
        # (the terminal chat's `/jobs run`, with a clock of its own) holds it meanwhile.
        self.rounds = asyncio.Lock()
        # How long the sender keeps retrying a failing database before it gives up (the process
        # then exits and is restarted); how long all sending pauses when the Bot API refuses the
        # bot itself (401: a revoked token; 404: a wrong TELEGRAM_API_URL).
        self.give_up_after = give_up_after
        self.config_error_pause = 30.0
        self._config_error_logged = False

    # ---- recovery ------------------------------------------------------------------------------

    async def recover(
        self, *, stale_after: float = 0.0, others_only: bool = False, mine_only: bool = False
    ) -> dict[str, int]:
        """After a crash: never-tried claims go back to pending; in-flight sends become uncertain.

        `stale_after` > 0 touches only rows whose claim is older than that many seconds, so
        with several workers a starting or sweeping worker leaves live workers' rows alone.
        `mine_only`: the rows this worker still holds after one of its batches failed (between
        batches none of them is legitimately in flight).
        """
        cutoff = utcnow() - timedelta(seconds=stale_after)
        stale = or_(Outbox.claimed_at.is_(None), Outbox.claimed_at <= cutoff)
        if others_only:
            stale = and_(stale, or_(Outbox.claimed_by.is_(None), Outbox.claimed_by != self.worker_id))
        if mine_only:
            stale = Outbox.claimed_by == self.worker_id
        async with self.sessions() as session, session.begin():
            back = await session.execute(
                update(Outbox).where(Outbox.status == "claimed", stale).values(status="pending", claimed_by=None)
            )
            uncertain = await session.execute(
                update(Outbox)
                .where(Outbox.status == "sending", stale)
                .values(status="uncertain", reason="in flight at a crash or a failure; not resent automatically")
            )
        result = {"reclaimed": back.rowcount or 0, "uncertain": uncertain.rowcount or 0}
        if result["uncertain"]:
            log.warning("%d message(s) were in flight at a crash and are marked uncertain", result["uncertain"])
        return result

    # ---- claiming and checking ------------------------------------------------------------------

    async def _claim(self, session: AsyncSession, now: datetime) -> list[Outbox]:
        query = (
            select(Outbox)
            .where(Outbox.status == "pending", Outbox.not_before <= now)
            .order_by(Outbox.not_before, Outbox.id)
            .limit(self.batch)
        )
        if session.bind.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = list((await session.execute(query)).scalars())
        claimed_at = utcnow()
        for row in rows:
            row.status, row.claimed_by, row.claimed_at = "claimed", self.worker_id, claimed_at
        return rows

    async def drain_once(self) -> int:
        """Claim one batch of due rows, check and send them; returns how many rows were handled."""
        now = self.clock()
        async with self.sessions() as session, session.begin():
            rows = await self._claim(session, now)
            if not rows:
                return 0
            people = await recipients(session, customer_ids=sorted({r.customer_id for r in rows}), now=now)
            customers = {
                c.id: c
                for c in (
                    await session.execute(select(Customer).where(Customer.id.in_({r.customer_id for r in rows})))
                ).scalars()
            }
            to_send: list[Outbox] = []
            planned: dict[int, list[str]] = {}  # the scopes of the messages planned per customer
            for row in rows:
                person = people.get(row.customer_id)
                if person is None:
                    self._finish(row, "dropped", "no_customer")
                    continue
                # Messages planned in this batch count toward the weekly cap and the frequency limits too.
                for scope in planned.get(row.customer_id, ()):
                    person = person.plus_send(scope, now)
                decision = decide(
                    row.kind, person, now, default_cap=self.default_cap, default_tz=self.default_tz, payload=row.payload
                )
                if decision.action == "drop":
                    self._finish(row, "dropped", decision.reason)
                elif decision.action == "postpone":
                    row.status, row.not_before, row.reason = "pending", decision.until, decision.reason
                    self.stats.postponed += 1
                    self.stats.count(decision.reason)
                else:
                    scope = scope_of(row.kind, row.payload)
                    if scope is not None:  # a service note (the end of a pause) counts toward no limit
                        planned.setdefault(row.customer_id, []).append(scope)
                    to_send.append(row)
        await self._send_paced(to_send, customers)
        return len(rows)

    def _finish(self, row: Outbox, status: str, reason: str) -> None:
        row.status, row.reason = status, reason
        if status == "dropped":
            self.stats.dropped += 1
        self.stats.count(reason)

    # ---- sending: paced, in waves ------------------------------------------------------------------
    #
    # Each row waits for its rate-limit slot; rows whose slots have come form a wave. A wave is
    # marked `sending` in one transaction (re-checking the scope in the same statement), its HTTP
    # calls go out at once, and their outcomes are written in one transaction. So every `sending`
    # row really is in flight, and the database cost is two commits per wave, not per message.

    async def _send_paced(self, rows: list[Outbox], customers: dict[int, Customer]) -> None:
        if not rows:
            return
        # Every pacer puts exactly one item: its row when the slot came, or (row, error) when the
        # limiter failed (e.g. Redis down). A failed row is not sent: it goes back to pending.
        ready: asyncio.Queue[Outbox | tuple[Outbox, BaseException]] = asyncio.Queue()

        async def pace(row: Outbox) -> None:
            try:
                async with self.concurrency:
                    await self.limiter.acquire(row.customer_id)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - reported through the queue
                await ready.put((row, exc))
                return
            await ready.put(row)

        pacers = [asyncio.create_task(pace(row)) for row in rows]
        done = 0
        unsent: list[Outbox] = []
        errors: list[BaseException] = []
        waved: set[int] = set()
        completed = False
        try:
            while done < len(rows):
                items = [await ready.get()]
                while not ready.empty() and len(items) < self.wave_size:
                    items.append(ready.get_nowait())
                done += len(items)
                wave = []
                for item in items:
                    if isinstance(item, tuple):
                        unsent.append(item[0])
                        errors.append(item[1])
                    else:
                        wave.append(item)
                if wave:
                    waved.update(row.id for row in wave)
                    await self._send_wave(wave, customers)
            completed = True
        finally:
            for task in pacers:
                task.cancel()
            if unsent:
                log.warning(
                    "rate limiter unavailable (%s); %d message(s) left pending for a later try",
                    redact(repr(errors[0])),
                    len(unsent),
                )
            # Rows still `claimed` (the limiter failed for them, or a wave failed and ended the
            # batch) go back to pending at once, not after a lease: nothing was sent for them.
            # (Only `claimed` rows are touched: a wave's rows marked `sending` stay as they are.)
            # If even that fails, `run_forever` gives them back once the database answers.
            left = [row.id for row in rows if not completed or row.id not in waved]
            if left:
                await self._release(left)
        if unsent and not waved:
            # Nothing of the batch could go out: a failed round for `run_forever`, which waits
            # (backoff) before claiming the rows again, instead of claiming and giving back the
            # same rows in a tight loop.
            raise RateLimiterUnavailable(f"{len(unsent)} message(s) not sent: {redact(repr(errors[0]))}")

    async def _release(self, ids: list[int]) -> None:
        """Give claimed rows back (nothing was sent for them)."""
        async with self.sessions() as session, session.begin():
            await session.execute(
                update(Outbox)
                .where(Outbox.id.in_(ids), Outbox.status == "claimed")
                .values(status="pending", claimed_by=None, claimed_at=None)
            )

    async def _mark_sending(self, wave: list[Outbox]) -> set[int]:
        """One statement: mark the wave `sending` where the scope is still granted (for a service
        note: some scope) and the customer has not paused messages since the check."""
        ids = [row.id for row in wave]
        # A sequence step's scope is in its payload (bot/consent/scopes.py PAYLOAD_SCOPE_KINDS).
        scope_of_kind = case(
            (Outbox.kind.in_(PAYLOAD_SCOPE_KINDS), Outbox.payload["scope"].as_string()),
            else_=case(KIND_SCOPE, value=Outbox.kind),
        )
        now = utcnow()
        paused_at = self.clock()
        async with self.sessions() as session, session.begin():
            result = await session.execute(
                update(Outbox)
                .where(
                    Outbox.id.in_(ids),
                    Outbox.status == "claimed",
                    or_(
                        exists().where(
                            and_(
                                ScopeState.customer_id == Outbox.customer_id,
                                ScopeState.scope == scope_of_kind,
                                ScopeState.granted.is_(True),
                            )
                        ),
                        and_(
                            Outbox.kind.in_(SERVICE_KINDS),
                            exists().where(
                                and_(ScopeState.customer_id == Outbox.customer_id, ScopeState.granted.is_(True))
                            ),
                        ),
                    ),
                    ~frequency.paused(Outbox.customer_id, paused_at),
                )
                .values(status="sending", attempts=Outbox.attempts + 1, claimed_at=now)
                .returning(Outbox.id)
            )
            marked = {row[0] for row in result}
            lost = [i for i in ids if i not in marked]
            # A pause set since the check: a feedback request waits for its end, the others are dropped.
            pause_ends = await frequency.paused_until(
                session, customer_ids=sorted({r.customer_id for r in wave if r.id in lost}), now=paused_at
            )
            reasons: dict[int, str] = {}
            for row in wave:
                if row.id not in lost:
                    continue
                ends = pause_ends.get(row.customer_id)
                if ends is not None and row.kind in POSTPONE_ON_PAUSE:
                    await session.execute(
                        update(Outbox)
                        .where(Outbox.id == row.id, Outbox.status == "claimed")
                        .values(status="pending", not_before=ends, reason="paused", claimed_by=None, claimed_at=None)
                    )
                    self.stats.postponed += 1
                    self.stats.count("paused")
                    continue
                reasons[row.id] = "paused" if ends is not None else "scope_not_granted"
            for reason in sorted(set(reasons.values())):
                await session.execute(
                    update(Outbox)
                    .where(Outbox.id.in_([i for i, r in reasons.items() if r == reason]), Outbox.status == "claimed")
                    .values(status="dropped", reason=reason)
                )
        for reason in reasons.values():
            self.stats.dropped += 1
            self.stats.count(reason)
        return marked

    async def _send_wave(self, wave: list[Outbox], customers: dict[int, Customer]) -> None:
        marked = await self._mark_sending(wave)
        to_send = [row for row in wave if row.id in marked]
        # `_call` never raises (but for cancellation): one call's error cannot strand the others.
        outcomes = await asyncio.gather(*(self._call(row, customers[row.customer_id]) for row in to_send))
        updates, blocked = [], []
        for row, (values, blocked_reason) in zip(to_send, outcomes):
            if blocked_reason is not None:
                blocked.append((row, blocked_reason))
            else:
                updates.append({"id": row.id, **values})
        if updates:
            await self._persist("recording the outcomes of a wave", lambda: self._write_outcomes(updates))
        for row, description in blocked:
            await self._persist("recording a block", lambda row=row, d=description: self._blocked(row, d))

    async def _write_outcomes(self, updates: list[dict]) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(update(Outbox), updates)

    async def _persist(self, what: str, write) -> None:
        """The outcome of calls already made is written however long the database takes to come
        back (within the give-up bound): rows left `sending` would become `uncertain`, and a
        message that was not sent would then never be."""
        backoff = Backoff(f"sender: {what}", give_up_after=self.give_up_after)
        while True:
            try:
                await write()
                backoff.ok()
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - retried, then raised as GiveUp
                await backoff.failed(exc)

    async def _window_slot(self) -> None:
        if not self.window_cap:
            return
        shared = getattr(self.limiter, "window_slot", None)
        if shared is not None:
            try:
                await shared(self.window_cap)
                self._shared_window_down = False
                return
            except Exception as exc:  # noqa: BLE001 - the row is marked sending: never fail it here
                if not redis_outage(exc):
                    raise
                if not self._shared_window_down:
                    log.warning("shared send window unavailable (%r); this worker's own window applies", exc)
                self._shared_window_down = True
        async with self._window_lock:
            while True:
                now = time.monotonic()
                while self._sent_at and now - self._sent_at[0] >= 1.0:
                    self._sent_at.popleft()
                if len(self._sent_at) < self.window_cap:
                    self._sent_at.append(now)
                    return
                await asyncio.sleep(1.0 - (now - self._sent_at[0]) + 0.002)

    async def _call(self, row: Outbox, customer: Customer) -> tuple[dict, str | None]:
        """Send one message; returns the row's new values, or a 403 description.

        Every outcome is one of: sent; failed with a reason (Telegram refused this message:
        400, too large, a message that cannot be rendered); retry later (5xx, 409, an HTML
        error page, a refused connection, any other error: counted against `max_attempts`; 429
        and 401/404, which concern every message and not this one: not counted); blocked
        (403); uncertain (no answer after the request went out: a timeout, a dropped
        connection, a gateway's timeout page). Nothing raises out of here.
        """
        try:
            text, markup = render(row, customer)
        except Exception as exc:  # noqa: BLE001 - a row that cannot be rendered never will be
            log.exception("outbox row %s cannot be rendered", row.id)
            self.stats.failed += 1
            self.stats.count("render_error")
            return {"status": "failed", "reason": self._reason(f"render_error: {type(exc).__name__}: {exc}")}, None
        try:
            await self._window_slot()
            message = await self.bot.send_message(row.customer_id, text, reply_markup=markup)
        except asyncio.CancelledError:
            raise
        except TelegramRetryAfter as exc:
            # Telegram asks everyone to wait: pause the whole sender, retry this row later.
            self.limiter.pause(exc.retry_after)
            self.stats.retried += 1
            return {
                "status": "pending",
                "reason": "retry_after",
                "attempts": row.attempts,
                "not_before": self.clock() + timedelta(seconds=exc.retry_after),
            }, None
        except TelegramForbiddenError as exc:
            return {}, self._reason(str(exc))
        except (TelegramUnauthorizedError, TelegramNotFound) as exc:
            return self._refused_bot(row, exc), None
        except TelegramEntityTooLarge as exc:
            return self._failed("too_large", exc), None
        except (TimeoutError, TelegramNetworkError) as exc:
            if _invalid_url(exc):  # a malformed TELEGRAM_API_URL: nothing left this process
                return self._refused_bot(row, exc), None
            if _ambiguous(exc):
                # The request may have reached Telegram: resending could duplicate. If in doubt, do not send.
                return self._uncertain(exc), None
            return self._retry_or_fail(row, exc), None
        except (TelegramBadRequest, TelegramMigrateToChat) as exc:
            return self._failed("bad_request", exc), None
        except (TelegramServerError, TelegramConflictError) as exc:
            return self._retry_or_fail(row, exc), None
        except ClientDecodeError as exc:
            # Not the Bot API's JSON: an HTML error page of a proxy or gateway. "Bad gateway" /
            # "service unavailable" mean the request went no further; a gateway *timeout* means
            # it may have (as any timeout).
            if _gateway_timeout(exc):
                return self._uncertain(exc), None
            return self._retry_or_fail(row, exc), None
        except Exception as exc:  # noqa: BLE001 - TelegramAPIError of another status, or a bug
            if not isinstance(exc, TelegramAPIError):
                log.exception("unexpected error sending outbox row %s", row.id)
            return self._retry_or_fail(row, exc), None
        self.stats.sent += 1
        return {
            "status": "sent",
            "sent_at": self.clock(),
            "tg_message_id": message.message_id,
            "reason": None,
            "sent_text": text,
        }, None  # the text as sent: /mydata shows it (GDPR Art. 15)

    def _reason(self, text: str) -> str:
        """A reason as stored in `outbox.reason` (shown to staff): never with the bot token."""
        return redact(text, getattr(self.bot, "token", None))[:255]

    def _describe(self, exc: BaseException) -> str:
        text = exc.message if isinstance(exc, TelegramAPIError) else str(exc)
        if isinstance(exc, ClientDecodeError):
            text = f"{exc.message}: {str(exc.data)[:120]}"
        return f"{type(exc).__name__}: {text}"

    def _failed(self, kind: str, exc: BaseException) -> dict:
        self.stats.failed += 1
        self.stats.count(kind)
        message = exc.message if isinstance(exc, TelegramAPIError) else str(exc)
        return {"status": "failed", "reason": self._reason(f"{kind}: {message}")}

    def _uncertain(self, exc: BaseException) -> dict:
        self.stats.failed += 1
        self.stats.count("uncertain")
        return {"status": "uncertain", "reason": self._reason(f"no answer: {self._describe(exc)}")}

    def _refused_bot(self, row: Outbox, exc: BaseException) -> dict:
        """401 (the token was revoked), 404 (TELEGRAM_API_URL points at something that is not
        a Bot API) or a malformed TELEGRAM_API_URL: no message can go out until an operator acts. Nothing was sent; the row
        waits without using up its attempts, and all sending pauses a while."""
        self.limiter.pause(self.config_error_pause)
        self.stats.retried += 1
        self.stats.count("bot_refused")
        reason = self._reason(f"bot refused: {self._describe(exc)}")
        if not self._config_error_logged:
            log.error(
                "the Bot API refuses this bot (%s): check BOT_TOKEN and TELEGRAM_API_URL; "
                "sending paused, messages kept for later",
                reason,
            )
            self._config_error_logged = True
        return {
            "status": "pending",
            "reason": reason,
            "attempts": row.attempts,
            "not_before": self.clock() + timedelta(seconds=self.config_error_pause),
        }

    def _retry_or_fail(self, row: Outbox, exc: BaseException) -> dict:
        attempts = row.attempts + 1
        reason = self._reason(self._describe(exc))
        if attempts >= self.max_attempts:
            self.stats.failed += 1
            return {"status": "failed", "reason": reason}
        self.stats.retried += 1
        backoff = min(300.0, 2.0**attempts)
        return {"status": "pending", "reason": reason, "not_before": self.clock() + timedelta(seconds=backoff)}

    async def _blocked(self, row: Outbox, description: str) -> None:
        """403: unreachable; a `blocked` withdrawal in the ledger; the stage becomes `former`."""
        self.stats.blocked += 1
        try:
            await self._record_block(row, description)
        except ConsentConflict:
            # The customer withdrew the same scope at this very moment (a button, words): once
            # more, from the state they left; what they already withdrew is not written again.
            await self._record_block(row, description)

    async def _record_block(self, row: Outbox, description: str) -> None:
        async with self.sessions() as session, session.begin():
            await session.execute(
                update(Outbox)
                .where(Outbox.id == row.id)
                .values(status="failed", reason=self._reason(f"blocked: {description}"))
            )
            customer = await session.get(Customer, row.customer_id)
            if customer is not None:
                customer.reachable = False
                await withdraw_all(
                    session, customer=customer, method="blocked", text_id="telegram.403", wording=description[:500]
                )
                if customer.stage != "former":
                    await set_stage(session, customer=customer, to_stage="former", reason="blocked")

    # ---- running ------------------------------------------------------------------------------------

    async def drain(self, *, until_empty: bool = True, deadline: float | None = None) -> DrainStats:
        """Send everything due now (used by `jobs run` and tests)."""
        while True:
            handled = await self.drain_once()
            if not handled:
                return self.stats
            if deadline is not None and time.monotonic() > deadline:
                return self.stats

    def wake(self) -> None:
        self._wake.set()

    def wake_after(self, seconds: float) -> None:
        """Wake once the current update's transaction has committed."""
        asyncio.get_running_loop().call_later(seconds, self._wake.set)

    async def run_forever(self, idle: float = 1.0, *, startup_stale_after: float = 0.0, lease: float = 120.0) -> None:
        """Drain the outbox until stopped. A failing round (the database gone, a bug) is logged
        and retried with backoff, the rows this worker held being given back first; after
        `give_up_after` seconds without a successful round it raises `GiveUp` (the runtime then
        ends the process, which the service manager restarts)."""
        backoff = Backoff("sender", give_up_after=self.give_up_after)
        started = False  # the start-up recovery has run
        mine_left = False  # a failed round may have left this worker's rows claimed or sending
        last_sweep = time.monotonic()
        while not self._stop.is_set():
            try:
                if not started:
                    await self.recover(stale_after=startup_stale_after)
                    started, mine_left = True, False
                if mine_left:
                    await self.recover(mine_only=True)
                    mine_left = False
                if time.monotonic() - last_sweep > lease / 2:
                    await self.recover(stale_after=lease, others_only=True)  # a worker that died meanwhile
                    last_sweep = time.monotonic()
                async with self.rounds:
                    handled = await self.drain_once()
            except (asyncio.CancelledError, GiveUp):
                raise
            except Exception as exc:  # noqa: BLE001 - a database hiccup must not kill the sender
                mine_left = started
                await backoff.failed(exc, sleep=self._sleep_unless_stopped)
                continue
            backoff.ok()
            if not handled:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), idle)
                except TimeoutError:
                    pass

    async def _sleep_unless_stopped(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self._stop.wait(), seconds)
        except TimeoutError:
            pass

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
