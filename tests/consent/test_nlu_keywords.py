"""Keyword rules for the critical intents, in en, uk, ru, pl: tables of cases."""

from __future__ import annotations

import pytest

from bot.consent.keywords import match_critical, scope_from_text, withdrawal_scopes
from bot.consent.scopes import SCOPES

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


# ---- what a withdrawal names (issue 15: withdrawing one thing withdraws that thing) ----------

EVERYTHING = ()

# (words, what they switch off in SCOPES order; () is everything), several phrasings per scope
# and for everything in each language.
WITHDRAWN = [
    # birthday: greetings are the birthday scope
    ("больше не присылайте мне поздравления", ("birthday",)),
    ("не поздравляйте меня больше", ("birthday",)),
    ("пожалуйста, больше не присылайте поздравления с днем рождения", ("birthday",)),
    ("не вітайте мене", ("birthday",)),
    ("не надсилайте мені привітання з днем народження", ("birthday",)),
    ("не треба мене вітати", ("birthday",)),
    ("stop sending me birthday greetings", ("birthday",)),
    ("don't congratulate me", ("birthday",)),
    ("stop greeting me", ("birthday",)),
    ("no birthday greetings please", ("birthday",)),
    ("stop all birthday messages", ("birthday",)),
    ("I don't want birthday greetings at all", ("birthday",)),
    ("nie składajcie mi życzeń", ("birthday",)),
    ("nie wysyłajcie mi życzeń urodzinowych", ("birthday",)),
    ("nie gratulujcie mi", ("birthday",)),
    # samples
    ("хватит присылать пробники", ("samples",)),
    ("не присылайте образцы", ("samples",)),
    ("досить пробників", ("samples",)),
    ("не надсилайте мені зразки", ("samples",)),
    ("no more free samples", ("samples",)),
    ("stop sending me all these samples", ("samples",)),
    ("nie wysyłajcie mi próbek", ("samples",)),
    ("przestańcie wysyłać próbki", ("samples",)),
    # feedback
    ("не просите меня об отзывах", ("feedback",)),
    ("не хочу больше никаких опросов", ("feedback",)),
    ("опросы больше не нужны", ("feedback",)),
    ("не питайте відгуків", ("feedback",)),
    ("без опитувань", ("feedback",)),
    ("stop asking me for feedback", ("feedback",)),
    ("no more surveys", ("feedback",)),
    ("nie pytajcie mnie o opinie", ("feedback",)),
    ("żadnych ankiet", ("feedback",)),
    # offers / news
    ("отпишите меня от новостей и скидок", ("offers",)),
    ("уберите рекламу", ("offers",)),
    ("не хочу більше знижок", ("offers",)),
    ("відпишіть мене від акцій", ("offers",)),
    ("unsubscribe me from the newsletter", ("offers",)),
    ("no ads", ("offers",)),
    ("wypisz mnie z newslettera", ("offers",)),
    ("nie chcę ofert", ("offers",)),
    # tracking
    ("не відстежуйте мене", ("tracking",)),
    ("stop tracking me", ("tracking",)),
    # several named: exactly those
    ("stop sending me samples and offers", ("samples", "offers")),
    ("stop sending samples, offers and surveys", ("samples", "feedback", "offers")),
    ("no more samples or surveys", ("samples", "feedback")),
    ("хватит присылать скидки и опросы", ("feedback", "offers")),
    ("ни скидок, ни опросов больше не надо", ("feedback", "offers")),
    ("перестаньте слать поздравления и пробники", ("birthday", "samples")),
    ("не надсилайте зразки та знижки", ("samples", "offers")),
    ("nie chcę ofert ani ankiet", ("feedback", "offers")),
    ("nie chcę już życzeń ani próbek", ("birthday", "samples")),
    # an interjection beside named scopes adds nothing ("no birthday greetings, stop!")
    ("не вітайте мене з днем народження, стоп", ("birthday",)),
    ("no more surveys, please stop", ("feedback",)),
    # a sentence that does not withdraw names nothing to withdraw
    ("Thanks for the samples. But stop sending birthday greetings", ("birthday",)),
    ("Дякую за зразки! Але не вітайте мене", ("birthday",)),
    # everything: no scope named, everything named, messages in general, a scopeless request
    ("stop", EVERYTHING),
    ("не пишіть мені", EVERYTHING),
    ("не пишите мне", EVERYTHING),
    ("nie piszcie do mnie", EVERYTHING),
    ("unsubscribe me from everything", EVERYTHING),
    ("відпишіть мене від усього", EVERYTHING),
    ("хочу отписаться от всего", EVERYTHING),
    ("wypisz mnie ze wszystkiego", EVERYTHING),
    ("stop sending me samples and everything else", EVERYTHING),
    ("stop sending me offers, and stop everything else too", EVERYTHING),
    ("no more samples and no messages at all", EVERYTHING),
    ("не присылайте мне сообщения и поздравления", EVERYTHING),
    ("nie wysyłajcie mi wiadomości ani życzeń", EVERYTHING),
    ("не пишіть мені, але вітайте з днем народження", EVERYTHING),
    ("Stop. No more birthday greetings.", EVERYTHING),
    ("leave me alone, no more samples", EVERYTHING),
    ("nie chcę już żadnych wiadomości", EVERYTHING),
    ("отзываю согласие", EVERYTHING),  # "отзываю" (I revoke) is no review
]


@pytest.mark.parametrize("text,scopes", WITHDRAWN)
def test_a_withdrawal_switches_off_what_it_names(text, scopes):
    parse = match_critical(text)
    assert parse is not None and parse.intent == "opt_out", text
    assert withdrawal_scopes(text) == scopes, text
    # The parse carries the scope only when exactly one is named.
    assert parse.entities == ({"scope": scopes[0]} if len(scopes) == 1 else {}), text


@pytest.mark.parametrize(
    "text",
    [
        "no samples arrived yet",
        "the samples are not needed",
        "no, birthday greetings are fine",
        "Congratulations on the new shop!",
        "please greet me on my birthday",
        "вітаю! дякую за зразки",
        "отзываюсь о вас хорошо",
        "wszystkiego najlepszego",
    ],
)
def test_words_about_scopes_that_do_not_withdraw(text):
    parse = match_critical(text)
    assert parse is None or parse.intent != "opt_out", text


def _nlu_examples(intent: str):
    """(text, annotated scope values) of every example of `intent` in the NLU data and test split."""
    import re
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[2] / "nlu"
    entity = re.compile(r"\[([^\]]+)\]\((\w+)\)")
    for path in sorted((root / "data").glob("*.yml")) + [root / "tests" / "test_data.yml"]:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            if item.get("intent") != intent:
                continue
            for line in item["examples"].splitlines():
                if line.strip().startswith("- "):
                    raw = line.strip()[2:]
                    scopes = [value for value, name in entity.findall(raw) if name == "scope"]
                    yield entity.sub(r"\1", raw), scopes


def test_the_rules_name_the_scopes_the_nlu_data_annotates():
    """The keyword rules and the model's training agree on what each withdrawal names: an
    annotated scope is what the rules switch off; no annotation is everything, except the verbs
    of tracking, which name their scope ("не відстежуйте мене")."""
    tracking_verbs = {"не відстежуйте мене", "не отслеживайте меня", "nie śledźcie mnie"}
    examples = list(_nlu_examples("opt_out"))
    assert len(examples) > 200
    for text, annotated in examples:
        want = tuple(s for s in SCOPES if s in {scope_from_text(v) for v in annotated})
        if text in tracking_verbs:
            want = ("tracking",)
        if match_critical(text) is not None:
            assert withdrawal_scopes(text) == want, text
