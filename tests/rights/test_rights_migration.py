"""Migration 0002 on a database with data (SQLite, and PostgreSQL when TEST_DATABASE_URL is set):
free text leaves the ledger rows without breaking the append-only guard, and the ledger
can no longer be truncated on PostgreSQL."""

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.db import create_engine, session_factory
from storage.migrate import alembic_config, upgrade
from tests.conftest import PG_URL, in_thread

WORDS = "stop it, Ann Kowalska here"


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """A database of its own (the migration test starts from nothing)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL: TEST_DATABASE_URL is not set")
    url = make_url(PG_URL)
    name = f"{url.database}_migration"

    async def admin(statement: str) -> None:
        engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as conn:
                await conn.execute(text(statement))
        finally:
            await engine.dispose()

    in_thread(lambda: admin(f'DROP DATABASE IF EXISTS "{name}"'))
    in_thread(lambda: admin(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    in_thread(lambda: admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


OLD_DATA = [
    "INSERT INTO customer (id, language, stage, reachable, purchases_count, created_at, last_seen_at, forgotten_at, "
    "first_name, referrer_id) VALUES "
    "(1, 'en', 'friend', true, 0, '2026-01-01 10:00:00+00', '2026-01-02 10:00:00+00', NULL, 'Ann', NULL), "
    "(2, 'en', 'former', true, 1, '2026-01-01 10:00:00+00', '2026-01-05 10:00:00+00', '2026-01-05 10:00:00+00', "
    "NULL, 1)",
    "INSERT INTO consent_event (id, customer_id, scope, action, at, method, message_id, text_id, wording, language) "
    "VALUES "
    "(1, 1, 'samples', 'grant', '2026-01-01 10:00:00+00', 'button', 5, 'scope.samples.desc@v1', "
    "'Free samples: ...', 'en'), "
    "(2, 1, 'offers', 'grant', '2026-01-01 10:01:00+00', 'button', 5, 'scope.offers.desc@v1', 'Offers: ...', 'en'), "
    f"(3, 1, 'samples', 'withdraw', '2026-01-02 10:00:00+00', 'words', 9, 'words', '{WORDS}', 'en'), "
    "(4, 1, 'offers', 'withdraw', '2026-01-02 10:00:01+00', 'command', 10, 'command./stop', '/stop', 'en'), "
    "(5, 2, 'birthday', 'grant', '2026-01-01 10:00:00+00', 'button', 3, 'scope.birthday.desc@v1', 'B: ...', 'en'), "
    "(6, 2, 'birthday', 'withdraw', '2026-01-03 10:00:00+00', 'words', 7, 'words', 'I am Bob, stop', 'en'), "
    "(7, 2, 'samples', 'grant', '2026-01-04 10:00:00+00', 'button', 8, 'scope.samples.desc@v1', 'S: ...', 'en'), "
    "(8, 2, 'samples', 'withdraw', '2026-01-05 10:00:00+00', 'command', 11, 'forget.confirm@v1', "
    "'Erase your personal data?', 'en')",
    "INSERT INTO scope_state (customer_id, scope, granted, since, event_id) VALUES "
    "(1, 'samples', false, '2026-01-02 10:00:00+00', 3), (1, 'offers', false, '2026-01-02 10:00:01+00', 4), "
    "(2, 'birthday', false, '2026-01-03 10:00:00+00', 6), (2, 'samples', false, '2026-01-05 10:00:00+00', 8)",
    "INSERT INTO purchase (customer_id, product, amount, at) VALUES "
    "(2, 'Espresso', 12.5, '2026-01-04 10:00:00+00'), (1, 'Tea', 3, '2026-01-04 10:00:00+00')",
    "INSERT INTO feedback (customer_id, subject, rating, comment, at) VALUES "
    "(2, 'purchase:1', 2, NULL, '2026-01-04 11:00:00+00')",
    "INSERT INTO response_event (pseudonym, customer_id, message_kind, action, hour) VALUES "
    "('p2', 2, 'sample', 'accept', '2026-01-04 10:17:00+00'), ('p1', 1, 'sample', 'accept', '2026-01-04 10:00:00+00')",
    "INSERT INTO key_value (key, value) VALUES ('pseudonym_secret', 'legacy-key')",
]


def old_data(url: str) -> list[str]:
    if url.startswith("postgresql"):  # rows written with their ids: the sequence moves on, as it had
        return OLD_DATA + ["SELECT setval(pg_get_serial_sequence('consent_event', 'id'), 8)"]
    return OLD_DATA


async def _run(url: str, statements: list[str]) -> list:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            results = []
            for statement in statements:
                result = await conn.execute(text(statement))
                results.append(result.all() if result.returns_rows else None)
            return results
    finally:
        await engine.dispose()


async def _refused(url: str, statement: str) -> str:
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(statement))
    except Exception as exc:  # noqa: BLE001 - the database's refusal is what is tested
        return str(exc)
    finally:
        await engine.dispose()
    return "accepted"


async def test_upgrade_from_0001_with_data(empty_url):
    url = empty_url
    upgrade(url, "0001")
    await _run(url, old_data(url))
    upgrade(url, "head")
    ledger, words, purchases, feedback, responses, referrer = await _run(
        url,
        [
            "SELECT id, customer_id, method, text_id, wording, customer_wording_id FROM consent_event ORDER BY id",
            "SELECT id, customer_id, text, erased_at IS NOT NULL FROM customer_wording ORDER BY id",
            "SELECT customer_id, product FROM purchase ORDER BY customer_id",
            "SELECT count(*) FROM feedback",
            "SELECT customer_id, pseudonym FROM response_event ORDER BY pseudonym",
            "SELECT referrer_id FROM customer WHERE id = 2",
        ],
    )
    # Every ledger row is still there with the same id, method and text id; only free text left.
    assert [tuple(r) for r in ledger] == [
        (1, 1, "button", "scope.samples.desc@v1", "Free samples: ...", None),
        (2, 1, "button", "scope.offers.desc@v1", "Offers: ...", None),
        (3, 1, "words", "words", None, 3),
        (4, 1, "command", "command./stop", None, 4),
        (5, 2, "button", "scope.birthday.desc@v1", "B: ...", None),
        (6, 2, "words", "words", None, 6),
        (7, 2, "button", "scope.samples.desc@v1", "S: ...", None),
        (8, 2, "command", "forget.confirm@v1", "Erase your personal data?", None),
    ]
    # The customer who already used /forget: their words erased at once; the other's kept.
    assert [tuple(r) for r in words] == [(3, 1, WORDS, False), (4, 1, "/stop", False), (6, 2, None, True)]
    assert [tuple(r) for r in purchases] == [(1, "Tea")] and feedback == [(0,)]
    assert [tuple(r) for r in responses] == [(1, "p1"), (None, "p2")]
    assert referrer == [(None,)]
    # The guard is back on, and on PostgreSQL TRUNCATE is refused too.
    assert "append-only" in await _refused(url, "UPDATE consent_event SET wording = 'x'")
    assert "append-only" in await _refused(url, "DELETE FROM consent_event")
    if url.startswith("postgresql"):
        assert "append-only" in await _refused(url, "TRUNCATE consent_event CASCADE")
    # New free text gets ids of its own after the moved rows (the sequence moved on).
    from bot.consent.ledger import record_consent
    from storage.models import Customer
    from storage.queries import consent_history

    engine = create_engine(url)
    try:
        sessions = session_factory(engine)
        async with sessions() as session, session.begin():
            customer = await session.get(Customer, 1)
            await record_consent(session, customer=customer, scope="samples", grant=True, method="button")
            event = await record_consent(
                session, customer=customer, scope="samples", grant=False, method="words", wording="stop again"
            )
        assert event.wording is None and event.customer_wording_id not in (3, 4, 6)
        async with sessions() as session:
            assert len(await consent_history(session, customer_id=1)) == 6
    finally:
        await engine.dispose()


async def test_downgrade_puts_the_words_back(empty_url):
    from alembic import command

    url = empty_url
    upgrade(url, "0001")
    await _run(url, old_data(url))
    upgrade(url, "head")
    in_thread_downgrade = alembic_config(url)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(command.downgrade, in_thread_downgrade, "0001").result()
    rows = (await _run(url, ["SELECT id, wording FROM consent_event WHERE id IN (3, 4, 6) ORDER BY id"]))[0]
    assert [tuple(r) for r in rows] == [(3, WORDS), (4, "/stop"), (6, None)]
    assert "append-only" in await _refused(url, "UPDATE consent_event SET wording = 'x'")
    upgrade(url, "head")  # and up again
