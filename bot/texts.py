"""The bot's texts: Fluent catalogs, one folder per language (bot/locales/<lang>/*.ftl).

`t(key, lang, **fields)` formats one message for customers (and for jobs and the sender, which
run outside an update). Keys keep their dotted names in the code ("scope.birthday.button");
Fluent ids cannot contain dots, so the catalog id is the key with dashes ("scope-birthday-button").
A language without a message falls back to English. Numbers select plural variants (CLDR
one/few/many/other) and print as plain digits, without grouping, as before.

Customer texts are HTML templates: `t()` does not escape fields (callers escape stored or typed
text with `bot.html_text.esc`). Staff texts, which escape their fields, are `bot.staff_texts.st`.

The words a customer sees when allowing a permission are consent evidence and are versioned:
`scope-<scope>-button-v<N>` and `scope-<scope>-desc-v<N>` stay in the catalogs for ever, the
unversioned messages point at the current version, `SCOPE_TEXT_VERSION`, and
`scope_wording(scope, lang, version)` gives the wording of any version.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import fluent_number

from bot.consent.scopes import DEFAULT_LANGUAGE, LANGUAGES

SCOPE_TEXT_VERSION = 1
LANGS = LANGUAGES
FALLBACK = DEFAULT_LANGUAGE
LOCALES = Path(__file__).parent / "locales"


def message_id(key: str) -> str:
    """The Fluent id of a text key: "scope.birthday.button" -> "scope-birthday-button"."""
    return key.replace(".", "-")


def catalog_files(lang: str) -> list[Path]:
    return sorted((LOCALES / lang).glob("*.ftl"))


@cache
def bundle(lang: str) -> FluentBundle:
    """The messages of one language, loaded on first use. Bidi isolation marks around
    placeables are off: Telegram shows them as they are and the texts are compared in tests."""
    result = FluentBundle([lang], use_isolating=False)
    for path in catalog_files(lang):
        result.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return result


def fluent_args(fields: dict[str, Any]) -> dict[str, Any]:
    """Field values as Fluent takes them: whole numbers as numbers (plural selection; printed
    without grouping, as `str.format` did), anything else as its `str()`."""
    args: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, int) and not isinstance(value, bool):
            args[name] = fluent_number(value, useGrouping=False)
        elif isinstance(value, str):
            args[name] = value
        else:
            args[name] = str(value)
    return args


def format_text(key: str, lang: str, args: dict[str, Any]) -> str:
    """Message `key` in `lang` (English if that language lacks it) with `args` as Fluent takes them.
    An unknown key, or a variable the message needs and did not get, raises KeyError."""
    ident = message_id(key)
    catalog = bundle(lang if lang in LANGS else FALLBACK)
    if not catalog.has_message(ident):
        catalog = bundle(FALLBACK)
        if not catalog.has_message(ident):
            raise KeyError(key)
    pattern = catalog.get_message(ident).value
    if pattern is None:
        raise KeyError(key)
    text, errors = catalog.format_pattern(pattern, args)
    if errors:
        raise KeyError(f"text {key!r} ({lang}): {errors[0]}")
    return text


@lru_cache(maxsize=4096)
def _plain(key: str, lang: str) -> str:
    return format_text(key, lang, {})


@lru_cache(maxsize=4096)
def _formatted(key: str, lang: str, fields: tuple[tuple[str, type, Any], ...]) -> str:
    return format_text(key, lang, fluent_args({name: value for name, _, value in fields}))


def t(key: str, lang: str, **fields: Any) -> str:
    if not fields:
        return _plain(key, lang)
    if "name" in fields and "name_sep" not in fields:
        fields["name_sep"] = ", " if fields["name"] else ""
    try:  # the same text with the same fields again (button labels, counts): formatted once
        return _formatted(key, lang, tuple((name, type(value), value) for name, value in fields.items()))
    except TypeError:  # a field that cannot be hashed
        return format_text(key, lang, fluent_args(fields))


def scope_wording(scope: str, lang: str, version: int = SCOPE_TEXT_VERSION) -> str:
    """The exact wording shown when a scope is granted (version `version`): stored in the ledger
    as evidence, with the text id `scope.<scope>.desc@v<version>`."""
    return f"{t(f'scope.{scope}.button.v{version}', lang)}: {t(f'scope.{scope}.desc.v{version}', lang)}"
