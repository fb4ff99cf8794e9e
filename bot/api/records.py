"""GET /v1/customers/{id}/consent-records: the customer's consent ledger as ISO/IEC TS 27560 records.

The records are made by bot/consent/records.py, the same ones /mydata and the owner's /export
carry; the fields follow docs/schemas/consent-record.schema.json, described here again as models
so that the OpenAPI document shows them. The person appears in them only under a pseudonym, and
after /forget the records stay (the ledger is the proof) with the customer's own words erased.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from bot.api.customers import CustomerRef
from bot.api.deps import AppSettings, Session, require_scope
from bot.api.errors import errors
from bot.api.keys import ApiKeyUser
from bot.api.lookup import find_customer
from bot.consent.records import SCHEMA_ID, records_of

router = APIRouter(tags=["customers"])

State = Literal["given", "withdrawn"]
Method = Literal["button", "command", "words", "staff", "blocked", "erasure"]


class Party(BaseModel):
    party_role: Literal["controller"]
    party_name: str | None = Field(description="CONTROLLER_NAME (null: not configured)")
    party_contact: str | None = Field(description="CONTROLLER_CONTACT (null: not configured)")
    party_address: str | None = Field(description="CONTROLLER_ADDRESS (null: not configured)")


class Purpose(BaseModel):
    purpose_id: str = Field(description="The permission scope: birthday, samples, feedback, offers, tracking")
    description: str = Field(description="The scope's description in the notice's words")
    lawful_basis: Literal["consent"]
    pii_information: list[str] = Field(description="The personal data this purpose uses")


class Notice(BaseModel):
    text_id: str | None = Field(description="The ledger text id of the wording, scope.<scope>.desc@v<N>")
    version: int | None
    wording: str | None = Field(description="The exact words the customer agreed to")
    language: str


class Evidence(BaseModel):
    text_id: str | None
    wording: str | None = Field(description="The bot's words (or Telegram's) this event kept")
    language: str
    message_id: int | None = Field(description="The Telegram message the event came from")
    customer_words: str | None = Field(default=None, description="What the customer wrote (null after /forget)")
    customer_words_erased_at: str | None = None


class Event(BaseModel):
    event_time: str = Field(description="UTC, ISO 8601")
    event_state: State
    event_type: Literal["expressed_consent"]
    entity_id: Literal["pii_principal", "controller"] = Field(description="Who performed the event")
    evidence: Evidence


class Earlier(BaseModel):
    record_id: str
    event_time: str
    event_state: State
    collection_method: Method
    notice_text_id: str | None


class ConsentRecord(BaseModel):
    """One ledger event in the shape of ISO/IEC TS 27560:2023 (docs/schemas/consent-record.schema.json)."""

    schema_version: str
    record_id: str = Field(description="urn:uuid:..., stable for the ledger row")
    ledger_event_id: int
    pii_principal_id: str = Field(description="The customer's pseudonym (hmac-sha256:...)")
    language: str
    jurisdiction: str | None = Field(description="JURISDICTION (null: not configured)")
    pii_controllers: list[Party]
    purpose: Purpose
    privacy_notice: Notice
    collection_method: Method
    event: Event
    validity_duration: Literal["until_withdrawn"]
    withdrawal_method: str = Field(description="How to withdraw, in the record's language")
    history: list[Earlier] = Field(description="The earlier events of the same scope, oldest first")


class ConsentRecordsOut(BaseModel):
    schema_: str = Field(alias="schema", description="The JSON Schema the records follow")
    records: list[ConsentRecord] = Field(description="One record per ledger event, oldest first")


@router.get(
    "/customers/{customer}/consent-records",
    response_model=ConsentRecordsOut,
    response_model_by_alias=True,
    responses=errors(404),
)
async def get_consent_records(
    customer: CustomerRef,
    session: Session,
    settings: AppSettings,
    key: Annotated[ApiKeyUser, require_scope("consent:read")],
) -> ConsentRecordsOut:
    """Every grant and withdrawal of the customer as a consent record (ISO/IEC TS 27560:2023, as
    listed by the W3C DPV guide consent-27560): the notice with its exact wording, version and
    language, how consent was collected, when, its state, the controller, the jurisdiction, how to
    withdraw, and the earlier events of the same scope. Also after /forget (pseudonymous)."""
    row = await find_customer(session, customer, forgotten_ok=True)
    records = await records_of(session, settings, customer_id=row.id)
    return ConsentRecordsOut.model_validate({"schema": SCHEMA_ID, "records": records})
