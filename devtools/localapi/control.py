"""The control endpoints, for other processes (benchmarks, a bot started apart with
TELEGRAM_API_URL pointing here): `/_test/<action>` runs one of the simulation's Python methods
(`TEST_ACTIONS` below: act as a user, inject faults, read what the bot sent, wait for it) and
answers JSON; `/_test/chat_call_stream` streams every call addressed to a chat as it happens.

`ControlEndpoints` is a part of `LocalBotAPI` (server.py)."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import orjson
from aiohttp import web

from .state import SimUser
from .wire import Upload, bool_param, json_response, loads

if TYPE_CHECKING:
    from .server import LocalBotAPI


class ControlEndpoints:
    """The aiohttp handlers of /_test/ and the state() summary."""

    async def _handle_test(self, request: web.Request) -> web.Response:
        action = request.match_info["action"]
        params: dict[str, Any] = dict(request.query)
        if request.can_read_body and request.content_type == "application/json":
            body = await request.json(loads=loads)
            if isinstance(body, dict):
                params.update(body)
        if "arg" in request.match_info:
            params.setdefault("chat_id" if action in ("sent", "last") else "kind", request.match_info["arg"])
        handler = TEST_ACTIONS.get(action)
        if handler is None:
            return json_response(
                {
                    "ok": False,
                    "description": f"unknown action {action!r}",
                    "actions": sorted([*TEST_ACTIONS, "chat_call_stream"]),
                },
                status=404,
            )
        try:
            result = handler(self, params)
            if asyncio.iscoroutine(result):
                result = await result
        except (LookupError, ValueError, TypeError) as exc:
            return json_response({"ok": False, "description": f"{type(exc).__name__}: {exc}"}, status=400)
        except TimeoutError as exc:
            return json_response({"ok": False, "description": str(exc)}, status=408)
        try:  # most results are plain JSON values already: no _jsonable walk
            body = orjson.dumps({"ok": True, "result": result})
        except TypeError:  # bytes, SimUser, non-string keys, ...
            return json_response({"ok": True, "result": _jsonable(result)})
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
        stream = CallStream()
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
        return {
            "base_url": self.base_url,
            "token_set": self.token is not None,
            "confirmed_offset": self.confirmed_offset,
            "pending_updates": len(self._pending),
            "webhook": {k: v for k, v in self.webhook.items()},
            "stats": dict(self.stats),
            "blocked": sorted(self.blocked),
            "users": len(self.users),
            "enforce_limits": self.enforce_limits,
            "global_rate": self.global_rate,
            "per_chat_rate": self.per_chat_rate,
            "fail_next": [
                {"status": f.status, "body": f.body, "methods": sorted(f.methods) if f.methods is not None else None}
                for f in self._fail_next
            ],
            "delay": self._delay,
            "strict_html": self.strict_html,
            "strict_ampersand": self.strict_ampersand,
            "inaccessible_after_hours": self.inaccessible_after_hours,
            "storm_remaining_s": max(0.0, self._storm_until - self.clock()),
        }


class CallStream:
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


STREAM_RESET = "reset\n"


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
    return [
        {
            "method": m,
            "params": {k: (v if not isinstance(v, Upload) else v.filename) for k, v in params.items()},
            "ts": ts,
        }
        for m, params, ts in api.calls[since:]
        if method in (None, m)
    ]


def _opt_int(params: dict, name: str) -> int | None:
    value = params.get(name)
    return None if value in (None, "") else int(value)


def _test_strict(api: LocalBotAPI, p: dict) -> dict:
    """Switch Telegram's checks of parse_mode texts (html) or only the documented "&" rule
    (ampersand); answers the settings now."""
    if "html" in p:
        api.strict_html = bool_param(p["html"])
    if "ampersand" in p:
        api.strict_ampersand = bool_param(p["ampersand"])
    return {"html": api.strict_html, "ampersand": api.strict_ampersand}


TEST_ACTIONS: dict[str, Callable[[LocalBotAPI, dict], Any]] = {
    "state": lambda api, p: api.state(),
    "user": _test_user,
    "send": _test_send,
    "send_text": lambda api, p: api.send_text(
        _uid(p), p["text"], reply_to=p.get("reply_to"), queue=bool_param(p.get("queue", True))
    ),
    "inject_update": lambda api, p: api.inject_update(p.get("update", p)),
    "press_button": lambda api, p: api.press_button(_uid(p), int(p["message_id"]), str(p["callback_data"])),
    "press": lambda api, p: api.press(
        _uid(p), p["text"], queue=bool_param(p.get("queue", True)), message_id=_opt_int(p, "message_id")
    ),
    "delete_message": lambda api, p: api.delete_message(int(p["chat_id"]), _opt_int(p, "message_id")),
    "make_inaccessible": lambda api, p: api.make_inaccessible(int(p["chat_id"]), _opt_int(p, "message_id")),
    "age_messages": lambda api, p: api.age_messages(
        int(p["chat_id"]), float(p.get("hours", 49)), _opt_int(p, "message_id")
    ),
    "set_inaccessible_after": lambda api, p: api.set_inaccessible_after(
        None if p.get("hours") in (None, "", "none", "null") else float(p["hours"])
    ),
    "strict": _test_strict,
    "sent": lambda api, p: api.sent(int(p["chat_id"]))[int(p.get("since", 0)) :],
    "last": lambda api, p: api.last(int(p["chat_id"])),
    "calls": _test_calls,
    "chat_calls": lambda api, p: api.wait_chat_calls(
        int(p["chat_id"]), int(p.get("count", 0)), float(p.get("timeout", 10))
    ),
    "answered_callbacks": lambda api, p: api.answered_callbacks[int(p.get("since", 0)) :],
    "send_times": lambda api, p: api.send_times(),
    "commands": lambda api, p: api.commands(p.get("scope"), p.get("language_code", "")),
    "wait_for": lambda api, p: api.wait_for(int(p["chat_id"]), int(p.get("count", 1)), float(p.get("timeout", 5))),
    "wait_for_text": lambda api, p: api.wait_for_text(
        int(p["chat_id"]), p["substring"], float(p.get("timeout", 5)), since=int(p.get("since", 0))
    ),
    "wait_processed": lambda api, p: api.wait_processed(int(p["update_id"]), float(p.get("timeout", 10))),
    "block": lambda api, p: api.block(_uid(p), notify=bool_param(p.get("notify")), reason=p.get("reason", "blocked")),
    "unblock": lambda api, p: api.unblock(_uid(p), notify=bool_param(p.get("notify"))),
    "fail_next": lambda api, p: api.fail_next(
        int(p.get("n", 1)),
        int(p.get("status", 500)),
        body=p.get("body", "json"),
        methods=p.get("methods"),
        retry_after=_opt_int(p, "retry_after"),
        description=p.get("description"),
    ),
    "set_delay": lambda api, p: api.set_delay(float(p.get("seconds", 0))),
    "storm_429": lambda api, p: api.storm_429(float(p["duration_s"]), int(p.get("retry_after", 1))),
    "limits": lambda api, p: api.set_limits(
        enforce=bool_param(p["enforce"]) if "enforce" in p else None,
        global_rate=int(p["global_rate"]) if "global_rate" in p else None,
        per_chat_rate=float(p["per_chat_rate"]) if "per_chat_rate" in p else None,
    ),
    "clear": lambda api, p: api.clear(users=bool_param(p.get("users"))),
}
