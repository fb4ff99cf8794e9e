"""A local Telegram Bot API server for the terminal chat, end-to-end tests and benchmarks.

The real aiogram `Bot` talks to it over HTTP exactly as to api.telegram.org::

    async with LocalBotAPI("42:TOKEN") as api:
        bot = Bot("42:TOKEN", session=AiohttpSession(api=TelegramAPIServer.from_base(api.base_url)))
        api.user(7, first_name="Ann")
        update = await api.send_text(7, "/start")       # the bot receives it via getUpdates/webhook
        await api.wait_processed(update["update_id"])   # the bot confirmed it (next getUpdates offset)
        api.sent(7)                                     # what the bot sent to Ann

Requests: `GET|POST {base}/bot{token}/{method}` with query, JSON, urlencoded or multipart
bodies (files as `attach://name` parts, nested objects as JSON strings, as aiogram sends
them).  Answers: `{"ok": true, "result": ...}` or `{"ok": false, "error_code": N,
"description": ..., "parameters": {"retry_after": N}}` with Telegram's status codes and
texts.  The simulation side (users, injected updates, faults, what the bot sent) is a
Python API and, for other processes, JSON endpoints under `/_test/` (see `_TEST_ACTIONS`),
plus one streaming endpoint, `/_test/chat_call_stream` (see `_handle_chat_call_stream`).

Where the bot relies on it, the server refuses what Telegram refuses, with Telegram's status
and description (tests/test_localapi_fidelity.py): parse_mode texts (HTML as tdlib reads it,
plus the documented "&" rule; MarkdownV2; Markdown) -> 400 "can't parse entities: ...";
lengths after parsing in UTF-16 units; inline buttons (callback_data 1-64 bytes, text);
identical edits ("message is not modified"), edits and deletes of missing or deleted
messages; 403 for blocked or deleted users; 429 with retry_after; 5xx as JSON or as a
proxy's HTML page. Callback queries carry an InaccessibleMessage (date 0) for deleted,
inaccessible or old messages (`delete_message`, `make_inaccessible`, `age_messages`).
"""
from __future__ import annotations

import asyncio
import base64
import collections
import contextlib
import copy
import functools
import http
import itertools
import json
import logging
import math
import mimetypes
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self

import orjson
from aiohttp import ClientSession, ClientTimeout, MultipartReader, web
from aiohttp.web_request import FileField

from .html import EntityParseError, parse_html, utf16_len
from .markdown import parse_markdown, parse_markdown_v2

__all__ = ["BotAPIError", "LocalBotAPI", "SimUser"]

log = logging.getLogger("devtools.localapi")

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
MAX_UPLOAD = 50 * 1024 * 1024
# Telegram sends every update type except these unless allowed_updates lists them.
_NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_BOT_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_UNSET: Any = object()

_MEDIA_METHODS = {  # method -> (parameter holding the file, kind)
    "sendPhoto": "photo", "sendDocument": "document", "sendAudio": "audio", "sendVideo": "video",
    "sendAnimation": "animation", "sendVoice": "voice", "sendSticker": "sticker", "sendVideoNote": "video_note",
}
_DEFAULT_MIME = {"photo": "image/jpeg", "voice": "audio/ogg", "audio": "audio/mpeg", "video": "video/mp4",
                 "animation": "video/mp4", "video_note": "video/mp4", "sticker": "image/webp",
                 "document": "application/octet-stream"}
_DEFAULT_EXT = {"photo": "jpg", "voice": "ogg", "audio": "mp3", "video": "mp4", "animation": "mp4",
                "video_note": "mp4", "sticker": "webp", "document": "bin"}
# Calls that put a message into a chat: faults (fail_next, delay, storm) and limits apply to them.
SEND_METHODS = frozenset({"sendMessage", *_MEDIA_METHODS})


class BotAPIError(Exception):
    """A Bot API error answer: HTTP status = error_code, Telegram's description. With `html`
    set, the HTTP answer is that text as text/html instead of JSON (what a proxy in front of
    the Bot API answers when the server behind it is down: nginx's 502 page)."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None,
                 html: str | None = None) -> None:
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description
        self.retry_after = retry_after
        self.html = html

    def payload(self) -> dict:
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def _bad(description: str) -> BotAPIError:
    return BotAPIError(400, f"Bad Request: {description}")


def _button_error(description: str) -> BotAPIError:
    return _bad(f"can't parse inline keyboard button: {description}")


# Telegram's own wording for the common refusals (the fidelity tests check them).
NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are exactly the same as a "
                "current content and reply markup of the message")
BLOCKED = "Forbidden: bot was blocked by the user"
DEACTIVATED = "Forbidden: user is deactivated"
# A message older than this can't be deleted (Bot API deleteMessage: "less than 48 hours ago").
DELETE_WINDOW_S = 48 * 3600


def proxy_error_page(status: int) -> str:
    """The HTML page nginx answers with when the Bot API server behind it fails (502, 504...)."""
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return (f"<html>\r\n<head><title>{status} {phrase}</title></head>\r\n<body>\r\n"
            f"<center><h1>{status} {phrase}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")


@dataclass
class Fault:
    """An injected failure: the next call of one of `methods` (None: the send methods) answers
    `status` with Telegram's JSON, or with a proxy's HTML page when body == "html"."""

    status: int = 500
    body: str = "json"
    methods: frozenset[str] | None = None
    retry_after: int | None = None
    description: str | None = None

    def applies_to(self, method: str) -> bool:
        if self.methods is None:
            return method in SEND_METHODS
        return "*" in self.methods and method != "getUpdates" or method in self.methods

    def error(self) -> BotAPIError:
        retry_after = self.retry_after if self.retry_after is not None else (1 if self.status == 429 else None)
        description = self.description or _status_text(self.status, retry_after)
        html = proxy_error_page(self.status) if self.body == "html" else None
        return BotAPIError(self.status, description, retry_after=retry_after, html=html)


@dataclass
class Upload:
    filename: str
    data: bytes
    content_type: str | None = None


@dataclass
class SimUser:
    """A simulated Telegram user; their private chat with the bot has chat id == user id."""

    api: LocalBotAPI = field(repr=False)
    id: int
    first_name: str = "Ann"
    language_code: str | None = "en"
    username: str | None = None
    last_name: str | None = None
    is_premium: bool | None = None

    def to_dict(self) -> dict:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        if self.is_premium:
            data["is_premium"] = True
        return data

    def chat(self) -> dict:
        data: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        return data

    # Conveniences: the same as the LocalBotAPI methods for this user.
    async def say(self, text: str, **kwargs: Any) -> dict:
        return await self.api.send_text(self.id, text, **kwargs)

    async def press(self, label: str) -> dict:
        return await self.api.press(self.id, label)

    def sent(self) -> list[dict]:
        return self.api.sent(self.id)

    def last(self) -> dict | None:
        return self.api.last(self.id)


class _RateWindow:
    """Sliding-window counter: at most `rate` events per second, measured over
    max(1 s, 1/rate s) so that rates below 1/s (e.g. 20/min) work too."""

    __slots__ = ("capacity", "stamps", "window")

    def __init__(self, rate: float) -> None:
        self.window = 1.0 if rate >= 1 else 1.0 / rate
        self.capacity = max(1, round(rate * self.window))
        self.stamps: collections.deque[float] = collections.deque()

    def retry_after(self, now: float) -> int | None:
        """None if one more event fits now, else the seconds to wait (Telegram's integer)."""
        stamps = self.stamps
        edge = now - self.window
        while stamps and stamps[0] <= edge:
            stamps.popleft()
        if len(stamps) < self.capacity:
            return None
        return max(1, math.ceil(stamps[0] + self.window - now))

    def add(self, now: float) -> None:
        self.stamps.append(now)


class LocalBotAPI:
    """Telegram Bot API over HTTP on 127.0.0.1 plus a simulation API. See the module doc."""

    def __init__(self, token: str | None = None, *, enforce_limits: bool = False, global_rate: int = 30,
                 per_chat_rate: float = 1.0, host: str = "127.0.0.1", port: int = 0,
                 bot_first_name: str = "Local Bot", bot_username: str = "local_test_bot",
                 strict_html: bool = True, strict_ampersand: bool = True,
                 inaccessible_after_hours: float | None = 48.0) -> None:
        self.token = token
        self.enforce_limits = enforce_limits
        self.global_rate = global_rate
        self.per_chat_rate = per_chat_rate
        self.host = host
        self.port = port
        self.bot_first_name = bot_first_name
        self.bot_username = bot_username
        self.strict_html = strict_html  # parse_mode texts are checked like Telegram does
        # A bare "&" in HTML text is refused (the documented rule; tdlib itself keeps it): see html.py.
        self.strict_ampersand = strict_ampersand
        # A button pressed under a message older than this comes with an InaccessibleMessage
        # (None: never); messages get old through age_messages().
        self.inaccessible_after_hours = inaccessible_after_hours
        self.base_url = ""
        self._runner: web.AppRunner | None = None
        self._client: ClientSession | None = None
        self._webhook_task: asyncio.Task | None = None
        self._closing = False
        self._waiters: list[tuple[Callable[[], bool], asyncio.Future]] = []
        # Subscribers of /_test/chat_call_stream; they outlive clear() (told by a reset line).
        self._call_streams: list[_CallStream] = []
        # Time for rate limits, storms and send_times(); tests may replace it with a fake clock.
        self.clock: Callable[[], float] = time.monotonic
        self.clear(users=True)

    # ------------------------------------------------------------------ lifecycle
    def clear(self, *, users: bool = False) -> None:
        """Forget updates, messages, calls, faults and stats (and users/webhook with users=True)."""
        if users:
            self.users: dict[int, SimUser] = {}
            self.blocked: set[int] = set()
            self._block_reason: dict[int, str] = {}
            self.webhook: dict[str, Any] = {"url": "", "secret_token": None, "allowed_updates": None,
                                            "max_connections": 40}
            self.commands_by_scope: dict[tuple[str, str], list[dict]] = {}
            self.bot_settings: dict[str, Any] = {}
            # Ids keep growing across clear(): the bot's getUpdates offset and its stored
            # message ids stay meaningful.
            self._update_ids = itertools.count(1)
            self.confirmed_offset = 0
            self._allowed_updates: frozenset[str] | None = None
            self._next_message_id: dict[int, int] = {}
            self._file_ids = itertools.count(1)
            self._callback_ids = itertools.count(1)
        self._pending: collections.deque[dict] = collections.deque()
        self._messages: dict[tuple[int, int], dict] = {}  # (chat, message id) -> Message dict (both sides)
        self._sent: dict[int, list[dict]] = {}
        self._send_times: list[float] = []
        self._files: dict[str, dict] = {}
        self._open_callbacks: dict[str, dict] = {}
        self.calls: list[tuple[str, dict, float]] = []
        # Per chat: clock() of every successful call addressed to it (answers to its button
        # presses included), and who waits for how many (cheap waiting for load benchmarks).
        self.chat_calls: dict[int, list[float]] = collections.defaultdict(list)
        self._chat_waiters: dict[int, list[tuple[int, asyncio.Future]]] = {}
        for stream in self._call_streams:
            stream.push(_STREAM_RESET)
        self.answered_callbacks: list[dict] = []
        self.stats: collections.Counter[str] = collections.Counter()
        self.webhook_deliveries: list[dict] = []
        self._fail_next: list[Fault] = []  # the next failing calls, in order
        self._delay = 0.0
        self._storm_until = 0.0
        self._storm_retry_after = 1
        self._global_window = _RateWindow(self.global_rate)
        self._chat_windows: dict[int, _RateWindow] = {}

    async def start(self) -> Self:
        self._closing = False
        app = web.Application(client_max_size=MAX_UPLOAD)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_get("/_test/chat_call_stream", self._handle_chat_call_stream)
        app.router.add_route("*", "/_test/{action}", self._handle_test)
        app.router.add_route("*", "/_test/{action}/{arg}", self._handle_test)
        app.router.add_route("*", "/{tail:.*}", _not_found)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.port = port
        self.base_url = f"http://{host}:{port}"
        self._client = ClientSession()
        if self.webhook["url"]:
            self._ensure_webhook_worker()
        return self

    async def stop(self) -> None:
        self._closing = True
        self._notify()  # long polls return at once
        for stream in self._call_streams:
            stream.push("")  # wakes it up to see _closing and end its response
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._webhook_task
            self._webhook_task = None
        if self._client is not None:
            await self._client.close()
            self._client = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ waiting
    def _notify(self) -> None:
        if not self._waiters:
            return
        for predicate, future in self._waiters:
            if not future.done() and (self._closing or predicate()):
                future.set_result(None)

    async def _wait_until(self, predicate: Callable[[], bool], timeout: float | None, what: str = "") -> bool:
        """Wait until predicate() is true (re-checked whenever state changes). False on timeout
        unless `what` is given, then TimeoutError."""
        if predicate():
            return True
        if self._closing:
            return False
        future = asyncio.get_running_loop().create_future()
        entry = (predicate, future)
        self._waiters.append(entry)
        try:
            await asyncio.wait_for(future, timeout)
        except TimeoutError:
            if what:
                raise TimeoutError(f"timed out after {timeout}s waiting for {what}") from None
            return False
        finally:
            self._waiters.remove(entry)
        return predicate()

    async def wait_for(self, chat_id: int, count: int = 1, timeout: float = 5.0) -> list[dict]:
        """Wait until the bot has sent at least `count` messages (in total) to the chat."""
        await self._wait_until(lambda: len(self._sent.get(chat_id, ())) >= count, timeout,
                               f"{count} message(s) to chat {chat_id} (have {len(self._sent.get(chat_id, ()))})")
        return self.sent(chat_id)

    async def wait_for_text(self, chat_id: int, substring: str, timeout: float = 5.0, *, since: int = 0) -> dict:
        """Wait until a message to the chat (index >= since) has `substring` in its text or caption
        (current text, edits included); returns that message record."""
        found: list[dict] = []

        def check() -> bool:
            for record in self._sent.get(chat_id, [])[since:]:
                if substring in (record.get("text") or "") or substring in (record.get("caption") or ""):
                    found.append(record)
                    return True
            return False

        try:
            await self._wait_until(check, timeout, f"{substring!r} in chat {chat_id}")
        except TimeoutError as exc:
            texts = [r.get("text") or r.get("caption") for r in self._sent.get(chat_id, [])[-5:]]
            raise TimeoutError(f"{exc}; last messages: {texts}") from None
        return found[-1]

    async def wait_processed(self, update_id: int, timeout: float = 10.0) -> None:
        """Wait until the bot confirmed the update: a getUpdates offset above it, or a 2xx answer
        from its webhook."""
        await self._wait_until(lambda: self.confirmed_offset > update_id, timeout,
                               f"update {update_id} to be confirmed (confirmed offset {self.confirmed_offset})")

    # ------------------------------------------------------------------ reading what the bot did
    def sent(self, chat_id: int) -> list[dict]:
        """Messages the bot sent to the chat, oldest first (records, see `_record`)."""
        return list(self._sent.get(chat_id, ()))

    def last(self, chat_id: int) -> dict | None:
        messages = self._sent.get(chat_id)
        return messages[-1] if messages else None

    def send_times(self) -> list[float]:
        """`clock()` (time.monotonic by default) of every successful message send, in order."""
        return list(self._send_times)

    def calls_to(self, method: str) -> list[dict]:
        return [params for name, params, _ in self.calls if name == method]

    def commands(self, scope: dict | None = None, language_code: str = "") -> list[dict]:
        return list(self.commands_by_scope.get((_scope_key(scope), language_code), []))

    def file(self, file_id: str) -> dict | None:
        """A stored file: {file_id, file_unique_id, data, file_name, mime_type, file_path}."""
        return self._files.get(file_id)

    @property
    def pending_updates(self) -> list[dict]:
        return list(self._pending)

    # ------------------------------------------------------------------ users and injected updates
    def user(self, user_id: int, first_name: str = _UNSET, language_code: str | None = _UNSET,
             username: str | None = _UNSET, *, last_name: str | None = _UNSET,
             is_premium: bool | None = _UNSET) -> SimUser:
        """Create the user (defaults: Ann, "en") or update the given fields of an existing one."""
        user = self.users.get(user_id)
        if user is None:
            user = self.users[user_id] = SimUser(self, user_id)
        for name, value in (("first_name", first_name), ("language_code", language_code),
                            ("username", username), ("last_name", last_name), ("is_premium", is_premium)):
            if value is not _UNSET:
                setattr(user, name, value)
        return user

    def _user(self, user_id: int) -> SimUser:
        return self.users.get(user_id) or self.user(user_id)

    def _new_message_id(self, chat_id: int) -> int:
        value = self._next_message_id.get(chat_id, 0) + 1
        self._next_message_id[chat_id] = value
        return value

    def inject_update(self, update: dict, *, queue: bool = True) -> dict:
        """Queue a raw update (any type); update_id is assigned. Delivered by getUpdates or webhook.
        Like Telegram, a type the bot excluded with allowed_updates (its last getUpdates/setWebhook)
        is not stored at all: the update is returned with update_id 0 and counted in
        stats["dropped_updates"]. queue=False only builds it: the caller delivers it itself (a
        load generator posting to several webhook replicas, as a load balancer would)."""
        body = {k: v for k, v in update.items() if k != "update_id"}
        if not self._allowed(body):
            self.stats["dropped_updates"] += 1
            return {"update_id": 0, **body}
        update = {"update_id": next(self._update_ids), **body}
        if not queue:
            return update
        self._pending.append(update)
        self.stats["updates"] += 1
        self._notify()
        return update

    def _user_message(self, user_id: int, content: dict, reply_to: int | None = None) -> dict:
        user = self._user(user_id)
        message = {"message_id": self._new_message_id(user_id), "from": user.to_dict(), "chat": user.chat(),
                   "date": int(time.time()), **content}
        if reply_to is not None:
            original = self._messages.get((user_id, reply_to))
            if original is not None:
                message["reply_to_message"] = _without_reply(original)
        self._messages[(user_id, message["message_id"])] = message
        return message

    async def send_text(self, user_id: int, text: str, *, reply_to: int | None = None, queue: bool = True) -> dict:
        """The user writes `text` to the bot (commands get a bot_command entity). Returns the update."""
        content: dict[str, Any] = {"text": text}
        command = _BOT_COMMAND.match(text)
        if command:
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}]
        return self.inject_update({"message": self._user_message(user_id, content, reply_to)}, queue=queue)

    def _user_file(self, kind: str, data: bytes | None, file_name: str | None, mime_type: str | None) -> dict:
        data = data if data is not None else secrets.token_bytes(64)
        return self._store_file(kind, data, file_name, mime_type)

    async def send_sticker(self, user_id: int, emoji: str = "🙂", *, set_name: str | None = None) -> dict:
        stored = self._user_file("sticker", None, None, None)
        sticker = {**_file_ref(stored), "type": "regular", "width": 512, "height": 512, "is_animated": False,
                   "is_video": False, "emoji": emoji}
        if set_name:
            sticker["set_name"] = set_name
        return self.inject_update({"message": self._user_message(user_id, {"sticker": sticker})})

    async def send_photo(self, user_id: int, caption: str | None = None, *, data: bytes | None = None,
                         width: int = 1280, height: int = 960) -> dict:
        stored = self._user_file("photo", data, None, None)
        content: dict[str, Any] = {"photo": _photo_sizes(stored, width, height)}
        if caption:
            content["caption"] = caption
        return self.inject_update({"message": self._user_message(user_id, content)})

    async def send_voice(self, user_id: int, duration: int = 3, *, data: bytes | None = None) -> dict:
        stored = self._user_file("voice", data, None, "audio/ogg")
        voice = {**_file_ref(stored), "duration": duration, "mime_type": "audio/ogg"}
        return self.inject_update({"message": self._user_message(user_id, {"voice": voice})})

    async def send_document(self, user_id: int, data: bytes = b"hello\n", file_name: str = "file.txt",
                            mime_type: str | None = None, caption: str | None = None) -> dict:
        stored = self._user_file("document", data, file_name, mime_type)
        content: dict[str, Any] = {"document": _document(stored)}
        if caption:
            content["caption"] = caption
        return self.inject_update({"message": self._user_message(user_id, content)})

    async def send_location(self, user_id: int, latitude: float = 50.45, longitude: float = 30.52) -> dict:
        content = {"location": {"latitude": latitude, "longitude": longitude}}
        return self.inject_update({"message": self._user_message(user_id, content)})

    async def send_contact(self, user_id: int, phone_number: str = "+380000000000",
                           first_name: str | None = None) -> dict:
        """The user shares their own contact (as with a request_contact keyboard button)."""
        user = self._user(user_id)
        contact = {"phone_number": phone_number, "first_name": first_name or user.first_name, "user_id": user_id}
        return self.inject_update({"message": self._user_message(user_id, {"contact": contact})})

    async def press_button(self, user_id: int, message_id: int, callback_data: str, *, queue: bool = True) -> dict:
        """The user presses an inline button with `callback_data` under message `message_id` of
        their chat (the data is not checked against the keyboard: forged presses are possible).

        Like Telegram, the callback query carries an InaccessibleMessage
        (`{"chat": ..., "message_id": ..., "date": 0}`) instead of the message when the message
        was deleted (deleteMessage, `delete_message()`), never existed, was made inaccessible
        (`make_inaccessible()`), or is older than `inaccessible_after_hours` (`age_messages()`)."""
        user = self._user(user_id)
        message = self._messages.get((user_id, message_id))
        if message is None or not self._accessible(user_id, message_id, message):
            message = {"chat": user.chat(), "message_id": message_id, "date": 0}
        query_id = f"{next(self._callback_ids)}{secrets.randbelow(10**6):06d}"
        query = {"id": query_id, "from": user.to_dict(), "message": _copy_json(message),
                 "chat_instance": str(4_000_000_000_000_000 + user_id), "data": callback_data}
        self._open_callbacks[query_id] = {"user_id": user_id, "message_id": message_id, "data": callback_data}
        return self.inject_update({"callback_query": query}, queue=queue)

    def _accessible(self, chat_id: int, message_id: int, message: dict) -> bool:
        record = self._record(chat_id, message_id)
        if record is not None and record.get("inaccessible"):
            return False
        hours = self.inaccessible_after_hours
        return hours is None or message.get("date", 0) > time.time() - hours * 3600

    async def press(self, user_id: int, text: str, *, queue: bool = True, message_id: int | None = None) -> dict:
        """Press the inline button labelled `text` (exact, else containing it) on the newest bot
        message to the user that has one. With `message_id`, on that message only, even when it
        was deleted (a device that still shows it): the bot then gets an InaccessibleMessage."""
        available: list[str] = []
        for record in reversed(self._sent.get(user_id, [])):
            if message_id is not None and record["message_id"] != message_id:
                continue
            if record["deleted"] and message_id is None:
                continue
            rows = (record.get("reply_markup") or {}).get("inline_keyboard") or []
            buttons = [b for row in rows for b in row]
            match = next((b for b in buttons if b.get("text") == text), None) or \
                next((b for b in buttons if text in b.get("text", "")), None)
            if match is not None:
                if "callback_data" not in match:
                    raise LookupError(f"button {match.get('text')!r} in message {record['message_id']} has no "
                                      f"callback_data (it is {sorted(set(match) - {'text'})})")
                return await self.press_button(user_id, record["message_id"], match["callback_data"], queue=queue)
            if len(available) < 30:
                available.extend(f"#{record['message_id']}: {b.get('text')!r}" for b in buttons)
        raise LookupError(f"no inline button {text!r} in the bot's messages to chat {user_id}; "
                          f"available (newest first): {available or 'none'}")

    # ------------------------------------------------------------------ messages changed by the user or by time
    def _target(self, chat_id: int, message_id: int | None) -> dict:
        """The record of the bot's message `message_id` in the chat (None: the newest one)."""
        records = self._sent.get(chat_id, [])
        if message_id is None:
            record = next((r for r in reversed(records) if not r["deleted"]), None)
        else:
            record = self._record(chat_id, message_id)
        if record is None:
            raise LookupError(f"no message {message_id if message_id is not None else '(any)'} from the bot "
                              f"in chat {chat_id}")
        return record

    def delete_message(self, chat_id: int, message_id: int | None = None) -> dict:
        """The message is deleted in the chat (the user deleted it, or Telegram did): from now on
        the bot's edits and deletes of it get "message to edit/delete not found", and a press of
        one of its buttons (`press(..., message_id=...)`, `press_button`) reaches the bot with
        an InaccessibleMessage. Default: the newest bot message not deleted yet."""
        record = self._target(chat_id, message_id)
        record["deleted"] = True
        self._messages.pop((chat_id, record["message_id"]), None)
        self._notify()
        return {"chat_id": chat_id, "message_id": record["message_id"]}

    def make_inaccessible(self, chat_id: int, message_id: int | None = None) -> dict:
        """The message stays in the chat (its buttons can be pressed, the bot can still edit or
        delete it), but Telegram no longer shows it to the bot: callback queries from its
        buttons carry an InaccessibleMessage (date 0), as for old messages. Default: the newest
        bot message not deleted."""
        record = self._target(chat_id, message_id)
        record["inaccessible"] = True
        return {"chat_id": chat_id, "message_id": record["message_id"]}

    def age_messages(self, chat_id: int, hours: float, message_id: int | None = None) -> list[int]:
        """Move the `date` of the chat's messages (both sides; or of one message) `hours` into
        the past. Older than `inaccessible_after_hours` (48 by default): presses of their
        buttons carry an InaccessibleMessage; older than 48 hours: deleteMessage answers
        "message can't be deleted for everyone". Returns the ids moved."""
        shift = int(hours * 3600)
        moved = []
        for (chat, mid), message in self._messages.items():
            if chat == chat_id and (message_id is None or mid == message_id):
                message["date"] -= shift
                moved.append(mid)
        for record in self._sent.get(chat_id, []):
            if message_id is None or record["message_id"] == message_id:
                record["date"] -= shift
                if record["message_id"] not in moved:
                    moved.append(record["message_id"])
        if not moved:
            raise LookupError(f"no message {message_id} in chat {chat_id}")
        return sorted(moved)

    def set_inaccessible_after(self, hours: float | None) -> None:
        self.inaccessible_after_hours = hours

    # ------------------------------------------------------------------ faults
    def block(self, user_id: int, *, notify: bool = False, reason: str = "blocked") -> None:
        """The user blocks the bot: sends to them get 403 "Forbidden: bot was blocked by the
        user" (reason="deactivated": "Forbidden: user is deactivated", a deleted account).
        notify=True also queues the my_chat_member update Telegram sends (status kicked)."""
        if reason not in ("blocked", "deactivated"):
            raise ValueError(f"reason must be 'blocked' or 'deactivated', not {reason!r}")
        self.blocked.add(user_id)
        self._block_reason[user_id] = reason
        if notify:
            self._member_update(user_id, "member", "kicked")

    def unblock(self, user_id: int, *, notify: bool = False) -> None:
        self.blocked.discard(user_id)
        self._block_reason.pop(user_id, None)
        if notify:
            self._member_update(user_id, "kicked", "member")

    def _member_update(self, user_id: int, old: str, new: str) -> dict:
        user = self._user(user_id)
        bot = self.bot_user()
        member = {"status": new, "user": bot}
        if new == "kicked":
            member["until_date"] = 0
        return self.inject_update({"my_chat_member": {
            "chat": user.chat(), "from": user.to_dict(), "date": int(time.time()),
            "old_chat_member": {"status": old, "user": bot, **({"until_date": 0} if old == "kicked" else {})},
            "new_chat_member": member}})

    def fail_next(self, n: int = 1, status: int = 500, *, body: str = "json", methods: Any = None,
                  retry_after: int | None = None, description: str | None = None) -> None:
        """The next n calls of `methods` fail with this HTTP status.

        body="json": Telegram's error JSON (`{"ok": false, "error_code": status, "description":
        ...}`; 429 carries `parameters.retry_after`, 1 unless given); body="html": a proxy's
        HTML error page instead (nginx's "502 Bad Gateway"), which is no JSON at all.
        methods: None = the send methods (sendMessage, sendPhoto, ...); a list of Bot API
        method names; or "*" = every method but getUpdates. description replaces the text."""
        if body not in ("json", "html"):
            raise ValueError(f"body must be 'json' or 'html', not {body!r}")
        if isinstance(methods, str):
            methods = [m.strip() for m in methods.split(",") if m.strip()]
        names = None
        if methods is not None:
            names = frozenset("*" if m == "*" else _CANONICAL.get(str(m).lower(), str(m)) for m in methods)
        fault = Fault(int(status), body, names, retry_after, description)
        self._fail_next.extend([fault] * n)

    def set_delay(self, seconds: float) -> None:
        """Send calls answer `seconds` late (the message is recorded first, as when Telegram
        delivered it but the answer was slow)."""
        self._delay = max(0.0, float(seconds))

    def storm_429(self, duration_s: float, retry_after: int = 1) -> None:
        """For `duration_s` seconds every send call gets 429 with this retry_after."""
        self._storm_until = self.clock() + duration_s
        self._storm_retry_after = retry_after

    def set_limits(self, *, enforce: bool | None = None, global_rate: int | None = None,
                   per_chat_rate: float | None = None) -> None:
        if enforce is not None:
            self.enforce_limits = enforce
        if global_rate is not None:
            self.global_rate = global_rate
            self._global_window = _RateWindow(global_rate)
        if per_chat_rate is not None:
            self.per_chat_rate = per_chat_rate
            self._chat_windows.clear()

    # ------------------------------------------------------------------ HTTP: Bot API
    def bot_user(self) -> dict:
        prefix = (self.token or "").split(":", 1)[0]
        return {"id": int(prefix) if prefix.isdigit() else 1000000, "is_bot": True,
                "first_name": self.bot_first_name, "username": self.bot_username, "can_join_groups": True,
                "can_read_all_group_messages": False, "supports_inline_queries": False,
                "can_connect_to_business": False, "has_main_web_app": False}

    def _check_token(self, token: str) -> None:
        if self.token is None:
            self.token = token
        elif token != self.token:
            raise BotAPIError(401, "Unauthorized")

    async def _handle_api(self, request: web.Request) -> web.Response:
        try:
            self._check_token(request.match_info["token"])
            method = request.match_info["method"]
            if method.lower() not in _METHODS:
                raise BotAPIError(404, "Not Found: method not found")
            params, uploads = await _read_params(request)
        except BotAPIError as exc:
            self.stats[str(exc.code)] += 1
            return _json_response(exc.payload(), status=exc.code)
        try:
            result = await self.call(method, params, uploads)
        except BotAPIError as exc:  # counted in call()
            if exc.html is not None:
                return web.Response(text=exc.html, status=exc.code, content_type="text/html")
            return _json_response(exc.payload(), status=exc.code)
        return _json_response({"ok": True, "result": result})

    async def call(self, method: str, params: dict, uploads: dict[str, Upload] | None = None) -> Any:
        """Run a Bot API method in-process (method as in the docs, e.g. "sendMessage"); raises
        BotAPIError like the HTTP answer would carry."""
        handler_name = _METHODS.get(method.lower())
        if handler_name is None:
            raise BotAPIError(404, "Not Found: method not found")
        method = _CANONICAL[method.lower()]
        now = self.clock()
        self.calls.append((method, params, now))
        self.stats["calls"] += 1
        uploads = uploads or {}
        if method == "answerCallbackQuery":
            addressee = self._open_callbacks.get(str(params.get("callback_query_id") or ""), {}).get("user_id")
        else:
            addressee = params.get("chat_id")
        try:
            if self._fail_next:
                fault = next((f for f in self._fail_next if f.applies_to(method)), None)
                if fault is not None:
                    self._fail_next.remove(fault)
                    raise fault.error()
            if method in SEND_METHODS and now < self._storm_until:
                raise self._too_many(self._storm_retry_after)
            handler = getattr(self, handler_name)
            if method in _MEDIA_METHODS:
                result = handler(params, uploads, _MEDIA_METHODS[method])
            else:
                result = handler(params, uploads)
            if asyncio.iscoroutine(result):
                result = await result
        except BotAPIError as exc:
            self.stats[str(exc.code)] += 1
            log.debug("%s -> %s", method, exc)
            raise
        if method in SEND_METHODS and self._delay:
            await asyncio.sleep(self._delay)
        if addressee not in (None, ""):
            self._record_chat_call(addressee)
        return result

    def _record_chat_call(self, addressee: Any) -> None:
        try:
            chat_id = int(addressee)
        except (TypeError, ValueError):
            return
        stamps = self.chat_calls[chat_id]
        stamp = self.clock()
        stamps.append(stamp)
        for count, future in self._chat_waiters.get(chat_id, ()):
            if len(stamps) >= count and not future.done():
                future.set_result(None)
        if self._call_streams:
            line = f"{chat_id} {stamp!r}\n"  # repr: the float round-trips exactly
            for stream in self._call_streams:
                stream.push(line)

    async def wait_chat_calls(self, chat_id: int, count: int, timeout: float = 10.0) -> list[float]:
        """Wait until `count` calls addressed to the chat succeeded; returns their clock() stamps."""
        stamps = self.chat_calls[chat_id]
        if len(stamps) < count:
            future = asyncio.get_running_loop().create_future()
            waiters = self._chat_waiters.setdefault(chat_id, [])
            entry = (count, future)
            waiters.append(entry)
            try:
                await asyncio.wait_for(future, timeout)
            except TimeoutError:
                raise TimeoutError(f"timed out after {timeout}s waiting for {count} calls to chat {chat_id} "
                                   f"(got {len(stamps)})") from None
            finally:
                waiters.remove(entry)
                if not waiters:
                    self._chat_waiters.pop(chat_id, None)
        return list(stamps)

    def _too_many(self, retry_after: int) -> BotAPIError:
        return BotAPIError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)

    # -- parameter helpers
    def _chat(self, params: dict, *, required: bool = True) -> int | None:
        raw = params.get("chat_id")
        if raw in (None, ""):
            if required:
                raise _bad("chat_id is empty")
            return None
        if isinstance(raw, str) and raw.startswith("@"):
            for user in self.users.values():
                if user.username and user.username.lower() == raw[1:].lower():
                    return user.id
            raise _bad("chat not found")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise _bad("chat not found") from None
        if chat_id not in self.users:
            raise _bad("chat not found")
        return chat_id

    def _writable_chat(self, params: dict) -> int:
        chat_id = self._chat(params)
        if chat_id in self.blocked:
            raise BotAPIError(403, DEACTIVATED if self._block_reason.get(chat_id) == "deactivated" else BLOCKED)
        return chat_id

    def _check_limits(self, chat_id: int, now: float) -> None:
        if not self.enforce_limits:
            return
        wait = self._global_window.retry_after(now)
        window = self._chat_windows.get(chat_id)
        if window is None:
            window = self._chat_windows[chat_id] = _RateWindow(self.per_chat_rate)
        chat_wait = window.retry_after(now)
        if wait is not None or chat_wait is not None:
            raise self._too_many(max(wait or 0, chat_wait or 0))
        self._global_window.add(now)
        window.add(now)

    def _text_and_entities(self, text: str, parse_mode: Any, entities: Any, *, caption: bool = False) -> tuple[str, list]:
        """Telegram's reading of a text: parse_mode (HTML, MarkdownV2, Markdown; any other ->
        "unsupported parse_mode") or explicit entities, then leading and trailing white space
        cut, then the length checked after parsing, in UTF-16 code units (text 4096, caption
        1024). An empty result: "text must be non-empty" (a caption may be empty)."""
        mode = str(parse_mode or "").lower()
        parsed_entities = _json(entities, "entities") if entities else []
        plain = text
        if mode and mode not in _PARSERS:
            raise _bad("unsupported parse_mode")
        if mode and self.strict_html and not entities:
            try:
                plain, parsed_entities = _parse_cached(mode, text, self.strict_ampersand)
            except EntityParseError as exc:
                raise _bad(str(exc)) from None
        stripped = plain.strip()
        if stripped != plain and plain:
            lead = utf16_len(plain[:len(plain) - len(plain.lstrip())])
            end = utf16_len(plain.rstrip())
            fixed = []
            for entity in parsed_entities:
                start = max(entity["offset"], lead)
                stop = min(entity["offset"] + entity["length"], end)
                if stop > start:
                    fixed.append({**entity, "offset": start - lead, "length": stop - start})
            plain, parsed_entities = stripped, fixed
        limit = MAX_CAPTION if caption else MAX_TEXT
        if utf16_len(plain) > limit:
            raise _bad("message caption is too long" if caption else "message is too long")
        if not plain and not caption:
            raise _bad("text must be non-empty")
        return plain, parsed_entities

    def _reply_markup(self, params: dict) -> dict | None:
        raw = params.get("reply_markup")
        if raw in (None, ""):
            return None
        markup = _json(raw, "reply_markup", "can't parse reply keyboard markup JSON object")
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list):
                raise _bad('field "inline_keyboard" must be of type Array')
            if not all(isinstance(row, list) for row in rows):
                raise _bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
            for row in rows:
                for button in row:
                    _check_inline_button(button)
        return markup

    def _reply_to(self, chat_id: int, params: dict) -> dict | None:
        raw = params.get("reply_parameters")
        reply = _json(raw, "reply_parameters") if raw not in (None, "") else None
        if reply is None and params.get("reply_to_message_id") not in (None, ""):
            reply = {"message_id": params["reply_to_message_id"],
                     "allow_sending_without_reply": _bool(params.get("allow_sending_without_reply"))}
        if not reply:
            return None
        try:
            message_id = int(reply.get("message_id"))
        except (TypeError, ValueError):
            raise _bad("message to be replied not found") from None
        original = self._messages.get((chat_id, message_id))
        if original is None:
            if _bool(reply.get("allow_sending_without_reply")):
                return None
            raise _bad("message to be replied not found")
        return original

    def _new_bot_message(self, chat_id: int, params: dict, kind: str, content: dict, extra: dict) -> dict:
        markup = self._reply_markup(params)
        reply_to = self._reply_to(chat_id, params)
        now = self.clock()
        self._check_limits(chat_id, now)
        message: dict[str, Any] = {"message_id": self._new_message_id(chat_id), "from": self.bot_user(),
                                   "chat": self.users[chat_id].chat(), "date": int(time.time())}
        if reply_to is not None:
            message["reply_to_message"] = _without_reply(reply_to)
        message.update(content)
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[(chat_id, message["message_id"])] = message
        record = {"message_id": message["message_id"], "chat_id": chat_id, "kind": kind,
                  "text": "", "caption": None, "parse_mode": params.get("parse_mode") or None,
                  "reply_markup": markup, "reply_to_message_id": reply_to["message_id"] if reply_to else None,
                  "date": message["date"], "ts": now, "edits": [], "deleted": False, "message": message,
                  **extra}
        self._sent.setdefault(chat_id, []).append(record)
        self._send_times.append(now)
        self.stats["sent"] += 1
        self._notify()
        return message

    # -- methods
    def _m_get_me(self, params: dict, uploads: dict) -> dict:
        return self.bot_user()

    def _m_log_out(self, params: dict, uploads: dict) -> bool:
        return True

    async def _m_get_updates(self, params: dict, uploads: dict) -> list[dict]:
        if self.webhook["url"]:
            raise BotAPIError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                   "use deleteWebhook to delete the webhook first")
        offset = _int(params.get("offset"), "offset", None)
        limit = min(max(_int(params.get("limit"), "limit", 100), 1), 100)
        timeout = min(max(_int(params.get("timeout"), "timeout", 0), 0), 50)
        if params.get("allowed_updates") not in (None, ""):
            allowed = _json(params["allowed_updates"], "allowed_updates")
            self._allowed_updates = frozenset(allowed) if allowed else None
        # allowed_updates applies to updates created from now on (as in Telegram).
        pending = self._pending
        if offset is not None:
            if offset < 0:
                while len(pending) > -offset:
                    pending.popleft()
            else:
                while pending and pending[0]["update_id"] < offset:
                    pending.popleft()
                if offset > self.confirmed_offset:
                    self.confirmed_offset = offset
                    self._notify()
        if timeout and not pending:
            await self._wait_until(lambda: bool(self._pending), timeout)
        return list(itertools.islice(self._pending, limit))

    def _allowed(self, update: dict) -> bool:
        kind = next((k for k in update if k != "update_id"), "")
        if kind == "message":
            return self._allowed_updates is None or "message" in self._allowed_updates
        if self._allowed_updates is None:
            return kind not in _NOT_BY_DEFAULT
        return kind in self._allowed_updates

    def _m_send_message(self, params: dict, uploads: dict) -> dict:
        chat_id = self._writable_chat(params)
        text = params.get("text")
        if text in (None, ""):
            raise _bad("message text is empty")
        text = str(text)
        plain, entities = self._text_and_entities(text, params.get("parse_mode"), params.get("entities"))
        content: dict[str, Any] = {"text": plain}
        if entities:
            content["entities"] = entities
        return self._new_bot_message(chat_id, params, "text", content, {"text": text, "plain_text": plain})

    def _m_send_media(self, params: dict, uploads: dict, kind: str) -> dict:
        chat_id = self._writable_chat(params)
        stored = self._resolve_file(params.get(kind), uploads, kind)
        content: dict[str, Any] = _media_content(kind, stored, params)
        caption = params.get("caption")
        extra: dict[str, Any] = {"file_bytes": stored["data"], "file_name": stored["file_name"],
                                 "file_id": stored["file_id"], "mime_type": stored["mime_type"]}
        if caption not in (None, ""):
            plain, entities = self._text_and_entities(str(caption), params.get("parse_mode"),
                                                      params.get("caption_entities"), caption=True)
            if plain:
                content["caption"] = plain
                if entities:
                    content["caption_entities"] = entities
            extra["caption"] = str(caption)
        return self._new_bot_message(chat_id, params, kind, content, extra)

    def _resolve_file(self, value: Any, uploads: dict[str, Upload], kind: str) -> dict:
        if isinstance(value, Upload):
            upload = value
        elif isinstance(value, str) and value.startswith("attach://"):
            upload = uploads.get(value[len("attach://"):])
            if upload is None:
                raise _bad(f"there is no {kind} in the request")
        elif value in (None, ""):
            upload = uploads.get(kind)
            if upload is None:
                raise _bad(f"there is no {kind} in the request")
        elif isinstance(value, str) and value in self._files:
            return self._files[value]
        elif isinstance(value, str) and re.match(r"https?://", value):
            name = value.rsplit("/", 1)[-1].split("?", 1)[0] or f"file.{_DEFAULT_EXT[kind]}"
            return self._store_file(kind, None, name, None, url=value)
        else:
            raise _bad("wrong file identifier/HTTP URL specified")
        return self._store_file(kind, upload.data, upload.filename, upload.content_type)

    def _store_file(self, kind: str, data: bytes | None, file_name: str | None, mime_type: str | None,
                    url: str | None = None) -> dict:
        number = next(self._file_ids)
        file_id = f"{kind[:2].upper()}{number:08d}{secrets.token_hex(8)}"
        ext = _DEFAULT_EXT.get(kind, "bin")
        if not file_name or file_name == kind:
            file_name = f"file_{number}.{ext}"
        if not mime_type or mime_type == "application/octet-stream":
            mime_type = mimetypes.guess_type(file_name)[0] or _DEFAULT_MIME.get(kind, "application/octet-stream")
        stored = {"file_id": file_id, "file_unique_id": f"U{number:08d}", "data": data, "file_name": file_name,
                  "mime_type": mime_type, "file_size": len(data) if data is not None else 0,
                  "file_path": f"{kind}s/{file_name}", "url": url}
        self._files[file_id] = stored
        return stored

    def _bot_message(self, params: dict, *, what: str) -> tuple[int, dict, dict]:
        if params.get("inline_message_id") not in (None, ""):
            raise _bad("MESSAGE_ID_INVALID")
        chat_id = self._writable_chat(params)
        message_id = _int(params.get("message_id"), "message_id", None)
        if message_id is None:
            raise _bad("message identifier is not specified")
        message = self._messages.get((chat_id, message_id))
        record = self._record(chat_id, message_id)
        if message is None or (record is not None and record["deleted"]):
            raise _bad(f"message to {what} not found")
        if record is None:
            raise _bad(f"message can't be {'edited' if what == 'edit' else 'deleted'}")
        return chat_id, message, record

    def _record(self, chat_id: int, message_id: int) -> dict | None:
        records = self._sent.get(chat_id, [])
        # Records are in message-id order: binary search keeps edits O(log n).
        lo, hi = 0, len(records)
        while lo < hi:
            mid = (lo + hi) // 2
            if records[mid]["message_id"] < message_id:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(records) and records[lo]["message_id"] == message_id:
            return records[lo]
        return None

    def _apply_edit(self, record: dict, message: dict, changes: dict, record_changes: dict) -> dict | bool:
        new_markup = self._reply_markup(changes)
        inline = new_markup if new_markup and "inline_keyboard" in new_markup else None
        same_content = all(message.get(k) == v for k, v in record_changes.get("_content", {}).items())
        if same_content and message.get("reply_markup") == inline:
            raise _bad(NOT_MODIFIED)
        record["edits"].append({"text": record["text"], "caption": record["caption"],
                                "reply_markup": record["reply_markup"], "date": int(time.time())})
        for key, value in record_changes.get("_content", {}).items():
            message[key] = value
        for key in record_changes.get("_drop", ()):
            message.pop(key, None)
        if inline is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = inline
        message["edit_date"] = int(time.time())
        record["reply_markup"] = new_markup
        record.update({k: v for k, v in record_changes.items() if not k.startswith("_")})
        self._notify()
        return message

    def _m_edit_message_text(self, params: dict, uploads: dict) -> dict:
        _chat_id, message, record = self._bot_message(params, what="edit")
        if "text" not in message:
            raise _bad("there is no text in the message to edit")
        text = params.get("text")
        if text in (None, ""):
            raise _bad("message text is empty")
        plain, entities = self._text_and_entities(str(text), params.get("parse_mode"), params.get("entities"))
        content: dict[str, Any] = {"text": plain}
        if entities:
            content["entities"] = entities
        elif "entities" in message:
            content["entities"] = []
        changes = {"_content": content, "text": str(text), "plain_text": plain,
                   "parse_mode": params.get("parse_mode") or None}
        if not entities:
            changes["_drop"] = ("entities",)
        return self._apply_edit(record, message, params, changes)

    def _m_edit_message_caption(self, params: dict, uploads: dict) -> dict:
        _chat_id, message, record = self._bot_message(params, what="edit")
        if "text" in message:
            raise _bad("there is no caption in the message to edit")
        caption = params.get("caption")
        changes: dict[str, Any] = {"_content": {}, "caption": caption or None}
        if caption:
            plain, entities = self._text_and_entities(str(caption), params.get("parse_mode"),
                                                      params.get("caption_entities"), caption=True)
            changes["_content"]["caption"] = plain
            if entities:
                changes["_content"]["caption_entities"] = entities
        else:
            changes["_drop"] = ("caption", "caption_entities")
        return self._apply_edit(record, message, params, changes)

    def _m_edit_message_reply_markup(self, params: dict, uploads: dict) -> dict:
        _chat_id, message, record = self._bot_message(params, what="edit")
        return self._apply_edit(record, message, params, {})

    def _m_delete_message(self, params: dict, uploads: dict) -> bool:
        chat_id = self._chat(params)
        message_id = _int(params.get("message_id"), "message_id", None)
        record = self._record(chat_id, message_id) if message_id is not None else None
        message = self._messages.get((chat_id, message_id))
        if message is None or (record is not None and record["deleted"]):
            raise _bad("message to delete not found")
        if message.get("date", 0) <= time.time() - DELETE_WINDOW_S:
            raise _bad("message can't be deleted for everyone")
        if record is not None:
            record["deleted"] = True
        self._messages.pop((chat_id, message_id), None)
        self._notify()
        return True

    def _m_delete_messages(self, params: dict, uploads: dict) -> bool:
        for message_id in _json(params.get("message_ids") or "[]", "message_ids"):
            try:
                self._m_delete_message({"chat_id": params.get("chat_id"), "message_id": message_id}, uploads)
            except BotAPIError as exc:
                if exc.code != 400 or "not found" not in exc.description:
                    raise
        return True

    def _m_answer_callback_query(self, params: dict, uploads: dict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        query = self._open_callbacks.pop(query_id, None)
        if query is None:
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        self.answered_callbacks.append({
            "callback_query_id": query_id, "text": text or None, "show_alert": _bool(params.get("show_alert")),
            "url": params.get("url") or None, "cache_time": _int(params.get("cache_time"), "cache_time", 0),
            **query})
        self._notify()
        return True

    def _m_send_chat_action(self, params: dict, uploads: dict) -> bool:
        self._writable_chat(params)
        if not params.get("action"):
            raise _bad("Wrong parameter action in request")
        return True

    def _m_set_my_commands(self, params: dict, uploads: dict) -> bool:
        commands = _json(params.get("commands") or "[]", "commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH" if isinstance(commands, list) else "can't parse commands")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise _bad("command description is empty" if not command.get("description")
                           else "BOT_COMMAND_DESCRIPTION_INVALID")
        key = (_scope_key(_json(params.get("scope"), "scope") if params.get("scope") else None),
               str(params.get("language_code") or ""))
        self.commands_by_scope[key] = [{"command": c["command"], "description": c["description"]}
                                       for c in commands]
        return True

    def _m_get_my_commands(self, params: dict, uploads: dict) -> list[dict]:
        scope = _json(params.get("scope"), "scope") if params.get("scope") else None
        return self.commands(scope, str(params.get("language_code") or ""))

    def _m_delete_my_commands(self, params: dict, uploads: dict) -> bool:
        scope = _json(params.get("scope"), "scope") if params.get("scope") else None
        self.commands_by_scope.pop((_scope_key(scope), str(params.get("language_code") or "")), None)
        return True

    def _m_set_webhook(self, params: dict, uploads: dict) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return self._m_delete_webhook(params, uploads)
        if not re.match(r"https?://", url):
            raise _bad("bad webhook: HTTPS url must be provided for webhook")
        secret = params.get("secret_token")
        if secret not in (None, "") and not _SECRET.fullmatch(str(secret)):
            raise _bad("secret token contains unallowed characters")
        allowed = _json(params["allowed_updates"], "allowed_updates") if params.get("allowed_updates") else None
        self.webhook = {"url": url, "secret_token": str(secret) if secret else None,
                        "allowed_updates": allowed,
                        "max_connections": _int(params.get("max_connections"), "max_connections", 40),
                        "ip_address": params.get("ip_address") or None}
        if allowed:
            self._allowed_updates = frozenset(allowed)
        if _bool(params.get("drop_pending_updates")):
            self._pending.clear()
        self._ensure_webhook_worker()
        self._notify()
        return True

    def _m_delete_webhook(self, params: dict, uploads: dict) -> bool:
        self.webhook = {**self.webhook, "url": "", "secret_token": None}
        self.webhook.pop("last_error_date", None)
        self.webhook.pop("last_error_message", None)
        if _bool(params.get("drop_pending_updates")):
            self._pending.clear()
        return True

    def _m_get_webhook_info(self, params: dict, uploads: dict) -> dict:
        info: dict[str, Any] = {"url": self.webhook["url"], "has_custom_certificate": False,
                                "pending_update_count": len(self._pending)}
        if self.webhook["url"]:
            info["max_connections"] = self.webhook.get("max_connections") or 40
            if self.webhook.get("ip_address"):
                info["ip_address"] = self.webhook["ip_address"]
            if self.webhook.get("allowed_updates"):
                info["allowed_updates"] = self.webhook["allowed_updates"]
            if self.webhook.get("last_error_date"):
                info["last_error_date"] = self.webhook["last_error_date"]
                info["last_error_message"] = self.webhook["last_error_message"]
        return info

    def _m_get_file(self, params: dict, uploads: dict) -> dict:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad("invalid file_id")
        return {"file_id": stored["file_id"], "file_unique_id": stored["file_unique_id"],
                "file_size": stored["file_size"], "file_path": stored["file_path"]}

    def _m_get_chat(self, params: dict, uploads: dict) -> dict:
        chat_id = self._chat(params)
        return {**self.users[chat_id].chat(), "accent_color_id": 0, "max_reaction_count": 11,
                "accepted_gift_types": {"unlimited_gifts": True, "limited_gifts": True,
                                        "unique_gifts": True, "premium_subscription": True}}

    def _m_store_setting(self, params: dict, uploads: dict) -> bool:
        self.bot_settings[self.calls[-1][0]] = params
        return True

    # ------------------------------------------------------------------ webhook delivery
    def _ensure_webhook_worker(self) -> None:
        if self._client is None:  # not started yet: start() launches it
            return
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.create_task(self._webhook_worker())

    async def _webhook_worker(self) -> None:
        backoff = 0.05
        while not self._closing:
            await self._wait_until(lambda: bool(self.webhook["url"] and self._pending), None)
            if self._closing:
                return
            update = self._pending[0]
            url, secret = self.webhook["url"], self.webhook["secret_token"]
            headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
            error = None
            try:
                async with self._client.post(url, json=update, headers=headers,
                                             timeout=ClientTimeout(total=30)) as resp:
                    if 200 <= resp.status < 300:
                        reply = await _read_webhook_reply(resp)
                    else:
                        error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - any failure is the webhook's "last error"
                error = f"Connection failed: {type(exc).__name__}: {exc}"
            self.webhook_deliveries.append({"update_id": update["update_id"], "url": url, "error": error,
                                            "secret_token": secret})
            if error is not None:
                self.webhook["last_error_date"] = int(time.time())
                self.webhook["last_error_message"] = error
                log.debug("webhook delivery of update %s failed: %s", update["update_id"], error)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 1.0)
                continue
            backoff = 0.05
            if self._pending and self._pending[0] is update:
                self._pending.popleft()
            self.confirmed_offset = max(self.confirmed_offset, update["update_id"] + 1)
            self._notify()
            if reply is not None:
                method, params, uploads = reply
                try:  # Telegram runs a method given in the webhook answer and ignores its result
                    await self.call(method, params, uploads)
                except BotAPIError as exc:
                    self.stats[str(exc.code)] += 1
                    log.debug("method %s from a webhook answer failed: %s", method, exc)

    # ------------------------------------------------------------------ HTTP: files and /_test/
    async def _handle_file(self, request: web.Request) -> web.Response:
        try:
            self._check_token(request.match_info["token"])
        except BotAPIError as exc:
            return web.json_response(exc.payload(), status=exc.code)
        path = request.match_info["path"]
        for stored in self._files.values():
            if stored["file_path"] == path and stored["data"] is not None:
                return web.Response(body=stored["data"], content_type=stored["mime_type"])
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)

    async def _handle_test(self, request: web.Request) -> web.Response:
        action = request.match_info["action"]
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body and request.content_type == "application/json":
            body = await request.json(loads=_loads)
            if isinstance(body, dict):
                params.update(body)
        if "arg" in request.match_info:
            params.setdefault("chat_id" if action in ("sent", "last") else "kind", request.match_info["arg"])
        handler = _TEST_ACTIONS.get(action)
        if handler is None:
            return _json_response({"ok": False, "description": f"unknown action {action!r}",
                                   "actions": sorted([*_TEST_ACTIONS, "chat_call_stream"])}, status=404)
        try:
            result = handler(self, params)
            if asyncio.iscoroutine(result):
                result = await result
        except (LookupError, ValueError, TypeError) as exc:
            return _json_response({"ok": False, "description": f"{type(exc).__name__}: {exc}"}, status=400)
        except TimeoutError as exc:
            return _json_response({"ok": False, "description": str(exc)}, status=408)
        try:  # most results are plain JSON values already: no _jsonable walk
            body = orjson.dumps({"ok": True, "result": result})
        except TypeError:  # bytes, SimUser, non-string keys, ...
            return _json_response({"ok": True, "result": _jsonable(result)})
        return web.Response(body=body, content_type="application/json", charset="utf-8")

    async def _handle_chat_call_stream(self, request: web.Request) -> web.StreamResponse:
        """`GET /_test/chat_call_stream`: every call addressed to a chat (what `chat_calls` and
        `wait_chat_calls` count), as a text line `<chat id> <clock() stamp>`: first those
        recorded before the subscription, then each as it is recorded; a chat's lines come in
        the order of its calls. A line `reset` means clear() forgot them all. The response ends
        when the server stops.

        For load generators: one long-lived response instead of a long poll per update. Lines
        are written in batches (whatever was recorded while the writer task waited for its turn),
        not one write per call."""
        stream = _CallStream()
        # Snapshot and subscription with no await in between: no call is missed or sent twice.
        stream.lines = [f"{chat_id} {stamp!r}\n" for chat_id, stamps in self.chat_calls.items() for stamp in stamps]
        self._call_streams.append(stream)
        response = web.StreamResponse(headers={"Content-Type": "text/plain; charset=utf-8"})
        loop = asyncio.get_running_loop()
        try:
            await response.prepare(request)
            while not self._closing:
                if not stream.lines:
                    stream.wake = loop.create_future()
                    await stream.wake
                    stream.wake = None
                    continue
                data = "".join(stream.lines).encode()
                stream.lines = []
                if data:
                    # Raises once the subscriber has gone: that ends this handler (and the
                    # subscription); an idle one that left is noticed at the next call.
                    await response.write(data)
            await response.write_eof()
        except ConnectionError:  # the subscriber went away
            pass
        finally:
            self._call_streams.remove(stream)
        return response

    def state(self) -> dict:
        return {"base_url": self.base_url, "token_set": self.token is not None,
                "confirmed_offset": self.confirmed_offset, "pending_updates": len(self._pending),
                "webhook": {k: v for k, v in self.webhook.items()}, "stats": dict(self.stats),
                "blocked": sorted(self.blocked), "users": len(self.users), "enforce_limits": self.enforce_limits,
                "global_rate": self.global_rate, "per_chat_rate": self.per_chat_rate,
                "fail_next": [{"status": f.status, "body": f.body,
                               "methods": sorted(f.methods) if f.methods is not None else None}
                              for f in self._fail_next], "delay": self._delay,
                "strict_html": self.strict_html, "strict_ampersand": self.strict_ampersand,
                "inaccessible_after_hours": self.inaccessible_after_hours,
                "storm_remaining_s": max(0.0, self._storm_until - self.clock())}


class _CallStream:
    """One subscriber of /_test/chat_call_stream: lines not written yet, and the future its
    writer task sleeps on while there are none."""

    __slots__ = ("lines", "wake")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.wake: asyncio.Future | None = None

    def push(self, line: str) -> None:
        self.lines.append(line)
        wake = self.wake
        if wake is not None and not wake.done():
            wake.set_result(None)


_STREAM_RESET = "reset\n"


# ---------------------------------------------------------------------- method table
_METHOD_HANDLERS = {
    "getMe": "_m_get_me", "getUpdates": "_m_get_updates", "sendMessage": "_m_send_message",
    "editMessageText": "_m_edit_message_text", "editMessageReplyMarkup": "_m_edit_message_reply_markup",
    "editMessageCaption": "_m_edit_message_caption", "answerCallbackQuery": "_m_answer_callback_query",
    "setMyCommands": "_m_set_my_commands", "getMyCommands": "_m_get_my_commands",
    "deleteMyCommands": "_m_delete_my_commands", "deleteWebhook": "_m_delete_webhook",
    "setWebhook": "_m_set_webhook", "getWebhookInfo": "_m_get_webhook_info", "deleteMessage": "_m_delete_message",
    "deleteMessages": "_m_delete_messages", "sendChatAction": "_m_send_chat_action", "close": "_m_log_out",
    "logOut": "_m_log_out", "getFile": "_m_get_file", "getChat": "_m_get_chat",
    **{name: "_m_send_media" for name in _MEDIA_METHODS},
    **{name: "_m_store_setting" for name in ("setMyDescription", "setMyShortDescription", "setMyName",
                                             "setChatMenuButton", "setMyDefaultAdministratorRights")},
}
_METHODS = {name.lower(): handler for name, handler in _METHOD_HANDLERS.items()}
_CANONICAL = {name.lower(): name for name in _METHOD_HANDLERS}


def _status_text(status: int, retry_after: int | None = None) -> str:
    """Telegram's description for an injected failure of this status."""
    known = {
        400: "Bad Request: simulated failure",
        401: "Unauthorized",
        403: BLOCKED,
        404: "Not Found",
        409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        429: f"Too Many Requests: retry after {retry_after or 1}",
    }
    if status in known:
        return known[status]
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _check_inline_button(button: Any) -> None:
    """An InlineKeyboardButton as the Bot API checks it, with its descriptions."""
    if not isinstance(button, dict):
        raise _button_error("InlineKeyboardButton must be an Object")
    if "text" not in button:
        raise _button_error('Can\'t find field "text"')
    if not isinstance(button["text"], str):
        raise _button_error('Field "text" must be of type String')
    if not button["text"]:
        raise _bad("BUTTON_TEXT_INVALID")
    data = button.get("callback_data")
    # An empty callback_data counts as none (Telegram's answer to {"text": "x", "callback_data": ""}).
    actions = [k for k in _BUTTON_ACTIONS if button.get(k) not in (None, "")]
    if not actions:
        raise _button_error("Text buttons are unallowed in the inline keyboard")
    if data not in (None, "") and len(str(data).encode("utf-8", "surrogatepass")) > MAX_CALLBACK_DATA:
        raise _bad("BUTTON_DATA_INVALID")


_BUTTON_ACTIONS = ("callback_data", "url", "web_app", "login_url", "switch_inline_query",
                   "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
                   "callback_game", "pay")


# ---------------------------------------------------------------------- request / value helpers
def _json_response(payload: Any, *, status: int = 200) -> web.Response:
    """Like web.json_response, with orjson (several times faster than json.dumps on message
    dicts; the local API's own CPU is taken from the bot in benchmarks). Values orjson refuses
    (ints beyond 64 bits, non-string keys) go through json as before."""
    try:
        body = orjson.dumps(payload)
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        body = json.dumps(payload).encode()
    return web.Response(body=body, status=status, content_type="application/json", charset="utf-8")


async def _not_found(request: web.Request) -> web.Response:
    return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)


async def _read_params(request: web.Request) -> tuple[dict, dict[str, Upload]]:
    params: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.method != "POST" or not request.can_read_body:
        return params, uploads
    ctype = request.content_type
    try:
        if ctype == "application/json":
            body = await request.json(loads=_loads)
            if not isinstance(body, dict):
                raise _bad("parameters must be a JSON object")
            params.update(body)
        elif ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, FileField):
                    uploads[key] = Upload(value.filename, value.file.read(), value.content_type)
                else:
                    params[key] = value
    except web.HTTPRequestEntityTooLarge:
        raise BotAPIError(413, "Request Entity Too Large") from None
    except (ValueError, UnicodeDecodeError):
        raise _bad("can't parse request body") from None
    return params, uploads


async def _read_webhook_reply(resp: Any) -> tuple[str, dict, dict[str, Upload]] | None:
    """A method call in a webhook answer (aiogram sends it as multipart form data; JSON works too)."""
    ctype = resp.content_type
    params: dict[str, Any] = {}
    uploads: dict[str, Upload] = {}
    if ctype == "application/json":
        try:
            body = await resp.json()
        except ValueError:
            return None
        if not isinstance(body, dict):
            return None
        params = body
    elif ctype == "multipart/form-data":
        reader = MultipartReader.from_response(resp)
        async for part in reader:
            data = await part.read()
            if part.filename:
                uploads[part.name] = Upload(part.filename, bytes(data), part.headers.get("Content-Type"))
            else:
                params[part.name] = data.decode()
    else:
        return None
    method = params.pop("method", None)
    if not method or not isinstance(method, str):
        return None
    return method, params, uploads


def _json(value: Any, name: str, error: str | None = None) -> Any:
    if isinstance(value, (dict, list)) or value is None:
        return value
    try:
        return _loads(value)
    except (TypeError, ValueError):
        raise _bad(error or f"can't parse {name} JSON object") from None


def _loads(text: str | bytes) -> Any:
    """json.loads, with orjson where it can (a few times faster on the bot's reply markups and
    request bodies). What only json accepts (NaN, ints beyond 64 bits) still parses."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _copy_json(value: Any) -> Any:
    """A deep copy of a JSON-like value (a message): an orjson round trip is ~7x faster than
    copy.deepcopy; anything orjson can't carry is deep-copied as before."""
    try:
        return orjson.loads(orjson.dumps(value))
    except TypeError:
        return copy.deepcopy(value)


_PARSERS: dict[str, Callable[..., tuple[str, list[dict]]]] = {
    "html": parse_html, "markdownv2": lambda text, strict: parse_markdown_v2(text),
    "markdown": lambda text, strict: parse_markdown(text)}


@functools.lru_cache(maxsize=1024)
def _parse_frozen(mode: str, text: str, strict: bool) -> tuple[str, tuple[tuple[tuple[str, Any], ...], ...]]:
    parser = _PARSERS[mode]
    plain, entities = parser(text, strict_ampersand=strict) if mode == "html" else parser(text, strict)
    return plain, tuple(tuple(entity.items()) for entity in entities)


def _parse_cached(mode: str, text: str, strict: bool = True) -> tuple[str, list[dict]]:
    """The parse mode's parser, remembered: a bot sends the same texts over and over (a
    benchmark's thousands of customers get the same few). Entities are handed out as fresh
    dicts since messages keep them. Texts that fail to parse are not remembered (they raise
    each time)."""
    plain, entities = _parse_frozen(mode, text, strict)
    return plain, [dict(entity) for entity in entities]


def _int(value: Any, name: str, default: Any) -> Any:
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _bad(f"invalid {name} specified") from None


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def _scope_key(scope: dict | None) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


def _without_reply(message: dict) -> dict:
    return {k: v for k, v in message.items() if k != "reply_to_message"}


def _file_ref(stored: dict) -> dict:
    data = {"file_id": stored["file_id"], "file_unique_id": stored["file_unique_id"]}
    if stored["file_size"]:
        data["file_size"] = stored["file_size"]
    return data


def _photo_sizes(stored: dict, width: int, height: int) -> list[dict]:
    small = {"file_id": stored["file_id"] + "s", "file_unique_id": stored["file_unique_id"] + "s",
             "width": max(1, width * 90 // max(width, height)), "height": max(1, height * 90 // max(width, height))}
    return [small, {**_file_ref(stored), "width": width, "height": height}]


def _document(stored: dict) -> dict:
    return {**_file_ref(stored), "file_name": stored["file_name"], "mime_type": stored["mime_type"]}


def _media_content(kind: str, stored: dict, params: dict) -> dict:
    duration = _int(params.get("duration"), "duration", 1)
    width = _int(params.get("width"), "width", 640)
    height = _int(params.get("height"), "height", 480)
    if kind == "photo":
        return {"photo": _photo_sizes(stored, 1280, 960)}
    if kind == "document":
        return {"document": _document(stored)}
    if kind == "sticker":
        return {"sticker": {**_file_ref(stored), "type": "regular", "width": 512, "height": 512,
                            "is_animated": False, "is_video": False, "emoji": params.get("emoji") or "🙂"}}
    if kind == "voice":
        return {"voice": {**_file_ref(stored), "duration": duration, "mime_type": stored["mime_type"]}}
    if kind == "audio":
        return {"audio": {**_file_ref(stored), "duration": duration, "file_name": stored["file_name"],
                          "mime_type": stored["mime_type"]}}
    if kind == "video_note":
        return {"video_note": {**_file_ref(stored), "length": 240, "duration": duration}}
    media = {**_file_ref(stored), "width": width, "height": height, "duration": duration,
             "file_name": stored["file_name"], "mime_type": stored["mime_type"]}
    if kind == "animation":
        return {"animation": media, "document": _document(stored)}
    return {kind: media}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if isinstance(item, (bytes, bytearray)):
                out[f"{key}_base64"] = base64.b64encode(item).decode()
            elif not isinstance(item, SimUser):
                out[str(key)] = _jsonable(item)
        return out
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    if isinstance(value, SimUser):
        return value.to_dict()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    return value


# ---------------------------------------------------------------------- /_test/ actions
def _uid(params: dict) -> int:
    return int(params["user_id"])


def _test_user(api: LocalBotAPI, p: dict) -> dict:
    fields = {k: p[k] for k in ("first_name", "language_code", "username", "last_name", "is_premium") if k in p}
    return api.user(_uid(p), **fields).to_dict()


async def _test_send(api: LocalBotAPI, p: dict) -> dict:
    kind = p.pop("kind", "text")
    uid = _uid(p)
    extra = {k: v for k, v in p.items() if k not in ("user_id",)}
    if "data_base64" in extra:
        extra["data"] = base64.b64decode(extra.pop("data_base64"))
    if kind == "text":
        return await api.send_text(uid, extra.pop("text"), **extra)
    sender = getattr(api, f"send_{kind}", None)
    if sender is None or kind not in ("sticker", "photo", "voice", "document", "location", "contact"):
        raise ValueError(f"unknown kind {kind!r}")
    return await sender(uid, **extra)


async def _test_calls(api: LocalBotAPI, p: dict) -> list[dict]:
    since = int(p.get("since", 0))
    method = p.get("method")
    return [{"method": m, "params": {k: (v if not isinstance(v, Upload) else v.filename) for k, v in params.items()},
             "ts": ts} for m, params, ts in api.calls[since:] if method in (None, m)]


def _opt_int(params: dict, name: str) -> int | None:
    value = params.get(name)
    return None if value in (None, "") else int(value)


def _test_strict(api: LocalBotAPI, p: dict) -> dict:
    """Switch Telegram's checks of parse_mode texts (html) or only the documented "&" rule
    (ampersand); answers the settings now."""
    if "html" in p:
        api.strict_html = _bool(p["html"])
    if "ampersand" in p:
        api.strict_ampersand = _bool(p["ampersand"])
    return {"html": api.strict_html, "ampersand": api.strict_ampersand}


_TEST_ACTIONS: dict[str, Callable[[LocalBotAPI, dict], Any]] = {
    "state": lambda api, p: api.state(),
    "user": _test_user,
    "send": _test_send,
    "send_text": lambda api, p: api.send_text(_uid(p), p["text"], reply_to=p.get("reply_to"),
                                              queue=_bool(p.get("queue", True))),
    "inject_update": lambda api, p: api.inject_update(p.get("update", p)),
    "press_button": lambda api, p: api.press_button(_uid(p), int(p["message_id"]), str(p["callback_data"])),
    "press": lambda api, p: api.press(_uid(p), p["text"], queue=_bool(p.get("queue", True)),
                                      message_id=_opt_int(p, "message_id")),
    "delete_message": lambda api, p: api.delete_message(int(p["chat_id"]), _opt_int(p, "message_id")),
    "make_inaccessible": lambda api, p: api.make_inaccessible(int(p["chat_id"]), _opt_int(p, "message_id")),
    "age_messages": lambda api, p: api.age_messages(int(p["chat_id"]), float(p.get("hours", 49)),
                                                    _opt_int(p, "message_id")),
    "set_inaccessible_after": lambda api, p: api.set_inaccessible_after(
        None if p.get("hours") in (None, "", "none", "null") else float(p["hours"])),
    "strict": _test_strict,
    "sent": lambda api, p: api.sent(int(p["chat_id"]))[int(p.get("since", 0)):],
    "last": lambda api, p: api.last(int(p["chat_id"])),
    "calls": _test_calls,
    "chat_calls": lambda api, p: api.wait_chat_calls(int(p["chat_id"]), int(p.get("count", 0)),
                                                     float(p.get("timeout", 10))),
    "answered_callbacks": lambda api, p: api.answered_callbacks[int(p.get("since", 0)):],
    "send_times": lambda api, p: api.send_times(),
    "commands": lambda api, p: api.commands(p.get("scope"), p.get("language_code", "")),
    "wait_for": lambda api, p: api.wait_for(int(p["chat_id"]), int(p.get("count", 1)),
                                            float(p.get("timeout", 5))),
    "wait_for_text": lambda api, p: api.wait_for_text(int(p["chat_id"]), p["substring"],
                                                      float(p.get("timeout", 5)), since=int(p.get("since", 0))),
    "wait_processed": lambda api, p: api.wait_processed(int(p["update_id"]), float(p.get("timeout", 10))),
    "block": lambda api, p: api.block(_uid(p), notify=_bool(p.get("notify")), reason=p.get("reason", "blocked")),
    "unblock": lambda api, p: api.unblock(_uid(p), notify=_bool(p.get("notify"))),
    "fail_next": lambda api, p: api.fail_next(
        int(p.get("n", 1)), int(p.get("status", 500)), body=p.get("body", "json"), methods=p.get("methods"),
        retry_after=_opt_int(p, "retry_after"), description=p.get("description")),
    "set_delay": lambda api, p: api.set_delay(float(p.get("seconds", 0))),
    "storm_429": lambda api, p: api.storm_429(float(p["duration_s"]), int(p.get("retry_after", 1))),
    "limits": lambda api, p: api.set_limits(
        enforce=_bool(p["enforce"]) if "enforce" in p else None,
        global_rate=int(p["global_rate"]) if "global_rate" in p else None,
        per_chat_rate=float(p["per_chat_rate"]) if "per_chat_rate" in p else None),
    "clear": lambda api, p: api.clear(users=_bool(p.get("users"))),
}
