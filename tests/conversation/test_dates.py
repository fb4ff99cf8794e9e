"""bot.dates: free-text birthdays in en/uk/ru/pl and their localized display."""

import dataclasses
import datetime

import pytest

from bot import dates
from bot.dates import BirthdayResult, format_birthday, parse_birthday

TODAY = datetime.date(2026, 11, 23)
LANGS = ("en", "uk", "ru", "pl")


def ok(month, day, year=None):
    return BirthdayResult(ok=True, month=month, day=day, year=year, error=None)


def parse(text, lang="en", today=TODAY):
    return parse_birthday(text, lang, today=today)


VALID = [
    # text, (month, day, year)
    ("12 травня", (5, 12, None)),
    ("12 травня 1985", (5, 12, 1985)),
    ("12 травня 1985 р.", (5, 12, 1985)),
    ("12 травня 1985 року", (5, 12, 1985)),
    ("4-го травня", (5, 4, None)),
    ("1-ше травня", (5, 1, None)),
    ("29 лютого", (2, 29, None)),
    ("4 травня, 1990", (5, 4, 1990)),
    ("12 мая", (5, 12, None)),
    ("12 мая 1990", (5, 12, 1990)),
    ("12 мая 1990 г.", (5, 12, 1990)),
    ("4 мая 1990г", (5, 4, 1990)),
    ("4 мая 1990 года", (5, 4, 1990)),
    ("4-е мая 1990", (5, 4, 1990)),
    ("12 МАЯ 1990", (5, 12, 1990)),
    ("29 февраля", (2, 29, None)),
    ("29 февраля 2000", (2, 29, 2000)),
    ("1 янв", (1, 1, None)),
    ("3 marca", (3, 3, None)),
    ("3 marca 1990", (3, 3, 1990)),
    ("3 marca 1990 roku", (3, 3, 1990)),
    ("5 grudnia 1990 r.", (12, 5, 1990)),
    ("4. maja 1990", (5, 4, 1990)),
    ("29 lutego", (2, 29, None)),
    ("1 sty", (1, 1, None)),
    ("May 4", (5, 4, None)),
    ("May 4th", (5, 4, None)),
    ("4th of May", (5, 4, None)),
    ("12 of may", (5, 12, None)),
    ("May 4, 1990", (5, 4, 1990)),
    ("4 May 1990", (5, 4, 1990)),
    ("  4 May 1990  ", (5, 4, 1990)),
    ("Jan 1 2000", (1, 1, 2000)),
    ("29 February", (2, 29, None)),
    ("1990-05-04", (5, 4, 1990)),
    ("1990-5-4", (5, 4, 1990)),
    ("1990/05/04", (5, 4, 1990)),
    ("2000-02-29", (2, 29, 2000)),
    ("04.05.1990", (5, 4, 1990)),
    ("04.05", (5, 4, None)),
    ("04.05.", (5, 4, None)),
    ("4/5", (5, 4, None)),  # day-first in every language, English too
    ("4/5/1990", (5, 4, 1990)),
    ("05/04/1990", (4, 5, 1990)),
    ("29.02.2000", (2, 29, 2000)),
    ("29.02", (2, 29, None)),
    ("29/2", (2, 29, None)),
    ("12.05.1985р.", (5, 12, 1985)),
    ("04.05.90", (5, 4, 1990)),
    ("12 мая 68", (5, 12, 1968)),  # two-digit year: never in the future
    ("31/12/99", (12, 31, 1999)),
    ("12 травня 10:00", (5, 12, None)),  # a time is ignored
    ("🎂 12 мая", (5, 12, None)),
    ("2026-11-23", (11, 23, 2026)),  # born today
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text,expected", VALID)
def test_valid_birthdays_in_any_customer_language(text, expected, lang):
    assert parse(text, lang) == ok(*expected)


ERRORS = [
    # empty
    ("", "empty"),
    ("   ", "empty"),
    ("\n\t", "empty"),
    # not a date
    ("hello", "not_a_date"),
    ("привіт", "not_a_date"),
    ("привет", "not_a_date"),
    ("cześć", "not_a_date"),
    ("🎂", "not_a_date"),
    ("🙂🙂🙂", "not_a_date"),
    ("...", "not_a_date"),
    ("'; DROP TABLE users; --", "not_a_date"),
    ("1; DELETE FROM customer WHERE 1=1", "not_a_date"),
    ("<script>alert(1)</script>", "not_a_date"),
    ("null", "not_a_date"),
    ("12345", "not_a_date"),
    ("0501234567", "not_a_date"),  # not read as a Unix timestamp
    ("19900504", "not_a_date"),
    ("1 2 3", "not_a_date"),
    ("x" * 10_000, "not_a_date"),
    ("12 May 1990 " * 20, "not_a_date"),  # over 200 characters
    ("12 12 12 12 12 12 12 12 12", "not_a_date"),  # over 8 words
    ("12.05.199012.05.1990", "not_a_date"),  # over 12 digits
    ("1 2 3 4", "not_a_date"),
    ("my birthday is today", "not_a_date"),  # no number: nothing searched, "today" never taken
    # relative
    ("yesterday", "relative"),
    ("today", "relative"),
    ("tomorrow", "relative"),
    ("next week", "relative"),
    ("2 days ago", "relative"),
    ("in 2 years", "relative"),
    ("a year ago", "relative"),
    ("next month", "relative"),
    ("Monday", "relative"),
    ("вчора", "relative"),
    ("завтра", "relative"),
    ("сьогодні", "relative"),
    ("2 дні тому", "relative"),
    ("вчера", "relative"),
    ("сегодня", "relative"),
    ("позавчера", "relative"),
    ("wczoraj", "relative"),
    ("dzisiaj", "relative"),
    # impossible
    ("31 February", "impossible"),
    ("February 30", "impossible"),
    ("30 лютого", "impossible"),
    ("31 февраля", "impossible"),
    ("30 lutego", "impossible"),
    ("31 квітня", "impossible"),
    ("31.04", "impossible"),
    ("31/04/1990", "impossible"),
    ("29.02.2001", "impossible"),
    ("29 лютого 2001", "impossible"),
    ("29 февраля 1990", "impossible"),
    ("29 lutego 2001", "impossible"),
    ("February 29, 2001", "impossible"),
    ("1990-02-29", "impossible"),
    ("31.02.2030", "impossible"),  # impossible before future
    ("32 травня", "impossible"),
    ("0 травня", "impossible"),
    ("13.13.1990", "impossible"),
    ("1990-13-01", "impossible"),  # no silent year-day-month swap
    ("5/13/1990", "impossible"),  # day-first: there is no 13th month
    # future
    ("4 травня 2030", "future"),
    ("12 мая 2090", "future"),
    ("1 stycznia 2027", "future"),
    ("2026-11-24", "future"),
    ("24.11.2026", "future"),
    ("December 1, 2026", "future"),
    # too old: over 120 at TODAY
    ("1 січня 1900", "too_old"),
    ("1 января 1850", "too_old"),
    ("23.11.1905", "too_old"),
    ("1 May 1800", "too_old"),
    # incomplete
    ("May", "incomplete"),
    ("травень", "incomplete"),
    ("май", "incomplete"),
    ("luty", "incomplete"),
    ("1990", "incomplete"),
    ("May 1990", "incomplete"),
    ("травень 1990", "incomplete"),
    ("maj 1990", "incomplete"),
    ("1990-05", "incomplete"),
    ("05.1990", "incomplete"),
    ("12", "incomplete"),
    # ambiguous: two different dates in one text
    ("12 мая 1990 или 12 июня 1991", "ambiguous"),
    ("4 травня чи 5 травня", "ambiguous"),
    ("3 marca albo 4 marca", "ambiguous"),
    ("4 May 1990, no, 4 May 1991", "ambiguous"),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text,code", ERRORS)
def test_errors_have_stable_codes(text, code, lang):
    assert code in dates.ERRORS
    assert parse(text, lang) == BirthdayResult(ok=False, month=None, day=None, year=None, error=code)


def test_every_error_code_is_covered():
    assert {code for _, code in ERRORS} == set(dates.ERRORS)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("24.11.1905", ok(11, 24, 1905)),  # 120 until tomorrow
        ("23.11.1906", ok(11, 23, 1906)),  # 120 today
        ("22.11.1906", ok(11, 22, 1906)),
    ],
)
def test_age_limit_is_120_inclusive(text, expected):
    assert parse(text) == expected


def test_future_and_age_depend_on_today():
    assert parse("12 мая 2027", "ru", today=datetime.date(2027, 5, 12)) == ok(5, 12, 2027)
    assert parse("12 мая 2027", "ru", today=datetime.date(2027, 5, 11)).error == "future"
    assert parse("1 січня 1900", "uk", today=datetime.date(2019, 12, 31)) == ok(1, 1, 1900)
    assert parse("1 січня 1900", "uk", today=datetime.date(2021, 1, 1)).error == "too_old"


def test_29_february_with_and_without_year():
    assert parse("29 лютого", "uk") == ok(2, 29)
    assert parse("29.02.2000", "uk") == ok(2, 29, 2000)
    assert parse("29.02.1996", "uk") == ok(2, 29, 1996)
    assert parse("29.02.1900", "uk").error == "impossible"  # 1900 is not a leap year
    assert parse("29.02.2001", "uk").error == "impossible"
    assert parse("29.02.2100", "uk").error == "impossible"


def test_result_is_frozen():
    result = parse("12 травня", "uk")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.day = 1  # type: ignore[misc]


def test_unknown_language_still_parses():
    assert parse("12 мая 1990", "de") == ok(5, 12, 1990)
    assert parse("12 May", "") == ok(5, 12)


def test_long_input_never_reaches_dateparser(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("dateparser must not be called")

    monkeypatch.setattr(dates, "_parser", boom)
    monkeypatch.setattr(dates, "search_dates", boom)
    assert parse("my " * 30 + "birthday is 4th of May").error == "not_a_date"  # over 30 words
    assert parse("my birthday is today or tomorrow or whenever you like").error == "not_a_date"  # no number
    assert parse("1" * 201).error == "not_a_date"
    assert parse("x" * 10_000).error == "not_a_date"
    assert parse("   ").error == "empty"
    assert parse("🎂🎂").error == "not_a_date"
    assert parse("a b c d e f g h i").error == "not_a_date"
    assert parse("1" * 13).error == "not_a_date"


def test_result_is_independent_of_previous_calls():
    first = [parse(text, lang) for lang in LANGS for text, _ in VALID[:10]]
    parse("3 marca 1990", "pl")
    parse("вчера", "ru")
    assert [parse(text, lang) for lang in LANGS for text, _ in VALID[:10]] == first


FORMATTED = [
    ("en", 1990, "4 May 1990"),
    ("uk", 1990, "4 травня 1990"),
    ("ru", 1990, "4 мая 1990"),
    ("pl", 1990, "4 maja 1990"),
    ("en", None, "4 May"),
    ("uk", None, "4 травня"),
    ("ru", None, "4 мая"),
    ("pl", None, "4 maja"),
]


@pytest.mark.parametrize("lang,year,expected", FORMATTED)
def test_format_birthday(lang, year, expected):
    assert format_birthday(5, 4, year, lang) == expected


@pytest.mark.parametrize("lang,year,expected", FORMATTED)
def test_format_birthday_without_babel(monkeypatch, lang, year, expected):
    monkeypatch.setattr(dates, "_babel_format_date", None)
    assert format_birthday(5, 4, year, lang) == expected


@pytest.mark.parametrize("use_babel", [True, False])
def test_format_all_months_match_babel_table(monkeypatch, use_babel):
    if not use_babel:
        monkeypatch.setattr(dates, "_babel_format_date", None)
    assert format_birthday(2, 29, None, "uk") == "29 лютого"
    assert format_birthday(2, 29, None, "ru") == "29 февраля"
    assert format_birthday(2, 29, 2000, "pl") == "29 lutego 2000"
    assert format_birthday(12, 31, 1999, "en") == "31 December 1999"
    assert format_birthday(9, 1, None, "pl") == "1 września"
    assert format_birthday(5, 4, None, "xx") == "4 May"


def test_format_with_babel_equals_table():
    babel_dates = pytest.importorskip("babel.dates")
    for lang in LANGS:
        for month in range(1, 13):
            assert babel_dates.format_date(
                datetime.date(2000, month, 1), "d MMMM", locale=lang
            ) == dates._format_with_table(month, 1, None, lang)


def test_format_rejects_impossible_dates():
    with pytest.raises(ValueError):
        format_birthday(2, 30, None, "en")
    with pytest.raises(ValueError):
        format_birthday(2, 29, 2001, "en")


def test_parse_then_format_round_trip():
    for lang, text in (
        ("en", "4th of May 1990"),
        ("uk", "4 травня 1990 р."),
        ("ru", "4 мая 1990 г."),
        ("pl", "4 maja 1990 roku"),
    ):
        result = parse(text, lang)
        assert parse(format_birthday(result.month, result.day, result.year, lang), lang) == result


# --- dates inside sentences ----------------------------------------------------

SENTENCES = [
    # lang, text, (month, day, year): the sentences of issue 15 and more natural phrasings
    ("en", "my birthday is on the 4th of May", (5, 4, None)),
    ("en", "I was born on 4 May 1991", (5, 4, 1991)),
    ("en", "it's 12 May", (5, 12, None)),
    ("en", "it's the 12th of may", (5, 12, None)),
    ("en", "May 4th is my birthday", (5, 4, None)),
    ("en", "I was born on the 4th of May 1990", (5, 4, 1990)),
    ("en", "the 4th of July 1990 is my birthday", (7, 4, 1990)),
    ("en", "i'm 35 and my birthday is May 5th", (5, 5, None)),
    ("en", "born 04/05/1991", (5, 4, 1991)),
    ("en", "born 4.5.1991", (5, 4, 1991)),
    ("en", "my birthday is actually on the 5th of May", (5, 5, None)),
    ("uk", "мій день народження 12 травня", (5, 12, None)),
    ("uk", "12-го травня", (5, 12, None)),
    ("uk", "я народилася 5 травня 1990 року", (5, 5, 1990)),
    ("uk", "я народилася 5 трав. 1990", (5, 5, 1990)),
    ("uk", "мій др 12.05", (5, 12, None)),
    ("uk", "народився 04.05.1991 року", (5, 4, 1991)),
    ("uk", "мій день народження насправді 5 травня", (5, 5, None)),
    ("ru", "родился 3 марта 1988 года", (3, 3, 1988)),
    ("ru", "мой день рождения 12-го мая", (5, 12, None)),
    ("ru", "мне 30 лет, день рождения 12 мая", (5, 12, None)),
    ("ru", "родилась 3-го марта 1988 г.", (3, 3, 1988)),
    ("ru", "на самом деле мой день рождения 5 мая", (5, 5, None)),
    ("pl", "urodziłam się 3 marca 1990", (3, 3, 1990)),
    ("pl", "urodziłem się 3 mar 1990", (3, 3, 1990)),  # not "się 3" (sie: sierpień)
    ("pl", "w dniu 3 marca", (3, 3, None)),
    ("pl", "moje urodziny są 12 maja", (5, 12, None)),
    ("pl", "urodziny mam 3-go marca", (3, 3, None)),
    ("pl", "moje urodziny są właściwie 5 maja", (5, 5, None)),
    # hostile text around a date: the date is read, nothing else
    ("ru", "12 мая; DROP TABLE x", (5, 12, None)),
    ("ru", "<b>12 мая</b>", (5, 12, None)),
]


@pytest.mark.parametrize("lang,text,expected", SENTENCES)
def test_a_date_inside_a_sentence(lang, text, expected):
    assert parse(text, lang) == ok(*expected)


@pytest.mark.parametrize("lang,text,expected", [s for s in SENTENCES if dates._FAST_PATH])
def test_sentences_with_a_full_month_name_need_no_dateparser(monkeypatch, lang, text, expected):
    """The fast shapes are found inside a sentence without dateparser; other sentences search."""
    read = dates._normalise(text)
    fast = [r for r in dates._fast_in_sentence(read, TODAY) if r.ok]
    if fast:
        monkeypatch.setattr(dates, "search_dates", None)  # would fail if called
        monkeypatch.setattr(dates, "_parser", None)
        assert parse(text, lang) == ok(*expected)


@pytest.mark.parametrize(
    "lang,text,code",
    [
        ("en", "I was born 2 days ago", "relative"),
        ("en", "my birthday was yesterday, 12", "relative"),
        ("uk", "мій день народження 2 дні тому", "relative"),
        ("ru", "я родилась 31 февраля", "impossible"),
        ("ru", "родилась 30 февраля 1990 года", "impossible"),
        ("en", "on 12/13/1990 I was born", "impossible"),  # day first: no 13th month
        ("en", "I was born on 5 May 2030", "future"),
        ("ru", "родилась 12 мая 1800 года", "too_old"),
        ("en", "1; DELETE FROM customer WHERE 1=1", "not_a_date"),  # "1=1" is no 1st of January
        ("en", "12.05.199012.05.1990", "not_a_date"),
        ("pl", "urodziłam się w maju", "not_a_date"),
    ],
)
def test_sentences_refused_with_their_reason(lang, text, code):
    assert parse(text, lang) == BirthdayResult(ok=False, error=code)


@pytest.mark.parametrize("lang", LANGS)
def test_relative_words_in_a_sentence_never_become_a_birthday(lang):
    for text in (
        "my birthday is today, I am 30",
        "my birthday was 2 days ago",
        "мій день народження завтра, мені 30",
        "у меня день рождения сегодня, мне 30",
        "urodziny mam dzisiaj, mam 30 lat",
        "born 3 weeks ago",
    ):
        assert not parse(text, lang).ok, (text, lang)


def test_a_sentence_is_searched_in_the_customers_language_only():
    """dateparser's search runs in the customer's language; the month names of the fast path
    (Babel's CLDR names) are read in all four."""
    assert parse("I was born on the 4th of May 1990", "uk").error == "not_a_date"
    assert parse("я народилася 5 трав. 1990", "en").error == "not_a_date"
    assert parse("мій день народження 12 травня", "en") == ok(5, 12)
    assert parse("urodziłam się 3 marca 1990", "ru") == ok(3, 3, 1990)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("my birthday is 5 May", True),
        ("I was born on 4 May", True),
        ("bday: 4 May", True),
        ("мій день народження", True),
        ("я народилася", True),
        ("у меня ДР 5 мая", True),
        ("я родился", True),
        ("дата рождения", True),
        ("urodziłam się", True),
        ("moje urodziny", True),
        ("send me samples", False),
        ("4 May", False),
        ("reborn", False),
        ("", False),
    ],
)
def test_mentions_birthday(text, expected):
    assert dates.mentions_birthday(text) is expected


def test_sentences_off_reads_the_text_as_a_whole_only():
    """What the withdrawal words ask at the birthday question: is the text itself a date?"""
    assert parse_birthday("12 травня", "uk", today=TODAY, sentences=False) == ok(5, 12)
    assert parse_birthday("May 4th", "en", today=TODAY, sentences=False) == ok(5, 4)
    for text, lang in (("мій день народження 12 травня", "uk"), ("stop the greetings on 4 May please", "en")):
        assert parse_birthday(text, lang, today=TODAY).ok
        assert parse_birthday(text, lang, today=TODAY, sentences=False).error == "not_a_date"
