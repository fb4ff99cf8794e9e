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
staff-role_denied = Ваша роль ({ $role }) не може використовувати цю команду; дозволено: { $roles }.

## /staff: staff management (owners only)

# /staff when the staff table is empty.
staff-none = Немає персоналу, крім власників з ADMIN_IDS.
# /staff add.
#   $user: the Telegram id added
#   $role: the role given
staff-added = Користувач { $user } тепер { $role }.
# /staff remove.
#   $user: the Telegram id removed
staff-removed = Користувач { $user } більше не персонал.
# /staff remove of someone who is not staff.
#   $user: the Telegram id given
staff-not_staff = Користувач { $user } не є персоналом; нічого не змінено.
# /staff remove of an owner from the configuration.
#   $user: the Telegram id given
staff-configured_owner = Користувач { $user } — власник з ADMIN_IDS (конфігурація), цього /staff змінити не може: вилучіть id з ADMIN_IDS і перезапустіть бота.
# /staff with wrong arguments.
staff-usage_staff = Використання: /staff, /staff add <user_id> <owner|marketer|support>, /staff remove <user_id>

## Samples

# /sample_new with wrong arguments.
staff-usage_sample_new =
    Використання: /sample_new <category> <stock> <days valid> <product name>
    Приклад: /sample_new coffee 50 14 Ethiopian Yirgacheffe 100 g
# /sample_new with a category that does not exist.
#   $slug: the category typed
#   $slugs: the existing categories, comma-separated
staff-unknown_category = Невідома категорія { $slug }. Категорії: { $slugs }
# /sample_new done.
#   $id: the offer's number
#   $product: the product name
#   $stock: how many samples there are
#   $expires: the last day (YYYY-MM-DD)
staff-sample_created = Пропозицію зразка #{ $id } створено: { $product }, запас { $stock }, дійсна до { $expires }.
# After /sample_new: how many customers the offer was queued for.
#   $added: that number
staff-sample_enqueued =
    { $added ->
        [one] Запропоновано { $added } клієнту з дозволом на зразки й відповідним інтересом.
        [few] Запропоновано { $added } клієнтам з дозволом на зразки й відповідним інтересом.
        [many] Запропоновано { $added } клієнтам з дозволом на зразки й відповідним інтересом.
       *[other] Запропоновано { $added } клієнтам з дозволом на зразки й відповідним інтересом.
    }
# /samples when there are none.
staff-no_samples = Пропозицій зразків ще немає.
# An offer or request number that does not exist.
staff-not_found = Не знайдено.
# /sample_close done.
#   $id: the offer's number
#   $cancelled: how many queued offers were dropped
staff-sample_closed =
    { $cancelled ->
        [one] Пропозицію зразка #{ $id } закрито; скасовано { $cancelled } повідомлення в черзі (не надіслано).
        [few] Пропозицію зразка #{ $id } закрито; скасовано { $cancelled } повідомлення в черзі (не надіслано).
        [many] Пропозицію зразка #{ $id } закрито; скасовано { $cancelled } повідомлень у черзі (не надіслано).
       *[other] Пропозицію зразка #{ $id } закрито; скасовано { $cancelled } повідомлень у черзі (не надіслано).
    }
# /requests when there are none.
staff-no_requests = Немає запитів на зразки, що чекають.
# /fulfil of a request already delivered.
#   $id: the request's number
staff-already_delivered = Запит #{ $id } уже позначено доставленим.
# /fulfil done.
#   $id: the request's number
#   $feedback: the text staff-yes or staff-no
staff-fulfilled = Запит #{ $id } позначено доставленим. Запит відгуку заплановано: { $feedback }.
# Answer to "feedback request scheduled".
staff-yes = так
# Answer to "feedback request scheduled" when the customer did not allow feedback requests.
staff-no = ні (немає дозволу на запити відгуку)

## Purchases and customers

# /purchase with wrong arguments.
staff-usage_purchase = Використання: /purchase <customer id | @username> <product> [amount]
# No customer with that id or username.
#   $ref: what was typed
staff-no_customer = Немає клієнта { $ref }.
# A username that several customers had; a list "id: name @username, last seen …" follows.
#   $ref: the username typed
#   $count: how many customers match
staff-ambiguous_customer =
    { $count ->
        [one] { $ref } відповідає { $count } клієнт; нічого не зроблено. Вкажіть одного за id:
        [few] { $ref } відповідають { $count } клієнти; нічого не зроблено. Вкажіть одного за id:
        [many] { $ref } відповідають { $count } клієнтів; нічого не зроблено. Вкажіть одного за id:
       *[other] { $ref } відповідають { $count } клієнта; нічого не зроблено. Вкажіть одного за id:
    }
# The same when more customers match than are listed.
#   $ref: the username typed
#   $count: how many are listed (more match)
staff-ambiguous_customer_many = { $ref } відповідають понад { $count } клієнтів; нічого не зроблено. Вкажіть одного за id:
# One customer of that list.
#   $id: the customer's Telegram id
#   $name: their name
#   $username: their username (without @)
#   $last_seen: the date they last wrote (YYYY-MM-DD)
staff-customer_line = { $id }: { $name } @{ $username }, востаннє { $last_seen }
# /purchase done.
#   $id: the purchase's number
#   $customer: the customer's Telegram id
#   $product: the product
#   $stage: the customer's stage now (a stage name)
#   $feedback: the text staff-yes or staff-no
staff-purchase_recorded = Покупку #{ $id } записано для { $customer }: { $product }. Етап: { $stage }. Запит відгуку заплановано: { $feedback }.
# /perk with wrong arguments.
staff-usage_perk = Використання: /perk <code> (код подарунка на день народження) або /perk off
# /perk done.
#   $code: the code set (or "off")
staff-perk_set = Подарунок на день народження: { $code }.

## /customer: one customer's record

# Heading of /customer (in bold); name and @username follow.
#   $id: the customer's Telegram id
console-customer-title = Клієнт { $id }
# Second line of /customer.
#   $language: the customer's language code
#   $stage: their stage (a stage name)
#   $reachable: whether messages reach them: the text console-customer-reachable_yes or -reachable_no
#   $purchases: how many purchases
#   $last_seen: the date they last wrote (YYYY-MM-DD)
console-customer-state = мова { $language }, етап { $stage }, досяжний { $reachable }, покупок { $purchases }, востаннє { $last_seen }
# The permissions allowed now.
#   $scopes: scope names, comma-separated, or the text console-none
console-customer-scopes = дозволи: { $scopes }
# "Nothing" in /customer lists.
console-none = немає
# The customer's preferences (owners and marketers only).
#   $birthday: DD.MM or DD.MM.YYYY, or -
#   $interests: category names, or -
#   $zone: a time zone, or -
#   $quiet: quiet hours (HH:MM–HH:MM), or -
#   $cap: the weekly limit, or the text console-customer-cap_default
console-customer-preferences = день народження { $birthday }, інтереси { $interests }, часовий пояс { $zone }, тихі години { $quiet }, тижневий ліміт { $cap }
# The weekly limit when the customer chose none.
console-customer-cap_default = типовий
# Heading (bold) of the consent history.
console-customer-consent_history = Історія дозволів
# One entry of the consent history.
#   $at: date and time (UTC)
#   $action: grant or withdraw
#   $scope: the scope name
#   $method: how (button, command, words …)
console-customer-consent_event = { $at } { $action } { $scope } через { $method }
# After a consent entry given by a button: which message it was under.
#   $id: the message id
console-customer-consent_message = (повідомлення { $id })
# Heading (bold) of the stage history.
console-customer-stage_history = Історія етапів
# Heading (bold) of the last messages sent.
console-customer-messages = Повідомлення
# After that heading.
#   $n: how many are listed
console-customer-messages_shown = (останні { $n })
# The same for support staff, who do not see birthday greetings (they give the birthday away).
#   $n: how many are listed
console-customer-messages_shown_support = (останні { $n }, привітання з днем народження не показано)
# Responses and feedback of the customer.
#   $responses: how many button responses are stored under their name
#   $feedback: their ratings (subject rating/5, comma-separated), or the text console-none
console-customer-responses = відповідей з ім'ям: { $responses }; відгуки: { $feedback }
# How many purchases are recorded.
#   $n: that number
console-customer-purchases = записаних покупок: { $n }

## /campaign: the guided campaign dialogue

# First question of /campaign; the goals follow as buttons. Keep the goal names.
console-campaign-start =
    Нова кампанія. Яка її мета?
    acquisition = привести друга, development = допродаж / крос-продаж, retention = утримання, winback = повернення. /cancel — вийти.
# /cancel in the dialogue, or the Cancel button.
console-campaign-cancelled = Кампанію скасовано; нічого не надіслано.
# Pop-up for a button of an earlier step.
console-campaign-expired = Ця кнопка вже не діє.
# After the goal.
console-campaign-name = Назва кампанії?
# The segment steps, choices as buttons: which stages.
console-campaign-stages = Цільові етапи (жодного = усі):
# Which customer languages.
console-campaign-languages = Мови (жодної = усі):
# Which interests (categories).
console-campaign-interests = Інтереси (жодного = будь-які):
# Button to the next segment step (plain text).
console-campaign-next = Далі ▶
# Typed text at the goal step (answered with buttons).
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-goal = Оберіть мету кнопкою вище: { $buttons }.
# Typed text at a segment step.
#   $buttons: the labels of the button that moves on, each quoted (console-campaign-button), comma-separated
console-campaign-hint-segment = Позначте вибір кнопками вище, потім натисніть { $buttons }.
# Typed text at the step after a variant.
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-more = Натисніть кнопку вище: { $buttons }.
# Typed text at the summary.
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-confirm = Натисніть кнопку вище: { $buttons }.
# A photo, sticker … at a typed step.
console-campaign-need_text = Напишіть, будь ласка, відповідь текстом.
# Appended to those hints.
console-campaign-leave = /cancel — вийти з кампанії.
# After the segment steps. Keep "-N".
console-campaign-active_days = Лише клієнти, активні за останні N днів? Напишіть число (0 = будь-які; від'ємне -N = неактивні N днів, для повернення).
# A number of days out of range.
#   $max: the largest number allowed
console-campaign-days_invalid = Напишіть ціле число днів (щонайбільше { $max } або -{ $max }).
# After the days question.
console-campaign-min_purchases = Мінімальна кількість покупок? (0 = будь-яка)
# Not a whole number (or too large) for the purchases question.
console-campaign-whole_number = Напишіть ціле число.
# Keep '-' (typed for "no offer").
console-campaign-offer = Пропозиція одним рядком (або '-', якщо немає):
# After the offer: the first message variant.
console-campaign-variant_first = Варіант A: напишіть повідомлення.
# After "Add a variant".
#   $variant: the variant's letter (B, C, D)
console-campaign-variant_next = Варіант { $variant }: напишіть повідомлення. Змінюйте між варіантами лише один елемент.
# After a variant; buttons follow.
#   $n: how many variants there are
console-campaign-variants =
    { $n ->
        [one] { $n } варіант.
        [few] { $n } варіанти.
        [many] { $n } варіантів.
       *[other] { $n } варіанта.
    }
# Button after a variant (plain text).
console-campaign-add_variant = Додати варіант
# Button after a variant (plain text).
console-campaign-variants_done = Варіанти готові
# The schedule question.
#   $now: the word to type for "now" (shown as code; staff type it in English)
console-campaign-schedule = Коли? Напишіть { $now } або час UTC, наприклад 2026-12-01 10:00.
# Keep the word now: staff type it in English.
console-campaign-schedule_invalid = Напишіть now або час, наприклад 2026-12-01 10:00 (UTC).
# After the schedule.
console-campaign-budget = Бюджет? (число, 0 = без бюджету)
# Not a number for the budget.
console-campaign-budget_invalid = Напишіть число (0 = без бюджету).
# After the budget.
console-campaign-target = Критерій успіху: цільова частка відповідей у % (наприклад, 30)?
# Out of range for the target.
console-campaign-target_invalid = Напишіть відсоток від 1 до 100.
# The summary before launch (after the campaign's name and goal).
#   $segment: who is targeted (console-segment-* texts, joined by "; ")
#   $variants: how many variants
#   $schedule: a UTC time, or the text console-campaign-now
#   $budget: the budget, or -
#   $target: the target response rate in percent
console-campaign-summary =
    сегмент: { $segment }
    варіантів: { $variants }, час: { $schedule }, бюджет: { $budget }, ціль: { $target }%
# Schedule "now" in the summary.
console-campaign-now = зараз
# Bold line of the summary.
#   $size: how many customers would get it
console-campaign-audience = Аудиторія після фільтра дозволів: { $size }
# After that line.
console-campaign-audience_note = (лише клієнти з дозволом на пропозиції).
# Button of the summary (plain text).
console-campaign-launch = 🚀 Запустити
# Button of the summary (plain text).
console-campaign-cancel = Скасувати
# After Launch.
#   $id: the campaign's number
#   $n: how many messages were queued
console-campaign-launched =
    { $n ->
        [one] Кампанію #{ $id } запущено: { $n } повідомлення в черзі для клієнтів із дозволом на пропозиції.
        [few] Кампанію #{ $id } запущено: { $n } повідомлення в черзі для клієнтів із дозволом на пропозиції.
        [many] Кампанію #{ $id } запущено: { $n } повідомлень у черзі для клієнтів із дозволом на пропозиції.
       *[other] Кампанію #{ $id } запущено: { $n } повідомлень у черзі для клієнтів із дозволом на пропозиції.
    }

## The segment of a campaign as staff read it (joined by "; ")

#   $values: the chosen stages / languages / interests, comma-separated
console-segment-stages = етапи: { $values }
#   $values: the chosen languages, comma-separated
console-segment-languages = мови: { $values }
#   $values: the chosen interests, comma-separated
console-segment-interests = інтереси: { $values }
#   $n: a number of days
console-segment-active =
    { $n ->
        [one] активні за останній { $n } день
        [few] активні за останні { $n } дні
        [many] активні за останні { $n } днів
       *[other] активні за останні { $n } дня
    }
#   $n: a number of days
console-segment-inactive =
    { $n ->
        [one] неактивні { $n } день
        [few] неактивні { $n } дні
        [many] неактивні { $n } днів
       *[other] неактивні { $n } дня
    }
#   $n: a number of purchases
console-segment-min_purchases =
    { $n ->
        [one] щонайменше { $n } покупка
        [few] щонайменше { $n } покупки
        [many] щонайменше { $n } покупок
       *[other] щонайменше { $n } покупки
    }
# The segment when nothing narrows it.
console-segment-all = усі

## Reports, exports, categories, audit

# Caption of the /report chart.
console-report-caption = Воронка і частка відповідей
# /stats and /report: heading of the lifecycle funnel (bold).
console-stats-funnel = Воронка життєвого циклу
# After that heading: what the two numbers of each stage line are ("friend: 12 / 30").
console-stats-funnel_note = (зараз / будь-коли досягли)
# /stats and /report: heading of the number of customers who allowed each scope (bold).
console-stats-scopes = Клієнти за дозволами
# /stats: the consent flow of the last 7 days.
#   $opt_ins: the text console-stats-opt_ins
#   $withdrawals: the text console-stats-withdrawals
console-stats-week = Цього тижня: { $opt_ins }, { $withdrawals }
# Part of console-stats-week.
#   $n: how many permissions were granted in the last 7 days
console-stats-opt_ins =
    { $n ->
        [one] { $n } згода
        [few] { $n } згоди
        [many] { $n } згод
       *[other] { $n } згоди
    }
# Part of console-stats-week.
#   $n: how many permissions were withdrawn in the last 7 days
console-stats-withdrawals =
    { $n ->
        [one] { $n } відкликання
        [few] { $n } відкликання
        [many] { $n } відкликань
       *[other] { $n } відкликання
    }
# /stats: stage changes of the last 7 days.
#   $moves: each stage and how many moved into it, e.g. "→friend 3, →customer 1"
console-stats-moves = Переходи між етапами цього тижня: { $moves }
# /report and /campaigns when there are no campaigns.
console-report-no_campaigns = Кампаній ще немає.
# /report and /campaigns: heading of the totals over all campaigns (bold, followed by ": ").
console-report-all = Усі кампанії
# The totals over all campaigns, after console-report-all and ": ".
#   $count: how many campaigns
#   $delivered: how many messages were delivered
#   $conversions: how many purchases or referrals followed them
console-report-totals = { $count }; доставлено: { $delivered }, конверсії: { $conversions }
# After the totals: messages delivered per conversion.
#   $ratio: e.g. "2.0:1"
console-report-per_conversion = доставлено на одну конверсію: { $ratio }
# After the totals when nothing converted yet.
console-report-no_conversions = конверсій ще немає
# After a campaign's name, goal and status.
#   $rate: the response rate it aims at, e.g. "30%"
console-report-target = цільова частка відповідей { $rate }
# Verdict of a variant (the text $verdict of console-report-variant).
console-report-nothing_delivered = ще нічого не доставлено
# Verdict of a variant: its response rate reaches the target.
console-report-meets_target = ціль досягнуто
# Verdict of a variant: its response rate is below the target.
console-report-below_target = нижче цілі
# A variant with no buyers yet (the text $ratio of console-report-variant).
console-report-no_buyers = покупців ще немає
# One variant of a campaign (A, B …).
#   $variant: the variant's letter
#   $queued: messages queued
#   $delivered: messages delivered
#   $responded: customers who responded
#   $rate: the response rate, e.g. "12.5%"
#   $verdict: one of the texts console-report-nothing_delivered, -meets_target, -below_target
#   $converted: conversions (purchases or referrals)
#   $ratio: customers informed per buyer, e.g. "2.0:1", or the text console-report-no_buyers
console-report-variant = { $variant }: у черзі { $queued }, доставлено { $delivered }, відповіли { $responded } ({ $rate }, { $verdict }), конверсії: { $converted }; поінформованих на одного покупця: { $ratio }
# A campaign with several variants: whether their response rates differ (chi-squared test).
#   $result: one of the texts console-report-not_enough_data, -significant, -not_significant
console-report-difference = різниця: { $result }
# The difference between variants cannot be tested yet.
console-report-not_enough_data = замало даних
# The difference between variants is significant at the 5 % level.
#   $p: the p-value, e.g. "0.0123"
console-report-significant = p = { $p } (значуща на рівні 5 %)
# The difference between variants is not significant at the 5 % level.
#   $p: the p-value, e.g. "0.2345"
console-report-not_significant = p = { $p } (незначуща на рівні 5 %)
# Caption of /export segment.
#   $n: how many customers are in the file
console-export-customers =
    { $n ->
        [one] { $n } клієнт
        [few] { $n } клієнти
        [many] { $n } клієнтів
       *[other] { $n } клієнта
    }
# Caption of /export.
console-export-ledger = Журнал дозволів
# /categories when there are none.
console-categories-none = Категорій немає.
# After a category's name in /categories.
console-categories-disabled = (вимкнено)
#   $slug: the category's slug
console-categories-added = Категорію { $slug } додано.
#   $slug: the category's slug
console-categories-renamed = Категорію { $slug } перейменовано.
#   $slug: the category's slug
console-categories-enabled = Категорію { $slug } увімкнено.
#   $slug: the category's slug
console-categories-disabled_now = Категорію { $slug } вимкнено.
# /categories with wrong arguments. Keep <en> <uk> <ru> <pl>: they are the languages' codes.
console-categories-usage = Використання: /categories, /categories add <slug> <en> <uk> <ru> <pl>, /categories rename <slug> <lang> <name>, /categories disable|enable <slug>
# /audit when nothing is logged.
console-audit-empty = Журнал аудиту порожній.

# webhooks (bot/routers/staff/webhooks.py): /webhook, outgoing webhooks to the shop's systems.
# After /webhook add. The secret is shown this once: the shop verifies signatures with it.
#   $id: the endpoint's number; $url: its URL; $events: the events it receives, comma-separated
#   $secret: the signing secret (whsec_...)
console-webhook-added = Вебхук { $id } додано: { $url } ({ $events }). Секрет підпису, показаний лише зараз: { $secret }
# /webhook add with a URL or events that are not accepted.
#   $reason: what is wrong (English, from the code); $events: the events that exist
console-webhook-invalid = Не додано: { $reason }. Події: { $events }
# One line of /webhook list.
#   $id: the endpoint's number; $url: its URL; $events: the events it receives
console-webhook-list_line = { $id }: { $url } ({ $events })
# /webhook list when no webhook is configured.
console-webhook-none = Вебхуків немає. Додайте: /webhook add <url>.
#   $id: the endpoint's number
console-webhook-removed = Вебхук { $id } видалено; його незавершені доставки скасовано, журнал залишається.
#   $id: the number typed
console-webhook-not_found = Активного вебхука { $id } немає.
# One line of /webhook log (newest first).
#   $id: the delivery's number; $endpoint: the webhook's number; $event: e.g. consent.withdrawn
#   $scope: the scope or "-"; $customer: the Telegram id or "-"; $status: pending, sending, delivered or failed
#   $attempts: attempts so far; $http: the last HTTP status or "-"; $error: the last error or "-"; $at: when the event happened (UTC)
console-webhook-log_line = #{ $id } → { $endpoint } { $at } { $event } { $scope } клієнт { $customer }: { $status }, спроб { $attempts }, HTTP { $http }, { $error }
# /webhook log when nothing was delivered yet.
console-webhook-log_empty = Доставок вебхуків ще не було.
# /webhook with wrong arguments.
#   $events: the events that exist
console-webhook-usage = Використання: /webhook list, /webhook add <url> [події], /webhook remove <id>, /webhook log [<id>]. Події: { $events }

## Consent records (bot/consent/records.py) in /export.
# Caption of the JSON lines file /export sends beside the ledger CSV.
#   $n: how many records (ledger events) are in the file
console-export-records =
    { $n ->
        [one] { $n } запис про згоду (ISO/IEC TS 27560, JSON lines)
        [few] { $n } записи про згоду (ISO/IEC TS 27560, JSON lines)
        [many] { $n } записів про згоду (ISO/IEC TS 27560, JSON lines)
       *[other] { $n } запису про згоду (ISO/IEC TS 27560, JSON lines)
    }

## Staff console hints
# staff console hints: what to press, an empty audience, /customer usage, staff /help

# One button label named in a hint (console-campaign-hint-*), in the quotation marks of your language.
#   $label: the button's label as shown
console-campaign-button = «{ $label }»
# Launch was pressed while no customer is in the campaign's audience: asked once more; buttons follow.
console-campaign-empty_audience = Аудиторія — 0: зараз жоден клієнт із дозволом на пропозиції не відповідає цьому сегменту, тож нічого не буде надіслано. Все одно запустити (кампанію буде записано з 0 повідомлень) чи скасувати?
# Button after that question (plain text): launch although nobody will get it.
console-campaign-launch_anyway = 🚀 Все одно запустити
# /customer without a customer.
console-customer-usage = Використання: /customer <customer id | @username> — що бот знає про клієнта і що йому надсилав.
# In /customer: messages reach the customer (the text $reachable of console-customer-state).
console-customer-reachable_yes = так
# In /customer: messages do not reach the customer (they blocked the bot, or were erased).
console-customer-reachable_no = ні
# Staff /help: heading (bold); the commands of the staff member's role follow, one a line.
#   $role: their role (owner, marketer or support)
console-help-title = Ваші команди (роль { $role }):
# Staff /help: last line, the commands every customer has (staff are customers too).
console-help-as_customer = Як клієнт бота ви також маєте /start, /preferences, /mydata, /stop, /forget і /language.
# Staff /help: one line about /customer. Keep the command and its <arguments> as they are.
console-help-customer = /customer <id | @username> — що бот знає про клієнта і що йому надсилав
# Staff /help: one line about /purchase. Keep the command and its <arguments> as they are.
console-help-purchase = /purchase <customer> <product> [amount] — записати покупку (далі запит відгуку, де дозволено)
# Staff /help: one line about /sample_new. Keep the command and its <arguments> as they are.
console-help-sample_new = /sample_new <category> <stock> <days> <product> — запропонувати безкоштовні зразки зацікавленим клієнтам
# Staff /help: one line about /samples. Keep the command and its <arguments> as they are.
console-help-samples = /samples — пропозиції зразків
# Staff /help: one line about /sample_close. Keep the command and its <arguments> as they are.
console-help-sample_close = /sample_close <offer> — закрити пропозицію; її повідомлення в черзі не буде надіслано
# Staff /help: one line about /requests. Keep the command and its <arguments> as they are.
console-help-requests = /requests — прийняті пропозиції зразків, які треба надіслати
# Staff /help: one line about /fulfil. Keep the command and its <arguments> as they are.
console-help-fulfil = /fulfil <request> — зразок доставлено (далі запит відгуку, де дозволено)
# Staff /help: one line about /campaign. Keep the command and its <arguments> as they are.
console-help-campaign = /campaign — спланувати й запустити кампанію крок за кроком (/cancel — вийти)
# Staff /help: one line about /campaigns. Keep the command and its <arguments> as they are.
console-help-campaigns = /campaigns — результати кампаній
# Staff /help: one line about /stats. Keep the command and its <arguments> as they are.
console-help-stats = /stats — воронка життєвого циклу і дозволи (лише клієнти, без персоналу)
# Staff /help: one line about /report. Keep the command and its <arguments> as they are.
console-help-report = /report — діаграма воронки і результати кампаній
# Staff /help: one line about /export. Keep the command and its <arguments> as they are.
console-help-export = /export — журнал згод у CSV; /export segment <stage…> — клієнти цих етапів
# Staff /help: one line about /staff. Keep the command and its <arguments> as they are.
console-help-staff = /staff — персонал; /staff add <user_id> <role>, /staff remove <user_id>
# Staff /help: one line about /perk. Keep the command and its <arguments> as they are.
console-help-perk = /perk <code> — код подарунка на день народження; /perk off — без подарунка
# Staff /help: one line about /categories. Keep the command and its <arguments> as they are.
console-help-categories = /categories — категорії інтересів; add, rename, disable, enable
# Staff /help: one line about /audit. Keep the command and its <arguments> as they are.
console-help-audit = /audit — останні 30 дій персоналу
# Staff /help: one line about /webhook. Keep the command and its <arguments> as they are.
console-help-webhook = /webhook — вебхуки магазину: list, add <url> [події], remove <id>, log [<id>]
# Staff /help: one line about /apikey. Keep the command and its <arguments> as they are.
console-help-apikey = /apikey — API-ключі систем магазину: list, create <name> <scope…>, revoke <id>

# api keys (bot/routers/staff/apikeys.py): /apikey, keys of the shop's systems for the integration API.
# After /apikey create. The key is shown this once (only a hash of it is stored).
#   $id: the key's number; $name: its name; $scopes: what it may do; $apikey: the key itself
console-apikey-created = API-ключ { $id } «{ $name }» створено ({ $scopes }). Ключ показано лише зараз; скопіюйте його в систему магазину, а тоді видаліть це повідомлення: { $apikey }
# /apikey create that cannot be done.
#   $reason: why, in English (from the code)
console-apikey-invalid = Не створено: { $reason }
# One line of /apikey list. Keep pbk_{ $prefix }_… as it is: the start of the key.
#   $id, $name, $prefix, $scopes: the key's; $state: console-apikey-active or console-apikey-revoked_on
console-apikey-line = #{ $id } { $name } pbk_{ $prefix }_… — { $scopes } — { $state }
# The state of a key in /apikey list.
console-apikey-active = діє
# The state of a revoked key in /apikey list.
#   $at: when it was revoked (UTC)
console-apikey-revoked_on = відкликано { $at }
# /apikey list when there are none.
console-apikey-none = API-ключів ще немає.
# After /apikey revoke.
#   $id: the key's number; $name: its name
console-apikey-revoked = API-ключ { $id } «{ $name }» відкликано: відтепер виклики з ним відхиляються.
# /apikey revoke with a number no key has.
#   $id: the number given
console-apikey-not_found = API-ключа { $id } немає.
# /apikey with wrong arguments. Keep the commands and <arguments> as they are.
#   $scopes: the scopes a key may hold
console-apikey-usage = Використання: /apikey list, /apikey create <name> <scope…>, /apikey revoke <id>. Дозволи: { $scopes }

# frequency and pause (bot/routers/pause.py: /limits)
# /limits: the title above the shop's frequency limits.
console-limits-title = Обмеження частоти магазину (для всіх клієнтів; клієнти можуть лише зробити їх суворішими):
# /limits: one limit.
#   $scope: a permission, or "all" (all messages)
#   $period: day, week or month
#   $n: at most this many messages
console-limits-line = { $scope }: щонайбільше { $n } за { $period }
# /limits when the shop has none (the weekly cap still applies).
console-limits-none = немає (лише тижневий ліміт)
# /limits usage. Keep the command and <arguments> as they are.
#   $scopes: the scopes a limit may name
#   $periods: the periods
console-limits-usage = Використання: /limits <scope> <period> <N|off>. Дозволи: { $scopes }. Періоди: { $periods }. Приклад: /limits offers week 1

# sequences and gift window (bot/routers/staff/sequences.py: /sequence, /gift)
# /sequence: the segment of a sequence for every customer (no interest or stage chosen).
console-sequence-everyone = усі
# /sequence list: one sequence.
#   $id: its number; $name: its name; $status: draft, active, paused or ended
#   $trigger: the event that enters customers (grant, grant:<scope>, purchase, sample)
#   $segment: interest:<slug> / stage:<stage> choices, or everyone
#   $steps: number of steps; $entered: customers who entered it
console-sequence-line = #{ $id } { $name } [{ $status }]: подія { $trigger }, сегмент: { $segment }; кроків: { $steps }, увійшло: { $entered }
# /sequence list when there is none.
console-sequence-none = Послідовностей ще немає.
# /sequence create: done. Keep the commands and <arguments> as they are.
#   $id: the new sequence's number; $name: its name
console-sequence-created = Послідовність #{ $id } «{ $name }» створено як чернетку. Додайте кроки: /sequence step { $id } <delay> <scope> <text>, потім /sequence start { $id }.
# /sequence with a number that names no sequence.
#   $ref: what was typed
console-sequence-not_found = Немає послідовності { $ref }.
# /sequence step on an ended sequence.
#   $id: the sequence's number
console-sequence-is_ended = Послідовність #{ $id } завершено: нових кроків вона не приймає.
# /sequence step: done.
#   $id: the sequence's number; $n: the step's number
#   $delay: the delay after the previous step (30m, 2h, 3d); $scope: the permission it is sent within
console-sequence-step_added = Крок { $n } послідовності #{ $id }: через { $delay } після попереднього, у межах { $scope }.
# /sequence start|pause|end not possible from the current status.
#   $id: the sequence's number; $status: its status (draft, active, paused, ended)
console-sequence-cannot = Послідовність #{ $id } має стан { $status }: зараз це неможливо.
# /sequence start of a sequence without steps.
#   $id: the sequence's number
console-sequence-no_steps = У послідовності #{ $id } ще немає кроків: спершу додайте крок.
# /sequence end: done.
#   $id: the sequence's number; $n: customers who were in it and left it now
console-sequence-ended = Послідовність #{ $id } завершено; клієнтів, які в ній були й вийшли: { $n }.
# /sequence start or pause: done.
#   $id: the sequence's number; $status: active or paused
console-sequence-status = Послідовність #{ $id } тепер у стані { $status }.
# /sequence stats: the first line.
#   $id, $name, $status: the sequence
#   $entered: customers who entered; $active: still in it; $done: got to the end; $left: left it (a withdrawal, or the sequence ended)
console-sequence-stats_title = #{ $id } { $name } [{ $status }]: увійшло { $entered }, у ній { $active }, дійшли до кінця { $done }, вийшли { $left }
# /sequence stats: one step.
#   $n: its number; $scope: its permission; $delay: its delay (30m, 2h, 3d)
#   $queued: messages queued; $sent: delivered; $delivery: delivered / queued in %
#   $responded: customers who pressed its button; $response: responded / delivered in %
console-sequence-stats_step = Крок { $n } ({ $scope }, через { $delay }): у черзі { $queued }, доставлено { $sent } ({ $delivery }), відповіли { $responded } ({ $response })
# /sequence usage. Keep the commands, <arguments> and words like interest:, stage: as they are.
#   $events: the events; $scopes: the permissions a step can be sent within
console-sequence-usage = Використання: /sequence [list]; /sequence create <name> <event> [interest:<slug>…] [stage:<stage>…]; /sequence step <id> <delay> <scope> <text>; /sequence start|pause|end|stats <id>. Події: { $events }. Дозволи: { $scopes }. Затримки: 30m, 2h, 3d.
# /gift off: done.
console-gift-off = Вікно подарунка до дня народження вимкнено.
# /gift usage. Keep the commands and <arguments> as they are.
#   $max: the longest window in days
console-gift-usage = Використання: /gift; /gift set <days 0–{ $max }> <reminder days|none> <perk text>; /gift off. Нагадування приходить після дня народження: днів менше, ніж у вікні.
# /gift when no window is set.
console-gift-none = Вікно подарунка до дня народження не задано (код /perk, якщо є, іде з привітанням).
# /gift: the reminder part.
#   $n: days before the perk expires
console-gift-remind = нагадування за { $n } дн. до кінця дії
# /gift: no reminder.
console-gift-no_reminder = без нагадування
# /gift: the window in force.
#   $perk: the perk as set; $days: days before and after the birthday
#   $remind: console-gift-remind or console-gift-no_reminder
console-gift-show = Подарунок до дня народження: { $perk }; днів до й після дня народження, коли він дійсний (і за скільки днів про нього повідомляємо): { $days }; { $remind }.
# /help: the /sequence line.
console-help-sequence = /sequence — послідовності повідомлень: list, create, step, start, pause, end, stats
# /help: the /gift line.
console-help-gift = /gift — вікно подарунка до дня народження: /gift set <days> <reminder days|none> <perk>, /gift off

# ab tests, reasons, win-back (bot/routers/staff/campaigns.py, bot/reports.py, bot/abtest.py)
# /campaign, after "A/B test first" (console-campaign-ab_test) was pressed: what the test does; console-campaign-ab_share follows on the next line.
console-campaign-ab_mode = Спершу перевірити варіанти? A/B-тест надсилає їх частині аудиторії; коли його вікно скінчиться, переможець сам піде решті (перший варіант, якщо різниця не значуща).
# Button beside "Variants done": an A/B test first (plain text).
console-campaign-ab_test = Спершу A/B-тест
# /campaign: which share of the audience gets the test; buttons with percentages follow.
console-campaign-ab_share = Яка частка аудиторії отримає тест?
# /campaign: what decides the winner; buttons follow.
console-campaign-ab_criterion = Що визначає переможця? Обирається зараз і не змінюється під час тесту.
# Button: presses of the button under the message decide (plain text).
console-campaign-ab_press = Натискання кнопки
# Button: purchases after the message decide (plain text).
console-campaign-ab_purchase = Покупки
# /campaign: the length of the test window, typed.
#   $max: the largest number of days taken
console-campaign-ab_window = Скільки днів триває тест? Введіть число від 1 до { $max }. Якщо критерій — покупки, зараховуються покупки протягом цих днів після доставки.
# A typed window that is not a whole number from 1 to $max.
#   $max: the largest number of days taken
console-campaign-ab_window_invalid = Введіть ціле число днів від 1 до { $max }.
# /campaign: the significance level of the decision; buttons with percentages follow.
console-campaign-ab_level = Рівень значущості рішення? (Зазвичай 5 %; менший рівень вимагає чіткішої різниці.)
# A line of the campaign summary before launch.
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $days: the test window in days
#   $level: the significance level, e.g. "5%"
console-campaign-ab_summary = A/B-тест: { $share } аудиторії, днів: { $days }, критерій — { $criterion }, рівень { $level }.
# After launching an A/B test.
#   $id: the campaign's number
#   $n: messages queued for the test group
#   $ends: when the decision is taken (YYYY-MM-DD HH:MM, UTC)
console-campaign-ab_launched =
    { $n ->
        [one] Кампанія #{ $id }: A/B-тест запущено, { $n } повідомлення в черзі для тестової групи. Рішення буде ухвалено один раз, { $ends } UTC; тоді переможець піде решті.
        [few] Кампанія #{ $id }: A/B-тест запущено, { $n } повідомлення в черзі для тестової групи. Рішення буде ухвалено один раз, { $ends } UTC; тоді переможець піде решті.
        [many] Кампанія #{ $id }: A/B-тест запущено, { $n } повідомлень у черзі для тестової групи. Рішення буде ухвалено один раз, { $ends } UTC; тоді переможець піде решті.
       *[other] Кампанія #{ $id }: A/B-тест запущено, { $n } повідомлень у черзі для тестової групи. Рішення буде ухвалено один раз, { $ends } UTC; тоді переможець піде решті.
    }
# The criterion "presses" (the $criterion of other texts).
console-report-ab_by_press = натискання кнопки
# The criterion "purchases" (the $criterion of other texts).
#   $days: purchases within this many days of the delivery count
console-report-ab_by_purchase =
    { $days ->
        [one] покупки протягом { $days } дня
        [few] покупки протягом { $days } днів
        [many] покупки протягом { $days } днів
       *[other] покупки протягом { $days } дня
    }
# /report: an A/B test still running (no figure decides before its end).
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $level: the significance level, e.g. "5%"
#   $ends: when the decision is taken (YYYY-MM-DD HH:MM, UTC)
console-report-ab_running = A/B-тест на { $share } аудиторії, критерій — { $criterion }, рівень { $level }: триває; рішення буде ухвалено один раз, { $ends } UTC.
# /report: a decided A/B test, its figures.
#   $when: when it was decided (YYYY-MM-DD HH:MM, UTC)
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $arms: each variant's figures (console-report-ab_arm), separated by "; "
console-report-ab_decided = A/B-тест на { $share } аудиторії, рішення { $when } UTC, критерій — { $criterion }: { $arms }.
# One variant's figures in console-report-ab_decided.
#   $variant: A, B, C or D
#   $successes: customers who met the criterion
#   $delivered: messages delivered in the test
#   $rate: the share, e.g. "12.5%"
console-report-ab_arm = { $variant } { $successes } з { $delivered } ({ $rate })
# /report: the decision when the best variant beat the first one significantly.
#   $winner: the winning variant; $first: the first variant (A)
#   $p: the p-value (Fisher's exact test); $level: the level compared with, e.g. "5%"
#   $rest: messages queued for the rest of the audience
console-report-ab_significant = { $winner } кращий за { $first }: точний тест Фішера p = { $p }, нижче рівня { $level }, тому решті пішов { $winner } (повідомлень: { $rest }).
# /report: the decision when the difference is not significant.
#   $challenger: the best other variant; $first: the first variant (A)
#   $p: the p-value (Fisher's exact test); $level: the level compared with, e.g. "5%"
#   $rest: messages queued for the rest of the audience
console-report-ab_not_significant = { $challenger } проти { $first }: точний тест Фішера p = { $p }, не нижче рівня { $level }, тому решті пішов перший варіант { $first } (повідомлень: { $rest }).
# /report: the decision when there was nothing to compare.
#   $first: the first variant (A)
#   $rest: messages queued for the rest of the audience
console-report-ab_no_data = Немає чого порівнювати (якийсь варіант нікому не доставлено або ніхто не виконав критерій), тому решті пішов перший варіант { $first } (повідомлень: { $rest }).
# /report: per campaign, customers who withdrew after its message (within 7 days).
#   $left: customers who withdrew
#   $delivered: messages delivered
#   $rate: the share, e.g. "2.5%"
console-report-unsubscribed = відписалися після неї: { $left } з { $delivered } ({ $rate })
# /stats and /report: customers who withdrew in the last 7 days, by reason.
#   $reasons: "reason: count" parts (console-stats-reason-*), comma-separated
console-stats-reasons = Відкликання цього тижня за причиною (клієнти): { $reasons }
# The same line when nobody withdrew.
console-stats-reasons_none = Відкликання цього тижня за причиною: немає
# Reasons of a withdrawal (parts of console-stats-reasons): the button under a delivered message.
console-stats-reason-message_button = кнопка під повідомленням
# Reason of a withdrawal: a permission switched off in /preferences.
console-stats-reason-preferences = налаштування
# Reason of a withdrawal: /stop or the Stop-all button.
console-stats-reason-stop = /stop
# Reason of a withdrawal: words (a message asking to stop).
console-stats-reason-words = словами
# Reason of a withdrawal: the customer blocked the bot.
console-stats-reason-blocked = заблокували бота
# Reason of a withdrawal: a staff member.
console-stats-reason-staff = персонал
# Reason of a withdrawal: the customer erased their data.
console-stats-reason-erasure = видалення (/forget)
# Reason of a withdrawal: no activity for months: the lifecycle job made the customer former.
console-stats-reason-inactive = неактивність (став колишнім)
# /stats and /report: the unsubscribe rate of each campaign.
#   $campaigns: one part per campaign (console-stats-unsubscribe_campaign), comma-separated
console-stats-unsubscribe = Частка відписок за кампанією (протягом 7 днів після її повідомлення): { $campaigns }
# One campaign in console-stats-unsubscribe.
#   $id: the campaign's number
#   $rate: the share, e.g. "2.5%"
#   $left: customers who withdrew
#   $delivered: messages delivered
console-stats-unsubscribe_campaign = #{ $id } { $rate } ({ $left }/{ $delivered })

## Staff follow-ups (bot/routers/staff/help.py, bot/routers/staff/campaigns.py): /limits in /help, paused customers in the campaign preview.
# Staff /help: one line about /limits (bot/routers/pause.py). Keep the command and its <arguments> as they are.
console-help-limits = /limits — обмеження частоти магазину; /limits <scope|all> <day|week|month> <N|off> — встановити або зняти
# Campaign summary, after the audience line, when some of the audience have paused messages at the campaign's send time.
#   $paused: how many of the audience (the line before) have a pause running then
console-campaign-audience_paused = Призупинили повідомлення на час надсилання: { $paused } з них (їм нічого не буде надіслано, якщо вони не відновлять раніше).
