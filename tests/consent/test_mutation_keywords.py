"""Withdrawal and erasure words, exactly (kills mutants of bot/consent/keywords.py that the phrase
tables of tests/consent/test_nlu_keywords.py let live)."""

import pytest

from bot.consent.keywords import Parse, _about_messages, _is_forget, _negated, _scope_in, fold, match_critical


def test_forget_and_help_are_certain_keyword_results():
    assert match_critical("forget me") == Parse("forget_me", 1.0, {}, "keywords")
    assert match_critical("help") == Parse("help", 1.0, {}, "keywords")
    assert match_critical("stop") == Parse("opt_out", 1.0, {}, "keywords")


@pytest.mark.parametrize(
    "text, forget",
    [
        ("delete my data", True),
        ("delete all data", True),
        ("delete everything", True),
        ("usuń wszystko", True),
        ("удали всё", True),
        ("видали все", True),
        ("erase all", True),
        ("delete data", False),  # no "my", nothing like "everything": not about the customer
        ("delete profile", False),
        ("delete the account", False),
        ("delete one two three four my data", False),  # the object is more than five words away
        ("delete one two three my data", True),
        ("remove the photo", False),
    ],
)
def test_erasure_needs_a_verb_an_object_and_an_owner(text, forget):
    assert _is_forget(fold(text)) is forget
    assert (match_critical(text) == Parse("forget_me", 1.0, {}, "keywords")) is forget


def test_plain_negative_requests_withdraw():
    for text in ("не треба мені писати", "не надо мне присылать", "ne nado pisat"):
        assert match_critical(text) == Parse("opt_out", 1.0, {}, "keywords"), text


def test_scope_words():
    assert _scope_in(fold("без др")) == {"birthday"}
    assert _scope_in(fold("день народження")) == {"birthday"}
    assert _scope_in(fold("дрова")) == set()


def test_compounds_and_the_negation_window():
    assert _about_messages("-motion") is False
    assert _about_messages("-кран") is False
    assert _about_messages("") is True
    assert _about_messages("-please") is False  # "stop-please" is one word, not "stop, please"
    assert _about_messages(" please-") is True  # a dash left at the end of a word does not count
    assert match_critical("stop-motion video") is None
    clause = "not one two three stop"
    assert _negated(clause, clause.index("stop")) is False  # the negation is four words before
    clause = "not one two stop"
    assert _negated(clause, clause.index("stop")) is True
    assert _negated("stop it not", 0) is False  # only what stands before counts


def test_a_negation_after_the_verb_does_not_cancel_it():
    assert match_critical("turn off notifications i dont need them") == Parse("opt_out", 1.0, {}, "keywords")
    assert match_critical("dont turn off notifications") is None
