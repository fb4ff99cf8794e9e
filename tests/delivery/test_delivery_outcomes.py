"""Every outcome of a Bot API call ends in a defined outbox state, and one call's error never
strands the rest of its batch; the bot token never reaches a stored reason; a withdrawal after
the sender claimed a row and before it sends stops that message; the sender's per-chat clock
stays small however many chats it served."""

import asyncio
import logging
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from bot.app import make_bot
from bot.consent.ledger import record_consent
from bot.delivery import jobs
from bot.delivery.sender import RateLimiter
from bot.delivery.service import make_sender
from bot.delivery.supervision import RedactTokens, redact
from storage.models import Customer, Outbox
from tests.conftest import BOT_TOKEN
from tests.delivery.test_delivery import make_customer, outbox

UTC = timezone.utc
AT = datetime(2027, 5, 4, 12, 0, tzinfo=UTC)


async def birthdays_due(harness, n: int) -> None:
    """n customers with the birthday scope whose greeting is due at AT, queued in the outbox."""
    for uid in range(1, n + 1):
        await make_customer(harness, uid, ["birthday"], birthday_month=5, birthday_day=4)
    jobs.bind(harness.services)
    assert await jobs.birthdays(AT.isoformat()) == n


def sender_for(harness, bot=None, **options):
    options.setdefault("rate", None)
    options.setdefault("per_chat", None)
    return make_sender(harness.services, bot or harness.bot, clock=lambda: AT, **options)


def by_customer(rows) -> dict[int, Outbox]:
    return {row.customer_id: row for row in rows}


# ---- each answer of the Bot API: a defined row state, the rest of the batch sent -----------------


@pytest.mark.parametrize(
    "status, state, attempts, reason",
    [
        (400, "failed", 1, "bad_request: Bad Request"),  # Telegram refuses this message: never retried
        (401, "pending", 0, "bot refused: TelegramUnauthorizedError"),  # the token: every message waits
        (404, "pending", 0, "bot refused: TelegramNotFound"),  # not a Bot API there: every message waits
        (409, "pending", 1, "TelegramConflictError"),  # retried later, counted
        (429, "pending", 0, "retry_after"),  # Telegram asks to wait: not counted
        (500, "pending", 1, "TelegramServerError"),
        (502, "pending", 1, "TelegramServerError"),
    ],
)
async def test_each_answer_ends_in_a_defined_state_and_the_batch_goes_on(harness, status, state, attempts, reason):
    await birthdays_due(harness, 4)
    harness.api.fail_next(1, status=status)
    sender = sender_for(harness)
    sender.config_error_pause = 0.5
    stats = await sender.drain()  # nothing raises out of a wave
    rows = await outbox(harness)
    odd = [row for row in rows if row.status != "sent"]
    assert len(odd) == 1 and stats.sent == 3, [(r.customer_id, r.status, r.reason) for r in rows]
    row = odd[0]
    assert (row.status, row.attempts) == (state, attempts)
    assert row.reason.startswith(reason), row.reason
    if state == "pending":
        assert row.not_before > AT  # retried later, not at once
    assert {r.status for r in rows} <= {"sent", state}  # nothing left claimed or sending
    assert sum(len(harness.api.sent(uid)) for uid in range(1, 5)) == 3


async def test_a_403_blocks_and_the_batch_goes_on(harness):
    await birthdays_due(harness, 3)
    harness.api.block(2)
    stats = await sender_for(harness).drain()
    rows = by_customer(await outbox(harness))
    assert stats.sent == 2 and stats.blocked == 1
    assert rows[2].status == "failed" and rows[2].reason.startswith("blocked")
    assert rows[1].status == rows[3].status == "sent"


async def test_a_retried_row_is_sent_later_and_once(harness):
    await birthdays_due(harness, 2)
    harness.api.fail_next(1, status=404)
    sender = sender_for(harness)
    sender.config_error_pause = 0.5
    await sender.drain()
    later = AT + timedelta(minutes=5)
    await make_sender(harness.services, harness.bot, clock=lambda: later, rate=None, per_chat=None).drain()
    assert {r.status for r in await outbox(harness)} == {"sent"}
    assert [len(harness.api.sent(uid)) for uid in (1, 2)] == [1, 1]


# ---- answers that are not the Bot API's JSON: a proxy's HTML error page ---------------------------


@pytest.mark.parametrize(
    "status, state",
    [
        (502, "pending"),  # Bad Gateway: the request went no further: retried later
        (503, "pending"),  # Service Unavailable: the same
        (504, "uncertain"),  # Gateway Timeout: it may have reached Telegram: never resent
    ],
)
async def test_an_html_error_page_ends_in_a_defined_state(harness, status, state):
    await birthdays_due(harness, 3)
    harness.api.fail_next(1, status, body="html")
    stats = await sender_for(harness).drain()
    rows = await outbox(harness)
    odd = [row for row in rows if row.status != "sent"]
    assert stats.sent == 2 and len(odd) == 1, [(r.status, r.reason) for r in rows]
    assert odd[0].status == state and "ClientDecodeError" in odd[0].reason and f"<title>{status}" in odd[0].reason
    assert sum(len(harness.api.sent(uid)) for uid in range(1, 4)) == 2


async def test_html_pages_until_the_attempts_are_used_up_fail_with_the_reason(harness):
    await birthdays_due(harness, 1)
    harness.api.fail_next(10, 502, body="html")
    for minutes in (0, 10, 30):
        now = AT + timedelta(minutes=minutes)
        await make_sender(
            harness.services, harness.bot, clock=lambda now=now: now, rate=None, per_chat=None, max_attempts=3
        ).drain()
    row = (await outbox(harness))[0]
    assert (row.status, row.attempts) == ("failed", 3) and "502 Bad Gateway" in row.reason
    assert harness.api.sent(1) == []


# ---- the bot token never reaches outbox.reason (shown to staff) nor the log ----------------------


async def test_a_malformed_api_url_keeps_the_token_out_of_the_reason_and_the_log(harness, caplog):
    await birthdays_due(harness, 1)
    # A typo in TELEGRAM_API_URL: aiohttp's error text carries the whole URL, /bot<token>/ included.
    bad = make_bot(harness.settings.model_copy(update={"telegram_api_url": "http://127.0.0.1:99999"}), BOT_TOKEN)
    try:
        with caplog.at_level(logging.INFO):
            stats = await sender_for(harness, bad).drain()
    finally:
        await bad.session.close()
    row = (await outbox(harness))[0]
    secret = BOT_TOKEN.split(":", 1)[1]
    assert secret not in row.reason and "<token>" in row.reason, row.reason
    assert secret not in caplog.text
    # Nothing left this process: the row waits for the operator's fix, its attempts untouched.
    assert (row.status, row.attempts) == ("pending", 0) and stats.sent == 0


def test_log_records_never_show_a_token():
    token = "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX"
    assert redact(f"http://x/bot{token}/sendMessage") == "http://x/bot<token>/sendMessage"
    assert redact("at 12:30:45 nothing") == "at 12:30:45 nothing"
    try:
        raise RuntimeError(f"InvalidUrlClientError: http://host:99999/bot{token}/getUpdates")
    except RuntimeError as exc:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "failed: %s", (exc,), exc_info=(type(exc), exc, exc.__traceback__)
        )
    RedactTokens().filter(record)
    text = logging.Formatter().format(record)
    assert token not in text and text.count("<token>") == 2  # the message and the traceback


# ---- a withdrawal after the claim and before the send ---------------------------------------------


async def test_a_withdrawal_after_the_claim_and_before_the_send_stops_the_message(harness, monkeypatch):
    """The sender has claimed the row and judged it sendable; the customer sends /stop before
    the HTTP call. The check in the statement that marks the row `sending` sees the withdrawal."""
    await birthdays_due(harness, 2)
    sender = sender_for(harness)
    send_paced = sender._send_paced
    seen = []

    async def the_customer_withdraws_now(rows, customers):
        seen.append(sorted((row.customer_id, row.status) for row in rows))
        assert await harness.say(1, "/stop")  # handled and committed by the bot, as from Telegram
        await send_paced(rows, customers)

    monkeypatch.setattr(sender, "_send_paced", the_customer_withdraws_now)
    stats = await sender.drain()
    assert seen == [[(1, "claimed"), (2, "claimed")]]  # both were claimed and judged sendable
    rows = by_customer(await outbox(harness))
    assert (rows[1].status, rows[1].reason) == ("dropped", "scope_not_granted")
    assert rows[2].status == "sent" and stats.sent == 1 and stats.dropped == 1
    assert not any(text.startswith("Happy birthday") for text in harness.texts(1))
    assert len(harness.api.sent(2)) == 1


async def test_a_withdrawal_between_two_waves_stops_the_later_wave(harness, monkeypatch):
    """Rows are re-checked wave by wave, just before their calls: a withdrawal while the first
    wave is out stops the customer's message in a later wave; another scope's does not."""
    await birthdays_due(harness, 3)
    sender = sender_for(harness, wave_size=1)
    send_wave = sender._send_wave
    waves = []

    async def between_waves(wave, customers):
        waves.append([row.customer_id for row in wave])
        if len(waves) == 2:
            async with harness.services.sessions() as session, session.begin():
                for uid, scope in ((3, "birthday"), (2, "offers")):
                    customer = await session.get(Customer, uid)
                    await record_consent(
                        session, customer=customer, scope=scope, grant=scope == "offers", method="button"
                    )
        await send_wave(wave, customers)

    monkeypatch.setattr(sender, "_send_wave", between_waves)
    await sender.drain()
    assert waves == [[1], [2], [3]]
    rows = by_customer(await outbox(harness))
    assert [rows[uid].status for uid in (1, 2, 3)] == ["sent", "sent", "dropped"]
    assert harness.api.sent(3) == []


# ---- the sender's per-chat clock --------------------------------------------------------------------


async def test_the_per_chat_clock_forgets_chats_whose_slot_has_passed(monkeypatch):
    now = [1000.0]
    limiter = RateLimiter(None, 1.0, clock=lambda: now[0])
    for chat in range(10_000):  # 100 new chats a second for 100 seconds
        await limiter.acquire(chat)
        now[0] += 0.01
    assert len(limiter.chat_next) <= 256  # not one entry per chat ever sent to
    # A chat seen within the last second still waits its turn (1.02 s after its last slot).
    began = now[0]

    async def fake_sleep(seconds):
        now[0] += seconds

    monkeypatch.setattr("bot.delivery.sender.asyncio.sleep", fake_sleep)
    await limiter.acquire(9_990)  # its last slot was 0.1 s ago
    assert now[0] - began == pytest.approx(1.02 - 0.1, abs=0.011)


async def test_the_outbox_never_keeps_rows_claimed_or_sending_after_a_drain(harness):
    """Mixed answers in one wave (sent, 400, 500, 409, 403): afterwards every row is in a final
    or a waiting state, and the drain raised nothing."""
    await birthdays_due(harness, 6)
    harness.api.fail_next(1, status=400)
    harness.api.fail_next(1, status=500)
    harness.api.fail_next(1, status=409)
    harness.api.fail_next(1, status=403)
    await sender_for(harness).drain()
    async with harness.services.sessions() as session:
        statuses = sorted(status for (status,) in await session.execute(select(Outbox.status)))
    assert statuses == ["failed", "failed", "pending", "pending", "sent", "sent"]


async def test_a_batch_that_fails_gives_its_rows_back_at_once(harness, monkeypatch):
    """A wave fails before any call (here: its marking raises): the batch's rows go back to
    `pending` at once, none stays `claimed` (before: until a lease that a single process never
    applies to its own rows), and the next drain sends each once."""
    await birthdays_due(harness, 4)
    sender = sender_for(harness, wave_size=2)
    mark_sending = sender._mark_sending
    calls = []

    async def fails_once(wave):
        calls.append(len(wave))
        if len(calls) == 1:
            raise RuntimeError("the database said no")
        return await mark_sending(wave)

    monkeypatch.setattr(sender, "_mark_sending", fails_once)
    with pytest.raises(RuntimeError):
        await sender.drain()
    assert {r.status for r in await outbox(harness)} == {"pending"}
    await sender.drain()
    assert {r.status for r in await outbox(harness)} == {"sent"}
    assert [len(harness.api.sent(uid)) for uid in range(1, 5)] == [1, 1, 1, 1]


async def test_an_unreachable_shared_rate_limit_is_waited_out_not_hammered(harness, monkeypatch):
    """The worker's shared rate limit (Redis) does not answer: the rows stay pending, nothing
    is sent beyond the limit, and the sender waits between tries instead of claiming and giving
    back the same rows in a tight loop."""
    from bot.delivery.coordination import RedisRateLimiter

    await birthdays_due(harness, 2)
    sender = sender_for(harness)
    sender.limiter = RedisRateLimiter("redis://127.0.0.1:1", 28, 1, prefix="pmbot:test-down")
    claim = sender._claim
    claims = []

    async def counted(session, now):
        rows = await claim(session, now)
        claims.append(len(rows))
        return rows

    monkeypatch.setattr(sender, "_claim", counted)
    task = asyncio.create_task(sender.run_forever(idle=0.05))
    await asyncio.sleep(2.0)
    sender.stop()
    await asyncio.wait_for(task, 10)
    await sender.limiter.close()
    assert {r.status for r in await outbox(harness)} == {"pending"}
    assert harness.api.sent(1) == harness.api.sent(2) == []
    assert 1 <= sum(1 for n in claims if n) <= 5


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:99999", "http://[::1", "http://", "http://localhost:abc", "http://user@:80"]
)
def test_a_malformed_api_url_is_refused_at_start_in_one_line(url):
    from bot.config import ConfigError, load_settings

    with pytest.raises(ConfigError) as refused:
        load_settings(bot_token=BOT_TOKEN, telegram_api_url=url, _env_file=None)
    assert str(refused.value).startswith("configuration error: TELEGRAM_API_URL: ")
    assert "\n" not in str(refused.value) and BOT_TOKEN not in str(refused.value)


def test_an_uncaught_error_on_the_way_out_prints_no_token():
    """Once the runtime started, the traceback of an error that ends the process is redacted too."""
    import subprocess
    import sys

    token = "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX"
    code = (
        "import logging\nlogging.basicConfig()\n"
        "from bot.delivery.supervision import install_log_redaction, register_token\n"
        f"register_token({token!r})\ninstall_log_redaction()\n"
        f"logging.getLogger('x').error('calling %s', 'http://h/bot{token}/getMe')\n"
        f"raise RuntimeError('http://h:1/bot{token}/setMyCommands')\n"
    )
    from tests.operations.test_faults import ROOT

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1 and "RuntimeError: http://h:1/bot<token>/setMyCommands" in done.stderr
    assert "calling http://h/bot<token>/getMe" in done.stderr and token not in done.stderr
