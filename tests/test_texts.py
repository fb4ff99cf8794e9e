"""Every customer-facing text exists in en, uk, ru, pl with the same placeholders."""
import pytest

from bot.texts import LANGS, TEXTS, placeholders, t


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_text_in_every_language(key):
    langs = TEXTS[key]
    missing = [lang for lang in LANGS if not langs.get(lang, "").strip()]
    assert not missing, f"{key} lacks {missing}"
    expected = placeholders(langs["en"])
    for lang in LANGS:
        assert placeholders(langs[lang]) == expected, f"{key}/{lang} has other placeholders"


def test_languages_really_differ():
    # A copy of the English text is not a translation.
    for key in ("start.welcome", "consent.intro", "stop.done", "help.text", "forget.confirm"):
        values = [TEXTS[key][lang] for lang in LANGS]
        assert len(set(values)) == len(LANGS), key


def test_name_separator():
    assert t("smalltalk.thanks", "en", name="Ann") == "You're welcome, Ann!"
    assert t("smalltalk.thanks", "en", name="") == "You're welcome!"
