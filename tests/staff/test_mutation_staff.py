"""Staff role checks, exactly (kills mutants of role_of, IsStaff and Roles in bot/routers/staff/common.py):
ADMIN_IDS are owners, the stored role otherwise, nobody else is staff, and each command lets
only its roles through and tells the others which roles may."""

from types import SimpleNamespace

import pytest

from bot.routers.staff.common import IsStaff, Roles, role_of
from bot.staff_texts import st
from storage.models import Staff


class Msg:
    def __init__(self):
        self.answers = []

    async def answer(self, text, **_):
        self.answers.append(text)


async def add_staff(sessions, user_id, role):
    async with sessions() as session, session.begin():
        session.add(Staff(user_id=user_id, role=role))


SETTINGS = SimpleNamespace(admin_ids={7})


async def test_role_of(sessions):
    await add_staff(sessions, 10, "marketer")
    await add_staff(sessions, 7, "support")  # an ADMIN_IDS owner stays owner whatever is stored
    async with sessions() as session:
        assert await role_of(session, SETTINGS, 7) == "owner"
        assert await role_of(session, SETTINGS, 10) == "marketer"
        assert await role_of(session, SETTINGS, 11) is None
        assert await role_of(session, SimpleNamespace(admin_ids=set()), 7) == "support"


async def test_is_staff(sessions):
    await add_staff(sessions, 10, "support")
    is_staff = IsStaff()
    async with sessions() as session:
        assert await is_staff(object(), session, SETTINGS, SimpleNamespace(id=10)) == {"role": "support"}
        assert await is_staff(object(), session, SETTINGS, SimpleNamespace(id=7)) == {"role": "owner"}
        assert await is_staff(object(), session, SETTINGS, SimpleNamespace(id=11)) is False
        assert await is_staff(object(), session, SETTINGS, None) is False  # no user: a channel post, say
        assert await is_staff(object(), session, SETTINGS) is False


@pytest.mark.parametrize(
    "roles, role, allowed",
    [
        (("owner",), "owner", True),
        (("owner",), "marketer", False),
        (("owner", "marketer"), "marketer", True),
        (("owner", "marketer"), "support", False),
        (("owner", "marketer", "support"), "support", True),
    ],
)
async def test_roles(roles, role, allowed):
    message = Msg()
    assert await Roles(*roles)(message, role) is allowed
    if allowed:
        assert message.answers == []
    else:
        assert message.answers == [st("staff.role_denied", role=role, roles=", ".join(roles))]
        assert message.answers[0] == (f"Your role ({role}) cannot use this command; allowed: {', '.join(roles)}.")
