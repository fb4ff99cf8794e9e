"""`python -m bot ...`: run, shell, migrate, jobs run (the interface operators script)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from urllib.parse import urlparse

from bot.config import ConfigError, Settings, load_settings
from bot.consent.scopes import DEFAULT_LANGUAGE, LANGUAGES
from bot.process import make_runtime_services, serve, settle_heap

log = logging.getLogger("bot")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Permission-marketing Telegram bot")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the bot (long polling, or a webhook server when WEBHOOK_URL is set)")
    run.add_argument(
        "--role",
        choices=("all", "web", "worker", "scheduler", "api"),
        default="all",
        help="all: everything in one process; web: Telegram updates; worker: the sender; scheduler: the jobs; "
        "api: the integration API on API_HOST:API_PORT (bot/api)",
    )
    shell = sub.add_parser("shell", help="a local chat in the terminal over the local Bot API")
    shell.add_argument("--user", type=int, default=100001, help="the customer's Telegram user id")
    shell.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=f"the chat's language, also for a returning customer (new: {DEFAULT_LANGUAGE})",
    )
    shell.add_argument("--name", default="Alex", help="the customer's Telegram first name")
    shell.add_argument("--staff", action="store_true", help="chat as a staff user (the first ADMIN_IDS entry)")
    shell.add_argument(
        "--wait-nlu", type=int, metavar="PID", help="a Rasa server starting beside: wait until it answers"
    )
    shell.add_argument("--downloads", help="where files the bot sends are saved (default: var/downloads)")
    sub.add_parser("migrate", help="apply database migrations")
    apikey = sub.add_parser("apikey", help="API keys of the integration API (owners)")
    apikey_sub = apikey.add_subparsers(dest="apikey_command", required=True)
    apikey_create = apikey_sub.add_parser("create", help="create a key (printed once, stored hashed)")
    apikey_create.add_argument("name", help="what the key is for, e.g. web-store")
    apikey_create.add_argument("--scopes", required=True, help="comma-separated, e.g. purchases:write,consent:read")
    apikey_sub.add_parser("list", help="list the keys (never the secrets)")
    apikey_revoke = apikey_sub.add_parser("revoke", help="revoke a key at once")
    apikey_revoke.add_argument("id", type=int)
    imports = sub.add_parser("import", help="import data from files (shops without the API)")
    imports_sub = imports.add_subparsers(dest="import_command", required=True)
    import_purchases = imports_sub.add_parser(
        "purchases", help="purchases from CSV: order_id, customer, product[, purchased_at, amount] (bot/importing.py)"
    )
    import_purchases.add_argument("file", help="the CSV file (UTF-8, with a header line)")
    import_purchases.add_argument("--dry-run", action="store_true", help="check every line, write nothing")
    jobs = sub.add_parser("jobs", help="scheduled jobs")
    jobs_sub = jobs.add_subparsers(dest="jobs_command", required=True)
    jobs_run = jobs_sub.add_parser("run", help="run one job now, as if at --at, and deliver what it enqueues")
    jobs_run.add_argument("name")
    jobs_run.add_argument("--at", help="ISO-8601 time (UTC if no offset), or +Nd / +Nh / +Nm from now")
    jobs_sub.add_parser("list", help="list the jobs")
    return parser


def main(argv: list[str] | None = None) -> int:
    from bot import aiogram_patches

    aiogram_patches.install()  # before anything imports aiogram.types
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("aiogram.event", "aiosqlite", "apscheduler.executors.default"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        if args.command == "migrate":
            from storage.migrate import upgrade

            upgrade(settings.database_url)
            print("database is up to date")
            return 0
        if args.command == "import":
            from bot.importing import import_command

            return asyncio.run(import_command(settings, args))
        if args.command == "apikey":
            from bot.api.cli import apikey_command

            return asyncio.run(apikey_command(settings, args))
        if args.command == "run":
            if args.role == "api":  # the integration API alone: no Telegram, no token needed
                from bot.runtime import run_api

                serve(run_api(settings))
                return 0
            if not settings.bot_token:
                print(
                    "configuration error: BOT_TOKEN: required for `run` (use `python -m bot shell` to chat locally)",
                    file=sys.stderr,
                )
                return 2
            if args.role == "web" and not settings.webhook_url:
                print(
                    "configuration error: WEBHOOK_URL: required for --role web (replicas behind a load balancer)",
                    file=sys.stderr,
                )
                return 2
            if args.role in ("all", "web"):
                settings.require_webhook_secret()  # webhook mode never runs without it
            serve(run(settings, role=args.role))
            return 0
        if args.command == "shell":
            from bot.shell import shell_command

            return shell_command(settings, args)
        if args.command == "jobs":
            from bot.jobs_cli import jobs_command

            return asyncio.run(jobs_command(settings, args))
    except KeyboardInterrupt:
        return 130
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    return 1


async def run(settings: Settings, *, role: str = "all") -> None:
    from bot.app import build_dispatcher, make_bot, set_commands
    from bot.runtime import start_background, stop_background

    services = await make_runtime_services(settings)
    bot = make_bot(settings, settings.bot_token)
    dp = build_dispatcher(services)
    background = await start_background(services, bot, role=role)
    if role == "all":
        from bot.runtime import start_api

        try:
            background.append(await start_api(services))
        except BaseException:
            await stop_background(background)
            await services.close()
            raise
    if role in ("all", "web"):
        from bot.measure import prepare_key
        from storage.db import warm_pool

        await prepare_key(settings, services.sessions)  # the pseudonym key: never in the database
        await warm_pool(services.engine)
    settle_heap()
    try:
        if role in ("all", "web"):
            await set_commands(bot)
            if settings.webhook_url:
                await serve_webhook(settings, dp, bot)
            else:
                from bot.polling import poll

                await bot.delete_webhook(drop_pending_updates=False)
                await poll(dp, bot)  # confirms updates to Telegram only once handled
        else:
            await asyncio.Event().wait()
    finally:
        await stop_background(background)
        await bot.session.close()
        await services.close()


WEBHOOK_MAX_CONNECTIONS = 40  # Telegram's default: updates in flight to all replicas together


def webhook_handler(dp, bot, secret: str, spool=None):
    """aiogram's request handler, stricter: no secret means no update is accepted (aiogram
    skips the check when its secret is empty). An update the database did not store
    (bot/middlewares.py `NotStored`): a withdrawal goes to `spool` (bot/spool.py) and is
    answered 200; anything else (or a spool that cannot be written) is answered 503, so
    Telegram sends it again."""
    from aiogram.webhook.aiohttp_server import SimpleRequestHandler
    from aiohttp import web

    from bot.middlewares import NotStored

    class TelegramWebhook(SimpleRequestHandler):
        def verify_secret(self, telegram_secret_token: str, bot) -> bool:
            return bool(self.secret_token) and super().verify_secret(telegram_secret_token, bot)

        async def _handle_request(self, bot, request: web.Request) -> web.Response:
            update = await request.json(loads=bot.session.json_loads)
            try:
                result = await self.dispatcher.feed_webhook_update(bot, update, **self.data)
            except NotStored as exc:
                if exc.withdrawal and spool is not None:
                    try:
                        spool.append(update)
                    except OSError as err:
                        log.error("%s; the spool cannot be written either (%s): answered 503", exc, err)
                    else:
                        log.warning("%s: kept in %s, stored once the database answers", exc, spool.path)
                        return web.json_response({})
                log.warning("%s: answered 503, Telegram sends it again", exc)
                return web.Response(status=503, text="update not stored; send it again")
            return web.Response(body=self._build_response_writer(bot=bot, result=result))

    if not secret:
        raise ConfigError("configuration error: WEBHOOK_SECRET: required in webhook mode")
    # Answer Telegram after the update is handled (not at once): Telegram then has at most
    # max_connections updates in flight, so a burst waits at Telegram instead of piling up
    # in this process's memory, and an update not stored can be answered with a 5xx.
    # (aiogram still answers early if a handler takes over 55 s; a withdrawal waits at most
    # WEBHOOK_HOLD seconds for the database here.)
    return TelegramWebhook(dispatcher=dp, bot=bot, secret_token=secret, handle_in_background=False)


def spool_feed(dp, bot):
    """Feed one spooled update through the dispatcher, as a redelivery would; raises when not stored."""
    from aiogram.types import Update

    async def feed(raw: dict) -> None:
        await dp.feed_update(bot, Update.model_validate(raw, context={"bot": bot}))

    return feed


async def serve_webhook(settings: Settings, dp, bot) -> None:
    from aiogram.webhook.aiohttp_server import setup_application
    from aiohttp import web

    from bot.spool import WithdrawalSpool, replaying

    settings.require_webhook_secret()
    path = urlparse(settings.webhook_url).path or "/webhook"
    app = web.Application()
    spool = WithdrawalSpool(settings.spool_dir)
    webhook_handler(dp, bot, settings.webhook_secret, spool).register(app, path=path)
    setup_application(app, dp, bot=bot)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_host, settings.webhook_port)
    await site.start()
    # Listen first, then ask Telegram to deliver: no update meets a closed port.
    await bot.set_webhook(
        settings.webhook_url,
        secret_token=settings.webhook_secret,
        drop_pending_updates=False,
        max_connections=WEBHOOK_MAX_CONNECTIONS,
    )
    log.info("webhook server on %s:%s%s", settings.webhook_host, settings.webhook_port, path)
    try:
        async with replaying(spool, spool_feed(dp, bot)):  # withdrawals kept while the database was down
            await asyncio.Event().wait()
    finally:
        await runner.cleanup()
