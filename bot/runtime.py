"""What runs beside the dispatcher: the NLU client, and (by role) the scheduler and the sender."""
from __future__ import annotations

import logging

from aiogram import Bot

from bot.config import Settings

log = logging.getLogger(__name__)


class Understanding:
    """The dispatcher's `nlu`: Rasa when it answers, keyword rules for the critical intents always."""

    def __init__(self, client) -> None:
        self.client = client

    async def interpret(self, text: str):
        from bot.nlu import interpret
        return await interpret(self.client, text)

    async def close(self) -> None:
        await self.client.close()


def make_nlu(settings: Settings) -> Understanding:
    from bot.nlu.client import NLUClient
    return Understanding(NLUClient(settings.nlu_url, timeout=settings.nlu_timeout, token=settings.nlu_token,
                                   token_file=settings.nlu_token_file()))


async def start_background(services, bot: Bot, *, role: str = "all") -> list:
    """Start the scheduler and the sender for the roles that run them; returns handles to stop."""
    from bot.delivery.service import start_delivery
    return await start_delivery(services, bot, role=role)


async def stop_background(handles: list) -> None:
    for handle in reversed(handles):
        await handle.stop()
