### The customer conversation: /start, the preference questions, /preferences, /help, errors, small talk.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# Reply to /start: who the bot is and what it may send.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
start-welcome = Cześć{ $name_sep }{ $name }! 👋 Jestem asystentem sklepu. Za Twoją zgodą mogę złożyć Ci życzenia urodzinowe, zaproponować darmowe próbki tego, co lubisz, zapytać, jak Ci się podoba zakup, i opowiedzieć o nowościach — tylko to, na co pozwolisz, nic więcej, a zdanie możesz zmienić w każdej chwili.
# A button label (plain text, not HTML).
btn-scopes_done = Gotowe ✔
# A button label (plain text, not HTML).
btn-skip = Pomiń
# A button label (plain text, not HTML).
btn-done = Gotowe ✔
# A button label (plain text, not HTML).
btn-yes = Tak
# A button label (plain text, not HTML).
btn-no = Nie
# A button label (plain text, not HTML).
btn-preferences = ⚙️ Ustawienia
# A button label (plain text, not HTML).
btn-mydata = 📄 Moje dane
# A button label (plain text, not HTML).
btn-stop_all = 🔕 Wyłącz wszystko
# A button label (plain text, not HTML).
btn-help = ❓ Pomoc
# The name of this language in itself, on the language buttons.
lang-name = Polski
# A button of the /preferences menu (plain text).
prefs-btn-scopes = Zgody
# A button of the /preferences menu (plain text).
prefs-btn-name = Imię
# A button of the /preferences menu (plain text).
prefs-btn-birthday = Urodziny
# A button of the /preferences menu (plain text).
prefs-btn-interests = Zainteresowania
# A button of the /preferences menu (plain text).
prefs-btn-timezone = Strefa czasowa
# A button of the /preferences menu (plain text).
prefs-btn-quiet = Godziny ciszy
# A button of the /preferences menu (plain text).
prefs-btn-cap = Wiadomości na tydzień
# A button of the /preferences menu (plain text).
prefs-btn-language = Język
# Pop-up when an old button is pressed.
error-expired = Ten przycisk już nie działa. Użyj /preferences lub /help.
# A photo/sticker sent where a typed answer is expected.
error-need_text = Odpowiedz tekstem albo naciśnij przycisk.
# Sent when handling a message failed (nothing was changed).
error-internal = Przepraszam, coś poszło nie tak i nic nie zostało zmienione. Spróbuj ponownie.
# End of the preference questions.
onboarding-done = Wszystko gotowe! Wszystko możesz zobaczyć i zmienić w każdej chwili przez /preferences, a wyłączyć wszystko przez /stop.
# Reply to “Skip” in a preference question.
step-skipped = Pominięto.
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-keep = Tak, mów do mnie { $name }
# The name question (onboarding and /preferences).
name-change = Inne imię
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-ask_confirm = Czy mogę mówić do Ciebie { $name }?
# The name question (onboarding and /preferences).
name-ask = Jak mam się do Ciebie zwracać? Wpisz swoje imię.
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-saved = Miło Cię poznać, { $name }!
# The name question (onboarding and /preferences).
name-invalid = To nie wygląda na imię. Wpisz samo imię (litery, do 64 znaków) albo naciśnij «Pomiń».
# The birthday question.
birthday-ask = Kiedy masz urodziny? Na przykład: 12 maja, 12.05.1990 albo 1990-05-12. Rok nie jest wymagany.
# Asked again after “No” to the confirmation.
birthday-reenter = Spróbujmy jeszcze raz. Wpisz datę urodzin, na przykład 12 maja.
# Reply when the birthday is stored.
#   $date: a date as the customer typed or will see it (e.g. 12 May)
birthday-saved = Zapisano: Twoje urodziny to { $date }.
# The date understood, to confirm with Yes/No.
#   $date: a date as the customer typed or will see it (e.g. 12 May)
birthday-confirm = Czy Twoje urodziny to { $date }?
# Why a typed birthday was not accepted (followed by an example).
birthday-error-empty = Nie otrzymałem daty.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-not_a_date = Nie potrafię odczytać tego jako daty.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-relative = Podaj dzień i miesiąc urodzin, a nie datę względną, taką jak «wczoraj».
# Why a typed birthday was not accepted (followed by an example).
birthday-error-impossible = Taka data nie istnieje.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-future = Ta data jest w przyszłości.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-too_old = To oznaczałoby ponad 120 lat — sprawdź, proszę, rok.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-incomplete = Podaj, proszę, i dzień, i miesiąc.
# The interests question (categories as buttons).
interests-ask = Co Cię interesuje? Wybierz dowolne, a potem naciśnij «Gotowe».
# The interests question (categories as buttons).
interests-saved = Zainteresowania zapisane.
# The time zone question.
timezone-ask = W jakiej strefie czasowej jesteś? Wybierz albo wpisz swoje miasto (na przykład Warszawa, Kraków, Londyn) lub przesunięcie, np. UTC+1.
# The time zone question.
#   $zone: the city in this language and its zone, such as “Київ (Europe/Kyiv)”, or an offset such as UTC+2
timezone-saved = Strefa czasowa zapisana: { $zone }.
# The time zone question.
timezone-invalid = Nie znam takiego miejsca. Wpisz swoje miasto (na przykład Warszawa albo Londyn) lub przesunięcie, np. UTC+2.
# The quiet hours question (hours when nothing is sent).
quiet-ask = Kiedy mam nigdy do Ciebie nie pisać? Wybierz godziny ciszy albo je wpisz (na przykład „od 22 do 7” lub 22:00-08:00).
# The quiet hours question (hours when nothing is sent).
quiet-none = Bez godzin ciszy
# The quiet hours question (hours when nothing is sent).
#   $end: the end time, HH:MM
#   $start: the start time, HH:MM
quiet-saved = Godziny ciszy zapisane: { $start }–{ $end }.
# The quiet hours question (hours when nothing is sent).
quiet-saved_none = Bez godzin ciszy.
# The quiet hours question (hours when nothing is sent).
quiet-invalid = Wpisz godziny ciszy od–do, na przykład „od 22 do 8” lub 22:00-08:00.
# The question of how many messages a week at most.
cap-ask = Ile wiadomości tygodniowo najwyżej?
# A button with a weekly limit (plain text).
#   $n: a count (a number)
cap-option = { $n } / tydzień
# Reply when the weekly limit is stored.
#   $n: a count (a number)
cap-saved =
    { $n ->
        [one] Najwyżej { $n } wiadomość tygodniowo.
        [few] Najwyżej { $n } wiadomości tygodniowo.
        [many] Najwyżej { $n } wiadomości tygodniowo.
       *[other] Najwyżej { $n } wiadomości tygodniowo.
    }
# The language question (/language).
language-ask = Wybierz język:
# Reply in the new language.
language-saved = Język: polski.
# A line of the /preferences summary.
prefs-title = <b>Twoje ustawienia</b>
# A line of the /preferences summary.
prefs-not_set = nie ustawiono
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-name = Imię: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-birthday = Urodziny: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-interests = Zainteresowania: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-timezone = Strefa czasowa: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-quiet = Godziny ciszy: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-cap = Najwyżej wiadomości tygodniowo: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-language = Język: { $value }
# Reply to /help. Each line starting with a command stays a command (do not translate the commands).
help-text =
    Wysyłam tylko to, na co się zgadzasz.
    /preferences — zobacz i zmień zgody oraz ustawienia
    /mydata — wszystko, co o Tobie przechowuję
    /stop — wyłącz wszystko naraz
    /forget — usuń swoje dane osobowe
    /language — zmień język
    Możesz też po prostu do mnie napisać, na przykład «nie wysyłaj próbek».
# Reply to /cancel in a question.
cancel-done = Anulowano.
# Reply to a message the bot did not understand; the help follows it.
fallback-too_long = Ta wiadomość jest dla mnie za długa. Napisz krócej albo użyj przycisków.
# Reply to a message the bot did not understand; the help follows it.
fallback-unknown = Przepraszam, nie zrozumiałem. Oto, co potrafię:
# Reply to a message the bot did not understand; the help follows it.
fallback-unknown_command = Nie znam takiego polecenia. Oto, co potrafię:
# Reply to a message the bot did not understand; the help follows it.
fallback-not_text = Potrafię czytać tylko wiadomości tekstowe. Oto, co potrafię:
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-greet = Cześć{ $name_sep }{ $name }! W czym mogę pomóc? /help pokaże, co potrafię.
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-goodbye = Do zobaczenia{ $name_sep }{ $name }! Jestem tu, gdy będę potrzebny.
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-thanks = Nie ma za co{ $name_sep }{ $name }!

# shop linking (bot/linking.py): replies to /start link_<token>, a link the shop gave the customer
# (order page, e-mail). Linking grants no permission: the permission buttons follow each reply.
# The chat is now linked to the customer's account at the shop.
link-linked = ✅ Ten czat jest teraz powiązany z Twoim kontem klienta w sklepie. Samo w sobie niczego to nie zezwala: poniżej wybierasz, co mogę Ci wysyłać.
# The link was already used, by this same chat.
link-already = Ten czat jest już powiązany z Twoim kontem klienta w sklepie: nic więcej nie trzeba robić.
# The link is malformed or its signature is wrong (cut when copied, or forged).
link-invalid = ⚠️ Ten link jest nieprawidłowy (może został skopiowany niekompletnie). Poproś sklep o nowy.
# The link is well formed but the bot has no record of it.
link-unknown = ⚠️ Nie znam tego linku. Poproś sklep o nowy.
# The link was already used from another Telegram account.
link-foreign = ⚠️ Ten link został już użyty z innego konta Telegram, więc nie może powiązać tego czatu. Jeśli był przeznaczony dla Ciebie, poproś sklep o nowy.
# The link is older than its validity.
link-expired = ⌛ Ten link wygasł. Poproś sklep o nowy.

# birthday by words (bot/dates.py reads a date inside a sentence; bot/routers/customer.py)
# Why a typed birthday was not accepted (followed by an example): the sentence has two different dates.
birthday-error-ambiguous = Widzę tu więcej niż jedną datę. Wpisz, proszę, tylko datę urodzin.
# A birthday typed while birthday greetings are not allowed: nothing is stored; the scope's button follows.
#   $date: the date understood (e.g. 12 maja)
#   $scope: the name of the permission (e.g. Życzenia urodzinowe)
#   $desc: what the permission allows, as on the permission buttons
birthday-needs_scope = Aby zapamiętać Twoje urodziny ({ $date }), potrzebuję Twojej zgody «{ $scope }» — { $desc }. Naciśnij przycisk, aby ją wyrazić; potem poproszę o potwierdzenie daty. Do tego czasu nic nie zapisuję.
# A new birthday typed while another one is stored: asked to confirm the change (Yes / No buttons follow).
#   $old: the birthday stored now (e.g. 4 maja)
#   $date: the new date understood (e.g. 5 maja)
birthday-change_confirm = Twoje urodziny są zapisane jako { $old }. Zmienić na { $date }?
# Button: confirm the change of the birthday (plain text).
#   $date: the new date (e.g. 5 maja)
birthday-change_yes = Tak, { $date }
# Button: keep the stored birthday (plain text).
#   $old: the birthday stored now (e.g. 4 maja)
birthday-change_keep = Nie, zostaw { $old }
# Reply to "No, keep": nothing changed.
#   $date: the birthday stored (e.g. 4 maja)
birthday-kept = Nic nie zmieniono: Twoje urodziny to { $date }.

# frequency and pause (bot/frequency.py, bot/routers/pause.py)
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-pause = Wstrzymaj wszystkie wiadomości na jakiś czas
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-resume = Zakończ przerwę teraz
# Button of /preferences: one's own frequency limits (plain text).
prefs-btn-limits = Jak często
# Button of /preferences: pause all messages (plain text).
prefs-btn-pause = Przerwa
# The question of the frequency step in /preferences; the choices follow as buttons.
freq-ask = Jak często mogę do Ciebie pisać najwyżej? Limity sklepu obowiązują zawsze: Twoje mogą je tylko zaostrzyć.
# "All messages", in a frequency limit (plain text; also inside buttons).
freq-scope_all = wszystkie wiadomości
# A frequency limit per day (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name such as "Offers and news")
freq-per_day = najwyżej { $n } dziennie: { $what }
# A frequency limit per week (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name)
freq-per_week = najwyżej { $n } tygodniowo: { $what }
# A frequency limit per 30 days (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name)
freq-per_month = najwyżej { $n } miesięcznie: { $what }
# Button: no limits of one's own, only the shop's (plain text).
freq-btn_none = Tylko limity sklepu
# Reply after choosing a limit.
#   $limit: the limit chosen (e.g. at most 1 a week: all messages)
freq-saved = Zapisano: { $limit }.
# Reply after choosing "only the shop's limits".
freq-saved_none = Zapisano: bez własnych limitów; obowiązują limity sklepu.
# A line of the /preferences summary: the customer's own frequency limits.
#   $value: the limits, separated by ";" (or the “not set” text)
freq-prefs_own = Twoje limity: { $value }
# A line of the /preferences summary: the shop's frequency limits.
#   $value: the limits, separated by ";" (or the “not set” text)
freq-prefs_shop = Limity sklepu: { $value }
# The question of /pause and of the pause step in /preferences; buttons follow.
pause-ask = Na jak długo wstrzymać wszystkie moje wiadomości? Twoje zgody pozostają bez zmian; dam znać, gdy przerwa się skończy.
# Button: pause for a week (plain text; under every message the bot sends by itself).
pause-btn_7 = ⏸ 1 tydzień
# Button: pause for two weeks (plain text).
pause-btn_14 = ⏸ 2 tygodnie
# Button: pause for a month (plain text).
pause-btn_30 = ⏸ 1 miesiąc
# Button in /preferences while paused: end the pause now (plain text).
pause-btn_resume = ▶️ Wznów teraz
# Reply after a pause was set.
#   $until: when the pause ends, in the customer's time zone (e.g. 4 Dec 2026, 14:00)
pause-started = ⏸ Przerwa do { $until }. Nic nie zostało wycofane: Twoje zgody pozostają bez zmian. /resume kończy przerwę wcześniej.
# Reply to /resume (or the resume button) when a pause was running.
pause-resumed = ▶️ Przerwa zakończona: wiadomości, na które się zgodziłeś, znów mogą przychodzić.
# Reply to /resume when no pause was running.
pause-not_paused = Teraz nie trwa żadna przerwa.
# The one short note the bot sends by itself when a pause ends.
pause-ended = ▶️ Twoja przerwa się skończyła: wiadomości, na które się zgodziłeś, znów mogą przychodzić. /preferences zmienia, co i jak często.
# A line of the /preferences summary: the pause.
#   $value: when the pause ends (or the “not set” text)
pause-prefs = Przerwa do: { $value }

# time zones and quiet hours
# The time zone question: the customer typed a country or a name that has several time zones.
#   $place: what the customer typed
#   $cities: some of its cities, in this language, comma-separated
timezone-ambiguous = „{ $place }” ma więcej niż jedną strefę czasową. Wpisz swoje miasto, na przykład: { $cities }
