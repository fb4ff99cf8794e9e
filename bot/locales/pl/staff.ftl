### Staff texts: the staff commands (/staff, /sample_new, /purchase, /perk …) and the console
### (/customer, the /campaign dialogue, /export, /categories, /audit), in the staff member's
### Telegram language.
### These texts are PLAIN TEXT: the code escapes them for HTML, so write < > & as they are
### (e.g. <user_id> in a usage line). Variables are filled in by the code; keep their names.
### Commands (/staff …), role names (owner, marketer, support), stage and scope names and the
### keywords staff type (now, add, remove, segment, disable, enable) stay as they are.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

## Access

# A staff member used a command their role does not allow.
#   $role: their role (owner, marketer or support)
#   $roles: the roles allowed, comma-separated
staff-role_denied = Twoja rola ({ $role }) nie może używać tego polecenia; dozwolone: { $roles }.

## /staff: staff management (owners only)

# /staff when the staff table is empty.
staff-none = Brak personelu poza właścicielami z ADMIN_IDS.
# /staff add.
#   $user: the Telegram id added
#   $role: the role given
staff-added = Użytkownik { $user } ma teraz rolę { $role }.
# /staff remove.
#   $user: the Telegram id removed
staff-removed = Użytkownik { $user } nie należy już do personelu.
# /staff remove of someone who is not staff.
#   $user: the Telegram id given
staff-not_staff = Użytkownik { $user } nie należy do personelu; nic nie zmieniono.
# /staff remove of an owner from the configuration.
#   $user: the Telegram id given
staff-configured_owner = Użytkownik { $user } jest właścicielem z ADMIN_IDS (konfiguracja), czego /staff nie może zmienić: usuń id z ADMIN_IDS i uruchom bota ponownie.
# /staff with wrong arguments.
staff-usage_staff = Użycie: /staff, /staff add <user_id> <owner|marketer|support>, /staff remove <user_id>

## Samples

# /sample_new with wrong arguments.
staff-usage_sample_new =
    Użycie: /sample_new <category> <stock> <days valid> <product name>
    Przykład: /sample_new coffee 50 14 Ethiopian Yirgacheffe 100 g
# /sample_new with a category that does not exist.
#   $slug: the category typed
#   $slugs: the existing categories, comma-separated
staff-unknown_category = Nieznana kategoria { $slug }. Kategorie: { $slugs }
# /sample_new done.
#   $id: the offer's number
#   $product: the product name
#   $stock: how many samples there are
#   $expires: the last day (YYYY-MM-DD)
staff-sample_created = Utworzono ofertę próbki #{ $id }: { $product }, zapas { $stock }, ważna do { $expires }.
# After /sample_new: how many customers the offer was queued for.
#   $added: that number
staff-sample_enqueued =
    { $added ->
        [one] Zaproponowano { $added } klientowi ze zgodą na próbki i pasującym zainteresowaniem.
        [few] Zaproponowano { $added } klientom ze zgodą na próbki i pasującym zainteresowaniem.
        [many] Zaproponowano { $added } klientom ze zgodą na próbki i pasującym zainteresowaniem.
       *[other] Zaproponowano { $added } klientom ze zgodą na próbki i pasującym zainteresowaniem.
    }
# /samples when there are none.
staff-no_samples = Nie ma jeszcze ofert próbek.
# An offer or request number that does not exist.
staff-not_found = Nie znaleziono.
# /sample_close done.
#   $id: the offer's number
#   $cancelled: how many queued offers were dropped
staff-sample_closed =
    { $cancelled ->
        [one] Oferta próbki #{ $id } zamknięta; anulowano { $cancelled } wiadomość w kolejce (niewysłaną).
        [few] Oferta próbki #{ $id } zamknięta; anulowano { $cancelled } wiadomości w kolejce (niewysłane).
        [many] Oferta próbki #{ $id } zamknięta; anulowano { $cancelled } wiadomości w kolejce (niewysłanych).
       *[other] Oferta próbki #{ $id } zamknięta; anulowano { $cancelled } wiadomości w kolejce (niewysłanych).
    }
# /requests when there are none.
staff-no_requests = Brak oczekujących zamówień próbek.
# /fulfil of a request already delivered.
#   $id: the request's number
staff-already_delivered = Zamówienie #{ $id } jest już oznaczone jako dostarczone.
# /fulfil done.
#   $id: the request's number
#   $feedback: the text staff-yes or staff-no
staff-fulfilled = Zamówienie #{ $id } oznaczone jako dostarczone. Prośba o opinię zaplanowana: { $feedback }.
# Answer to "feedback request scheduled".
staff-yes = tak
# Answer to "feedback request scheduled" when the customer did not allow feedback requests.
staff-no = nie (brak zgody na prośby o opinię)

## Purchases and customers

# /purchase with wrong arguments.
staff-usage_purchase = Użycie: /purchase <customer id | @username> <product> [amount]
# No customer with that id or username.
#   $ref: what was typed
staff-no_customer = Brak klienta { $ref }.
# A username that several customers had; a list "id: name @username, last seen …" follows.
#   $ref: the username typed
#   $count: how many customers match
staff-ambiguous_customer =
    { $count ->
        [one] { $ref } pasuje do { $count } klienta; nic nie zrobiono. Wskaż jednego po id:
        [few] { $ref } pasuje do { $count } klientów; nic nie zrobiono. Wskaż jednego po id:
        [many] { $ref } pasuje do { $count } klientów; nic nie zrobiono. Wskaż jednego po id:
       *[other] { $ref } pasuje do { $count } klienta; nic nie zrobiono. Wskaż jednego po id:
    }
# The same when more customers match than are listed.
#   $ref: the username typed
#   $count: how many are listed (more match)
staff-ambiguous_customer_many = { $ref } pasuje do ponad { $count } klientów; nic nie zrobiono. Wskaż jednego po id:
# One customer of that list.
#   $id: the customer's Telegram id
#   $name: their name
#   $username: their username (without @)
#   $last_seen: the date they last wrote (YYYY-MM-DD)
staff-customer_line = { $id }: { $name } @{ $username }, ostatnio { $last_seen }
# /purchase done.
#   $id: the purchase's number
#   $customer: the customer's Telegram id
#   $product: the product
#   $stage: the customer's stage now (a stage name)
#   $feedback: the text staff-yes or staff-no
staff-purchase_recorded = Zakup #{ $id } zapisany dla { $customer }: { $product }. Etap: { $stage }. Prośba o opinię zaplanowana: { $feedback }.
# /perk with wrong arguments.
staff-usage_perk = Użycie: /perk <code> (kod prezentu urodzinowego) albo /perk off
# /perk done.
#   $code: the code set (or "off")
staff-perk_set = Prezent urodzinowy ustawiony: { $code }.

## /customer: one customer's record

# Heading of /customer (in bold); name and @username follow.
#   $id: the customer's Telegram id
console-customer-title = Klient { $id }
# Second line of /customer.
#   $language: the customer's language code
#   $stage: their stage (a stage name)
#   $reachable: whether messages reach them: the text console-customer-reachable_yes or -reachable_no
#   $purchases: how many purchases
#   $last_seen: the date they last wrote (YYYY-MM-DD)
console-customer-state = język { $language }, etap { $stage }, osiągalny { $reachable }, zakupy { $purchases }, ostatnio { $last_seen }
# The permissions allowed now.
#   $scopes: scope names, comma-separated, or the text console-none
console-customer-scopes = zgody: { $scopes }
# "Nothing" in /customer lists.
console-none = brak
# The customer's preferences (owners and marketers only).
#   $birthday: DD.MM or DD.MM.YYYY, or -
#   $interests: category names, or -
#   $zone: a time zone, or -
#   $quiet: quiet hours (HH:MM–HH:MM), or -
#   $cap: the weekly limit, or the text console-customer-cap_default
console-customer-preferences = urodziny { $birthday }, zainteresowania { $interests }, strefa czasowa { $zone }, cisza { $quiet }, limit tygodniowy { $cap }
# The weekly limit when the customer chose none.
console-customer-cap_default = domyślny
# Heading (bold) of the consent history.
console-customer-consent_history = Historia zgód
# One entry of the consent history.
#   $at: date and time (UTC)
#   $action: grant or withdraw
#   $scope: the scope name
#   $method: how (button, command, words …)
console-customer-consent_event = { $at } { $action } { $scope } przez { $method }
# After a consent entry given by a button: which message it was under.
#   $id: the message id
console-customer-consent_message = (wiadomość { $id })
# Heading (bold) of the stage history.
console-customer-stage_history = Historia etapów
# Heading (bold) of the last messages sent.
console-customer-messages = Wiadomości
# After that heading.
#   $n: how many are listed
console-customer-messages_shown = (ostatnie { $n })
# The same for support staff, who do not see birthday greetings (they give the birthday away).
#   $n: how many are listed
console-customer-messages_shown_support = (ostatnie { $n }, bez życzeń urodzinowych)
# Responses and feedback of the customer.
#   $responses: how many button responses are stored under their name
#   $feedback: their ratings (subject rating/5, comma-separated), or the text console-none
console-customer-responses = odpowiedzi z imieniem: { $responses }; opinie: { $feedback }
# How many purchases are recorded.
#   $n: that number
console-customer-purchases = zapisane zakupy: { $n }

## /campaign: the guided campaign dialogue

# First question of /campaign; the goals follow as buttons. Keep the goal names.
console-campaign-start =
    Nowa kampania. Jaki jest jej cel?
    acquisition = przyprowadź znajomego, development = sprzedaż dodatkowa / krzyżowa, retention = utrzymanie, winback = odzyskanie. /cancel — wyjście.
# /cancel in the dialogue, or the Cancel button.
console-campaign-cancelled = Kampania anulowana; nic nie wysłano.
# Pop-up for a button of an earlier step.
console-campaign-expired = Ten przycisk już nie działa.
# After the goal.
console-campaign-name = Nazwa kampanii?
# The segment steps, choices as buttons: which stages.
console-campaign-stages = Docelowe etapy (żaden = wszystkie):
# Which customer languages.
console-campaign-languages = Języki (żaden = wszystkie):
# Which interests (categories).
console-campaign-interests = Zainteresowania (żadne = dowolne):
# Button to the next segment step (plain text).
console-campaign-next = Dalej ▶
# Typed text at the goal step (answered with buttons).
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-goal = Wybierz cel przyciskiem powyżej: { $buttons }.
# Typed text at a segment step.
#   $buttons: the labels of the button that moves on, each quoted (console-campaign-button), comma-separated
console-campaign-hint-segment = Zaznacz wybór przyciskami powyżej, potem naciśnij { $buttons }.
# Typed text at the step after a variant.
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-more = Naciśnij przycisk powyżej: { $buttons }.
# Typed text at the summary.
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-confirm = Naciśnij przycisk powyżej: { $buttons }.
# A photo, sticker … at a typed step.
console-campaign-need_text = Wpisz odpowiedź tekstem.
# Appended to those hints.
console-campaign-leave = /cancel — wyjście z kampanii.
# After the segment steps. Keep "-N".
console-campaign-active_days = Tylko klienci aktywni w ostatnich N dniach? Wpisz liczbę (0 = dowolni; ujemna -N = nieaktywni od N dni, do odzyskania).
# A number of days out of range.
#   $max: the largest number allowed
console-campaign-days_invalid = Wpisz całkowitą liczbę dni (najwyżej { $max } albo -{ $max }).
# After the days question.
console-campaign-min_purchases = Minimalna liczba zakupów? (0 = dowolna)
# Not a whole number (or too large) for the purchases question.
console-campaign-whole_number = Wpisz liczbę całkowitą.
# Keep '-' (typed for "no offer").
console-campaign-offer = Oferta w jednym wierszu (albo '-', jeśli brak):
# After the offer: the first message variant.
console-campaign-variant_first = Wariant A: wpisz wiadomość.
# After "Add a variant".
#   $variant: the variant's letter (B, C, D)
console-campaign-variant_next = Wariant { $variant }: wpisz wiadomość. Zmieniaj między wariantami tylko jeden element.
# After a variant; buttons follow.
#   $n: how many variants there are
console-campaign-variants =
    { $n ->
        [one] { $n } wariant.
        [few] { $n } warianty.
        [many] { $n } wariantów.
       *[other] { $n } wariantu.
    }
# Button after a variant (plain text).
console-campaign-add_variant = Dodaj wariant
# Button after a variant (plain text).
console-campaign-variants_done = Warianty gotowe
# The schedule question.
#   $now: the word to type for "now" (shown as code; staff type it in English)
console-campaign-schedule = Kiedy? Wpisz { $now } albo czas UTC, np. 2026-12-01 10:00.
# Keep the word now: staff type it in English.
console-campaign-schedule_invalid = Wpisz now albo czas, np. 2026-12-01 10:00 (UTC).
# After the schedule.
console-campaign-budget = Budżet? (liczba, 0 = brak)
# Not a number for the budget.
console-campaign-budget_invalid = Wpisz liczbę (0 = brak).
# After the budget.
console-campaign-target = Kryterium sukcesu: docelowy odsetek odpowiedzi w % (np. 30)?
# Out of range for the target.
console-campaign-target_invalid = Wpisz procent od 1 do 100.
# The summary before launch (after the campaign's name and goal).
#   $segment: who is targeted (console-segment-* texts, joined by "; ")
#   $variants: how many variants
#   $schedule: a UTC time, or the text console-campaign-now
#   $budget: the budget, or -
#   $target: the target response rate in percent
console-campaign-summary =
    segment: { $segment }
    warianty: { $variants }, termin: { $schedule }, budżet: { $budget }, cel: { $target }%
# Schedule "now" in the summary.
console-campaign-now = teraz
# Bold line of the summary.
#   $size: how many customers would get it
console-campaign-audience = Odbiorcy po filtrze zgód: { $size }
# After that line.
console-campaign-audience_note = (tylko klienci ze zgodą na oferty).
# Button of the summary (plain text).
console-campaign-launch = 🚀 Uruchom
# Button of the summary (plain text).
console-campaign-cancel = Anuluj
# After Launch.
#   $id: the campaign's number
#   $n: how many messages were queued
console-campaign-launched =
    { $n ->
        [one] Kampania #{ $id } uruchomiona: { $n } wiadomość w kolejce do klientów ze zgodą na oferty.
        [few] Kampania #{ $id } uruchomiona: { $n } wiadomości w kolejce do klientów ze zgodą na oferty.
        [many] Kampania #{ $id } uruchomiona: { $n } wiadomości w kolejce do klientów ze zgodą na oferty.
       *[other] Kampania #{ $id } uruchomiona: { $n } wiadomości w kolejce do klientów ze zgodą na oferty.
    }

## The segment of a campaign as staff read it (joined by "; ")

#   $values: the chosen stages / languages / interests, comma-separated
console-segment-stages = etapy: { $values }
#   $values: the chosen languages, comma-separated
console-segment-languages = języki: { $values }
#   $values: the chosen interests, comma-separated
console-segment-interests = zainteresowania: { $values }
#   $n: a number of days
console-segment-active =
    { $n ->
        [one] aktywni w ostatnim { $n } dniu
        [few] aktywni w ostatnich { $n } dniach
        [many] aktywni w ostatnich { $n } dniach
       *[other] aktywni w ostatnich { $n } dnia
    }
#   $n: a number of days
console-segment-inactive =
    { $n ->
        [one] nieaktywni od { $n } dnia
        [few] nieaktywni od { $n } dni
        [many] nieaktywni od { $n } dni
       *[other] nieaktywni od { $n } dnia
    }
#   $n: a number of purchases
console-segment-min_purchases =
    { $n ->
        [one] co najmniej { $n } zakup
        [few] co najmniej { $n } zakupy
        [many] co najmniej { $n } zakupów
       *[other] co najmniej { $n } zakupu
    }
# The segment when nothing narrows it.
console-segment-all = wszyscy

## Reports, exports, categories, audit

# Caption of the /report chart.
console-report-caption = Lejek i odsetek odpowiedzi
# /stats and /report: heading of the lifecycle funnel (bold).
console-stats-funnel = Lejek cyklu życia
# After that heading: what the two numbers of each stage line are ("friend: 12 / 30").
console-stats-funnel_note = (teraz / kiedykolwiek osiągnęło)
# /stats and /report: heading of the number of customers who allowed each scope (bold).
console-stats-scopes = Klienci według zgód
# /stats: the consent flow of the last 7 days.
#   $opt_ins: the text console-stats-opt_ins
#   $withdrawals: the text console-stats-withdrawals
console-stats-week = W tym tygodniu: { $opt_ins }, { $withdrawals }
# Part of console-stats-week.
#   $n: how many permissions were granted in the last 7 days
console-stats-opt_ins =
    { $n ->
        [one] { $n } zgoda
        [few] { $n } zgody
        [many] { $n } zgód
       *[other] { $n } zgody
    }
# Part of console-stats-week.
#   $n: how many permissions were withdrawn in the last 7 days
console-stats-withdrawals =
    { $n ->
        [one] { $n } wycofanie
        [few] { $n } wycofania
        [many] { $n } wycofań
       *[other] { $n } wycofania
    }
# /stats: stage changes of the last 7 days.
#   $moves: each stage and how many moved into it, e.g. "→friend 3, →customer 1"
console-stats-moves = Przejścia między etapami w tym tygodniu: { $moves }
# /report and /campaigns when there are no campaigns.
console-report-no_campaigns = Nie ma jeszcze kampanii.
# /report and /campaigns: heading of the totals over all campaigns (bold, followed by ": ").
console-report-all = Wszystkie kampanie
# The totals over all campaigns, after console-report-all and ": ".
#   $count: how many campaigns
#   $delivered: how many messages were delivered
#   $conversions: how many purchases or referrals followed them
console-report-totals = { $count }; dostarczono: { $delivered }, konwersje: { $conversions }
# After the totals: messages delivered per conversion.
#   $ratio: e.g. "2.0:1"
console-report-per_conversion = dostarczono na jedną konwersję: { $ratio }
# After the totals when nothing converted yet.
console-report-no_conversions = jeszcze bez konwersji
# After a campaign's name, goal and status.
#   $rate: the response rate it aims at, e.g. "30%"
console-report-target = docelowy odsetek odpowiedzi { $rate }
# Verdict of a variant (the text $verdict of console-report-variant).
console-report-nothing_delivered = jeszcze nic nie dostarczono
# Verdict of a variant: its response rate reaches the target.
console-report-meets_target = cel osiągnięty
# Verdict of a variant: its response rate is below the target.
console-report-below_target = poniżej celu
# A variant with no buyers yet (the text $ratio of console-report-variant).
console-report-no_buyers = jeszcze bez kupujących
# One variant of a campaign (A, B …).
#   $variant: the variant's letter
#   $queued: messages queued
#   $delivered: messages delivered
#   $responded: customers who responded
#   $rate: the response rate, e.g. "12.5%"
#   $verdict: one of the texts console-report-nothing_delivered, -meets_target, -below_target
#   $converted: conversions (purchases or referrals)
#   $ratio: customers informed per buyer, e.g. "2.0:1", or the text console-report-no_buyers
console-report-variant = { $variant }: w kolejce { $queued }, dostarczono { $delivered }, odpowiedziało { $responded } ({ $rate }, { $verdict }), konwersje: { $converted }; poinformowanych na jednego kupującego: { $ratio }
# A campaign with several variants: whether their response rates differ (chi-squared test).
#   $result: one of the texts console-report-not_enough_data, -significant, -not_significant
console-report-difference = różnica: { $result }
# The difference between variants cannot be tested yet.
console-report-not_enough_data = za mało danych
# The difference between variants is significant at the 5 % level.
#   $p: the p-value, e.g. "0.0123"
console-report-significant = p = { $p } (istotna na poziomie 5 %)
# The difference between variants is not significant at the 5 % level.
#   $p: the p-value, e.g. "0.2345"
console-report-not_significant = p = { $p } (nieistotna na poziomie 5 %)
# Caption of /export segment.
#   $n: how many customers are in the file
console-export-customers =
    { $n ->
        [one] { $n } klient
        [few] { $n } klientów
        [many] { $n } klientów
       *[other] { $n } klienta
    }
# Caption of /export.
console-export-ledger = Rejestr zgód
# /categories when there are none.
console-categories-none = Brak kategorii.
# After a category's name in /categories.
console-categories-disabled = (wyłączona)
#   $slug: the category's slug
console-categories-added = Dodano kategorię { $slug }.
#   $slug: the category's slug
console-categories-renamed = Zmieniono nazwę kategorii { $slug }.
#   $slug: the category's slug
console-categories-enabled = Włączono kategorię { $slug }.
#   $slug: the category's slug
console-categories-disabled_now = Wyłączono kategorię { $slug }.
# /categories with wrong arguments. Keep <en> <uk> <ru> <pl>: they are the languages' codes.
console-categories-usage = Użycie: /categories, /categories add <slug> <en> <uk> <ru> <pl>, /categories rename <slug> <lang> <name>, /categories disable|enable <slug>
# /audit when nothing is logged.
console-audit-empty = Dziennik audytu jest pusty.

# webhooks (bot/routers/staff/webhooks.py): /webhook, outgoing webhooks to the shop's systems.
# After /webhook add. The secret is shown this once: the shop verifies signatures with it.
#   $id: the endpoint's number; $url: its URL; $events: the events it receives, comma-separated
#   $secret: the signing secret (whsec_...)
console-webhook-added = Webhook { $id } dodany: { $url } ({ $events }). Sekret podpisu, pokazany tylko teraz: { $secret }
# /webhook add with a URL or events that are not accepted.
#   $reason: what is wrong (English, from the code); $events: the events that exist
console-webhook-invalid = Nie dodano: { $reason }. Zdarzenia: { $events }
# One line of /webhook list.
#   $id: the endpoint's number; $url: its URL; $events: the events it receives
console-webhook-list_line = { $id }: { $url } ({ $events })
# /webhook list when no webhook is configured.
console-webhook-none = Brak webhooków. Dodaj: /webhook add <url>.
#   $id: the endpoint's number
console-webhook-removed = Webhook { $id } usunięty; jego oczekujące dostawy anulowano, dziennik zostaje.
#   $id: the number typed
console-webhook-not_found = Nie ma aktywnego webhooka { $id }.
# One line of /webhook log (newest first).
#   $id: the delivery's number; $endpoint: the webhook's number; $event: e.g. consent.withdrawn
#   $scope: the scope or "-"; $customer: the Telegram id or "-"; $status: pending, sending, delivered or failed
#   $attempts: attempts so far; $http: the last HTTP status or "-"; $error: the last error or "-"; $at: when the event happened (UTC)
console-webhook-log_line = #{ $id } → { $endpoint } { $at } { $event } { $scope } klient { $customer }: { $status }, prób { $attempts }, HTTP { $http }, { $error }
# /webhook log when nothing was delivered yet.
console-webhook-log_empty = Nie było jeszcze dostaw webhooków.
# /webhook with wrong arguments.
#   $events: the events that exist
console-webhook-usage = Użycie: /webhook list, /webhook add <url> [zdarzenia], /webhook remove <id>, /webhook log [<id>]. Zdarzenia: { $events }

## Consent records (bot/consent/records.py) in /export.
# Caption of the JSON lines file /export sends beside the ledger CSV.
#   $n: how many records (ledger events) are in the file
console-export-records =
    { $n ->
        [one] { $n } rekord zgody (ISO/IEC TS 27560, JSON lines)
        [few] { $n } rekordy zgody (ISO/IEC TS 27560, JSON lines)
        [many] { $n } rekordów zgody (ISO/IEC TS 27560, JSON lines)
       *[other] { $n } rekordu zgody (ISO/IEC TS 27560, JSON lines)
    }

## Staff console hints
# staff console hints: what to press, an empty audience, /customer usage, staff /help

# One button label named in a hint (console-campaign-hint-*), in the quotation marks of your language.
#   $label: the button's label as shown
console-campaign-button = „{ $label }”
# Launch was pressed while no customer is in the campaign's audience: asked once more; buttons follow.
console-campaign-empty_audience = Odbiorców jest 0: żaden klient ze zgodą na oferty nie pasuje teraz do tego segmentu, więc nic nie zostanie wysłane. Uruchomić mimo to (kampania zostanie zapisana z 0 wiadomości) czy anulować?
# Button after that question (plain text): launch although nobody will get it.
console-campaign-launch_anyway = 🚀 Uruchom mimo to
# /customer without a customer.
console-customer-usage = Użycie: /customer <customer id | @username> — co bot wie o kliencie i co mu wysłał.
# In /customer: messages reach the customer (the text $reachable of console-customer-state).
console-customer-reachable_yes = tak
# In /customer: messages do not reach the customer (they blocked the bot, or were erased).
console-customer-reachable_no = nie
# Staff /help: heading (bold); the commands of the staff member's role follow, one a line.
#   $role: their role (owner, marketer or support)
console-help-title = Twoje polecenia (rola { $role }):
# Staff /help: last line, the commands every customer has (staff are customers too).
console-help-as_customer = Jako klient bota masz też /start, /preferences, /mydata, /stop, /forget i /language.
# Staff /help: one line about /customer. Keep the command and its <arguments> as they are.
console-help-customer = /customer <id | @username> — co bot wie o kliencie i co mu wysłał
# Staff /help: one line about /purchase. Keep the command and its <arguments> as they are.
console-help-purchase = /purchase <customer> <product> [amount] — zapisz zakup (potem prośba o opinię, gdzie dozwolona)
# Staff /help: one line about /sample_new. Keep the command and its <arguments> as they are.
console-help-sample_new = /sample_new <category> <stock> <days> <product> — zaproponuj darmowe próbki zainteresowanym klientom
# Staff /help: one line about /samples. Keep the command and its <arguments> as they are.
console-help-samples = /samples — oferty próbek
# Staff /help: one line about /sample_close. Keep the command and its <arguments> as they are.
console-help-sample_close = /sample_close <offer> — zamknij ofertę; jej wiadomości w kolejce nie zostaną wysłane
# Staff /help: one line about /requests. Keep the command and its <arguments> as they are.
console-help-requests = /requests — przyjęte oferty próbek do wysłania
# Staff /help: one line about /fulfil. Keep the command and its <arguments> as they are.
console-help-fulfil = /fulfil <request> — próbka dostarczona (potem prośba o opinię, gdzie dozwolona)
# Staff /help: one line about /campaign. Keep the command and its <arguments> as they are.
console-help-campaign = /campaign — zaplanuj i uruchom kampanię krok po kroku (/cancel — wyjście)
# Staff /help: one line about /campaigns. Keep the command and its <arguments> as they are.
console-help-campaigns = /campaigns — wyniki kampanii
# Staff /help: one line about /stats. Keep the command and its <arguments> as they are.
console-help-stats = /stats — lejek cyklu życia i zgody (tylko klienci, bez personelu)
# Staff /help: one line about /report. Keep the command and its <arguments> as they are.
console-help-report = /report — wykres lejka i wyniki kampanii
# Staff /help: one line about /export. Keep the command and its <arguments> as they are.
console-help-export = /export — rejestr zgód jako CSV; /export segment <stage…> — klienci tych etapów
# Staff /help: one line about /staff. Keep the command and its <arguments> as they are.
console-help-staff = /staff — personel; /staff add <user_id> <role>, /staff remove <user_id>
# Staff /help: one line about /perk. Keep the command and its <arguments> as they are.
console-help-perk = /perk <code> — kod prezentu urodzinowego; /perk off — bez prezentu
# Staff /help: one line about /categories. Keep the command and its <arguments> as they are.
console-help-categories = /categories — kategorie zainteresowań; add, rename, disable, enable
# Staff /help: one line about /audit. Keep the command and its <arguments> as they are.
console-help-audit = /audit — ostatnie 30 działań personelu
# Staff /help: one line about /webhook. Keep the command and its <arguments> as they are.
console-help-webhook = /webhook — webhooki sklepu: list, add <url> [zdarzenia], remove <id>, log [<id>]
# Staff /help: one line about /apikey. Keep the command and its <arguments> as they are.
console-help-apikey = /apikey — klucze API systemów sklepu: list, create <name> <scope…>, revoke <id>

# api keys (bot/routers/staff/apikeys.py): /apikey, keys of the shop's systems for the integration API.
# After /apikey create. The key is shown this once (only a hash of it is stored).
#   $id: the key's number; $name: its name; $scopes: what it may do; $apikey: the key itself
console-apikey-created = Klucz API { $id } „{ $name }” utworzony ({ $scopes }). Klucz widać tylko teraz; skopiuj go do systemu sklepu, a potem usuń tę wiadomość: { $apikey }
# /apikey create that cannot be done.
#   $reason: why, in English (from the code)
console-apikey-invalid = Nie utworzono: { $reason }
# One line of /apikey list. Keep pbk_{ $prefix }_… as it is: the start of the key.
#   $id, $name, $prefix, $scopes: the key's; $state: console-apikey-active or console-apikey-revoked_on
console-apikey-line = #{ $id } { $name } pbk_{ $prefix }_… — { $scopes } — { $state }
# The state of a key in /apikey list.
console-apikey-active = aktywny
# The state of a revoked key in /apikey list.
#   $at: when it was revoked (UTC)
console-apikey-revoked_on = unieważniony { $at }
# /apikey list when there are none.
console-apikey-none = Nie ma jeszcze kluczy API.
# After /apikey revoke.
#   $id: the key's number; $name: its name
console-apikey-revoked = Klucz API { $id } „{ $name }” unieważniony: od teraz wywołania z nim są odrzucane.
# /apikey revoke with a number no key has.
#   $id: the number given
console-apikey-not_found = Nie ma klucza API { $id }.
# /apikey with wrong arguments. Keep the commands and <arguments> as they are.
#   $scopes: the scopes a key may hold
console-apikey-usage = Użycie: /apikey list, /apikey create <name> <scope…>, /apikey revoke <id>. Uprawnienia: { $scopes }

# frequency and pause (bot/routers/pause.py: /limits)
# /limits: the title above the shop's frequency limits.
console-limits-title = Limity częstotliwości sklepu (dla wszystkich klientów; klienci mogą je tylko zaostrzyć):
# /limits: one limit.
#   $scope: a permission, or "all" (all messages)
#   $period: day, week or month
#   $n: at most this many messages
console-limits-line = { $scope }: najwyżej { $n } na { $period }
# /limits when the shop has none (the weekly cap still applies).
console-limits-none = brak (tylko limit tygodniowy)
# /limits usage. Keep the command and <arguments> as they are.
#   $scopes: the scopes a limit may name
#   $periods: the periods
console-limits-usage = Użycie: /limits <scope> <period> <N|off>. Zgody: { $scopes }. Okresy: { $periods }. Przykład: /limits offers week 1

# sequences and gift window (bot/routers/staff/sequences.py: /sequence, /gift)
# /sequence: the segment of a sequence for every customer (no interest or stage chosen).
console-sequence-everyone = wszyscy
# /sequence list: one sequence.
#   $id: its number; $name: its name; $status: draft, active, paused or ended
#   $trigger: the event that enters customers (grant, grant:<scope>, purchase, sample)
#   $segment: interest:<slug> / stage:<stage> choices, or everyone
#   $steps: number of steps; $entered: customers who entered it
console-sequence-line = #{ $id } { $name } [{ $status }]: zdarzenie { $trigger }, segment: { $segment }; kroki: { $steps }, weszło: { $entered }
# /sequence list when there is none.
console-sequence-none = Nie ma jeszcze sekwencji.
# /sequence create: done. Keep the commands and <arguments> as they are.
#   $id: the new sequence's number; $name: its name
console-sequence-created = Sekwencja #{ $id } «{ $name }» utworzona jako szkic. Dodaj kroki: /sequence step { $id } <delay> <scope> <text>, potem /sequence start { $id }.
# /sequence with a number that names no sequence.
#   $ref: what was typed
console-sequence-not_found = Nie ma sekwencji { $ref }.
# /sequence step on an ended sequence.
#   $id: the sequence's number
console-sequence-is_ended = Sekwencja #{ $id } jest zakończona: nie przyjmuje nowych kroków.
# /sequence step: done.
#   $id: the sequence's number; $n: the step's number
#   $delay: the delay after the previous step (30m, 2h, 3d); $scope: the permission it is sent within
console-sequence-step_added = Krok { $n } sekwencji #{ $id }: { $delay } po poprzednim, w ramach { $scope }.
# /sequence start|pause|end not possible from the current status.
#   $id: the sequence's number; $status: its status (draft, active, paused, ended)
console-sequence-cannot = Sekwencja #{ $id } ma stan { $status }: teraz to niemożliwe.
# /sequence start of a sequence without steps.
#   $id: the sequence's number
console-sequence-no_steps = Sekwencja #{ $id } nie ma jeszcze kroków: najpierw dodaj krok.
# /sequence end: done.
#   $id: the sequence's number; $n: customers who were in it and left it now
console-sequence-ended = Sekwencja #{ $id } zakończona; klienci, którzy w niej byli i wyszli: { $n }.
# /sequence start or pause: done.
#   $id: the sequence's number; $status: active or paused
console-sequence-status = Sekwencja #{ $id } ma teraz stan { $status }.
# /sequence stats: the first line.
#   $id, $name, $status: the sequence
#   $entered: customers who entered; $active: still in it; $done: got to the end; $left: left it (a withdrawal, or the sequence ended)
console-sequence-stats_title = #{ $id } { $name } [{ $status }]: weszło { $entered }, w niej { $active }, doszło do końca { $done }, wyszło { $left }
# /sequence stats: one step.
#   $n: its number; $scope: its permission; $delay: its delay (30m, 2h, 3d)
#   $queued: messages queued; $sent: delivered; $delivery: delivered / queued in %
#   $responded: customers who pressed its button; $response: responded / delivered in %
console-sequence-stats_step = Krok { $n } ({ $scope }, po { $delay }): w kolejce { $queued }, dostarczono { $sent } ({ $delivery }), odpowiedziało { $responded } ({ $response })
# /sequence usage. Keep the commands, <arguments> and words like interest:, stage: as they are.
#   $events: the events; $scopes: the permissions a step can be sent within
console-sequence-usage = Użycie: /sequence [list]; /sequence create <name> <event> [interest:<slug>…] [stage:<stage>…]; /sequence step <id> <delay> <scope> <text>; /sequence start|pause|end|stats <id>. Zdarzenia: { $events }. Zgody: { $scopes }. Opóźnienia: 30m, 2h, 3d.
# /gift off: done.
console-gift-off = Okno urodzinowego prezentu wyłączone.
# /gift usage. Keep the commands and <arguments> as they are.
#   $max: the longest window in days
console-gift-usage = Użycie: /gift; /gift set <days 0–{ $max }> <reminder days|none> <perk text>; /gift off. Przypomnienie przychodzi po urodzinach: mniej dni niż okno.
# /gift when no window is set.
console-gift-none = Nie ustawiono okna urodzinowego prezentu (kod /perk, jeśli jest, idzie z życzeniami).
# /gift: the reminder part.
#   $n: days before the perk expires
console-gift-remind = przypomnienie { $n } dn. przed końcem ważności
# /gift: no reminder.
console-gift-no_reminder = bez przypomnienia
# /gift: the window in force.
#   $perk: the perk as set; $days: days before and after the birthday
#   $remind: console-gift-remind or console-gift-no_reminder
console-gift-show = Urodzinowy prezent: { $perk }; dni przed i po urodzinach, gdy jest ważny (i z takim wyprzedzeniem o nim piszemy): { $days }; { $remind }.
# /help: the /sequence line.
console-help-sequence = /sequence — sekwencje wiadomości: list, create, step, start, pause, end, stats
# /help: the /gift line.
console-help-gift = /gift — okno urodzinowego prezentu: /gift set <days> <reminder days|none> <perk>, /gift off

# ab tests, reasons, win-back (bot/routers/staff/campaigns.py, bot/reports.py, bot/abtest.py)
# /campaign, after "A/B test first" (console-campaign-ab_test) was pressed: what the test does; console-campaign-ab_share follows on the next line.
console-campaign-ab_mode = Najpierw przetestować warianty? Test A/B wysyła je części odbiorców; gdy jego okno się skończy, zwycięzca sam trafi do pozostałych (pierwszy wariant, jeśli różnica nie jest istotna).
# Button beside "Variants done": an A/B test first (plain text).
console-campaign-ab_test = Najpierw test A/B
# /campaign: which share of the audience gets the test; buttons with percentages follow.
console-campaign-ab_share = Jaka część odbiorców dostanie test?
# /campaign: what decides the winner; buttons follow.
console-campaign-ab_criterion = Co wyłania zwycięzcę? Wybierane teraz; nie zmienia się w trakcie testu.
# Button: presses of the button under the message decide (plain text).
console-campaign-ab_press = Kliknięcia przycisku
# Button: purchases after the message decide (plain text).
console-campaign-ab_purchase = Zakupy
# /campaign: the length of the test window, typed.
#   $max: the largest number of days taken
console-campaign-ab_window = Ile dni trwa test? Wpisz liczbę od 1 do { $max }. Gdy kryterium to zakupy, liczą się zakupy w ciągu tylu dni od doręczenia.
# A typed window that is not a whole number from 1 to $max.
#   $max: the largest number of days taken
console-campaign-ab_window_invalid = Wpisz całkowitą liczbę dni od 1 do { $max }.
# /campaign: the significance level of the decision; buttons with percentages follow.
console-campaign-ab_level = Poziom istotności decyzji? (Zwykle 5 %; niższy poziom wymaga wyraźniejszej różnicy.)
# A line of the campaign summary before launch.
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $days: the test window in days
#   $level: the significance level, e.g. "5%"
console-campaign-ab_summary = Test A/B: { $share } odbiorców, dni: { $days }, kryterium — { $criterion }, poziom { $level }.
# After launching an A/B test.
#   $id: the campaign's number
#   $n: messages queued for the test group
#   $ends: when the decision is taken (YYYY-MM-DD HH:MM, UTC)
console-campaign-ab_launched =
    { $n ->
        [one] Kampania #{ $id }: test A/B uruchomiony, { $n } wiadomość w kolejce dla grupy testowej. Decyzja zapadnie raz, { $ends } UTC; wtedy zwycięzca trafi do pozostałych.
        [few] Kampania #{ $id }: test A/B uruchomiony, { $n } wiadomości w kolejce dla grupy testowej. Decyzja zapadnie raz, { $ends } UTC; wtedy zwycięzca trafi do pozostałych.
        [many] Kampania #{ $id }: test A/B uruchomiony, { $n } wiadomości w kolejce dla grupy testowej. Decyzja zapadnie raz, { $ends } UTC; wtedy zwycięzca trafi do pozostałych.
       *[other] Kampania #{ $id }: test A/B uruchomiony, { $n } wiadomości w kolejce dla grupy testowej. Decyzja zapadnie raz, { $ends } UTC; wtedy zwycięzca trafi do pozostałych.
    }
# The criterion "presses" (the $criterion of other texts).
console-report-ab_by_press = kliknięcia przycisku
# The criterion "purchases" (the $criterion of other texts).
#   $days: purchases within this many days of the delivery count
console-report-ab_by_purchase =
    { $days ->
        [one] zakupy w ciągu { $days } dnia
        [few] zakupy w ciągu { $days } dni
        [many] zakupy w ciągu { $days } dni
       *[other] zakupy w ciągu { $days } dnia
    }
# /report: an A/B test still running (no figure decides before its end).
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $level: the significance level, e.g. "5%"
#   $ends: when the decision is taken (YYYY-MM-DD HH:MM, UTC)
console-report-ab_running = Test A/B na { $share } odbiorców, kryterium — { $criterion }, poziom { $level }: trwa; decyzja zapadnie raz, { $ends } UTC.
# /report: a decided A/B test, its figures.
#   $when: when it was decided (YYYY-MM-DD HH:MM, UTC)
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $arms: each variant's figures (console-report-ab_arm), separated by "; "
console-report-ab_decided = Test A/B na { $share } odbiorców, decyzja { $when } UTC, kryterium — { $criterion }: { $arms }.
# One variant's figures in console-report-ab_decided.
#   $variant: A, B, C or D
#   $successes: customers who met the criterion
#   $delivered: messages delivered in the test
#   $rate: the share, e.g. "12.5%"
console-report-ab_arm = { $variant } { $successes } z { $delivered } ({ $rate })
# /report: the decision when the best variant beat the first one significantly.
#   $winner: the winning variant; $first: the first variant (A)
#   $p: the p-value (Fisher's exact test); $level: the level compared with, e.g. "5%"
#   $rest: messages queued for the rest of the audience
console-report-ab_significant = { $winner } jest lepszy niż { $first }: dokładny test Fishera p = { $p }, poniżej poziomu { $level }, więc do pozostałych trafił { $winner } (wiadomości: { $rest }).
# /report: the decision when the difference is not significant.
#   $challenger: the best other variant; $first: the first variant (A)
#   $p: the p-value (Fisher's exact test); $level: the level compared with, e.g. "5%"
#   $rest: messages queued for the rest of the audience
console-report-ab_not_significant = { $challenger } wobec { $first }: dokładny test Fishera p = { $p }, nie poniżej poziomu { $level }, więc do pozostałych trafił pierwszy wariant { $first } (wiadomości: { $rest }).
# /report: the decision when there was nothing to compare.
#   $first: the first variant (A)
#   $rest: messages queued for the rest of the audience
console-report-ab_no_data = Nie ma czego porównać (jakiś wariant nie trafił do nikogo albo nikt nie spełnił kryterium), więc do pozostałych trafił pierwszy wariant { $first } (wiadomości: { $rest }).
# /report: per campaign, customers who withdrew after its message (within 7 days).
#   $left: customers who withdrew
#   $delivered: messages delivered
#   $rate: the share, e.g. "2.5%"
console-report-unsubscribed = wypisali się po niej: { $left } z { $delivered } ({ $rate })
# /stats and /report: customers who withdrew in the last 7 days, by reason.
#   $reasons: "reason: count" parts (console-stats-reason-*), comma-separated
console-stats-reasons = Wycofania zgód w tym tygodniu wg powodu (klienci): { $reasons }
# The same line when nobody withdrew.
console-stats-reasons_none = Wycofania zgód w tym tygodniu wg powodu: brak
# Reasons of a withdrawal (parts of console-stats-reasons): the button under a delivered message.
console-stats-reason-message_button = przycisk pod wiadomością
# Reason of a withdrawal: a permission switched off in /preferences.
console-stats-reason-preferences = ustawienia
# Reason of a withdrawal: /stop or the Stop-all button.
console-stats-reason-stop = /stop
# Reason of a withdrawal: words (a message asking to stop).
console-stats-reason-words = słowami
# Reason of a withdrawal: the customer blocked the bot.
console-stats-reason-blocked = zablokowali bota
# Reason of a withdrawal: a staff member.
console-stats-reason-staff = personel
# Reason of a withdrawal: the customer erased their data.
console-stats-reason-erasure = usunięcie (/forget)
# Reason of a withdrawal: no activity for months: the lifecycle job made the customer former.
console-stats-reason-inactive = brak aktywności (został byłym)
# /stats and /report: the unsubscribe rate of each campaign.
#   $campaigns: one part per campaign (console-stats-unsubscribe_campaign), comma-separated
console-stats-unsubscribe = Odsetek wypisań wg kampanii (w ciągu 7 dni od jej wiadomości): { $campaigns }
# One campaign in console-stats-unsubscribe.
#   $id: the campaign's number
#   $rate: the share, e.g. "2.5%"
#   $left: customers who withdrew
#   $delivered: messages delivered
console-stats-unsubscribe_campaign = #{ $id } { $rate } ({ $left }/{ $delivered })

## Staff follow-ups (bot/routers/staff/help.py, bot/routers/staff/campaigns.py): /limits in /help, paused customers in the campaign preview.
# Staff /help: one line about /limits (bot/routers/pause.py). Keep the command and its <arguments> as they are.
console-help-limits = /limits — limity częstotliwości sklepu; /limits <scope|all> <day|week|month> <N|off> — ustawić lub usunąć
# Campaign summary, after the audience line, when some of the audience have paused messages at the campaign's send time.
#   $paused: how many of the audience (the line before) have a pause running then
console-campaign-audience_paused = Wstrzymane wiadomości w czasie wysyłki: { $paused } z nich (nie dostaną nic, chyba że wcześniej wznowią).
