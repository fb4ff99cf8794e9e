"""Staff follow-ups, end to end on SQLite and PostgreSQL: /help lists every staff command of the
role wherever its handler is declared (/limits lives in bot/routers/pause.py), described in every
language; campaign figures (/campaigns, /report) leave out staff members' own chats, as /stats
does, while a staff member who allowed `offers` still gets the campaign; the campaign summary
says how many of its audience have paused messages at the send time (the sender drops theirs)."""

from __future__ import annotations

from datetime import timedelta

from aiogram import Router
from aiogram.filters import Command
from sqlalchemy import select

from bot import campaigns as camp, frequency
from bot.delivery.service import make_sender
from bot.routers.staff.common import Roles
from bot.routers.staff.help import describe, staff_commands
from bot.texts import t
from storage.models import Outbox
from storage.types import utcnow
from tests.delivery.test_delivery import make_customer
from tests.staff.test_staff import MARKETER, OWNER, SUPPORT, run_campaign_dialog, staffed  # noqa: F401 - fixture


def _dispatcher_staff_commands(router: Router) -> dict[str, tuple[str, ...]]:
    """Every command with a `Roles` filter in the running dispatcher's router tree, found
    independently of bot/routers/staff/help.py (aiogram's own handler objects)."""
    found: dict[str, tuple[str, ...]] = {}
    for handler in router.message.handlers:
        filters = [f.callback for f in handler.filters or ()]
        commands = [f for f in filters if isinstance(f, Command)]
        roles = [f for f in filters if isinstance(f, Roles)]
        if commands and roles:
            found.setdefault(commands[0].commands[0], tuple(roles[0].roles))
    for sub in router.sub_routers:
        for name, allowed in _dispatcher_staff_commands(sub).items():
            found.setdefault(name, allowed)
    return found


# ---- /help: every staff command, wherever it is declared ------------------------------------------


async def test_help_knows_every_staff_command_of_the_dispatcher(staffed):
    h = staffed
    running = _dispatcher_staff_commands(h.dp)
    assert {"limits", "sequence", "gift", "webhook", "apikey"} <= set(running)
    assert dict(staff_commands()) == running  # none outside bot/routers/staff/ is missed


async def test_help_describes_limits_for_the_roles_that_may_use_it(staffed):
    h = staffed
    for staff, may in ((OWNER, True), (MARKETER, True), (SUPPORT, False)):
        text = (await h.say(staff, "/help"))[-1]["text"]
        commands = text.split("\n\n")[0]
        assert (describe("limits") in commands) is may, (staff, text)
        assert ("\n/limits\n" in f"{commands}\n") is False  # never bare
    reply = (await h.say(MARKETER, "/limits"))[-1]["text"]
    assert "cannot use this command" not in reply
    assert "cannot use this command" in (await h.say(SUPPORT, "/limits"))[-1]["text"]


# ---- campaign figures: customers only ------------------------------------------------------------


async def test_campaign_figures_leave_out_staff_chats_who_still_get_it(staffed):
    h = staffed
    await make_customer(h, 1, ["offers"])
    await make_customer(h, 2, ["offers", "tracking"])
    # The owner (ADMIN_IDS) and a marketer (staff table) allowed offers in their own chats; the
    # owner's responses hold only a pseudonym (no tracking), the marketer's name the customer.
    await make_customer(h, OWNER, ["offers"], name="Olga")
    await make_customer(h, MARKETER, ["offers", "tracking"], name="Max")
    summary = await run_campaign_dialog(h, OWNER, goal="retention", variants=["New teas are in!"])
    assert "Audience after consent filtering: 4" in summary  # staff who allowed offers get it too
    await h.press(OWNER, "Launch")
    stats = await make_sender(h.services, h.bot, rate=None, per_chat=None).drain()
    assert stats.sent == 4
    for uid in (1, 2, OWNER, MARKETER):
        assert h.api.sent(uid)[-1]["text"].startswith("New teas are in"), uid
    for uid in (1, OWNER, MARKETER):
        await h.press(uid, t("birthday.thanks_button", "en"))
    await h.say(SUPPORT, "/purchase 1 Oolong")
    await h.say(SUPPORT, f"/purchase {OWNER} Oolong")
    await h.say(SUPPORT, f"/purchase {MARKETER} Oolong")
    expected = "A: queued 2, delivered 2, responded 1 (50.0%"
    campaigns = (await h.say(MARKETER, "/campaigns"))[-1]["text"]
    assert expected in campaigns and "converted 1;" in campaigns, campaigns
    assert "1; delivered 2, conversions 1" in campaigns  # the totals over all campaigns
    report = (await h.say(OWNER, "/report"))[-1]["text"]
    assert expected in report and "converted 1;" in report, report


# ---- the campaign summary and paused customers ---------------------------------------------------


async def test_campaign_summary_counts_paused_customers_as_the_sender_does(staffed):
    h = staffed
    for uid in (1, 2, 3):
        await make_customer(h, uid, ["offers"])
    now = utcnow()
    async with h.services.sessions() as session, session.begin():
        await frequency.start_pause(session, customer_id=2, days=7, method="command", now=now)
    summary = await run_campaign_dialog(h, MARKETER, goal="retention", variants=["New teas are in!"])
    assert "Audience after consent filtering: 3" in summary
    assert "Paused at the send time: 1 of them" in summary, summary
    await h.press(MARKETER, "Launch")
    await make_sender(h.services, h.bot, rate=None, per_chat=None).drain()
    async with h.services.sessions() as session:
        rows = {r.customer_id: r for r in (await session.execute(select(Outbox))).scalars()}
    assert {c: rows[c].status for c in (1, 2, 3)} == {1: "sent", 2: "dropped", 3: "sent"}
    assert rows[2].reason == "paused" and h.api.sent(2) == []
    # The count is taken at the send time: a campaign sent after the pause ends counts nobody.
    async with h.services.sessions() as session:
        assert await camp.audience_paused(session, {}, at=now + timedelta(days=1), now=now) == 1
        assert await camp.audience_paused(session, {}, at=now + timedelta(days=8), now=now) == 0
    # Nobody paused: no such line.
    async with h.services.sessions() as session, session.begin():
        await frequency.resume(session, customer_id=2, now=utcnow())
    summary = await run_campaign_dialog(h, MARKETER, goal="retention", variants=["More teas!"])
    assert "Audience after consent filtering: 3" in summary and "Paused" not in summary
