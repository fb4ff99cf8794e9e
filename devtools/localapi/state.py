"""The simulated Telegram: users and their private chats, the messages on both sides (the
bot's with their edits, deleted, inaccessible or aged ones), the queue of updates the bot has
not confirmed, callback queries, stored files, and what the bot did (its messages and calls
per chat). Tests and load generators act as users here (`send_text`, `press`, ...) and wait for
the bot (`wait_for`, `wait_processed`, ...).

`TelegramState` is a part of `LocalBotAPI` (server.py); the Bot API methods (methods.py) change
this state, the fault injection (faults.py) decides which calls fail."""

from __future__ import annotations

import asyncio
import collections
import copy
import itertools
import json
import logging
import mimetypes
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from .html import utf16_len

if TYPE_CHECKING:
    from .server import LocalBotAPI

log = logging.getLogger("devtools.localapi")

# Telegram sends every update type except these unless allowed_updates lists them.
_NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_BOT_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")
_UNSET: Any = object()

DEFAULT_MIME = {
    "photo": "image/jpeg",
    "voice": "audio/ogg",
    "audio": "audio/mpeg",
    "video": "video/mp4",
    "animation": "video/mp4",
    "video_note": "video/mp4",
    "sticker": "image/webp",
    "document": "application/octet-stream",
}
DEFAULT_EXT = {
    "photo": "jpg",
    "voice": "ogg",
    "audio": "mp3",
    "video": "mp4",
    "animation": "mp4",
    "video_note": "mp4",
    "sticker": "webp",
    "document": "bin",
}


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


class TelegramState:
    """Users, chats, messages, updates, callback queries and files, and waiting for the bot."""

    def _reset_state(self, *, users: bool) -> None:
        """Forget updates, messages, files, calls and stats (and users, the webhook, commands
        and settings with users=True)."""
        if users:
            self.users: dict[int, SimUser] = {}
            self.webhook: dict[str, Any] = {
                "url": "",
                "secret_token": None,
                "allowed_updates": None,
                "max_connections": 40,
            }
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
        self.answered_callbacks: list[dict] = []
        self.stats: collections.Counter[str] = collections.Counter()
        self.webhook_deliveries: list[dict] = []

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
        await self._wait_until(
            lambda: len(self._sent.get(chat_id, ())) >= count,
            timeout,
            f"{count} message(s) to chat {chat_id} (have {len(self._sent.get(chat_id, ()))})",
        )
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
        await self._wait_until(
            lambda: self.confirmed_offset > update_id,
            timeout,
            f"update {update_id} to be confirmed (confirmed offset {self.confirmed_offset})",
        )

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
        return list(self.commands_by_scope.get((scope_key(scope), language_code), []))

    def file(self, file_id: str) -> dict | None:
        """A stored file: {file_id, file_unique_id, data, file_name, mime_type, file_path}."""
        return self._files.get(file_id)

    @property
    def pending_updates(self) -> list[dict]:
        return list(self._pending)

    def bot_user(self) -> dict:
        prefix = (self.token or "").split(":", 1)[0]
        return {
            "id": int(prefix) if prefix.isdigit() else 1000000,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

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
                raise TimeoutError(
                    f"timed out after {timeout}s waiting for {count} calls to chat {chat_id} (got {len(stamps)})"
                ) from None
            finally:
                waiters.remove(entry)
                if not waiters:
                    self._chat_waiters.pop(chat_id, None)
        return list(stamps)

    # ------------------------------------------------------------------ users and injected updates
    def user(
        self,
        user_id: int,
        first_name: str = _UNSET,
        language_code: str | None = _UNSET,
        username: str | None = _UNSET,
        *,
        last_name: str | None = _UNSET,
        is_premium: bool | None = _UNSET,
    ) -> SimUser:
        """Create the user (defaults: Ann, "en") or update the given fields of an existing one."""
        user = self.users.get(user_id)
        if user is None:
            user = self.users[user_id] = SimUser(self, user_id)
        for name, value in (
            ("first_name", first_name),
            ("language_code", language_code),
            ("username", username),
            ("last_name", last_name),
            ("is_premium", is_premium),
        ):
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

    def _allowed(self, update: dict) -> bool:
        kind = next((k for k in update if k != "update_id"), "")
        if kind == "message":
            return self._allowed_updates is None or "message" in self._allowed_updates
        if self._allowed_updates is None:
            return kind not in _NOT_BY_DEFAULT
        return kind in self._allowed_updates

    def _user_message(self, user_id: int, content: dict, reply_to: int | None = None) -> dict:
        user = self._user(user_id)
        message = {
            "message_id": self._new_message_id(user_id),
            "from": user.to_dict(),
            "chat": user.chat(),
            "date": int(time.time()),
            **content,
        }
        if reply_to is not None:
            original = self._messages.get((user_id, reply_to))
            if original is not None:
                message["reply_to_message"] = without_reply(original)
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

    def _store_file(
        self, kind: str, data: bytes | None, file_name: str | None, mime_type: str | None, url: str | None = None
    ) -> dict:
        number = next(self._file_ids)
        file_id = f"{kind[:2].upper()}{number:08d}{secrets.token_hex(8)}"
        ext = DEFAULT_EXT.get(kind, "bin")
        if not file_name or file_name == kind:
            file_name = f"file_{number}.{ext}"
        if not mime_type or mime_type == "application/octet-stream":
            mime_type = mimetypes.guess_type(file_name)[0] or DEFAULT_MIME.get(kind, "application/octet-stream")
        stored = {
            "file_id": file_id,
            "file_unique_id": f"U{number:08d}",
            "data": data,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(data) if data is not None else 0,
            "file_path": f"{kind}s/{file_name}",
            "url": url,
        }
        self._files[file_id] = stored
        return stored

    async def send_sticker(self, user_id: int, emoji: str = "🙂", *, set_name: str | None = None) -> dict:
        stored = self._user_file("sticker", None, None, None)
        sticker = {
            **file_ref(stored),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        if set_name:
            sticker["set_name"] = set_name
        return self.inject_update({"message": self._user_message(user_id, {"sticker": sticker})})

    async def send_photo(
        self,
        user_id: int,
        caption: str | None = None,
        *,
        data: bytes | None = None,
        width: int = 1280,
        height: int = 960,
    ) -> dict:
        stored = self._user_file("photo", data, None, None)
        content: dict[str, Any] = {"photo": photo_sizes(stored, width, height)}
        if caption:
            content["caption"] = caption
        return self.inject_update({"message": self._user_message(user_id, content)})

    async def send_voice(self, user_id: int, duration: int = 3, *, data: bytes | None = None) -> dict:
        stored = self._user_file("voice", data, None, "audio/ogg")
        voice = {**file_ref(stored), "duration": duration, "mime_type": "audio/ogg"}
        return self.inject_update({"message": self._user_message(user_id, {"voice": voice})})

    async def send_document(
        self,
        user_id: int,
        data: bytes = b"hello\n",
        file_name: str = "file.txt",
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> dict:
        stored = self._user_file("document", data, file_name, mime_type)
        content: dict[str, Any] = {"document": document_ref(stored)}
        if caption:
            content["caption"] = caption
        return self.inject_update({"message": self._user_message(user_id, content)})

    async def send_location(self, user_id: int, latitude: float = 50.45, longitude: float = 30.52) -> dict:
        content = {"location": {"latitude": latitude, "longitude": longitude}}
        return self.inject_update({"message": self._user_message(user_id, content)})

    async def send_contact(
        self, user_id: int, phone_number: str = "+380000000000", first_name: str | None = None
    ) -> dict:
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
        query = {
            "id": query_id,
            "from": user.to_dict(),
            "message": copy_json(message),
            "chat_instance": str(4_000_000_000_000_000 + user_id),
            "data": callback_data,
        }
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
            match = next((b for b in buttons if b.get("text") == text), None) or next(
                (b for b in buttons if text in b.get("text", "")), None
            )
            if match is not None:
                if "callback_data" not in match:
                    raise LookupError(
                        f"button {match.get('text')!r} in message {record['message_id']} has no "
                        f"callback_data (it is {sorted(set(match) - {'text'})})"
                    )
                return await self.press_button(user_id, record["message_id"], match["callback_data"], queue=queue)
            if len(available) < 30:
                available.extend(f"#{record['message_id']}: {b.get('text')!r}" for b in buttons)
        raise LookupError(
            f"no inline button {text!r} in the bot's messages to chat {user_id}; "
            f"available (newest first): {available or 'none'}"
        )

    def _member_update(self, user_id: int, old: str, new: str) -> dict:
        user = self._user(user_id)
        bot = self.bot_user()
        member = {"status": new, "user": bot}
        if new == "kicked":
            member["until_date"] = 0
        return self.inject_update(
            {
                "my_chat_member": {
                    "chat": user.chat(),
                    "from": user.to_dict(),
                    "date": int(time.time()),
                    "old_chat_member": {"status": old, "user": bot, **({"until_date": 0} if old == "kicked" else {})},
                    "new_chat_member": member,
                }
            }
        )

    # ------------------------------------------------------------------ messages changed by the user or by time
    def _target(self, chat_id: int, message_id: int | None) -> dict:
        """The record of the bot's message `message_id` in the chat (None: the newest one)."""
        records = self._sent.get(chat_id, [])
        if message_id is None:
            record = next((r for r in reversed(records) if not r["deleted"]), None)
        else:
            record = self._record(chat_id, message_id)
        if record is None:
            raise LookupError(
                f"no message {message_id if message_id is not None else '(any)'} from the bot in chat {chat_id}"
            )
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


def copy_json(value: Any) -> Any:
    """A deep copy of a JSON-like value (a message): an orjson round trip is ~7x faster than
    copy.deepcopy; anything orjson can't carry is deep-copied as before."""
    try:
        return orjson.loads(orjson.dumps(value))
    except TypeError:
        return copy.deepcopy(value)


def scope_key(scope: dict | None) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


def without_reply(message: dict) -> dict:
    return {k: v for k, v in message.items() if k != "reply_to_message"}


def file_ref(stored: dict) -> dict:
    data = {"file_id": stored["file_id"], "file_unique_id": stored["file_unique_id"]}
    if stored["file_size"]:
        data["file_size"] = stored["file_size"]
    return data


def photo_sizes(stored: dict, width: int, height: int) -> list[dict]:
    small = {
        "file_id": stored["file_id"] + "s",
        "file_unique_id": stored["file_unique_id"] + "s",
        "width": max(1, width * 90 // max(width, height)),
        "height": max(1, height * 90 // max(width, height)),
    }
    return [small, {**file_ref(stored), "width": width, "height": height}]


def document_ref(stored: dict) -> dict:
    return {**file_ref(stored), "file_name": stored["file_name"], "mime_type": stored["mime_type"]}
