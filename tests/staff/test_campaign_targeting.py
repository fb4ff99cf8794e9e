"""The /campaign dialogue keeps every choice of its segment, on every FSM storage, and the
launched campaign reaches exactly that segment.

The trap: a storage that hands out a shallow copy of the dialogue data lets the handler change
a nested list in place; the row's value then compares equal to the "new" one and is never
written, so ticking a second stage, language or interest unticks the first, and at launch an
empty segment sends the offer to everyone with `offers`.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.consent.ledger import record_consent
from storage.models import Campaign, Category, Customer, CustomerInterest, Outbox
from storage.queries import get_or_create_customer
from tests.harness import clean_redis_url

OWNER = 900

# id: (stage, language, interests, offers granted)
PEOPLE = {
    1: ("friend", "en", ["tea"], True),  # in
    2: ("customer", "uk", ["coffee"], True),  # in
    3: ("loyal", "en", ["tea"], True),  # another stage
    4: ("friend", "pl", ["tea"], True),  # another language
    5: ("customer", "en", ["books"], True),  # another interest
    6: ("friend", "en", ["tea"], False),  # no offers permission
    7: ("customer", "uk", ["tea", "books"], True),  # in
    8: ("friend", "en", [], True),  # no interest at all
}
SEGMENT = {1, 2, 7}


@pytest.fixture(params=["database", "redis", "redis-down", "memory"])
async def console(request, api, settings_factory, monkeypatch):
    """The bot with an owner, on the FSM storage of the parameter ("redis-down": the Redis
    storage while Redis is unreachable, its database fallback carrying the dialogue)."""
    overrides = {"admin_ids": [OWNER]}
    if request.param == "redis-down":
        overrides["redis_url"] = "redis://127.0.0.1:9/0"  # nothing listens there
    elif request.param == "redis":
        overrides["redis_url"] = await clean_redis_url()
    elif request.param == "memory":
        from aiogram.fsm.storage.memory import MemoryStorage

        import bot.app

        monkeypatch.setattr(bot.app, "make_storage", lambda settings, services: MemoryStorage())
    from tests.harness import Harness

    h = Harness.for_settings(api, settings_factory(**overrides))
    await h.start()
    if request.param.startswith("redis"):
        from storage.fsm import ResilientStorage

        assert isinstance(h.dp.fsm.storage, ResilientStorage)
    elif request.param == "database":
        from storage.fsm import SqlStorage

        assert isinstance(h.dp.fsm.storage, SqlStorage)
    h.user(OWNER, name="Olga")
    yield h
    await h.stop()


async def _people(h) -> dict[str, int]:
    async with h.services.sessions() as session, session.begin():
        slugs = {c.slug: c.id for c in (await session.execute(select(Category))).scalars()}
        for uid, (_stage, lang, interests, offers) in PEOPLE.items():
            h.user(uid, lang=lang, name=f"P{uid}")
            customer, _ = await get_or_create_customer(
                session, user_id=uid, first_name=f"P{uid}", username=None, language=lang
            )
            await record_consent(
                session, customer=customer, scope="offers" if offers else "samples", grant=True, method="button"
            )
            for slug in interests:
                session.add(CustomerInterest(customer_id=uid, category_id=slugs[slug]))
    async with h.services.sessions() as session, session.begin():
        for uid, (stage, *_rest) in PEOPLE.items():
            (await session.get(Customer, uid)).stage = stage
    return slugs


def _ticked(message: dict) -> set[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return {b["text"].removeprefix("✅ ") for row in rows for b in row if b["text"].startswith("✅")}


async def _tick(h, labels: list[str]) -> None:
    for n, label in enumerate(labels, 1):
        await h.press(OWNER, f"☐ {label}")
        keyboard = h.api.sent(OWNER)[-1]
        assert _ticked(keyboard) == set(labels[:n]), keyboard.get("reply_markup")


async def test_several_choices_per_criterion_are_kept_and_launched(console):
    h = console
    slugs = await _people(h)
    await h.say(OWNER, "/campaign")
    await h.press(OWNER, "development")
    await h.say(OWNER, "Autumn tea")
    await _tick(h, ["friend", "customer"])
    await h.press(OWNER, "Next")
    await _tick(h, ["en", "uk"])
    await h.press(OWNER, "Next")
    await _tick(h, ["coffee", "tea"])
    # A choice unticked again is gone, the others stay.
    await h.press(OWNER, "✅ coffee")
    assert _ticked(h.api.sent(OWNER)[-1]) == {"tea"}
    await h.press(OWNER, "☐ coffee")
    assert _ticked(h.api.sent(OWNER)[-1]) == {"tea", "coffee"}
    await h.press(OWNER, "Next")
    for answer in ("0", "0", "-", "Our autumn teas are in"):
        await h.say(OWNER, answer)
    await h.press(OWNER, "Variants done")
    for answer in ("now", "0"):
        await h.say(OWNER, answer)
    summary = (await h.say(OWNER, "30"))[-1]["text"]
    assert "segment: all" not in summary
    assert "stages: friend, customer" in summary and "languages: en, uk" in summary, summary
    assert "interests: coffee, tea" in summary, summary
    assert f"Audience after consent filtering: {len(SEGMENT)}" in summary, summary
    await h.press(OWNER, "Launch")
    assert f"{len(SEGMENT)} messages queued" in h.api.sent(OWNER)[-1]["text"]
    async with h.services.sessions() as session:
        campaign = (await session.execute(select(Campaign))).scalar_one()
        audience = {r.customer_id for r in (await session.execute(select(Outbox))).scalars()}
    assert audience == SEGMENT
    assert sorted(campaign.segment["stages"]) == ["customer", "friend"]
    assert sorted(campaign.segment["languages"]) == ["en", "uk"]
    assert sorted(campaign.segment["interests"]) == sorted([slugs["coffee"], slugs["tea"]])


async def test_dialogue_survives_a_restart_with_its_choices(console, request):
    """The choices are stored, not only held in the process: after a restart the next tick
    adds to them (memory storage forgets by design, so it is not asked to)."""
    h = console
    if h.settings.redis_url is None and type(h.dp.fsm.storage).__name__ == "MemoryStorage":
        pytest.skip("the memory storage keeps nothing across a restart (by design; not used by the bot)")
    await _people(h)
    await h.say(OWNER, "/campaign")
    await h.press(OWNER, "retention")
    await h.say(OWNER, "Win them")
    await _tick(h, ["friend", "customer"])
    await h.restart()
    await h.press(OWNER, "☐ loyal")
    assert _ticked(h.api.sent(OWNER)[-1]) == {"friend", "customer", "loyal"}


@pytest.mark.parametrize("kind", ["sql", "resilient-down"])
async def test_storage_writes_a_nested_value_changed_in_place(sessions, kind):
    """The storages themselves: data read, changed in place below the top level and stored
    again is what the next update reads (within an update, as the bot uses them)."""
    from aiogram.fsm.storage.base import StorageKey

    from storage.fsm import ResilientStorage, SqlStorage, current_session

    storage = SqlStorage(sessions)
    if kind == "resilient-down":
        from aiogram.fsm.storage.redis import RedisStorage
        from redis.asyncio import Redis

        dead = Redis.from_url("redis://127.0.0.1:9/0", socket_connect_timeout=0.2, socket_timeout=0.2)
        storage = ResilientStorage(RedisStorage(dead), storage)
    key = StorageKey(bot_id=1, chat_id=5, user_id=5)

    async def update(change=None):
        async with sessions() as session, session.begin():
            token = current_session.set(session)
            try:
                data = await storage.get_data(key)
                if change is not None:
                    change(data)
                    await storage.set_data(key, data)
                    if isinstance(storage, ResilientStorage):
                        await storage.write_pending()
                return data
            finally:
                current_session.reset(token)

    await update(lambda data: data.update(camp={"segment": {"stages": ["friend"]}}))
    await update(lambda data: data["camp"]["segment"]["stages"].append("customer"))
    await update(lambda data: data["camp"]["segment"].setdefault("languages", []).append("uk"))
    assert await update() == {"camp": {"segment": {"stages": ["friend", "customer"], "languages": ["uk"]}}}
    if kind == "resilient-down":
        await dead.aclose()
