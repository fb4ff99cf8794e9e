"""`python -m bot shell`: chat with the real bot in the terminal, like `rasa shell`.

The whole real pipeline runs: aiogram's HTTP session talks to the project's local Bot API
server on 127.0.0.1, the real handlers and the real database answer, and the scheduler and
sender run beside them. No token and no internet are needed.

The event loop (local Bot API, bot, scheduler) runs in a thread of its own and the terminal is
read in the main thread: line editing works, and one Ctrl-C (KeyboardInterrupt, which Python
delivers to the main thread) leaves at once, stopping everything in order.

The local Bot API is a development tool kept in the repository (devtools/localapi), not in
the installed package: the terminal chat runs from a checkout of the project.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import html
import os
import re
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.config import ROOT, Settings

LOCAL_TOKEN = "1000000:LOCAL-shell-token"
PROMPT = "you> "
HELP = """Type as the customer would. Special input:
  #N            press the button numbered [N]: any message's buttons still on screen
  /as staff     chat as a staff user (owner); /as customer to go back
  /user ID      chat as another customer (a new Telegram user id)
  /jobs         list the scheduled jobs (birthdays, gift_window, sequences, pause_end, ab_decide, lifecycle…)
  /jobs run NAME [TIME]
                run one now as if at TIME (ISO-8601, e.g. 2027-05-04T10:00+02:00, or +3d / +12h from now;
                default now) and deliver what it enqueued here, with the clock at that moment
  /quit         leave (Ctrl-D or Ctrl-C work too)
Files and photos the bot sends are saved under {downloads} (the path is shown).
Everything else, including /start, /preferences, /stop, /mydata, /forget, /help, goes to the bot."""
# How long the chat waits for a Rasa server started beside it (`make run`) before it starts anyway.
NLU_WAIT = 180.0
NLU_PROBE_EVERY = 2.0  # while the NLU does not answer, the chat asks again this often

_TAGS = re.compile(r"</?(b|i|u|s|code|pre|a|tg-spoiler|blockquote)[^>]*>")
_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")


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


@dataclass
class Options:
    """What `python -m bot shell` was asked for."""

    user: int = 100001
    lang: str | None = None  # None: a new customer gets the default language, a returning one keeps theirs
    name: str = "Alex"
    staff: bool = False
    wait_nlu: int | None = None  # the pid of a Rasa server starting beside the chat: wait until it answers
    downloads: Path = ROOT / "var" / "downloads"


def shell_command(settings: Settings, args) -> int:
    """`python -m bot shell`: the chat, or one line saying why it cannot start."""
    try:
        api_class = local_bot_api()
    except CheckoutNeeded as exc:
        print(exc, file=sys.stderr)
        return 2
    log_to_file(settings)
    options = Options(
        user=args.user,
        lang=args.lang,
        name=args.name,
        staff=args.staff,
        wait_nlu=getattr(args, "wait_nlu", None),
        downloads=Path(getattr(args, "downloads", None) or Options.downloads),
    )
    return Chat(settings, options, api_class=api_class).run()


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


def shown_path(path: Path) -> str:
    """The path as the user can type it: relative to the current directory when under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path.resolve())


class Screen:
    """The terminal's output. Messages that arrive while the user is typing are printed above the
    prompt, which is then shown again with what was typed so far (on a terminal)."""

    def __init__(self, out=None, *, tty: bool | None = None) -> None:
        self.out = out or sys.stdout
        self.tty = self.out.isatty() if tty is None else tty
        self.at_prompt = False
        self._lock = threading.Lock()

    def print(self, text: str = "") -> None:
        with self._lock:
            if self.at_prompt:
                self.out.write("\r\x1b[K" if self.tty else "\n")
            self.out.write(text + "\n")
            if self.at_prompt:
                self.out.write(PROMPT + (_typed_so_far() if self.tty else ""))
            self.out.flush()

    def status(self, text: str) -> None:
        """A line that the next status line replaces (a progress line; on a terminal only)."""
        if self.tty:
            with self._lock:
                self.out.write("\r\x1b[K" + text)
                self.out.flush()

    def end_status(self) -> None:
        if self.tty:
            with self._lock:
                self.out.write("\r\x1b[K")
                self.out.flush()


def _typed_so_far() -> str:
    try:
        import readline

        return readline.get_line_buffer()
    except Exception:  # noqa: BLE001 - no readline: nothing to show again
        return ""


def _line_editing():
    """On a terminal: line editing and the history of earlier chats (var/shell-history, arrow up);
    returns the function that saves the history, or None."""
    if not sys.stdin.isatty():
        return None
    try:
        import readline
    except ImportError:
        return None
    path = ROOT / "var" / "shell-history"
    with contextlib.suppress(OSError):
        readline.read_history_file(path)
    readline.set_history_length(1000)

    def save() -> None:
        with contextlib.suppress(OSError):
            readline.write_history_file(path)

    return save


def _keyboard(message: dict) -> list[list[dict]]:
    if message.get("deleted"):
        return []
    return (message.get("reply_markup") or {}).get("inline_keyboard") or []


class Terminal:
    """Shows what the bot sent (new messages, edits, deletions, files) and numbers every button.

    A button keeps its number for as long as its message is on screen, so the buttons of an
    older message can be pressed too; an edit of a keyboard keeps the numbers of its positions."""

    def __init__(self, api, screen: Screen | None = None, *, downloads: Path | None = None) -> None:
        self.api = api
        self.screen = screen or Screen()
        self.downloads = downloads or Options.downloads
        self.seen: dict[int, int] = {}  # chat -> how many of its messages were shown
        self.shown: dict[tuple[int, int], tuple[int, str, bool]] = {}  # (chat, message) -> (edits, body, deleted)
        self.numbers: dict[tuple[int, int, int], int] = {}  # (chat, message, position) -> number
        self.buttons: dict[int, tuple[int, int, int]] = {}  # number -> (chat, message, position)

    def show_new(self, chat_id: int) -> None:
        messages = self.api.sent(chat_id)
        start = self.seen.get(chat_id, 0)
        for message in messages[:start]:
            edits, _, deleted = self.shown.get((chat_id, message["message_id"]), (0, "", False))
            if len(message.get("edits") or ()) > edits or bool(message.get("deleted")) != deleted:
                self.show(chat_id, message)
        for message in messages[start:]:
            self.show(chat_id, message)
        self.seen[chat_id] = len(messages)

    def body(self, message: dict) -> str:
        if message.get("kind", "text") == "text":
            return plain(message.get("text", ""))
        name = message.get("file_name") or ""
        return f"[{message.get('kind')}: {name}] {plain(message.get('caption') or '')}".rstrip()

    def show(self, chat_id: int, message: dict) -> None:
        key = (chat_id, message["message_id"])
        body, deleted = self.body(message), bool(message.get("deleted"))
        before = self.shown.get(key)
        self.shown[key] = (len(message.get("edits") or ()), body, deleted)
        if before is None:
            lines = body.splitlines() or [""]
            if message.get("kind", "text") != "text":
                lines.append(self.save_file(message))
        elif deleted:
            lines = [f"(deleted: {_short(before[1])})"]
        elif body != before[1]:
            # An edit that changes the text (an answer added to its question): shown in full.
            lines = body.splitlines() or [""]
            lines[0] = "(edited) " + lines[0]
        elif _keyboard(message):
            lines = [f"(buttons changed: {_short(body)})"]
        else:
            lines = [f"(buttons removed: {_short(body)})"]
        out = ["bot> " + lines[0], *("     " + line for line in lines[1:])]
        for row in _rows_with_positions(_keyboard(message)):
            cells = []
            for index, button in row:
                number = self.numbers.get((*key, index))
                if number is None:
                    number = self.numbers[(*key, index)] = len(self.buttons) + 1
                    self.buttons[number] = (*key, index)
                label = button.get("text", "")
                if button.get("url"):
                    label += f" ({button['url']})"
                cells.append(f"[{number}] {label}")
            out.append("     " + "   ".join(cells))
        self.screen.print("\n".join(out))

    def save_file(self, message: dict) -> str:
        """Saves a document or photo the bot sent under `downloads`; the line that says where."""
        data = message.get("file_bytes")
        if data is None:
            return "(sent by URL, nothing to save)"
        raw = Path(str(message.get("file_name") or "")).name
        name = _UNSAFE_NAME.sub("_", raw).strip(" .") or f"{message.get('kind', 'file')}-{message['message_id']}"
        self.downloads.mkdir(parents=True, exist_ok=True)
        stem, suffix = os.path.splitext(name)
        path, n = self.downloads / name, 2
        while path.exists() and path.read_bytes() != data:  # an earlier, different file of that name stays
            path, n = self.downloads / f"{stem}-{n}{suffix}", n + 1
        path.write_bytes(data)
        return f"saved to {shown_path(path)}"

    def button(self, number: int, chat_id: int) -> tuple[int, str] | str:
        """(message id, callback data) of button [number], or why it cannot be pressed."""
        target = self.buttons.get(number)
        if target is None:
            return f"(no button [{number}])"
        chat, message_id, index = target
        if chat != chat_id:
            return f"(button [{number}] is in another chat)"
        message = next((m for m in self.api.sent(chat) if m["message_id"] == message_id), None)
        buttons = [button for row in _keyboard(message or {}) for button in row]
        if index >= len(buttons):
            return f"(button [{number}] is no longer on screen)"
        button = buttons[index]
        if "callback_data" not in button:
            return f"(button [{number}] is a link: {button.get('url') or button.get('text')})"
        return message_id, button["callback_data"]


def _rows_with_positions(rows: list[list[dict]]) -> list[list[tuple[int, dict]]]:
    out, index = [], 0
    for row in rows:
        cells = []
        for button in row:
            cells.append((index, button))
            index += 1
        out.append(cells)
    return out


def _short(text: str, width: int = 60) -> str:
    first = (text.splitlines() or [""])[0].strip()
    return first[:width] + ("…" if len(first) > width else "")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (exited, not yet reaped by its parent) has stopped too
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1] != "Z"
    except (OSError, IndexError):
        return True


class Chat:
    """One terminal chat: `run()` in the main thread; `start()`, `handle()` and `stop()` are
    coroutines of the chat's event loop (tests call them directly)."""

    def __init__(self, settings: Settings, options: Options, *, api_class: type | None = None, screen=None) -> None:
        self.settings = settings
        self.options = options
        self.api_class = api_class
        self.screen = screen or Screen()
        self.api = self.services = self.bot = self.dp = self.term = None
        self.background: list = []
        self.tasks: list[asyncio.Task] = []
        self.polling: asyncio.Task | None = None
        self.user_id = options.user
        self.staff_id = settings.admin_ids[0] if settings.admin_ids else 1
        self.current = self.staff_id if options.staff else self.user_id
        self.nlu_up: bool | None = None

    # ---- the main thread -------------------------------------------------------------------
    def run(self) -> int:
        loop = asyncio.new_event_loop()

        def serve() -> None:
            # Ctrl-C is for the main thread (the terminal): never delivered to the loop's thread.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
            asyncio.set_event_loop(loop)
            loop.run_forever()

        thread = threading.Thread(target=serve, name="shell-loop", daemon=True)
        thread.start()
        history = _line_editing()
        try:
            if self._call(loop, self.start()):
                while True:
                    line = self._read()
                    if line is None or not self._call(loop, self.handle(line)):
                        break
        except KeyboardInterrupt:
            self.screen.at_prompt = False
            self.screen.end_status()
            self.screen.print("")
        finally:
            self._finish(loop, thread)
            if history is not None:
                history()
        return 0

    def _read(self) -> str | None:
        self.screen.at_prompt = True
        try:
            line = input(PROMPT)
        except EOFError:
            self.screen.print("")
            return None
        finally:
            self.screen.at_prompt = False
        if not sys.stdin.isatty():  # piped input: the transcript shows what was sent
            self.screen.print(line)
        return line

    @staticmethod
    def _call(loop, coro) -> Any:
        future = asyncio.run_coroutine_threadsafe(coro, loop)
        try:
            return future.result()
        except KeyboardInterrupt:
            future.cancel()
            raise

    def _finish(self, loop, thread: threading.Thread) -> None:
        future = asyncio.run_coroutine_threadsafe(self.stop(), loop)
        while True:
            try:
                future.result(timeout=30)
                break
            except KeyboardInterrupt:
                continue  # already leaving: stopping takes a moment
            except (concurrent.futures.TimeoutError, Exception):  # noqa: BLE001 - leave all the same
                break
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        if not loop.is_running():
            loop.close()

    # ---- the chat's event loop -------------------------------------------------------------
    async def start(self) -> bool:
        from bot import aiogram_patches

        aiogram_patches.install()  # done by `python -m bot shell` already; here for other callers
        from bot.app import build_dispatcher, make_bot, set_commands
        from bot.process import make_runtime_services
        from bot.runtime import start_background
        from storage.migrate import upgrade

        settings = self.settings
        upgrade(settings.database_url)
        if not settings.admin_ids:
            settings = settings.model_copy(update={"admin_ids": [self.staff_id]})
        self.api = (self.api_class or local_bot_api())(LOCAL_TOKEN)
        await self.api.start()
        settings = settings.model_copy(update={"telegram_api_url": self.api.base_url, "bot_token": LOCAL_TOKEN})
        self.settings = settings
        self.services = await make_runtime_services(settings)
        self.bot = make_bot(settings, LOCAL_TOKEN)
        self.dp = build_dispatcher(self.services)
        await set_commands(self.bot)
        self.background = await start_background(self.services, self.bot)
        self.polling = asyncio.create_task(
            self.dp.start_polling(self.bot, handle_signals=False, handle_as_tasks=False, polling_timeout=1)
        )
        self.term = Terminal(self.api, self.screen, downloads=self.options.downloads)
        await self._meet(self.user_id)
        self.api.user(self.staff_id, first_name="Staff", language_code=self.options.lang or "en")
        who = "staff" if self.current == self.staff_id else "customer"
        self.screen.print(
            f"Local chat with the bot as {who} {self.current} (database: {settings.database_url}). "
            f"Type /quit or press Ctrl-C to leave, ? for help. Logs: var/shell.log"
        )
        await self._wait_for_nlu()
        self.tasks.append(asyncio.create_task(self._show_arrivals()))
        if self.nlu_up is not None:
            self.tasks.append(asyncio.create_task(self._watch_nlu()))
        return True

    async def _meet(self, user_id: int) -> None:
        """The customer's Telegram account; with --lang, their language even if they were here before."""
        from bot.consent.scopes import DEFAULT_LANGUAGE
        from storage.models import Customer

        lang = self.options.lang
        self.api.user(user_id, first_name=self.options.name, language_code=lang or DEFAULT_LANGUAGE)
        if lang is None:
            return
        async with self.services.sessions() as session, session.begin():
            customer = await session.get(Customer, user_id)
            if customer is not None and customer.language != lang:
                customer.language = lang

    async def handle(self, line: str) -> bool:
        """One line typed; False: leave."""
        line = line.strip()
        if line in ("/quit", "/exit"):
            return False
        if not line:
            return True
        if line == "?":
            self.screen.print(HELP.format(downloads=shown_path(self.options.downloads) + "/"))
            return True
        if line.startswith("/as ") and line.split()[1] in ("staff", "customer"):
            self.current = self.staff_id if line.split()[1] == "staff" else self.user_id
            self.screen.print(f"(now chatting as {'staff' if self.current == self.staff_id else 'customer'})")
            self.term.show_new(self.current)
            return True
        if line == "/jobs" or line.startswith("/jobs "):
            await self.jobs(line.split()[1:])
            return True
        if line.startswith("/user ") and line.split()[1].isdigit():
            self.user_id = self.current = int(line.split()[1])
            await self._meet(self.user_id)
            self.screen.print(f"(now chatting as customer {self.current})")
            self.term.show_new(self.current)
            return True
        self.term.show_new(self.current)
        if re.fullmatch(r"#\d+", line):
            found = self.term.button(int(line[1:]), self.current)
            if isinstance(found, str):
                self.screen.print(found)
                return True
            update = await self.api.press_button(self.current, *found)
        else:
            update = await self.api.send_text(self.current, line)
        await wait_handled(self.api, update["update_id"])
        self.term.show_new(self.current)
        return True

    async def jobs(self, words: list[str]) -> None:
        """`/jobs`: the job names; `/jobs run NAME [TIME]`: the job as if at TIME, its messages delivered
        here by a sender whose clock starts at TIME (bot/jobs_cli.py, as `python -m bot jobs run`)."""
        from bot.jobs_cli import JobRequestError, check_name, job_names, parse_when, replay

        if not words:
            self.screen.print("jobs: " + ", ".join(job_names()) + " (/jobs run NAME [ISO-8601 time | +Nd | +Nh])")
            return
        if words[0] != "run" or len(words) not in (2, 3):
            self.screen.print("(usage: /jobs, or /jobs run NAME [ISO-8601 time | +Nd | +Nh])")
            return
        try:
            name, at = check_name(words[1]), parse_when(words[2] if len(words) == 3 else None)
        except JobRequestError as exc:
            self.screen.print(f"({exc})")
            return
        self.term.show_new(self.current)
        own = self.services.extra.get("sender")
        # The chat's own sender (real time) claims nothing while this one drains with its clock.
        try:
            async with own.rounds if own is not None else contextlib.nullcontext():
                summary = await replay(self.services, self.bot, name, at, recover=False)
        except Exception as exc:  # noqa: BLE001 - the chat goes on; the traceback is in the log
            import logging

            logging.getLogger(__name__).exception("/jobs run %s", name)
            summary = f"{name} failed: {type(exc).__name__}: {exc} (var/shell.log has the details)"
        self.term.show_new(self.current)
        self.screen.print(f"({summary})")

    async def _show_arrivals(self) -> None:
        """Messages the bot sends on its own (the scheduler, a campaign) appear as they come."""
        while True:
            await asyncio.sleep(0.2)
            self.term.show_new(self.current)

    def _nlu_client(self):
        return getattr(self.services.nlu, "client", None) if self.services else None

    async def _wait_for_nlu(self) -> None:
        """Ask the NLU once; with `wait_nlu` (a Rasa server starting beside, `make run`), wait until it
        answers, it exits or NLU_WAIT passes, with one progress line."""
        client = self._nlu_client()
        if client is None or not hasattr(client, "probe"):
            return
        url = self.settings.nlu_url
        self.nlu_up = await client.probe()
        pid = self.options.wait_nlu
        if self.nlu_up:
            self.screen.print(f"NLU: the Rasa server at {url} answers: free text is understood.")
            return
        if pid is not None:
            loop = asyncio.get_running_loop()
            began = loop.time()
            waiting = f"NLU: waiting for the Rasa server at {url} to load its model"
            if not self.screen.tty:
                self.screen.print(waiting + "…")
            while not self.nlu_up:
                waited = loop.time() - began
                if not _running(pid):
                    self.screen.end_status()
                    self.screen.print(
                        "NLU: the Rasa server stopped before it answered (`make run` logs it in var/rasa.log)."
                    )
                    break
                if waited > NLU_WAIT:
                    self.screen.end_status()
                    self.screen.print(f"NLU: the Rasa server gave no answer in {waited:.0f} s.")
                    break
                self.screen.status(f"{waiting}… {waited:.0f} s (Ctrl-C leaves)")
                await asyncio.sleep(1.0)
                self.nlu_up = await client.probe()
            else:
                self.screen.end_status()
                self.screen.print(
                    f"NLU: the Rasa server answered after {loop.time() - began:.0f} s: free text is understood."
                )
                return
        self.screen.print(
            f"NLU: no Rasa server answers at {url} yet; free text is understood by keyword rules "
            "(stop, help, forget me) and everything else works with buttons. This chat says so when it answers."
        )

    async def _watch_nlu(self) -> None:
        """Say when the NLU starts (or stops) answering; the bot's client uses it from that moment."""
        client = self._nlu_client()
        url = self.settings.nlu_url
        while True:
            await asyncio.sleep(NLU_PROBE_EVERY)
            if self.nlu_up and client.available:
                continue  # answering: the messages themselves show when it stops
            up = await client.probe()
            if up and not self.nlu_up:
                self.screen.print(f"NLU: the Rasa server at {url} answers now: free text is understood.")
            elif self.nlu_up and not up:
                self.screen.print(f"NLU: the Rasa server at {url} stopped answering; keyword rules and buttons only.")
            self.nlu_up = up

    async def stop(self) -> None:
        """Stops whatever `start` got to start, in reverse order (also after a Ctrl-C during it)."""
        import logging

        from bot.runtime import stop_background

        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        if self.dp is not None:
            with contextlib.suppress(RuntimeError):
                await self.dp.stop_polling()
        if self.polling is not None:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(self.polling, 5)
        steps = (
            (self.background, lambda: stop_background(self.background)),
            (self.bot, lambda: self.bot.session.close()),
            (self.services, lambda: self.services.close()),
            (self.api, lambda: self.api.stop()),
        )
        for started, step in steps:
            if started:
                try:
                    await step()
                except Exception:  # noqa: BLE001 - the rest is stopped all the same
                    logging.getLogger(__name__).exception("stopping the chat")


async def wait_handled(api, update_id: int, timeout: float = 15.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while api.confirmed_offset <= update_id and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.05)  # let background sends (answers to callbacks) land
