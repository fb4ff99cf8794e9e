"""Settings from the environment and an optional `.env` (pydantic-settings).

A missing or malformed value becomes a one-line error naming the variable
(`ConfigError`), never a traceback: the CLI prints it and exits 2.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = f"sqlite:///{ROOT / 'var' / 'bot.db'}"


class ConfigError(Exception):
    """A configuration value is missing or malformed; the message names the variable."""


# Telegram's rule for setWebhook's secret_token: 1-256 characters, only A-Z, a-z, 0-9, _ and -.
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
# The Rasa API token travels as a query parameter (`?token=`): URL-safe characters only.
_NLU_TOKEN = re.compile(r"[A-Za-z0-9_.~-]{1,256}")
GENERATE_SECRET = "openssl rand -hex 32"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_url: str = DEFAULT_SQLITE
    redis_url: str | None = None
    nlu_url: str = "http://127.0.0.1:5005"
    nlu_timeout: float = Field(default=0.5, gt=0)
    # The Rasa server's --auth-token, sent as `?token=` (bot/nlu/client.py). Unset: the token
    # `make nlu-serve` generated into var/nlu-token, if any (a local server), else none.
    nlu_token: str | None = None
    admin_ids: Annotated[list[int], NoDecode] = []
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    # Webhook mode: how long a withdrawal the database does not take is retried while Telegram
    # waits for the answer (it re-sends after ~60 s); then it goes to the spool (bot/spool.py).
    webhook_hold: float = Field(default=20.0, gt=0, le=50)
    spool_dir: Path = ROOT / "var" / "spool"
    pseudonym_secret: str | None = None
    # Where the pseudonym key lives when PSEUDONYM_SECRET is not set (never in the database).
    pseudonym_secret_file: str = str(ROOT / "var" / "pseudonym.key")
    # Shop linking (bot/linking.py): the HMAC key of the deep links, or the file it is kept in
    # (created 0600 on first use); how long a link is valid; the bot's @username for the t.me
    # link (asked from Telegram with getMe when not set).
    link_secret: str | None = None
    link_secret_file: str = str(ROOT / "var" / "link.key")
    link_ttl_hours: float = Field(default=72.0, gt=0, le=24 * 90)
    bot_username: str | None = None
    # Outgoing webhooks (bot/delivery/webhooks.py): the timeout of one POST, how many attempts
    # before a delivery is given up.
    webhook_out_timeout: float = Field(default=10.0, gt=0, le=120)
    webhook_out_max_attempts: int = Field(default=8, ge=1, le=50)
    default_timezone: str = "UTC"
    # Scheduled deliveries: when greetings go out, feedback delays, caps, stage thresholds.
    birthday_hour: int = Field(default=10, ge=0, le=23)
    birthday_perk: str | None = None
    feedback_delay_days: int = Field(default=7, ge=0, le=365)
    default_weekly_cap: int = Field(default=3, ge=1, le=100)
    send_rate: float = Field(default=28.0, gt=0)
    send_per_chat_rate: float = Field(default=1.0, gt=0)
    send_max_attempts: int = Field(default=5, ge=1, le=50)
    # After this many seconds another worker takes over the outbox rows of a worker that died.
    sender_lease_seconds: float = Field(default=120.0, gt=0)
    # A background task (sender, scheduler, standby) failing this long without a success ends
    # the process with status 70, so that systemd or docker starts it again.
    background_give_up_seconds: float = Field(default=300.0, gt=0)
    loyal_after_purchases: int = Field(default=3, ge=1)
    # The integration API (bot/api; `run --role api`, part of `--role all`): where it listens
    # (behind a TLS-terminating proxy in production) and how many calls each API key may make a
    # minute (counted in Redis when REDIS_URL is set, else per process).
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8081, ge=1, le=65535)
    api_rate_limit: int = Field(default=120, ge=1, le=100_000)
    inactive_months: int = Field(default=12, ge=1, le=120)
    log_level: str = "INFO"
    # Consent records (bot/consent/records.py, ISO/IEC TS 27560): the data controller named in
    # every record and the jurisdiction (ISO 3166-1 alpha-2 where it applies, e.g. PL, or EU).
    # Unset: null in the records (the keys stay, so a reader sees what was not configured).
    controller_name: str | None = None
    controller_contact: str | None = None
    controller_address: str | None = None
    jurisdiction: str | None = None

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value):
        if value is None or value == "":
            return []
        if isinstance(value, str):
            return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
        return value

    @field_validator("controller_name", "controller_contact", "controller_address", "jurisdiction")
    @classmethod
    def _blank_is_unset(cls, value: str | None) -> str | None:
        value = value.strip() if value is not None else None
        return value or None

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Europe/Kyiv)") from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if value.split(":", 1)[0].split("+", 1)[0] not in {"sqlite", "postgresql", "postgres"}:
            raise ValueError("must start with sqlite:/// or postgresql://")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _telegram_secret(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not _WEBHOOK_SECRET.fullmatch(value):
            raise ValueError(
                f"Telegram accepts 1-256 characters A-Z a-z 0-9 _ - (this one has {len(value)}, "
                f"or other characters); generate one with: {GENERATE_SECRET}"
            )
        return value

    @field_validator("nlu_token")
    @classmethod
    def _url_safe_token(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not _NLU_TOKEN.fullmatch(value):
            raise ValueError(f"must be 1-256 characters A-Z a-z 0-9 _ - . ~; generate one with: {GENERATE_SECRET}")
        return value

    @field_validator("webhook_url", "telegram_api_url", "nlu_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        if value:
            # A malformed URL would otherwise fail at the first call, with the whole request URL
            # (for the Bot API: /bot<token>/...) in the error text.
            from yarl import URL

            try:
                host = URL(value).host
            except ValueError as exc:
                raise ValueError(f"not a valid URL ({exc})") from None
            if not host:
                raise ValueError("not a valid URL (no host)")
        return value.rstrip("/") if value else value

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.default_timezone)

    def require_webhook_secret(self) -> None:
        """Webhook mode without a secret would take any POST to the URL as an update from
        Telegram (aiogram checks the header only when a secret is set): refuse to start."""
        if self.webhook_url and not self.webhook_secret:
            raise ConfigError(
                "configuration error: WEBHOOK_SECRET: required when WEBHOOK_URL is set (Telegram "
                "sends it in X-Telegram-Bot-Api-Secret-Token, so forged updates get 401); set "
                f"WEBHOOK_SECRET=$({GENERATE_SECRET})"
            )

    def nlu_token_file(self) -> Path:
        """Where `make nlu-serve` keeps the token it generated when NLU_TOKEN is not set."""
        return ROOT / "var" / "nlu-token"


def load_settings(**overrides) -> Settings:
    """Build settings, turning validation errors into a one-line `ConfigError`."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]).upper() if err["loc"] else "configuration"
        raise ConfigError(f"configuration error: {name}: {err['msg']}") from None
