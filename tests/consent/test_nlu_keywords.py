"""Keyword rules for the critical intents, in en, uk, ru, pl: tables of cases."""

from __future__ import annotations

import pytest

from bot.consent.keywords import match_critical, scope_from_text

OPT_OUT_ALL = [
    # en
    "stop",
    "STOP!!",
    "Stop.",
    "stop pls",
    "stooop",
    "unsubscribe",
    "Unsubscribe me please",
    "opt out",
    "leave me alone",
    "don't message me",
    "do not contact me",
    "no more messages",
    "remove me from the list",
    "cancel my subscription",
    "no, stop",
    "I withdraw my consent",
    "stop samples and offers",
    # uk
    "не пишіть мені",
    "Не пиши мені!",
    "відпишіть",
    "відпишіть мене",
    "хочу відписатися",
    "стоп",
    "досить",
    "годі",
    "не надсилайте нічого",
    "припиніть писати",
    "ne pyshit meni",
    "vidpyshit mene",
    # ru
    "не пиши мне",
    "не пишите мне больше",
    "отпишись",
    "отпишите меня",
    "хватит",
    "Хватит!!!",
    "хватит писать",
    "не присылайте ничего",
    "не беспокойте меня",
    "отпишите от рассылки",
    "otpishite",
    "ne pishi mne",
    "hvatit",
    # pl
    "wypisz mnie",
    "Wypiszcie mnie!",
    "nie piszcie",
    "nie piszcie do mnie",
    "przestańcie",
    "dość",
    "chcę się wypisać",
    "rezygnuję",
    "nie wysyłajcie mi nic",
    "przestancie pisac",
]

OPT_OUT_SCOPED = [
    ("stop samples", "samples"),
    ("stop sending me samples", "samples"),
    ("no more promotions", "offers"),
    ("I don't want offers", "offers"),
    ("don't want your newsletter", "offers"),
    ("stop asking for feedback", "feedback"),
    ("stop tracking me", "tracking"),
    ("no birthday greetings please, stop", "birthday"),
    ("не надсилайте зразки", "samples"),
    ("досить пробників", "samples"),
    ("не хочу акцій", "offers"),
    ("не вітайте з днем народження, стоп", "birthday"),
    ("не хочу опитувань", "feedback"),
    ("хватит акций", "offers"),
    ("не присылайте пробники", "samples"),
    ("не хочу скидок", "offers"),
    ("хватит просить отзывы", "feedback"),
    ("отключите отслеживание, стоп", "tracking"),
    ("przestańcie wysyłać próbki", "samples"),
    ("nie chcę promocji", "offers"),
    ("dość ankiet", "feedback"),
    ("wypisz mnie z urodzin", "birthday"),
    ("nie wysylajcie probek", "samples"),
]

FORGET = [
    "forget me",
    "Forget about me!",
    "delete my data",
    "please delete all my data",
    "erase my account",
    "right to be forgotten",
    "забудь мене",
    "забудьте про мене",
    "видаліть мої дані",
    "зітріть мій профіль",
    "видаліть усі мої дані",
    "забудь меня",
    "удалите мои данные",
    "сотрите мой профиль",
    "удалите все мои данные",
    "zabud menya",
    "zapomnij mnie",
    "usuń moje dane",
    "usun moje dane",
    "skasujcie moje konto",
    "usuńcie wszystkie moje dane",
]

HELP = [
    "help",
    "HELP!!",
    "I need help",
    "what can you do",
    "how does this work",
    "допомога",
    "допоможіть",
    "що ти вмієш",
    "помощь",
    "помогите!",
    "что ты умеешь",
    "pomogite",
    "pomoc",
    "pomocy",
    "pomóż mi",
    "jak to działa",
]

NOTHING = [
    # asking for something is never a withdrawal
    "send me samples",
    "I want offers",
    "subscribe me",
    "yes please",
    "hello",
    "thanks",
    "надсилайте мені зразки",
    "хочу підписатися",
    "присылайте пробники",
    "подпишите меня",
    "wysyłajcie próbki",
    "zapisz mnie",
    # a negated withdrawal is not one
    "I don't want to stop",
    "don't stop",
    "please don't unsubscribe me",
    "nie chcę się wypisać",
    # harmless meanings of "enough" / "quite"
    "досить смачна кава",
    "одной банки хватит на месяц",
    "enough for me, the cream is great",
    # data questions are not erasure
    "what do you know about me",
    "покажіть мої дані",
    "pokaż moje dane",
    "delete the last message",
    "",
]


# Withdrawals that need more than a single keyword (checked with the NLU down).
OPT_OUT_MORE = [
    ("turn off notifications", None),
    ("disable newsletter", "offers"),
    ("вимкніть розсилку", None),
    ("выключите рассылку", None),
    ("wyłączcie powiadomienia", None),
    ("вимкніть відстеження", "tracking"),
    ("don't track me", "tracking"),
    ("не отслеживайте меня", "tracking"),
    ("nie śledźcie mnie", "tracking"),
    ("don't congratulate me on my birthday", "birthday"),
    ("не вітайте мене з днем народження", "birthday"),
    ("не поздравляйте с днем рождения", "birthday"),
    ("не питайте відгуків", "feedback"),
    ("не просите отзывы", "feedback"),
    ("nie pytajcie o opinie", "feedback"),
    ("уберите рекламу", "offers"),
    ("usuńcie mnie z listy", None),
    ("удалите меня из рассылки пожалуйста", None),
    ("cease all messages", None),
    ("halt the messages", None),
    ("quit it", None),
    ("prekratite pisat", None),
    ("i want out", None),
    ("chcę zrezygnować z subskrypcji", None),
    ("mam dość promocji", "offers"),
    ("i'm not interested in your messages", None),
    ("stop it now please", None),
    ("не пишіть мені більше", None),
    ("nie piszcie do mnie już", None),
]


@pytest.mark.parametrize("text,scope", OPT_OUT_MORE)
def test_more_ways_to_withdraw(text, scope):
    parse = match_critical(text)
    assert parse is not None and parse.intent == "opt_out", text
    assert parse.entities.get("scope") == scope, text


# What customers write at a dialogue step (a name, a date, a feedback comment) is not a withdrawal,
# even when it holds a withdrawal word in a harmless meaning: the rules run before every step.
STEP_ANSWERS = [
    # names, dates, zones, quiet hours
    "Ostap",
    "Остап",
    "Стопа",
    "Stefania",
    "Stoppard",
    "12 травня",
    "3 marca 1990",
    "4 мая",
    "May 4",
    "Europe/Warsaw",
    "UTC+2",
    "22-08",
    "22:30-07:00",
    # en comments
    "Please stop using plastic",
    "stop-motion ad was fun",
    "I stopped by the shop, nice staff",
    "Quit smoking thanks to you",
    "don't send the blue one next time",
    "Don't stop the music",
    "I want out of this cold weather",
    "no complaints",
    "Not bad, enough for a month",
    # uk
    "Не пишу відгуків зазвичай, але кава чудова",
    "Не пишіть так дрібно на упаковці",
    "Припиніть класти пластик",
    "Стоп-кран не працює",
    "вимкніть музику в магазині",
    "Годі й казати, супер",
    "досить гірко",
    # ru
    "Не пишите так мелко на упаковке",
    "Прекратите класть пластик",
    "уберите сахар из рецепта",
    "это не спам",
    "Не присылайте синий, он не понравился",
    "не беспокойтесь, всё хорошо",
    "хватит на месяц, спасибо",
    # pl
    "nie piszcie tak małą czcionką",
    "Przestańcie pakować w plastik",
    "Przestało działać po tygodniu",
    "wyłączcie muzykę w sklepie",
    "nie przysyłają na czas",
    "Mam dość dużo kawy",
    "Dość drogie, ale dobre",
]


@pytest.mark.parametrize("text", STEP_ANSWERS)
def test_step_answers_and_comments_are_no_withdrawal(text):
    parse = match_critical(text)
    assert parse is None or parse.intent == "help", (text, parse)


@pytest.mark.parametrize("text", OPT_OUT_ALL)
def test_opt_out_without_scope_means_everything(text):
    parse = match_critical(text)
    assert parse is not None and parse.intent == "opt_out", text
    assert parse.entities == {}
    assert parse.source == "keywords" and parse.confidence == 1.0


@pytest.mark.parametrize("text,scope", OPT_OUT_SCOPED)
def test_opt_out_with_scope(text, scope):
    parse = match_critical(text)
    assert parse is not None and parse.intent == "opt_out", text
    assert parse.entities == {"scope": scope}


@pytest.mark.parametrize("text", FORGET)
def test_forget_me(text):
    parse = match_critical(text)
    assert parse is not None and parse.intent == "forget_me", text


@pytest.mark.parametrize("text", HELP)
def test_help(text):
    parse = match_critical(text)
    assert parse is not None and parse.intent == "help", text


@pytest.mark.parametrize("text", NOTHING)
def test_no_critical_intent(text):
    assert match_critical(text) is None, text


def test_withdrawal_comes_before_erasure():
    assert match_critical("stop messaging me and delete my data").intent == "opt_out"


@pytest.mark.parametrize(
    "text,scope",
    [
        ("send me samples", "samples"),
        ("I'd like birthday greetings", "birthday"),
        ("зразки", "samples"),
        ("хочу отримувати знижки", "offers"),
        ("поздравьте с днём рождения", "birthday"),
        ("хочу пробники", "samples"),
        ("chcę dostawać próbki", "samples"),
        ("zgadzam się na śledzenie", "tracking"),
        ("urodziny", "birthday"),
        ("опросы", "feedback"),
        ("promocje", "offers"),
        ("feedback", "feedback"),
        ("good deals", "offers"),
        ("hello", None),
        ("samples and offers", None),
        ("an ideal wholesale idea", None),
        ("", None),
    ],
)
def test_scope_from_text(text, scope):
    assert scope_from_text(text) == scope
