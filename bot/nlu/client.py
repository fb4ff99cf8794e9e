"""The Rasa NLU server over HTTP (POST /model/parse): the only way the bot reaches the model.

The bot works without it. A server that is down, slow or answering garbage costs one
warning in the log (and one info line when it is back), not one per message; after a
failure the client does not call it again for `backoff` seconds, so a dead server costs
nothing per message.

The server runs with `--auth-token` (deploy/, `make nlu-serve`): with the API enabled, anyone
who reaches it could otherwise replace the model (PUT /model) or read conversations. The
client sends the token as Rasa's `?token=` query parameter: `token`, or else the contents of
`token_file` (read when first needed, so a server started beside the bot may write it later).
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from pathlib import Path

import aiohttp

from bot.consent.keywords import FALLBACK_INTENT, Parse, scope_from_text
from bot.consent.scopes import SCOPES

log = logging.getLogger(__name__)

# The FallbackClassifier threshold of nlu/config.yml: below it the intent is nlu_fallback.
FALLBACK_THRESHOLD = 0.5
ENTITIES = ("scope", "date", "name", "interest", "rating")
SCOPED_INTENTS = ("opt_in", "opt_out")


class NLUUnavailable(Exception):
    """The server did not give a usable answer."""


class NLUClient:
    def __init__(
        self,
        url: str,
        *,
        timeout: float = 0.5,
        threshold: float = FALLBACK_THRESHOLD,
        backoff: float = 5.0,
        token: str | None = None,
        token_file: Path | None = None,
    ) -> None:
        self.url = url.rstrip("/")
        self.token = token or None
        self.token_file = token_file
        self.timeout = timeout
        self.threshold = threshold
        self.backoff = backoff
        self._session: aiohttp.ClientSession | None = None
        self._retry_at = 0.0
        self._down = False

    @property
    def available(self) -> bool:
        """False while the last call failed (until a later call succeeds)."""
        return not self._down

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                connector=aiohttp.TCPConnector(limit=32, keepalive_timeout=30),
            )
        return self._session

    def _params(self) -> dict[str, str] | None:
        if self.token is None and self.token_file is not None:
            try:
                self.token = self.token_file.read_text().strip() or None
            except OSError:
                pass
        return {"token": self.token} if self.token else None

    async def parse(self, text: str) -> Parse | None:
        """The model's reading of `text`, or None when the server cannot answer now."""
        if not text or not text.strip():
            return None
        if time.monotonic() < self._retry_at:
            return None
        try:
            async with asyncio.timeout(self.timeout):
                async with self._get_session().post(
                    f"{self.url}/model/parse", json={"text": text}, params=self._params()
                ) as resp:
                    if resp.status in (401, 403):
                        raise NLUUnavailable(
                            f"HTTP {resp.status}: the server wants the token it was started with "
                            f"(--auth-token); set NLU_TOKEN to it"
                        )
                    if resp.status != 200:
                        raise NLUUnavailable(f"HTTP {resp.status}")
                    data = await resp.json(content_type=None)
            result = self._to_parse(data, text)
        except (aiohttp.ClientError, TimeoutError, ValueError, NLUUnavailable) as exc:
            self._failed(exc)
            return None
        if self._down:
            self._down = False
            log.info("NLU server at %s answers again", self.url)
        return result

    async def probe(self) -> bool:
        """Ask the server now, whatever the backoff: True when it answers. A server that comes up
        late (`make run` starts Rasa beside the bot) is then used by the very next message."""
        self._retry_at = 0.0
        return await self.parse("hello") is not None

    def _failed(self, exc: BaseException) -> None:
        self._retry_at = time.monotonic() + self.backoff
        reason = str(exc) or type(exc).__name__
        if not self._down:
            self._down = True
            log.warning(
                "NLU server at %s is unavailable (%s); keyword rules and buttons only, retrying every %.0f s",
                self.url,
                reason,
                self.backoff,
            )
        else:
            log.debug("NLU server at %s still unavailable: %s", self.url, reason)

    def _to_parse(self, data: object, text: str) -> Parse:
        if not isinstance(data, dict) or not isinstance(data.get("intent"), dict):
            raise NLUUnavailable("answer without an intent")
        intent = data["intent"].get("name") or FALLBACK_INTENT
        try:
            confidence = float(data["intent"].get("confidence") or 0.0)
        except (TypeError, ValueError):
            raise NLUUnavailable("answer with a non-numeric confidence") from None
        if not isinstance(intent, str) or not math.isfinite(confidence):
            raise NLUUnavailable("answer with a malformed intent")
        if confidence < self.threshold:
            intent = FALLBACK_INTENT
        entities = _entities(data.get("entities"))
        if intent in SCOPED_INTENTS and "scope" not in entities:
            scope = scope_from_text(text)
            if scope:
                entities["scope"] = scope
        return Parse(intent, confidence, entities, "nlu")

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None


def _entities(raw: object) -> dict[str, str]:
    """The first value of each entity; scope as a scope name (several different scopes: none)."""
    entities: dict[str, str] = {}
    scopes: set[str] = set()
    if not isinstance(raw, list):
        return entities
    for item in raw:
        if not isinstance(item, dict):
            continue
        name, value = item.get("entity"), item.get("value")
        if name not in ENTITIES or value is None or str(value).strip() == "":
            continue
        value = str(value).strip()
        if name == "scope":
            scope = value.lower() if value.lower() in SCOPES else scope_from_text(value)
            if scope:
                scopes.add(scope)
            continue
        entities.setdefault(name, value)
    # "stop samples and offers": one scope would withdraw too little, so none (= everything).
    if len(scopes) == 1:
        entities["scope"] = scopes.pop()
    return entities
