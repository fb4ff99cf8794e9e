"""The Fluent catalogs (bot/locales/<lang>/*.ftl): every catalog parses cleanly, every message
exists in every language with the same variables and a translator comment, plural variants
cover the CLDR categories of each language, and the keys the code uses exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale
from fluent.syntax import ast, parse
from fluent.syntax.visitor import Visitor

from bot.staff_texts import Html, staff_text
from bot.texts import LANGS, LOCALES, catalog_files, message_id, t

ROOT = Path(__file__).resolve().parents[2]


class Catalog:
    """The messages of one language, read with the Fluent parser."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.files: dict[str, ast.Resource] = {
            path.name: parse(path.read_text(encoding="utf-8")) for path in catalog_files(lang)
        }
        self.messages: dict[str, ast.Message] = {}
        self.duplicates: list[str] = []
        for resource in self.files.values():
            for entry in resource.body:
                if isinstance(entry, ast.Message):
                    if entry.id.name in self.messages:
                        self.duplicates.append(entry.id.name)
                    self.messages[entry.id.name] = entry


CATALOGS = {lang: Catalog(lang) for lang in LANGS}


def nodes(node, kind):
    """Every node of type `kind` inside `node`."""
    found = []

    class Collect(Visitor):
        def generic_visit(self, child):
            if isinstance(child, kind):
                found.append(child)
            super().generic_visit(child)

    Collect().visit(node)
    return found


def variables(message: ast.Message) -> set[str]:
    return {ref.id.name for ref in nodes(message, ast.VariableReference)}


def selectors(message: ast.Message) -> set[str]:
    """The variables that choose a variant (plural forms)."""
    return {
        select.selector.id.name
        for select in nodes(message, ast.SelectExpression)
        if isinstance(select.selector, ast.VariableReference)
    }


def sample_args(message: ast.Message) -> dict:
    chosen = selectors(message)
    return {name: (21 if name in chosen else f"<{name}>") for name in variables(message)}


def test_languages_have_folders_and_the_same_files():
    assert sorted(p.name for p in LOCALES.iterdir() if p.is_dir()) == sorted(LANGS)
    names = {lang: sorted(catalog.files) for lang, catalog in CATALOGS.items()}
    assert all(files == names["en"] for files in names.values()), names
    assert {"customer.ftl", "consent.ftl", "staff.ftl"} <= set(names["en"])


@pytest.mark.parametrize("lang", LANGS)
def test_every_catalog_parses_without_errors(lang):
    # A line Fluent cannot read becomes a Junk entry: the message is silently missing at run time.
    for name, resource in CATALOGS[lang].files.items():
        junk = [
            (entry.content.strip()[:80], [a.message for a in entry.annotations])
            for entry in resource.body
            if isinstance(entry, ast.Junk)
        ]
        assert not junk, f"{lang}/{name}: {junk}"
    assert not CATALOGS[lang].duplicates, f"{lang}: defined twice: {CATALOGS[lang].duplicates}"


def test_every_message_in_every_language_with_the_same_variables():
    english = CATALOGS["en"].messages
    for lang in LANGS:
        messages = CATALOGS[lang].messages
        assert sorted(set(english) - set(messages)) == [], f"{lang} lacks these"
        assert sorted(set(messages) - set(english)) == [], f"{lang} has these that English lacks"
        for ident, message in messages.items():
            assert message.value is not None, f"{lang}/{ident} has no value"
            assert variables(message) == variables(english[ident]), f"{lang}/{ident} has other variables"
            refs = {ref.id.name for ref in nodes(message, ast.MessageReference)}
            assert refs <= set(messages), f"{lang}/{ident} refers to a missing message"


def test_every_message_has_a_translator_comment():
    # English comments say what the message is, where it appears and what each variable is;
    # every language carries the same comments.
    for lang in LANGS:
        for ident, message in CATALOGS[lang].messages.items():
            assert message.comment is not None and message.comment.content.strip(), f"{lang}/{ident}"
            for name in variables(message) - {"name_sep"}:
                if not ident.endswith(tuple(f"-v{n}" for n in range(1, 100))):
                    group_comment = message.comment.content
                    assert f"${name}" in group_comment or ident.startswith("console-segment-"), (
                        f"{lang}/{ident}: the comment does not say what ${name} is"
                    )


@pytest.mark.parametrize("lang", LANGS)
def test_plural_variants_follow_the_languages_plural_rules(lang):
    categories = set(Locale.parse(lang).plural_form.tags) | {"other"}
    for ident, message in CATALOGS[lang].messages.items():
        for select in nodes(message, ast.SelectExpression):
            keys = {variant.key.name for variant in select.variants if isinstance(variant.key, ast.Identifier)}
            assert keys == categories, f"{lang}/{ident}: variants {sorted(keys)}, CLDR {sorted(categories)}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_formats(lang):
    for ident, message in CATALOGS[lang].messages.items():
        key = ident  # t() maps dots to dashes; a dashed id is its own key
        args = sample_args(message)
        if ident.startswith(("staff-", "console-")):
            text = staff_text(key, lang, **args)
        else:
            text = t(key, lang, **args)
        assert text.strip(), f"{lang}/{ident}"
        assert "\u2068" not in text and "\u2069" not in text  # no bidi isolation marks
        for name, value in args.items():
            if isinstance(value, str) and name != "name_sep":
                assert value.replace("<", "&lt;").replace(">", "&gt;") in text or value in text, (
                    f"{lang}/{ident} drops ${name}"
                )


def test_plural_forms():
    assert t("cap.saved", "en", n=1) == "At most 1 message a week."
    assert t("cap.saved", "en", n=7) == "At most 7 messages a week."
    assert [t("cap.saved", "uk", n=n) for n in (1, 3, 5, 21)] == [
        "Щонайбільше 1 повідомлення на тиждень.",
        "Щонайбільше 3 повідомлення на тиждень.",
        "Щонайбільше 5 повідомлень на тиждень.",
        "Щонайбільше 21 повідомлення на тиждень.",
    ]
    assert [t("cap.saved", "ru", n=n) for n in (1, 3, 5, 11, 21)] == [
        "Не больше 1 сообщения в неделю.",
        "Не больше 3 сообщений в неделю.",
        "Не больше 5 сообщений в неделю.",
        "Не больше 11 сообщений в неделю.",
        "Не больше 21 сообщения в неделю.",
    ]
    assert [t("cap.saved", "pl", n=n) for n in (1, 3, 5, 22)] == [
        "Najwyżej 1 wiadomość tygodniowo.",
        "Najwyżej 3 wiadomości tygodniowo.",
        "Najwyżej 5 wiadomości tygodniowo.",
        "Najwyżej 22 wiadomości tygodniowo.",
    ]
    assert t("mydata.more", "en", n=1) == "… and 1 earlier entry (see the file)."
    assert t("mydata.more", "ru", n=2) == "… и ещё 2 более ранние записи (см. файл)."
    assert (
        staff_text("staff.sample_closed", "en", id=4, cancelled=1)
        == "Sample offer #4 closed; 1 queued offer of it cancelled (not sent)."
    )
    assert staff_text("console.campaign.launched", "uk", id=2, n=5).endswith(
        "5 повідомлень у черзі для клієнтів із дозволом на пропозиції."
    )


def test_numbers_print_as_before():
    # Plain digits, no grouping or locale marks (as str.format printed them).
    assert t("mydata.sent", "uk", n=12345) == "Повідомлень, які я вам надіслав: 12345."
    assert t("feedback.rated", "en", rating=4).startswith("Thank you for your rating (4/5)!")


def test_languages_really_differ():
    # A copy of the English text is not a translation.
    for key in ("start.welcome", "consent.intro", "stop.done", "help.text", "forget.confirm", "staff.usage_perk"):
        values = [CATALOGS[lang].messages[message_id(key)] for lang in LANGS]
        rendered = {ast_text(m) for m in values}
        assert len(rendered) == len(LANGS), key


def ast_text(message: ast.Message) -> str:
    return "".join(el.value for el in message.value.elements if isinstance(el, ast.TextElement))


def test_name_separator():
    assert t("smalltalk.thanks", "en", name="Ann") == "You're welcome, Ann!"
    assert t("smalltalk.thanks", "en", name="") == "You're welcome!"


def test_unknown_key_and_missing_field_raise():
    with pytest.raises(KeyError):
        t("no.such.text", "en")
    with pytest.raises(KeyError):
        t("birthday.saved", "en", other="x")
    assert t("btn.yes", "xx") == "Yes"  # an unknown language falls back to English


def test_staff_texts_escape_fields_not_html():
    # The message text is plain (its <user_id> shown as typed); fields are escaped unless Html.
    assert staff_text("staff.usage_staff", "en").startswith("Usage: /staff, /staff add &lt;user_id&gt;")
    assert staff_text("staff.no_customer", "uk", ref="<b>&") == "Немає клієнта &lt;b&gt;&amp;."
    assert staff_text("staff.fulfilled", "en", id=3, feedback=Html("<i>x</i>")).endswith("scheduled: <i>x</i>.")


# Keys written literally in the code: t("key", ...), st("key", ...), st_plain("key") and the
# console's key constants ("console.…").
_KEY = re.compile(r"""\b(?:t|st|st_plain|staff_text)\(\s*f?["']([a-z_]+(?:\.[a-z_]+)+)["']""")
_CONSOLE_KEY = re.compile(r"""["']((?:console|staff)\.[a-z_]+(?:\.[a-z_-]+)*)["']""")


def test_keys_used_in_the_code_exist():
    used = set()
    for path in (ROOT / "bot").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        used |= {(path.name, key) for key in _KEY.findall(source)}
        used |= {(path.name, key) for key in _CONSOLE_KEY.findall(source)}
    english = CATALOGS["en"].messages
    missing = sorted((name, key) for name, key in used if message_id(key) not in english and "{" not in key)
    assert not missing, missing
    assert len(used) > 100
