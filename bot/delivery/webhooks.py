"""Outgoing webhooks: consent events POSTed to the URLs the owner configured, signed.

Events: `consent.granted`, `consent.withdrawn` (bot/consent/ledger.py, for every ledger row)
and `customer.forgotten` (bot/consent/erasure.py). `enqueue_event` writes one
`webhook_delivery` row per subscribed endpoint in the caller's transaction, so an event exists
exactly when the ledger change it reports was committed. These rows are the webhooks' own
outbox, apart from the customer messages' `outbox`: a webhook is not a message to a customer,
never goes to Telegram, knows no quiet hours or weekly cap, and neither its failures nor a
slow receiver can hold up the sender.

The `WebhookDispatcher` (run by the worker role beside the sender) claims due rows, POSTs each
body with the header

    X-PMBot-Signature: t=<unix time>,v1=<hex HMAC-SHA256(endpoint secret, "<t>.<body>")>

and records the outcome: 2xx delivered; 408, 429, 5xx, a timeout or a connection error: tried
again with exponential backoff (30 s, 1 min, 2 min ... at most 6 h; 429's Retry-After is
honoured) until `max_attempts`; any other status: given up at once (the receiver refused this
event). Delivery is at least once (a crash during a POST sends it again): receivers deduplicate
by the event's `id`. Once a delivery is final its body is emptied; the log line (event, status,
attempts, last HTTP status, error) stays for `/webhook log` and `GET /v1/webhooks/{id}/deliveries`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import ShopCustomer, WebhookDelivery, WebhookEndpoint
from storage.types import utcnow

log = logging.getLogger(__name__)

EVENTS: tuple[str, ...] = ("consent.granted", "consent.withdrawn", "customer.forgotten")
SIGNATURE_HEADER = "X-PMBot-Signature"
USER_AGENT = "permission-bot-webhooks/1"
RETRY_STATUSES = frozenset({408, 429})
FIRST_RETRY = 30.0
MAX_RETRY = 6 * 3600.0


# ---- configuring endpoints --------------------------------------------------------------------------


def events_column(events: list[str] | tuple[str, ...]) -> str:
    unknown = [e for e in events if e not in EVENTS]
    if unknown or not events:
        raise ValueError(f"events: choose from {', '.join(EVENTS)}")
    return "," + ",".join(e for e in EVENTS if e in events) + ","


def events_of(endpoint: WebhookEndpoint) -> list[str]:
    return [e for e in endpoint.events.split(",") if e]


def check_url(url: str) -> str:
    from yarl import URL

    try:
        parsed = URL(url)
    except ValueError:
        raise ValueError("url: not a valid URL") from None
    if parsed.scheme not in ("http", "https") or not parsed.host or len(url) > 2000:
        raise ValueError("url: an http:// or https:// URL with a host, at most 2000 characters")
    return url


async def add_endpoint(
    session: AsyncSession,
    *,
    url: str,
    events: list[str] | tuple[str, ...] = EVENTS,
    created_by: int | None = None,
    api_key_id: int | None = None,
) -> WebhookEndpoint:
    """A new endpoint with a new secret (shown once to whoever added it)."""
    endpoint = WebhookEndpoint(
        url=check_url(url),
        events=events_column(list(events)),
        secret="whsec_" + secrets.token_hex(24),
        created_by=created_by,
        api_key_id=api_key_id,
    )
    session.add(endpoint)
    await session.flush()
    return endpoint


async def remove_endpoint(session: AsyncSession, *, endpoint_id: int) -> bool:
    """Stop delivering to an endpoint: no new events, pending deliveries given up. Its log stays."""
    endpoint = await session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or not endpoint.active:
        return False
    endpoint.active, endpoint.removed_at = False, utcnow()
    await session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint_id, WebhookDelivery.status == "pending")
        .values(status="failed", last_error="endpoint removed", body=None, finished_at=utcnow())
    )
    return True


async def active_endpoints(session: AsyncSession) -> list[WebhookEndpoint]:
    query = select(WebhookEndpoint).where(WebhookEndpoint.active.is_(True)).order_by(WebhookEndpoint.id)
    return list((await session.execute(query)).scalars())


async def delivery_log(
    session: AsyncSession, *, endpoint_id: int | None = None, limit: int = 20
) -> list[WebhookDelivery]:
    query = select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(limit)
    if endpoint_id is not None:
        query = query.where(WebhookDelivery.endpoint_id == endpoint_id)
    return list((await session.execute(query)).scalars())


# ---- enqueueing (in the transaction of the ledger change) ----------------------------------------------


async def enqueue_event(
    session: AsyncSession,
    *,
    event: str,
    customer_id: int,
    at: datetime,
    scope: str | None = None,
    method: str | None = None,
    ledger_event_id: int | None = None,
    shop_customer_ids: list[str] | None = None,
) -> int:
    """Write one delivery per active endpoint subscribed to `event`; returns how many. Never
    commits. With no endpoint configured this is one small query.

    The payload names the customer by Telegram id (kept after /forget, like the ledger) and by the
    shop's customer ids linked to the chat; it carries the scope, how and when: no name, no words."""
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    subscribed = list(
        (
            await session.execute(
                select(WebhookEndpoint.id).where(
                    WebhookEndpoint.active.is_(True), WebhookEndpoint.events.contains(f",{event},")
                )
            )
        ).scalars()
    )
    if not subscribed:
        return 0
    if shop_customer_ids is None:
        shop_customer_ids = list(
            (
                await session.execute(
                    select(ShopCustomer.shop_customer_id)
                    .where(ShopCustomer.customer_id == customer_id)
                    .order_by(ShopCustomer.shop_customer_id)
                )
            ).scalars()
        )
    event_id = "evt_" + uuid.uuid4().hex
    data: dict[str, Any] = {
        "customer": {
            "telegram_id": customer_id,
            "shop_customer_id": shop_customer_ids[0] if shop_customer_ids else None,
            "shop_customer_ids": shop_customer_ids,
        },
        "at": at.isoformat(),
    }
    if scope is not None:
        data.update(scope=scope, method=method, ledger_event_id=ledger_event_id)
    now = utcnow()
    body = json.dumps(
        {"id": event_id, "type": event, "created_at": now.isoformat(), "data": data},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    for endpoint_id in subscribed:
        session.add(
            WebhookDelivery(
                endpoint_id=endpoint_id,
                event_id=event_id,
                event=event,
                customer_id=customer_id,
                scope=scope,
                body=body,
                not_before=now,
                created_at=now,
            )
        )
    return len(subscribed)


# ---- signing --------------------------------------------------------------------------------------------


def signature(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, *, tolerance: float = 300.0, now: float | None = None) -> bool:
    """What a receiver does (the README shows the same in a few lines)."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - timestamp) > tolerance:
        return False
    return hmac.compare_digest(parts.get("v1", ""), signature(secret, timestamp, body))


# ---- delivering -----------------------------------------------------------------------------------------

Clock = Callable[[], datetime]


def backoff(attempts: int) -> float:
    """Seconds before the next try after `attempts` failed ones: 30 s, 1 min, 2 min ... 6 h."""
    return min(MAX_RETRY, FIRST_RETRY * 2 ** max(0, attempts - 1))


class WebhookDispatcher:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        timeout: float = 10.0,
        max_attempts: int = 8,
        batch: int = 50,
        lease: float = 300.0,
        clock: Clock | None = None,
        worker_id: str = "w1",
    ) -> None:
        self.sessions = sessions
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.batch = batch
        self.lease = lease
        self.clock = clock or utcnow
        self.worker_id = worker_id
        self._stop = asyncio.Event()
        self._http: Any = None

    async def _client(self) -> Any:
        import aiohttp

        if self._http is None or self._http.closed:
            self._http = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout), headers={"User-Agent": USER_AGENT}
            )
        return self._http

    async def close(self) -> None:
        if self._http is not None:
            await self._http.close()
            self._http = None

    async def _claim(self) -> list[tuple[WebhookDelivery, WebhookEndpoint]]:
        now = self.clock()
        stale = now - timedelta(seconds=self.lease)
        async with self.sessions() as session, session.begin():
            query = (
                select(WebhookDelivery)
                .where(
                    or_(
                        (WebhookDelivery.status == "pending") & (WebhookDelivery.not_before <= now),
                        # A worker died during the POST: sent again (at least once).
                        (WebhookDelivery.status == "sending") & (WebhookDelivery.claimed_at <= stale),
                    )
                )
                .order_by(WebhookDelivery.not_before, WebhookDelivery.id)
                .limit(self.batch)
            )
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            rows = list((await session.execute(query)).scalars())
            if not rows:
                return []
            endpoints = {
                e.id: e
                for e in (
                    await session.execute(
                        select(WebhookEndpoint).where(WebhookEndpoint.id.in_({r.endpoint_id for r in rows}))
                    )
                ).scalars()
            }
            claimed = []
            for row in rows:
                endpoint = endpoints.get(row.endpoint_id)
                if endpoint is None or not endpoint.active or row.body is None:
                    row.status, row.last_error, row.body, row.finished_at = "failed", "endpoint removed", None, now
                    continue
                row.status, row.claimed_by, row.claimed_at = "sending", self.worker_id, now
                row.attempts += 1
                claimed.append((row, endpoint))
            await session.flush()
            session.expunge_all()  # plain values from here on: the POSTs happen after the commit
        return claimed

    async def _post(self, row: WebhookDelivery, endpoint: WebhookEndpoint) -> dict[str, Any]:
        """POST one delivery; returns the row's new values. Never raises (but cancellation)."""
        body = (row.body or "").encode()
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            SIGNATURE_HEADER: signature_header(endpoint.secret, timestamp, body),
            "X-PMBot-Event": row.event,
            "X-PMBot-Delivery": str(row.id),
        }
        retry_after: float | None = None
        try:
            http = await self._client()
            async with http.post(endpoint.url, data=body, headers=headers, allow_redirects=False) as response:
                status = response.status
                if status == 429:
                    try:
                        retry_after = float(response.headers.get("Retry-After", ""))
                    except ValueError:
                        retry_after = None
                await response.read()
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a timeout, a refused connection, DNS: tried again
            return self._retry(row, None, f"{type(exc).__name__}: {exc}"[:255] or type(exc).__name__)
        now = self.clock()
        if 200 <= status < 300:
            return {
                "status": "delivered",
                "last_http_status": status,
                "last_error": None,
                "body": None,
                "finished_at": now,
            }
        if status in RETRY_STATUSES or status >= 500:
            return self._retry(row, status, f"HTTP {status}", retry_after)
        return {
            "status": "failed",
            "last_http_status": status,
            "last_error": f"HTTP {status}: refused by the receiver, not retried",
            "body": None,
            "finished_at": now,
        }

    def _retry(
        self, row: WebhookDelivery, status: int | None, error: str, retry_after: float | None = None
    ) -> dict[str, Any]:
        now = self.clock()
        if row.attempts >= self.max_attempts:
            return {
                "status": "failed",
                "last_http_status": status,
                "last_error": f"gave up after {row.attempts} attempts: {error}"[:255],
                "body": None,
                "finished_at": now,
            }
        wait = max(backoff(row.attempts), min(retry_after or 0.0, MAX_RETRY))
        return {
            "status": "pending",
            "last_http_status": status,
            "last_error": error[:255],
            "not_before": now + timedelta(seconds=wait),
            "claimed_by": None,
            "claimed_at": None,
        }

    async def drain_once(self) -> int:
        """Claim and POST one batch of due deliveries; returns how many were tried."""
        claimed = await self._claim()
        if not claimed:
            return 0
        outcomes = await asyncio.gather(*(self._post(row, endpoint) for row, endpoint in claimed))
        async with self.sessions() as session, session.begin():
            for (row, _), values in zip(claimed, outcomes):
                await session.execute(
                    update(WebhookDelivery)
                    .where(WebhookDelivery.id == row.id, WebhookDelivery.status == "sending")
                    .values(**values)
                )
        return len(claimed)

    async def drain(self) -> None:
        """Deliver everything due now (tests, `jobs run`)."""
        while await self.drain_once():
            pass

    async def run_forever(self, idle: float = 2.0, give_up_after: float = 300.0) -> None:
        """Deliver until stopped; a failing database is retried with backoff, then GiveUp."""
        from bot.delivery.supervision import Backoff

        retries = Backoff("webhooks", give_up_after=give_up_after)
        try:
            while not self._stop.is_set():
                try:
                    handled = await self.drain_once()
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # noqa: BLE001 - a database hiccup must not end the worker
                    await retries.failed(exc)
                    continue
                retries.ok()
                if not handled:
                    try:
                        await asyncio.wait_for(self._stop.wait(), idle)
                    except TimeoutError:
                        pass
        finally:
            await self.close()

    def stop(self) -> None:
        self._stop.set()
