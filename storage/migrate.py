"""Apply Alembic migrations programmatically (`python -m bot migrate`).

Alembic logs a dozen INFO lines on every run (its plugins, the SQLite context, each step), which
the bot's INFO logging would print on every start. Its logger is kept at WARNING unless someone
configured it; `upgrade` logs one line of its own when it really applied migrations."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

INI = Path(__file__).resolve().parent / "alembic.ini"
log = logging.getLogger(__name__)


def alembic_config(database_url: str):
    """The Alembic Config (alembic.config.Config) of this project for `database_url`."""
    quiet_alembic()  # before Alembic is imported: it logs its plugins at import
    from alembic.config import Config

    cfg = Config(str(INI))
    cfg.set_main_option("script_location", str(INI.parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


def quiet_alembic() -> None:
    """Alembic's INFO lines out of the way (a level someone set on purpose is kept)."""
    logger = logging.getLogger("alembic")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)


def upgrade(database_url: str, revision: str = "head") -> list[str]:
    """Migrate to `revision`; returns the revisions applied, oldest first (empty: it was up to date).
    Alembic's env runs its own event loop, so from inside a running loop (a test, the shell) it is
    run in a worker thread."""
    cfg = alembic_config(database_url)
    from alembic import command

    applied: list[str] = []
    cfg.attributes["applied"] = applied  # filled by migrations/env.py
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        command.upgrade(cfg, revision)
    else:
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(command.upgrade, cfg, revision).result()
    if applied:
        log.info("database migrated to %s (%d step%s)", applied[-1], len(applied), "" if len(applied) == 1 else "s")
    return applied
