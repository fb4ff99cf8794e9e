"""Configuration: defaults, parsing, and one-line errors naming the variable."""

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from storage.db import async_url

ROOT = Path(__file__).resolve().parents[2]


def test_defaults(monkeypatch):
    for name in ("BOT_TOKEN", "DATABASE_URL", "ADMIN_IDS", "DEFAULT_TIMEZONE", "NLU_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings(_env_file=None)
    assert settings.bot_token is None
    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith("var/bot.db")
    assert settings.nlu_url == "http://127.0.0.1:5005"
    assert settings.admin_ids == [] and settings.default_timezone == "UTC"


def test_admin_ids_and_zone(monkeypatch):
    monkeypatch.setenv("ADMIN_IDS", "11, 22,33")
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Europe/Kyiv")
    settings = load_settings(_env_file=None)
    assert settings.admin_ids == [11, 22, 33] and settings.tz.key == "Europe/Kyiv"


@pytest.mark.parametrize(
    "name, value",
    [
        ("ADMIN_IDS", "one,two"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus"),
        ("DATABASE_URL", "mysql://x"),
        ("WEBHOOK_PORT", "99999"),
        ("NLU_URL", "localhost:5005"),
        ("BIRTHDAY_HOUR", "25"),
        ("WEBHOOK_SECRET", "has spaces"),
        ("WEBHOOK_SECRET", "x" * 257),
        ("WEBHOOK_SECRET", "ünïcode"),
        ("WEBHOOK_SECRET", "a/b"),
        ("NLU_TOKEN", "a b"),
        ("NLU_TOKEN", "tok&en=1"),
    ],
)
def test_malformed_value_names_the_variable(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as err:
        load_settings(_env_file=None)
    assert str(err.value).startswith(f"configuration error: {name}:")
    assert "\n" not in str(err.value)


def test_cli_prints_one_line_not_a_traceback(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "DEFAULT_TIMEZONE": "Nowhere/Land", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "migrate"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert "DEFAULT_TIMEZONE" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "plain, full",
    [
        ("sqlite:///var/bot.db", "sqlite+aiosqlite:///var/bot.db"),
        ("postgresql://postgres@127.0.0.1:5432/test", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"),
        ("postgres://u:p@h/db", "postgresql+asyncpg://u:p@h/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
    ],
)
def test_plain_urls_get_the_async_driver(plain, full):
    assert async_url(plain) == full


@pytest.mark.parametrize("secret", ["a", "A-Z_a-z_0-9", "x" * 256])
def test_webhook_secret_in_telegrams_alphabet_is_accepted(monkeypatch, secret):
    monkeypatch.setenv("WEBHOOK_SECRET", secret)
    assert load_settings(_env_file=None).webhook_secret == secret


def test_webhook_url_without_a_secret_is_refused_in_one_line(monkeypatch):
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.com/tg")
    monkeypatch.setenv("WEBHOOK_SECRET", "")
    settings = load_settings(_env_file=None)
    assert settings.webhook_secret is None  # empty means unset
    with pytest.raises(ConfigError) as err:
        settings.require_webhook_secret()
    message = str(err.value)
    assert message.startswith("configuration error: WEBHOOK_SECRET:") and "\n" not in message
    assert "openssl rand" in message  # how to generate one
    monkeypatch.setenv("WEBHOOK_SECRET", "s3cret")
    load_settings(_env_file=None).require_webhook_secret()  # with one: fine
    monkeypatch.delenv("WEBHOOK_URL")
    monkeypatch.setenv("WEBHOOK_SECRET", "")
    load_settings(_env_file=None).require_webhook_secret()  # polling needs none


def test_nlu_token(monkeypatch):
    monkeypatch.delenv("NLU_TOKEN", raising=False)
    assert load_settings(_env_file=None).nlu_token is None
    monkeypatch.setenv("NLU_TOKEN", "abc-123_x.y~z")
    assert load_settings(_env_file=None).nlu_token == "abc-123_x.y~z"
