"""Customer-facing texts in en, uk, ru, pl.

`t(key, lang, **fields)` formats one. A test proves every key exists in all four
languages with the same placeholders. Texts that are consent evidence (the scope
descriptions) are versioned: change the wording, bump `SCOPE_TEXT_VERSION`.
"""
from __future__ import annotations

from string import Formatter

from bot.texts_commands import COMMAND_TEXTS
from bot.texts_core import CORE
from bot.texts_delivery import DELIVERY
from bot.texts_rights import RIGHTS
from bot.texts_words import WORDS

SCOPE_TEXT_VERSION = 1
LANGS = ("en", "uk", "ru", "pl")

TEXTS: dict[str, dict[str, str]] = {}


def register(texts: dict[str, dict[str, str]]) -> None:
    for key, langs in texts.items():
        if key in TEXTS:
            raise KeyError(f"text {key!r} defined twice")
        TEXTS[key] = langs


register(CORE)
register(COMMAND_TEXTS)
register(DELIVERY)
register(RIGHTS)
register(WORDS)


def t(key: str, lang: str, **fields) -> str:
    langs = TEXTS[key]
    template = langs.get(lang) or langs["en"]
    if "name" in fields and "name_sep" not in fields:
        fields["name_sep"] = ", " if fields["name"] else ""
    return template.format(**fields) if fields else template


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def scope_wording(scope: str, lang: str) -> str:
    """The exact wording shown when a scope is granted: stored in the ledger as evidence."""
    return f"{t(f'scope.{scope}.button', lang)}: {t(f'scope.{scope}.desc', lang)}"
