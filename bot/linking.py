"""Linking a shop's customer to a Telegram chat with a one-time deep link.

The shop asks the API (`POST /v1/links`, bot/api/links.py) for a link for its customer id and
puts it on its order page or in its e-mail: `https://t.me/<bot>?start=link_<token>`. Telegram
allows a start parameter of at most 64 characters of A-Z a-z 0-9 _ -, so the token is short:

    link_ + <id: 16 random base64url characters> + <signature: 22 base64url characters>

(43 characters in all). The signature is HMAC-SHA256(key, id) cut to 16 bytes, with the key from
`LINK_SECRET` or the file `LINK_SECRET_FILE` (default `var/link.key`, created 0600 on first use,
like the pseudonym key: never in the database). A token is checked in this order: its shape
and signature (else *invalid*: forged, mistyped, or made by another installation), its row in
`link_token` (else *unknown*), already used (*already*, by this chat, or *foreign*: by someone else),
expired. A good token links the chat (`shop_customer` row) and is marked used, in the update's
transaction. Linking grants no scope: the customer is still asked scope by scope.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from storage.models import Customer, LinkToken, ShopCustomer
from storage.types import utcnow

log = logging.getLogger(__name__)

PREFIX = "link_"
ID_LENGTH = 16  # 12 random bytes in base64url
SIGNATURE_LENGTH = 22  # 16 bytes of HMAC-SHA256 in base64url, without padding
TOKEN = re.compile(rf"[A-Za-z0-9_-]{{{ID_LENGTH}}}[A-Za-z0-9_-]{{{SIGNATURE_LENGTH}}}")
# Telegram's limit for the start parameter of a deep link.
START_PARAMETER = re.compile(r"[A-Za-z0-9_-]{1,64}")
SHOP_ID = re.compile(r"[^\x00-\x1f\x7f]{1,128}")

_keys: dict[tuple[str | None, str], bytes] = {}


def link_key(settings: Settings) -> bytes:
    """LINK_SECRET, else the key file (created 0600 with a random key on first use)."""
    cache = (settings.link_secret or None, settings.link_secret_file)
    known = _keys.get(cache)
    if known is not None:
        return known
    if settings.link_secret:
        key = settings.link_secret
    else:
        path = Path(settings.link_secret_file)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            key = path.read_text().strip()
        else:
            key = secrets.token_hex(32)
            with os.fdopen(fd, "w") as handle:
                handle.write(key + "\n")
            log.warning("link key created at %s (mode 0600): every web and API replica needs the same key", path)
    _keys[cache] = key.encode()
    return _keys[cache]


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def sign(key: bytes, token_id: str) -> str:
    return _b64(hmac.new(key, b"link:" + token_id.encode(), hashlib.sha256).digest()[:16])


def make_token(key: bytes) -> tuple[str, str]:
    """(id, start parameter) of a new link."""
    token_id = _b64(secrets.token_bytes(12))
    parameter = PREFIX + token_id + sign(key, token_id)
    assert START_PARAMETER.fullmatch(parameter), parameter  # Telegram's limit
    return token_id, parameter


def parse(key: bytes, parameter: str) -> str | None:
    """The token id of a well-formed, correctly signed start parameter; else None."""
    if not parameter.startswith(PREFIX):
        return None
    token = parameter[len(PREFIX) :]
    if not TOKEN.fullmatch(token):
        return None
    token_id, signature = token[:ID_LENGTH], token[ID_LENGTH:]
    if not hmac.compare_digest(signature, sign(key, token_id)):
        return None
    return token_id


def deep_link(username: str, parameter: str) -> str:
    return f"https://t.me/{username.lstrip('@')}?start={parameter}"


@dataclass(frozen=True)
class IssuedLink:
    url: str
    token: str
    shop_customer_id: str
    expires_at: datetime


async def issue_link(
    session: AsyncSession,
    settings: Settings,
    *,
    shop_customer_id: str,
    username: str,
    ttl: timedelta | None = None,
    api_key_id: int | None = None,
    now: datetime | None = None,
) -> IssuedLink:
    """Store a new one-time link for `shop_customer_id` and return it (the caller commits)."""
    if not SHOP_ID.fullmatch(shop_customer_id):
        raise ValueError("shop_customer_id: 1-128 characters, no control characters")
    now = now or utcnow()
    expires_at = now + (ttl or timedelta(hours=settings.link_ttl_hours))
    token_id, parameter = make_token(link_key(settings))
    session.add(
        LinkToken(
            id=token_id, shop_customer_id=shop_customer_id, created_at=now, expires_at=expires_at, api_key_id=api_key_id
        )
    )
    await session.flush()
    return IssuedLink(
        url=deep_link(username, parameter), token=parameter, shop_customer_id=shop_customer_id, expires_at=expires_at
    )


# The outcomes of opening a link; each has a customer text `link-<outcome>` (customer.ftl).
LINKED, ALREADY, INVALID, UNKNOWN, FOREIGN, EXPIRED = (
    "linked",
    "already",
    "invalid",
    "unknown",
    "foreign",
    "expired",
)


async def redeem(
    session: AsyncSession, settings: Settings, *, customer: Customer, parameter: str, now: datetime | None = None
) -> str:
    """Open a link as `customer`: link their chat to the shop's customer id if the token is
    good, and say what happened (one of the outcomes above). Grants no scope."""
    token_id = parse(link_key(settings), parameter)
    if token_id is None:
        return INVALID
    query = select(LinkToken).where(LinkToken.id == token_id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()  # two chats opening the same link at once: one wins
    token = (await session.execute(query)).scalar_one_or_none()
    if token is None:
        return UNKNOWN
    now = now or utcnow()
    if token.used_at is not None:
        return ALREADY if token.used_by == customer.id else FOREIGN
    if token.expires_at <= now:
        return EXPIRED
    token.used_at, token.used_by = now, customer.id
    link = await session.get(ShopCustomer, token.shop_customer_id)
    if link is None:
        session.add(ShopCustomer(shop_customer_id=token.shop_customer_id, customer_id=customer.id, linked_at=now))
    elif link.customer_id != customer.id:
        # The shop issued a new link for its customer, who opened it in another chat: the newest
        # link the shop issued and its customer opened wins.
        log.info("shop customer %s moves to another chat", token.shop_customer_id)
        link.customer_id, link.linked_at = customer.id, now
    else:
        return ALREADY
    await session.flush()
    return LINKED


_usernames: dict[str, str] = {}


async def bot_username(settings: Settings) -> str:
    """BOT_USERNAME, else the bot's @username asked from the Bot API once (getMe) and kept."""
    if settings.bot_username:
        return settings.bot_username.lstrip("@")
    token = settings.bot_token or ""
    known = _usernames.get(token)
    if known:
        return known
    if not token:
        raise LookupError("BOT_USERNAME is not set and there is no BOT_TOKEN to ask Telegram with")
    from bot.app import make_bot

    bot = make_bot(settings, token)
    try:
        me = await bot.get_me()
    finally:
        await bot.session.close()
    if not me.username:
        raise LookupError("the Bot API returned no username for this bot; set BOT_USERNAME")
    _usernames[token] = me.username
    return me.username
