"""bot.dates fast path: the same BirthdayResult as the dateparser path, without dateparser.

The grid is every month, the boundary days (and 0 / 32, which the fast path
leaves to dateparser) and every kind of year (none, leap, non-leap century,
too old, the age limit, this year, future), in every shape the fast path
reads, in the customer languages en and uk. dateparser costs ~1-3 ms a text,
so the grid is not a full product of everything: the comma, zero-padded and
"YYYY/MM/DD" variants run on one year each, and all four customer languages
only on the month names. Texts the fast path leaves to dateparser (day 0 or 32)
are only checked to be left alone: with the path on or off they run the same code.
"""

import datetime

import pytest
from babel.dates import get_month_names

from bot import dates
from bot.dates import parse_birthday

TODAY = datetime.date(2026, 11, 23)
LANGS = ("en", "uk", "ru", "pl")
CUSTOMER_LANGS = ("en", "uk")
DAYS = (1, 2, 9, 10, 15, 28, 29, 30, 31, 0, 32)
# none, ordinary, leap, century non-leap (and too old), too old, the age limit
# (120 on 24 November 1905 and later), this year (future from 24 November), future
YEARS = (None, 1990, 2000, 1900, 1899, 1905, 2026, 2030)


def names(lang, context):
    table = get_month_names("wide", context=context, locale=lang)
    return {month: table[month].casefold() for month in range(1, 13)}


def both(text, lang):
    """(fast path on, fast path off) for one text."""
    fast = parse_birthday(text, lang, today=TODAY)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dates, "_FAST_PATH", False)
        slow = parse_birthday(text, lang, today=TODAY)
    return fast, slow


def takes_fast_path(text):
    return dates._read_fast(dates._normalise(text)) is not None


def compare(cases, lang):
    """Texts whose results differ (empty when all agree), and the texts the fast path took.

    A text the fast path leaves alone runs the same code with the path on or
    off, so it is only checked to be left alone (dateparser is slow).
    """
    differ, taken = [], set()
    for text, _day in cases:
        if not takes_fast_path(text):
            continue
        taken.add(text)
        fast, slow = both(text, lang)
        if fast != slow:
            differ.append((text, fast, slow))
    return differ, taken


def expected_fast(cases):
    """Every day 1-31 is read without dateparser; 0 and 32 are left to it."""
    return {text for text, day in cases if 1 <= day <= 31}


def named_texts(name_by_month):
    """(text, day) pairs."""
    for name in name_by_month.values():
        for day in DAYS:
            for year in YEARS:
                yield (f"{day} {name}" if year is None else f"{day} {name} {year}"), day
            yield f"{day} {name}, 1990", day
            if day < 10:
                yield (f"0{day} {name}" if day else f"00 {name} 1990"), day


def numeric_texts():
    """(text, day) pairs."""
    for month in range(1, 13):
        for day in DAYS:
            for year in YEARS:
                if year is None:
                    continue  # "4/5", "04.05": no four-digit year, left to dateparser
                yield f"{day}/{month}/{year}", day
                yield f"{day:02}.{month:02}.{year}", day
                yield f"{year}-{month:02}-{day:02}", day
            yield f"1990/{month:02}/{day:02}", day
            yield f"1990-{month}-{day}", day


def test_month_names_are_babel_names_and_unambiguous():
    expected = {}
    for lang in LANGS:
        for context in ("format", "stand-alone"):
            for month, name in names(lang, context).items():
                assert expected.setdefault(name, month) == month, name
    assert expected == dates._MONTH_BY_NAME
    assert set(expected.values()) == set(range(1, 13))
    # genitive and nominative differ in uk, ru and pl; English has one name
    assert len(expected) == 12 + 3 * 24


# English has one set of names (format and stand-alone are the same): checked once.
NAME_SETS = [
    (lang, context)
    for lang in LANGS
    for context in ("format", "stand-alone")
    if not (lang == "en" and context == "stand-alone")
]


@pytest.mark.parametrize("customer", CUSTOMER_LANGS)
@pytest.mark.parametrize("lang, context", NAME_SETS)
def test_named_dates_equal_dateparser(context, lang, customer):
    cases = list(named_texts(names(lang, context)))
    differ, taken = compare(cases, customer)
    assert differ == []
    assert taken == expected_fast(cases)


@pytest.mark.parametrize("customer", CUSTOMER_LANGS)
def test_numeric_dates_equal_dateparser(customer):
    cases = list(numeric_texts())
    differ, taken = compare(cases, customer)
    assert differ == []
    assert taken == expected_fast(cases)


@pytest.mark.parametrize("customer", ["ru", "pl", "de"])
def test_every_name_in_other_customer_languages(customer):
    cases = [
        (text, day)
        for name in dates._MONTH_BY_NAME
        for text, day in ((f"12 {name}", 12), (f"31 {name} 1990", 31), (f"29 {name}, 2001", 29))
    ]
    differ, taken = compare(cases, customer)
    assert differ == []
    assert taken == expected_fast(cases)


@pytest.mark.parametrize(
    "text",
    [
        "12 Травня 1990 р.",
        "12 МАЯ 1990 года",
        "3 marca 1990 roku",
        "4th May",
        "4-го травня",
        "  12  травня  1990 ",
        "１２ травня １９９０",
        "12.05.1990р.",
        "04.05.2000",
        # left to dateparser
        "1990-05/12",
        "12/05-1990",
        "12 may,1990",
        "12 may 0990",
        "12 may 0000",
        "0000-05-12",
        "١٢ may 1990",
        "4. maja 1990",
        "4 mai 1990",
        "1990.05.12",
        "4-5-1990",
        "12 травня 90",
    ],
)
def test_variants_equal_dateparser(text):
    fast, slow = both(text, "uk")
    assert fast == slow


class DateparserCalled(Exception):
    pass


@pytest.fixture
def no_dateparser(monkeypatch):
    def boom(*args, **kwargs):
        raise DateparserCalled

    monkeypatch.setattr(dates, "_read_day_month", boom)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12 травня 1990", (5, 12, 1990)),
        ("12.05.1990", (5, 12, 1990)),
        ("1990-05-12", (5, 12, 1990)),
        ("4 May", (5, 4, None)),
        ("3 marca 1990", (3, 3, 1990)),
        ("12 мая, 1990", (5, 12, 1990)),
        ("1990/05/12", (5, 12, 1990)),
        ("29 лютого", (2, 29, None)),
    ],
)
def test_fast_path_is_taken(no_dateparser, text, expected):
    result = parse_birthday(text, "uk", today=TODAY)
    assert (result.ok, result.month, result.day, result.year) == (True, *expected)


@pytest.mark.parametrize(
    "text,error",
    [
        ("31 квітня", "impossible"),
        ("29.02.2001", "impossible"),
        ("31.02.2030", "impossible"),
        ("12 мая 2030", "future"),
        ("1 січня 1900", "too_old"),
    ],
)
def test_fast_path_errors_without_dateparser(no_dateparser, text, error):
    assert parse_birthday(text, "uk", today=TODAY).error == error


@pytest.mark.parametrize("text", ["12.05.90", "may 12", "yesterday", "12.05", "0 травня", "32 травня"])
def test_fast_path_is_not_taken(no_dateparser, text):
    with pytest.raises(DateparserCalled):
        parse_birthday(text, "uk", today=TODAY)


# --- inside sentences ------------------------------------------------------------

SENTENCES_BOTH_READ = [
    ("en", "I was born on 4 May 1991"),
    ("en", "it's 12 May"),
    ("en", "born 04/05/1991"),
    ("en", "born 1991-05-04"),
    ("en", "I was born on 5 May 2030"),
    ("uk", "мій день народження 12 травня"),
    ("uk", "я народилася 5 травня 1990 року"),
    ("uk", "народився 04.05.1991 року"),
    ("uk", "12 травня чи 13 травня"),
    ("ru", "родился 3 марта 1988 года"),
    ("ru", "мне 30 лет, день рождения 12 мая"),
    ("ru", "родилась 12 мая 1800 года"),
    ("pl", "urodziłam się 3 marca 1990"),
    ("pl", "moje urodziny są 12 maja"),
]


@pytest.mark.parametrize("lang,text", SENTENCES_BOTH_READ)
def test_the_fast_shapes_in_a_sentence_read_as_dateparsers_search(lang, text):
    """A fast shape found inside a sentence gives what dateparser's search (in the customer's
    language, each piece re-read) gives for the same sentence."""
    assert dates._fast_in_sentence(dates._normalise(text), TODAY)  # taken fast
    fast, slow = both(text, lang)
    assert fast == slow


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("pl", "w dniu 3 marca", (True, 3, 3, None, None)),
        ("ru", "я родилась 31 февраля", (False, None, None, None, "impossible")),
        ("uk", "мій др 12.05", (True, 5, 12, None, None)),
    ],
)
def test_the_fast_shapes_find_what_dateparsers_search_misses(lang, text, expected):
    """dateparser's search finds only "marca" in "w dniu 3 marca", only "февраля" in "31
    февраля", nothing in "мій др 12.05": the fast shapes, searched first, read them."""
    fast, slow = both(text, lang)
    assert (fast.ok, fast.month, fast.day, fast.year, fast.error) == expected
    assert not slow.ok and slow.error != fast.error
