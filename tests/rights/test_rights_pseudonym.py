"""The pseudonym key never lives in the database it protects."""

import logging
import os
import stat
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.config import ConfigError
from bot.measure import FINGERPRINT_KEY, LEGACY_KEY, PseudonymKeyError, prepare_key, pseudonym, pseudonym_key
from bot.texts import t
from storage.models import KeyValue, ResponseEvent, SampleOffer
from storage.queries import get_value, set_value
from storage.types import utcnow
from tests.delivery.test_delivery import deliver, make_customer
from tests.rights.test_rights_erasure import everything


async def test_a_response_creates_the_key_file_and_the_database_holds_no_key(harness, caplog):
    h = harness
    path = h.settings.pseudonym_secret_file
    assert not os.path.exists(path)
    await make_customer(h, 5, ["samples"])
    async with h.services.sessions() as session, session.begin():
        session.add(SampleOffer(product="Tea", category_id=1, stock=5, expires_at=utcnow() + timedelta(days=1)))
        from storage.models import CustomerInterest

        session.add(CustomerInterest(customer_id=5, category_id=1))
    await deliver(h, "samples", utcnow())
    with caplog.at_level(logging.WARNING, logger="bot.measure"):
        await h.press(5, t("sample.accept_button", "en"))
    key = open(path).read().strip()
    assert len(key) == 64 and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert any(
        "pseudonym key created at" in r.getMessage() and "back this file up" in r.getMessage() for r in caplog.records
    )
    async with h.services.sessions() as session:
        event = (await session.execute(select(ResponseEvent))).scalar_one()
    assert event.customer_id is None and event.pseudonym == pseudonym(5, key)
    assert key not in str(await everything(h))  # in no table, no column


async def test_a_key_stored_by_an_earlier_version_moves_to_the_file_once(sessions, settings_factory, caplog):
    settings = settings_factory()
    old = "d" * 64
    async with sessions() as session, session.begin():
        await set_value(session, key=LEGACY_KEY, value=old)
        session.add(
            ResponseEvent(
                pseudonym=pseudonym(1, old),
                message_kind="sample",
                action="accept",
                hour=utcnow().replace(minute=0, second=0, microsecond=0),
            )
        )
    with caplog.at_level(logging.WARNING, logger="bot.measure"):
        await prepare_key(settings, sessions)
    assert open(settings.pseudonym_secret_file).read().strip() == old
    assert stat.S_IMODE(os.stat(settings.pseudonym_secret_file).st_mode) == 0o600
    assert any("moved from the database" in r.getMessage() for r in caplog.records)
    async with sessions() as session:
        assert await get_value(session, key=LEGACY_KEY) is None
        assert await get_value(session, key=FINGERPRINT_KEY) not in (None, old)
        assert [r.key for r in (await session.execute(select(KeyValue))).scalars()] == [FINGERPRINT_KEY]
        # the same pseudonyms as before: old events still match
        assert pseudonym(1, await pseudonym_key(session, settings)) == pseudonym(1, old)


async def test_a_process_with_another_key_refuses_to_start(sessions, settings_factory, tmp_path):
    first = settings_factory()
    await prepare_key(first, sessions)
    # another host without the file: no new key, a one-line configuration error
    elsewhere = first.model_copy(update={"pseudonym_secret_file": str(tmp_path / "other" / "pseudonym.key")})
    with pytest.raises(PseudonymKeyError, match="^configuration error: PSEUDONYM_SECRET: key missing"):
        await prepare_key(elsewhere, sessions)
    assert not os.path.exists(elsewhere.pseudonym_secret_file)
    changed = first.model_copy(update={"pseudonym_secret": "another-secret"})
    with pytest.raises(ConfigError, match="key mismatch"):
        await prepare_key(changed, sessions)
    # the right key given in the environment works, with or without the file
    same = elsewhere.model_copy(update={"pseudonym_secret": open(first.pseudonym_secret_file).read().strip()})
    await prepare_key(same, sessions)
