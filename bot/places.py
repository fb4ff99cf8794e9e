"""Places and time zones in the customer's language: city names (CLDR's exemplar cities, from
Babel) to IANA zones and back.

A customer types the city they live in as they say it ("Київ", "Warszawa", "Нью-Йорк",
"New York", "Kiev", "krakow"); the bot stores the IANA zone ("Europe/Kyiv") and shows the city
in the customer's language. Names are compared without case and diacritics. A name that means
more than one zone (a country with several zones, or one city name used in two places) is not
guessed: the caller gets the candidates and asks for a city.

Babel 2.18 keys its localised city names by CLDR's zone ids ("Europe/Kiev", "Asia/Saigon"),
while its `zone_aliases` point those ids at today's IANA names ("Europe/Kyiv"); its own
`get_timezone_location(..., return_city=True)` therefore misses such names ("Kyiv" in
Ukrainian). The index below resolves every CLDR id through the aliases first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from zoneinfo import available_timezones

from babel import Locale
from babel.core import get_global

from bot.consent.scopes import LANGUAGES

# Letters NFKD does not split into a base letter and a mark.
_FOLD = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})
_SEPARATORS = re.compile(r"[\s\-‐‑–—_'’`.,/()]+")


def fold(text: str) -> str:
    """A name as compared: no case, no diacritics, separators as one space ("Nowy-Jork" = "nowy jork")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", letters).strip()


@cache
def _aliases() -> dict[str, str]:
    """CLDR and IANA link ids -> the IANA zone ("Europe/Kiev" -> "Europe/Kyiv")."""
    return dict(get_global("zone_aliases"))


def canonical(zone: str) -> str:
    return _aliases().get(zone, zone)


@cache
def zones() -> frozenset[str]:
    """The zones a city can name: CLDR's zones with a country, as IANA names this system knows."""
    known = available_timezones()
    return frozenset(z for z in get_global("zone_territories") if z in known and not z.startswith("Etc/"))


# Big cities CLDR does not name (it names one city per zone), in the four languages, for the
# countries most of the shop's customers live in; each is in a country with a single zone.
OTHER_CITIES = {
    "Europe/Warsaw": (
        "Kraków Krakow Cracow Краків Краков|Wrocław Вроцлав|Gdańsk Gdansk Гданськ Гданьск|Poznań Poznan Познань"
        "|Łódź Lodz Лодзь|Lublin Люблін Люблин|Katowice Катовіце Катовице|Szczecin Щецин|Rzeszów Rzeszow Жешув"
    ),
    "Europe/Kyiv": (
        "Lviv Lwów Lwow Lvov Львів Львов|Kharkiv Kharkov Charków Харків Харьков|Odesa Odessa Odessa Одеса Одесса"
        "|Dnipro Dniepr Дніпро Днепр|Zaporizhzhia Zaporoże Запоріжжя Запорожье|Vinnytsia Winnica Вінниця Винница"
        "|Poltava Połtawa Полтава|Chernihiv Czernihów Чернігів Чернигов|Ivano-Frankivsk Iwano-Frankiwsk Івано-Франківськ"
        " Ивано-Франковск|Ternopil Tarnopol Тернопіль Тернополь|Lutsk Łuck Луцьк Луцк|Zhytomyr Żytomierz Житомир"
    ),
}


def _other_cities() -> dict[str, str]:
    """A name (each word of an entry is one name; "Ivano-Frankivsk" keeps its dash) -> its zone."""
    return {
        name: zone for zone, entries in OTHER_CITIES.items() for entry in entries.split("|") for name in entry.split()
    }


def _default_city(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")


@cache
def _cities(lang: str) -> dict[str, str]:
    """zone -> its city in `lang` (CLDR's exemplar city; the zone id's last part where CLDR has none)."""
    names = {zone: _default_city(zone) for zone in zones()}
    for cldr_id, info in Locale.parse(lang).time_zones.items():
        city = info.get("city")
        zone = canonical(cldr_id)
        if city and zone in names:
            names[zone] = city
    return names


def _offset_name(zone: str) -> str | None:
    """ "UTC+2" for Etc/GMT-2 (POSIX signs are inverted), "UTC" for UTC; None for other zones."""
    if zone in ("UTC", "Etc/UTC", "Etc/GMT", "GMT"):
        return "UTC"
    match = re.fullmatch(r"Etc/GMT([+-])(\d{1,2})", zone)
    if match:
        return f"UTC{'-' if match.group(1) == '+' else '+'}{match.group(2)}"
    return None


def city_name(zone: str, lang: str) -> str:
    """What the customer calls the place of `zone`: "Київ" (uk) for Europe/Kyiv, "UTC+2" for Etc/GMT-2."""
    offset = _offset_name(zone)
    if offset is not None:
        return offset
    zone = canonical(zone)
    return _cities(lang if lang in LANGUAGES else "en").get(zone) or _default_city(zone)


def zone_label(zone: str, lang: str) -> str:
    """The city with its zone, for confirmations and /preferences: "Київ (Europe/Kyiv)"; "UTC+2"."""
    city = city_name(zone, lang)
    return city if _offset_name(zone) is not None else f"{city} ({zone})"


def country_name(zone: str, lang: str) -> str | None:
    territory = get_global("zone_territories").get(canonical(zone))
    return Locale.parse(lang if lang in LANGUAGES else "en").territories.get(territory) if territory else None


# ---- the index: a folded name -> the zones it can mean --------------------------------------------


@cache
def _names(lang: str) -> dict[str, frozenset[str]]:
    """Every name a customer of `lang` may type for a place: its cities, the zone ids' own last
    parts (also of old ids such as Kiev or Calcutta) and the names of countries."""
    index: dict[str, set[str]] = {}

    def add(name: str, zone: str) -> None:
        key = fold(name)
        if key:
            index.setdefault(key, set()).add(zone)

    for zone, city in _cities(lang).items():
        add(city, zone)
        add(_default_city(zone), zone)
    for old, zone in _aliases().items():
        if zone in zones():
            add(_default_city(old), zone)
    for name, zone in _other_cities().items():
        add(name, zone)
    territories = Locale.parse(lang).territories
    for territory, members in get_global("territory_zones").items():
        name = territories.get(territory)
        country_zones = [z for z in members if z in zones()]
        if name and country_zones:
            for zone in country_zones:
                add(name, zone)
    return {key: frozenset(found) for key, found in index.items()}


@dataclass(frozen=True)
class Found:
    """What a typed place means: one zone, or several (`zones` sorted; then ask which)."""

    zones: tuple[str, ...]

    @property
    def zone(self) -> str | None:
        return self.zones[0] if len(self.zones) == 1 else None


def find_zone(text: str, lang: str) -> Found | None:
    """The zone(s) a typed place name means: the customer's language first, then the others
    (a Ukrainian customer may type "Warszawa"). None: no place of that name."""
    key = fold(text)
    if not key:
        return None
    order = [lang, *(other for other in LANGUAGES if other != lang)] if lang in LANGUAGES else list(LANGUAGES)
    for each in order:
        found = _names(each).get(key)
        if found:
            return Found(tuple(sorted(found)))
    return None
