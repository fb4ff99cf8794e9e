"""/stats, /report and /campaigns in the staff member's Telegram language, driven like Telegram:
the headings, the weekly counts (plural forms) and the numbers (decimal comma) come from the
staff catalogs; stage and scope names stay as they are; a language the bot does not speak gets
English."""

from __future__ import annotations

import re

import pytest
from babel import Locale

OWNER, MARKETER, GERMAN = 900, 901, 903


@pytest.fixture
async def staffed(harness):
    harness.settings = harness.settings.model_copy(update={"admin_ids": [OWNER]})
    await harness.restart()
    harness.user(OWNER, name="Olha", lang="uk")
    harness.user(MARKETER, name="Marek", lang="pl")
    harness.user(GERMAN, name="Greta", lang="de")
    await harness.say(OWNER, f"/staff add {MARKETER} marketer")
    await harness.say(OWNER, f"/staff add {GERMAN} marketer")
    return harness


def plain(reply: dict) -> str:
    return reply.get("plain_text") or reply.get("text") or ""


async def answer(h, user: int, text: str) -> str:
    replies = await h.say(user, text)
    assert replies, f"no reply to {text!r}"
    return plain(replies[-1])


async def test_stats_in_ukrainian_with_plural_forms_and_decimal_commas(staffed):
    text = await answer(staffed, OWNER, "/stats")
    assert text.startswith("Воронка життєвого циклу (зараз / будь-коли досягли)\nнезнайомець: ")
    assert "Клієнти за дозволами\nbirthday: " in text
    assert re.search(r"незнайомець → друг: \d+,\d%", text)
    week = re.search(r"Цього тижня: (\d+) (\S+), (\d+) (\S+)", text)
    assert week, text
    opt_ins = {"one": "згода", "few": "згоди", "many": "згод", "other": "згоди"}
    withdrawals = {"one": "відкликання", "few": "відкликання", "many": "відкликань", "other": "відкликання"}
    plural = Locale.parse("uk").plural_form
    assert week.group(2) == opt_ins[plural(int(week.group(1)))]
    assert week.group(4) == withdrawals[plural(int(week.group(3)))]
    assert "Lifecycle" not in text and "opt-in" not in text


async def test_campaigns_and_report_in_polish_and_english_for_other_languages(staffed):
    h = staffed
    assert await answer(h, MARKETER, "/campaigns") == "Nie ma jeszcze kampanii."
    assert await answer(h, GERMAN, "/campaigns") == "No campaigns yet."
    report = await answer(h, MARKETER, "/report")
    assert report.startswith("Lejek cyklu życia (teraz / kiedykolwiek osiągnęło)")
    assert report.endswith("Nie ma jeszcze kampanii.")
    assert (await answer(h, GERMAN, "/stats")).startswith("Lifecycle funnel (now / ever reached)")
