"""Measuring the dialogue: every response is an event, pseudonymous unless `tracking` was granted.

The pseudonym is HMAC-SHA256(key, customer id). The key never lives in the database the events
are in (whoever has a backup of it would otherwise re-identify everyone): it is
`PSEUDONYM_SECRET`, or the file `PSEUDONYM_SECRET_FILE` (default `var/pseudonym.key`), created
with mode 0600 on first use. A key that an earlier version stored in the database is moved to
the file once and deleted from the database. The database keeps only a fingerprint (SHA-256 of
the key, which does not reveal it), so a process started with another key (a new host without
the file, a changed variable) refuses to make pseudonyms that would not match the old ones.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import ConfigError, Settings
from storage.models import Customer, KeyValue, Outbox, ResponseEvent
from storage.queries import get_value, granted_scopes, set_value
from storage.types import utcnow

log = logging.getLogger(__name__)

LEGACY_KEY = "pseudonym_secret"  # where versions before migration 0002 kept the key itself
FINGERPRINT_KEY = "pseudonym_key_sha256"  # which key this database's pseudonyms were made with
_known: dict[tuple[str | None, str, str], str] = {}  # (configured, file, database) -> key, per process


class PseudonymKeyError(ConfigError):
    """The pseudonym key is missing or is not the one this database's pseudonyms were made with
    (a ConfigError: `python -m bot run` prints the one line and exits 2)."""


def pseudonym(customer_id: int, secret: str) -> str:
    return hmac.new(secret.encode(), str(customer_id).encode(), hashlib.sha256).hexdigest()


def fingerprint(key: str) -> str:
    return hashlib.sha256(b"pseudonym key:" + key.encode()).hexdigest()


def key_file(settings: Settings) -> Path:
    return Path(settings.pseudonym_secret_file)


def _write_key(path: Path, key: str) -> str:
    """Create the key file (0600), or read the one another process created a moment earlier."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key


async def pseudonym_key(session: AsyncSession, settings: Settings) -> str:
    """The HMAC key: PSEUDONYM_SECRET, else the key file (moved there from the database once,
    or created). Raises PseudonymKeyError when it is not the key the database's pseudonyms use."""
    configured = settings.pseudonym_secret or None
    path = key_file(settings)
    cache = (configured, str(path), str(session.get_bind().url))
    if cache in _known:
        return _known[cache]
    legacy = await get_value(session, key=LEGACY_KEY)
    stored = await get_value(session, key=FINGERPRINT_KEY)
    if configured:
        key = configured
    elif path.exists():
        key = path.read_text().strip()
    elif legacy:
        key = _write_key(path, legacy)
        log.warning(
            "pseudonym key moved from the database to %s (mode 0600): back this file up separately "
            "from the database; without it pseudonymous responses cannot be matched again",
            path,
        )
    elif stored is not None:
        raise PseudonymKeyError(
            f"configuration error: PSEUDONYM_SECRET: key missing: this database's pseudonyms were made with a key "
            f"that is neither in PSEUDONYM_SECRET nor in {path}; copy the key file from the host that has it "
            f"(or set PSEUDONYM_SECRET)"
        )
    else:
        key = _write_key(path, secrets.token_hex(32))
        log.warning("pseudonym key created at %s (mode 0600): back this file up separately from the database", path)
    if not key:
        raise PseudonymKeyError(f"configuration error: PSEUDONYM_SECRET_FILE: {path} is empty")
    if stored is not None and stored != fingerprint(key):
        raise PseudonymKeyError(
            "configuration error: PSEUDONYM_SECRET: key mismatch: PSEUDONYM_SECRET or the key file is not the key "
            "this database's pseudonyms were made with; use the original key (PSEUDONYM_SECRET or the key file)"
        )
    if stored is None:
        await set_value(session, key=FINGERPRINT_KEY, value=fingerprint(key))
    if legacy is not None:
        if legacy != key:
            log.warning("a pseudonym key stored in the database differs from the configured one and is deleted")
        await session.execute(delete(KeyValue).where(KeyValue.key == LEGACY_KEY))
    _known[cache] = key
    return key


async def prepare_key(settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> None:
    """At start (processes that record responses): load or create the key, move an old one out
    of the database, and stop with one line if it does not match."""
    async with sessions() as session, session.begin():
        await pseudonym_key(session, settings)


async def customer_pseudonym(session: AsyncSession, settings: Settings, customer_id: int) -> str | None:
    """The customer's pseudonym, or None (logged) when the key is unusable: erasure goes on."""
    try:
        return pseudonym(customer_id, await pseudonym_key(session, settings))
    except PseudonymKeyError as exc:
        log.error("%s", exc)
        return None


async def record_response(
    session: AsyncSession, *, row: Outbox, customer: Customer, action: str, value: int | None, settings: Settings
) -> ResponseEvent:
    tracked = "tracking" in await granted_scopes(session, customer_id=customer.id)
    secret = await pseudonym_key(session, settings)
    now = utcnow()
    event = ResponseEvent(
        pseudonym=pseudonym(customer.id, secret),
        customer_id=customer.id if tracked else None,
        message_kind=row.kind,
        action=action,
        value=value,
        campaign_id=row.campaign_id,
        variant=row.variant,
        # Without consent only the hour is kept, so the time cannot be matched to a send.
        hour=now if tracked else now.replace(minute=0, second=0, microsecond=0),
    )
    session.add(event)
    return event
