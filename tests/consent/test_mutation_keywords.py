"""Withdrawal and erasure words, exactly (kills mutants of bot/consent/keywords.py that the phrase
tables of tests/consent/test_nlu_keywords.py let live)."""

import pytest

from bot.consent.keywords import (
    Parse,
    _about_messages,
    _is_forget,
    _negated,
    _scope_in,
    fold,
    match_critical,
    withdrawal_scopes,
)
from bot.consent.scopes import SCOPES


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


# ---- what a withdrawal names: the parts of withdrawal_scopes, exactly --------------------------


def test_everything_words_and_the_all_that_names_a_scope():
    from bot.consent.keywords import _about_everything

    for part in ("everything", "stop nothing", "wszystko", "ничего", "всього", "vsego"):
        assert _about_everything(part), part
    # "all" names everything unless a scope word follows within three words, or it is "at all".
    assert _about_everything("all")
    assert _about_everything("all the rest")
    assert not _about_everything("all birthday messages")
    assert not _about_everything("all of the birthday messages")
    assert _about_everything("all of the very birthday messages")  # the fourth word is too far
    assert not _about_everything("birthday greetings at all")
    assert _about_everything("birthday greetings at all or all")
    assert not _about_everything("все поздравления")
    assert _about_everything("all samples everything")
    # messages in general, unless the same part names a scope
    assert _about_everything("stop messages")
    assert not _about_everything("stop birthday messages")
    assert not _about_everything("stop it")
    assert not _about_everything("")


def test_a_sentence_names_its_scopes_unless_a_clause_withdraws_without_one():
    from bot.consent.keywords import _sentence_scopes

    assert _sentence_scopes(["no more samples"]) == {"samples"}
    assert _sentence_scopes(["no more samples", "offers and surveys"]) == {"samples", "offers", "feedback"}
    assert _sentence_scopes(["no more samples", "stop"]) == {"samples"}  # an interjection
    assert _sentence_scopes(["no more samples", "stop it please"]) == {"samples"}
    assert _sentence_scopes(["no more samples", "stop writing"]) == set()  # more than an interjection
    assert _sentence_scopes(["no more samples", "leave me alone"]) == set()
    assert _sentence_scopes(["no more samples and everything"]) == set()
    assert _sentence_scopes(["thanks", "no more samples"]) == {"samples"}
    assert _sentence_scopes(["stop"]) == set()
    assert _sentence_scopes([]) == set()


def test_sentences_split_where_a_sentence_ends():
    from bot.consent.keywords import _sentences

    assert _sentences("A, b. C! D? E; F\nG… H") == [["a", "b"], ["c"], ["d"], ["e"], ["f"], ["g"], ["h"]]
    assert _sentences("...!") == []


def test_withdrawal_scopes_reads_the_withdrawing_sentences_or_else_the_whole_text():
    # Only the sentence that withdraws names what is withdrawn...
    assert withdrawal_scopes("I love the samples. No more surveys") == ("feedback",)
    # ...each withdrawing sentence adds its scopes, in the order of SCOPES...
    assert withdrawal_scopes("No more surveys. No more birthday greetings") == ("birthday", "feedback")
    assert withdrawal_scopes("no more tracking, offers, surveys, samples or greetings") == SCOPES
    # ...a withdrawing sentence about everything is everything, first or last...
    assert withdrawal_scopes("Stop. No more surveys") == ()
    assert withdrawal_scopes("No more surveys. Stop") == ()
    # ...and when no sentence withdraws by these rules (the model read it), the whole text.
    assert withdrawal_scopes("samples. surveys") == ("samples", "feedback")
    assert withdrawal_scopes("samples. everything") == ()
    assert withdrawal_scopes("") == ()


def test_no_and_not_needed_withdraw_only_a_list_of_scopes():
    from bot.consent.keywords import _is_opt_out, _only_scopes

    assert _only_scopes("birthday greetings")
    assert _only_scopes("ни опросов")
    assert _only_scopes("more of your samples")
    assert not _only_scopes("samples arrived")
    assert not _only_scopes("me")  # no scope at all
    assert not _only_scopes("")
    for clause in ("no ads", "nope surveys", "опросы не нужны", "ни опросов больше не надо", "próbek nie trzeba"):
        assert _is_opt_out(clause.replace("ó", "o")), clause
    for clause in ("no", "no samples arrived", "samples not needed here", "knowing samples not needed", "ads no"):
        assert not _is_opt_out(clause), clause


def test_greetings_name_the_birthday_and_revoking_is_no_review():
    assert _scope_in("поздравления") == {"birthday"}
    assert _scope_in("не вітайте") == {"birthday"}
    assert _scope_in("dont greet me") == {"birthday"}
    assert _scope_in("greetings") == {"birthday"}
    assert _scope_in("zyczen") == {"birthday"}
    assert _scope_in("вітаю") == set()  # "hello", not a greeting to stop
    assert _scope_in("greetingly") == {"birthday"}  # a stem: the start of a word
    for revoking in ("отзываю", "отзывает", "отзываем", "отзывать", "отзывайте", "отзывал", "otzyvayu"):
        assert _scope_in(revoking) == set(), revoking
    for review in ("отзыв", "отзыва", "отзывам", "отзывах", "отзывы", "otzyvy"):
        assert _scope_in(review) == {"feedback"}, review
    assert match_critical("nie gratulujcie mi") == Parse("opt_out", 1.0, {"scope": "birthday"}, "keywords")
    assert match_critical("не поздравляйте меня") == Parse("opt_out", 1.0, {"scope": "birthday"}, "keywords")
    assert match_critical("не питайте мене") is None  # asking needs its scope named


def test_fold_reads_yo_as_ye_in_either_case():
    assert fold("Всё ЕЩЁ") == "все еще"
    assert fold("ёлка") == "елка"


def test_the_scope_named_in_one_clause_survives_the_clauses_after_it():
    from bot.consent.keywords import scope_from_text

    assert scope_from_text("birthday, please") == "birthday"
    assert scope_from_text("offers. thanks!") == "offers"
    assert scope_from_text("please, birthday") == "birthday"
    assert scope_from_text("samples, offers") is None  # two scopes: none
