"""Webhook mode: a withdrawal the database cannot take is kept on local disk until it can.

Telegram waits for the webhook's answer, and when it gets a 5xx it "will repeat the request and
give up after a reasonable number of attempts" (Bot API, setWebhook): a database outage longer
than those attempts would lose a /stop answered 5xx. So after `WEBHOOK_HOLD` seconds of retries
(bot/middlewares.py) a withdrawal is appended to `var/spool/withdrawals.jsonl` (one JSON update
per line, flushed and fsync'ed before Telegram gets its 200) and replayed through the dispatcher,
like a redelivery, by every web process at start and every few seconds, until it is stored.

- Appends from several processes on one host are safe (O_APPEND, one write per line); a replay
  takes an exclusive lock (flock), moves the file aside (new withdrawals go to a fresh file),
  replays it line by line (memory: one update), appends back what is still not stored, and
  removes it. A crash mid-replay leaves the moved file, taken up by the next replay.
- At least once: an update stored just before a crash is replayed again; a second /stop
  withdraws nothing more and says so.
- Order: a spooled withdrawal may be stored after a later update of the same chat (say a new
  grant pressed once the database returned): it then withdraws that too. That errs on the
  customer's side; the reverse (a grant overtaking a withdrawal) cannot lose the withdrawal.
- The spool lives on the host: with docker compose it is a volume shared by the web replicas.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SPOOL_FILE = "withdrawals.jsonl"
REPLAY_EVERY = 5.0  # seconds between replays while the spool is not empty


class WithdrawalSpool:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / SPOOL_FILE

    def append(self, update: dict[str, Any]) -> None:
        """Durably keep one update (raises OSError when it cannot: the caller answers 5xx)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        line = (json.dumps(update, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    def pending(self) -> bool:
        if not self.directory.is_dir():
            return False
        return any(p.stat().st_size for p in self.directory.glob(f"{SPOOL_FILE}*") if p.is_file())

    async def replay(self, feed) -> int:
        """Feed every spooled update to `feed(update_dict)` (raises when not stored); returns how
        many were stored. Another process replaying at the same time: this one does nothing."""
        if not self.pending():
            return 0
        lock = os.open(self.directory / ".lock", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return 0
            stored = 0
            moved = sorted(self.directory.glob(f"{SPOOL_FILE}.*.replaying"))
            if self.path.exists() and self.path.stat().st_size:
                aside = self.directory / f"{SPOOL_FILE}.{os.getpid()}-{len(moved)}.replaying"
                os.replace(self.path, aside)
                moved.append(aside)
            for path in moved:
                stored += await self._replay_file(path, feed)
            return stored
        finally:
            os.close(lock)  # releases the lock

    async def _replay_file(self, path: Path, feed) -> int:
        stored, failed = 0, False
        with open(path, "rb") as lines:
            for raw in lines:
                if not raw.strip():
                    continue
                try:
                    update = json.loads(raw)
                except ValueError:
                    log.error("spool %s: an unreadable line dropped: %r", path.name, raw[:200])
                    continue
                if failed:  # the database is still away: keep the rest without waiting on each
                    self.append(update)
                    continue
                try:
                    await feed(update)
                except Exception as exc:  # noqa: BLE001 - kept for the next replay
                    self.append(update)
                    failed = True
                    log.warning("spooled update %s still not stored (%s); kept", update.get("update_id"), exc)
                else:
                    stored += 1
                    log.warning("spooled withdrawal (update %s) stored", update.get("update_id"))
        path.unlink()
        return stored


async def replay_forever(spool: WithdrawalSpool, feed, *, every: float = REPLAY_EVERY) -> None:
    """The web process's replayer: at start, then every `every` seconds."""
    while True:
        try:
            await spool.replay(feed)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - the spool stays on disk; tried again
            log.exception("replaying the withdrawal spool failed")
        await asyncio.sleep(every)


@contextlib.asynccontextmanager
async def replaying(spool: WithdrawalSpool, feed, *, every: float = REPLAY_EVERY):
    task = asyncio.create_task(replay_forever(spool, feed, every=every), name="withdrawal-spool")
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
