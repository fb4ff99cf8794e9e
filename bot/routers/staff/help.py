"""Staff /help: the commands this staff member's role may use, one line each.

The list is read from the staff handlers themselves (their `Command` and `Roles` filters), so a
new command appears in the help with the roles it really allows; its one-line description is
the staff text `console-help-<command>` (tests/staff/test_staff_console.py fails for a command
without one in every language).
"""

from __future__ import annotations

from functools import cache

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.routers import Routes
from bot.routers.staff.common import Roles
from bot.staff_texts import Html, st

routes = Routes()


@cache
def staff_commands() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(command, roles allowed) of every staff command, in the order the groups try them; an
    alias (/fulfill for /fulfil) is left out, the first name of a command is the one shown."""
    from bot.routers.staff import GROUPS  # the groups import this module's siblings, not this one

    found: dict[str, tuple[str, ...]] = {}
    for group in GROUPS:
        for event, action, args, _ in group.routes._steps:
            if event != "message" or action != "register":
                continue
            commands = [f for f in args[1:] if isinstance(f, Command)]
            roles = [f for f in args[1:] if isinstance(f, Roles)]
            if not commands or not roles:
                continue  # not a command (dialogue steps), or one any staff member may use (/cancel)
            name = commands[0].commands[0]
            if isinstance(name, str) and name not in found:
                found[name] = tuple(roles[0].roles)
    return tuple(found.items())


def commands_for(role: str) -> list[str]:
    return [name for name, roles in staff_commands() if role in roles]


def describe(name: str) -> Html:
    """The command's line of the help; a command nobody described yet is still listed."""
    try:
        return st(f"console.help.{name}")
    except KeyError:
        return Html(f"/{name}")


@routes.message(Command("help"))
async def staff_help(message: Message, role: str) -> None:
    """/help for staff: their role's commands with what each does, then the customer commands."""
    lines = [f"<b>{st('console.help.title', role=role)}</b>"]
    lines += [describe(name) for name in commands_for(role)]
    lines += ["", st("console.help.as_customer")]
    await message.answer(Html("\n".join(lines)))


def build_router() -> Router:
    """A new Router with this module's handlers (bot/routers/staff/__init__.py includes it)."""
    return routes.build(name=__name__)
