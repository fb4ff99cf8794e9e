"""Staff /help: the commands this staff member's role may use, one line each.

The list is read from the staff handlers themselves (their `Command` and `Roles` filters), in
bot/routers/staff/ or in any other router module (bot/routers/pause.py declares /limits), so a
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


def _staff_routes() -> list[Routes]:
    """Every `Routes` that may hold staff commands: the staff groups in the order they are tried,
    then those of the other router modules (pause.py's staff /limits, for one)."""
    import importlib
    import pkgutil

    import bot.routers
    from bot.routers.staff import GROUPS  # the groups import this module's siblings, not this one

    found = [group.routes for group in GROUPS]
    for info in pkgutil.iter_modules(bot.routers.__path__, f"{bot.routers.__name__}."):
        module = importlib.import_module(info.name)
        found += [v for v in vars(module).values() if isinstance(v, Routes) and all(v is not f for f in found)]
    return found


@cache
def _staff_handlers() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(names, roles allowed) of every handler with a `Command` and a `Roles` filter, in order."""
    found = []
    for routes_ in _staff_routes():
        for event, action, args, _ in routes_._steps:
            if event != "message" or action != "register":
                continue
            commands = [f for f in args[1:] if isinstance(f, Command)]
            roles = [f for f in args[1:] if isinstance(f, Roles)]
            if commands and roles:  # else not a command (dialogue steps), or one any staff member may use (/cancel)
                names = tuple(n for n in commands[0].commands if isinstance(n, str))
                found.append((names, tuple(roles[0].roles)))
    return tuple(found)


@cache
def staff_commands() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(command, roles allowed) of every staff command, wherever its handler is declared, the
    staff groups' first; an alias (/fulfill for /fulfil) is left out, the first name of a command
    is the one shown."""
    found: dict[str, tuple[str, ...]] = {}
    for names, roles in _staff_handlers():
        if names and names[0] not in found:
            found[names[0]] = roles
    return tuple(found.items())


@cache
def staff_command_names() -> frozenset[str]:
    """Every name of every staff command, aliases included (common.py answers a role that may
    not use one, so it never falls through to the customer routers)."""
    return frozenset(name for names, _ in _staff_handlers() for name in names)


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
