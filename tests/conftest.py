"""Shared fixtures: a migrated database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set),
the local Bot API server, and the real bot polling it over HTTP."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from bot import aiogram_patches
from bot.config import load_settings
from storage.db import create_engine, session_factory

aiogram_patches.install()  # as `python -m bot` does, before any test module imports aiogram.types

PG_URL = os.environ.get("TEST_DATABASE_URL")
BOT_TOKEN = "123456:TEST-token"


def in_thread(coro_fn):
    """Run a coroutine to completion on a fresh loop in a worker thread (from sync fixtures)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro_fn()).result()


def pytest_report_header(config):
    return [f"databases: sqlite{' + ' + PG_URL if PG_URL else ' (set TEST_DATABASE_URL to add PostgreSQL)'}"]


# ---- CI=true: PostgreSQL and Redis are required, not optional ------------------------------------
# Locally a missing service skips its variants. In CI a skip would turn ~80 PostgreSQL variants
# and every Redis test green without running them, so there the run fails instead.

SERVICE_SKIP = re.compile(r"^(PostgreSQL|Redis)\b.*(not set|does not answer|not answering)")


def ci_strict(environ=os.environ) -> bool:
    return environ.get("CI", "").lower() in ("1", "true", "yes")


def ci_service_problems(environ=os.environ, timeout: float = 2.0) -> list[str]:
    """What keeps the PostgreSQL and Redis variants from running (empty: both answer a TCP connect)."""
    import socket
    from urllib.parse import urlsplit

    problems = []
    for name, var, port in (("PostgreSQL", "TEST_DATABASE_URL", 5432), ("Redis", "TEST_REDIS_URL", 6379)):
        url = environ.get(var)
        if not url:
            problems.append(f"{name}: {var} is not set")
            continue
        parts = urlsplit(url)
        try:
            socket.create_connection((parts.hostname or "127.0.0.1", parts.port or port), timeout=timeout).close()
        except OSError as exc:
            problems.append(f"{name}: {url} does not answer ({exc})")
    return problems


def pytest_sessionstart(session):
    if ci_strict() and session.config.getoption("collectonly", False) is False:
        problems = ci_service_problems()
        if problems:
            pytest.exit(
                "CI=true, and the PostgreSQL/Redis variants cannot run: "
                + "; ".join(problems)
                + " (.ci/run starts both and sets the URLs)",
                returncode=3,
            )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.skipped and ci_strict() and isinstance(report.longrepr, tuple):
        reason = str(report.longrepr[2]).removeprefix("Skipped: ")
        if SERVICE_SKIP.search(reason):
            report.outcome = "failed"
            report.longrepr = f"CI=true: a service the test needs is missing, which CI must not skip: {reason}"
    return report


# ---- Test tiers: `make test-fast` runs every test not marked `slow` ------------------------------
# Marked here, so a new test lands in the right tier by what it uses: the bot against the local
# Bot API (the `api` fixture, which `harness` builds on), a PostgreSQL variant, a Hypothesis run,
# a subprocess or a process kill (in the test or in a module-level helper it calls), or a long
# comparison run listed below. `@pytest.mark.slow` marks one by hand.

SLOW_FIXTURES = {"api"}
SLOW_BY_NAME = {  # module basename -> test functions (comparisons with dateparser: about a minute)
    "test_dates_fast": {
        "test_named_dates_equal_dateparser",
        "test_numeric_dates_equal_dateparser",
        "test_every_name_in_other_customer_languages",
        "test_variants_equal_dateparser",
    },
}
SPAWNS = re.compile(r"\b(subprocess|Popen|create_subprocess_\w+|sys\.executable|os\.kill|signal\.SIG\w+)\b")


def _spawns(item) -> bool:
    """Whether the test's source, or a module-level helper function it names, starts or kills a process."""
    import inspect

    try:
        source = inspect.getsource(item.function)
    except (OSError, TypeError):
        return False
    if SPAWNS.search(source):
        return True
    module = item.module
    cache = module.__dict__.setdefault("_tier_spawning_helpers", None)
    if cache is None:
        cache = set()
        for name, obj in vars(module).items():
            if inspect.isfunction(obj) and obj.__module__ == module.__name__ and not name.startswith("test_"):
                try:
                    if SPAWNS.search(inspect.getsource(obj)):
                        cache.add(name)
                except (OSError, TypeError):
                    pass
        module._tier_spawning_helpers = cache
    return any(re.search(rf"\b{re.escape(name)}\b", source) for name in cache)


def is_slow(item) -> bool:
    callspec = getattr(item, "callspec", None)
    return bool(
        item.get_closest_marker("slow")
        or SLOW_FIXTURES & set(getattr(item, "fixturenames", ()))
        or (callspec is not None and "postgresql" in callspec.params.values())
        or getattr(getattr(item, "function", None), "hypothesis", None) is not None
        or getattr(item, "function", None) is not None
        and item.function.__name__ in SLOW_BY_NAME.get(Path(str(item.path)).stem, ())
        or (getattr(item, "function", None) is not None and _spawns(item))
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    from storage.migrate import upgrade

    path = tmp_path_factory.mktemp("db") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_migrated() -> str:
    if not PG_URL:
        pytest.skip("PostgreSQL: TEST_DATABASE_URL is not set")
    from storage.migrate import upgrade

    async def reset():
        engine = create_engine(PG_URL)
        try:
            async with engine.begin() as conn:
                await conn.execute(text("DROP SCHEMA public CASCADE"))
                await conn.execute(text("CREATE SCHEMA public"))
        finally:
            await engine.dispose()

    try:
        in_thread(reset)
    except OSError as exc:
        pytest.skip(f"PostgreSQL at {PG_URL} does not answer: {exc}")
    upgrade(PG_URL)
    return PG_URL


async def _truncate_pg(url: str) -> None:
    from storage.models import Category
    from storage.seed import DEFAULT_CATEGORIES

    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            tables = (
                await conn.execute(
                    text("SELECT tablename FROM pg_tables WHERE schemaname='public' AND tablename <> 'alembic_version'")
                )
            ).scalars()
            # The ledger refuses TRUNCATE (a statement trigger); in the replica role ordinary
            # triggers do not fire, for this transaction only (SET LOCAL; needs a superuser).
            await conn.execute(text("SET LOCAL session_replication_role = replica"))
            await conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            await conn.execute(
                Category.__table__.insert(),
                [{"slug": s, "names": n, "active": True} for s, n in DEFAULT_CATEGORIES.items()],
            )
    finally:
        await engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "bot.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_migrated")
    await _truncate_pg(url)
    return url


@pytest.fixture
def settings_factory(db_url, monkeypatch, tmp_path):
    for name in list(os.environ):
        if name in (
            "BOT_TOKEN",
            "WEBHOOK_URL",
            "WEBHOOK_SECRET",
            "REDIS_URL",
            "ADMIN_IDS",
            "PSEUDONYM_SECRET",
            "PSEUDONYM_SECRET_FILE",
        ):
            monkeypatch.delenv(name)

    def make(**overrides):
        values = {
            "database_url": db_url,
            "bot_token": BOT_TOKEN,
            "nlu_url": "http://127.0.0.1:9",
            "nlu_timeout": 0.2,
            "_env_file": None,
            "pseudonym_secret_file": str(tmp_path / "pseudonym.key"),
        }
        values.update(overrides)
        return load_settings(**values)

    return make


@pytest.fixture
async def sessions(db_url):
    engine = create_engine(db_url)
    yield session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def api():
    from devtools.localapi import LocalBotAPI

    server = LocalBotAPI(BOT_TOKEN)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def harness(api, settings_factory):
    from tests.harness import Harness

    # The Rasa server is not running here: the bot's own keyword rules stand in, as in an outage.
    h = Harness.for_settings(api, settings_factory())
    await h.start()
    yield h
    await h.stop()
