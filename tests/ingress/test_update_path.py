"""The per-update path: one transaction under the chat lock, the dialogue read once, no
round trip that is not needed, and magic filters checked in the event loop."""

import asyncio
import threading
from datetime import timedelta

from aiogram import F
from aiogram.dispatcher.event.handler import FilterObject
from sqlalchemy import event, func, select

from bot.routers import InLoop
from bot.texts import t
from storage.models import ConsentEvent, Customer, ScopeState, StageChange
from storage.queries import LAST_SEEN_RESOLUTION, get_or_create_customer


async def test_magic_filters_run_in_the_event_loop_thread():
    """As bot/routers registers them (InLoop); aiogram alone would run them in a worker thread."""
    loop_thread = threading.get_ident()
    where = FilterObject(InLoop(F.func(lambda _: threading.get_ident())))
    text_is_x = FilterObject(InLoop(F.text == "x"))
    assert where.awaitable and text_is_x.awaitable
    assert await where.call("anything") == loop_thread
    assert await text_is_x.call(type("M", (), {"text": "x"})()) is True
    assert await text_is_x.call(type("M", (), {"text": "y"})()) is False


CHAT_LOCK = "SELECT pg_advisory_xact_lock("


def _count_statements(engine) -> list[str]:
    statements: list[str] = []
    event.listen(
        engine.sync_engine, "before_cursor_execute", lambda conn, cursor, statement, *rest: statements.append(statement)
    )
    return statements


def _customer_query(statement: str) -> bool:
    return "JOIN customer ON" in statement


def _chat_locks(statements: list[str], engine) -> tuple[int, int]:
    """(locks taken, locks expected): on PostgreSQL without Redis (replicas share only the
    database) the chat's advisory lock is each update's first statement; on SQLite none."""
    return sum(s.startswith(CHAT_LOCK) for s in statements), int(engine.dialect.name == "postgresql")


async def test_one_update_reads_dialogue_and_staff_role_with_the_customer(harness):
    harness.user(1, name="Ann")
    await harness.say(1, "/start")
    await harness.press(1, "Birthday greeting")
    await harness.press(1, "Done")  # now in the dialogue: "Yes, call me Ann" is asked
    statements = _count_statements(harness.services.engine)
    replies = await harness.press(1, "Yes, call me")
    taken, expected = _chat_locks(statements, harness.services.engine)
    assert taken == expected and statements[0].startswith(CHAT_LOCK) == bool(expected)
    statements = [s for s in statements if not s.startswith(CHAT_LOCK)]
    assert any("birthday" in r["text"].lower() for r in replies)  # the next step was asked
    fsm_reads = [
        s for s in statements if s.lstrip().startswith("SELECT") and "fsm_record" in s and not _customer_query(s)
    ]
    staff_reads = [s for s in statements if "FROM staff" in s]
    # The customer's query also brings their staff role and dialogue state: no other read of either.
    assert fsm_reads == [] and staff_reads == []
    assert sum(s.lstrip().startswith("SELECT") for s in statements) == 1


async def test_text_in_a_dialogue_step_reads_state_once(harness):
    harness.user(2, name="Bo")
    await harness.say(2, "/start")
    await harness.press(2, "Birthday greeting")
    await harness.press(2, "Done")
    await harness.press(2, "Yes, call me")
    statements = _count_statements(harness.services.engine)
    replies = await harness.say(2, "12 May 1990")
    taken, expected = _chat_locks(statements, harness.services.engine)
    assert taken == expected
    statements = [s for s in statements if not s.startswith(CHAT_LOCK)]
    assert "12" in replies[-1]["text"]  # the confirmation of the parsed date
    selects = [s for s in statements if s.lstrip().startswith("SELECT")]
    assert len(selects) == 1 and _customer_query(selects[0]) and "fsm_record" in selects[0]


async def test_same_button_pressed_twice_at_once_is_granted_once(harness):
    """Two updates of one chat at the same moment (two webhook requests): the second waits for
    the first to commit, so it sees the grant and writes nothing (no duplicate, no error)."""
    harness.user(3, name="Cy")
    await harness.say(3, "/start")
    first = await harness.api.press(3, "Free samples", queue=False)
    second = await harness.api.press(3, "Free samples", queue=False)

    async def via_webhook(update):
        answer = await harness.dp.feed_webhook_update(harness.bot, update)
        if answer is not None:  # what Telegram does with a method in the webhook answer
            await harness.bot(answer)

    await asyncio.gather(via_webhook(first), via_webhook(second))
    async with harness.services.sessions() as session:
        grants = (
            await session.execute(
                select(func.count())
                .select_from(ConsentEvent)
                .where(ConsentEvent.customer_id == 3, ConsentEvent.scope == "samples")
            )
        ).scalar_one()
        state = await session.get(ScopeState, (3, "samples"))
    assert grants == 1 and state.granted
    answers = sorted(a.get("text") for a in harness.api.answered_callbacks[-2:])
    assert answers == sorted(
        [t("scope.granted", "en", scope="Free samples"), t("scope.already_on", "en", scope="Free samples")]
    )


async def test_last_seen_is_written_at_its_resolution(sessions):
    async with sessions() as session, session.begin():
        customer, created = await get_or_create_customer(
            session, user_id=9, first_name="Di", username=None, language="en"
        )
        assert created
        customer.last_seen_at -= LAST_SEEN_RESOLUTION / 2
    recent = None
    async with sessions() as session, session.begin():
        customer, _ = await get_or_create_customer(session, user_id=9, first_name="Di", username=None, language="en")
        recent = customer.last_seen_at
        assert not session.is_modified(customer)  # seen a moment ago: nothing to write
        customer.last_seen_at -= LAST_SEEN_RESOLUTION
    async with sessions() as session, session.begin():
        customer, _ = await get_or_create_customer(session, user_id=9, first_name="Di", username=None, language="en")
        assert session.is_modified(customer) and customer.last_seen_at > recent
    async with sessions() as session:
        stored = await session.get(Customer, 9)
        assert stored.last_seen_at - recent > timedelta(minutes=1)


async def _redis_harness(api, settings_factory):
    from tests.harness import Harness, clean_redis_url

    url = await clean_redis_url()
    h = Harness.for_settings(api, settings_factory(redis_url=url))
    await h.start()
    return h


def _count_redis(storage) -> list[str]:
    """The Redis commands the storage's client sends from now on: single commands by name, a
    pipeline as PIPELINE(its commands)."""
    sent: list[str] = []
    redis = storage.redis
    original_command, original_pipeline = redis.execute_command, redis.pipeline

    async def command(*args, **kwargs):
        sent.append(str(args[0]).upper())
        return await original_command(*args, **kwargs)

    def pipeline(*args, **kwargs):
        pipe = original_pipeline(*args, **kwargs)
        original_execute = pipe.execute

        async def execute(*a, **k):
            sent.append("PIPELINE(" + " ".join(str(c[0][0]).upper() for c in pipe.command_stack) + ")")
            return await original_execute(*a, **k)

        pipe.execute = execute
        return pipe

    redis.execute_command, redis.pipeline = command, pipeline
    return sent


async def test_redis_dialogue_is_read_once_and_written_once_per_update(api, settings_factory):
    h = await _redis_harness(api, settings_factory)
    try:
        h.user(4, name="Dee")
        await h.say(4, "/start")
        await h.press(4, "Birthday greeting")
        await h.press(4, "Done")
        storage = h.dp.fsm.storage.primary
        sent = _count_redis(storage)
        # reads the step, saves the name, clears the step's data, moves the queue on, asks the birthday:
        # several reads and writes of the dialogue, one MGET and one pipeline (besides the chat lock)
        replies = await h.press(4, "Yes, call me")
        assert any("birthday" in r["text"].lower() for r in replies)
        dialogue = [c for c in sent if c not in ("SET", "EVALSHA", "EVAL")]  # SET NX and the release: the lock
        assert dialogue == ["MGET", "PIPELINE(SET SET)"], sent
        replies = await h.say(4, "12 May 1990")  # the dialogue step written above is what is read now
        assert "12" in replies[-1]["text"]
    finally:
        await h.stop()


async def test_a_failed_update_writes_no_dialogue_to_redis(api, settings_factory, monkeypatch):
    """Like the database, Redis keeps the dialogue as it was before an update that failed."""
    h = await _redis_harness(api, settings_factory)
    try:
        h.user(7, name="Gus")
        await h.say(7, "/start")
        await h.press(7, "Birthday greeting")
        storage = h.dp.fsm.storage.primary
        key = h.dp.fsm.get_context(h.bot, chat_id=7, user_id=7).key
        before = (await storage.get_state(key), await storage.get_data(key))
        from bot import flow

        async def broken_ask(*args, **kwargs):
            raise RuntimeError("step broke")

        monkeypatch.setattr(flow, "ask", broken_ask)
        replies = await h.press(7, "Done")  # the queue moves on, then the next step fails
        assert replies[-1]["text"] == t("error.internal", "en")
        assert (await storage.get_state(key), await storage.get_data(key)) == before
        monkeypatch.undo()
        replies = await h.press(7, "Done")  # the same press again works from the same step
        assert any(r.get("reply_markup") for r in replies)
    finally:
        await h.stop()


async def test_no_reply_leaves_before_the_commit(harness, monkeypatch):
    """The commit fails after the handler confirmed the grant: the customer must not see the
    confirmation (nor the ticked button), only that nothing was changed."""
    harness.user(5, name="Eve")
    await harness.say(5, "/start")
    edits, answers = (len(harness.api.calls_to(m)) for m in ("editMessageReplyMarkup", "answerCallbackQuery"))
    from sqlalchemy.ext.asyncio import AsyncSession

    real_commit = AsyncSession.commit

    async def failing_commit(self):
        raise OSError("the database went away at commit")

    monkeypatch.setattr(AsyncSession, "commit", failing_commit)
    sent = await harness.press(5, "Free samples")
    monkeypatch.setattr(AsyncSession, "commit", real_commit)
    assert [m["text"] for m in sent] == [t("error.internal", "en")]
    # Neither the "Free samples: on" toast nor the ticked button reached the customer.
    assert (len(harness.api.calls_to("editMessageReplyMarkup")), len(harness.api.calls_to("answerCallbackQuery"))) == (
        edits,
        answers,
    )
    async with harness.services.sessions() as session:
        assert (await session.get(ScopeState, (5, "samples"))) is None
    # The same press again, with a working database, grants and confirms.
    await harness.press(5, "Free samples")
    assert harness.last_alert() == t("scope.granted", "en", scope="Free samples")


async def test_replies_of_a_failed_update_are_dropped(harness, monkeypatch):
    """A handler that already answered and then fails: its earlier replies are not sent."""
    harness.user(6, name="Flo")
    await harness.say(6, "/start")
    await harness.press(6, "Birthday greeting")
    from bot import flow

    async def broken_ask(*args, **kwargs):
        raise RuntimeError("step broke")

    monkeypatch.setattr(flow, "ask", broken_ask)
    sent = await harness.press(6, "Done")  # answers, thanks for the permission, then asks the first step
    assert [m["text"] for m in sent] == [t("error.internal", "en")]


async def test_a_reply_waits_out_flood_control_once_and_a_failed_one_keeps_the_update(harness):
    harness.user(7, name="Gus")
    await harness.say(7, "/start")
    harness.api.storm_429(0.5, retry_after=1)  # Telegram's flood control for the next half second
    sent = await harness.say(7, "/preferences")
    assert len(sent) == 1 and t("prefs.title", "en") in sent[0]["text"]  # delivered after the wait
    await harness.say(7, "/start")
    await harness.press(7, "Free samples")
    harness.api.fail_next(1, status=500)
    sent = await harness.say(7, "/stop")  # the confirmation fails on Telegram's side...
    assert sent == []
    async with harness.services.sessions() as session:  # ...but the withdrawal is stored
        events = (
            (
                await session.execute(
                    select(ConsentEvent.action)
                    .where(ConsentEvent.customer_id == 7, ConsentEvent.scope == "samples")
                    .order_by(ConsentEvent.id)
                )
            )
            .scalars()
            .all()
        )
        assert events == ["grant", "withdraw"]
        assert (await session.get(Customer, 7)).stage == "former"


async def test_a_delivered_reply_carries_what_aiogram_would_send(harness):
    """Replies leave as JSON (bot/replies.py): the same message as aiogram's own form-encoded
    call, the bot's default parse mode included, and Bot API errors as aiogram's exceptions."""
    import pytest
    from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError, TelegramNetworkError
    from aiogram.methods import SendMessage
    from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

    from bot.replies import send_reply

    harness.user(8, name="Di")
    markup = InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text="Yes ✅", callback_data="c:1")]])
    method = SendMessage(chat_id=8, text="<b>Привіт</b>, Di &amp; co", reply_markup=markup, disable_notification=False)
    await harness.bot(method)
    await send_reply(harness.bot, method)
    by_aiogram, by_reply = harness.api.sent(8)[-2:]
    for key in ("text", "parse_mode", "reply_markup", "message"):
        assert by_reply[key] == by_aiogram[key] or key == "message", key
    for key in ("text", "entities", "reply_markup"):
        assert by_reply["message"].get(key) == by_aiogram["message"].get(key), key
    assert by_reply["parse_mode"] == "HTML" and by_reply["plain_text"] == "Привіт, Di & co"
    assert by_reply["message"]["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "c:1"

    harness.api.fail_next(1, 400)
    with pytest.raises(TelegramBadRequest):
        await send_reply(harness.bot, method)
    harness.api.block(8)
    with pytest.raises(TelegramForbiddenError):
        await send_reply(harness.bot, method)
    harness.api.unblock(8)
    await harness.api.stop()  # Telegram unreachable
    with pytest.raises(TelegramNetworkError):
        await send_reply(harness.bot, method)
    await harness.api.start()


async def test_first_contact_reads_staff_role_and_dialogue_with_the_customer_query(harness):
    """No customer row yet: the one query still brings the staff role and the dialogue state."""
    from storage.models import Staff

    async with harness.services.sessions() as session, session.begin():
        session.add(Staff(user_id=44, role="admin", added_by=None))  # staff added before they ever wrote
    harness.user(44, name="Eve")
    seen = _count_statements(harness.services.engine)
    replies = await harness.say(44, "/stats")
    selects = [s for s in seen if s.lstrip().startswith("SELECT") and not s.startswith(CHAT_LOCK)]
    assert _customer_query(selects[0]) and "staff" in selects[0] and "fsm_record" in selects[0]
    assert not [s for s in selects[1:] if "FROM staff" in s or "FROM fsm_record" in s]
    # answered as staff (the figures), not as a customer (the unknown-command reply)
    assert replies and replies[-1]["text"] != t("fallback.unknown_command", "en")
    seen.clear()
    harness.user(45, name="Fred")
    await harness.say(45, "/start")  # a customer's first contact: one read of customer, role and dialogue
    assert sum("staff" in s or "fsm_record" in s for s in seen if s.lstrip().startswith("SELECT")) == 1
    # the customer row and its first history row: one statement on PostgreSQL, two flushed rows on SQLite
    created = [s for s in seen if "INSERT INTO customer" in s or "INSERT INTO stage_change" in s]
    if harness.services.engine.dialect.name == "postgresql":
        assert len(created) == 1 and "INSERT INTO customer" in created[0] and "INSERT INTO stage_change" in created[0]
    else:
        assert len(created) == 2
    await harness.press(45, "Free samples")
    async with harness.services.sessions() as session:
        customer = await session.get(Customer, 45)
        history = (
            await session.execute(
                select(StageChange.to_stage, StageChange.reason)
                .where(StageChange.customer_id == 45)
                .order_by(StageChange.id)
            )
        ).all()
    assert (customer.first_name, customer.language, customer.stage) == ("Fred", "en", "friend")
    assert [tuple(row) for row in history] == [("stranger", "first_contact"), ("friend", "granted")]


async def test_a_consent_press_reads_scope_states_once_and_writes_the_ledger_with_its_state(harness):
    harness.user(46, name="Fay")
    await harness.say(46, "/start")
    statements = _count_statements(harness.services.engine)
    await harness.press(46, "Birthday greeting")
    selects = [s for s in statements if s.lstrip().startswith("SELECT")]
    state_reads = [s for s in selects if "scope_state" in s]
    ledger_writes = [s for s in statements if "INSERT INTO consent_event" in s]
    state_writes = [s for s in statements if "INSERT INTO scope_state" in s or "UPDATE scope_state" in s]
    # read once, with the customer, for the write and for the keyboard that shows them all again
    assert len(state_reads) == 1 and _customer_query(state_reads[0]) and len(ledger_writes) == 1
    stage_writes = [s for s in statements if "INSERT INTO stage_change" in s or "UPDATE customer" in s]
    if harness.services.engine.dialect.name == "postgresql":  # one statement writes both, twice
        assert state_writes == ledger_writes
        assert len(stage_writes) == 1 and "UPDATE customer" in stage_writes[0]  # the stage and its history
    else:
        assert len(state_writes) == 1 and state_writes != ledger_writes
        assert len(stage_writes) == 2
    assert not any("FROM referral" in s for s in statements)  # nobody referred them
    async with harness.services.sessions() as session:
        state = await session.get(ScopeState, (46, "birthday"))
        event_id = (await session.execute(select(ConsentEvent.id).where(ConsentEvent.customer_id == 46))).scalar_one()
    assert state.granted and state.event_id == event_id
    await harness.say(46, "please stop sending me birthday greetings")
    async with harness.services.sessions() as session:
        state = await session.get(ScopeState, (46, "birthday"))
        events = (
            await session.execute(
                select(ConsentEvent.id, ConsentEvent.action)
                .where(ConsentEvent.customer_id == 46)
                .order_by(ConsentEvent.id)
            )
        ).all()
        stage = (await session.get(Customer, 46)).stage
    assert [action for _, action in events] == ["grant", "withdraw"]
    assert not state.granted and state.event_id == events[-1][0] and stage == "former"
    async with harness.services.sessions() as session:
        history = (
            await session.execute(
                select(StageChange.from_stage, StageChange.to_stage, StageChange.reason)
                .where(StageChange.customer_id == 46)
                .order_by(StageChange.id)
            )
        ).all()
    assert [tuple(row) for row in history] == [
        (None, "stranger", "first_contact"),
        ("stranger", "friend", "granted"),
        ("friend", "former", "withdrew_all"),
    ]


async def test_the_pool_holds_as_many_connections_as_updates_in_flight(db_url):
    """A burst of updates (as many as the update middleware lets hold a connection) opens no
    connection once the pool is warm, and none is closed when they are returned; SQLite has no
    server to open connections to ahead of time."""
    from storage.db import POOL_SIZE, create_engine, warm_pool

    engine = create_engine(db_url)
    opened = []
    event.listen(engine.sync_engine, "connect", lambda *args: opened.append(1))
    try:
        await warm_pool(engine)
        if engine.dialect.name != "postgresql":
            assert opened == []
            return
        assert len(opened) == POOL_SIZE and engine.pool.checkedin() == POOL_SIZE
        release = asyncio.Event()

        async def update():
            async with engine.connect() as conn:
                await conn.exec_driver_sql("SELECT 1")
                await release.wait()

        burst = [asyncio.create_task(update()) for _ in range(POOL_SIZE)]
        await asyncio.sleep(0.2)
        assert engine.pool.checkedout() == POOL_SIZE
        release.set()
        await asyncio.gather(*burst)
        assert len(opened) == POOL_SIZE and engine.pool.checkedin() == POOL_SIZE
    finally:
        await engine.dispose()
