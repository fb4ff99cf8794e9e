"""GET /v1/health: whether the API answers and reaches the database (no key needed)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from bot.api.deps import Session
from bot.api.errors import errors

router = APIRouter(tags=["meta"])


class Health(BaseModel):
    status: str


@router.get("/health", response_model=Health, responses=errors(auth=False))
async def health(session: Session) -> Health:
    """The API answers and the database with it."""
    await session.execute(text("SELECT 1"))
    return Health(status="ok")
