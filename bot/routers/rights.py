"""The customer's rights: withdraw (/stop), see (/mydata), erase (/forget); help and cancel."""
from __future__ import annotations

import json

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow
from bot.dates import format_birthday
from bot.keyboards import NavCb, StepCb, confirm_keyboard, help_keyboard
from bot.texts import t
from storage.models import SCOPES, Customer
from storage.queries import (
    categories_chosen,
    consent_history,
    forget_customer,
    granted_scopes,
    sent_messages,
    stage_history,
    withdraw_all,
)

router = Router(name=__name__)
router.message.filter(F.chat.type == "private")


async def withdraw_everything(bot: Bot, customer: Customer, session: AsyncSession, *, method: str,
                              message_id: int | None, text_id: str, wording: str | None) -> list[str]:
    """Withdraw every scope at once and confirm what was withdrawn (rule 2)."""
    lang = customer.language
    withdrawn = await withdraw_all(session, customer=customer, method=method, message_id=message_id,
                                   text_id=text_id, wording=wording)
    if withdrawn:
        names = ", ".join(t(f"scope.{s}.button", lang) for s in withdrawn)
        await bot.send_message(customer.id, t("stop.done", lang, scopes=names))
    else:
        await bot.send_message(customer.id, t("stop.nothing", lang))
    return withdrawn


@router.message(Command("stop", "unsubscribe"))
async def stop(message: Message, customer: Customer, session: AsyncSession, state: FSMContext) -> None:
    await state.clear()
    await withdraw_everything(message.bot, customer, session, method="command", message_id=message.message_id,
                              text_id="command./stop", wording=message.text[:64])


@router.callback_query(NavCb.filter(F.to == "stop"))
async def stop_button(query: CallbackQuery, customer: Customer, session: AsyncSession, state: FSMContext,
                      bot: Bot) -> None:
    await query.answer()
    await state.clear()
    await withdraw_everything(bot, customer, session, method="button",
                              message_id=query.message.message_id if query.message else None,
                              text_id="btn.stop_all", wording=t("btn.stop_all", customer.language))


async def my_data(customer: Customer, session: AsyncSession) -> tuple[str, dict]:
    lang = customer.language
    granted = await granted_scopes(session, customer_id=customer.id)
    history = await consent_history(session, customer_id=customer.id)
    stages = await stage_history(session, customer_id=customer.id)
    sent = await sent_messages(session, customer_id=customer.id)
    every, chosen = await categories_chosen(session, customer_id=customer.id, active_only=False)
    interests = sorted(c.slug for c in every if c.id in chosen)
    birthday = (format_birthday(customer.birthday_month, customer.birthday_day, customer.birthday_year, lang)
                if customer.birthday_month else None)
    record = {
        "customer_id": customer.id,
        "profile": {"name": customer.name, "telegram_first_name": customer.first_name,
                    "telegram_username": customer.username, "language": customer.language,
                    "stage": customer.stage, "created_at": customer.created_at.isoformat(),
                    "forgotten_at": customer.forgotten_at.isoformat() if customer.forgotten_at else None},
        "preferences": {
            "birthday": {"month": customer.birthday_month, "day": customer.birthday_day,
                         "year": customer.birthday_year} if customer.birthday_month else None,
            "interests": interests, "timezone": customer.timezone,
            "quiet_hours": [flow.fmt_minutes(customer.quiet_start), flow.fmt_minutes(customer.quiet_end)]
            if customer.quiet_start is not None else None,
            "weekly_cap": customer.weekly_cap},
        "scopes": {scope: scope in granted for scope in SCOPES},
        "consent_history": [{"scope": e.scope, "action": e.action, "at": e.at.isoformat(), "method": e.method,
                             "message_id": e.message_id, "text_id": e.text_id, "wording": e.wording,
                             "language": e.language} for e in history],
        "stage_history": [{"from": s.from_stage, "to": s.to_stage, "reason": s.reason, "at": s.at.isoformat()}
                          for s in stages],
        "messages_sent": [{"kind": m.kind, "sent_at": m.sent_at.isoformat(), "text": m.payload.get("text")}
                          for m in sent],
    }
    none = t("prefs.not_set", lang)
    lines = [t("mydata.title", lang), "",
             t("prefs.name", lang, value=flow.escape(flow.display_name(customer)) or none),
             t("prefs.birthday", lang, value=birthday or none),
             t("prefs.interests", lang, value=", ".join(interests) or none),
             t("prefs.timezone", lang, value=customer.timezone or none),
             t("mydata.stage", lang, value=t(f"stage.{customer.stage}", lang)),
             t("mydata.scopes", lang, value=", ".join(t(f"scope.{s}.button", lang) for s in SCOPES if s in granted)
               or none),
             "", t("mydata.history", lang)]
    for e in history[-15:]:
        verb = t("mydata.granted" if e.action == "grant" else "mydata.withdrawn", lang)
        lines.append(f"• {e.at:%Y-%m-%d %H:%M} UTC — {verb}: {t(f'scope.{e.scope}.button', lang)} ({e.method})")
    if len(history) > 15:
        lines.append(t("mydata.more", lang, n=len(history) - 15))
    lines += ["", t("mydata.sent", lang, n=len(sent)), t("mydata.file", lang)]
    return "\n".join(lines), record


async def send_my_data(bot: Bot, customer: Customer, session: AsyncSession) -> None:
    text, record = await my_data(customer, session)
    await bot.send_message(customer.id, text)
    payload = json.dumps(record, ensure_ascii=False, indent=2).encode()
    await bot.send_document(customer.id, BufferedInputFile(payload, filename=f"mydata-{customer.id}.json"))


@router.message(Command("mydata"))
async def mydata(message: Message, customer: Customer, session: AsyncSession) -> None:
    await send_my_data(message.bot, customer, session)


@router.callback_query(NavCb.filter(F.to == "mydata"))
async def mydata_button(query: CallbackQuery, customer: Customer, session: AsyncSession, bot: Bot) -> None:
    await query.answer()
    await send_my_data(bot, customer, session)


async def ask_forget(bot: Bot, customer: Customer, state: FSMContext) -> None:
    await state.set_state(None)
    await state.set_data({"current": "forget"})
    await bot.send_message(customer.id, t("forget.confirm", customer.language),
                           reply_markup=confirm_keyboard(customer.language, "forget"))


@router.message(Command("forget"))
async def forget(message: Message, customer: Customer, state: FSMContext) -> None:
    await ask_forget(message.bot, customer, state)


@router.callback_query(StepCb.filter(F.step == "forget"))
async def forget_answer(query: CallbackQuery, callback_data: StepCb, customer: Customer, session: AsyncSession,
                        state: FSMContext, bot: Bot) -> None:
    lang = customer.language
    if (await state.get_data()).get("current") != "forget" or callback_data.value not in ("yes", "no"):
        await query.answer(t("error.expired", lang), show_alert=True)
        return
    await state.clear()
    await query.answer()
    if query.message is not None:
        await query.message.edit_reply_markup(reply_markup=None)
    if callback_data.value == "no":
        await bot.send_message(customer.id, t("forget.cancelled", lang))
        return
    await forget_customer(session, customer=customer, message_id=query.message.message_id if query.message else None,
                          wording=t("forget.confirm", lang))
    await bot.send_message(customer.id, t("forget.done", lang))


@router.message(Command("help"))
async def help_command(message: Message, customer: Customer) -> None:
    await message.answer(t("help.text", customer.language), reply_markup=help_keyboard(customer.language))


@router.callback_query(NavCb.filter(F.to == "help"))
async def help_button(query: CallbackQuery, customer: Customer, bot: Bot) -> None:
    await query.answer()
    await bot.send_message(customer.id, t("help.text", customer.language), reply_markup=help_keyboard(customer.language))


@router.message(Command("cancel"))
async def cancel(message: Message, customer: Customer, state: FSMContext) -> None:
    await state.clear()
    await message.answer(t("cancel.done", customer.language), reply_markup=help_keyboard(customer.language))
