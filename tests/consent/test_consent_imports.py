"""The consent core's layout holds: the pure policy and the scopes import neither aiogram nor the
database, and the scopes and languages are defined in one place (bot/consent/scopes.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("aiogram", "sqlalchemy", "sqlmodel", "aiohttp", "storage")


@pytest.mark.parametrize("module", ["bot.consent.policy", "bot.consent.scopes", "bot.consent.keywords"])
def test_the_pure_consent_modules_import_no_aiogram_and_no_database(module):
    code = (
        f"import sys, {module}\n"
        f"loaded = sorted({{name.split('.')[0] for name in sys.modules}} & set({HEAVY!r}))\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


# A tuple of the scope names or of the language codes written out again anywhere in the code.
_SCOPES_AGAIN = re.compile(
    r"""["']birthday["'],\s*["']samples["'],\s*["']feedback["'],\s*["']offers["'],"""
    r"""\s*["']tracking["']"""
)
_LANGUAGES_AGAIN = re.compile(r"""["']en["'],\s*["']uk["'],\s*["']ru["'],\s*["']pl["']""")


def test_scopes_and_languages_are_defined_once():
    defined_in = {"scopes": [], "languages": []}
    for path in sorted([*(ROOT / "bot").rglob("*.py"), *(ROOT / "storage").rglob("*.py")]):
        if "migrations" in path.parts:
            continue  # a migration keeps the values of its own time
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(ROOT))
        if _SCOPES_AGAIN.search(text):
            defined_in["scopes"].append(name)
        if _LANGUAGES_AGAIN.search(text):
            defined_in["languages"].append(name)
    assert defined_in == {"scopes": ["bot/consent/scopes.py"], "languages": ["bot/consent/scopes.py"]}


def test_every_scope_has_keyword_stems_and_every_message_kind_a_scope():
    from bot.consent.keywords import SCOPE_STEMS
    from bot.consent.scopes import KIND_SCOPE, SCOPES

    assert set(SCOPE_STEMS) == set(SCOPES)
    assert set(KIND_SCOPE.values()) <= set(SCOPES)
    assert "tracking" not in KIND_SCOPE.values()  # tracking allows measuring, no message
