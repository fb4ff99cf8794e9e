### The customer conversation: /start, the preference questions, /preferences, /help, errors, small talk.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# Reply to /start: who the bot is and what it may send.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
start-welcome = Здравствуйте{ $name_sep }{ $name }! 👋 Я помощник магазина. С вашего разрешения я могу поздравить вас с днём рождения, предложить бесплатные пробники того, что вам нравится, спросить, как вам покупка, и рассказать о новинках — только то, что вы разрешите, ничего лишнего, и вы можете передумать в любой момент.
# A button label (plain text, not HTML).
btn-scopes_done = Готово ✔
# A button label (plain text, not HTML).
btn-skip = Пропустить
# A button label (plain text, not HTML).
btn-done = Готово ✔
# A button label (plain text, not HTML).
btn-yes = Да
# A button label (plain text, not HTML).
btn-no = Нет
# A button label (plain text, not HTML).
btn-preferences = ⚙️ Настройки
# A button label (plain text, not HTML).
btn-mydata = 📄 Мои данные
# A button label (plain text, not HTML).
btn-stop_all = 🔕 Отключить всё
# A button label (plain text, not HTML).
btn-help = ❓ Помощь
# The name of this language in itself, on the language buttons.
lang-name = Русский
# A button of the /preferences menu (plain text).
prefs-btn-scopes = Разрешения
# A button of the /preferences menu (plain text).
prefs-btn-name = Имя
# A button of the /preferences menu (plain text).
prefs-btn-birthday = День рождения
# A button of the /preferences menu (plain text).
prefs-btn-interests = Интересы
# A button of the /preferences menu (plain text).
prefs-btn-timezone = Часовой пояс
# A button of the /preferences menu (plain text).
prefs-btn-quiet = Тихие часы
# A button of the /preferences menu (plain text).
prefs-btn-cap = Сообщений в неделю
# A button of the /preferences menu (plain text).
prefs-btn-language = Язык
# Pop-up when an old button is pressed.
error-expired = Эта кнопка уже не действует. Воспользуйтесь /preferences или /help.
# A photo/sticker sent where a typed answer is expected.
error-need_text = Пожалуйста, ответьте текстом или нажмите кнопку.
# Sent when handling a message failed (nothing was changed).
error-internal = Извините, что-то пошло не так, и ничего не изменилось. Попробуйте ещё раз.
# End of the preference questions.
onboarding-done = Всё готово! Посмотреть и изменить всё можно в любой момент через /preferences, а отключить всё — через /stop.
# Reply to “Skip” in a preference question.
step-skipped = Пропущено.
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-keep = Да, называйте меня { $name }
# The name question (onboarding and /preferences).
name-change = Другое имя
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-ask_confirm = Можно называть вас { $name }?
# The name question (onboarding and /preferences).
name-ask = Как мне к вам обращаться? Напишите своё имя.
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-saved = Приятно познакомиться, { $name }!
# The name question (onboarding and /preferences).
name-invalid = Это не похоже на имя. Напишите, пожалуйста, только имя (буквы, до 64 символов) или нажмите «Пропустить».
# The birthday question.
birthday-ask = Когда у вас день рождения? Например: 12 мая, 12.05.1990 или 1990-05-12. Год — по желанию.
# Asked again after “No” to the confirmation.
birthday-reenter = Давайте ещё раз. Напишите, пожалуйста, дату рождения, например 12 мая.
# Reply when the birthday is stored.
#   $date: a date as the customer typed or will see it (e.g. 12 May)
birthday-saved = Сохранено: ваш день рождения { $date }.
# The date understood, to confirm with Yes/No.
#   $date: a date as the customer typed or will see it (e.g. 12 May)
birthday-confirm = Ваш день рождения { $date }?
# Why a typed birthday was not accepted (followed by an example).
birthday-error-empty = Я не получил дату.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-not_a_date = Я не смог прочитать это как дату.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-relative = Укажите, пожалуйста, день и месяц рождения, а не относительную дату вроде «вчера».
# Why a typed birthday was not accepted (followed by an example).
birthday-error-impossible = Такой даты не существует.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-future = Эта дата ещё в будущем.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-too_old = Тогда вам было бы больше 120 лет — проверьте, пожалуйста, год.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-incomplete = Укажите, пожалуйста, и день, и месяц.
# The interests question (categories as buttons).
interests-ask = Что вас интересует? Выберите что угодно, затем нажмите «Готово».
# The interests question (categories as buttons).
interests-saved = Интересы сохранены.
# The time zone question.
timezone-ask = В каком вы часовом поясе? Выберите или напишите свой город (например, Киев, Варшава, Нью-Йорк) или смещение, например UTC+2.
# The time zone question.
#   $zone: the city in this language and its zone, such as “Київ (Europe/Kyiv)”, or an offset such as UTC+2
timezone-saved = Часовой пояс сохранён: { $zone }.
# The time zone question.
timezone-invalid = Я не знаю такого места. Напишите свой город (например, Варшава или Лондон) или смещение, например UTC+2.
# The quiet hours question (hours when nothing is sent).
quiet-ask = Когда мне никогда вам не писать? Выберите тихие часы или напишите их (например, «с 23 до 8» или 22:00-08:00).
# The quiet hours question (hours when nothing is sent).
quiet-none = Без тихих часов
# The quiet hours question (hours when nothing is sent).
#   $end: the end time, HH:MM
#   $start: the start time, HH:MM
quiet-saved = Тихие часы сохранены: { $start }–{ $end }.
# The quiet hours question (hours when nothing is sent).
quiet-saved_none = Без тихих часов.
# The quiet hours question (hours when nothing is sent).
quiet-invalid = Напишите тихие часы с-до, например «с 22 до 8» или 22:00-08:00.
# The question of how many messages a week at most.
cap-ask = Сколько сообщений в неделю максимум?
# A button with a weekly limit (plain text).
#   $n: a count (a number)
cap-option = { $n } / неделю
# Reply when the weekly limit is stored.
#   $n: a count (a number)
cap-saved =
    { $n ->
        [one] Не больше { $n } сообщения в неделю.
        [few] Не больше { $n } сообщений в неделю.
        [many] Не больше { $n } сообщений в неделю.
       *[other] Не больше { $n } сообщения в неделю.
    }
# The language question (/language).
language-ask = Выберите язык:
# Reply in the new language.
language-saved = Язык: русский.
# A line of the /preferences summary.
prefs-title = <b>Ваши настройки</b>
# A line of the /preferences summary.
prefs-not_set = не указано
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-name = Имя: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-birthday = День рождения: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-interests = Интересы: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-timezone = Часовой пояс: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-quiet = Тихие часы: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-cap = Максимум сообщений в неделю: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-language = Язык: { $value }
# Reply to /help. Each line starting with a command stays a command (do not translate the commands).
help-text =
    Я присылаю только то, что вы разрешили.
    /preferences — посмотреть и изменить разрешения и настройки
    /mydata — всё, что я о вас храню
    /stop — отключить всё сразу
    /forget — стереть ваши персональные данные
    /language — сменить язык
    Можно и просто написать мне, например «не присылайте пробники».
# Reply to /cancel in a question.
cancel-done = Отменено.
# Reply to a message the bot did not understand; the help follows it.
fallback-too_long = Это сообщение слишком длинное для меня. Напишите, пожалуйста, короче или воспользуйтесь кнопками.
# Reply to a message the bot did not understand; the help follows it.
fallback-unknown = Извините, я не понял. Вот что я умею:
# Reply to a message the bot did not understand; the help follows it.
fallback-unknown_command = Я не знаю такой команды. Вот что я умею:
# Reply to a message the bot did not understand; the help follows it.
fallback-not_text = Я умею читать только текстовые сообщения. Вот что я умею:
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-greet = Здравствуйте{ $name_sep }{ $name }! Чем могу помочь? /help покажет, что я умею.
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-goodbye = До свидания{ $name_sep }{ $name }! Я здесь, когда понадоблюсь.
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-thanks = Пожалуйста{ $name_sep }{ $name }!

# shop linking (bot/linking.py): replies to /start link_<token>, a link the shop gave the customer
# (order page, e-mail). Linking grants no permission: the permission buttons follow each reply.
# The chat is now linked to the customer's account at the shop.
link-linked = ✅ Этот чат теперь связан с вашей учётной записью покупателя в магазине. Само по себе это ничего не разрешает: ниже вы выбираете, что я могу вам присылать.
# The link was already used, by this same chat.
link-already = Этот чат уже связан с вашей учётной записью покупателя в магазине: больше ничего делать не нужно.
# The link is malformed or its signature is wrong (cut when copied, or forged).
link-invalid = ⚠️ Эта ссылка недействительна (возможно, она скопирована не полностью). Попросите в магазине новую.
# The link is well formed but the bot has no record of it.
link-unknown = ⚠️ Я не знаю этой ссылки. Попросите в магазине новую.
# The link was already used from another Telegram account.
link-foreign = ⚠️ Эта ссылка уже использована с другой учётной записи Telegram, поэтому она не может связать этот чат. Если она предназначалась вам, попросите в магазине новую.
# The link is older than its validity.
link-expired = ⌛ Срок действия этой ссылки истёк. Попросите в магазине новую.

# birthday by words (bot/dates.py reads a date inside a sentence; bot/routers/customer.py)
# Why a typed birthday was not accepted (followed by an example): the sentence has two different dates.
birthday-error-ambiguous = Я вижу здесь больше одной даты. Напишите, пожалуйста, только дату рождения.
# A birthday typed while birthday greetings are not allowed: nothing is stored; the scope's button follows.
#   $date: the date understood (e.g. 12 мая)
#   $scope: the name of the permission (e.g. Поздравление с днём рождения)
#   $desc: what the permission allows, as on the permission buttons
birthday-needs_scope = Чтобы запомнить ваш день рождения ({ $date }), мне нужно ваше разрешение «{ $scope }» — { $desc }. Нажмите кнопку, чтобы разрешить; затем я попрошу подтвердить дату. До этого ничего не сохраняется.
# A new birthday typed while another one is stored: asked to confirm the change (Yes / No buttons follow).
#   $old: the birthday stored now (e.g. 4 мая)
#   $date: the new date understood (e.g. 5 мая)
birthday-change_confirm = Ваш день рождения сохранён как { $old }. Изменить на { $date }?
# Button: confirm the change of the birthday (plain text).
#   $date: the new date (e.g. 5 мая)
birthday-change_yes = Да, { $date }
# Button: keep the stored birthday (plain text).
#   $old: the birthday stored now (e.g. 4 мая)
birthday-change_keep = Нет, оставить { $old }
# Reply to "No, keep": nothing changed.
#   $date: the birthday stored (e.g. 4 мая)
birthday-kept = Ничего не изменено: ваш день рождения — { $date }.

# frequency and pause (bot/frequency.py, bot/routers/pause.py)
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-pause = Приостановить все сообщения на время
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-resume = Завершить паузу сейчас
# Button of /preferences: one's own frequency limits (plain text).
prefs-btn-limits = Как часто
# Button of /preferences: pause all messages (plain text).
prefs-btn-pause = Пауза
# The question of the frequency step in /preferences; the choices follow as buttons.
freq-ask = Как часто мне можно писать вам самое большее? Ограничения магазина действуют всегда: ваши могут только сделать их строже.
# "All messages", in a frequency limit (plain text; also inside buttons).
freq-scope_all = все сообщения
# A frequency limit per day (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name such as "Offers and news")
freq-per_day = не больше { $n } в день: { $what }
# A frequency limit per week (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name)
freq-per_week = не больше { $n } в неделю: { $what }
# A frequency limit per 30 days (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name)
freq-per_month = не больше { $n } в месяц: { $what }
# Button: no limits of one's own, only the shop's (plain text).
freq-btn_none = Только ограничения магазина
# Reply after choosing a limit.
#   $limit: the limit chosen (e.g. at most 1 a week: all messages)
freq-saved = Сохранено: { $limit }.
# Reply after choosing "only the shop's limits".
freq-saved_none = Сохранено: своих ограничений нет; действуют ограничения магазина.
# A line of the /preferences summary: the customer's own frequency limits.
#   $value: the limits, separated by ";" (or the “not set” text)
freq-prefs_own = Ваши ограничения: { $value }
# A line of the /preferences summary: the shop's frequency limits.
#   $value: the limits, separated by ";" (or the “not set” text)
freq-prefs_shop = Ограничения магазина: { $value }
# The question of /pause and of the pause step in /preferences; buttons follow.
pause-ask = На сколько приостановить все мои сообщения? Ваши разрешения остаются как есть; я сообщу, когда пауза закончится.
# Button: pause for a week (plain text; under every message the bot sends by itself).
pause-btn_7 = ⏸ 1 неделя
# Button: pause for two weeks (plain text).
pause-btn_14 = ⏸ 2 недели
# Button: pause for a month (plain text).
pause-btn_30 = ⏸ 1 месяц
# Button in /preferences while paused: end the pause now (plain text).
pause-btn_resume = ▶️ Возобновить сейчас
# Reply after a pause was set.
#   $until: when the pause ends, in the customer's time zone (e.g. 4 Dec 2026, 14:00)
pause-started = ⏸ Пауза до { $until }. Ничего не отозвано: ваши разрешения остаются как есть. /resume завершает паузу раньше.
# Reply to /resume (or the resume button) when a pause was running.
pause-resumed = ▶️ Пауза завершена: разрешённые вами сообщения снова могут приходить.
# Reply to /resume when no pause was running.
pause-not_paused = Сейчас паузы нет.
# The one short note the bot sends by itself when a pause ends.
pause-ended = ▶️ Ваша пауза закончилась: разрешённые вами сообщения снова могут приходить. /preferences меняет, что и как часто.
# A line of the /preferences summary: the pause.
#   $value: when the pause ends (or the “not set” text)
pause-prefs = Пауза до: { $value }

# time zones and quiet hours
# The time zone question: the customer typed a country or a name that has several time zones.
#   $place: what the customer typed
#   $cities: some of its cities, in this language, comma-separated
timezone-ambiguous = «{ $place }» — больше одного часового пояса. Напишите свой город, например: { $cities }
