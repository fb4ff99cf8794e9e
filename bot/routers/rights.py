"""The customer's rights: withdraw (/stop), see (/mydata), erase (/forget); help and cancel."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow, places
from bot.config import Settings
from bot.consent.erasure import forget_customer
from bot.consent.ledger import withdraw_all
from bot.consent.records import records_of
from bot.consent.scopes import SCOPES
from bot.dates import format_birthday
from bot.delivery.render import render
from bot.keyboards import NavCb, StepCb, confirm_keyboard, help_keyboard
from bot.measure import customer_pseudonym
from bot.routers import Routes
from bot.texts import t
from storage.models import (
    Customer,
    CustomerWording,
    Feedback,
    FsmRecord,
    LinkToken,
    Outbox,
    Purchase,
    Referral,
    ResponseEvent,
    SampleOffer,
    SampleRequest,
    Sequence,
    SequenceEnrollment,
    ShopCustomer,
    WebhookDelivery,
    WebhookEndpoint,
    WinBack,
    WithdrawalReason,
)
from storage.queries import categories_chosen, consent_history, granted_scopes, stage_history

routes = Routes()
routes.message.filter(F.chat.type == "private")
# Outbox states of a message not sent yet (and not given up).
QUEUED = ("pending", "postponed", "claimed", "sending")


async def withdraw_everything(
    bot: Bot,
    customer: Customer,
    session: AsyncSession,
    *,
    method: str,
    message_id: int | None,
    text_id: str,
    wording: str | None,
) -> list[str]:
    """Withdraw every scope at once and confirm what was withdrawn (rule 2)."""
    lang = customer.language
    withdrawn = await withdraw_all(
        session, customer=customer, method=method, message_id=message_id, text_id=text_id, wording=wording
    )
    if withdrawn:
        names = ", ".join(t(f"scope.{s}.button", lang) for s in withdrawn)
        await bot.send_message(customer.id, t("stop.done", lang, scopes=names))
    else:
        await bot.send_message(customer.id, t("stop.nothing", lang))
    return withdrawn


@routes.message(Command("stop", "unsubscribe"))
async def stop(message: Message, customer: Customer, session: AsyncSession, state: FSMContext) -> None:
    await state.clear()
    await withdraw_everything(
        message.bot,
        customer,
        session,
        method="command",
        message_id=message.message_id,
        text_id="command./stop",
        wording=message.text[:64],
    )


@routes.callback_query(NavCb.filter(F.to == "stop"))
async def stop_button(
    query: CallbackQuery, customer: Customer, session: AsyncSession, state: FSMContext, bot: Bot
) -> None:
    await query.answer()
    await state.clear()
    await withdraw_everything(
        bot,
        customer,
        session,
        method="button",
        message_id=query.message.message_id if query.message else None,
        text_id="btn.stop_all",
        wording=t("btn.stop_all", customer.language),
    )


def method_name(method: str, lang: str) -> str:
    """How a grant or withdrawal was made, in the customer's words ("кнопкою"); an unknown one as stored."""
    try:
        return t(f"mydata.method.{method}", lang)
    except KeyError:
        return flow.escape(method)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _rendered(row: Outbox, customer: Customer) -> str | None:
    """The text of a message as it reads now (queued ones; sent ones from before texts were kept)."""
    try:
        return render(row, customer)[0]
    except (KeyError, ValueError, TypeError):  # an erased or unknown payload: nothing to show
        return None


async def _dialogues(session: AsyncSession, customer_id: int) -> list[dict]:
    """Dialogue state kept in the database (FSM keys are bot:chat:user:thread:destiny)."""
    rows = (await session.execute(select(FsmRecord).where(FsmRecord.key.contains(f":{customer_id}:")))).scalars()
    return [
        {"state": r.state, "data": r.data}
        for r in rows
        if str(customer_id) in r.key.split(":")[1:3] and (r.state or r.data)
    ]


async def _automation_and_shop(session: AsyncSession, customer_id: int) -> dict:
    """The shop links, automated series, withdrawal reasons, win-backs and what webhooks told the
    shop's systems about the customer (bot/consent/personal_data.py declares each)."""
    cid = customer_id
    linked = (
        await session.execute(
            select(ShopCustomer).where(ShopCustomer.customer_id == cid).order_by(ShopCustomer.linked_at)
        )
    ).scalars()
    tokens = (
        await session.execute(select(LinkToken).where(LinkToken.used_by == cid).order_by(LinkToken.used_at))
    ).scalars()
    enrollments = (
        await session.execute(
            select(SequenceEnrollment, Sequence.name)
            .join(Sequence, Sequence.id == SequenceEnrollment.sequence_id)
            .where(SequenceEnrollment.customer_id == cid)
            .order_by(SequenceEnrollment.id)
        )
    ).all()
    reasons = (
        await session.execute(
            select(WithdrawalReason).where(WithdrawalReason.customer_id == cid).order_by(WithdrawalReason.id)
        )
    ).scalars()
    win_backs = (
        await session.execute(select(WinBack).where(WinBack.customer_id == cid).order_by(WinBack.id))
    ).scalars()
    deliveries = (
        await session.execute(
            select(WebhookDelivery, WebhookEndpoint.url)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(WebhookDelivery.customer_id == cid)
            .order_by(WebhookDelivery.id)
        )
    ).all()
    return {
        "shop_links": {
            "linked": [{"shop_customer_id": r.shop_customer_id, "linked_at": _iso(r.linked_at)} for r in linked],
            "links_used": [
                {"shop_customer_id": r.shop_customer_id, "created_at": _iso(r.created_at), "used_at": _iso(r.used_at)}
                for r in tokens
            ],
        },
        "sequences": [
            {
                "sequence": name,
                "because": e.event,
                "entered_at": _iso(e.entered_at),
                "status": e.status,
                "steps_queued": e.next_position,
                "left_reason": e.left_reason,
                "finished_at": _iso(e.finished_at),
            }
            for e, name in enrollments
        ],
        "withdrawal_reasons": [
            {
                "scope": r.scope,
                "reason": r.reason,
                "at": _iso(r.at),
                "message_before": {"kind": r.kind, "campaign_id": r.campaign_id} if r.outbox_id is not None else None,
            }
            for r in reasons
        ],
        "win_backs": [
            {
                "at": _iso(w.at),
                "campaign_id": w.campaign_id,
                "reply_by": _iso(w.grace_ends_at),
                "outcome": w.outcome,
                "resolved_at": _iso(w.resolved_at),
            }
            for w in win_backs
        ],
        # Recipients (GDPR Art. 15(1)(c)): which of the shop's systems got what about the customer.
        "sent_to_the_shop": [
            {
                "event": d.event,
                "scope": d.scope,
                "created_at": _iso(d.created_at),
                "status": d.status,
                "finished_at": _iso(d.finished_at),
                "recipient": urlsplit(url).hostname,
            }
            for d, url in deliveries
        ],
    }


async def my_data(
    customer: Customer, session: AsyncSession, *, settings: Settings | None = None, dialogue: dict | None = None
) -> tuple[str, dict]:
    """Everything stored about the customer (GDPR Art. 15): a summary and the complete record.

    Response events are included both when they carry the customer's id (`tracking` granted) and
    when they carry only the pseudonym: the bot holds the key, so it can link them, and they are
    therefore the customer's personal data too (they are listed, marked `pseudonymous`). Other
    people's ids (who referred them, whom they referred) are not shown, only the facts and dates.
    """
    lang = customer.language
    cid = customer.id
    granted = await granted_scopes(session, customer_id=cid)
    history = await consent_history(session, customer_id=cid)
    words = {
        w.id: w
        for w in (await session.execute(select(CustomerWording).where(CustomerWording.customer_id == cid))).scalars()
    }
    stages = await stage_history(session, customer_id=cid)
    every, chosen = await categories_chosen(session, customer_id=cid, active_only=False)
    interests = sorted(c.slug for c in every if c.id in chosen)
    interest_names = sorted((c.names.get(lang) or c.slug) for c in every if c.id in chosen)
    messages = list(
        (await session.execute(select(Outbox).where(Outbox.customer_id == cid).order_by(Outbox.id))).scalars()
    )
    sent = sorted((m for m in messages if m.sent_at is not None), key=lambda m: m.sent_at)
    queued = [m for m in messages if m.sent_at is None and m.status in QUEUED]
    purchases = list(
        (await session.execute(select(Purchase).where(Purchase.customer_id == cid).order_by(Purchase.id))).scalars()
    )
    feedback = list(
        (await session.execute(select(Feedback).where(Feedback.customer_id == cid).order_by(Feedback.id))).scalars()
    )
    samples = (
        await session.execute(
            select(SampleRequest, SampleOffer.product)
            .join(SampleOffer, SampleOffer.id == SampleRequest.offer_id)
            .where(SampleRequest.customer_id == cid)
            .order_by(SampleRequest.id)
        )
    ).all()
    invited_by = (await session.execute(select(Referral).where(Referral.friend_id == cid))).scalars().first()
    invited = list(
        (await session.execute(select(Referral).where(Referral.referrer_id == cid).order_by(Referral.id))).scalars()
    )
    linked = ResponseEvent.customer_id == cid
    own_pseudonym = await customer_pseudonym(session, settings, cid) if settings is not None else None
    # The consent history again as ISO/IEC TS 27560 records (bot/consent/records.py); they need the
    # pseudonym key, as the pseudonym above does.
    consent_records = await records_of(session, settings, customer_id=cid) if own_pseudonym is not None else None
    if own_pseudonym is not None:
        linked = linked | (ResponseEvent.pseudonym == own_pseudonym)
    responses = list((await session.execute(select(ResponseEvent).where(linked).order_by(ResponseEvent.id))).scalars())
    dialogues = await _dialogues(session, cid)
    if dialogue and (dialogue.get("state") or dialogue.get("data")) and dialogue not in dialogues:
        dialogues.append(dialogue)
    birthday = (
        format_birthday(customer.birthday_month, customer.birthday_day, customer.birthday_year, lang)
        if customer.birthday_month
        else None
    )
    record = {
        "customer_id": cid,
        "profile": {
            "name": customer.name,
            "telegram_first_name": customer.first_name,
            "telegram_username": customer.username,
            "language": customer.language,
            "stage": customer.stage,
            "created_at": _iso(customer.created_at),
            "last_seen_at": _iso(customer.last_seen_at),
            "reachable": customer.reachable,
            "purchases_count": customer.purchases_count,
            "referral_code": customer.ref_code,
            "forgotten_at": _iso(customer.forgotten_at),
        },
        "preferences": {
            "birthday": {"month": customer.birthday_month, "day": customer.birthday_day, "year": customer.birthday_year}
            if customer.birthday_month
            else None,
            "interests": interests,
            "timezone": customer.timezone,
            "quiet_hours": [flow.fmt_minutes(customer.quiet_start), flow.fmt_minutes(customer.quiet_end)]
            if customer.quiet_start is not None
            else None,
            "weekly_cap": customer.weekly_cap,
        },
        "scopes": {scope: scope in granted for scope in SCOPES},
        "consent_history": [
            {
                "scope": e.scope,
                "action": e.action,
                "at": _iso(e.at),
                "method": e.method,
                "message_id": e.message_id,
                "text_id": e.text_id,
                "wording": e.wording,
                "language": e.language,
                **(
                    {
                        "your_words": words[e.customer_wording_id].text,
                        "your_words_erased_at": _iso(words[e.customer_wording_id].erased_at),
                    }
                    if e.customer_wording_id in words
                    else {}
                ),
            }
            for e in history
        ],
        "consent_records": consent_records,
        "stage_history": [
            {"from": s.from_stage, "to": s.to_stage, "reason": s.reason, "at": _iso(s.at)} for s in stages
        ],
        "messages_sent": [
            {
                "kind": m.kind,
                "sent_at": _iso(m.sent_at),
                "campaign_id": m.campaign_id,
                "variant": m.variant,
                **(
                    {"text": m.sent_text}
                    if m.sent_text is not None
                    else {"text": _rendered(m, customer), "text_rendered_now": True}
                ),
            }
            for m in sent
        ],
        "messages_queued": [
            {
                "kind": m.kind,
                "status": m.status,
                "due": _iso(m.not_before),
                "created_at": _iso(m.created_at),
                "campaign_id": m.campaign_id,
                "text": _rendered(m, customer),
            }
            for m in queued
        ],
        "purchases": [{"product": p.product, "amount": p.amount, "at": _iso(p.at)} for p in purchases],
        "feedback": [
            {"subject": f.subject, "rating": f.rating, "comment": f.comment, "at": _iso(f.at)} for f in feedback
        ],
        "sample_requests": [
            {"product": product, "status": r.status, "at": _iso(r.created_at), "delivered_at": _iso(r.delivered_at)}
            for r, product in samples
        ],
        "referrals": {
            "came_through_a_friends_link": {
                "at": _iso(invited_by.created_at),
                "credited_at": _iso(invited_by.credited_at),
            }
            if invited_by
            else None,
            "friends_who_came_through_your_link": [
                {"at": _iso(r.created_at), "credited_at": _iso(r.credited_at)} for r in invited
            ],
        },
        "responses": [
            {
                "kind": r.message_kind,
                "action": r.action,
                "value": r.value,
                "campaign_id": r.campaign_id,
                "variant": r.variant,
                "at": _iso(r.hour),
                "pseudonymous": r.customer_id is None,
            }
            for r in responses
        ],
        "dialogue_in_progress": dialogues,
    }
    from bot import frequency  # frequency limits of one's own and every pause (not a withdrawal)
    from storage.types import utcnow

    record.update(await frequency.mydata(session, customer_id=cid))
    automation = await _automation_and_shop(session, cid)
    record.update(automation)
    frequency_lines = await frequency.preferences_lines(customer, session, utcnow())
    none, empty = t("prefs.not_set", lang), t("mydata.none", lang)
    zone = places.zone_label(customer.timezone, lang) if customer.timezone else None
    lines = [
        t("mydata.title", lang),
        "",
        t("prefs.name", lang, value=flow.escape(flow.display_name(customer)) or none),
        t("prefs.birthday", lang, value=birthday or none),
        t("prefs.interests", lang, value=", ".join(flow.escape(n) for n in interest_names) or empty),
        t("prefs.timezone", lang, value=flow.escape(zone) if zone else none),
        *frequency_lines,
        t("mydata.stage", lang, value=t(f"stage.{customer.stage}", lang)),
        t(
            "mydata.scopes",
            lang,
            value=", ".join(t(f"scope.{s}.button", lang) for s in SCOPES if s in granted) or empty,
        ),
        t(
            "mydata.contact",
            lang,
            since=f"{customer.created_at:%Y-%m-%d}",
            last_seen=f"{customer.last_seen_at:%Y-%m-%d %H:%M}",
            reachable=t("mydata.yes" if customer.reachable else "mydata.no", lang),
        ),
        "",
        t("mydata.history", lang),
    ]
    for e in history[-15:]:
        verb = t("mydata.granted" if e.action == "grant" else "mydata.withdrawn", lang)
        scope = t(f"scope.{e.scope}.button", lang)
        lines.append(f"• {e.at:%Y-%m-%d %H:%M} UTC — {verb}: {scope} ({method_name(e.method, lang)})")
    if len(history) > 15:
        lines.append(t("mydata.more", lang, n=len(history) - 15))
    lines += [
        "",
        t("mydata.sent", lang, n=len(sent)),
        t("mydata.queued", lang, n=len(queued)),
        t("mydata.purchases", lang, n=len(purchases)),
        t("mydata.feedback", lang, n=len(feedback)),
        t("mydata.samples", lang, n=len(samples)),
        t("mydata.referrals", lang, n=len(invited)),
        t("mydata.responses", lang, n=len(responses), pseudonymous=sum(r.customer_id is None for r in responses)),
        *(
            t(f"mydata.{line}", lang, n=n)
            for line, n in (
                ("shop-links", len(automation["shop_links"]["linked"])),
                ("sequences", len(automation["sequences"])),
                ("reasons", len(automation["withdrawal_reasons"])),
                ("win-backs", len(automation["win_backs"])),
                ("shop-sent", len(automation["sent_to_the_shop"])),
            )
            if n
        ),
        "",
        t("mydata.file", lang),
    ]
    return "\n".join(lines), record


async def send_my_data(
    bot: Bot,
    customer: Customer,
    session: AsyncSession,
    *,
    settings: Settings | None = None,
    state: FSMContext | None = None,
) -> None:
    dialogue = {"state": await state.get_state(), "data": await state.get_data()} if state is not None else None
    text, record = await my_data(customer, session, settings=settings, dialogue=dialogue)
    await bot.send_message(customer.id, text)
    payload = json.dumps(record, ensure_ascii=False, indent=2).encode()
    await bot.send_document(customer.id, BufferedInputFile(payload, filename=f"mydata-{customer.id}.json"))


@routes.message(Command("mydata"))
async def mydata(
    message: Message, customer: Customer, session: AsyncSession, settings: Settings, state: FSMContext
) -> None:
    await send_my_data(message.bot, customer, session, settings=settings, state=state)


@routes.callback_query(NavCb.filter(F.to == "mydata"))
async def mydata_button(
    query: CallbackQuery, customer: Customer, session: AsyncSession, bot: Bot, settings: Settings, state: FSMContext
) -> None:
    await query.answer()
    await send_my_data(bot, customer, session, settings=settings, state=state)


async def ask_forget(bot: Bot, customer: Customer, state: FSMContext) -> None:
    await state.set_state(None)
    await state.set_data({"current": "forget"})
    await bot.send_message(
        customer.id, t("forget.confirm", customer.language), reply_markup=confirm_keyboard(customer.language, "forget")
    )


@routes.message(Command("forget"))
async def forget(message: Message, customer: Customer, state: FSMContext) -> None:
    await ask_forget(message.bot, customer, state)


@routes.callback_query(StepCb.filter(F.step == "forget"))
async def forget_answer(
    query: CallbackQuery,
    callback_data: StepCb,
    customer: Customer,
    session: AsyncSession,
    state: FSMContext,
    bot: Bot,
    settings: Settings,
) -> None:
    lang = customer.language
    if (await state.get_data()).get("current") != "forget" or callback_data.value not in ("yes", "no"):
        await query.answer(t("error.expired", lang), show_alert=True)
        return
    await state.clear()
    await query.answer()
    await flow.drop_buttons(bot, query)
    if callback_data.value == "no":
        await bot.send_message(customer.id, t("forget.cancelled", lang))
        return
    # The dialogue was cleared above (with Redis: its keys are deleted before the commit);
    # forget_customer deletes the customer's dialogue rows in the database.
    await forget_customer(
        session,
        customer=customer,
        message_id=query.message.message_id if query.message else None,
        wording=t("forget.confirm", lang),
        pseudonym=await customer_pseudonym(session, settings, customer.id),
    )
    await bot.send_message(customer.id, t("forget.done", lang))


@routes.message(Command("help"))
async def help_command(message: Message, customer: Customer) -> None:
    await message.answer(t("help.text", customer.language), reply_markup=help_keyboard(customer.language))


@routes.callback_query(NavCb.filter(F.to == "help"))
async def help_button(query: CallbackQuery, customer: Customer, bot: Bot) -> None:
    await query.answer()
    await bot.send_message(
        customer.id, t("help.text", customer.language), reply_markup=help_keyboard(customer.language)
    )


@routes.message(Command("cancel"))
async def cancel(message: Message, customer: Customer, state: FSMContext) -> None:
    await state.clear()
    await message.answer(t("cancel.done", customer.language), reply_markup=help_keyboard(customer.language))


def build_router() -> Router:
    """A new Router with this module's handlers (bot/app.py includes it)."""
    return routes.build(name=__name__)
