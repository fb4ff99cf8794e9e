"""What runs beside the dispatcher: the NLU client, and (by role) the scheduler and the sender."""

from __future__ import annotations

import asyncio
import logging
import os
import threading

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

    return Understanding(
        NLUClient(
            settings.nlu_url,
            timeout=settings.nlu_timeout,
            token=settings.nlu_token,
            token_file=settings.nlu_token_file(),
        )
    )


# The exit status of a process whose background task gave up (EX_SOFTWARE); any non-zero status
# makes systemd (`Restart=always`) and docker compose (`restart: unless-stopped`) start it again.
EXIT_BACKGROUND_FAILED = 70
# If the orderly shutdown after such a failure hangs, the process is ended this much later anyway.
HARD_EXIT_AFTER = 45.0


def exit_process_on_fatal(main: asyncio.Task | None = None):
    """`on_fatal` for a real process: log, stop the main task (its `finally` stops the bot and
    closes the database), then end the process with EXIT_BACKGROUND_FAILED."""
    main = main or asyncio.current_task()
    fired = []

    def raise_exit(_task) -> None:
        raise SystemExit(EXIT_BACKGROUND_FAILED)  # from a loop callback: asyncio.run ends with it

    def on_fatal(reason: str) -> None:
        if fired:
            return
        fired.append(reason)
        log.critical(
            "%s; exiting with status %d so that the service manager restarts the process",
            reason,
            EXIT_BACKGROUND_FAILED,
        )
        backstop = threading.Timer(HARD_EXIT_AFTER, os._exit, (EXIT_BACKGROUND_FAILED,))
        backstop.daemon = True
        backstop.start()
        if main is None or main.done():
            os._exit(EXIT_BACKGROUND_FAILED)
        main.add_done_callback(raise_exit)
        main.cancel()

    return on_fatal


async def start_background(services, bot: Bot, *, role: str = "all", on_fatal=None) -> list:
    """Start the scheduler and the sender for the roles that run them; returns handles to stop.

    A background task that cannot recover ends the process (`exit_process_on_fatal`, unless the
    caller passes its own `on_fatal`); the bot token never appears in a log line."""
    from bot.delivery.service import start_delivery
    from bot.delivery.supervision import install_log_redaction, register_token

    register_token(getattr(bot, "token", None))
    install_log_redaction()
    return await start_delivery(services, bot, role=role, on_fatal=on_fatal or exit_process_on_fatal())


async def start_api(services):
    """The integration API (bot/api) on API_HOST:API_PORT in this loop; a handle with `stop()`."""
    from bot.api.server import ApiServer

    server = ApiServer(services)
    await server.start()
    return server


async def run_api(settings: Settings) -> None:
    """`run --role api`: the integration API alone, until the process is stopped."""
    from bot.app import make_services
    from storage.db import warm_pool

    services = make_services(settings)
    server = None
    try:
        await warm_pool(services.engine)
        server = await start_api(services)
        await server.task
    finally:
        if server is not None:
            await server.stop()
        await services.close()


async def stop_background(handles: list) -> None:
    for handle in reversed(handles):
        try:
            await handle.stop()
        except Exception:  # noqa: BLE001 - the others are still stopped
            log.exception("stopping %s failed", type(handle).__name__)
