"""The staff console as a staff member meets it, driven like Telegram (local Bot API), on SQLite
and PostgreSQL: typed text at a step answered with buttons is answered with a hint naming the
buttons to press (every such step of the campaign table, in every language); a launch whose
audience is 0 is asked once more; /help lists the commands of the staff member's role;
/customer says how to use it and shows no "@-" or raw True/False/None; staff members' own
chats are not customers in the figures (/stats, /report), the terminal chat's staff user
included."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from bot.consent.scopes import LANGUAGES
from bot.routers.staff.campaigns import CAMPAIGN_STEPS
from bot.routers.staff.help import staff_commands
from bot.staff_texts import staff_text
from bot.texts import format_text
from storage.models import Campaign, Customer, FsmRecord, Outbox
from tests.delivery.test_delivery import make_customer
from tests.staff.test_staff import MARKETER, OWNER, SUPPORT, staffed  # noqa: F401 - fixture


def plain(reply: dict) -> str:
    return reply.get("plain_text") or reply.get("text") or ""


def label(key: str, lang: str) -> str:
    return format_text(key, lang, {})


async def answer(h, user: int, text: str) -> str:
    replies = await h.say(user, text)
    assert replies, f"no reply to {text!r}"
    return plain(replies[-1])


def keyboard(message: dict) -> list[str]:
    return [b["text"] for row in (message.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


async def dialogue(h, staff) -> list[tuple[str | None, str | None]]:
    async with h.services.sessions() as session:
        rows = (await session.execute(select(FsmRecord).where(FsmRecord.key.contains(f":{staff}:{staff}:")))).scalars()
        return [(r.state, (r.data or {}).get("current")) for r in rows]


def last_with_buttons(h, user) -> dict:
    return next(m for m in reversed(h.api.sent(user)) if keyboard(m))


# How the walk below answers each step of CAMPAIGN_STEPS (a step added to the table without an
# answer here fails the walk, so it gets its hint checked too).
def _answers(lang: str) -> dict[str, tuple[str, str]]:
    return {
        "goal": ("press", "retention"),
        "name": ("say", "Spring"),
        "stages": ("press", label("console.campaign.next", lang)),
        "languages": ("press", label("console.campaign.next", lang)),
        "interests": ("press", label("console.campaign.next", lang)),
        "active_days": ("say", "0"),
        "min_purchases": ("say", "0"),
        "offer": ("say", "-"),
        "variant": ("say", "Hello"),
        # A second variant, then an A/B test first: the steps of the test are walked too.
        "variants": [
            ("press", label("console.campaign.add_variant", lang)),
            ("say", "Hello again"),
            ("press", label("console.campaign.ab_test", lang)),
        ],
        "ab_share": ("press", "20%"),
        "ab_criterion": ("press", label("console.campaign.ab_press", lang)),
        "ab_window": ("say", "3"),
        "ab_level": ("press", "5%"),
        "schedule": ("say", "now"),
        "budget": ("say", "0"),
        "target": ("say", "30"),
        "confirm": ("press", label("console.campaign.launch", lang)),  # audience 0: asked once more
        "confirm_empty": ("press", label("console.campaign.cancel", lang)),
    }


async def act(h, user, answer) -> None:
    """Answer a step: one (action, value), or several in turn."""
    for action, value in answer if isinstance(answer, list) else [answer]:
        await (h.say(user, value) if action == "say" else h.press(user, value))


# ---- typed text at a step answered with buttons ------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_text_at_every_button_step_names_the_buttons_to_press(staffed, lang):
    h = staffed
    h.user(MARKETER, name="Max", lang=lang)
    answers = _answers(lang)
    await h.say(MARKETER, "/campaign")
    checked = []
    for name, step in CAMPAIGN_STEPS.items():
        assert (await dialogue(h, MARKETER))[0][1] == name
        if step.values is not None:  # answered with buttons: typed text gets a hint, not silence
            before = await dialogue(h, MARKETER)
            shown = keyboard(last_with_buttons(h, MARKETER))
            to_press = shown[-1:] if step.toggles else shown  # ticked choices, then Next moves on
            for typed in ("hello", "Launch", "12"):
                hint = await answer(h, MARKETER, typed)
                for button in to_press:
                    assert button in hint, (name, lang, hint)
                assert "/cancel" in hint, hint
                assert await dialogue(h, MARKETER) == before, (name, typed)
            sticker = await h.send(MARKETER, "sticker")
            assert sticker and all(b in plain(sticker[-1]) for b in to_press)
            checked.append(name)
        await act(h, MARKETER, answers[name])
    assert checked == [
        "goal",
        "stages",
        "languages",
        "interests",
        "variants",
        "ab_share",
        "ab_criterion",
        "ab_level",
        "confirm",
        "confirm_empty",
    ]
    assert plain(h.api.sent(MARKETER)[-1]) == staff_text("console.campaign.cancelled", lang)
    async with h.services.sessions() as session:
        assert (await session.execute(select(Campaign))).first() is None


def test_every_staff_dialogue_state_takes_text_or_gives_a_hint():
    """Every state of a staff dialogue (any StatesGroup of the staff routers) is a step of the
    campaign table that either takes typed text or has a hint: none answers with silence."""
    import inspect

    from aiogram.fsm.state import StatesGroup

    from bot.routers.staff import GROUPS

    groups = {
        obj
        for module in GROUPS
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, StatesGroup) and obj is not StatesGroup
    }
    states = {state.state for group in groups for state in group.__all_states__}
    stepped = {step.state.state for step in CAMPAIGN_STEPS.values()}
    assert states and states <= stepped, sorted(states - stepped)
    for step in CAMPAIGN_STEPS.values():
        assert (step.typed is None) != (step.hint is None), step.name  # typed, or buttons with a hint


async def test_the_english_hints_read_as_a_sentence(staffed):
    h = staffed
    await h.say(MARKETER, "/campaign")
    assert await answer(h, MARKETER, "retention please") == (
        "Choose the goal with a button above: “acquisition”, “development”, “retention”, “winback”. "
        "/cancel leaves the campaign."
    )
    await h.press(MARKETER, "retention")
    await h.say(MARKETER, "Spring")
    assert await answer(h, MARKETER, "friend") == (
        "Tick the choices with the buttons above, then press “Next ▶”. /cancel leaves the campaign."
    )


# ---- a launch whose audience is 0 --------------------------------------------------------------


async def to_summary(h, staff, *, stages=()) -> str:
    await h.say(staff, "/campaign")
    await h.press(staff, "retention")
    await h.say(staff, "Spring")
    for stage in stages:
        await h.press(staff, f"☐ {stage}")
    for _ in range(3):
        await h.press(staff, "Next")
    for text in ("0", "0", "-", "New teas are in"):
        await h.say(staff, text)
    await h.press(staff, "Variants done")
    for text in ("now", "0"):
        await h.say(staff, text)
    return await answer(h, staff, "30")


async def campaigns(h) -> list[tuple[str, int]]:
    async with h.services.sessions() as session:
        rows = (await session.execute(select(Campaign).order_by(Campaign.id))).scalars()
        queued = (await session.execute(select(Outbox).where(Outbox.kind == "campaign"))).scalars()
        return [(c.name, c.id) for c in rows], len(list(queued))


async def test_a_launch_to_nobody_is_asked_once_more(staffed):
    h = staffed
    await make_customer(h, 1, ["samples"])  # no offers permission: not in any campaign's audience
    summary = await to_summary(h, MARKETER)
    assert "Audience after consent filtering: 0" in summary
    question = (await h.press(MARKETER, "Launch"))[-1]
    assert plain(question).startswith("The audience is 0: no customer with the offers permission matches")
    assert keyboard(question) == ["🚀 Launch anyway", "Cancel"]
    assert await campaigns(h) == ([], 0)  # nothing launched yet
    # The question survives a restart (the dialogue is stored), and Cancel launches nothing.
    await h.restart()
    await h.press(MARKETER, "Cancel")
    assert plain(h.api.sent(MARKETER)[-1]) == "Campaign cancelled; nothing was sent."
    assert await campaigns(h) == ([], 0)
    # Asked again, "Launch anyway" launches it, with nobody to send to.
    await to_summary(h, MARKETER)
    await h.press(MARKETER, "Launch")
    await h.press(MARKETER, "Launch anyway")
    assert plain(h.api.sent(MARKETER)[-1]).startswith("Campaign #1 launched: 0 messages queued")
    assert await campaigns(h) == ([("Spring", 1)], 0)
    assert await dialogue(h, MARKETER) in ([], [(None, None)])


async def test_the_audience_is_counted_again_when_launch_is_pressed(staffed):
    h = staffed
    await make_customer(h, 1, ["offers"])
    assert "Audience after consent filtering: 1" in await to_summary(h, MARKETER)
    await h.say(1, "/stop")  # the only recipient withdraws before Launch is pressed
    assert plain((await h.press(MARKETER, "Launch"))[-1]).startswith("The audience is 0")
    assert await campaigns(h) == ([], 0)
    # With someone in the audience, Launch launches at once, as before.
    await make_customer(h, 2, ["offers"])
    await to_summary(h, MARKETER)
    await h.press(MARKETER, "🚀 Launch")
    assert "1 message queued" in plain(h.api.sent(MARKETER)[-1])
    assert await campaigns(h) == ([("Spring", 1)], 1)


async def test_the_empty_audience_question_in_every_language(staffed):
    h = staffed
    for lang in LANGUAGES:
        h.user(MARKETER, name="Max", lang=lang)
        await h.say(MARKETER, "/campaign")
        answers = _answers(lang)
        for name in list(CAMPAIGN_STEPS)[:-2]:
            await act(h, MARKETER, answers[name])
        question = (await h.press(MARKETER, label("console.campaign.launch", lang)))[-1]
        assert plain(question) == staff_text("console.campaign.empty_audience", lang)
        assert "0" in plain(question)
        assert keyboard(question) == [
            label("console.campaign.launch_anyway", lang),
            label("console.campaign.cancel", lang),
        ]
        await h.say(MARKETER, "/cancel")
    assert await campaigns(h) == ([], 0)


# ---- /help for staff ---------------------------------------------------------------------------

OWNER_ONLY = {"staff", "audit", "export"}
MARKETING = {"campaign", "campaigns", "report", "sample_new", "sample_close", "categories", "perk"}
EVERY_ROLE = {"customer", "purchase", "samples", "requests", "stats"}


def help_commands(text: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"^/(\w+)", text, re.M)]


async def test_help_lists_the_commands_of_the_role_each_described(staffed):
    h = staffed
    listed = {}
    for staff, role in ((OWNER, "owner"), (MARKETER, "marketer"), (SUPPORT, "support")):
        text = await answer(h, staff, "/help")
        assert text.startswith(f"Your commands (role {role}):"), text
        commands = help_commands(text.split("\n\n")[0])
        listed[role] = set(commands)
        assert len(commands) == len(set(commands))
        for line in text.split("\n\n")[0].splitlines()[1:]:
            assert " — " in line, f"{role}: {line!r} has no description"
        assert "/preferences" in text.split("\n\n")[-1]  # the customer commands, as for anyone
    assert listed["owner"] >= OWNER_ONLY | MARKETING | EVERY_ROLE | {"fulfil"}
    assert listed["marketer"] >= MARKETING | EVERY_ROLE and not (OWNER_ONLY | {"fulfil"}) & listed["marketer"]
    assert listed["support"] >= EVERY_ROLE | {"fulfil"} and not (OWNER_ONLY | MARKETING) & listed["support"]
    # What the help lists is what the role may run, and nothing else.
    for staff, role in ((MARKETER, "marketer"), (SUPPORT, "support")):
        for command, _ in staff_commands():
            reply = await answer(h, staff, f"/{command}")
            denied = "cannot use this command" in reply
            assert denied == (command not in listed[role]), (role, command, reply)
            await h.say(staff, "/cancel")


async def test_help_in_the_staff_members_language(staffed):
    h = staffed
    for lang in LANGUAGES:
        h.user(SUPPORT, name="Sue", lang=lang)
        text = await answer(h, SUPPORT, "/help")
        assert text.startswith(html.unescape(staff_text("console.help.title", lang, role="support")))
        assert html.unescape(staff_text("console.help.as_customer", lang)) in text
        assert html.unescape(staff_text("console.help.fulfil", lang)) in text and "/campaign" not in text
    h.user(1, name="Ann")
    assert "/campaign" not in await answer(h, 1, "/help")  # a customer gets the customer help


def test_every_staff_command_has_a_help_line_in_every_language():
    from bot.texts import bundle, message_id

    # Commands declared outside bot/routers/staff/ are staff commands too (/limits: bot/routers/pause.py).
    assert {"limits", "sequence", "gift", "webhook", "apikey"} <= {name for name, _ in staff_commands()}
    missing = [
        f"{lang}: console-help-{name}"
        for name, _ in staff_commands()
        for lang in LANGUAGES
        if not bundle(lang).has_message(message_id(f"console.help.{name}"))
    ]
    assert missing == [], "add these one-line descriptions to bot/locales/<lang>/staff.ftl"


# ---- /customer ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_customer_without_an_argument_says_how(staffed, lang):
    h = staffed
    h.user(SUPPORT, name="Sue", lang=lang)
    text = await answer(h, SUPPORT, "/customer")
    assert text == html.unescape(staff_text("console.customer.usage", lang))
    assert "/customer <customer id | @username>" in text


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_customer_shows_words_not_raw_values(staffed, lang):
    h = staffed
    h.user(OWNER, name="Olga", lang=lang)
    await make_customer(h, 1, ["offers"], name="Ann")  # no username
    await make_customer(h, 2, ["offers"], username="bob")
    async with h.services.sessions() as session, session.begin():
        (await session.get(Customer, 2)).reachable = False  # blocked the bot
    one = await answer(h, OWNER, "/customer 1")
    two = await answer(h, OWNER, "/customer @bob")
    for text in (one, two):
        assert "@-" not in text and not re.search(r"\b(True|False|None)\b", text), text
    assert one.splitlines()[0] == staff_text("console.customer.title", lang, id=1) + " Ann"
    assert "@bob" in two.splitlines()[0]
    yes, no = (staff_text(f"console.customer.reachable_{w}", lang) for w in ("yes", "no"))
    state_line = staff_text(
        "console.customer.state", lang, language="en", stage="@", reachable="#", purchases=0, last_seen="!"
    )
    before_reachable = state_line.split("#")[0].split("@")[-1]
    assert f"{before_reachable}{yes}" in one.splitlines()[1], one
    assert f"{before_reachable}{no}" in two.splitlines()[1], two


# ---- staff are not customers in the figures ----------------------------------------------------


def funnel(text: str) -> dict[str, tuple[int, int]]:
    """{stage label: (now, ever)} of /stats, whatever the labels' language."""
    return {m.group(1): (int(m.group(2)), int(m.group(3))) for m in re.finditer(r"^(.+): (\d+) / (\d+)$", text, re.M)}


def scopes(text: str) -> dict[str, int]:
    return {
        m.group(1): int(m.group(2))
        for m in re.finditer(r"^(birthday|samples|feedback|offers|tracking): (\d+)$", text, re.M)
    }


async def test_staff_chats_are_not_customers_in_the_figures(staffed):
    h = staffed
    # The owner (ADMIN_IDS) and a marketer (staff table) try the customer dialogue themselves.
    for staff in (OWNER, MARKETER):
        await make_customer(h, staff, ["offers", "samples"])
    await make_customer(h, 1, ["offers"])
    stats = await answer(h, SUPPORT, "/stats")
    stages = funnel(stats)
    assert sum(now for now, _ in stages.values()) == 1, stats  # customer 1 only
    assert sorted(stages.values())[-1] == (1, 1), stats  # one friend now, one ever reached
    assert scopes(stats) == {"birthday": 0, "samples": 0, "feedback": 0, "offers": 1, "tracking": 0}
    assert "This week: 1 opt-in, 0 withdrawals" in stats
    report = await answer(h, OWNER, "/report")
    assert funnel(report) == stages and scopes(report) == scopes(stats)
    # A staff member removed from staff is a customer again in the figures.
    await h.say(OWNER, f"/staff remove {MARKETER}")
    assert sum(now for now, _ in funnel(await answer(h, OWNER, "/stats")).values()) == 2


async def test_the_terminal_chats_staff_user_is_not_a_customer(settings_factory, tmp_path):
    """`python -m bot shell` without ADMIN_IDS: its local staff user (id 1) chats with the bot as
    a customer would, and /stats counts only the real customer of the chat."""
    from bot.shell import Chat, Options

    chat = Chat(settings_factory(), Options(staff=True, downloads=tmp_path))
    assert await chat.start()
    try:
        for line in ("/start", "/stats", "/as customer", "/start", "/as staff", "/stats", "/customer"):
            assert await chat.handle(line) is not False
    finally:
        await chat.stop()
    assert chat.staff_id == 1
    replies = [plain(m) for m in chat.api.sent(chat.staff_id) if m.get("text")]
    first, second = (funnel(text) for text in replies if "Lifecycle funnel" in text)
    assert sum(now for now, _ in first.values()) == 0, first  # the staff user's own chat: not counted
    assert sum(now for now, _ in second.values()) == 1, second  # the customer of the chat
    assert replies[-1].startswith("Usage: /customer")
