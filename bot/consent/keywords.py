"""Keyword rules for the intents that must never be missed: opt_out, forget_me, help.

They run on every message, with or without the Rasa server, in en, uk, ru and pl
(Cyrillic and Latin transliteration). A withdrawal in words takes effect at once
(the consent rules, docs/architecture.md), so these rules, not the model, have the last word on it.

Choices, on purpose:
- Matching is on a folded form: lower case, ё→е, Polish letters without diacritics
  (ą→a, ł→l, ś→s ...), apostrophes dropped (don't → dont), letters repeated three times or
  more squeezed (stooop → stop), punctuation split into clauses.
- A "positive" withdrawal word (stop, unsubscribe, відпишіть, отпишитесь, wypisz, хватит ...)
  does not count when a negation (don't, not, never, can't, не, nie, ne) stands at most three
  words before it in the same clause: "don't stop", "I don't want to unsubscribe", "nie chcę się
  wypisać". "No, stop" still withdraws: a bare "no" is not a negation of the verb. Rules that are
  themselves negations ("не пишіть мені", "nie piszcie", "don't message me") need no such check.
- Words that also mean something harmless need context: "досить" (also "quite" in Ukrainian),
  "хватит" ("enough [for a month]"), "dość", "enough" count only alone at the start of a clause
  or before a scope word or a word for messages.
- "no more X", "don't want X", "не хочу X", "nie chcę X" withdraw only when X is a scope word
  or a word for messages ("I don't want to stop" is not a withdrawal).
- The rules run before every dialogue step (bot/consent/withdrawal.py), so a feedback comment or a
  name must not trip them. Verbs with harmless meanings (stop, quit, стоп, припиніть,
  прекратите, przestańcie) and negated requests ("не пишіть", "nie piszcie", "don't send")
  withdraw only when what follows them in the clause is nothing, words like "me", "now",
  "please", "більше", "do mnie", or is about messages or a scope: "stop it", "не пишіть мені
  більше" withdraw; "please stop using plastic", "stop-motion", "не пишите так мелко на
  упаковке", "don't send the blue one" do not. Negated requests are imperatives only: "не пишу
  відгуків" (I do not write reviews) is no request. Switching off ("turn off", "вимкніть",
  "wyłączcie") and not greeting or asking ("не вітайте", "nie pytajcie") need a scope or messages.
- A withdrawal switches off what it names (`withdrawal_scopes`): the scopes named in each
  sentence that withdraws ("no more samples, offers and surveys" names three). It means
  everything when a withdrawing sentence names no scope ("stop", "не пишіть мені"), when one of
  its clauses withdraws without naming a scope and is more than an interjection ("не пишіть
  мені, але вітайте з днем народження" is everything; "no birthday greetings, stop!" is not),
  or when a part of it is about messages in general or everything ("samples and all the rest",
  "пробники и вообще сообщения", "wszystko"; "all birthday messages" names birthday). In doubt
  the customer's side wins: more is withdrawn, never less. Generic words for a mailing
  ("розсилка", "рассылка", "mailing") name no scope. `scope_from_text` (one scope or None) stays
  for asking to allow a scope.
- Greetings are the birthday scope ("больше не присылайте мне поздравления", "не вітайте мене",
  "nie składajcie mi życzeń"); "отзываю" (I revoke) is no review (отзыв).
- opt_out is checked before forget_me: "stop and delete my data" withdraws at once; erasure
  needs its own confirmation anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from bot.consent.scopes import SCOPES


@dataclass(frozen=True)
class Parse:
    """What a message means: the intent, its confidence, the first value of each entity
    (scope normalised to a scope name) and who said so: the Rasa model or the keyword rules."""

    intent: str
    confidence: float
    entities: dict[str, str] = field(default_factory=dict)
    source: Literal["nlu", "keywords"] = "nlu"


# The intent of a text the model does not understand (Rasa's FallbackClassifier, nlu/config.yml).
FALLBACK_INTENT = "nlu_fallback"


_POLISH = str.maketrans("ąćęłńóśźż", "acelnoszz")

# Stems (on the folded text) that name each scope; matched at the start of a word.
SCOPE_STEMS: dict[str, tuple[str, ...]] = {
    "birthday": (
        "birthday",
        "bday",
        "b-day",
        "день народж",
        "дня народж",
        "днем народж",
        "днi народж",
        "день рожд",
        "дня рожд",
        "днем рожд",
        "ко дню рожд",
        "urodzin",
        "den narodzh",
        "den rozhd",
        "dnem rozhd",
        "dnia narodzh",
        "greeting",
        "congratulat",
        "поздравлени",
        "поздравительн",
        "привітан",
        "вітан",
        "вітальн",
        "zyczen",
        "gratulacj",
        "pozdravlen",
        "pryvitann",
        "vitann",
    ),
    "samples": (
        "sample",
        "freebie",
        "tester",
        "зразк",
        "пробник",
        "образц",
        "образч",
        "probk",
        "probek",
        "probnik",
        "probnyk",
        "zrazk",
        "obrazc",
        "obrazts",
    ),
    "feedback": (
        "feedback",
        "survey",
        "review",
        "questionnaire",
        "відгук",
        "опитуван",
        "отзыв",
        "опрос",
        "opini",
        "ankiet",
        "otzyv",
        "vidguk",
        "vidhuk",
        "opros",
    ),
    "offers": (
        "offer",
        "deal",
        "promo",
        "newsletter",
        "discount",
        "news",
        "sale",
        "ads",
        "advert",
        "акці",
        "акци",
        "пропозиц",
        "знижк",
        "новин",
        "реклам",
        "предложени",
        "скидк",
        "скидок",
        "знижок",
        "новост",
        "promocj",
        "ofert",
        "rabat",
        "nowosc",
        "reklam",
        "akci",
        "akcii",
        "skidk",
        "znyzhk",
        "novost",
    ),
    "tracking": ("track", "analytics", "відстеж", "трекін", "отслеж", "трекин", "sledz", "sledzen", "otslezh"),
}
# "ads" / "news" / "deal" / "sale" are whole words only: "adsorb", "newspaper"... would not match
# anyway, but "ideal" or "wholesale" must not.
_WHOLE_WORD = {"ads", "news", "deal", "sale"}
# Words a stem would take for a scope but that mean something else: "отзываю согласие" (I revoke
# my consent) is no review ("отзыв").
_NOT_A_SCOPE = re.compile(r"(отзыва|otzyva)(ю|ет|ем|ешь|ете|ть|й|л|yu|et|em|t|j|l)")
# Asking not to be greeted is about the birthday greeting ("не вітайте мене", "don't greet me").
_GREETING_VERB = re.compile(
    r"\b(greet|greets|(при)?віта(й|йте|ти)|поздрав(ляй|ляйте|лять|ьте)|gratuluj(cie)?|pozdravl\w*|"
    r"(pry)?vita(j|jte|ity|ty))\b"
)

_MESSAGES = (
    r"(messag\w*|texts?|emails?|spam\w*|notification\w*|anything|повідомлен\w*|сповіщен\w*|"
    r"спам\w*|листів|сообщени\w*|уведомлен\w*|писем|wiadomosc\w*|powiadomien\w*|maili|spamu|"
    r"povidomlen\w*|soobshchen\w*|soobshen\w*|nichogo|nichego|нічого|ничего|nic|"
    r"розсилк\w*|рассылк\w*|mailing\w*|subscription\w*|підписк\w*|подписк\w*|subskrypcj\w*)"
)

_NEGATORS = {"dont", "not", "never", "cant", "cannot", "wont", "doesnt", "didnt", "не", "nie", "ne", "ни", "ні"}


def fold(text: str) -> str:
    """Lower case, ё→е, Polish letters without diacritics, no apostrophes, long repeats squeezed."""
    s = text.lower().replace("ё", "е").translate(_POLISH)
    s = re.sub(r"['’`ʼ]", "", s)
    return re.sub(r"(\w)\1{2,}", r"\1", s)


def _clauses(text: str) -> list[str]:
    """The folded text split at punctuation, each clause with single spaces."""
    parts = re.split(r"[.,;:!?()\[\]{}\"«»„“”…/\\|+*=<>~#@$%^&_]+|\s[-–—]+\s|^[-–—]+|[-–—]+$", fold(text))
    return [" ".join(p.split()) for p in parts if p.strip()]


def _scope_in(clause: str) -> set[str]:
    found = set()
    words = [w for w in clause.split() if not _NOT_A_SCOPE.match(w)]
    padded = " " + " ".join(words)
    for scope, stems in SCOPE_STEMS.items():
        for stem in stems:
            if stem in _WHOLE_WORD:
                if stem in words or (stem + "s") in words:
                    found.add(scope)
            elif " " in stem:
                if " " + stem in padded:
                    found.add(scope)
            elif any(w.startswith(stem) for w in words):
                found.add(scope)
    # A bare "др" (день народження / день рождения) only as its own word.
    if "др" in words or _GREETING_VERB.search(clause):
        found.add("birthday")
    return found


def scope_from_text(text: str) -> str | None:
    """The one permission scope the text names, in any of the four languages; None for none or several."""
    found: set[str] = set()
    for clause in _clauses(text):
        found |= _scope_in(clause)
    return found.pop() if len(found) == 1 else None


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


# Withdrawal words that a preceding negation cancels ("don't stop").
_OPT_OUT_POSITIVE = _rx(
    r"\b(unsubscrib\w*|unsubscib\w*|unsubscribe|unsub|opt ?out|optout|opt-out)\b",
    r"\b(cancel|end) (my |the )?subscription\b",
    r"\b(remove|take|get) me (from|off)\b",
    r"\b(remove|drop) me$",
    r"\bi want out$",
    r"\b(withdraw|revoke|retract)\w* (my |the |all )?(consent|permission)",
    r"\bleave me alone\b",
    r"\b(quit|cease|halt) (messag|send|writ|text|email|spam|contact)\w*",
    r"\bвідпиш\w*|\bвідписат\w*|\bвідписуй(те)?ся\b",
    r"\bприпин\w* (писат|надсилат|розсилк|спам)\w*",
    r"\bперестан\w* (писат|надсилат|присылат|слать|спам)\w*",
    r"\bвідкликаю\b|\bотзываю\b|\bcofam\b",
    r"\bотпиш\w*|\bотписат\w*|\bотписыва\w*ся\b",
    r"\bпрекрат\w* (писат|присылат|слать|рассылк|спам)\w*",
    r"\bwypisz\w*|\bwypisac\b|\bwypisania\b|\bodsubskryb\w*|\bz?rezygn(uj\w*|owac)\b",
    r"\b(usun\w*|wypiszcie|skresl\w*) (mnie|nas) z\b",
    r"\b(удалит|уберит|исключит)\w* меня из\b",
    r"\b(видаліт|приберіт|виключіт)\w* мене з\b",
    r"\b(otpish\w*|otpisat\w*|vidpysh\w*|vidpysat\w*|vidpish\w*)\b",
    r"\b(khvatit|dosyt|dosit)\b",
)

# Withdrawal words that also have harmless meanings ("stop using plastic", "stop-motion",
# "przestańcie pakować w plastik", "припиніть класти пакети"): they withdraw when nothing
# follows them in the clause but words like "it", "now", "please", "me", or when what follows
# is about messages or names a scope. A preceding negation cancels them too.
_OPT_OUT_BARE = _rx(
    r"\b(stop|stopp|stahp|quit|cease|halt)\b",
    r"\bстоп\b",
    r"\bприпиніть\b",
    r"\bпрекратите\b",
    r"\bперестаньте\b",
    r"\bprzestan\w*",
    r"\b(prekrati\w*|prypynit\w*|hvatit)\b",
)

# Switching off, disabling, asking not to track or greet: withdrawals only about messages or a scope.
_OPT_OUT_OFF = _rx(
    r"\b(turn|switch|shut) (it |them |that |this |these |all )?off\b",
    r"\b(disable|deactivate|mute)\b",
    r"\bвимкн\w*|\bвідключ\w*|\bотключ\w*|\bвыключ\w*|\bwylacz\w*",
    r"\b(remove|уберите|приберіть|usuncie)\b",
)

# Negated requests to message: already a "don't", no further check of a negation; what follows
# the verb must be about the customer, messages or a scope, or nothing ("не пишіть мені",
# "nie piszcie do mnie", "don't message me"; not "don't send the blue one", "не пишите так мелко
# на упаковке"). Only the imperative: "не пишу відгуків" (I do not write reviews) is no request.
_OPT_OUT_NEGATIVE = _rx(
    r"\b(dont|do not|never|please dont|pls dont) (message|text|write|contact|email|send|spam|bother|msg|"
    r"track|follow)\w*",
    r"\bне (пиш(и|іть|ить|ите)|писат[иь]|надсилай(те)?|надішл(и|іть)|турбуй(те)?|присилай(те)?|"
    r"пришли(те)?|присылай(те)?|отправляй(те)?|беспокой(те)?|спам(ь|те|ьте)|шли(те)?|слать|"
    r"тревожь(те)?|відстежуй(те)?|отслеживай(те)?|стеж(те|те за)|следите)\b",
    r"\bбільше не (пиш|надсила)\w*|\bбольше не (пиш|присыла)\w*",
    r"\bnie (pisz|przysylaj|wysylaj|spamuj|zawracaj|kontaktuj|sledz)(cie|my)?\b",
    r"\bne (pysh\w*|pish\w*|nadsyl\w*|prysyl\w*|prisyl\w*|pyshy\w*|pishy\w*)",
)
_OPT_OUT_NEGATIVE_PLAIN = _rx(
    r"\bне (треба|надо|нужно) (мені |мне )?(писат|надсилат|присылат|слат)\w*",
    r"\bne (nado|treba) (pisat|pysaty|mne pisat)\w*",
)
# Negated requests that withdraw only about a scope: greeting (birthday), asking (feedback).
_OPT_OUT_NEGATIVE_SCOPE = _rx(
    r"\b(dont|do not|never|please dont) (congratulat|greet|wish|ask|request|remind)\w*",
    r"\bне (вітай(те)?|поздравляй(те)?|питай(те)?|просі?ть|просите|спрашивай(те)?|запитуй(те)?)\b",
    r"\bnie (skladaj(cie)?|pytaj(cie)?|proscie|pros|gratuluj(cie)?)\b",
)

# Words that withdraw only alone at the start of a clause or in front of a scope or messages.
_OPT_OUT_CONTEXT = re.compile(
    r"^(?:(?:ну|ну все|все|уже|already|ok|ok,)\s)?"
    r"(enough|досить|годі|хватит|dosc|wystarczy|koniec|basta|hvatit)\b(.*)$"
)

# "no more X", "don't want X": a withdrawal when X names a scope or messages.
_OPT_OUT_WANT = re.compile(
    r"\b(no more|dont want|do not want|no longer want|dont need|не хочу|не треба|не надо|не нужно|не нужны|"
    r"більше не треба|больше не надо|nie chce|nie potrzebuje|koniec z|без|bez|никаких|жодних|zadnych|"
    r"не потрібно|не потрібні|ne hochu|ne khochu|ne hochu bolshe|mam dosc|mam juz dosc|"
    r"not interested in|no interest in|не цікавлять|не интересуют|nie interesuj\w*)\b(.*)$"
)

# "no ads", "no birthday greetings": "no" and nothing but scope words, messages and fillers
# ("no samples arrived yet" is no withdrawal).
_OPT_OUT_NO = re.compile(r"^(?:no|nope) (.+)$")
# "[of] surveys? no longer needed", "опросов больше не надо": what is not needed comes first.
_OPT_OUT_NOT_NEEDED = re.compile(
    r"^(.+?) (?:больше |більше |już |juz |any ?more )?(не надо|не нужно|не нужны|не треба|не потрібно|не потрібні|"
    r"nie trzeba|nie potrzeba|nie potrzebuje|not needed|no longer needed)$"
)

_HELP = _rx(
    r"\bhelp\b",
    r"\bwhat can you do\b",
    r"\bhow does (this|it) work\b",
    r"^(menu|commands|support)$",
    r"\bдопомо\w*|\bдопоможи\w*",
    r"\bщо (ти )?вмієш\b",
    r"\bяк це працює\b",
    r"\bпомо(щь|щи|ги|гите)\b",
    r"\bчто (ты )?умеешь\b",
    r"\bкак это работает\b",
    r"^меню$",
    r"\bpomoc\w*",
    r"\bpomoz\w*",
    r"\bco umiesz\b",
    r"\bjak to dziala\b",
    r"\b(pomogi\w*|pomosh\w*|pomoshch\w*|dopomog\w*|dopomoh\w*)\b",
)

_FORGET_DIRECT = _rx(
    r"\bforget (me|about me|my data)\b",
    r"\bright to be forgotten\b",
    r"\bgdpr (delete|erase)\b",
    r"\bзабуд\w* (мене|про мене)\b",
    r"\bзабуд\w* (меня|обо мне|про меня)\b",
    r"\bzapomnij\w* (mnie|o mnie)\b",
    r"\bprawo do bycia zapomnianym\b",
    r"\bzabud\w* (mene|menya|pro mene|obo mne)\b",
    r"\b(my|all my) (data|info\w*|account|profile|details) (deleted|erased|removed|wiped)\b",
)
_ERASE_VERB = re.compile(
    r"\b(delete|erase|remove|wipe|destroy|purge|видал\w*|зітр\w*|стер\w*|знищ\w*|"
    r"удал\w*|сотр\w*|уничтож\w*|usun\w*|skasuj\w*|wymaz\w*|wykasuj\w*|"
    r"udali\w*|vydal\w*|sotri\w*)$"
)
_ERASE_OBJECT = re.compile(
    r"^(data|info\w*|account|profile|details|everything|all|дані|даних|профіл\w*|"
    r"інформаці\w*|информаци\w*|informacj\w*|"
    r"акаунт\w*|обліков\w*|все|усе|всі|усі|данные|данных|профил\w*|аккаунт\w*|учетн\w*|"
    r"всё|dane|danych|konto|profil\w*|wszystko|dani|dannye|dannyh|akkaunt)$"
)
_ERASE_OWNER = re.compile(r"\b(my|me|мої|моє|мій|мене|мои|мой|мое|меня|мне|moje|moj|mnie|moi|moe)\b")


def _negated(clause: str, start: int) -> bool:
    before = clause[:start].split()[-3:]
    return any(w in _NEGATORS for w in before)


def _mentions_object(rest: str) -> bool:
    return (
        bool(_scope_in(rest))
        or bool(re.search(r"\b" + _MESSAGES + r"\b", rest))
        or bool(
            re.search(
                r"\b(писат\w*|надсилат\w*|присылат\w*|слать|спам\w*|pisac|wysylac|sending|writing|"
                r"messaging|texting|pisat|pysaty)\b",
                rest,
            )
        )
    )


# Words that may stand between a withdrawal verb and the end of its clause ("stop it now
# please", "не пишіть мені більше", "nie piszcie do mnie już").
_FILLERS = frozenset(
    """
    it this that these those now right away immediately please pls plz all everything already the bot me us
    stop just here again ever anymore any more at once for good forever thanks thank you ok okay then today
    asap guys man
    це цього цей ці все усе вже будь ласка будь-ласка зараз негайно мені мене нам нас тут сюди стоп бот
    більше взагалі ніколи назавжди дякую ну прошу
    это этого этот эти все уже пожалуйста сейчас немедленно мне меня нам нас тут сюда стоп бот больше вообще
    никогда навсегда спасибо ну прошу
    to tego wszystko juz prosze teraz natychmiast mi mnie nam nas do tu tutaj stop bot bocie wiecej nigdy
    dziekuje na zawsze ze mna sie z wami
    meni mne mene menya bilshe bolshe pozhaluysta bud laska
""".split()
)


_LIST_WORDS = _FILLERS | {"no", "ни", "ні", "ani", "any", "of", "your", "more", "от", "від", "z"}


def _about_messages(rest: str) -> bool:
    """What follows a withdrawal verb: nothing, words like "me", "now", "please", or messages or a scope."""
    words = [w.strip("-") for w in rest.split()]
    if rest[:1] == "-":  # a compound: "stop-motion", "стоп-кран"
        return False
    return all(w in _FILLERS for w in words) or _mentions_object(rest)


def _is_opt_out(clause: str) -> bool:
    if _OPT_OUT_NEGATIVE_PLAIN.search(clause):
        return True
    for m in _OPT_OUT_NEGATIVE.finditer(clause):
        if _about_messages(clause[m.end() :]):
            return True
    for m in _OPT_OUT_NEGATIVE_SCOPE.finditer(clause):
        if _scope_in(clause[m.start() :]):
            return True
    for m in _OPT_OUT_POSITIVE.finditer(clause):
        if not _negated(clause, m.start()):
            return True
    for m in _OPT_OUT_BARE.finditer(clause):
        if not _negated(clause, m.start()) and _about_messages(clause[m.end() :]):
            return True
    for m in _OPT_OUT_OFF.finditer(clause):
        if not _negated(clause, m.start()) and _mentions_object(clause[m.end() :]):
            return True
    alone = _OPT_OUT_CONTEXT.match(clause)
    if alone and (not alone.group(2).strip() or _mentions_object(alone.group(2))):
        return True
    want = _OPT_OUT_WANT.search(clause)
    if want and _mentions_object(want.group(2)):
        return True
    listed = _OPT_OUT_NO.match(clause) or _OPT_OUT_NOT_NEEDED.match(clause)
    return listed is not None and _only_scopes(listed.group(1))


def _only_scopes(words: str) -> bool:
    """Scope words and nothing else but fillers ("birthday greetings", "ни опросов")."""
    return bool(_scope_in(words)) and all(w in _LIST_WORDS or _scope_in(w) for w in words.split())


def _is_forget(clause: str) -> bool:
    if _FORGET_DIRECT.search(clause):
        return True
    words = clause.split()
    for i, w in enumerate(words):
        if _ERASE_VERB.match(w):
            tail = words[i + 1 : i + 6]
            if any(_ERASE_OBJECT.match(t) for t in tail) and (
                _ERASE_OWNER.search(" ".join(tail))
                or any(t in ("everything", "all", "всё", "все", "wszystko") for t in tail)
            ):
                return True
    return False


# ---- what a withdrawal names ---------------------------------------------------------------

# Words for everything: pronouns always ("everything", "ничего", "wszystko"); quantifiers ("all",
# "все", "wszystkie") unless a scope word follows within three words ("all birthday messages",
# "все поздравления") or they mean "at all".
_EVERYTHING = frozenset(
    "everything anything nothing всего всього усього ничего нічого wszystko wszystkiego nic niczego "
    "vsego vsogo nichego nichogo".split()
)
_ALL = frozenset("all все усе всі усі всех wszystkie wszystkich vse vsi usi".split())
# Parts of a clause joined by "and", "or", "nor" ("samples and offers", "ни скидок, ни опросов").
_CONJUNCTION = re.compile(
    r"\b(?:and|or|nor|also|plus|as well as|і|й|та|або|чи|а також|и|или|а также|ни|ні|i|oraz|lub|albo|ani|"
    r"a takze|tez|также|теж|також)\b"
)
_ANY_MESSAGES = re.compile(r"\b" + _MESSAGES + r"\b")
# A clause that is only an interjection ("stop!", "хватит", "dość, proszę") adds nothing to a
# sentence that names what to stop ("no birthday greetings, stop!").
_INTERJECTION = frozenset(
    """
    stop stopp stahp enough please pls plz it now already just ok okay thanks no quit
    стоп досить годі хватит пожалуйста прошу будь ласка ну все уже вже дякую спасибо ні нет
    dosc wystarczy koniec basta prosze juz dziekuje nie
    hvatit khvatit dosyt dosit
""".split()
)


def _sentences(text: str) -> list[list[str]]:
    """The text's sentences, each as its folded clauses."""
    sentences = (_clauses(part) for part in re.split(r"[.!?;\n…]+", text))
    return [clauses for clauses in sentences if clauses]


def _about_everything(part: str) -> bool:
    """A part of a clause about messages in general or everything, not about a scope it names."""
    words = part.split()
    for i, word in enumerate(words):
        if word in _EVERYTHING:
            return True
        if word in _ALL and words[i - 1 : i] != ["at"] and not _scope_in(" ".join(words[i + 1 : i + 4])):
            return True
    return not _scope_in(part) and _ANY_MESSAGES.search(part) is not None


def _sentence_scopes(clauses: list[str]) -> set[str]:
    """The scopes a withdrawing sentence names; empty: everything."""
    named: set[str] = set()
    for clause in clauses:
        scopes = _scope_in(clause)
        if _is_opt_out(clause) and not scopes and not set(clause.split()) <= _INTERJECTION:
            return set()  # "не пишіть мені, але ...": a withdrawal about no scope
        if any(_about_everything(part) for part in _CONJUNCTION.split(clause)):
            return set()
        named |= scopes
    return named


def withdrawal_scopes(text: str) -> tuple[str, ...]:
    """What a withdrawal in these words switches off: the scopes named, in SCOPES order; () for
    everything. Read in the sentences that withdraw, or in the whole text when none does by
    these rules (the model read the withdrawal)."""
    sentences = _sentences(text)
    withdrawing = [clauses for clauses in sentences if any(_is_opt_out(c) for c in clauses)]
    named: set[str] = set()
    for clauses in withdrawing or [[c for sentence in sentences for c in sentence]]:
        scopes = _sentence_scopes(clauses)
        if not scopes:
            return ()
        named |= scopes
    return tuple(scope for scope in SCOPES if scope in named)


def match_critical(text: str) -> Parse | None:
    """opt_out (with its scope when it names exactly one), forget_me or help by keyword; None otherwise."""
    clauses = _clauses(text)
    if any(_is_opt_out(c) for c in clauses):
        scopes = withdrawal_scopes(text)
        return Parse("opt_out", 1.0, {"scope": scopes[0]} if len(scopes) == 1 else {}, "keywords")
    if any(_is_forget(c) for c in clauses):
        return Parse("forget_me", 1.0, {}, "keywords")
    if any(_HELP.search(c) for c in clauses):
        return Parse("help", 1.0, {}, "keywords")
    return None
