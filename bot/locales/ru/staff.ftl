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
staff-role_denied = Ваша роль ({ $role }) не может использовать эту команду; разрешено: { $roles }.

## /staff: staff management (owners only)

# /staff when the staff table is empty.
staff-none = Персонала нет, кроме владельцев из ADMIN_IDS.
# /staff add.
#   $user: the Telegram id added
#   $role: the role given
staff-added = Пользователь { $user } теперь { $role }.
# /staff remove.
#   $user: the Telegram id removed
staff-removed = Пользователь { $user } больше не персонал.
# /staff remove of someone who is not staff.
#   $user: the Telegram id given
staff-not_staff = Пользователь { $user } не персонал; ничего не изменено.
# /staff remove of an owner from the configuration.
#   $user: the Telegram id given
staff-configured_owner = Пользователь { $user } — владелец из ADMIN_IDS (конфигурация), этого /staff изменить не может: удалите id из ADMIN_IDS и перезапустите бота.
# /staff with wrong arguments.
staff-usage_staff = Использование: /staff, /staff add <user_id> <owner|marketer|support>, /staff remove <user_id>

## Samples

# /sample_new with wrong arguments.
staff-usage_sample_new =
    Использование: /sample_new <category> <stock> <days valid> <product name>
    Пример: /sample_new coffee 50 14 Ethiopian Yirgacheffe 100 g
# /sample_new with a category that does not exist.
#   $slug: the category typed
#   $slugs: the existing categories, comma-separated
staff-unknown_category = Неизвестная категория { $slug }. Категории: { $slugs }
# /sample_new done.
#   $id: the offer's number
#   $product: the product name
#   $stock: how many samples there are
#   $expires: the last day (YYYY-MM-DD)
staff-sample_created = Предложение пробника #{ $id } создано: { $product }, запас { $stock }, действует до { $expires }.
# After /sample_new: how many customers the offer was queued for.
#   $added: that number
staff-sample_enqueued =
    { $added ->
        [one] Предложено { $added } клиенту с разрешением на пробники и подходящим интересом.
        [few] Предложено { $added } клиентам с разрешением на пробники и подходящим интересом.
        [many] Предложено { $added } клиентам с разрешением на пробники и подходящим интересом.
       *[other] Предложено { $added } клиентам с разрешением на пробники и подходящим интересом.
    }
# /samples when there are none.
staff-no_samples = Предложений пробников пока нет.
# An offer or request number that does not exist.
staff-not_found = Не найдено.
# /sample_close done.
#   $id: the offer's number
#   $cancelled: how many queued offers were dropped
staff-sample_closed =
    { $cancelled ->
        [one] Предложение пробника #{ $id } закрыто; отменено { $cancelled } сообщение в очереди (не отправлено).
        [few] Предложение пробника #{ $id } закрыто; отменено { $cancelled } сообщения в очереди (не отправлены).
        [many] Предложение пробника #{ $id } закрыто; отменено { $cancelled } сообщений в очереди (не отправлены).
       *[other] Предложение пробника #{ $id } закрыто; отменено { $cancelled } сообщения в очереди (не отправлены).
    }
# /requests when there are none.
staff-no_requests = Ожидающих запросов пробников нет.
# /fulfil of a request already delivered.
#   $id: the request's number
staff-already_delivered = Запрос #{ $id } уже отмечен доставленным.
# /fulfil done.
#   $id: the request's number
#   $feedback: the text staff-yes or staff-no
staff-fulfilled = Запрос #{ $id } отмечен доставленным. Запрос отзыва запланирован: { $feedback }.
# Answer to "feedback request scheduled".
staff-yes = да
# Answer to "feedback request scheduled" when the customer did not allow feedback requests.
staff-no = нет (нет разрешения на запросы отзыва)

## Purchases and customers

# /purchase with wrong arguments.
staff-usage_purchase = Использование: /purchase <customer id | @username> <product> [amount]
# No customer with that id or username.
#   $ref: what was typed
staff-no_customer = Нет клиента { $ref }.
# A username that several customers had; a list "id: name @username, last seen …" follows.
#   $ref: the username typed
#   $count: how many customers match
staff-ambiguous_customer =
    { $count ->
        [one] { $ref } соответствует { $count } клиент; ничего не сделано. Укажите одного по id:
        [few] { $ref } соответствуют { $count } клиента; ничего не сделано. Укажите одного по id:
        [many] { $ref } соответствуют { $count } клиентов; ничего не сделано. Укажите одного по id:
       *[other] { $ref } соответствуют { $count } клиента; ничего не сделано. Укажите одного по id:
    }
# The same when more customers match than are listed.
#   $ref: the username typed
#   $count: how many are listed (more match)
staff-ambiguous_customer_many = { $ref } соответствуют более { $count } клиентов; ничего не сделано. Укажите одного по id:
# One customer of that list.
#   $id: the customer's Telegram id
#   $name: their name
#   $username: their username (without @)
#   $last_seen: the date they last wrote (YYYY-MM-DD)
staff-customer_line = { $id }: { $name } @{ $username }, последний раз { $last_seen }
# /purchase done.
#   $id: the purchase's number
#   $customer: the customer's Telegram id
#   $product: the product
#   $stage: the customer's stage now (a stage name)
#   $feedback: the text staff-yes or staff-no
staff-purchase_recorded = Покупка #{ $id } записана для { $customer }: { $product }. Этап: { $stage }. Запрос отзыва запланирован: { $feedback }.
# /perk with wrong arguments.
staff-usage_perk = Использование: /perk <code> (код подарка на день рождения) или /perk off
# /perk done.
#   $code: the code set (or "off")
staff-perk_set = Подарок на день рождения: { $code }.

## /customer: one customer's record

# Heading of /customer (in bold); name and @username follow.
#   $id: the customer's Telegram id
console-customer-title = Клиент { $id }
# Second line of /customer.
#   $language: the customer's language code
#   $stage: their stage (a stage name)
#   $reachable: whether messages reach them: the text console-customer-reachable_yes or -reachable_no
#   $purchases: how many purchases
#   $last_seen: the date they last wrote (YYYY-MM-DD)
console-customer-state = язык { $language }, этап { $stage }, доступен { $reachable }, покупок { $purchases }, последний раз { $last_seen }
# The permissions allowed now.
#   $scopes: scope names, comma-separated, or the text console-none
console-customer-scopes = разрешения: { $scopes }
# "Nothing" in /customer lists.
console-none = нет
# The customer's preferences (owners and marketers only).
#   $birthday: DD.MM or DD.MM.YYYY, or -
#   $interests: category names, or -
#   $zone: a time zone, or -
#   $quiet: quiet hours (HH:MM–HH:MM), or -
#   $cap: the weekly limit, or the text console-customer-cap_default
console-customer-preferences = день рождения { $birthday }, интересы { $interests }, часовой пояс { $zone }, тихие часы { $quiet }, недельный лимит { $cap }
# The weekly limit when the customer chose none.
console-customer-cap_default = по умолчанию
# Heading (bold) of the consent history.
console-customer-consent_history = История разрешений
# One entry of the consent history.
#   $at: date and time (UTC)
#   $action: grant or withdraw
#   $scope: the scope name
#   $method: how (button, command, words …)
console-customer-consent_event = { $at } { $action } { $scope } через { $method }
# After a consent entry given by a button: which message it was under.
#   $id: the message id
console-customer-consent_message = (сообщение { $id })
# Heading (bold) of the stage history.
console-customer-stage_history = История этапов
# Heading (bold) of the last messages sent.
console-customer-messages = Сообщения
# After that heading.
#   $n: how many are listed
console-customer-messages_shown = (последние { $n })
# The same for support staff, who do not see birthday greetings (they give the birthday away).
#   $n: how many are listed
console-customer-messages_shown_support = (последние { $n }, поздравления с днём рождения не показаны)
# Responses and feedback of the customer.
#   $responses: how many button responses are stored under their name
#   $feedback: their ratings (subject rating/5, comma-separated), or the text console-none
console-customer-responses = ответов с именем: { $responses }; отзывы: { $feedback }
# How many purchases are recorded.
#   $n: that number
console-customer-purchases = записанных покупок: { $n }

## /campaign: the guided campaign dialogue

# First question of /campaign; the goals follow as buttons. Keep the goal names.
console-campaign-start =
    Новая кампания. Какова её цель?
    acquisition = привести друга, development = допродажа / кросс-продажа, retention = удержание, winback = возврат. /cancel — выйти.
# /cancel in the dialogue, or the Cancel button.
console-campaign-cancelled = Кампания отменена; ничего не отправлено.
# Pop-up for a button of an earlier step.
console-campaign-expired = Эта кнопка уже не действует.
# After the goal.
console-campaign-name = Название кампании?
# The segment steps, choices as buttons: which stages.
console-campaign-stages = Целевые этапы (ни одного = все):
# Which customer languages.
console-campaign-languages = Языки (ни одного = все):
# Which interests (categories).
console-campaign-interests = Интересы (ни одного = любые):
# Button to the next segment step (plain text).
console-campaign-next = Далее ▶
# Typed text at the goal step (answered with buttons).
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-goal = Выберите цель кнопкой выше: { $buttons }.
# Typed text at a segment step.
#   $buttons: the labels of the button that moves on, each quoted (console-campaign-button), comma-separated
console-campaign-hint-segment = Отметьте выбор кнопками выше, затем нажмите { $buttons }.
# Typed text at the step after a variant.
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-more = Нажмите кнопку выше: { $buttons }.
# Typed text at the summary.
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-confirm = Нажмите кнопку выше: { $buttons }.
# A photo, sticker … at a typed step.
console-campaign-need_text = Пожалуйста, напишите ответ текстом.
# Appended to those hints.
console-campaign-leave = /cancel — выйти из кампании.
# After the segment steps. Keep "-N".
console-campaign-active_days = Только клиенты, активные за последние N дней? Напишите число (0 = любые; отрицательное -N = неактивные N дней, для возврата).
# A number of days out of range.
#   $max: the largest number allowed
console-campaign-days_invalid = Напишите целое число дней (не больше { $max } или -{ $max }).
# After the days question.
console-campaign-min_purchases = Минимальное число покупок? (0 = любое)
# Not a whole number (or too large) for the purchases question.
console-campaign-whole_number = Напишите целое число.
# Keep '-' (typed for "no offer").
console-campaign-offer = Предложение одной строкой (или '-', если нет):
# After the offer: the first message variant.
console-campaign-variant_first = Вариант A: напишите сообщение.
# After "Add a variant".
#   $variant: the variant's letter (B, C, D)
console-campaign-variant_next = Вариант { $variant }: напишите сообщение. Меняйте между вариантами только один элемент.
# After a variant; buttons follow.
#   $n: how many variants there are
console-campaign-variants =
    { $n ->
        [one] { $n } вариант.
        [few] { $n } варианта.
        [many] { $n } вариантов.
       *[other] { $n } варианта.
    }
# Button after a variant (plain text).
console-campaign-add_variant = Добавить вариант
# Button after a variant (plain text).
console-campaign-variants_done = Варианты готовы
# The schedule question.
#   $now: the word to type for "now" (shown as code; staff type it in English)
console-campaign-schedule = Когда? Напишите { $now } или время UTC, например 2026-12-01 10:00.
# Keep the word now: staff type it in English.
console-campaign-schedule_invalid = Напишите now или время, например 2026-12-01 10:00 (UTC).
# After the schedule.
console-campaign-budget = Бюджет? (число, 0 = без бюджета)
# Not a number for the budget.
console-campaign-budget_invalid = Напишите число (0 = без бюджета).
# After the budget.
console-campaign-target = Критерий успеха: целевая доля ответов в % (например, 30)?
# Out of range for the target.
console-campaign-target_invalid = Напишите процент от 1 до 100.
# The summary before launch (after the campaign's name and goal).
#   $segment: who is targeted (console-segment-* texts, joined by "; ")
#   $variants: how many variants
#   $schedule: a UTC time, or the text console-campaign-now
#   $budget: the budget, or -
#   $target: the target response rate in percent
console-campaign-summary =
    сегмент: { $segment }
    вариантов: { $variants }, время: { $schedule }, бюджет: { $budget }, цель: { $target }%
# Schedule "now" in the summary.
console-campaign-now = сейчас
# Bold line of the summary.
#   $size: how many customers would get it
console-campaign-audience = Аудитория после фильтра разрешений: { $size }
# After that line.
console-campaign-audience_note = (только клиенты с разрешением на предложения).
# Button of the summary (plain text).
console-campaign-launch = 🚀 Запустить
# Button of the summary (plain text).
console-campaign-cancel = Отмена
# After Launch.
#   $id: the campaign's number
#   $n: how many messages were queued
console-campaign-launched =
    { $n ->
        [one] Кампания #{ $id } запущена: { $n } сообщение в очереди для клиентов с разрешением на предложения.
        [few] Кампания #{ $id } запущена: { $n } сообщения в очереди для клиентов с разрешением на предложения.
        [many] Кампания #{ $id } запущена: { $n } сообщений в очереди для клиентов с разрешением на предложения.
       *[other] Кампания #{ $id } запущена: { $n } сообщения в очереди для клиентов с разрешением на предложения.
    }

## The segment of a campaign as staff read it (joined by "; ")

#   $values: the chosen stages / languages / interests, comma-separated
console-segment-stages = этапы: { $values }
#   $values: the chosen languages, comma-separated
console-segment-languages = языки: { $values }
#   $values: the chosen interests, comma-separated
console-segment-interests = интересы: { $values }
#   $n: a number of days
console-segment-active =
    { $n ->
        [one] активны за последний { $n } день
        [few] активны за последние { $n } дня
        [many] активны за последние { $n } дней
       *[other] активны за последние { $n } дня
    }
#   $n: a number of days
console-segment-inactive =
    { $n ->
        [one] неактивны { $n } день
        [few] неактивны { $n } дня
        [many] неактивны { $n } дней
       *[other] неактивны { $n } дня
    }
#   $n: a number of purchases
console-segment-min_purchases =
    { $n ->
        [one] не меньше { $n } покупки
        [few] не меньше { $n } покупок
        [many] не меньше { $n } покупок
       *[other] не меньше { $n } покупки
    }
# The segment when nothing narrows it.
console-segment-all = все

## Reports, exports, categories, audit

# Caption of the /report chart.
console-report-caption = Воронка и доля ответов
# /stats and /report: heading of the lifecycle funnel (bold).
console-stats-funnel = Воронка жизненного цикла
# After that heading: what the two numbers of each stage line are ("friend: 12 / 30").
console-stats-funnel_note = (сейчас / когда-либо достигли)
# /stats and /report: heading of the number of customers who allowed each scope (bold).
console-stats-scopes = Клиенты по разрешениям
# /stats: the consent flow of the last 7 days.
#   $opt_ins: the text console-stats-opt_ins
#   $withdrawals: the text console-stats-withdrawals
console-stats-week = На этой неделе: { $opt_ins }, { $withdrawals }
# Part of console-stats-week.
#   $n: how many permissions were granted in the last 7 days
console-stats-opt_ins =
    { $n ->
        [one] { $n } согласие
        [few] { $n } согласия
        [many] { $n } согласий
       *[other] { $n } согласия
    }
# Part of console-stats-week.
#   $n: how many permissions were withdrawn in the last 7 days
console-stats-withdrawals =
    { $n ->
        [one] { $n } отказ
        [few] { $n } отказа
        [many] { $n } отказов
       *[other] { $n } отказа
    }
# /stats: stage changes of the last 7 days.
#   $moves: each stage and how many moved into it, e.g. "→friend 3, →customer 1"
console-stats-moves = Переходы между этапами на этой неделе: { $moves }
# /report and /campaigns when there are no campaigns.
console-report-no_campaigns = Кампаний пока нет.
# /report and /campaigns: heading of the totals over all campaigns (bold, followed by ": ").
console-report-all = Все кампании
# The totals over all campaigns, after console-report-all and ": ".
#   $count: how many campaigns
#   $delivered: how many messages were delivered
#   $conversions: how many purchases or referrals followed them
console-report-totals = { $count }; доставлено: { $delivered }, конверсии: { $conversions }
# After the totals: messages delivered per conversion.
#   $ratio: e.g. "2.0:1"
console-report-per_conversion = доставлено на одну конверсию: { $ratio }
# After the totals when nothing converted yet.
console-report-no_conversions = конверсий пока нет
# After a campaign's name, goal and status.
#   $rate: the response rate it aims at, e.g. "30%"
console-report-target = целевая доля ответов { $rate }
# Verdict of a variant (the text $verdict of console-report-variant).
console-report-nothing_delivered = пока ничего не доставлено
# Verdict of a variant: its response rate reaches the target.
console-report-meets_target = цель достигнута
# Verdict of a variant: its response rate is below the target.
console-report-below_target = ниже цели
# A variant with no buyers yet (the text $ratio of console-report-variant).
console-report-no_buyers = покупателей пока нет
# One variant of a campaign (A, B …).
#   $variant: the variant's letter
#   $queued: messages queued
#   $delivered: messages delivered
#   $responded: customers who responded
#   $rate: the response rate, e.g. "12.5%"
#   $verdict: one of the texts console-report-nothing_delivered, -meets_target, -below_target
#   $converted: conversions (purchases or referrals)
#   $ratio: customers informed per buyer, e.g. "2.0:1", or the text console-report-no_buyers
console-report-variant = { $variant }: в очереди { $queued }, доставлено { $delivered }, ответили { $responded } ({ $rate }, { $verdict }), конверсии: { $converted }; информированных на одного покупателя: { $ratio }
# A campaign with several variants: whether their response rates differ (chi-squared test).
#   $result: one of the texts console-report-not_enough_data, -significant, -not_significant
console-report-difference = разница: { $result }
# The difference between variants cannot be tested yet.
console-report-not_enough_data = недостаточно данных
# The difference between variants is significant at the 5 % level.
#   $p: the p-value, e.g. "0.0123"
console-report-significant = p = { $p } (значима на уровне 5 %)
# The difference between variants is not significant at the 5 % level.
#   $p: the p-value, e.g. "0.2345"
console-report-not_significant = p = { $p } (не значима на уровне 5 %)
# Caption of /export segment.
#   $n: how many customers are in the file
console-export-customers =
    { $n ->
        [one] { $n } клиент
        [few] { $n } клиента
        [many] { $n } клиентов
       *[other] { $n } клиента
    }
# Caption of /export.
console-export-ledger = Журнал разрешений
# /categories when there are none.
console-categories-none = Категорий нет.
# After a category's name in /categories.
console-categories-disabled = (отключена)
#   $slug: the category's slug
console-categories-added = Категория { $slug } добавлена.
#   $slug: the category's slug
console-categories-renamed = Категория { $slug } переименована.
#   $slug: the category's slug
console-categories-enabled = Категория { $slug } включена.
#   $slug: the category's slug
console-categories-disabled_now = Категория { $slug } отключена.
# /categories with wrong arguments. Keep <en> <uk> <ru> <pl>: they are the languages' codes.
console-categories-usage = Использование: /categories, /categories add <slug> <en> <uk> <ru> <pl>, /categories rename <slug> <lang> <name>, /categories disable|enable <slug>
# /audit when nothing is logged.
console-audit-empty = Журнал аудита пуст.

# webhooks (bot/routers/staff/webhooks.py): /webhook, outgoing webhooks to the shop's systems.
# After /webhook add. The secret is shown this once: the shop verifies signatures with it.
#   $id: the endpoint's number; $url: its URL; $events: the events it receives, comma-separated
#   $secret: the signing secret (whsec_...)
console-webhook-added = Вебхук { $id } добавлен: { $url } ({ $events }). Секрет подписи, показанный только сейчас: { $secret }
# /webhook add with a URL or events that are not accepted.
#   $reason: what is wrong (English, from the code); $events: the events that exist
console-webhook-invalid = Не добавлен: { $reason }. События: { $events }
# One line of /webhook list.
#   $id: the endpoint's number; $url: its URL; $events: the events it receives
console-webhook-list_line = { $id }: { $url } ({ $events })
# /webhook list when no webhook is configured.
console-webhook-none = Вебхуков нет. Добавьте: /webhook add <url>.
#   $id: the endpoint's number
console-webhook-removed = Вебхук { $id } удалён; его незавершённые доставки отменены, журнал остаётся.
#   $id: the number typed
console-webhook-not_found = Активного вебхука { $id } нет.
# One line of /webhook log (newest first).
#   $id: the delivery's number; $endpoint: the webhook's number; $event: e.g. consent.withdrawn
#   $scope: the scope or "-"; $customer: the Telegram id or "-"; $status: pending, sending, delivered or failed
#   $attempts: attempts so far; $http: the last HTTP status or "-"; $error: the last error or "-"; $at: when the event happened (UTC)
console-webhook-log_line = #{ $id } → { $endpoint } { $at } { $event } { $scope } клиент { $customer }: { $status }, попыток { $attempts }, HTTP { $http }, { $error }
# /webhook log when nothing was delivered yet.
console-webhook-log_empty = Доставок вебхуков ещё не было.
# /webhook with wrong arguments.
#   $events: the events that exist
console-webhook-usage = Использование: /webhook list, /webhook add <url> [события], /webhook remove <id>, /webhook log [<id>]. События: { $events }

## Consent records (bot/consent/records.py) in /export.
# Caption of the JSON lines file /export sends beside the ledger CSV.
#   $n: how many records (ledger events) are in the file
console-export-records =
    { $n ->
        [one] { $n } запись о согласии (ISO/IEC TS 27560, JSON lines)
        [few] { $n } записи о согласии (ISO/IEC TS 27560, JSON lines)
        [many] { $n } записей о согласии (ISO/IEC TS 27560, JSON lines)
       *[other] { $n } записи о согласии (ISO/IEC TS 27560, JSON lines)
    }

## Staff console hints
# staff console hints: what to press, an empty audience, /customer usage, staff /help

# One button label named in a hint (console-campaign-hint-*), in the quotation marks of your language.
#   $label: the button's label as shown
console-campaign-button = «{ $label }»
# Launch was pressed while no customer is in the campaign's audience: asked once more; buttons follow.
console-campaign-empty_audience = Аудитория — 0: сейчас ни один клиент с разрешением на предложения не подходит под этот сегмент, так что ничего не будет отправлено. Всё равно запустить (кампания будет записана с 0 сообщений) или отменить?
# Button after that question (plain text): launch although nobody will get it.
console-campaign-launch_anyway = 🚀 Всё равно запустить
# /customer without a customer.
console-customer-usage = Использование: /customer <customer id | @username> — что бот знает о клиенте и что ему отправлял.
# In /customer: messages reach the customer (the text $reachable of console-customer-state).
console-customer-reachable_yes = да
# In /customer: messages do not reach the customer (they blocked the bot, or were erased).
console-customer-reachable_no = нет
# Staff /help: heading (bold); the commands of the staff member's role follow, one a line.
#   $role: their role (owner, marketer or support)
console-help-title = Ваши команды (роль { $role }):
# Staff /help: last line, the commands every customer has (staff are customers too).
console-help-as_customer = Как клиенту бота вам также доступны /start, /preferences, /mydata, /stop, /forget и /language.
# Staff /help: one line about /customer. Keep the command and its <arguments> as they are.
console-help-customer = /customer <id | @username> — что бот знает о клиенте и что ему отправлял
# Staff /help: one line about /purchase. Keep the command and its <arguments> as they are.
console-help-purchase = /purchase <customer> <product> [amount] — записать покупку (затем запрос отзыва, где разрешено)
# Staff /help: one line about /sample_new. Keep the command and its <arguments> as they are.
console-help-sample_new = /sample_new <category> <stock> <days> <product> — предложить бесплатные образцы заинтересованным клиентам
# Staff /help: one line about /samples. Keep the command and its <arguments> as they are.
console-help-samples = /samples — предложения образцов
# Staff /help: one line about /sample_close. Keep the command and its <arguments> as they are.
console-help-sample_close = /sample_close <offer> — закрыть предложение; его сообщения в очереди не будут отправлены
# Staff /help: one line about /requests. Keep the command and its <arguments> as they are.
console-help-requests = /requests — принятые предложения образцов, которые нужно отправить
# Staff /help: one line about /fulfil. Keep the command and its <arguments> as they are.
console-help-fulfil = /fulfil <request> — образец доставлен (затем запрос отзыва, где разрешено)
# Staff /help: one line about /campaign. Keep the command and its <arguments> as they are.
console-help-campaign = /campaign — спланировать и запустить кампанию шаг за шагом (/cancel — выйти)
# Staff /help: one line about /campaigns. Keep the command and its <arguments> as they are.
console-help-campaigns = /campaigns — результаты кампаний
# Staff /help: one line about /stats. Keep the command and its <arguments> as they are.
console-help-stats = /stats — воронка жизненного цикла и разрешения (только клиенты, без персонала)
# Staff /help: one line about /report. Keep the command and its <arguments> as they are.
console-help-report = /report — диаграмма воронки и результаты кампаний
# Staff /help: one line about /export. Keep the command and its <arguments> as they are.
console-help-export = /export — журнал согласий в CSV; /export segment <stage…> — клиенты этих этапов
# Staff /help: one line about /staff. Keep the command and its <arguments> as they are.
console-help-staff = /staff — персонал; /staff add <user_id> <role>, /staff remove <user_id>
# Staff /help: one line about /perk. Keep the command and its <arguments> as they are.
console-help-perk = /perk <code> — код подарка на день рождения; /perk off — без подарка
# Staff /help: one line about /categories. Keep the command and its <arguments> as they are.
console-help-categories = /categories — категории интересов; add, rename, disable, enable
# Staff /help: one line about /audit. Keep the command and its <arguments> as they are.
console-help-audit = /audit — последние 30 действий персонала
# Staff /help: one line about /webhook. Keep the command and its <arguments> as they are.
console-help-webhook = /webhook — вебхуки магазина: list, add <url> [события], remove <id>, log [<id>]
# Staff /help: one line about /apikey. Keep the command and its <arguments> as they are.
console-help-apikey = /apikey — API-ключи систем магазина: list, create <name> <scope…>, revoke <id>

# api keys (bot/routers/staff/apikeys.py): /apikey, keys of the shop's systems for the integration API.
# After /apikey create. The key is shown this once (only a hash of it is stored).
#   $id: the key's number; $name: its name; $scopes: what it may do; $apikey: the key itself
console-apikey-created = API-ключ { $id } «{ $name }» создан ({ $scopes }). Ключ показан только сейчас; скопируйте его в систему магазина, затем удалите это сообщение: { $apikey }
# /apikey create that cannot be done.
#   $reason: why, in English (from the code)
console-apikey-invalid = Не создан: { $reason }
# One line of /apikey list. Keep pbk_{ $prefix }_… as it is: the start of the key.
#   $id, $name, $prefix, $scopes: the key's; $state: console-apikey-active or console-apikey-revoked_on
console-apikey-line = #{ $id } { $name } pbk_{ $prefix }_… — { $scopes } — { $state }
# The state of a key in /apikey list.
console-apikey-active = действует
# The state of a revoked key in /apikey list.
#   $at: when it was revoked (UTC)
console-apikey-revoked_on = отозван { $at }
# /apikey list when there are none.
console-apikey-none = API-ключей пока нет.
# After /apikey revoke.
#   $id: the key's number; $name: its name
console-apikey-revoked = API-ключ { $id } «{ $name }» отозван: с этого момента вызовы с ним отклоняются.
# /apikey revoke with a number no key has.
#   $id: the number given
console-apikey-not_found = API-ключа { $id } нет.
# /apikey with wrong arguments. Keep the commands and <arguments> as they are.
#   $scopes: the scopes a key may hold
console-apikey-usage = Использование: /apikey list, /apikey create <name> <scope…>, /apikey revoke <id>. Разрешения: { $scopes }

# frequency and pause (bot/routers/pause.py: /limits)
# /limits: the title above the shop's frequency limits.
console-limits-title = Ограничения частоты магазина (для всех клиентов; клиенты могут только сделать их строже):
# /limits: one limit.
#   $scope: a permission, or "all" (all messages)
#   $period: day, week or month
#   $n: at most this many messages
console-limits-line = { $scope }: не больше { $n } за { $period }
# /limits when the shop has none (the weekly cap still applies).
console-limits-none = нет (только недельный лимит)
# /limits usage. Keep the command and <arguments> as they are.
#   $scopes: the scopes a limit may name
#   $periods: the periods
console-limits-usage = Использование: /limits <scope> <period> <N|off>. Разрешения: { $scopes }. Периоды: { $periods }. Пример: /limits offers week 1

# sequences and gift window (bot/routers/staff/sequences.py: /sequence, /gift)
# /sequence: the segment of a sequence for every customer (no interest or stage chosen).
console-sequence-everyone = все
# /sequence list: one sequence.
#   $id: its number; $name: its name; $status: draft, active, paused or ended
#   $trigger: the event that enters customers (grant, grant:<scope>, purchase, sample)
#   $segment: interest:<slug> / stage:<stage> choices, or everyone
#   $steps: number of steps; $entered: customers who entered it
console-sequence-line = #{ $id } { $name } [{ $status }]: событие { $trigger }, сегмент: { $segment }; шагов: { $steps }, вошло: { $entered }
# /sequence list when there is none.
console-sequence-none = Последовательностей пока нет.
# /sequence create: done. Keep the commands and <arguments> as they are.
#   $id: the new sequence's number; $name: its name
console-sequence-created = Последовательность #{ $id } «{ $name }» создана как черновик. Добавьте шаги: /sequence step { $id } <delay> <scope> <text>, затем /sequence start { $id }.
# /sequence with a number that names no sequence.
#   $ref: what was typed
console-sequence-not_found = Нет последовательности { $ref }.
# /sequence step on an ended sequence.
#   $id: the sequence's number
console-sequence-is_ended = Последовательность #{ $id } завершена: новых шагов она не принимает.
# /sequence step: done.
#   $id: the sequence's number; $n: the step's number
#   $delay: the delay after the previous step (30m, 2h, 3d); $scope: the permission it is sent within
console-sequence-step_added = Шаг { $n } последовательности #{ $id }: через { $delay } после предыдущего, в рамках { $scope }.
# /sequence start|pause|end not possible from the current status.
#   $id: the sequence's number; $status: its status (draft, active, paused, ended)
console-sequence-cannot = Последовательность #{ $id } в состоянии { $status }: сейчас это невозможно.
# /sequence start of a sequence without steps.
#   $id: the sequence's number
console-sequence-no_steps = В последовательности #{ $id } ещё нет шагов: сначала добавьте шаг.
# /sequence end: done.
#   $id: the sequence's number; $n: customers who were in it and left it now
console-sequence-ended = Последовательность #{ $id } завершена; клиентов, которые в ней были и вышли: { $n }.
# /sequence start or pause: done.
#   $id: the sequence's number; $status: active or paused
console-sequence-status = Последовательность #{ $id } теперь в состоянии { $status }.
# /sequence stats: the first line.
#   $id, $name, $status: the sequence
#   $entered: customers who entered; $active: still in it; $done: got to the end; $left: left it (a withdrawal, or the sequence ended)
console-sequence-stats_title = #{ $id } { $name } [{ $status }]: вошло { $entered }, в ней { $active }, дошли до конца { $done }, вышли { $left }
# /sequence stats: one step.
#   $n: its number; $scope: its permission; $delay: its delay (30m, 2h, 3d)
#   $queued: messages queued; $sent: delivered; $delivery: delivered / queued in %
#   $responded: customers who pressed its button; $response: responded / delivered in %
console-sequence-stats_step = Шаг { $n } ({ $scope }, через { $delay }): в очереди { $queued }, доставлено { $sent } ({ $delivery }), ответили { $responded } ({ $response })
# /sequence usage. Keep the commands, <arguments> and words like interest:, stage: as they are.
#   $events: the events; $scopes: the permissions a step can be sent within
console-sequence-usage = Использование: /sequence [list]; /sequence create <name> <event> [interest:<slug>…] [stage:<stage>…]; /sequence step <id> <delay> <scope> <text>; /sequence start|pause|end|stats <id>. События: { $events }. Разрешения: { $scopes }. Задержки: 30m, 2h, 3d.
# /gift off: done.
console-gift-off = Окно подарка ко дню рождения выключено.
# /gift usage. Keep the commands and <arguments> as they are.
#   $max: the longest window in days
console-gift-usage = Использование: /gift; /gift set <days 0–{ $max }> <reminder days|none> <perk text>; /gift off. Напоминание приходит после дня рождения: дней меньше, чем в окне.
# /gift when no window is set.
console-gift-none = Окно подарка ко дню рождения не задано (код /perk, если есть, идёт с поздравлением).
# /gift: the reminder part.
#   $n: days before the perk expires
console-gift-remind = напоминание за { $n } дн. до конца действия
# /gift: no reminder.
console-gift-no_reminder = без напоминания
# /gift: the window in force.
#   $perk: the perk as set; $days: days before and after the birthday
#   $remind: console-gift-remind or console-gift-no_reminder
console-gift-show = Подарок ко дню рождения: { $perk }; дней до и после дня рождения, когда он действует (и за сколько дней о нём сообщаем): { $days }; { $remind }.
# /help: the /sequence line.
console-help-sequence = /sequence — последовательности сообщений: list, create, step, start, pause, end, stats
# /help: the /gift line.
console-help-gift = /gift — окно подарка ко дню рождения: /gift set <days> <reminder days|none> <perk>, /gift off

# ab tests, reasons, win-back (bot/routers/staff/campaigns.py, bot/reports.py, bot/abtest.py)
# /campaign, after "A/B test first" (console-campaign-ab_test) was pressed: what the test does; console-campaign-ab_share follows on the next line.
console-campaign-ab_mode = Сначала проверить варианты? A/B-тест отправляет их части аудитории; когда его окно закончится, победитель сам уйдёт остальным (первый вариант, если разница не значима).
# Button beside "Variants done": an A/B test first (plain text).
console-campaign-ab_test = Сначала A/B-тест
# /campaign: which share of the audience gets the test; buttons with percentages follow.
console-campaign-ab_share = Какая доля аудитории получит тест?
# /campaign: what decides the winner; buttons follow.
console-campaign-ab_criterion = Что определяет победителя? Выбирается сейчас и не меняется во время теста.
# Button: presses of the button under the message decide (plain text).
console-campaign-ab_press = Нажатия кнопки
# Button: purchases after the message decide (plain text).
console-campaign-ab_purchase = Покупки
# /campaign: the length of the test window, typed.
#   $max: the largest number of days taken
console-campaign-ab_window = Сколько дней идёт тест? Введите число от 1 до { $max }. Если критерий — покупки, засчитываются покупки в течение этих дней после доставки.
# A typed window that is not a whole number from 1 to $max.
#   $max: the largest number of days taken
console-campaign-ab_window_invalid = Введите целое число дней от 1 до { $max }.
# /campaign: the significance level of the decision; buttons with percentages follow.
console-campaign-ab_level = Уровень значимости решения? (Обычно 5 %; меньший уровень требует более явной разницы.)
# A line of the campaign summary before launch.
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $days: the test window in days
#   $level: the significance level, e.g. "5%"
console-campaign-ab_summary = A/B-тест: { $share } аудитории, дней: { $days }, критерий — { $criterion }, уровень { $level }.
# After launching an A/B test.
#   $id: the campaign's number
#   $n: messages queued for the test group
#   $ends: when the decision is taken (YYYY-MM-DD HH:MM, UTC)
console-campaign-ab_launched =
    { $n ->
        [one] Кампания #{ $id }: A/B-тест запущен, { $n } сообщение в очереди для тестовой группы. Решение будет принято один раз, { $ends } UTC; затем победитель уйдёт остальным.
        [few] Кампания #{ $id }: A/B-тест запущен, { $n } сообщения в очереди для тестовой группы. Решение будет принято один раз, { $ends } UTC; затем победитель уйдёт остальным.
        [many] Кампания #{ $id }: A/B-тест запущен, { $n } сообщений в очереди для тестовой группы. Решение будет принято один раз, { $ends } UTC; затем победитель уйдёт остальным.
       *[other] Кампания #{ $id }: A/B-тест запущен, { $n } сообщения в очереди для тестовой группы. Решение будет принято один раз, { $ends } UTC; затем победитель уйдёт остальным.
    }
# The criterion "presses" (the $criterion of other texts).
console-report-ab_by_press = нажатия кнопки
# The criterion "purchases" (the $criterion of other texts).
#   $days: purchases within this many days of the delivery count
console-report-ab_by_purchase =
    { $days ->
        [one] покупки в течение { $days } дня
        [few] покупки в течение { $days } дней
        [many] покупки в течение { $days } дней
       *[other] покупки в течение { $days } дня
    }
# /report: an A/B test still running (no figure decides before its end).
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $level: the significance level, e.g. "5%"
#   $ends: when the decision is taken (YYYY-MM-DD HH:MM, UTC)
console-report-ab_running = A/B-тест на { $share } аудитории, критерий — { $criterion }, уровень { $level }: идёт; решение будет принято один раз, { $ends } UTC.
# /report: a decided A/B test, its figures.
#   $when: when it was decided (YYYY-MM-DD HH:MM, UTC)
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $arms: each variant's figures (console-report-ab_arm), separated by "; "
console-report-ab_decided = A/B-тест на { $share } аудитории, решение { $when } UTC, критерий — { $criterion }: { $arms }.
# One variant's figures in console-report-ab_decided.
#   $variant: A, B, C or D
#   $successes: customers who met the criterion
#   $delivered: messages delivered in the test
#   $rate: the share, e.g. "12.5%"
console-report-ab_arm = { $variant } { $successes } из { $delivered } ({ $rate })
# /report: the decision when the best variant beat the first one significantly.
#   $winner: the winning variant; $first: the first variant (A)
#   $p: the p-value (Fisher's exact test); $level: the level compared with, e.g. "5%"
#   $rest: messages queued for the rest of the audience
console-report-ab_significant = { $winner } лучше { $first }: точный тест Фишера p = { $p }, ниже уровня { $level }, поэтому остальным ушёл { $winner } (сообщений: { $rest }).
# /report: the decision when the difference is not significant.
#   $challenger: the best other variant; $first: the first variant (A)
#   $p: the p-value (Fisher's exact test); $level: the level compared with, e.g. "5%"
#   $rest: messages queued for the rest of the audience
console-report-ab_not_significant = { $challenger } против { $first }: точный тест Фишера p = { $p }, не ниже уровня { $level }, поэтому остальным ушёл первый вариант { $first } (сообщений: { $rest }).
# /report: the decision when there was nothing to compare.
#   $first: the first variant (A)
#   $rest: messages queued for the rest of the audience
console-report-ab_no_data = Нечего сравнивать (какой-то вариант никому не доставлен или никто не выполнил критерий), поэтому остальным ушёл первый вариант { $first } (сообщений: { $rest }).
# /report: per campaign, customers who withdrew after its message (within 7 days).
#   $left: customers who withdrew
#   $delivered: messages delivered
#   $rate: the share, e.g. "2.5%"
console-report-unsubscribed = отписались после неё: { $left } из { $delivered } ({ $rate })
# /stats and /report: customers who withdrew in the last 7 days, by reason.
#   $reasons: "reason: count" parts (console-stats-reason-*), comma-separated
console-stats-reasons = Отзывы на этой неделе по причине (клиенты): { $reasons }
# The same line when nobody withdrew.
console-stats-reasons_none = Отзывы на этой неделе по причине: нет
# Reasons of a withdrawal (parts of console-stats-reasons): the button under a delivered message.
console-stats-reason-message_button = кнопка под сообщением
# Reason of a withdrawal: a permission switched off in /preferences.
console-stats-reason-preferences = настройки
# Reason of a withdrawal: /stop or the Stop-all button.
console-stats-reason-stop = /stop
# Reason of a withdrawal: words (a message asking to stop).
console-stats-reason-words = словами
# Reason of a withdrawal: the customer blocked the bot.
console-stats-reason-blocked = заблокировали бота
# Reason of a withdrawal: a staff member.
console-stats-reason-staff = персонал
# Reason of a withdrawal: the customer erased their data.
console-stats-reason-erasure = удаление (/forget)
# Reason of a withdrawal: no activity for months: the lifecycle job made the customer former.
console-stats-reason-inactive = неактивность (стал бывшим)
# /stats and /report: the unsubscribe rate of each campaign.
#   $campaigns: one part per campaign (console-stats-unsubscribe_campaign), comma-separated
console-stats-unsubscribe = Доля отписок по кампании (в течение 7 дней после её сообщения): { $campaigns }
# One campaign in console-stats-unsubscribe.
#   $id: the campaign's number
#   $rate: the share, e.g. "2.5%"
#   $left: customers who withdrew
#   $delivered: messages delivered
console-stats-unsubscribe_campaign = #{ $id } { $rate } ({ $left }/{ $delivered })

## Staff follow-ups (bot/routers/staff/help.py, bot/routers/staff/campaigns.py): /limits in /help, paused customers in the campaign preview.
# Staff /help: one line about /limits (bot/routers/pause.py). Keep the command and its <arguments> as they are.
console-help-limits = /limits — ограничения частоты магазина; /limits <scope|all> <day|week|month> <N|off> — установить или снять
# Campaign summary, after the audience line, when some of the audience have paused messages at the campaign's send time.
#   $paused: how many of the audience (the line before) have a pause running then
console-campaign-audience_paused = Приостановили сообщения на время отправки: { $paused } из них (им ничего не будет отправлено, если они не возобновят раньше).
