"""The Bot API methods: for each method Telegram offers the bot (sendMessage, editMessageText,
getUpdates, setWebhook, ...), its parameters, Telegram's checks (validation.py) and its effect
on the simulated Telegram (state.py), with Telegram's answers and errors. `call()` runs one,
after the fault injection (faults.py) had its say; the HTTP layer (server.py) calls it.

`BotAPIMethods` is a part of `LocalBotAPI` (server.py)."""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
import time
from typing import Any

from .errors import BLOCKED, DEACTIVATED, NOT_MODIFIED, BotAPIError, bad
from .state import DEFAULT_EXT, document_ref, file_ref, photo_sizes, scope_key, without_reply
from .validation import DELETE_WINDOW_S, parse_reply_markup, text_and_entities
from .wire import Upload, bool_param, int_param, json_param

log = logging.getLogger("devtools.localapi")

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")

MEDIA_METHODS = {  # method -> (parameter holding the file, kind)
    "sendPhoto": "photo",
    "sendDocument": "document",
    "sendAudio": "audio",
    "sendVideo": "video",
    "sendAnimation": "animation",
    "sendVoice": "voice",
    "sendSticker": "sticker",
    "sendVideoNote": "video_note",
}
# Calls that put a message into a chat: faults (fail_next, delay, storm) and limits apply to them.
SEND_METHODS = frozenset({"sendMessage", *MEDIA_METHODS})


class BotAPIMethods:
    """call() and one `_m_*` method per Bot API method (see METHOD_HANDLERS below)."""

    async def call(self, method: str, params: dict, uploads: dict[str, Upload] | None = None) -> Any:
        """Run a Bot API method in-process (method as in the docs, e.g. "sendMessage"); raises
        BotAPIError like the HTTP answer would carry."""
        handler_name = METHODS.get(method.lower())
        if handler_name is None:
            raise BotAPIError(404, "Not Found: method not found")
        method = CANONICAL[method.lower()]
        now = self.clock()
        self.calls.append((method, params, now))
        self.stats["calls"] += 1
        uploads = uploads or {}
        if method == "answerCallbackQuery":
            addressee = self._open_callbacks.get(str(params.get("callback_query_id") or ""), {}).get("user_id")
        else:
            addressee = params.get("chat_id")
        try:
            failure = self._injected_failure(method, now)  # faults.py
            if failure is not None:
                raise failure
            handler = getattr(self, handler_name)
            if method in MEDIA_METHODS:
                result = handler(params, uploads, MEDIA_METHODS[method])
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

    # -- parameter helpers
    def _chat(self, params: dict, *, required: bool = True) -> int | None:
        raw = params.get("chat_id")
        if raw in (None, ""):
            if required:
                raise bad("chat_id is empty")
            return None
        if isinstance(raw, str) and raw.startswith("@"):
            for user in self.users.values():
                if user.username and user.username.lower() == raw[1:].lower():
                    return user.id
            raise bad("chat not found")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad("chat not found") from None
        if chat_id not in self.users:
            raise bad("chat not found")
        return chat_id

    def _writable_chat(self, params: dict) -> int:
        chat_id = self._chat(params)
        if chat_id in self.blocked:
            raise BotAPIError(403, DEACTIVATED if self._block_reason.get(chat_id) == "deactivated" else BLOCKED)
        return chat_id

    def _text_and_entities(
        self, text: str, parse_mode: Any, entities: Any, *, caption: bool = False
    ) -> tuple[str, list]:
        """validation.text_and_entities with this server's strictness settings."""
        return text_and_entities(
            text,
            parse_mode,
            entities,
            caption=caption,
            strict_html=self.strict_html,
            strict_ampersand=self.strict_ampersand,
        )

    def _reply_to(self, chat_id: int, params: dict) -> dict | None:
        raw = params.get("reply_parameters")
        reply = json_param(raw, "reply_parameters") if raw not in (None, "") else None
        if reply is None and params.get("reply_to_message_id") not in (None, ""):
            reply = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": bool_param(params.get("allow_sending_without_reply")),
            }
        if not reply:
            return None
        try:
            message_id = int(reply.get("message_id"))
        except (TypeError, ValueError):
            raise bad("message to be replied not found") from None
        original = self._messages.get((chat_id, message_id))
        if original is None:
            if bool_param(reply.get("allow_sending_without_reply")):
                return None
            raise bad("message to be replied not found")
        return original

    def _new_bot_message(self, chat_id: int, params: dict, kind: str, content: dict, extra: dict) -> dict:
        markup = parse_reply_markup(params)
        reply_to = self._reply_to(chat_id, params)
        now = self.clock()
        self._check_limits(chat_id, now)
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat_id),
            "from": self.bot_user(),
            "chat": self.users[chat_id].chat(),
            "date": int(time.time()),
        }
        if reply_to is not None:
            message["reply_to_message"] = without_reply(reply_to)
        message.update(content)
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[(chat_id, message["message_id"])] = message
        record = {
            "message_id": message["message_id"],
            "chat_id": chat_id,
            "kind": kind,
            "text": "",
            "caption": None,
            "parse_mode": params.get("parse_mode") or None,
            "reply_markup": markup,
            "reply_to_message_id": reply_to["message_id"] if reply_to else None,
            "date": message["date"],
            "ts": now,
            "edits": [],
            "deleted": False,
            "message": message,
            **extra,
        }
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
            raise BotAPIError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int_param(params.get("offset"), "offset", None)
        limit = min(max(int_param(params.get("limit"), "limit", 100), 1), 100)
        timeout = min(max(int_param(params.get("timeout"), "timeout", 0), 0), 50)
        if params.get("allowed_updates") not in (None, ""):
            allowed = json_param(params["allowed_updates"], "allowed_updates")
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

    def _m_send_message(self, params: dict, uploads: dict) -> dict:
        chat_id = self._writable_chat(params)
        text = params.get("text")
        if text in (None, ""):
            raise bad("message text is empty")
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
        extra: dict[str, Any] = {
            "file_bytes": stored["data"],
            "file_name": stored["file_name"],
            "file_id": stored["file_id"],
            "mime_type": stored["mime_type"],
        }
        if caption not in (None, ""):
            plain, entities = self._text_and_entities(
                str(caption), params.get("parse_mode"), params.get("caption_entities"), caption=True
            )
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
            upload = uploads.get(value[len("attach://") :])
            if upload is None:
                raise bad(f"there is no {kind} in the request")
        elif value in (None, ""):
            upload = uploads.get(kind)
            if upload is None:
                raise bad(f"there is no {kind} in the request")
        elif isinstance(value, str) and value in self._files:
            return self._files[value]
        elif isinstance(value, str) and re.match(r"https?://", value):
            name = value.rsplit("/", 1)[-1].split("?", 1)[0] or f"file.{DEFAULT_EXT[kind]}"
            return self._store_file(kind, None, name, None, url=value)
        else:
            raise bad("wrong file identifier/HTTP URL specified")
        return self._store_file(kind, upload.data, upload.filename, upload.content_type)

    def _bot_message(self, params: dict, *, what: str) -> tuple[int, dict, dict]:
        if params.get("inline_message_id") not in (None, ""):
            raise bad("MESSAGE_ID_INVALID")
        chat_id = self._writable_chat(params)
        message_id = int_param(params.get("message_id"), "message_id", None)
        if message_id is None:
            raise bad("message identifier is not specified")
        message = self._messages.get((chat_id, message_id))
        record = self._record(chat_id, message_id)
        if message is None or (record is not None and record["deleted"]):
            raise bad(f"message to {what} not found")
        if record is None:
            raise bad(f"message can't be {'edited' if what == 'edit' else 'deleted'}")
        return chat_id, message, record

    def _apply_edit(self, record: dict, message: dict, changes: dict, record_changes: dict) -> dict | bool:
        new_markup = parse_reply_markup(changes)
        inline = new_markup if new_markup and "inline_keyboard" in new_markup else None
        same_content = all(message.get(k) == v for k, v in record_changes.get("_content", {}).items())
        if same_content and message.get("reply_markup") == inline:
            raise bad(NOT_MODIFIED)
        record["edits"].append(
            {
                "text": record["text"],
                "caption": record["caption"],
                "reply_markup": record["reply_markup"],
                "date": int(time.time()),
            }
        )
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
            raise bad("there is no text in the message to edit")
        text = params.get("text")
        if text in (None, ""):
            raise bad("message text is empty")
        plain, entities = self._text_and_entities(str(text), params.get("parse_mode"), params.get("entities"))
        content: dict[str, Any] = {"text": plain}
        if entities:
            content["entities"] = entities
        elif "entities" in message:
            content["entities"] = []
        changes = {
            "_content": content,
            "text": str(text),
            "plain_text": plain,
            "parse_mode": params.get("parse_mode") or None,
        }
        if not entities:
            changes["_drop"] = ("entities",)
        return self._apply_edit(record, message, params, changes)

    def _m_edit_message_caption(self, params: dict, uploads: dict) -> dict:
        _chat_id, message, record = self._bot_message(params, what="edit")
        if "text" in message:
            raise bad("there is no caption in the message to edit")
        caption = params.get("caption")
        changes: dict[str, Any] = {"_content": {}, "caption": caption or None}
        if caption:
            plain, entities = self._text_and_entities(
                str(caption), params.get("parse_mode"), params.get("caption_entities"), caption=True
            )
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
        message_id = int_param(params.get("message_id"), "message_id", None)
        record = self._record(chat_id, message_id) if message_id is not None else None
        message = self._messages.get((chat_id, message_id))
        if message is None or (record is not None and record["deleted"]):
            raise bad("message to delete not found")
        if message.get("date", 0) <= time.time() - DELETE_WINDOW_S:
            raise bad("message can't be deleted for everyone")
        if record is not None:
            record["deleted"] = True
        self._messages.pop((chat_id, message_id), None)
        self._notify()
        return True

    def _m_delete_messages(self, params: dict, uploads: dict) -> bool:
        for message_id in json_param(params.get("message_ids") or "[]", "message_ids"):
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
            raise bad("query is too old and response timeout expired or query ID is invalid")
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise bad("MESSAGE_TOO_LONG")
        self.answered_callbacks.append(
            {
                "callback_query_id": query_id,
                "text": text or None,
                "show_alert": bool_param(params.get("show_alert")),
                "url": params.get("url") or None,
                "cache_time": int_param(params.get("cache_time"), "cache_time", 0),
                **query,
            }
        )
        self._notify()
        return True

    def _m_send_chat_action(self, params: dict, uploads: dict) -> bool:
        self._writable_chat(params)
        if not params.get("action"):
            raise bad("Wrong parameter action in request")
        return True

    def _m_set_my_commands(self, params: dict, uploads: dict) -> bool:
        commands = json_param(params.get("commands") or "[]", "commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad("BOT_COMMANDS_TOO_MUCH" if isinstance(commands, list) else "can't parse commands")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad(
                    "command description is empty"
                    if not command.get("description")
                    else "BOT_COMMAND_DESCRIPTION_INVALID"
                )
        key = (
            scope_key(json_param(params.get("scope"), "scope") if params.get("scope") else None),
            str(params.get("language_code") or ""),
        )
        self.commands_by_scope[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
        return True

    def _m_get_my_commands(self, params: dict, uploads: dict) -> list[dict]:
        scope = json_param(params.get("scope"), "scope") if params.get("scope") else None
        return self.commands(scope, str(params.get("language_code") or ""))

    def _m_delete_my_commands(self, params: dict, uploads: dict) -> bool:
        scope = json_param(params.get("scope"), "scope") if params.get("scope") else None
        self.commands_by_scope.pop((scope_key(scope), str(params.get("language_code") or "")), None)
        return True

    def _m_set_webhook(self, params: dict, uploads: dict) -> bool:
        url = str(params.get("url") or "")
        if not url:
            return self._m_delete_webhook(params, uploads)
        if not re.match(r"https?://", url):
            raise bad("bad webhook: HTTPS url must be provided for webhook")
        secret = params.get("secret_token")
        if secret not in (None, "") and not _SECRET.fullmatch(str(secret)):
            raise bad("secret token contains unallowed characters")
        allowed = json_param(params["allowed_updates"], "allowed_updates") if params.get("allowed_updates") else None
        self.webhook = {
            "url": url,
            "secret_token": str(secret) if secret else None,
            "allowed_updates": allowed,
            "max_connections": int_param(params.get("max_connections"), "max_connections", 40),
            "ip_address": params.get("ip_address") or None,
        }
        if allowed:
            self._allowed_updates = frozenset(allowed)
        if bool_param(params.get("drop_pending_updates")):
            self._pending.clear()
        self._ensure_webhook_worker()
        self._notify()
        return True

    def _m_delete_webhook(self, params: dict, uploads: dict) -> bool:
        self.webhook = {**self.webhook, "url": "", "secret_token": None}
        self.webhook.pop("last_error_date", None)
        self.webhook.pop("last_error_message", None)
        if bool_param(params.get("drop_pending_updates")):
            self._pending.clear()
        return True

    def _m_get_webhook_info(self, params: dict, uploads: dict) -> dict:
        info: dict[str, Any] = {
            "url": self.webhook["url"],
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
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
            raise bad("invalid file_id")
        return {
            "file_id": stored["file_id"],
            "file_unique_id": stored["file_unique_id"],
            "file_size": stored["file_size"],
            "file_path": stored["file_path"],
        }

    def _m_get_chat(self, params: dict, uploads: dict) -> dict:
        chat_id = self._chat(params)
        return {
            **self.users[chat_id].chat(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": True,
                "limited_gifts": True,
                "unique_gifts": True,
                "premium_subscription": True,
            },
        }

    def _m_store_setting(self, params: dict, uploads: dict) -> bool:
        self.bot_settings[self.calls[-1][0]] = params
        return True


def _media_content(kind: str, stored: dict, params: dict) -> dict:
    duration = int_param(params.get("duration"), "duration", 1)
    width = int_param(params.get("width"), "width", 640)
    height = int_param(params.get("height"), "height", 480)
    if kind == "photo":
        return {"photo": photo_sizes(stored, 1280, 960)}
    if kind == "document":
        return {"document": document_ref(stored)}
    if kind == "sticker":
        return {
            "sticker": {
                **file_ref(stored),
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": params.get("emoji") or "🙂",
            }
        }
    if kind == "voice":
        return {"voice": {**file_ref(stored), "duration": duration, "mime_type": stored["mime_type"]}}
    if kind == "audio":
        return {
            "audio": {
                **file_ref(stored),
                "duration": duration,
                "file_name": stored["file_name"],
                "mime_type": stored["mime_type"],
            }
        }
    if kind == "video_note":
        return {"video_note": {**file_ref(stored), "length": 240, "duration": duration}}
    media = {
        **file_ref(stored),
        "width": width,
        "height": height,
        "duration": duration,
        "file_name": stored["file_name"],
        "mime_type": stored["mime_type"],
    }
    if kind == "animation":
        return {"animation": media, "document": document_ref(stored)}
    return {kind: media}


METHOD_HANDLERS = {
    "getMe": "_m_get_me",
    "getUpdates": "_m_get_updates",
    "sendMessage": "_m_send_message",
    "editMessageText": "_m_edit_message_text",
    "editMessageReplyMarkup": "_m_edit_message_reply_markup",
    "editMessageCaption": "_m_edit_message_caption",
    "answerCallbackQuery": "_m_answer_callback_query",
    "setMyCommands": "_m_set_my_commands",
    "getMyCommands": "_m_get_my_commands",
    "deleteMyCommands": "_m_delete_my_commands",
    "deleteWebhook": "_m_delete_webhook",
    "setWebhook": "_m_set_webhook",
    "getWebhookInfo": "_m_get_webhook_info",
    "deleteMessage": "_m_delete_message",
    "deleteMessages": "_m_delete_messages",
    "sendChatAction": "_m_send_chat_action",
    "close": "_m_log_out",
    "logOut": "_m_log_out",
    "getFile": "_m_get_file",
    "getChat": "_m_get_chat",
    **{name: "_m_send_media" for name in MEDIA_METHODS},
    **{
        name: "_m_store_setting"
        for name in (
            "setMyDescription",
            "setMyShortDescription",
            "setMyName",
            "setChatMenuButton",
            "setMyDefaultAdministratorRights",
        )
    },
}
METHODS = {name.lower(): handler for name, handler in METHOD_HANDLERS.items()}
CANONICAL = {name.lower(): name for name in METHOD_HANDLERS}
