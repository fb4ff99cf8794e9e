"""`python -m bot shell`: chat with the real bot in the terminal, like `rasa shell`.

The whole real pipeline runs: aiogram's HTTP session talks to the project's local Bot
API server on 127.0.0.1, the real handlers and the real database answer, and the
scheduler and sender run beside them. No token and no internet are needed.

The local Bot API is a development tool kept in the repository (devtools/localapi), not in
the installed package: the terminal chat runs from a checkout of the project.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
import sys

from bot.config import ROOT, Settings

LOCAL_TOKEN = "1000000:LOCAL-shell-token"
HELP = """Type as the customer would. Special input:
  #N            press button N of the last message with buttons
  /as staff     chat as a staff user (owner); /as customer to go back
  /user ID      chat as another customer (a new Telegram user id)
  /quit         leave (Ctrl-D works too)
Everything else, including /start, /preferences, /stop, /mydata, /forget, /help, goes to the bot."""

_TAGS = re.compile(r"</?(b|i|u|s|code|pre|a)[^>]*>")


class CheckoutNeeded(RuntimeError):
    """The bot was installed without the repository, where the local Bot API lives."""


def local_bot_api() -> type:
    """The local Bot API server class, from the checkout this bot package was loaded from."""
    if not (ROOT / "devtools" / "localapi" / "__init__.py").is_file():
        raise CheckoutNeeded(
            "the terminal chat needs the repository checkout: its local Bot API "
            "(devtools/localapi) is not installed with the bot"
        )
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from devtools.localapi import LocalBotAPI

    return LocalBotAPI


def shell_command(settings: Settings, args) -> int:
    """`python -m bot shell`: the chat, or one line saying why it cannot start."""
    try:
        api_class = local_bot_api()
    except CheckoutNeeded as exc:
        print(exc, file=sys.stderr)
        return 2
    log_to_file(settings)
    return asyncio.run(
        run_shell(settings, user_id=args.user, lang=args.lang, name=args.name, staff=args.staff, api_class=api_class)
    )


def log_to_file(settings: Settings) -> None:
    """Keep the chat clean: logs go to var/shell.log."""
    import logging

    path = ROOT / "var" / "shell.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)


def plain(text: str) -> str:
    return html.unescape(_TAGS.sub("", text or ""))


class Terminal:
    def __init__(self, api, out=sys.stdout) -> None:
        self.api = api
        self.out = out
        self.buttons: list[tuple[int, str, str]] = []  # (message_id, label, callback data)
        self.seen: dict[int, int] = {}
        self.edits: dict[int, int] = {}

    def show_new(self, chat_id: int) -> None:
        messages = self.api.sent(chat_id)
        start = self.seen.get(chat_id, 0)
        for message in messages[:start]:
            # A keyboard or text the bot edited (a ticked permission): show it again.
            if len(message.get("edits") or ()) > self.edits.get(message["message_id"], 0):
                self.show(message, edited=True)
        for message in messages[start:]:
            self.show(message)
        self.seen[chat_id] = len(messages)

    def show(self, message: dict, *, edited: bool = False) -> None:
        self.edits[message["message_id"]] = len(message.get("edits") or ())
        kind = message.get("kind", "text")
        if kind == "text":
            body = plain(message.get("text", ""))
        else:
            body = f"[{kind}: {message.get('file_name') or ''}] {plain(message.get('caption') or '')}".rstrip()
        lines = body.splitlines() or [""]
        if edited:
            lines = ["(updated) " + lines[0].strip()[:60] + ("…" if len(lines[0]) > 60 else "")]
        print("bot> " + lines[0], file=self.out)
        for line in lines[1:]:
            print("     " + line, file=self.out)
        if message.get("deleted"):
            return
        markup = message.get("reply_markup") or {}
        rows = markup.get("inline_keyboard") or []
        if rows:
            self.buttons = []
            for row in rows:
                cells = []
                for button in row:
                    self.buttons.append((message["message_id"], button["text"], button.get("callback_data", "")))
                    cells.append(f"[{len(self.buttons)}] {button['text']}")
                print("     " + "   ".join(cells), file=self.out)
        self.out.flush()


async def run_shell(
    settings: Settings, *, user_id: int, lang: str, name: str, staff: bool, lines=None, api_class: type | None = None
) -> int:
    from bot import aiogram_patches

    aiogram_patches.install()  # done by `python -m bot shell` already; here for other callers
    from bot.app import build_dispatcher, make_bot, set_commands
    from bot.process import make_runtime_services
    from bot.runtime import start_background, stop_background
    from storage.migrate import upgrade

    upgrade(settings.database_url)
    staff_id = settings.admin_ids[0] if settings.admin_ids else 1
    if not settings.admin_ids:
        settings = settings.model_copy(update={"admin_ids": [staff_id]})
    api = (api_class or local_bot_api())(LOCAL_TOKEN)
    await api.start()
    settings = settings.model_copy(update={"telegram_api_url": api.base_url, "bot_token": LOCAL_TOKEN})
    services = await make_runtime_services(settings)
    bot = make_bot(settings, LOCAL_TOKEN)
    dp = build_dispatcher(services)
    await set_commands(bot)
    background = await start_background(services, bot)
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, handle_as_tasks=False, polling_timeout=1))
    term = Terminal(api)
    current = staff_id if staff else user_id
    api.user(user_id, first_name=name, language_code=lang)
    api.user(staff_id, first_name="Staff", language_code="en")
    print(
        f"Local chat with the bot as {'staff' if staff else 'customer'} {current} "
        f"(database: {settings.database_url}). Type /quit to leave, ? for help. Logs: var/shell.log"
    )
    nlu_client = getattr(services.nlu, "client", None)
    if nlu_client is not None and await nlu_client.parse("hello") is None:
        print(
            f"NLU: no Rasa server answers at {settings.nlu_url}; free text is understood by keyword rules "
            "(stop, help, forget me) and everything else works with buttons."
        )
    loop = asyncio.get_running_loop()

    async def read() -> str | None:
        if lines is not None:
            return next(lines, None)
        try:
            return await loop.run_in_executor(None, input, "you> ")
        except EOFError:
            return None

    async def printer() -> None:
        while True:
            term.show_new(current)
            await asyncio.sleep(0.2)

    watcher = asyncio.create_task(printer())
    try:
        while True:
            line = await read()
            if line is None or line.strip() in ("/quit", "/exit"):
                break
            line = line.strip()
            if not line:
                continue
            if line == "?":
                print(HELP)
                continue
            if line.startswith("/as "):
                current = staff_id if line.split()[1] == "staff" else user_id
                print(f"(now chatting as {'staff' if current == staff_id else 'customer'} {current})")
                continue
            if line.startswith("/user ") and line.split()[1].isdigit():
                user_id = current = int(line.split()[1])
                api.user(user_id, first_name=name, language_code=lang)
                print(f"(now chatting as customer {current})")
                continue
            term.show_new(current)
            if re.fullmatch(r"#\d+", line):
                index = int(line[1:]) - 1
                if not 0 <= index < len(term.buttons):
                    print("(no such button)")
                    continue
                message_id, _, data = term.buttons[index]
                update = await api.press_button(current, message_id, data)
            else:
                update = await api.send_text(current, line)
            await wait_handled(api, update["update_id"])
            term.show_new(current)
    finally:
        watcher.cancel()
        with contextlib.suppress(RuntimeError):
            await dp.stop_polling()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(polling, 5)
        await stop_background(background)
        await bot.session.close()
        await services.close()
        await api.stop()
    return 0


async def wait_handled(api, update_id: int, timeout: float = 15.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while api.confirmed_offset <= update_id and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.05)  # let background sends (answers to callbacks) land
