"""The consent wording a customer sees is versioned: the words of every published version are
pinned here by hash (sha256 of `scope_wording(scope, lang, version)`, the text stored in the
ledger as evidence), so changing the words of a published version fails this test.

To change the words: add `scope-<scope>-button-v<N+1>` / `scope-<scope>-desc-v<N+1>` in every
language (bot/locales/<lang>/consent.ftl), point the unversioned messages at them, raise
SCOPE_TEXT_VERSION in bot/texts.py and pin the new hashes here (keep the old ones: ledger rows
of version N keep pointing at its words).

The other consent evidence texts stored in the ledger under a versioned text id are pinned the
same way (EVIDENCE, per text id and language): `forget.confirm@v1` (the /forget question the
customer confirmed) and `words.undo@v1` (the confirmation of a withdrawal by words and its undo
button, pinned as templates with the scope names as placeholders: the scope names themselves are
versioned and pinned above). To change their words: a new id in the code (bot/consent/erasure.py,
UNDO_TEXT_ID in bot/routers/words.py) and its hashes here."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bot.consent.scopes import SCOPES
from bot.keyboards import ScopeCb
from bot.routers.words import UNDO_TEXT_ID, undo_wording
from bot.texts import LANGS, SCOPE_TEXT_VERSION, bundle, message_id, scope_wording, t

PINNED: dict[tuple[str, int], dict[str, str]] = {
    ("birthday", 1): {
        "en": "696b3693f097fe253a3cdbba1ac07e9a6bf4a1abc1507ca1feacdcc1bffecb73",
        "uk": "0cb7f9684760bca6bceb7733c47411323e67410d9694d3730f26b026f6b40f51",
        "ru": "9cc27754921f77f97cb5ccf10b53454cf3ecdb422aab06563cf282e18ce75bd1",
        "pl": "1a6eaa5821f7ad1a774181fe1c43e6b42a7bb8d0c889ac9f1bac9b14f8fec4a6",
    },
    ("samples", 1): {
        "en": "cd01a89e4f08efeae569d93b87bdfa8ae4b3ca5f510fa7b6ef63a854bb9f1ef2",
        "uk": "6d30d4734983db29a7890a4279eb0cd9bd7f72f46a226640f3918b100de38a6f",
        "ru": "cd25083e636441c960b4f0c674cdbbc13358636f47012a3baef5722c5d326fde",
        "pl": "17b5e92796ff3bf73724fb37e2a6bf52e6cff168ab227fe17361bad658befbdc",
    },
    ("feedback", 1): {
        "en": "776bb007fa3c19cfd0d445df181191daa5795f559053e7f0f5a1bb875e38bfbf",
        "uk": "1b4111e29a6fcd1c6de94347ce5791f3d64d72703b9d092be3df3dfcb9d9d0fc",
        "ru": "9bcf3219e082e48c0d1b172ee0580d4ad52af3ef7d3bb5c290e784a5ed41893c",
        "pl": "9c96a432ebabde518b005361156d1a1d9c5783003f1074a72831856e70a03e7f",
    },
    ("offers", 1): {
        "en": "7b9f3d79f36707ad37a52e110df5cde53be99334a7e76ac1e6fa9d0858758759",
        "uk": "9302a2dbd82590ec9960530bec3be9a8c3bbfc1e27e62407104b656d33c1840d",
        "ru": "7f2a11376c9d0f13abdf81512e56f92f2f41f1b53bcb47ae078bc79a91cdb19a",
        "pl": "d33d343ee6bdf1d769e79c0ac665d23c8cd5c259d313edcac4bb8bfa22b17a0f",
    },
    ("tracking", 1): {
        "en": "8581d91f337fa7aae61b64eab9aad2056c686a4c544439919ec5261703047caa",
        "uk": "96b59e86b2db72e9bc9e66b73b56b690fd1b5d11a2380ce9c3614d9d209f9e78",
        "ru": "6521949b8205a9597ab3922a67aa6596eaef633203fe728fdb8e1ec5d6bc70e7",
        "pl": "ab0491297c883be5f5a99ae3b3f6383b302145beae6d3710e998a22c7ad0a16b",
    },
}

# Evidence texts with a versioned ledger text id: sha256 per language of the words stored.
EVIDENCE: dict[str, dict[str, str]] = {
    "forget.confirm@v1": {
        "en": "48398e3eccb6d3b6211f6958458d3c64d5a9adb5e6e4596745bd8a80f43463e1",
        "uk": "384b603b00bd02da0fed944b6d2bb537187a5ef392af639358344746ac393143",
        "ru": "d1beb518b2af622172bc8b62332a227560479943187954d799e976781f2cca89",
        "pl": "e0dce7b20221c39d5eb1fe80c8b9223fdcda3dc7f71d03dfa5295f72b0ee2185",
    },
    # The undo of a withdrawal of everything ("a"): stop.done with {scopes}, then the button.
    "words.undo@v1 a": {
        "en": "e403babf23d053c8438db8045f742a39689b7d6e5d13bfd28a6cc790309567cd",
        "uk": "dd4f1bfdbc16a6607756f2b9d766ea0ec6cbad735d24c5509ff9231a31e3267e",
        "ru": "f9f3b9de2093fcb3559787dfeb6fcd4ff8764a0d77c71e1ef9918882eea4699f",
        "pl": "6171d572c39bf5d90fe66240ccb04820daf51a7571703e8d6740356f9e2b2252",
    },
    # The undo of a withdrawal of one scope ("s"): scope.withdrawn_msg with {scope}, then the button.
    "words.undo@v1 s": {
        "en": "6ba4ed87b584bb78efe2583bbfbc23144e0130771e41fcfa02375ed8eeb4eef0",
        "uk": "1c5457399193b6f8d4e64e244951eb9928a600130bdb6e3a5e509b90065d2ccb",
        "ru": "68570d973c4fbe75c7ed64a6498298aadee7ed2a7025092338752b73612d86fe",
        "pl": "51936ef69484c8e1707cc5227de9360bd9ecf21ad0d878b7ef082bd6f7bae6a6",
    },
    # The undo of a withdrawal of several named scopes ("n"): words.withdrawn_named with {scopes}, then the button.
    "words.undo@v1 n": {
        "en": "d2673753756cac80b374709eafc5f96e3782f1836fb5238a76322afedfb450f6",
        "uk": "ddb22b8104498fdd3e120b4043c64ef87f0e79bbcd0f509520cf4d5ab4dd765b",
        "ru": "48ba3f6c0edb4b45dcda209cba24e7aaf58ac8379be2a5bfcb6da9ffa83bd290",
        "pl": "6b654ddf433f7036a4bdcf43393832e1e878e9b0d5c81ccf368a94494f1003ee",
    },
}


def evidence_text(pin: str, lang: str) -> str:
    """The words stored in the ledger under the text id of `pin`, scope names as placeholders."""
    undo = t("words.undo", lang)
    if pin == "forget.confirm@v1":
        return t("forget.confirm", lang)
    if pin == "words.undo@v1 a":
        return f"{t('stop.done', lang, scopes='{scopes}')}\n[{undo}]"
    if pin == "words.undo@v1 n":
        return f"{t('words.withdrawn_named', lang, scopes='{scopes}')}\n[{undo}]"
    assert pin == "words.undo@v1 s"
    return f"{t('scope.withdrawn_msg', lang, scope='{scope}')}\n[{undo}]"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("version", range(1, SCOPE_TEXT_VERSION + 1))
def test_every_published_version_is_pinned_and_unchanged(version):
    for scope in SCOPES:
        pinned = PINNED.get((scope, version))
        assert pinned is not None, f"version {version} of {scope} is not pinned: add its hashes"
        assert sorted(pinned) == sorted(LANGS), f"{scope} v{version}: pin every language"
        for lang in LANGS:
            assert digest(scope_wording(scope, lang, version)) == pinned[lang], (
                f"the words of {scope} v{version} ({lang}) changed: published consent wording is "
                f"evidence; add version {SCOPE_TEXT_VERSION + 1} instead"
            )


def test_no_version_is_pinned_beyond_the_current_one():
    assert max(version for _, version in PINNED) == SCOPE_TEXT_VERSION


def test_the_words_shown_are_the_current_version():
    # The button label and description the customer sees are those recorded with the grant.
    for scope in SCOPES:
        for lang in LANGS:
            for part in ("button", "desc"):
                assert t(f"scope.{scope}.{part}", lang) == t(f"scope.{scope}.{part}.v{SCOPE_TEXT_VERSION}", lang)
            assert scope_wording(scope, lang) == (
                f"{t(f'scope.{scope}.button', lang)}: {t(f'scope.{scope}.desc', lang)}"
            )


def test_every_language_has_every_version_itself():
    # No fallback to English for evidence: each language's catalog holds each version's words.
    for version in range(1, SCOPE_TEXT_VERSION + 1):
        for scope in SCOPES:
            for lang in LANGS:
                for part in ("button", "desc"):
                    assert bundle(lang).has_message(message_id(f"scope.{scope}.{part}.v{version}")), (
                        lang,
                        scope,
                        part,
                        version,
                    )


def test_buttons_carry_the_current_version():
    assert ScopeCb(action="on", scope="samples").v == SCOPE_TEXT_VERSION


def test_a_changed_word_is_caught(monkeypatch):
    # The check itself: one character more in a published description no longer matches its hash.
    from bot import texts

    original = texts.format_text

    def altered(key, lang, args):
        text = original(key, lang, args)
        return text + "!" if key == "scope.samples.desc.v1" and lang == "pl" else text

    monkeypatch.setattr(texts, "format_text", altered)
    texts._plain.cache_clear()
    try:
        assert digest(scope_wording("samples", "pl", 1)) != PINNED[("samples", 1)]["pl"]
        assert digest(scope_wording("samples", "en", 1)) == PINNED[("samples", 1)]["en"]
    finally:
        texts._plain.cache_clear()


@pytest.mark.parametrize("pin", sorted(EVIDENCE))
def test_ledger_evidence_texts_are_pinned_and_unchanged(pin):
    assert sorted(EVIDENCE[pin]) == sorted(LANGS), f"{pin}: pin every language"
    for lang in LANGS:
        assert digest(evidence_text(pin, lang)) == EVIDENCE[pin][lang], (
            f"the words of {pin} ({lang}) changed: they are consent evidence in the ledger; "
            "give them a new text id in the code and pin its hashes here"
        )


def test_the_evidence_stored_is_the_pinned_template():
    # What the code stores under these ids is exactly the pinned text (scope names filled in), and
    # the ids the code writes are the pinned ones.
    erasure = Path(__file__).resolve().parents[2] / "bot" / "consent" / "erasure.py"
    assert 'text_id="forget.confirm@v1"' in erasure.read_text(encoding="utf-8")
    assert f"{UNDO_TEXT_ID} a" in EVIDENCE and f"{UNDO_TEXT_ID} s" in EVIDENCE
    for lang in LANGS:
        names = [t(f"scope.{scope}.button", lang) for scope in SCOPES]
        assert undo_wording("a", list(SCOPES), lang) == evidence_text("words.undo@v1 a", lang).replace(
            "{scopes}", ", ".join(names)
        )
        for scope, name in zip(SCOPES, names):
            assert undo_wording("s", [scope], lang) == evidence_text("words.undo@v1 s", lang).replace("{scope}", name)
        assert undo_wording("n", ["samples", "offers"], lang) == evidence_text("words.undo@v1 n", lang).replace(
            "{scopes}", f"{names[1]}, {names[3]}"
        )


def test_a_changed_evidence_word_is_caught(monkeypatch):
    from bot import texts

    original = texts.format_text

    def altered(key, lang, args):
        text = original(key, lang, args)
        return text + "!" if key in ("forget.confirm", "words.undo") and lang == "uk" else text

    monkeypatch.setattr(texts, "format_text", altered)
    texts._plain.cache_clear()
    try:
        for pin in ("forget.confirm@v1", "words.undo@v1 a", "words.undo@v1 s"):
            assert digest(evidence_text(pin, "uk")) != EVIDENCE[pin]["uk"]
            assert digest(evidence_text(pin, "ru")) == EVIDENCE[pin]["ru"]
    finally:
        texts._plain.cache_clear()
