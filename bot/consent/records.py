"""Consent records in a standard shape: every ledger row as an ISO/IEC TS 27560:2023 consent record.

ISO/IEC TS 27560:2023 ("Privacy technologies — Consent record information structure") builds on
the Kantara Initiative Consent Receipt Specification v1.1; the W3C DPV guide "Consent Records and
Receipts as per ISO/IEC TS 27560:2023 using DPV" (https://w3id.org/dpv/guides/consent-27560)
lists its fields. The field names here are that list's, in snake case (`record_id`,
`pii_principal_id`, `pii_controllers`, `privacy_notice`, `collection_method`, `event_time`,
`event_state`, `withdrawal_method`, ...); docs/schemas/consent-record.schema.json is the JSON
Schema that the tests validate every record against.

One ledger row (bot/consent/ledger.py) gives one record:

- the person is named by a pseudonym only (`principal_id`: HMAC-SHA256 with the pseudonym key,
  separated from the response pseudonyms of bot/measure.py, so a record does not join to them);
- the notice is the scope's versioned wording the customer agreed to (`scope.<s>.desc@v<N>`, the
  exact words kept in the ledger): a grant by button carries its own; a withdrawal, an undo or a
  staff decision refers to the latest grant of the same scope before it;
- `event.evidence` is what this row itself keeps (the bot's words, Telegram's, or the customer's
  own words until /forget empties them);
- `history` is every earlier row of the same scope, oldest first.

`build_records` is pure (plain rows in, dictionaries out); `customer_records` and `all_records`
read the ledger through a session and never write.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from bot.texts import t
from storage.models import ConsentEvent, CustomerWording

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "Controller",
    "LedgerRow",
    "all_records",
    "build_records",
    "collection_method",
    "customer_records",
    "every_record",
    "jsonl",
    "principal_id",
    "record_id",
    "records_of",
]

SCHEMA_VERSION: Final = "1.0"
# The $id of docs/schemas/consent-record.schema.json (records name the schema they follow).
SCHEMA_ID: Final = "https://permission-bot.example/schemas/consent-record/1.0"
# record_id = uuid5 of this namespace and the ledger row's id: the same row gives the same id in
# every export, the API and /mydata.
RECORD_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, SCHEMA_ID)
ERASURE_TEXT_ID: Final = "forget.confirm@v1"  # bot/consent/erasure.py: the /forget confirmation
_NOTICE = re.compile(r"scope\.(?P<scope>[a-z]+)\.desc@v(?P<version>[0-9]+)")

# What each purpose uses (the 27560 "pii information" field), beside the chat it is sent to.
PERSONAL_DATA: Final[dict[str, tuple[str, ...]]] = {
    "birthday": ("telegram_chat", "name", "birth_date", "time_zone"),
    "samples": ("telegram_chat", "name", "interests", "sample_requests"),
    "feedback": ("telegram_chat", "name", "purchases", "sample_requests", "feedback"),
    "offers": ("telegram_chat", "name", "interests", "purchases", "lifecycle_stage"),
    "tracking": ("responses_to_messages",),
}
# Who performed the event (27560 "entity id"): the customer, except a staff member's decision.
_ENTITY = {"staff": "controller"}


@dataclass(frozen=True)
class Controller:
    """The data controller and the jurisdiction, as configured (CONTROLLER_NAME, CONTROLLER_CONTACT,
    CONTROLLER_ADDRESS, JURISDICTION); an unset value stays null in the records."""

    name: str | None = None
    contact: str | None = None
    address: str | None = None
    jurisdiction: str | None = None

    @classmethod
    def from_settings(cls, settings: Any) -> Controller:
        return cls(
            name=settings.controller_name,
            contact=settings.controller_contact,
            address=settings.controller_address,
            jurisdiction=settings.jurisdiction,
        )


@dataclass(frozen=True)
class LedgerRow:
    """One `consent_event` row with the customer's own words it refers to (if any)."""

    id: int
    scope: str
    action: str
    at: datetime
    method: str
    message_id: int | None
    text_id: str | None
    wording: str | None
    language: str
    has_customer_words: bool = False
    customer_words: str | None = None
    customer_words_erased_at: datetime | None = None


def principal_id(customer_id: int, key: str) -> str:
    """The person's pseudonymous id in the records: HMAC-SHA256 of their id with the pseudonym
    key, in a domain of its own (the response pseudonyms are HMACs of the bare id)."""
    digest = hmac.new(key.encode(), f"consent-record:{customer_id}".encode(), hashlib.sha256).hexdigest()
    return f"hmac-sha256:{digest}"


def record_id(event_id: int) -> str:
    return f"urn:uuid:{uuid.uuid5(RECORD_NAMESPACE, str(event_id))}"


def collection_method(row: LedgerRow) -> str:
    """How the decision reached the bot: button, command, words, staff, blocked, or erasure."""
    if row.text_id == ERASURE_TEXT_ID:
        return "erasure"
    return row.method


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _notice_of(row: LedgerRow) -> dict[str, Any] | None:
    """The notice this row itself shows, when it is a scope's versioned wording."""
    match = _NOTICE.fullmatch(row.text_id or "")
    if match is None or match["scope"] != row.scope or row.wording is None:
        return None
    return {
        "text_id": row.text_id,
        "version": int(match["version"]),
        "wording": row.wording,
        "language": row.language,
    }


def _purpose(scope: str, notice: dict[str, Any] | None, language: str) -> dict[str, Any]:
    if notice is not None:
        description = t(f"scope.{scope}.desc.v{notice['version']}", notice["language"])
    else:
        description = t(f"scope.{scope}.desc", language)
    return {
        "purpose_id": scope,
        "description": description,
        "lawful_basis": "consent",
        "pii_information": list(PERSONAL_DATA.get(scope, ())),
    }


def _evidence(row: LedgerRow) -> dict[str, Any]:
    evidence: dict[str, Any] = {
        "text_id": row.text_id,
        "wording": row.wording,
        "language": row.language,
        "message_id": row.message_id,
    }
    if row.has_customer_words:
        evidence["customer_words"] = row.customer_words
        evidence["customer_words_erased_at"] = _iso(row.customer_words_erased_at)
    return evidence


def build_records(rows: Iterable[LedgerRow], *, principal: str, controller: Controller) -> list[dict[str, Any]]:
    """One record per ledger row of one customer, in the order of the events."""
    ordered = sorted(rows, key=lambda row: (row.at, row.id))
    notices: dict[str, dict[str, Any]] = {}  # scope -> the notice of its latest grant so far
    earlier: dict[str, list[dict[str, Any]]] = {}  # scope -> its earlier events, oldest first
    controllers = [
        {
            "party_role": "controller",
            "party_name": controller.name,
            "party_contact": controller.contact,
            "party_address": controller.address,
        }
    ]
    records: list[dict[str, Any]] = []
    for row in ordered:
        given = row.action == "grant"
        own = _notice_of(row)
        notice = own or notices.get(row.scope)
        if given and notice is not None:
            notices[row.scope] = notice
        language = notice["language"] if notice is not None else row.language
        method = collection_method(row)
        history = earlier.setdefault(row.scope, [])
        records.append(
            {
                "schema_version": SCHEMA_VERSION,
                "record_id": record_id(row.id),
                "ledger_event_id": row.id,
                "pii_principal_id": principal,
                "language": language,
                "jurisdiction": controller.jurisdiction,
                "pii_controllers": controllers,
                "purpose": _purpose(row.scope, notice, language),
                "privacy_notice": dict(notice)
                if notice is not None
                else {"text_id": None, "version": None, "wording": None, "language": row.language},
                "collection_method": method,
                "event": {
                    "event_time": _iso(row.at),
                    "event_state": "given" if given else "withdrawn",
                    "event_type": "expressed_consent",
                    "entity_id": _ENTITY.get(row.method, "pii_principal"),
                    "evidence": _evidence(row),
                },
                "validity_duration": "until_withdrawn",
                "withdrawal_method": t("record.withdrawal", language),
                "history": [dict(item) for item in history],
            }
        )
        history.append(
            {
                "record_id": record_id(row.id),
                "event_time": _iso(row.at),
                "event_state": "given" if given else "withdrawn",
                "collection_method": method,
                "notice_text_id": notice["text_id"] if notice is not None else None,
            }
        )
    return records


def _row(event: ConsentEvent, words: CustomerWording | None) -> LedgerRow:
    assert event.id is not None  # a stored row
    return LedgerRow(
        id=event.id,
        scope=event.scope,
        action=event.action,
        at=event.at,
        method=event.method,
        message_id=event.message_id,
        text_id=event.text_id,
        wording=event.wording,
        language=event.language,
        has_customer_words=words is not None,
        customer_words=words.text if words is not None else None,
        customer_words_erased_at=words.erased_at if words is not None else None,
    )


def _ledger() -> Any:
    return select(ConsentEvent, CustomerWording).outerjoin(
        CustomerWording, col(CustomerWording.id) == col(ConsentEvent.customer_wording_id)
    )


async def customer_records(
    session: AsyncSession, *, customer_id: int, key: str, controller: Controller
) -> list[dict[str, Any]]:
    """The records of one customer's ledger rows (also after /forget: the ledger stays)."""
    result = await session.execute(
        _ledger()
        .where(col(ConsentEvent.customer_id) == customer_id)
        .order_by(col(ConsentEvent.at), col(ConsentEvent.id))
    )
    rows = [_row(event, words) for event, words in result.all()]
    return build_records(rows, principal=principal_id(customer_id, key), controller=controller)


async def all_records(session: AsyncSession, *, key: str, controller: Controller) -> list[dict[str, Any]]:
    """Every ledger row's record, customer by customer (the owner's /export)."""
    result = await session.execute(
        _ledger().order_by(col(ConsentEvent.customer_id), col(ConsentEvent.at), col(ConsentEvent.id))
    )
    by_customer: dict[int, list[LedgerRow]] = {}
    for event, words in result.all():
        by_customer.setdefault(event.customer_id, []).append(_row(event, words))
    records: list[dict[str, Any]] = []
    for customer_id, rows in by_customer.items():
        records += build_records(rows, principal=principal_id(customer_id, key), controller=controller)
    return records


async def records_of(session: AsyncSession, settings: Any, *, customer_id: int) -> list[dict[str, Any]]:
    """One customer's records with the configured controller and the pseudonym key (a key that
    does not match the database raises PseudonymKeyError, as everywhere pseudonyms are made)."""
    from bot.measure import pseudonym_key

    key = await pseudonym_key(session, settings)
    return await customer_records(
        session, customer_id=customer_id, key=key, controller=Controller.from_settings(settings)
    )


async def every_record(session: AsyncSession, settings: Any) -> list[dict[str, Any]]:
    """Every customer's records with the configured controller and the pseudonym key."""
    from bot.measure import pseudonym_key

    key = await pseudonym_key(session, settings)
    return await all_records(session, key=key, controller=Controller.from_settings(settings))


def jsonl(records: Sequence[dict[str, Any]]) -> bytes:
    """JSON lines: one record per line, UTF-8."""
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records).encode()
