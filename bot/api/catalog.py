"""The catalogue through the API: categories (the interests customers choose) and sample offers,
with the same effects as the staff commands (/categories, /sample_new, /sample_close)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.api.deps import Session, require_scope
from bot.api.errors import ApiError, errors
from bot.api.keys import ApiKeyUser
from bot.consent.scopes import LANGUAGES
from bot.delivery import jobs
from storage.db import savepoint
from storage.models import Category, SampleOffer
from storage.types import utcnow

router = APIRouter(tags=["catalogue"])

SLUG = r"^[a-z][a-z0-9_]{0,31}$"
Slug = Annotated[str, Path(pattern=SLUG, max_length=32, description="The category's slug, e.g. coffee")]
OfferId = Annotated[int, Path(ge=1, le=2**31 - 1)]
MAX_OFFER_DAYS = 365


def _names(value: dict[str, str] | None, *, complete: bool) -> dict[str, str] | None:
    if value is None:
        return None
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language(s) {', '.join(unknown)}; the bot speaks {', '.join(LANGUAGES)}")
    missing = [lang for lang in LANGUAGES if lang not in value]
    if complete and missing:
        raise ValueError(f"a name in every language is needed; missing: {', '.join(missing)}")
    cleaned = {}
    for lang, name in value.items():
        name = " ".join(name.split())
        if not name:
            raise ValueError(f"the {lang} name is blank")
        cleaned[lang] = name
    return cleaned


Name = Annotated[str, Field(min_length=1, max_length=64)]


class CategoryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    slug: str = Field(pattern=SLUG, max_length=32, description="Lower-case letters, digits and _; starts with a letter")
    names: dict[str, Name] = Field(description="The name in every language the bot speaks: en, uk, ru, pl")
    active: bool = True

    @field_validator("names")
    @classmethod
    def _all_languages(cls, value: dict[str, str]) -> dict[str, str]:
        return _names(value, complete=True)


class CategoryPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    names: dict[str, Name] | None = Field(default=None, description="Names to change, by language")
    active: bool | None = Field(default=None, description="false: customers no longer see the category")

    @field_validator("names")
    @classmethod
    def _known_languages(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        return _names(value, complete=False)


class CategoryOut(BaseModel):
    slug: str
    names: dict[str, str]
    active: bool


def _category_out(c: Category) -> CategoryOut:
    return CategoryOut(slug=c.slug, names=dict(c.names), active=c.active)


async def _category(session, slug: str) -> Category:
    row = (await session.execute(select(Category).where(Category.slug == slug))).scalar_one_or_none()
    if row is None:
        raise ApiError(404, "not_found", f"no category {slug!r}")
    return row


@router.get("/categories", response_model=list[CategoryOut], responses=errors())
async def list_categories(
    session: Session, key: Annotated[ApiKeyUser, require_scope("catalog:read")]
) -> list[CategoryOut]:
    """Every category, active or not."""
    rows = (await session.execute(select(Category).order_by(Category.id))).scalars()
    return [_category_out(c) for c in rows]


@router.post("/categories", status_code=201, response_model=CategoryOut, responses=errors(409))
async def create_category(
    body: CategoryIn, session: Session, key: Annotated[ApiKeyUser, require_scope("catalog:write")]
) -> CategoryOut:
    """A new category (interest); customers can choose it in /preferences while it is active."""
    if (await session.execute(select(Category.id).where(Category.slug == body.slug))).first() is not None:
        raise ApiError(409, "conflict", f"a category {body.slug!r} exists; change it with PATCH")
    row = Category(slug=body.slug, names=body.names, active=body.active)
    try:
        async with savepoint(session):
            session.add(row)
            await session.flush()
    except IntegrityError:
        raise ApiError(409, "conflict", f"a category {body.slug!r} exists; change it with PATCH") from None
    return _category_out(row)


@router.patch("/categories/{slug}", response_model=CategoryOut, responses=errors(404))
async def update_category(
    slug: Slug, body: CategoryPatch, session: Session, key: Annotated[ApiKeyUser, require_scope("catalog:write")]
) -> CategoryOut:
    """Rename a category in some languages, or switch it off (`active: false`) and on."""
    row = await _category(session, slug)
    if body.names:
        row.names = {**row.names, **body.names}
    if body.active is not None:
        row.active = body.active
    return _category_out(row)


# ---- sample offers ---------------------------------------------------------------------------------


class OfferIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    product: str = Field(min_length=1, max_length=128)
    category: str = Field(pattern=SLUG, max_length=32, description="The slug of an active category")
    stock: int = Field(ge=1, le=1_000_000, description="How many samples can be given")
    expires_at: AwareDatetime = Field(description=f"In the future, at most {MAX_OFFER_DAYS} days ahead")

    @field_validator("product")
    @classmethod
    def _product(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("must not be blank")
        return value


class OfferPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    product: str | None = Field(default=None, min_length=1, max_length=128)
    stock: int | None = Field(default=None, ge=1, le=1_000_000, description="Not below the samples already taken")
    expires_at: AwareDatetime | None = None

    _product = field_validator("product")(lambda cls, v: OfferIn._product(v) if v is not None else v)


class OfferOut(BaseModel):
    id: int
    product: str
    category: str
    stock: int
    allocated: int = Field(description="Samples customers have taken")
    expires_at: datetime
    status: Literal["open", "closed"]
    offered_to: int | None = Field(default=None, description="Customers the new offer was queued for (on create)")
    withdrawn: int | None = Field(default=None, description="Queued offers not sent because it closed (on close)")


def _check_expiry(at: datetime) -> None:
    now = utcnow()
    try:
        at = at.astimezone(timezone.utc)
    except OverflowError:
        raise ApiError(422, "invalid_request", "expires_at is out of range") from None
    if at <= now:
        raise ApiError(422, "invalid_request", "expires_at is in the past")
    if at > now + timedelta(days=MAX_OFFER_DAYS):
        raise ApiError(422, "invalid_request", f"expires_at is more than {MAX_OFFER_DAYS} days ahead")


async def _offer_out(session, offer: SampleOffer, **extra) -> OfferOut:
    category = await session.get(Category, offer.category_id)
    status = offer.status if offer.status in ("open", "closed") else "closed"
    return OfferOut(
        id=offer.id,
        product=offer.product,
        category=category.slug if category else "",
        stock=offer.stock,
        allocated=offer.allocated,
        expires_at=offer.expires_at,
        status=status,
        **extra,
    )


async def _offer(session, offer_id: int) -> SampleOffer:
    offer = await session.get(SampleOffer, offer_id, with_for_update=True)
    if offer is None:
        raise ApiError(404, "not_found", f"no sample offer {offer_id}")
    return offer


class OfferFilter(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt parameter is an error, not ignored
    status: Literal["open", "closed"] | None = Field(default=None, description="Only offers in this state")


@router.get("/offers", response_model=list[OfferOut], responses=errors())
async def list_offers(
    session: Session,
    key: Annotated[ApiKeyUser, require_scope("catalog:read")],
    params: Annotated[OfferFilter, Query()],
) -> list[OfferOut]:
    """The sample offers, newest first (at most 200)."""
    query = select(SampleOffer).order_by(SampleOffer.id.desc()).limit(200)
    if params.status is not None:
        query = query.where(SampleOffer.status == params.status)
    return [await _offer_out(session, o) for o in (await session.execute(query)).scalars()]


@router.post("/offers", status_code=201, response_model=OfferOut, responses=errors(404, 409))
async def create_offer(
    body: OfferIn, request: Request, session: Session, key: Annotated[ApiKeyUser, require_scope("catalog:write")]
) -> OfferOut:
    """A new sample offer, queued at once (like /sample_new) for every customer who allows
    samples and chose the category."""
    _check_expiry(body.expires_at)
    category = await _category(session, body.category)
    if not category.active:
        raise ApiError(409, "conflict", f"the category {category.slug!r} is switched off")
    offer = SampleOffer(product=body.product, category_id=category.id, stock=body.stock, expires_at=body.expires_at)
    session.add(offer)
    await session.flush()
    added = await jobs.enqueue_offer(session, offer)
    sender = request.app.state.services.extra.get("sender")
    if sender is not None:
        sender.wake_after(0.5)
    return await _offer_out(session, offer, offered_to=added)


@router.patch("/offers/{offer_id}", response_model=OfferOut, responses=errors(404, 409))
async def update_offer(
    offer_id: OfferId, body: OfferPatch, session: Session, key: Annotated[ApiKeyUser, require_scope("catalog:write")]
) -> OfferOut:
    """Change an open offer: the product's name, the stock (not below what was taken), the expiry."""
    offer = await _offer(session, offer_id)
    if offer.status != "open":
        raise ApiError(409, "conflict", f"sample offer {offer_id} is closed")
    if body.stock is not None and body.stock < offer.allocated:
        raise ApiError(
            409, "conflict", f"{offer.allocated} samples are already taken: the stock cannot be {body.stock}"
        )
    if body.expires_at is not None:
        _check_expiry(body.expires_at)
        offer.expires_at = body.expires_at
    if body.product is not None:
        offer.product = body.product
    if body.stock is not None:
        offer.stock = body.stock
    return await _offer_out(session, offer)


@router.post("/offers/{offer_id}/close", response_model=OfferOut, responses=errors(404))
async def close_offer(
    offer_id: OfferId, session: Session, key: Annotated[ApiKeyUser, require_scope("catalog:write")]
) -> OfferOut:
    """Close an offer (like /sample_close): queued offers not yet sent are withdrawn. Closing a
    closed offer changes nothing."""
    from bot.routers.staff.samples import cancel_queued_offers

    offer = await _offer(session, offer_id)
    withdrawn = 0
    if offer.status != "closed":
        offer.status = "closed"
        withdrawn = await cancel_queued_offers(session, offer.id)
    return await _offer_out(session, offer, withdrawn=withdrawn)
