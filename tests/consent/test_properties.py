"""Properties over many generated cases (hypothesis), where a table of examples would miss one:

- the ledger and the derived state: any history of grants and withdrawals, through the real
  record_consent / withdraw_all, leaves every scope state equal to the last ledger row of its scope;
- birthdays: the real birthday job, run every hour around a birthday, enqueues each customer
  exactly once, on their birthday in their own zone (DST changes, UTC+14 and UTC-11, 29 February);
- quiet hours across midnight and DST: postponed exactly while local time is in the window, and
  until the first instant it is over.

The example counts are small enough for the file to run in well under a minute; with CI=true the
examples are derandomized (the same every run) and nothing is stored in .hypothesis/.
"""

from __future__ import annotations

import asyncio
import calendar
import os
import shutil
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st
from sqlalchemy import delete, select

from bot.consent.ledger import record_consent, withdraw_all
from bot.consent.policy import Recipient, decide, in_quiet_hours
from bot.consent.scopes import SCOPES
from bot.delivery import jobs
from bot.delivery.audience import greeting_date
from storage.db import create_engine, session_factory
from storage.models import ConsentEvent, Customer, Outbox, ScopeState
from storage.queries import get_or_create_customer, scopes_from_ledger
from tests.conftest import in_thread

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def fixed(max_examples: int):
    more = {"derandomize": True, "database": None} if CI else {}
    return settings(
        max_examples=max_examples,
        deadline=None,
        **more,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


class Db:
    """One database and one event loop for all the examples of a test (a fresh customer each)."""

    def __init__(self, url: str) -> None:
        self.runner = asyncio.Runner()
        self.engine = self.runner.run(self._engine(url))
        self.sessions = session_factory(self.engine)
        self.next_id = 1000

    @staticmethod
    async def _engine(url):
        return create_engine(url)

    def run(self, coro):
        return self.runner.run(coro)

    def new_ids(self, n: int) -> list[int]:
        self.next_id += n
        return list(range(self.next_id - n, self.next_id))

    def close(self) -> None:
        self.runner.run(self.engine.dispose())
        self.runner.close()


@pytest.fixture(params=["sqlite", "postgresql"], scope="module")
def db(request, tmp_path_factory):
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("prop") / "bot.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = f"sqlite:///{path}"
    else:
        from tests.conftest import _truncate_pg

        url = request.getfixturevalue("pg_migrated")
        in_thread(lambda: _truncate_pg(url))
    database = Db(url)
    yield database
    database.close()


# ---- the ledger and the derived state -----------------------------------------------------------

# One step: grant or withdraw one scope, or withdraw everything (as /stop or a 403 does).
step = st.one_of(st.tuples(st.sampled_from(SCOPES), st.booleans()), st.just(("*", False)))
# Steps grouped into transactions (several in one, as the consent buttons' update does).
history = st.lists(st.lists(step, min_size=1, max_size=4), min_size=1, max_size=8)


@fixed(60)
@given(history=history)
def test_scope_state_is_always_the_last_ledger_row(db, history):
    (customer_id,) = db.new_ids(1)

    async def play():
        expected: dict[str, bool] = {}
        for transaction in history:
            async with db.sessions() as session, session.begin():
                customer, _ = await get_or_create_customer(
                    session, user_id=customer_id, first_name="P", username=None, language="pl"
                )
                for scope, grant in transaction:
                    if scope == "*":
                        withdrawn = await withdraw_all(session, customer=customer, method="command")
                        assert sorted(withdrawn) == sorted(s for s, on in expected.items() if on)
                        expected = {s: False for s in expected}
                        continue
                    event = await record_consent(session, customer=customer, scope=scope, grant=grant, method="button")
                    # A row only when the decision changes; nothing to withdraw that was never granted.
                    assert (event is not None) == (expected.get(scope, False) != grant)
                    if event is not None:
                        expected[scope] = grant
        async with db.sessions() as session:
            ledger = list(
                (
                    await session.execute(
                        select(ConsentEvent).where(ConsentEvent.customer_id == customer_id).order_by(ConsentEvent.id)
                    )
                ).scalars()
            )
            states = {
                s.scope: s
                for s in (
                    await session.execute(select(ScopeState).where(ScopeState.customer_id == customer_id))
                ).scalars()
            }
            customer = await session.get(Customer, customer_id)
            replayed = await scopes_from_ledger(session, customer_id=customer_id)
        last = {}
        for row in ledger:
            # Append-only and never repetitive: each row changes its scope's decision.
            assert row.action == ("withdraw" if last.get(row.scope, (None, "withdraw"))[1] == "grant" else "grant")
            last[row.scope] = (row, row.action)
        assert set(states) == set(last)
        for scope, state in states.items():
            row = last[scope][0]
            assert (state.granted, state.event_id, state.since) == (row.action == "grant", row.id, row.at)
        granted = {s for s, state in states.items() if state.granted}
        assert granted == replayed == {s for s, on in expected.items() if on}
        # The stage follows: never granted -> stranger; something granted -> friend; all withdrawn -> former.
        assert customer.stage == ("stranger" if not ledger else "friend" if granted else "former")

    db.run(play())


# ---- birthdays across time zones and DST ---------------------------------------------------------

ZONES = [
    "Europe/Kyiv",
    "Europe/Warsaw",
    "America/New_York",
    "America/St_Johns",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kathmandu",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Etc/GMT+12",
    "America/Santiago",
    "Europe/London",
    None,
]
# Birthdays on and around the DST changes of these zones, the year's ends and 29 February.
DAYS = [
    (2, 29),
    (2, 28),
    (3, 1),
    (3, 8),
    (3, 14),
    (3, 28),
    (3, 29),
    (4, 5),
    (4, 6),
    (9, 27),
    (10, 4),
    (10, 25),
    (10, 31),
    (11, 1),
    (11, 7),
    (12, 31),
    (1, 1),
]


async def _birthday_customers(db: Db, people: list[tuple[int, tuple[int, int], str | None]]) -> None:
    async with db.sessions() as session, session.begin():
        for customer_id, (month, day), tz in people:
            customer, _ = await get_or_create_customer(
                session, user_id=customer_id, first_name="B", username=None, language="en"
            )
            customer.birthday_month, customer.birthday_day, customer.timezone = month, day, tz
            await record_consent(session, customer=customer, scope="birthday", grant=True, method="button")


@fixed(20)
@given(
    year=st.sampled_from([2027, 2028]),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    default_tz=st.sampled_from(["Europe/Kyiv", "America/New_York", "Pacific/Kiritimati"]),
    people=st.lists(st.tuples(st.sampled_from(DAYS), st.sampled_from(ZONES)), min_size=1, max_size=3),
)
@example(
    year=2028,
    hour=0,
    minute=0,
    default_tz="Europe/Kyiv",
    people=[((2, 29), "Pacific/Kiritimati"), ((2, 29), "Pacific/Pago_Pago"), ((2, 28), "Etc/GMT+12")],
)
@example(
    year=2027,
    hour=9,
    minute=30,
    default_tz="Europe/Kyiv",
    people=[((2, 29), "Pacific/Kiritimati"), ((2, 29), "Pacific/Pago_Pago"), ((3, 1), None)],
)
@example(
    year=2027, hour=0, minute=0, default_tz="Europe/Kyiv", people=[((12, 31), "Europe/Kyiv"), ((1, 1), "Europe/Kyiv")]
)
@example(
    year=2027,
    hour=2,
    minute=15,
    default_tz="America/New_York",
    people=[
        ((3, 14), "America/New_York"),
        ((11, 7), "America/New_York"),
        ((3, 28), "Europe/Warsaw"),
        ((10, 31), "Europe/Kyiv"),
        ((4, 4), "Australia/Sydney"),
    ],
)
def test_birthday_job_greets_each_customer_once_on_their_local_birthday(db, year, hour, minute, default_tz, people):
    ids = db.new_ids(len(people))
    people = [(cid, day, tz) for cid, (day, tz) in zip(ids, people)]
    services = SimpleNamespace(
        sessions=db.sessions,
        settings=SimpleNamespace(birthday_perk=None, birthday_hour=hour, default_timezone=default_tz),
    )
    # The job runs every hour (at `minute` past) around each birthday: from 15 hours before its
    # UTC midnight (UTC+14 is already there) to 37 hours after (UTC-12 is still there).
    birthdays = {cid: greeting_date(m, d, year) for cid, (m, d), _ in people}
    runs = set()
    for birthday in birthdays.values():
        midnight = datetime.combine(birthday, datetime.min.time(), timezone.utc)
        runs |= {midnight + timedelta(hours=h, minutes=minute) for h in range(-16, 38)}
    runs = sorted(runs)

    async def play():
        await _birthday_customers(db, people)
        previous = jobs._services
        jobs.bind(services)
        first_enqueued: dict[tuple[int, str], datetime] = {}
        try:
            for at in runs:
                if await jobs.birthdays(at.isoformat()):
                    for key in await _outbox_keys(db, ids):
                        first_enqueued.setdefault(key, at)
            async with db.sessions() as session:
                rows = list((await session.execute(select(Outbox).where(Outbox.customer_id.in_(ids)))).scalars())
        finally:
            jobs.bind(previous)
            async with db.sessions() as session, session.begin():
                await session.execute(delete(Outbox).where(Outbox.customer_id.in_(ids)))
        return rows, first_enqueued

    rows, first = db.run(play())
    per_customer: dict[int, list[Outbox]] = {}
    for row in rows:
        per_customer.setdefault(row.customer_id, []).append(row)
    for cid, (month, day), tz_name in people:
        tz = ZoneInfo(tz_name or default_tz)
        # The runs around another customer's birthday can reach this customer's birthday of the
        # year before (31 December beside 1 January): one greeting per customer and year.
        by_year: dict[int, list[Outbox]] = {}
        for row in per_customer.get(cid, []):
            by_year.setdefault(int(row.idem_key.rsplit(":", 1)[1]), []).append(row)
        assert birthdays[cid].year in by_year, (cid, month, day, tz_name, per_customer.get(cid))
        for greeted_year, greetings in by_year.items():
            birthday = greeting_date(month, day, greeted_year)
            # Exactly one greeting per birthday...
            assert len(greetings) == 1, (cid, month, day, tz_name, greetings)
            # ... on the local birthday, at the configured local hour (or the first instant after it
            # when that hour does not exist on a spring-forward day), found by the first run after it.
            due = datetime(birthday.year, birthday.month, birthday.day, hour, tzinfo=tz).astimezone(timezone.utc)
            assert greetings[0].not_before == due
            enqueued = first[(cid, greetings[0].idem_key)]
            assert enqueued.astimezone(tz).date() == birthday
            if greeted_year == birthdays[cid].year:  # a birthday the runs cover from its start
                assert due <= enqueued < due + timedelta(hours=1)
        birthday = birthdays[cid]
        if (month, day) == (2, 29):
            assert birthday == (date(year, 2, 29) if calendar.isleap(year) else date(year, 2, 28))


async def _outbox_keys(db: Db, ids: list[int]) -> list[tuple[int, str]]:
    async with db.sessions() as session:
        return [
            (cid, key)
            for cid, key in await session.execute(
                select(Outbox.customer_id, Outbox.idem_key).where(Outbox.customer_id.in_(ids))
            )
        ]


# ---- quiet hours across midnight and DST ------------------------------------------------------------

QUIET_ZONES = [
    "Europe/Warsaw",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/St_Johns",
    "Asia/Tokyo",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "America/Santiago",
]
# Instants around the DST changes of 2027 (and any other instant of the year).
DST_INSTANTS = [
    datetime(2027, 3, 14, 7, tzinfo=timezone.utc),
    datetime(2027, 11, 7, 6, tzinfo=timezone.utc),
    datetime(2027, 3, 28, 1, tzinfo=timezone.utc),
    datetime(2027, 10, 31, 1, tzinfo=timezone.utc),
    datetime(2027, 4, 3, 15, tzinfo=timezone.utc),
    datetime(2027, 10, 2, 16, tzinfo=timezone.utc),
    datetime(2027, 4, 3, 14, tzinfo=timezone.utc),
    datetime(2027, 9, 25, 14, tzinfo=timezone.utc),
    datetime(2027, 3, 14, 5, 30, tzinfo=timezone.utc),
    datetime(2027, 4, 4, 3, tzinfo=timezone.utc),
]
instants = st.one_of(
    st.builds(
        lambda base, minutes: base + timedelta(minutes=minutes),
        st.sampled_from(DST_INSTANTS),
        st.integers(-36 * 60, 36 * 60),
    ),
    st.datetimes(min_value=datetime(2027, 1, 1), max_value=datetime(2027, 12, 31)).map(
        lambda d: d.replace(tzinfo=timezone.utc)
    ),
)


def local_minutes(instant: datetime, tz: ZoneInfo) -> int:
    local = instant.astimezone(tz)
    return local.hour * 60 + local.minute


@fixed(400)
@given(
    now=instants,
    tz_name=st.sampled_from(QUIET_ZONES),
    start=st.integers(0, 24 * 60 - 1),
    end=st.integers(0, 24 * 60 - 1),
)
@example(now=datetime(2027, 3, 28, 0, 45, tzinfo=timezone.utc), tz_name="Europe/Warsaw", start=22 * 60, end=2 * 60 + 30)
@example(
    now=datetime(2027, 10, 31, 0, 30, tzinfo=timezone.utc), tz_name="Europe/Warsaw", start=23 * 60, end=2 * 60 + 30
)
def test_quiet_hours_postpone_exactly_while_quiet(now, tz_name, start, end):
    tz = ZoneInfo(tz_name)
    who = Recipient(scopes=frozenset(SCOPES), timezone=tz_name, quiet_start=start, quiet_end=end)
    decision = decide("sample", who, now, default_cap=3)
    quiet = in_quiet_hours(local_minutes(now, tz), start, end)
    if start == end or not quiet:
        assert decision.action == "send"
        return
    assert (decision.action, decision.reason) == ("postpone", "quiet_hours")
    until = decision.until
    assert until.tzinfo is timezone.utc and until > now
    # Never longer than a day (25 hours on the night the clocks go back).
    assert until - now <= timedelta(hours=25)
    # At `until` local time is the end of the quiet hours, or, when that wall time does not exist
    # (clocks moved forward over it), the first instant after the gap.
    local_end = until.astimezone(tz)
    naive_end = datetime.combine(local_end.date(), datetime.min.time()) + timedelta(minutes=end)
    exists = naive_end.replace(tzinfo=tz).astimezone(timezone.utc).astimezone(tz).replace(tzinfo=None) == naive_end
    if exists:
        assert local_minutes(until, tz) == end
        assert not in_quiet_hours(local_minutes(until, tz), start, end)
    # Quiet all the way: no whole minute between now and `until` outside the quiet hours, except
    # after a nonexistent end time (then local time jumps past `end` and the wait ends at once after).
    probe = now
    while probe < until - timedelta(minutes=1):
        probe = min(probe + timedelta(minutes=7), until - timedelta(minutes=1))
        assert in_quiet_hours(local_minutes(probe, tz), start, end) or not exists, probe
