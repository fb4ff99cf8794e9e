"""The HTTP layer of the local Bot API: the aiohttp application that answers the Bot API's
routes (`GET|POST {base}/bot{token}/{method}`, files under `/file/bot{token}/`), the control
endpoints under `/_test/` (control.py), and the delivery of updates to a bot's webhook.

`LocalBotAPI` is the server: the simulated Telegram (state.py), the Bot API methods
(methods.py), the fault injection (faults.py) and the control endpoints (control.py) are its
parts. Requests carry query, JSON, urlencoded or multipart bodies (files as `attach://name`
parts, nested objects as JSON strings, as aiogram sends them); answers are `{"ok": true,
"result": ...}` or `{"ok": false, "error_code": N, "description": ..., "parameters":
{"retry_after": N}}` with Telegram's status codes and texts.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any, Self

from aiohttp import ClientSession, ClientTimeout, MultipartReader, web
from aiohttp.web_request import FileField

from .control import STREAM_RESET, CallStream, ControlEndpoints
from .errors import BotAPIError, bad
from .faults import FaultInjection
from .methods import METHODS, SEND_METHODS, BotAPIMethods
from .state import SimUser, TelegramState
from .validation import MAX_UPLOAD
from .wire import Upload, json_response, loads

__all__ = ["SEND_METHODS", "BotAPIError", "LocalBotAPI", "SimUser", "Upload"]

log = logging.getLogger("devtools.localapi")


class LocalBotAPI(TelegramState, BotAPIMethods, FaultInjection, ControlEndpoints):
    """Telegram Bot API over HTTP on 127.0.0.1 plus a simulation API. See the package doc."""

    def __init__(
        self,
        token: str | None = None,
        *,
        enforce_limits: bool = False,
        global_rate: int = 30,
        per_chat_rate: float = 1.0,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_first_name: str = "Local Bot",
        bot_username: str = "local_test_bot",
        strict_html: bool = True,
        strict_ampersand: bool = True,
        inaccessible_after_hours: float | None = 48.0,
    ) -> None:
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
        self._call_streams: list[CallStream] = []
        # Time for rate limits, storms and send_times(); tests may replace it with a fake clock.
        self.clock: Callable[[], float] = time.monotonic
        self.clear(users=True)

    # ------------------------------------------------------------------ lifecycle
    def clear(self, *, users: bool = False) -> None:
        """Forget updates, messages, calls, faults and stats (and users/webhook with users=True)."""
        self._reset_state(users=users)
        self._reset_faults(users=users)
        for stream in self._call_streams:
            stream.push(STREAM_RESET)

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

    # ------------------------------------------------------------------ HTTP: Bot API and files
    def _check_token(self, token: str) -> None:
        if self.token is None:
            self.token = token
        elif token != self.token:
            raise BotAPIError(401, "Unauthorized")

    async def _handle_api(self, request: web.Request) -> web.Response:
        try:
            self._check_token(request.match_info["token"])
            method = request.match_info["method"]
            if method.lower() not in METHODS:
                raise BotAPIError(404, "Not Found: method not found")
            params, uploads = await _read_params(request)
        except BotAPIError as exc:
            self.stats[str(exc.code)] += 1
            return json_response(exc.payload(), status=exc.code)
        try:
            result = await self.call(method, params, uploads)
        except BotAPIError as exc:  # counted in call()
            if exc.html is not None:
                return web.Response(text=exc.html, status=exc.code, content_type="text/html")
            return json_response(exc.payload(), status=exc.code)
        return json_response({"ok": True, "result": result})

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
                async with self._client.post(
                    url, json=update, headers=headers, timeout=ClientTimeout(total=30)
                ) as resp:
                    if 200 <= resp.status < 300:
                        reply = await _read_webhook_reply(resp)
                    else:
                        error = f"Wrong response from the webhook: {resp.status} {resp.reason}"
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 - any failure is the webhook's "last error"
                error = f"Connection failed: {type(exc).__name__}: {exc}"
            self.webhook_deliveries.append(
                {"update_id": update["update_id"], "url": url, "error": error, "secret_token": secret}
            )
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
            body = await request.json(loads=loads)
            if not isinstance(body, dict):
                raise bad("parameters must be a JSON object")
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
        raise bad("can't parse request body") from None
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
