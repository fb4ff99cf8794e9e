### The customer conversation: /start, the preference questions, /preferences, /help, errors, small talk.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# Reply to /start: who the bot is and what it may send.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
start-welcome = Вітаю{ $name_sep }{ $name }! 👋 Я помічник магазину. З вашого дозволу я можу привітати вас із днем народження, запропонувати безкоштовні зразки того, що вам подобається, запитати, як вам покупка, і розповісти про новинки — лише те, що ви дозволите, нічого зайвого, і ви можете передумати будь-коли.
# A button label (plain text, not HTML).
btn-scopes_done = Готово ✔
# A button label (plain text, not HTML).
btn-skip = Пропустити
# A button label (plain text, not HTML).
btn-done = Готово ✔
# A button label (plain text, not HTML).
btn-yes = Так
# A button label (plain text, not HTML).
btn-no = Ні
# A button label (plain text, not HTML).
btn-preferences = ⚙️ Налаштування
# A button label (plain text, not HTML).
btn-mydata = 📄 Мої дані
# A button label (plain text, not HTML).
btn-stop_all = 🔕 Вимкнути все
# A button label (plain text, not HTML).
btn-help = ❓ Допомога
# The name of this language in itself, on the language buttons.
lang-name = Українська
# A button of the /preferences menu (plain text).
prefs-btn-scopes = Дозволи
# A button of the /preferences menu (plain text).
prefs-btn-name = Ім'я
# A button of the /preferences menu (plain text).
prefs-btn-birthday = День народження
# A button of the /preferences menu (plain text).
prefs-btn-interests = Інтереси
# A button of the /preferences menu (plain text).
prefs-btn-timezone = Часовий пояс
# A button of the /preferences menu (plain text).
prefs-btn-quiet = Тихі години
# A button of the /preferences menu (plain text).
prefs-btn-cap = Повідомлень на тиждень
# A button of the /preferences menu (plain text).
prefs-btn-language = Мова
# Pop-up when an old button is pressed.
error-expired = Ця кнопка вже не діє. Скористайтеся /preferences або /help.
# A photo/sticker sent where a typed answer is expected.
error-need_text = Будь ласка, дайте відповідь текстом або натисніть кнопку.
# Sent when handling a message failed (nothing was changed).
error-internal = Вибачте, щось пішло не так, і нічого не змінилося. Спробуйте ще раз.
# End of the preference questions.
onboarding-done = Усе готово! Переглянути й змінити все можна будь-коли через /preferences, а вимкнути все — через /stop.
# Reply to “Skip” in a preference question.
step-skipped = Пропущено.
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-keep = Так, називайте мене { $name }
# The name question (onboarding and /preferences).
name-change = Інше ім'я
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-ask_confirm = Можна називати вас { $name }?
# The name question (onboarding and /preferences).
name-ask = Як мені до вас звертатися? Напишіть своє ім'я.
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-saved = Приємно познайомитися, { $name }!
# The name question (onboarding and /preferences).
name-invalid = Це не схоже на ім'я. Напишіть, будь ласка, лише ім'я (літери, до 64 символів) або натисніть «Пропустити».
# The birthday question.
birthday-ask = Коли у вас день народження? Наприклад: 12 травня, 12.05.1990 або 1990-05-12. Рік — за бажанням.
# Asked again after “No” to the confirmation.
birthday-reenter = Спробуймо ще раз. Напишіть, будь ласка, дату народження, наприклад 12 травня.
# Reply when the birthday is stored.
#   $date: a date as the customer typed or will see it (e.g. 12 May)
birthday-saved = Збережено: ваш день народження { $date }.
# The date understood, to confirm with Yes/No.
#   $date: a date as the customer typed or will see it (e.g. 12 May)
birthday-confirm = Ваш день народження { $date }?
# Why a typed birthday was not accepted (followed by an example).
birthday-error-empty = Я не отримав дати.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-not_a_date = Я не зміг прочитати це як дату.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-relative = Вкажіть, будь ласка, день і місяць народження, а не відносну дату на кшталт «вчора».
# Why a typed birthday was not accepted (followed by an example).
birthday-error-impossible = Такої дати не існує.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-future = Ця дата ще в майбутньому.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-too_old = Тоді вам було б понад 120 років — перевірте, будь ласка, рік.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-incomplete = Вкажіть, будь ласка, і день, і місяць.
# The interests question (categories as buttons).
interests-ask = Що вас цікавить? Оберіть будь-що, потім натисніть «Готово».
# The interests question (categories as buttons).
interests-saved = Інтереси збережено.
# The time zone question.
timezone-ask = У якому ви часовому поясі? Оберіть або напишіть своє місто (наприклад, Київ, Варшава, Нью-Йорк) чи зсув, як-от UTC+2.
# The time zone question.
#   $zone: the city in this language and its zone, such as “Київ (Europe/Kyiv)”, or an offset such as UTC+2
timezone-saved = Часовий пояс збережено: { $zone }.
# The time zone question.
timezone-invalid = Я не знаю такого місця. Напишіть своє місто (наприклад, Варшава чи Лондон) або зсув, як-от UTC+2.
# The quiet hours question (hours when nothing is sent).
quiet-ask = Коли мені ніколи вам не писати? Оберіть тихі години або напишіть їх (наприклад, «з 23 до 8» чи 22:00-08:00).
# The quiet hours question (hours when nothing is sent).
quiet-none = Без тихих годин
# The quiet hours question (hours when nothing is sent).
#   $end: the end time, HH:MM
#   $start: the start time, HH:MM
quiet-saved = Тихі години збережено: { $start }–{ $end }.
# The quiet hours question (hours when nothing is sent).
quiet-saved_none = Без тихих годин.
# The quiet hours question (hours when nothing is sent).
quiet-invalid = Напишіть тихі години від-до, наприклад «з 22 до 8» чи 22:00-08:00.
# The question of how many messages a week at most.
cap-ask = Скільки повідомлень на тиждень щонайбільше?
# A button with a weekly limit (plain text).
#   $n: a count (a number)
cap-option = { $n } / тиждень
# Reply when the weekly limit is stored.
#   $n: a count (a number)
cap-saved =
    { $n ->
        [one] Щонайбільше { $n } повідомлення на тиждень.
        [few] Щонайбільше { $n } повідомлення на тиждень.
        [many] Щонайбільше { $n } повідомлень на тиждень.
       *[other] Щонайбільше { $n } повідомлення на тиждень.
    }
# The language question (/language).
language-ask = Оберіть мову:
# Reply in the new language.
language-saved = Мова: українська.
# A line of the /preferences summary.
prefs-title = <b>Ваші налаштування</b>
# A line of the /preferences summary.
prefs-not_set = не вказано
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-name = Ім'я: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-birthday = День народження: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-interests = Інтереси: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-timezone = Часовий пояс: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-quiet = Тихі години: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-cap = Щонайбільше повідомлень на тиждень: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-language = Мова: { $value }
# Reply to /help. Each line starting with a command stays a command (do not translate the commands).
help-text =
    Я надсилаю лише те, що ви дозволили.
    /preferences — переглянути й змінити дозволи та налаштування
    /mydata — усе, що я про вас зберігаю
    /stop — вимкнути все одразу
    /forget — стерти ваші персональні дані
    /language — змінити мову
    Можна й просто написати мені, наприклад «не надсилайте зразки».
# Reply to /cancel in a question.
cancel-done = Скасовано.
# Reply to a message the bot did not understand; the help follows it.
fallback-too_long = Це повідомлення задовге для мене. Напишіть, будь ласка, коротше або скористайтеся кнопками.
# Reply to a message the bot did not understand; the help follows it.
fallback-unknown = Вибачте, я не зрозумів. Ось що я вмію:
# Reply to a message the bot did not understand; the help follows it.
fallback-unknown_command = Я не знаю такої команди. Ось що я вмію:
# Reply to a message the bot did not understand; the help follows it.
fallback-not_text = Я вмію читати лише текстові повідомлення. Ось що я вмію:
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-greet = Вітаю{ $name_sep }{ $name }! Чим можу допомогти? /help покаже, що я вмію.
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-goodbye = До побачення{ $name_sep }{ $name }! Я тут, коли знадоблюся.
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-thanks = Будь ласка{ $name_sep }{ $name }!

# shop linking (bot/linking.py): replies to /start link_<token>, a link the shop gave the customer
# (order page, e-mail). Linking grants no permission: the permission buttons follow each reply.
# The chat is now linked to the customer's account at the shop.
link-linked = ✅ Цей чат тепер пов'язано з вашим обліковим записом покупця в магазині. Саме по собі це нічого не дозволяє: нижче ви обираєте, що я можу вам надсилати.
# The link was already used, by this same chat.
link-already = Цей чат уже пов'язано з вашим обліковим записом покупця в магазині: більше нічого робити не треба.
# The link is malformed or its signature is wrong (cut when copied, or forged).
link-invalid = ⚠️ Це посилання недійсне (можливо, його скопійовано не повністю). Попросіть у магазину нове.
# The link is well formed but the bot has no record of it.
link-unknown = ⚠️ Я не знаю цього посилання. Попросіть у магазину нове.
# The link was already used from another Telegram account.
link-foreign = ⚠️ Це посилання вже використано з іншого облікового запису Telegram, тому воно не може пов'язати цей чат. Якщо воно призначалося вам, попросіть у магазину нове.
# The link is older than its validity.
link-expired = ⌛ Термін дії цього посилання минув. Попросіть у магазину нове.

# birthday by words (bot/dates.py reads a date inside a sentence; bot/routers/customer.py)
# Why a typed birthday was not accepted (followed by an example): the sentence has two different dates.
birthday-error-ambiguous = Я бачу тут більше ніж одну дату. Напишіть, будь ласка, лише дату народження.
# A birthday typed while birthday greetings are not allowed: nothing is stored; the scope's button follows.
#   $date: the date understood (e.g. 12 травня)
#   $scope: the name of the permission (e.g. Привітання з днем народження)
#   $desc: what the permission allows, as on the permission buttons
birthday-needs_scope = Щоб запам'ятати ваш день народження ({ $date }), мені потрібен ваш дозвіл «{ $scope }» — { $desc }. Натисніть кнопку, щоб дозволити; потім я попрошу підтвердити дату. До того нічого не зберігається.
# A new birthday typed while another one is stored: asked to confirm the change (Yes / No buttons follow).
#   $old: the birthday stored now (e.g. 4 травня)
#   $date: the new date understood (e.g. 5 травня)
birthday-change_confirm = Ваш день народження збережено як { $old }. Змінити на { $date }?
# Button: confirm the change of the birthday (plain text).
#   $date: the new date (e.g. 5 травня)
birthday-change_yes = Так, { $date }
# Button: keep the stored birthday (plain text).
#   $old: the birthday stored now (e.g. 4 травня)
birthday-change_keep = Ні, залишити { $old }
# Reply to "No, keep": nothing changed.
#   $date: the birthday stored (e.g. 4 травня)
birthday-kept = Нічого не змінено: ваш день народження — { $date }.

# frequency and pause (bot/frequency.py, bot/routers/pause.py)
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-pause = Призупинити всі повідомлення на якийсь час
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-resume = Завершити паузу зараз
# Button of /preferences: one's own frequency limits (plain text).
prefs-btn-limits = Як часто
# Button of /preferences: pause all messages (plain text).
prefs-btn-pause = Пауза
# The question of the frequency step in /preferences; the choices follow as buttons.
freq-ask = Як часто я можу писати вам щонайбільше? Обмеження магазину діють завжди: ваші можуть лише зробити їх суворішими.
# "All messages", in a frequency limit (plain text; also inside buttons).
freq-scope_all = усі повідомлення
# A frequency limit per day (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name such as "Offers and news")
freq-per_day = щонайбільше { $n } на день: { $what }
# A frequency limit per week (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name)
freq-per_week = щонайбільше { $n } на тиждень: { $what }
# A frequency limit per 30 days (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name)
freq-per_month = щонайбільше { $n } на місяць: { $what }
# Button: no limits of one's own, only the shop's (plain text).
freq-btn_none = Лише обмеження магазину
# Reply after choosing a limit.
#   $limit: the limit chosen (e.g. at most 1 a week: all messages)
freq-saved = Збережено: { $limit }.
# Reply after choosing "only the shop's limits".
freq-saved_none = Збережено: власних обмежень немає; діють обмеження магазину.
# A line of the /preferences summary: the customer's own frequency limits.
#   $value: the limits, separated by ";" (or the “not set” text)
freq-prefs_own = Ваші обмеження: { $value }
# A line of the /preferences summary: the shop's frequency limits.
#   $value: the limits, separated by ";" (or the “not set” text)
freq-prefs_shop = Обмеження магазину: { $value }
# The question of /pause and of the pause step in /preferences; buttons follow.
pause-ask = На скільки призупинити всі мої повідомлення? Ваші дозволи залишаються як є; я повідомлю, коли пауза закінчиться.
# Button: pause for a week (plain text; under every message the bot sends by itself).
pause-btn_7 = ⏸ 1 тиждень
# Button: pause for two weeks (plain text).
pause-btn_14 = ⏸ 2 тижні
# Button: pause for a month (plain text).
pause-btn_30 = ⏸ 1 місяць
# Button in /preferences while paused: end the pause now (plain text).
pause-btn_resume = ▶️ Відновити зараз
# Reply after a pause was set.
#   $until: when the pause ends, in the customer's time zone (e.g. 4 Dec 2026, 14:00)
pause-started = ⏸ Пауза до { $until }. Нічого не відкликано: ваші дозволи залишаються як є. /resume завершує паузу раніше.
# Reply to /resume (or the resume button) when a pause was running.
pause-resumed = ▶️ Паузу завершено: дозволені вами повідомлення знову можуть надходити.
# Reply to /resume when no pause was running.
pause-not_paused = Зараз паузи немає.
# The one short note the bot sends by itself when a pause ends.
pause-ended = ▶️ Ваша пауза закінчилася: дозволені вами повідомлення знову можуть надходити. /preferences змінює, що і як часто.
# A line of the /preferences summary: the pause.
#   $value: when the pause ends (or the “not set” text)
pause-prefs = Пауза до: { $value }

# time zones and quiet hours
# The time zone question: the customer typed a country or a name that has several time zones.
#   $place: what the customer typed
#   $cities: some of its cities, in this language, comma-separated
timezone-ambiguous = «{ $place }» має більше ніж один часовий пояс. Напишіть своє місто, наприклад: { $cities }
