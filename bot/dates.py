"""Birthday parsing and formatting.

``parse_birthday`` turns what a customer typed ("12 травня", "3 marca 1990",
"04.05.1990", "4th of May", ...) into a day, a month and an optional year, or
into one stable error code. The actual reading of dates is done by
``dateparser`` (except for the fast path below); this module only normalises
the text a little and adds the checks dateparser does not do for us:

* dateparser fills missing parts from a base date, so every text is parsed
  against two different base dates. A part that changes with the base was not
  given: if the day or month changes, the text is relative ("yesterday",
  "next week", "2 days ago", "Monday"); if only the year changes, no year was
  given.
* dateparser simply fails on dates that do not exist ("31 February",
  "29.02.2001"). To tell those apart from non-dates, each small number in the
  text is in turn replaced by 1; if the text then parses with that number as
  the day, the original day is checked against the calendar.
* Month-only or year-only texts are read again without ``REQUIRE_PARTS`` to
  answer "incomplete" instead of "not_a_date".
* Texts over 200 characters are "not_a_date" without calling dateparser. A
  whole text is read as a date up to 8 words and 12 digits (dateparser gets slow,
  tens of milliseconds, on long token soups); longer texts, and short ones that
  are not a date as a whole, are read as sentences (below).
* Sentences ("my birthday is on the 4th of May", "родился 3 марта 1988 года",
  "urodziłam się 3 marca 1990"), up to 30 words with a number in them: first the
  fast shapes below found anywhere between word boundaries (and "12.05" without
  a year), then dateparser's ``search_dates`` in the customer's language only.
  Each piece it finds is read again as a whole text, on both base dates, so
  "today", "tomorrow" or "2 days ago" never become a birthday; a piece needs a
  number and a month (a word, or a second number). Two different dates in one
  text are "ambiguous". Polish "się" is hidden from the search (it is also
  "sie", sierpień). ``mentions_birthday`` tells whether a text speaks of a
  birthday at all (the router uses it outside the birthday question).
* dateparser's "timestamp" and "no-spaces-time" parsers are off: they read
  "0501234567" as a Unix time and "19900504" as the year 9005.
* Fast path: the common unambiguous shapes - "12 травня", "12 мая 1990",
  "3 marca, 1990" (a day and a full month name from Babel's CLDR data, genitive
  or nominative, en/uk/ru/pl), "12/05/1990" and "12.05.1990" (day first),
  "1990-05-12" and "1990/05/12", all with a four-digit year where there is one -
  are read by regular expressions and a name table (~7 us of CPU) instead of
  two dateparser parses (~1 ms). The result is exactly what the dateparser path
  gives for the same text (tests/conversation/test_dates_fast.py compares both over every
  month and the boundary days and years); anything else, including a day of 0
  or over 31, two-digit years and month-first "May 12", goes to dateparser.

Error codes (stable, used as text keys ``birthday.error.<code>``):
``empty``, ``not_a_date``, ``relative``, ``impossible``, ``future``,
``too_old``, ``incomplete``, ``ambiguous``.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from dateparser.date import DateDataParser
from dateparser.search import search_dates

from bot.consent.scopes import LANGUAGES

try:  # declared in pyproject.toml; without it formatting uses the table below
    # and the fast path reads numeric dates only
    from babel.dates import format_date as _babel_format_date, get_month_names as _babel_month_names
except ImportError:  # pragma: no cover - depends on the environment
    _babel_format_date = _babel_month_names = None

MAX_INPUT = 200
MAX_AGE = 120
# A birthday is at most "the 4th of May, 1990 year" long; dateparser gets slow
# (tens of milliseconds) on long token soups, and never reads them anyway.
MAX_WORDS = 8
MAX_DIGITS = 12  # "29.02.2000" is 8; room for a time of day

EMPTY = "empty"
NOT_A_DATE = "not_a_date"
RELATIVE = "relative"
IMPOSSIBLE = "impossible"
FUTURE = "future"
TOO_OLD = "too_old"
INCOMPLETE = "incomplete"
AMBIGUOUS = "ambiguous"  # a sentence with two different dates
ERRORS = (EMPTY, NOT_A_DATE, RELATIVE, IMPOSSIBLE, FUTURE, TOO_OLD, INCOMPLETE, AMBIGUOUS)

# Two base dates that differ in year, month, day and weekday; both years are
# not leap years so that "29 February" without a year still lands on a leap
# year chosen by dateparser, and days 29-31 exist in both base months.
_BASES = (datetime.datetime(2010, 3, 17), datetime.datetime(2021, 8, 26))
_DAY_PERIODS = {"day", "time"}
_MAX_NUMBERS = 3  # day, month, year


@dataclass(frozen=True)
class BirthdayResult:
    ok: bool
    month: int | None = None
    day: int | None = None
    year: int | None = None
    error: str | None = None


def _fail(code: str) -> BirthdayResult:
    return BirthdayResult(ok=False, error=code)


# --- normalisation -----------------------------------------------------------

# "1985 р.", "1990г", "1990 года", "1990 roku", "1990 r." -> "1985"
_YEAR_WORD = re.compile(r"(\d)\s*(?:року|рік|р\.?|года|год|г\.?|roku|rok|r\.?)(?=[\s,.;!?)]|$)")
# "4th", "1st", "4-го", "4-е", "1-ше", "4-ого" -> "4"
_ORDINAL = re.compile(r"(\d)(?:st|nd|rd|th|-[a-zа-яёіїєґ]{1,3})(?![\w])")
# "04.05" / "4.5.90": dateparser fails on zero-padded "dd.mm", but reads "dd/mm"
_DOTTED_DM = re.compile(r"\d{1,2}\.\d{1,2}(?:\.\d{2,4})?")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = ".,;:!?-–—/ "
_SMALL_NUMBER = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_NUMBER = re.compile(r"\d+")
# Purely numeric dates: day-first, or ISO year-first. dateparser silently swaps
# day and month when the month part is over 12 ("5/13/1990", "1990-13-01"),
# which would contradict the documented day-first reading, so those are checked.
_NUMERIC_DMY = re.compile(r"(?P<day>\d{1,2})[./-](?P<month>\d{1,2})(?:[./-](?:\d{2}|\d{4}))?")
_NUMERIC_YMD = re.compile(r"\d{4}[./-](?P<month>\d{1,2})[./-](?P<day>\d{1,2})")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _SPACES.sub(" ", text).strip()
    text = _YEAR_WORD.sub(r"\1", text)
    text = _ORDINAL.sub(r"\1", text)
    text = text.strip(_EDGE_PUNCT)
    if _DOTTED_DM.fullmatch(text):
        text = text.replace(".", "/")
    return text


# --- dateparser wrappers -----------------------------------------------------


def _language_order(lang: str) -> tuple[str, ...]:
    lang = (lang or "").lower()[:2]
    if lang not in LANGUAGES:
        return LANGUAGES
    return (lang,) + tuple(other for other in LANGUAGES if other != lang)


@lru_cache(maxsize=32)
def _parser(languages: tuple[str, ...], base_index: int, strict: bool) -> DateDataParser:
    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
        "RELATIVE_BASE": _BASES[base_index],
        # no "timestamp" ("0501234567" is not 1985-11-19) and no "no-spaces-time"
        # ("19900504" came out as the year 9005)
        "PARSERS": ["relative-time", "custom-formats", "absolute-time"],
    }
    if strict:
        settings["REQUIRE_PARTS"] = ["day", "month"]
    return DateDataParser(
        languages=list(languages), settings=settings, try_previous_locales=False, use_given_order=True
    )


def _both(text: str, languages: tuple[str, ...], strict: bool):
    """Parse against both base dates; a list of (datetime, period) or None."""
    found = []
    for index in range(len(_BASES)):
        data = _parser(languages, index, strict).get_date_data(text)
        found.append(None if data.date_obj is None else (data.date_obj, data.period))
    return found


def _read_day_month(text: str, languages: tuple[str, ...]):
    """("ok", month, day, year|None), ("relative",), or None when unreadable."""
    first, second = _both(text, languages, strict=True)
    if first is None and second is None:
        return None
    if first is None or second is None:
        return ("relative",)
    (a, period_a), (b, period_b) = first, second
    if period_a not in _DAY_PERIODS or period_b not in _DAY_PERIODS:
        return None  # "this year", "next month": left to the loose reading
    if (a.month, a.day) != (b.month, b.day):
        return ("relative",)
    return ("ok", a.month, a.day, a.year if a.year == b.year else None)


def _find_impossible(text: str, languages: tuple[str, ...]) -> bool:
    """True when the text is a real day/month(/year) whose day does not exist."""
    if len(_NUMBER.findall(text)) > _MAX_NUMBERS:
        return False
    for match in _SMALL_NUMBER.finditer(text):
        original = int(match.group())
        one = "01" if len(match.group()) == 2 else "1"
        candidate = text[: match.start()] + one + text[match.end() :]
        read = _read_day_month(candidate, languages)
        if read is None or read[0] != "ok" or read[2] != 1:
            continue
        _, month, _, year = read
        check_year = 2000 if year is None else year  # 2000 is a leap year
        return not 1 <= original <= calendar.monthrange(check_year, month)[1]
    return False


def _read_partial(text: str, languages: tuple[str, ...]) -> str | None:
    """For texts without a day and month: RELATIVE, INCOMPLETE or None."""
    first, second = _both(text, languages, strict=False)
    if first is None and second is None:
        return None
    if first is None or second is None:
        return RELATIVE
    (a, period), (b, period_b) = first, second
    if period != period_b:
        return RELATIVE
    if period == "year":
        return INCOMPLETE if a.year == b.year else RELATIVE
    if period == "month":
        return INCOMPLETE if a.month == b.month else RELATIVE
    if period in _DAY_PERIODS:
        if a.day != b.day:
            return RELATIVE  # "Monday", "10:00"
        # a bare day number ("12"): the month came from the base date
        return INCOMPLETE if len(_NUMBER.findall(text)) == 1 else None
    return RELATIVE  # "week" and anything else anchored to the base date


# --- year checks (one function for both paths, so they cannot drift) --------


def _dated(month: int, day: int, year: int | None, today: datetime.date) -> BirthdayResult:
    """The year checks of both paths: a date from the future or over MAX_AGE years ago fails."""
    if year is not None:
        birthday = datetime.date(year, month, day)  # both paths only pass real dates
        if birthday > today:
            return _fail(FUTURE)
        age = today.year - year - ((today.month, today.day) < (month, day))
        if age > MAX_AGE:
            return _fail(TOO_OLD)
    return BirthdayResult(ok=True, month=month, day=day, year=year)


# --- fast path ---------------------------------------------------------------

# Off only in tests, which compare it with the dateparser path.
_FAST_PATH = True
# ASCII digits only: "\d" also matches "١٢" and int() reads it, dateparser not.
# A four-digit year from 1000: dateparser reads "0000" as no date at all, and no
# birthday is from before 1000 anyway, so those few texts are left to it.
_YEAR = r"(?P<year>[1-9][0-9]{3})"
_DAY = r"(?P<day>[0-9]{1,2})"
_MONTH_NUMBER = r"(?P<month>[0-9]{1,2})"
# "12 травня", "12 травня 1990", "12 may, 1990": the name is checked in the table
_NAMED_DMY = re.compile(_DAY + r" (?P<name>[^\W\d_]+)(?:,? " + _YEAR + r")?")
# "12/05/1990" (also "12.05.1990": _normalise turned the dots into slashes)
_SLASHED_DMY = re.compile(_DAY + "/" + _MONTH_NUMBER + "/" + _YEAR)
# "1990-05-12", "1990/5/12"; one separator: mixed ones are left to dateparser
_ISO_YMD = re.compile(_YEAR + r"(?P<sep>[-/])" + _MONTH_NUMBER + "(?P=sep)" + _DAY)


def _month_names() -> dict[str, int]:
    """Casefolded wide month names (genitive and nominative) -> month number.

    Every name here was checked against dateparser, in every customer language
    (tests/conversation/test_dates_fast.py). A name of two different months would make the
    fast path guess, so it stops the import instead.
    """
    if _babel_month_names is None:  # pragma: no cover - Babel is a dependency
        return {}
    table: dict[str, int] = {}
    for locale in LANGUAGES:
        for context in ("format", "stand-alone"):
            names = _babel_month_names("wide", context=context, locale=locale)
            for month, name in names.items():
                key = unicodedata.normalize("NFKC", name).casefold()
                if table.setdefault(key, month) != month:
                    raise ValueError(f"month name {key!r} is both {table[key]} and {month}")
    return table


_MONTH_BY_NAME = _month_names()


def _read_fast(text: str) -> tuple[int, int, int | None] | None:
    """(month, day, year|None) for the shapes above, or None for dateparser."""
    named = _NAMED_DMY.fullmatch(text)
    if named:
        month = _MONTH_BY_NAME.get(named["name"])
        if month is None:
            return None
        found = named
    else:
        found = _SLASHED_DMY.fullmatch(text) or _ISO_YMD.fullmatch(text)
        if not found:
            return None
        month = int(found["month"])
    day = int(found["day"])
    year = None if found["year"] is None else int(found["year"])
    # Day 0 and days over 31 are not days of any month; dateparser's reading of
    # them ("impossible" via _find_impossible, or something else) is its own.
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return month, day, year


def _parse_fast(text: str, today: datetime.date) -> BirthdayResult | None:
    read = _read_fast(text)
    if read is None:
        return None
    month, day, year = read
    # dateparser fails on "31 April" and _find_impossible then answers
    # "impossible", before any year check ("31.02.2030" is impossible, not future)
    check_year = 2000 if year is None else year  # 2000 is a leap year
    if day > calendar.monthrange(check_year, month)[1]:
        return _fail(IMPOSSIBLE)
    return _dated(month, day, year, today)


# --- sentences -------------------------------------------------------------

# "my birthday is on the 4th of May", "родился 3 марта 1988 года", "w dniu 3 marca": a
# date inside a sentence. Only texts with a digit are searched (a birthday has a day
# number; "today", "tomorrow" alone never become a birthday), up to this many words.
MAX_SENTENCE_WORDS = 30
MAX_SENTENCE_DIGITS = 24  # a date and room for an age, a time, a phone number
# The fast shapes, found anywhere between word boundaries.
_NAMED_DMY_IN = re.compile(r"(?<![\w./-])" + _NAMED_DMY.pattern + r"(?![\w/-])")
# "04.05.1991" too: a sentence is not normalised like a bare date (its dots stay)
_SLASHED_DMY_IN = re.compile(
    r"(?<![\w./-])" + _DAY + r"(?P<sep>[./])" + _MONTH_NUMBER + "(?P=sep)" + _YEAR + r"(?![\w/-])"
)
_ISO_YMD_IN = re.compile(r"(?<![\w./-])" + _ISO_YMD.pattern + r"(?![\w/-])")
_DOTTED_DM_IN = re.compile(r"(?<![\w./-])" + _DAY + r"[./]" + _MONTH_NUMBER + r"(?![\w/-]|[./][0-9])")
_GLUED_BEFORE = re.compile(r"(?:\w|[0-9][./-])$")
_GLUED_AFTER = re.compile(r"\w|[./-][0-9]")
# What dateparser's search found must have a number and a month (a word, or a second number).
_DATE_LIKE = re.compile(r"(?=.*[0-9])(?:.*[^\W\d_]{3}|.*[0-9][./-][0-9])")
_NUMERIC_IN = re.compile(r"(?<![0-9])(?:[0-9]{1,2}[./-](?P<month>[0-9]{1,2})(?![0-9]))")
# Words dateparser's search takes for a date although they never are one in a sentence:
# Polish "się" (reflexive, "urodziłam się") is also "sie", the abbreviation of sierpień (August).
_NOT_DATE_WORDS = {"pl": re.compile(r"(?<!\w)si[eę](?!\w)")}


# Only finds the pieces: each is read again by the whole-text path, which decides.
_SEARCH_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "RELATIVE_BASE": _BASES[0],
    "PARSERS": ["relative-time", "custom-formats", "absolute-time"],
}


def _fast_in_sentence(text: str, today: datetime.date) -> list[BirthdayResult]:
    """The results of every fast shape inside the text (month names from the table only)."""
    found = []
    for pattern in (_NAMED_DMY_IN, _SLASHED_DMY_IN, _ISO_YMD_IN, _DOTTED_DM_IN):
        for match in pattern.finditer(text):
            # a number right before or after ("12 мая 68", "12 травня 10:00", "1 2 May") may
            # belong to the date: those texts are left to dateparser
            if text[: match.start()].rstrip(" ,")[-1:].isdigit() or text[match.end() :].lstrip(" ,")[:1].isdigit():
                continue
            if pattern is _DOTTED_DM_IN:
                # "12.05" in a sentence: day first, as a bare "12.05"; "10.30" is no date
                day, month = int(match["day"]), int(match["month"])
                if not 1 <= month <= 12 or day == 0:
                    continue
                ok = day <= calendar.monthrange(2000, month)[1]  # 2000 is a leap year
                found.append(_dated(month, day, None, today) if ok else _fail(IMPOSSIBLE))
                continue
            result = _parse_fast(match.group().replace(".", "/"), today)
            if result is not None:
                found.append(result)
    return found


def _pieces(found: list[str], text: str) -> list[str]:
    """The pieces dateparser's search found, in the text's order, with every two that only
    spaces or ",." separate also joined ("5 трав" + "1990" -> "5 трав. 1990")."""
    spans, position = [], 0
    for piece in found:
        start = text.find(piece, position)
        if start < 0:
            continue
        end = start + len(piece)
        position = end
        if _GLUED_BEFORE.search(text[:start]) or _GLUED_AFTER.match(text[end:]):
            continue  # part of a longer word or number ("12.05.199012.05.1990")
        spans.append((start, end))
    joined = [text[a[0] : b[1]] for a, b in zip(spans, spans[1:]) if not text[a[1] : b[0]].strip(" ,.")]
    return joined + [text[a:b] for a, b in spans]


def _searched_in_sentence(text: str, languages: tuple[str, ...], today: datetime.date) -> list[BirthdayResult]:
    """dateparser's search in the customer's language; each piece found is read again as a
    whole text (both base dates: a relative word is refused), joined with its neighbour when
    the two touch, and kept only when it has a number and a month: a word of three letters
    or more, or a second number after "." "/" "-" ("1=1" is not the 1st of January)."""
    lang = languages[0]
    blanked = _NOT_DATE_WORDS[lang].sub(" ", text) if lang in _NOT_DATE_WORDS else text
    found = [piece for piece, _ in search_dates(blanked, languages=[lang], settings=dict(_SEARCH_SETTINGS)) or []]
    results = []
    for piece in _pieces(found, blanked):
        piece = piece.strip(_EDGE_PUNCT)
        if not _DATE_LIKE.search(piece):
            continue
        numeric = _NUMERIC_IN.search(piece)
        if numeric and not 1 <= int(numeric["month"]) <= 12:
            results.append(_fail(IMPOSSIBLE))  # day first: "12/13/1990" has no 13th month
            continue
        result = _parse_text(piece, languages, today)
        if result.ok and " " in piece and piece not in found:
            return [result]  # two pieces read as one date ("5 трав. 1990"): not two dates
        results.append(result)
    return results


def _one_of(found: list[BirthdayResult]) -> BirthdayResult | None:
    """One date found: it; several different ones: AMBIGUOUS; none readable: the first error
    that says more than "not a date" (an impossible day, a future year...), else None."""
    dated = [r for r in found if r.ok]
    if dated:
        days = {(r.month, r.day) for r in dated}
        years = {r.year for r in dated if r.year is not None}
        if len(days) > 1 or len(years) > 1:
            return _fail(AMBIGUOUS)
        month, day = days.pop()
        return BirthdayResult(ok=True, month=month, day=day, year=years.pop() if years else None)
    for result in found:
        if result.error not in (NOT_A_DATE, EMPTY):
            return result
    return None


# Words that say a text is about one's birthday, in en/uk/ru/pl (casefolded, at a word's start):
# outside the birthday question, a date counts as a birthday only with one of them.
_BIRTHDAY_WORDS = re.compile(
    r"(?<!\w)(?:birthday|bday|b-day|born|birth|"
    r"народж|народи|день нар|др(?!\w)|днюх|"
    r"рожд|рожден|родил|родила|родился|"
    r"urodzi|urodzin|urodzeni|data urodz)",
)


def mentions_birthday(text: str) -> bool:
    """True when the text speaks of a birthday or of being born, in any of the four languages."""
    return bool(text) and _BIRTHDAY_WORDS.search(unicodedata.normalize("NFKC", text).casefold()) is not None


# --- public API --------------------------------------------------------------


def parse_birthday(text: str, lang: str, *, today: datetime.date, sentences: bool = True) -> BirthdayResult:
    """Read a birthday typed as free text in English, Ukrainian, Russian or Polish, alone
    ("12 травня") or in a sentence ("my birthday is on the 4th of May").

    ``lang`` is the customer's language and is tried first; the other three
    languages are accepted too (a sentence is searched in ``lang`` only, the month
    names of the fast path in all four). Numeric dates are day-first ("4/5" is 4 May),
    except ISO "1990-05-04". Returns ``BirthdayResult(ok=True, month, day, year)``
    with ``year=None`` when no year was given, or ``ok=False`` with one of
    ``ERRORS`` in ``error``. ``sentences=False``: the text must be the date and
    nothing else (is this text, as a whole, an answer to the birthday question?).
    """
    if text is None:
        return _fail(EMPTY)
    stripped = text.strip()
    if not stripped:
        return _fail(EMPTY)
    if len(stripped) > MAX_INPUT:
        return _fail(NOT_A_DATE)
    normal = _normalise(stripped)
    if not any(ch.isalnum() for ch in normal):
        return _fail(NOT_A_DATE)
    languages = _language_order(lang)
    words = len(normal.split())
    # a sentence: more than one word, a number in it, and not a long token soup
    digits = sum("0" <= ch <= "9" for ch in normal)
    searchable = sentences and 1 < words <= MAX_SENTENCE_WORDS and 0 < digits <= MAX_SENTENCE_DIGITS
    if _FAST_PATH:
        fast = _parse_fast(normal, today)
        if fast is None and searchable:
            fast = _one_of(_fast_in_sentence(normal, today))
        if fast is not None:
            return fast
    if words <= MAX_WORDS and sum(ch.isdigit() for ch in normal) <= MAX_DIGITS:
        whole = _parse_text(normal, languages, today)
        if whole.ok or whole.error != NOT_A_DATE:
            return whole
    if not searchable:
        return _fail(NOT_A_DATE)
    return _one_of(_searched_in_sentence(normal, languages, today)) or _fail(NOT_A_DATE)


def _parse_text(normal: str, languages: tuple[str, ...], today: datetime.date) -> BirthdayResult:
    """A normalised text that is the date and nothing else."""
    if not any(ch.isalnum() for ch in normal):
        return _fail(NOT_A_DATE)
    numeric = _NUMERIC_DMY.fullmatch(normal) or _NUMERIC_YMD.fullmatch(normal)
    if numeric and not 1 <= int(numeric["month"]) <= 12:
        return _fail(IMPOSSIBLE)
    fast = _parse_fast(normal, today) if _FAST_PATH else None
    if fast is not None:
        return fast

    read = _read_day_month(normal, languages)
    if read is None:
        if _find_impossible(normal, languages):
            return _fail(IMPOSSIBLE)
        return _fail(_read_partial(normal, languages) or NOT_A_DATE)
    if read[0] == "relative":
        return _fail(RELATIVE)

    _, month, day, year = read
    if numeric and (int(numeric["month"]), int(numeric["day"])) != (month, day):
        return _fail(NOT_A_DATE)
    if year is not None and year > today.year and not _FOUR_DIGITS.search(normal):
        year -= 100  # a two-digit year: "12.05.68" is 1968, not 2068
    return _dated(month, day, year, today)


def warm_up() -> None:
    """Load dateparser's language data ahead of the first customer (~0.3-0.6 s), for whole
    dates and for the search in sentences."""
    for lang in LANGUAGES:
        parse_birthday("12 May 1990", lang, today=datetime.date(2000, 1, 1))
        search_dates("born on the 4th of May 1990 today", languages=[lang], settings=dict(_SEARCH_SETTINGS))


# --- formatting --------------------------------------------------------------

# Genitive ("format" context) month names, as Babel's CLDR data has them.
_MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "uk": (
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ),
    "ru": (
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
    "pl": (
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ),
}


def _format_with_table(month: int, day: int, year: int | None, lang: str) -> str:
    name = _MONTHS[lang][month - 1]
    return f"{day} {name}" if year is None else f"{day} {name} {year}"


@lru_cache(maxsize=4096)  # Babel's formatting takes ~50 µs; birthdays repeat (366 days x 4 languages)
def format_birthday(month: int, day: int, year: int | None, lang: str) -> str:
    """ "4 May 1990", "4 травня 1990", "4 мая 1990", "4 maja 1990"; no year when None."""
    lang = (lang or "").lower()[:2]
    if lang not in LANGUAGES:
        lang = "en"
    date = datetime.date(2000 if year is None else year, month, day)  # validates
    if _babel_format_date is None:
        return _format_with_table(month, day, year, lang)
    return _babel_format_date(date, "d MMMM" if year is None else "d MMMM y", locale=lang)
