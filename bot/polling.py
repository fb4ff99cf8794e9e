"""Long polling that confirms an update to Telegram only once it has been handled.

Telegram confirms (and forgets) every update below the `offset` of a getUpdates call.
aiogram's polling moves the offset past each update as soon as it is fetched, and handles
updates as tasks without a limit: a crash, a restart or a database outage then loses updates
that were fetched but not yet stored — a /stop among them.

Here at most `concurrency` updates are handled at once, and the offset never passes the
lowest update that is not finished: the updates in flight (and any fetched but not started
for lack of room) bound it. A getUpdates call therefore hands out again the updates still in
flight and those finished above them; they are skipped by id (`finished` holds only ids above
the offset, at most one batch). While anything is in flight the next call waits until one of
them finishes (or `recheck` seconds), since Telegram answers at once when unconfirmed updates
exist. Memory stays bounded: `concurrency` tasks and one batch of ids.

If the process dies, every update it had not finished is handed out again at the next start:
nothing is lost; an update finished after the lowest unfinished one may be handled a second time
(its effects are idempotent: a second /stop withdraws nothing more). A withdrawal that the
database does not take is retried by the update middleware until it is stored (bot/middlewares.py),
holding the offset meanwhile. On SIGINT/SIGTERM fetching stops, the updates in flight get
`grace` seconds to finish, and a last getUpdates confirms what finished.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.methods import GetUpdates
from aiogram.types import Update

log = logging.getLogger(__name__)

CONCURRENCY = 32  # updates handled at once (the update middleware lets 16 hold a database connection)
BATCH = 100  # Telegram's maximum for getUpdates


class ConfirmingPoller:
    def __init__(
        self,
        dp: Dispatcher,
        bot: Bot,
        *,
        concurrency: int = CONCURRENCY,
        polling_timeout: int = 30,
        recheck: float = 0.5,
        grace: float = 20.0,
        allowed_updates: list[str] | None = None,
        **data: Any,
    ) -> None:
        self.dp = dp
        self.bot = bot
        self.concurrency = concurrency
        self.polling_timeout = polling_timeout
        self.recheck = recheck
        self.grace = grace
        self.allowed_updates = allowed_updates
        self.data = data
        self.in_flight: dict[int, asyncio.Task] = {}
        self.finished: set[int] = set()
        self.offset: int | None = None  # the next getUpdates offset: everything below it is finished
        self._top: int | None = None  # the highest update id fetched
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    def _next_offset(self, unstarted: int | None = None) -> int | None:
        pending = list(self.in_flight)
        if unstarted is not None:
            pending.append(unstarted)
        if pending:
            return min(pending)
        return self._top + 1 if self._top is not None else self.offset

    def _advance(self, unstarted: int | None = None) -> None:
        offset = self._next_offset(unstarted)
        if offset is not None and (self.offset is None or offset > self.offset):
            self.offset = offset
            self.finished = {i for i in self.finished if i >= offset}

    async def _handle(self, update: Update) -> None:
        try:
            await self.dp.feed_update(self.bot, update, **self.data)
        except Exception as exc:  # noqa: BLE001 - logged; the update counts as handled (see the docstring)
            log.error("update %s failed: %s: %s", update.update_id, type(exc).__name__, exc)
        finally:
            self.in_flight.pop(update.update_id, None)
            self.finished.add(update.update_id)

    async def _fetch(self) -> list[Update]:
        timeout = 0 if self.in_flight else self.polling_timeout
        method = GetUpdates(offset=self.offset, limit=BATCH, timeout=timeout, allowed_updates=self.allowed_updates)
        request_timeout = int((self.bot.session.timeout or 60) + timeout)
        return await self.bot(method, request_timeout=request_timeout)

    async def _wait_for_room_or_stop(self, *, any_finished: bool) -> None:
        """Wait until an update in flight finishes (or `recheck` s pass, when `any_finished`
        is false: room is needed), or until stopped."""
        stop = asyncio.ensure_future(self._stop.wait())
        try:
            await asyncio.wait(
                [stop, *self.in_flight.values()],
                return_when=asyncio.FIRST_COMPLETED,
                timeout=self.recheck if any_finished else None,
            )
        finally:
            stop.cancel()

    async def run(self) -> None:
        backoff = 1.0
        while not self._stop.is_set():
            if len(self.in_flight) >= self.concurrency:
                await self._wait_for_room_or_stop(any_finished=False)
                continue
            self._advance()
            fetch = asyncio.ensure_future(self._fetch())
            stop = asyncio.ensure_future(self._stop.wait())
            await asyncio.wait([fetch, stop], return_when=asyncio.FIRST_COMPLETED)
            stop.cancel()
            if not fetch.done():
                fetch.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await fetch
                break
            try:
                updates = fetch.result()
            except Exception as exc:  # noqa: BLE001 - Telegram unreachable: keep polling
                log.warning("getUpdates failed (%s: %s); retrying in %.0f s", type(exc).__name__, exc, backoff)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stop.wait(), backoff)
                backoff = min(backoff * 2, 30.0)
                continue
            backoff = 1.0
            unstarted = None
            for update in updates:
                uid = update.update_id
                if uid in self.in_flight or uid in self.finished or (self.offset is not None and uid < self.offset):
                    continue
                if len(self.in_flight) >= self.concurrency:
                    unstarted = uid  # fetched again later: the offset stays at or below it
                    break
                self._top = uid if self._top is None else max(self._top, uid)
                self.in_flight[uid] = asyncio.create_task(self._handle(update), name=f"update-{uid}")
            self._advance(unstarted)
            if self.in_flight:
                await self._wait_for_room_or_stop(any_finished=True)
        await self._shutdown()

    async def _shutdown(self) -> None:
        if self.in_flight:
            log.info("stopping: waiting up to %.0f s for %d updates in flight", self.grace, len(self.in_flight))
            done, pending = await asyncio.wait(list(self.in_flight.values()), timeout=self.grace)
            for task in pending:
                task.cancel()
            for task in pending:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
            # Cancelled ones were not finished: they stay below the offset, handed out again next time.
        unfinished = [uid for uid in self.in_flight]
        self.in_flight.clear()
        offset = min(unfinished) if unfinished else (self._top + 1 if self._top is not None else None)
        if offset is not None and (self.offset is None or offset > self.offset):
            with contextlib.suppress(Exception):  # best effort: unconfirmed updates come again, nothing is lost
                await self.bot(GetUpdates(offset=offset, limit=1, timeout=0, allowed_updates=self.allowed_updates))
            self.offset = offset

    @classmethod
    def for_dispatcher(cls, dp: Dispatcher, bot: Bot, **kwargs: Any) -> ConfirmingPoller:
        """With the dispatcher's workflow data, as aiogram's start_polling passes it to handlers,
        and the update types its routers use."""
        workflow = {"dispatcher": dp, "bots": [bot], **dp.workflow_data}
        workflow.pop("bot", None)
        kwargs.setdefault("allowed_updates", dp.resolve_used_update_types())
        return cls(dp, bot, **kwargs, **workflow)

    async def serve(self, *, handle_signals: bool = True) -> None:
        """aiogram's start_polling without its early confirmation: startup and shutdown events,
        SIGINT/SIGTERM stop it."""
        if handle_signals:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.add_signal_handler(sig, self.stop)
        await self.dp.emit_startup(bot=self.bot, **self.data)
        me = await self.bot.me()
        log.info("polling as @%s (updates confirmed once handled, %d at once)", me.username, self.concurrency)
        try:
            await self.run()
        finally:
            await self.dp.emit_shutdown(bot=self.bot, **self.data)


async def poll(dp: Dispatcher, bot: Bot, **kwargs: Any) -> None:
    await ConfirmingPoller.for_dispatcher(dp, bot, **kwargs).serve()
