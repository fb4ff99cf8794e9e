"""Every table that refers to a customer: what /mydata shows of it and what /forget does with it.

One declaration for both rights (README "Personal data"): `forget_customer` deletes the rows of
the tables declared `deleted` from here, and tests/rights/test_personal_data_map.py walks
`SQLModel.metadata` and fails, naming the table, when a column that holds a Telegram id or a
customer id is not declared below, so that a new table cannot slip past /mydata and /forget.
Pure data: no database or aiogram import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["PERSONAL_DATA", "Fate", "Table", "deleted_columns", "mydata_keys"]

# deleted: the customer's rows go. emptied: the row stays, its personal fields are emptied.
# anonymised: the row stays for statistics, cut loose from the customer. kept: proof, unchanged.
# not_theirs: the table names staff members only (who did what), never a customer.
Fate = Literal["deleted", "emptied", "anonymised", "kept", "not_theirs"]


@dataclass(frozen=True)
class Table:
    """How one table is treated. `customer`: columns holding the customer's Telegram id (rows are
    found by them); `linked`: other columns that name the customer (the shop's id for them);
    `staff`: columns holding a staff member's Telegram id (not the customer's data); `mydata`: the
    keys of the /mydata file that show the table; `why`: the reason for `forget`."""

    forget: Fate
    why: str
    customer: tuple[str, ...] = ()
    linked: tuple[str, ...] = ()
    staff: tuple[str, ...] = ()
    mydata: tuple[str, ...] = ()


_STAFF = "who on the staff did it; a staff member's id, not the customer's data"

PERSONAL_DATA: dict[str, Table] = {
    # ---- kept as proof (and the do-not-contact fact)
    "customer": Table(
        "emptied",
        "the row stays as the do-not-contact fact (id, language, stage `former`, reachability, created and "
        "erased times); name, Telegram name and username, birthday, time zone, quiet hours, cap, referral "
        "code, who referred them and the purchase count are emptied",
        customer=("id",),
        linked=("referrer_id",),
        mydata=("customer_id", "profile", "preferences"),
    ),
    "consent_event": Table(
        "kept",
        "the consent ledger: proof of every grant and withdrawal (GDPR Art. 7(1)); append-only",
        customer=("customer_id",),
        mydata=("consent_history", "consent_records"),
    ),
    "customer_wording": Table(
        "emptied",
        "the customer's own words behind a ledger row: the text goes, the fact and time stay",
        customer=("customer_id",),
        mydata=("consent_history",),
    ),
    "scope_state": Table(
        "kept",
        "the current permission per scope, derived from the ledger (all withdrawn)",
        customer=("customer_id",),
        mydata=("scopes",),
    ),
    "stage_change": Table(
        "kept",
        "the stage history, ending in `former`: why the customer is not contacted",
        customer=("customer_id",),
        mydata=("stage_history",),
    ),
    "withdrawal_reason": Table(
        "kept",
        "beside its ledger row; says only what the kept ledger row and delivery record already say (the "
        "reason follows from the method, the delivery before it by campaign and kind); /stats counts "
        "the erasure itself",
        customer=("customer_id",),
        mydata=("withdrawal_reasons",),
    ),
    "outbox": Table(
        "emptied",
        "the delivery records stay (kind, time, campaign, variant: what was sent under which consent); "
        "text and payload are emptied, queued messages dropped",
        customer=("customer_id",),
        mydata=("messages_sent", "messages_queued"),
    ),
    "webhook_delivery": Table(
        "kept",
        "the record of what was disclosed to the shop's systems and when (recipients, GDPR Art. 19: the "
        "`customer.forgotten` event is one of them and tells the shop to erase too); holds the Telegram id, "
        "event, scope, time and status, as the ledger does; bodies are emptied once delivered or given up",
        customer=("customer_id",),
        mydata=("sent_to_the_shop",),
    ),
    # ---- anonymised
    "response_event": Table(
        "anonymised",
        "campaign statistics: the customer id goes, the pseudonym is replaced by a random one, the hour is rounded",
        customer=("customer_id",),
        mydata=("responses",),
    ),
    "audit_log": Table(
        "emptied",
        "the staff's command log stays (who ran what, when); arguments that name the customer (Telegram "
        "id, @username, a linked shop id, also in an API call's path) become `[erased]`. Not in /mydata: "
        "it records staff actions; the data they touched is shown under its own keys",
        staff=("staff_id",),
    ),
    # ---- deleted
    "referral": Table(
        "deleted",
        "who brought whom: personal, no proof",
        customer=("referrer_id", "friend_id"),
        mydata=("referrals",),
    ),
    "customer_interest": Table("deleted", "preferences", customer=("customer_id",), mydata=("preferences",)),
    "sample_request": Table("deleted", "requests for samples", customer=("customer_id",), mydata=("sample_requests",)),
    "purchase": Table(
        "deleted",
        "purchases (the shop keeps its own orders)",
        customer=("customer_id",),
        staff=("recorded_by",),
        mydata=("purchases",),
    ),
    "feedback": Table("deleted", "ratings and comments", customer=("customer_id",), mydata=("feedback",)),
    "shop_customer": Table(
        "deleted",
        "the link to the shop's customer id; the ids go to the shop in the `customer.forgotten` webhook",
        customer=("customer_id",),
        linked=("shop_customer_id",),
        mydata=("shop_links",),
    ),
    "link_token": Table(
        "deleted",
        "linking deep links the customer used, and unused ones for the same shop customer id",
        customer=("used_by",),
        linked=("shop_customer_id",),
        mydata=("shop_links",),
    ),
    "frequency_limit": Table(
        "deleted",
        "the customer's own limits (the shop's defaults have no customer and stay)",
        customer=("customer_id",),
        staff=("set_by",),
        mydata=("frequency_limits",),
    ),
    "pause": Table("deleted", "pauses", customer=("customer_id",), mydata=("pauses",)),
    "sequence_enrollment": Table(
        "deleted",
        "which automated series they were in and how far",
        customer=("customer_id",),
        mydata=("sequences",),
    ),
    "win_back": Table(
        "deleted",
        "the win-back attempt and its outcome (the message itself stays as a delivery record)",
        customer=("customer_id",),
        mydata=("win_backs",),
    ),
    # Keys are bot:chat:user:thread:destiny: no id column, found by key (bot/consent/erasure.py).
    "fsm_record": Table("deleted", "a dialogue in progress", mydata=("dialogue_in_progress",)),
    # ---- staff only
    "staff": Table("not_theirs", "staff members and who added them", staff=("user_id", "added_by")),
    "sample_offer": Table("not_theirs", _STAFF, staff=("created_by",)),
    "campaign": Table("not_theirs", _STAFF, staff=("created_by",)),
    "api_key": Table("not_theirs", _STAFF, staff=("created_by",)),
    "webhook_endpoint": Table("not_theirs", _STAFF, staff=("created_by",)),
    "automation_sequence": Table("not_theirs", _STAFF, staff=("created_by",)),
    "gift_window": Table("not_theirs", _STAFF, staff=("set_by",)),
}


def deleted_columns() -> list[tuple[str, str]]:
    """(table, column) pairs whose rows equal to the customer's id /forget deletes."""
    return [
        (name, column)
        for name, table in PERSONAL_DATA.items()
        if table.forget == "deleted"
        for column in table.customer
    ]


def mydata_keys() -> set[str]:
    """Every key of the /mydata file that some table is declared to fill."""
    return {key for table in PERSONAL_DATA.values() for key in table.mydata}
