"""Alembic environment: async engines, target metadata = SQLModel.metadata."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from storage.db import create_engine

config = context.config
target_metadata = SQLModel.metadata


def _applied(*, step, **_kw) -> None:
    """Each revision applied, for storage.migrate.upgrade's one line (instead of Alembic's INFO lines)."""
    if step.is_upgrade:
        config.attributes.setdefault("applied", []).append(step.up_revision_id)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        on_version_apply=_applied,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    existing = config.attributes.get("connection")
    if existing is not None:
        _run(existing)
    else:
        asyncio.run(_run_async())
