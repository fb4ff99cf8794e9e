"""Staff texts in the staff member's Telegram language, driven like Telegram: a Ukrainian and a
Polish staff member get the console in their language (plural forms included), one whose
Telegram language the bot does not speak gets English, and hostile input stays escaped."""

from __future__ import annotations

import pytest

OWNER, MARKETER, GERMAN = 900, 901, 903


@pytest.fixture
async def staffed(harness):
    harness.settings = harness.settings.model_copy(update={"admin_ids": [OWNER]})
    await harness.restart()
    harness.user(OWNER, name="Olha", lang="uk")
    harness.user(MARKETER, name="Marek", lang="pl")
    harness.user(GERMAN, name="Greta", lang="de")
    return harness


def plain(reply: dict) -> str:
    return reply.get("plain_text") or reply.get("text") or ""


async def answer(h, user: int, text: str) -> str:
    replies = await h.say(user, text)
    assert replies, f"no reply to {text!r}"
    return plain(replies[-1])


async def test_staff_replies_in_their_telegram_language(staffed):
    h = staffed
    assert await answer(h, OWNER, f"/staff add {MARKETER} marketer") == f"Користувач {MARKETER} тепер marketer."
    assert await answer(h, OWNER, f"/staff add {GERMAN} support") == f"Користувач {GERMAN} тепер support."
    # Polish, with the usage line's <placeholders> shown as typed (escaped, not refused as tags).
    assert await answer(h, MARKETER, "/perk") == "Użycie: /perk <code> (kod prezentu urodzinowego) albo /perk off"
    assert await answer(h, MARKETER, "/sample_close 99") == "Nie znaleziono."
    # A language the bot does not speak: English.
    assert await answer(h, GERMAN, "/samples") == "No sample offers yet."
    assert (
        await answer(h, GERMAN, "/perk x") == "Your role (support) cannot use this command; allowed: owner, marketer."
    )


async def test_the_campaign_dialogue_in_ukrainian_with_plural_forms(staffed):
    h = staffed
    replies = await h.say(OWNER, "/campaign")
    assert plain(replies[-1]).startswith("Нова кампанія. Яка її мета?")
    await h.press(OWNER, "retention")
    assert plain(h.api.sent(OWNER)[-1]) == "Назва кампанії?"
    await h.say(OWNER, "Весна & <друзі>")
    assert plain(h.api.sent(OWNER)[-1]) == "Цільові етапи (жодного = усі):"
    for _ in range(3):
        await h.press(OWNER, "Далі ▶")
    for text in ("5", "2", "-", "Привіт"):
        await h.say(OWNER, text)
    assert plain(h.api.sent(OWNER)[-1]) == "1 варіант."
    await h.press(OWNER, "Додати варіант")
    await h.say(OWNER, "Привіт ще раз")
    assert plain(h.api.sent(OWNER)[-1]) == "2 варіанти."
    await h.press(OWNER, "Варіанти готові")
    for text in ("now", "0", "30"):
        await h.say(OWNER, text)
    summary = plain(h.api.sent(OWNER)[-1])
    assert summary.startswith("Весна & <друзі> (retention)\n")
    assert "активні за останні 5 днів; щонайменше 2 покупки" in summary
    assert "Аудиторія після фільтра дозволів: 0" in summary
    await h.press(OWNER, "🚀 Запустити")
    assert plain(h.api.sent(OWNER)[-1]).startswith("Аудиторія — 0:")  # asked once more
    await h.press(OWNER, "🚀 Все одно запустити")
    assert plain(h.api.sent(OWNER)[-1]).startswith("Кампанію #1 запущено: 0 повідомлень у черзі")
