"""The customer conversation end to end: updates in over the local Bot API, the real
aiogram pipeline and database, Bot API calls out."""

import json

import pytest
from sqlalchemy import func, select

from bot.texts import t
from storage.models import ConsentEvent, Customer, Referral, StageChange
from storage.queries import granted_scopes, interest_ids

ANN = 1001


def buttons(message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


async def ledger(harness, user_id=ANN):
    async with harness.services.sessions() as session:
        rows = await session.execute(
            select(ConsentEvent).where(ConsentEvent.customer_id == user_id).order_by(ConsentEvent.id)
        )
        return list(rows.scalars())


async def customer_row(harness, user_id=ANN) -> Customer:
    async with harness.services.sessions() as session:
        return await session.get(Customer, user_id)


async def scopes(harness, user_id=ANN) -> set[str]:
    async with harness.services.sessions() as session:
        return await granted_scopes(session, customer_id=user_id)


@pytest.mark.parametrize("lang", ["en", "uk", "ru", "pl"])
async def test_start_offers_each_scope_nothing_preselected(harness, lang):
    harness.user(ANN, lang=lang, name="Ann")
    replies = await harness.say(ANN, "/start")
    assert replies[0]["text"] == t("start.welcome", lang, name="Ann")
    permission = replies[-1]
    labels = buttons(permission)
    for scope in ("birthday", "samples", "feedback", "offers", "tracking"):
        assert "☐ " + t(f"scope.{scope}.button", lang) in labels
        assert t(f"scope.{scope}.desc", lang) in permission["text"]
    assert not any(label.startswith("✅") for label in labels)
    assert await ledger(harness) == []
    assert (await customer_row(harness)).stage == "stranger"


async def test_full_onboarding_survives_a_restart(harness):
    harness.user(ANN, lang="en", name="Ann")
    await harness.say(ANN, "/start")
    await harness.press(ANN, "Free samples")
    await harness.press(ANN, "Birthday greeting")
    events = await ledger(harness)
    assert [(e.scope, e.action, e.method) for e in events] == [
        ("samples", "grant", "button"),
        ("birthday", "grant", "button"),
    ]
    permission_msg = harness.api.sent(ANN)[1]
    assert all(e.message_id == permission_msg["message_id"] for e in events)
    assert events[0].wording == "Free samples: " + t("scope.samples.desc", "en")
    assert events[0].text_id == "scope.samples.desc@v1"
    assert (await customer_row(harness)).stage == "friend"

    replies = await harness.press(ANN, "Done")
    assert "May I call you Ann?" in replies[-1]["text"]
    await harness.press(ANN, "Yes, call me Ann")
    replies = harness.api.sent(ANN)
    assert replies[-1]["text"].startswith("When is your birthday?")
    replies = await harness.say(ANN, "12 травня 1990")
    assert replies[-1]["text"] == t("birthday.confirm", "en", date="12 May 1990")
    await harness.press(ANN, "Yes")
    assert t("interests.ask", "en") in harness.texts(ANN)[-1]
    await harness.press(ANN, "Coffee")
    await harness.press(ANN, "Done")
    assert harness.texts(ANN)[-1].startswith("Which time zone")
    await harness.press(ANN, "Kyiv")
    await harness.say(ANN, "22:30-07:00")
    assert harness.texts(ANN)[-1] == t("cap.ask", "en")
    await harness.press(ANN, "2 / week")
    assert t("prefs.title", "en") in harness.texts(ANN)[-1]

    await harness.restart()
    replies = await harness.say(ANN, "/preferences")
    summary = replies[-1]["text"]
    for expected in (
        "Name: Ann",
        "Birthday: 12 May 1990",
        "Interests: Coffee",
        "Time zone: Kyiv (Europe/Kyiv)",
        "Quiet hours: 22:30–07:00",
        "Messages per week at most: 2",
        "✅ Free samples",
        "✅ Birthday greeting",
        "— News and offers",
    ):
        assert expected in summary
    customer = await customer_row(harness)
    assert (customer.birthday_day, customer.birthday_month, customer.birthday_year) == (12, 5, 1990)


async def test_a_confirmed_step_turns_its_question_into_the_answer(harness):
    """Pressing "Yes" under the birthday question: the question keeps its text, gains the answer
    and loses its buttons (one edit), and the next step is asked; no separate "saved" message."""
    harness.user(ANN, lang="uk", name="Аня")
    await harness.say(ANN, "/start")
    await harness.press(ANN, t("scope.birthday.button", "uk"))
    await harness.press(ANN, t("btn.done", "uk"))
    await harness.press(ANN, "Аня")  # keep the Telegram name
    confirm = (await harness.say(ANN, "12 травня 1990"))[-1]
    assert confirm["text"] == t("birthday.confirm", "uk", date="12 травня 1990") and confirm["reply_markup"]
    asked = confirm["plain_text"]  # the record is the message itself: later edits change it
    edits = len(harness.api.calls_to("editMessageText"))
    replies = await harness.press(ANN, t("btn.yes", "uk"))
    saved = t("birthday.saved", "uk", date="12 травня 1990")
    question = next(m for m in harness.api.sent(ANN) if m["message_id"] == confirm["message_id"])
    assert question["plain_text"] == asked + "\n\n" + saved
    assert not question.get("reply_markup")
    assert len(harness.api.calls_to("editMessageText")) == edits + 1
    assert [r["text"] for r in replies] == [t("timezone.ask", "uk")]  # the next step, nothing else
    assert (await customer_row(harness)).birthday_month == 5


async def test_a_step_confirmed_under_a_message_telegram_no_longer_shows_is_answered_apart(harness):
    """A press under a message Telegram sends as inaccessible (too old): the answer comes as a
    message of its own, and the step is stored and moves on."""
    from bot.keyboards import StepCb

    harness.user(ANN, lang="pl", name="Ania")
    await harness.say(ANN, "/start")
    await harness.press(ANN, t("scope.birthday.button", "pl"))
    await harness.press(ANN, t("btn.done", "pl"))
    await harness.press(ANN, "Ania")
    await harness.say(ANN, "3 marca 1990")
    replies = await harness.press_data(ANN, 999_999, StepCb(step="birthday", value="yes").pack())
    assert [r["text"] for r in replies] == [t("birthday.saved", "pl", date="3 marca 1990"), t("timezone.ask", "pl")]
    assert (await customer_row(harness)).birthday_month == 3


async def test_granting_nothing_stays_polite(harness):
    harness.user(ANN, lang="pl")
    await harness.say(ANN, "/start")
    replies = await harness.press(ANN, t("btn.scopes_done", "pl"))
    assert replies[-1]["text"] == t("consent.none", "pl")
    assert await ledger(harness) == []


async def test_toggle_twice_and_same_button_twice(harness):
    harness.user(ANN)
    await harness.say(ANN, "/start")
    permission = harness.api.sent(ANN)[-1]
    await harness.press(ANN, "News and offers")
    # The same (stale) grant button pressed again: one ledger row, not two.
    await harness.press_data(ANN, permission["message_id"], "sc:on:offers:1:consent")
    assert [(e.scope, e.action) for e in await ledger(harness)] == [("offers", "grant")]
    assert harness.last_alert() == t("scope.already_on", "en", scope="News and offers")
    await harness.press(ANN, "News and offers")  # now shows ✅ and withdraws
    assert [(e.scope, e.action) for e in await ledger(harness)] == [("offers", "grant"), ("offers", "withdraw")]


async def test_stop_withdraws_everything_at_once(harness):
    harness.user(ANN, lang="uk")
    await harness.say(ANN, "/start")
    for scope in ("samples", "feedback"):
        await harness.press(ANN, t(f"scope.{scope}.button", "uk"))
    assert len(await scopes(harness)) == 2
    replies = await harness.say(ANN, "/stop")
    assert "/start" in replies[-1]["text"] and replies[-1]["text"].startswith(t("stop.done", "uk", scopes="")[:10])
    assert await scopes(harness) == set()
    withdrawals = [e for e in await ledger(harness) if e.action == "withdraw"]
    assert {e.scope for e in withdrawals} == {"samples", "feedback"}
    assert {e.method for e in withdrawals} == {"command"}
    assert (await customer_row(harness)).stage == "former"
    replies = await harness.say(ANN, "/stop")
    assert replies[-1]["text"] == t("stop.nothing", "uk")


async def test_per_scope_withdrawal_from_preferences(harness):
    harness.user(ANN)
    await harness.say(ANN, "/start")
    await harness.press(ANN, "Free samples")
    await harness.press(ANN, "Feedback requests")
    await harness.say(ANN, "/preferences")
    await harness.press(ANN, "Permissions")
    await harness.press(ANN, "✅ Free samples")
    assert await scopes(harness) == {"feedback"}


async def test_mydata_summary_and_json(harness):
    harness.user(ANN, name="Ann", username="ann_k")
    await harness.say(ANN, "/start")
    await harness.press(ANN, "Personal tracking")
    await _choose_interests(harness, ANN, "tea", "coffee", disable="tea")  # a disabled one is still theirs
    replies = await harness.say(ANN, "/mydata")
    assert replies[0]["text"].startswith(t("mydata.title", "en"))
    assert "Personal tracking" in replies[0]["text"]
    document = replies[-1]
    assert document["kind"] == "document" and document["file_name"].endswith(".json")
    record = json.loads(document["file_bytes"])
    assert record["customer_id"] == ANN and record["profile"]["telegram_username"] == "ann_k"
    assert record["scopes"]["tracking"] is True and record["scopes"]["offers"] is False
    assert [(e["scope"], e["action"]) for e in record["consent_history"]] == [("tracking", "grant")]
    assert [s["to"] for s in record["stage_history"]] == ["stranger", "friend"]
    assert record["preferences"]["interests"] == ["coffee", "tea"]


async def _choose_interests(harness, user_id: int, *slugs: str, disable: str | None = None) -> None:
    from storage.models import Category, CustomerInterest

    async with harness.services.sessions() as session, session.begin():
        for slug in slugs:
            category = (await session.execute(select(Category).where(Category.slug == slug))).scalar_one()
            session.add(CustomerInterest(customer_id=user_id, category_id=category.id))
            if slug == disable:
                category.active = False


async def test_forget_erases_personal_data_keeps_proof(harness):
    harness.user(ANN, name="Ann", username="ann_k")
    await harness.say(ANN, "/start")
    await harness.press(ANN, "Birthday greeting")
    await harness.press(ANN, "Done")
    await harness.press(ANN, "Yes, call me Ann")
    await harness.say(ANN, "3 marca 1991")
    await harness.press(ANN, "Yes")
    assert (await customer_row(harness)).birthday_month == 3
    replies = await harness.say(ANN, "/forget")
    assert replies[-1]["text"] == t("forget.confirm", "en")
    await harness.press(ANN, "No")
    assert (await customer_row(harness)).name == "Ann"
    await harness.say(ANN, "/forget")
    replies = await harness.press(ANN, "Yes")
    assert replies[-1]["text"] == t("forget.done", "en")
    customer = await customer_row(harness)
    assert (customer.name, customer.first_name, customer.username, customer.birthday_month) == (None,) * 4
    assert customer.forgotten_at is not None and customer.stage == "former"
    events = await ledger(harness)
    assert [(e.scope, e.action) for e in events] == [("birthday", "grant"), ("birthday", "withdraw")]
    assert await scopes(harness) == set()
    # The same person writing again is not re-identified by name: the profile stays erased.
    await harness.say(ANN, "hello")
    assert (await customer_row(harness)).first_name is None


async def test_bad_input_gets_clear_replies(harness):
    harness.user(ANN, lang="ru")
    await harness.say(ANN, "/start")
    replies = await harness.send(ANN, "sticker")
    assert replies[-1]["text"] == t("fallback.not_text", "ru")
    replies = await harness.say(ANN, "x" * 10_000)
    assert replies[-1]["text"] == t("fallback.too_long", "ru")
    replies = await harness.say(ANN, "🙂🙂🙂")
    assert replies[-1]["text"] == t("fallback.unknown", "ru")
    await harness.press(ANN, t("scope.birthday.button", "ru"))
    await harness.press(ANN, t("btn.scopes_done", "ru"))
    await harness.press(ANN, t("name.change", "ru"))
    replies = await harness.say(ANN, "'; DROP TABLE customer; --")
    assert replies[-1]["text"] == t("name.invalid", "ru")
    replies = await harness.say(ANN, "<b>Ann</b>")
    assert replies[-1]["text"] == t("name.invalid", "ru")
    await harness.say(ANN, "Анна")
    for bad, error in (
        ("31 февраля", "impossible"),
        ("вчера", "relative"),
        ("12 мая 2090", "future"),
        ("1 января 1850", "too_old"),
        ("привет", "not_a_date"),
    ):
        replies = await harness.say(ANN, bad)
        assert replies[-1]["text"].startswith(t(f"birthday.error.{error}", "ru")), bad
    replies = await harness.send(ANN, "photo")
    assert replies[-1]["text"] == t("error.need_text", "ru")
    assert (await customer_row(harness)).birthday_month is None
    async with harness.services.sessions() as session:
        assert (await session.execute(select(func.count()).select_from(Customer))).scalar_one() == 1


async def test_forged_and_stale_buttons_change_nothing(harness):
    harness.user(ANN)
    await harness.say(ANN, "/start")
    permission = harness.api.sent(ANN)[-1]
    for data in (
        "sc:on:everything:1:consent",
        "sc:on:samples:0:consent",
        "garbage",
        "st:birthday:yes",
        "in:9999",
        "lg:de",
        "rp:1:accept:0",
    ):
        await harness.press_data(ANN, permission["message_id"], data)
        assert harness.last_alert() == t("error.expired", "en"), data
    assert await ledger(harness) == []


async def test_failure_mid_update_leaves_nothing_half_written(harness, monkeypatch, caplog):
    harness.user(ANN)
    await harness.say(ANN, "/start")
    import bot.routers.customer as customer_module

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(customer_module, "scope_keyboard", broken)
    caplog.set_level("ERROR")
    await harness.press(ANN, "Free samples")
    assert harness.texts(ANN)[-1] == t("error.internal", "en")
    assert await ledger(harness) == []  # the ledger row written before the failure was rolled back
    assert (await customer_row(harness)).stage == "stranger"
    assert any("update" in r.getMessage() and "failed" in r.getMessage() for r in caplog.records)


async def test_referral_deep_link_is_stored_and_credited(harness):
    harness.user(ANN)
    await harness.say(ANN, "/start")
    async with harness.services.sessions() as session, session.begin():
        from storage.queries import ensure_ref_code

        code = await ensure_ref_code(session, customer=await session.get(Customer, ANN))
    harness.user(2002, name="Bob")
    await harness.say(2002, f"/start ref_{code}")
    async with harness.services.sessions() as session:
        referral = (await session.execute(select(Referral))).scalar_one()
        assert (referral.referrer_id, referral.friend_id, referral.credited_at) == (ANN, 2002, None)
    await harness.press(2002, "News and offers")
    async with harness.services.sessions() as session:
        assert (await session.execute(select(Referral))).scalar_one().credited_at is not None


async def test_language_can_be_changed(harness):
    harness.user(ANN, lang="de")  # not one of ours: English
    replies = await harness.say(ANN, "/start")
    assert replies[0]["text"] == t("start.welcome", "en", name="Ann")
    await harness.say(ANN, "/language")
    replies = await harness.press(ANN, "Polski")
    assert t("prefs.title", "pl") in replies[-1]["text"]
    assert (await customer_row(harness)).language == "pl"


async def test_interests_asked_only_when_relevant(harness):
    harness.user(ANN)
    await harness.say(ANN, "/start")
    await harness.press(ANN, "Feedback requests")
    await harness.press(ANN, "Done")
    await harness.press(ANN, "Skip")  # name
    texts = harness.texts(ANN)
    assert texts[-1].startswith("Which time zone")  # no birthday, no interests: not granted
    await harness.press(ANN, "Skip")
    await harness.press(ANN, "No quiet hours")
    await harness.press(ANN, "1 / week")
    async with harness.services.sessions() as session:
        assert await interest_ids(session, customer_id=ANN) == set()
        stages = (await session.execute(select(StageChange.to_stage).where(StageChange.customer_id == ANN))).scalars()
        assert list(stages) == ["stranger", "friend"]
    assert (await customer_row(harness)).weekly_cap == 1
