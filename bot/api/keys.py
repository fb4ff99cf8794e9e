"""API keys: created by owners (`python -m bot apikey create`, `/apikey create`), shown once,
stored as a SHA-256 of the secret, with scopes, revocable.

A key reads `pbk_<prefix>_<secret>`: the prefix (public, 8 hex digits) finds the row, the
secret (32 random bytes) proves it; the comparison of the hashes takes constant time."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ApiKey
from storage.types import utcnow

# What a key may be allowed to do; a key holds any subset.
SCOPES: dict[str, str] = {
    "purchases:write": "record purchases (POST /v1/purchases)",
    "consent:read": "read a customer's current consent (GET /v1/customers/{id}/consent)",
    "catalog:read": "list categories and sample offers",
    "catalog:write": "create, change and close categories and sample offers",
    "customers:link": "link the shop's customer ids to Telegram chats",
    "webhooks:write": "configure outgoing webhooks",
}

KEY_FORMAT = re.compile(r"pbk_([0-9a-f]{8})_([A-Za-z0-9_-]{20,64})")
NAME_FORMAT = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")


class KeyRequestError(ValueError):
    """A key cannot be created as asked (the message says why)."""


@dataclass(frozen=True)
class ApiKeyUser:
    """The key a request was made with."""

    id: int
    name: str
    scopes: frozenset[str]
    created_by: int | None


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_scopes(text: str | list[str]) -> list[str]:
    """Scopes from `a,b c` or a list; unknown ones raise `KeyRequestError` naming them and the known ones."""
    parts = text if isinstance(text, list) else re.split(r"[,\s]+", text)
    scopes = sorted({p.strip() for p in parts if p.strip()})
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        raise KeyRequestError(f"unknown scope(s): {', '.join(unknown)}; known: {', '.join(SCOPES)}")
    if not scopes:
        raise KeyRequestError(f"no scopes given; known: {', '.join(SCOPES)}")
    return scopes


async def create_key(
    session: AsyncSession, *, name: str, scopes: list[str], created_by: int | None = None
) -> tuple[ApiKey, str]:
    """A new key; returns the row and the key itself (shown once, never stored)."""
    name = name.strip()
    if not NAME_FORMAT.fullmatch(name):
        raise KeyRequestError(
            "the name must be 1-64 characters: letters, digits, space . _ - (starting with a letter or digit)"
        )
    scopes = parse_scopes(scopes)
    while True:
        prefix = secrets.token_hex(4)
        taken = (await session.execute(select(ApiKey.id).where(ApiKey.prefix == prefix))).first()
        if taken is None:
            break
    secret = secrets.token_urlsafe(32)
    row = ApiKey(name=name, prefix=prefix, secret_hash=_hash(secret), scopes=scopes, created_by=created_by)
    session.add(row)
    await session.flush()
    return row, f"pbk_{prefix}_{secret}"


async def list_keys(session: AsyncSession) -> list[ApiKey]:
    return list((await session.execute(select(ApiKey).order_by(ApiKey.id))).scalars())


async def revoke_key(session: AsyncSession, *, key_id: int) -> ApiKey | None:
    """Revoke a key (at once: the next request with it gets 401); None when there is no such key."""
    row = await session.get(ApiKey, key_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
    return row


async def authenticate(session: AsyncSession, presented: str) -> tuple[ApiKey | None, str]:
    """The key row for a presented key and why not: (row, "") when valid; (row or None, reason)."""
    match = KEY_FORMAT.fullmatch(presented.strip())
    if match is None:
        return None, "the API key is malformed (expected pbk_<prefix>_<secret>)"
    row = (await session.execute(select(ApiKey).where(ApiKey.prefix == match.group(1)))).scalar_one_or_none()
    # Compared even when there is no row, so that timing tells nothing about which prefixes exist.
    expected = row.secret_hash if row is not None else "0" * 64
    if not hmac.compare_digest(_hash(match.group(2)), expected) or row is None:
        return None, "unknown API key"
    if row.revoked_at is not None:
        return row, f"the API key {row.name!r} was revoked on {row.revoked_at:%Y-%m-%d %H:%M} UTC"
    return row, ""
