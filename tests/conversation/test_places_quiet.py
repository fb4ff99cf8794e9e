"""Time zones by city and quiet hours as people say them, in the four languages: the pure
readers (bot/places.py, bot/flow.py parse_timezone/parse_quiet) and the conversation."""

import pytest

from bot import places
from bot.flow import Refusal, parse_quiet, parse_timezone
from bot.texts import t
from storage.models import Customer

ANN = 1001
H = 60


# ---- city -> zone, unit level -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, lang, zone",
    [
        ("Київ", "uk", "Europe/Kyiv"),
        ("київ", "uk", "Europe/Kyiv"),
        ("Варшава", "uk", "Europe/Warsaw"),
        ("Варшава", "ru", "Europe/Warsaw"),
        ("Warszawa", "pl", "Europe/Warsaw"),
        ("Warszawa", "uk", "Europe/Warsaw"),  # another language's name is understood too
        ("warsaw", "en", "Europe/Warsaw"),
        ("Лондон", "uk", "Europe/London"),
        ("Лондон", "ru", "Europe/London"),
        ("Londyn", "pl", "Europe/London"),
        ("New York", "en", "America/New_York"),
        ("new-york", "en", "America/New_York"),
        ("Нью-Йорк", "ru", "America/New_York"),
        ("Нью Йорк", "uk", "America/New_York"),
        ("Nowy Jork", "pl", "America/New_York"),
        ("Kyiv", "en", "Europe/Kyiv"),
        ("Kiev", "en", "Europe/Kyiv"),  # the old name (a CLDR id and an IANA link)
        ("Киев", "ru", "Europe/Kyiv"),
        ("Kijów", "pl", "Europe/Kyiv"),
        ("kijow", "pl", "Europe/Kyiv"),  # without diacritics
        ("Krakow", "en", "Europe/Warsaw"),  # a city CLDR does not name, in a one-zone country
        ("Kraków", "pl", "Europe/Warsaw"),
        ("Краків", "uk", "Europe/Warsaw"),
        ("Львів", "uk", "Europe/Kyiv"),
        ("Berlin", "pl", "Europe/Berlin"),
        ("Берлін", "uk", "Europe/Berlin"),
        ("Polska", "pl", "Europe/Warsaw"),  # a country with one zone
        ("Europe/Kyiv", "en", "Europe/Kyiv"),
        ("UTC+3", "ru", "Etc/GMT-3"),
    ],
)
def test_a_place_typed_in_any_language_is_its_zone(text, lang, zone):
    assert parse_timezone(text, lang) == zone


@pytest.mark.parametrize("text, lang", [("Канада", "uk"), ("Canada", "en"), ("Australia", "pl"), ("Бразилия", "ru")])
def test_a_place_with_several_zones_is_refused_with_cities_to_choose_from(text, lang):
    answer = parse_timezone(text, lang)
    assert isinstance(answer, Refusal)
    assert text in answer.text and t("timezone.ambiguous", lang, place=text, cities="")[:12] in answer.text
    found = places.find_zone(text, lang)
    assert found is not None and found.zone is None and len(found.zones) > 1
    assert min(places.city_name(zone, lang) for zone in found.zones) in answer.text


@pytest.mark.parametrize("text", ["Atlantis", "Мордор", "", "12345"])
def test_no_place_of_that_name_is_not_understood(text):
    assert parse_timezone(text, "en") is None


@pytest.mark.parametrize(
    "lang, kyiv, warsaw, new_york",
    [
        ("en", "Kyiv", "Warsaw", "New York"),
        ("uk", "Київ", "Варшава", "Нью-Йорк"),
        ("ru", "Киев", "Варшава", "Нью-Йорк"),
        ("pl", "Kijów", "Warszawa", "Nowy Jork"),
    ],
)
def test_city_names_in_the_customers_language(lang, kyiv, warsaw, new_york):
    assert places.city_name("Europe/Kyiv", lang) == kyiv
    assert places.city_name("Europe/Kiev", lang) == kyiv
    assert places.city_name("Europe/Warsaw", lang) == warsaw
    assert places.city_name("America/New_York", lang) == new_york
    assert places.zone_label("Europe/Kyiv", lang) == f"{kyiv} (Europe/Kyiv)"
    assert places.zone_label("Etc/GMT-2", lang) == "UTC+2" and places.zone_label("UTC", lang) == "UTC"


def test_every_name_in_the_index_is_a_zone_this_system_knows():
    from zoneinfo import ZoneInfo

    for lang in ("en", "uk", "ru", "pl"):
        for zones in places._names(lang).values():
            for zone in zones:
                ZoneInfo(zone)


# ---- quiet hours, unit level -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, quiet",
    [
        ("з 23 до 8", (23 * H, 8 * H)),
        ("від 22:30 до 7", (22 * H + 30, 7 * H)),
        ("з 11 вечора до 7 ранку", (23 * H, 7 * H)),
        ("from 11pm to 7am", (23 * H, 7 * H)),
        ("from 23 till 7", (23 * H, 7 * H)),
        ("between 10 pm and 6 am", (22 * H, 6 * H)),
        ("od 22 do 7", (22 * H, 7 * H)),
        ("od 22:00 do 06:30", (22 * H, 6 * H + 30)),
        ("с 22:00 до 08:00", (22 * H, 8 * H)),
        ("с 11 вечера до 7 утра", (23 * H, 7 * H)),
        ("с 22 ч до 8 ч", (22 * H, 8 * H)),
        ("23-8", (23 * H, 8 * H)),
        ("22:30–07:00", (22 * H + 30, 7 * H)),
        ("22.30 - 7", (22 * H + 30, 7 * H)),
        ("12am-8am", (0, 8 * H)),
        ("from 12 pm to 1pm", (12 * H, 13 * H)),
    ],
)
def test_quiet_hours_as_people_say_them(text, quiet):
    assert parse_quiet(text) == quiet


@pytest.mark.parametrize("text", ["23-23", "25-8", "from 13pm to 7am", "22:61-7", "hello", "з 23", "до 8"])
def test_quiet_hours_that_are_no_hours_are_not_understood(text):
    assert parse_quiet(text) is None


# ---- the conversation -----------------------------------------------------------------------


def buttons(message) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [b["text"] for row in markup.get("inline_keyboard", []) for b in row]


async def stored(harness) -> Customer:
    async with harness.services.sessions() as session:
        return await session.get(Customer, ANN)


async def at_timezone_step(harness, lang: str) -> dict:
    harness.user(ANN, lang=lang, name="Ann")
    await harness.say(ANN, "/start")
    await harness.press(ANN, t("scope.feedback.button", lang))
    await harness.press(ANN, t("btn.scopes_done", lang))
    replies = await harness.press(ANN, t("btn.skip", lang))  # the name
    assert replies[-1]["text"] == t("timezone.ask", lang)
    return replies[-1]


CONVERSATIONS = [
    # lang, typed place, zone, city shown, typed quiet hours, quiet stored
    ("uk", "Київ", "Europe/Kyiv", "Київ", "з 23 до 8", (23 * H, 8 * H)),
    ("ru", "Нью-Йорк", "America/New_York", "Нью-Йорк", "с 22:00 до 08:00", (22 * H, 8 * H)),
    ("pl", "Kraków", "Europe/Warsaw", "Warszawa", "od 22 do 7", (22 * H, 7 * H)),
    ("en", "Kiev", "Europe/Kyiv", "Kyiv", "from 11pm to 7am", (23 * H, 7 * H)),
    ("en", "London", "Europe/London", "London", "from 23 till 7", (23 * H, 7 * H)),
    ("uk", "Warszawa", "Europe/Warsaw", "Варшава", "23-8", (23 * H, 8 * H)),
    ("ru", "Лондон", "Europe/London", "Лондон", "22:30–07:00", (22 * H + 30, 7 * H)),
    ("pl", "Berlin", "Europe/Berlin", "Berlin", "od 23 do 7", (23 * H, 7 * H)),
]


@pytest.mark.parametrize("lang, place, zone, city, quiet_text, quiet", CONVERSATIONS)
async def test_a_city_and_quiet_hours_typed_in_the_customers_language(
    harness, lang, place, zone, city, quiet_text, quiet
):
    question = await at_timezone_step(harness, lang)
    assert places.city_name("Europe/Kyiv", lang) in buttons(question)
    assert "Europe/Kyiv" not in buttons(question)
    replies = await harness.say(ANN, place)
    label = f"{city} ({zone})"
    assert replies[0]["text"] == t("timezone.saved", lang, zone=label)
    assert replies[-1]["text"] == t("quiet.ask", lang)
    replies = await harness.say(ANN, quiet_text)
    assert replies[0]["text"] == t(
        "quiet.saved",
        lang,
        start=f"{quiet[0] // 60:02d}:{quiet[0] % 60:02d}",
        end=f"{quiet[1] // 60:02d}:{quiet[1] % 60:02d}",
    )
    customer = await stored(harness)
    assert (customer.timezone, customer.quiet_start, customer.quiet_end) == (zone, *quiet)
    await harness.restart()
    summary = (await harness.say(ANN, "/preferences"))[-1]["text"]
    assert t("prefs.timezone", lang, value=label) in summary


async def test_a_time_zone_button_shows_the_city_and_saves_the_zone(harness):
    await at_timezone_step(harness, "uk")
    await harness.press(ANN, "Варшава")
    # The question keeps its text and gains the answer (the city, with the zone).
    assert any(text.endswith(t("timezone.saved", "uk", zone="Варшава (Europe/Warsaw)")) for text in harness.texts(ANN))
    assert (await stored(harness)).timezone == "Europe/Warsaw"


async def test_a_country_with_several_zones_asks_for_the_city_and_stores_nothing(harness):
    await at_timezone_step(harness, "uk")
    replies = await harness.say(ANN, "Канада")
    assert replies[-1]["text"].startswith("«Канада»") and "Ванкувер" in replies[-1]["text"]
    assert (await stored(harness)).timezone is None
    replies = await harness.say(ANN, "Ванкувер")  # still at the step: the city is taken
    assert replies[0]["text"] == t("timezone.saved", "uk", zone="Ванкувер (America/Vancouver)")
    assert (await stored(harness)).timezone == "America/Vancouver"


async def test_an_unknown_place_is_refused_and_asked_again(harness):
    await at_timezone_step(harness, "pl")
    replies = await harness.say(ANN, "Atlantyda")
    assert replies[-1]["text"] == t("timezone.invalid", "pl")
    assert (await stored(harness)).timezone is None
