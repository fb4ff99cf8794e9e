"""Consent records and what /forget tells the shop, exactly (kills mutants of `build_records`,
`_purpose` and `_notice_of` in bot/consent/records.py and of the `customer.forgotten` webhook in
bot/consent/erasure.py): a record's language, purpose and notice are those of the latest grant's
notice (a withdrawal's own wording does not replace it), the history names each notice, and the
erasure webhook carries this customer's linked shop ids, sorted."""

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

import bot.consent.records as records_module
from bot.consent.erasure import forget_customer
from bot.consent.ledger import record_consent
from bot.consent.records import PERSONAL_DATA, Controller, LedgerRow, build_records
from bot.consent.scopes import SCOPES
from bot.delivery.webhooks import add_endpoint
from bot.texts import scope_wording, t
from storage.models import Customer, LinkToken, ShopCustomer, WebhookDelivery
from storage.queries import get_or_create_customer

AT = datetime(2027, 5, 4, 12, 0, tzinfo=timezone.utc)
PRINCIPAL = "hmac-sha256:" + "c" * 64


def row(event_id, minutes, **fields):
    values = {
        "scope": "offers",
        "action": "grant",
        "method": "button",
        "message_id": None,
        "text_id": "scope.offers.desc@v1",
        "wording": scope_wording("offers", "uk"),
        "language": "uk",
    }
    return LedgerRow(id=event_id, at=AT + timedelta(minutes=minutes), **values | fields)


def records(*rows):
    return build_records(rows, principal=PRINCIPAL, controller=Controller())


def test_a_withdrawal_and_a_later_staff_grant_refer_to_the_latest_grants_notice():
    granted, withdrawn, regranted = records(
        row(1, 0),
        # Switched off in /preferences, the scope's wording shown in English this time.
        row(2, 10, action="withdraw", wording=scope_wording("offers", "en"), language="en"),
        row(3, 20, method="staff", text_id=None, wording=None, language="en"),
    )
    notice = {
        "text_id": "scope.offers.desc@v1",
        "version": 1,
        "wording": scope_wording("offers", "uk"),
        "language": "uk",
    }
    assert granted["privacy_notice"] == notice
    assert withdrawn["privacy_notice"]["language"] == "en"  # its own wording
    assert regranted["privacy_notice"] == notice  # the grant's, not the withdrawal's
    assert regranted["language"] == "uk" and regranted["withdrawal_method"] == t("record.withdrawal", "uk")
    assert [h["notice_text_id"] for h in regranted["history"]] == ["scope.offers.desc@v1", "scope.offers.desc@v1"]


def test_a_record_without_a_notice_of_its_own_speaks_the_language_of_the_notice_it_refers_to():
    _, withdrawn = records(
        row(1, 0), row(2, 5, action="withdraw", method="words", text_id="words", wording=None, language="en")
    )
    assert withdrawn["language"] == "uk"
    assert withdrawn["withdrawal_method"] == t("record.withdrawal", "uk")
    assert withdrawn["purpose"]["description"] == t("scope.offers.desc.v1", "uk")
    assert withdrawn["history"][0]["notice_text_id"] == "scope.offers.desc@v1"


def test_without_any_notice_the_purpose_is_described_in_the_rows_language():
    (record,) = records(row(1, 0, method="staff", text_id=None, wording=None, language="uk"))
    assert record["purpose"]["description"] == t("scope.offers.desc", "uk") != t("scope.offers.desc", "en")
    assert record["history"] == []


def test_a_notice_text_id_without_its_wording_is_no_notice():
    (record,) = records(row(1, 0, wording=None, language="pl"))
    assert record["privacy_notice"] == {"text_id": None, "version": None, "wording": None, "language": "pl"}


def test_the_purpose_is_described_by_the_version_of_the_notice_agreed_to(monkeypatch):
    """While only version 1 of each description exists its text equals the current one; the
    record must still ask for the version the customer agreed to (in the notice's language)."""
    monkeypatch.setattr(records_module, "t", lambda key, lang: f"{key}|{lang}")
    granted, withdrawn = records(
        row(1, 0), row(2, 5, action="withdraw", method="words", text_id="words", wording=None, language="en")
    )
    assert granted["purpose"]["description"] == "scope.offers.desc.v1|uk"
    assert withdrawn["purpose"]["description"] == "scope.offers.desc.v1|uk"


@pytest.mark.parametrize("scope", SCOPES)
def test_the_purpose_lists_the_personal_data_it_uses(scope):
    (record,) = records(row(1, 0, scope=scope, text_id=f"scope.{scope}.desc@v1", wording=scope_wording(scope, "uk")))
    assert record["purpose"]["pii_information"] == list(PERSONAL_DATA[scope])
    assert "telegram_chat" in record["purpose"]["pii_information"] or scope == "tracking"
    assert set(PERSONAL_DATA) == set(SCOPES)  # every scope declares what it uses


async def test_the_erasure_webhook_carries_this_customers_shop_ids(sessions):
    async with sessions() as session, session.begin():
        await add_endpoint(session, url="https://shop.example/hooks", events=["customer.forgotten"])
        ann, _ = await get_or_create_customer(session, user_id=1, first_name="Ann", username="ann", language="uk")
        bob, _ = await get_or_create_customer(session, user_id=2, first_name="Bob", username="bob", language="en")
        await session.flush()
        await record_consent(session, customer=ann, scope="offers", grant=True, method="button")
        # Linked out of order; Bob's link and token are his.
        for shop_id, uid in (("C-2", 1), ("B-9", 2), ("C-1", 1)):
            session.add(ShopCustomer(shop_customer_id=shop_id, customer_id=uid))
            session.add(LinkToken(id=f"tok-{shop_id}", shop_customer_id=shop_id, expires_at=AT))
        await session.flush()
    async with sessions() as session, session.begin():
        ann = await session.get(Customer, 1)
        assert await forget_customer(session, customer=ann, message_id=5, wording="Erase?") == ["offers"]
    async with sessions() as session:
        (delivery,) = (await session.execute(select(WebhookDelivery))).scalars()
        links = list((await session.execute(select(ShopCustomer.shop_customer_id))).scalars())
        tokens = list((await session.execute(select(LinkToken.id))).scalars())
        forgotten_at = (await session.get(Customer, 1)).forgotten_at
    assert (delivery.event, delivery.customer_id) == ("customer.forgotten", 1)
    body = json.loads(delivery.body)
    assert body["type"] == "customer.forgotten"
    assert body["data"]["customer"] == {
        "telegram_id": 1,
        "shop_customer_id": "C-1",
        "shop_customer_ids": ["C-1", "C-2"],
    }
    assert datetime.fromisoformat(body["data"]["at"]) == forgotten_at
    assert links == ["B-9"] and tokens == ["tok-B-9"]
