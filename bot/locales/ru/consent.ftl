### Permissions (scopes): their names and descriptions (consent evidence, versioned), granting and withdrawing, /stop, the undo of a withdrawal by words.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

## Consent evidence: what each permission is called and means, by version.
## The exact words a customer saw when allowing a permission are stored with the grant
## (“scope.<scope>.desc@v<N>”), so a published version is never edited: to change the
## words, add scope-<scope>-button-v<N+1> and scope-<scope>-desc-v<N+1> in every language,
## point the unversioned messages below at them and raise SCOPE_TEXT_VERSION in bot/texts.py.
## tests/texts/test_fluent_consent.py pins a hash of every version.

# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-birthday-button-v1 = Поздравление с днём рождения
# Version 1 of: What the permission means, shown next to its name.
scope-birthday-desc-v1 = поздравление (а иногда и маленький подарок) в ваш день рождения — раз в год
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-samples-button-v1 = Бесплатные пробники
# Version 1 of: What the permission means, shown next to its name.
scope-samples-desc-v1 = предложения бесплатных пробников по вашим интересам — не чаще нескольких раз в месяц
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-feedback-button-v1 = Запросы отзыва
# Version 1 of: What the permission means, shown next to its name.
scope-feedback-desc-v1 = короткий вопрос о том, как вам покупка или пробник — примерно через неделю после неё
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-offers-button-v1 = Новости и предложения
# Version 1 of: What the permission means, shown next to its name.
scope-offers-desc-v1 = новости о новых товарах и персональные предложения — не чаще вашего недельного лимита
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-tracking-button-v1 = Персональное отслеживание
# Version 1 of: What the permission means, shown next to its name.
scope-tracking-desc-v1 = мы можем связывать ваши нажатия кнопок с вашим профилем, чтобы предложения были уместнее; без этого они хранятся только под псевдонимом

## The permission wording in use now: references to the current version.

# The permission's name: its button label (plain text) and its name in lists. The current version.
scope-birthday-button = { scope-birthday-button-v1 }
# What the permission means, shown next to its name. The current version.
scope-birthday-desc = { scope-birthday-desc-v1 }
# The permission's name: its button label (plain text) and its name in lists. The current version.
scope-samples-button = { scope-samples-button-v1 }
# What the permission means, shown next to its name. The current version.
scope-samples-desc = { scope-samples-desc-v1 }
# The permission's name: its button label (plain text) and its name in lists. The current version.
scope-feedback-button = { scope-feedback-button-v1 }
# What the permission means, shown next to its name. The current version.
scope-feedback-desc = { scope-feedback-desc-v1 }
# The permission's name: its button label (plain text) and its name in lists. The current version.
scope-offers-button = { scope-offers-button-v1 }
# What the permission means, shown next to its name. The current version.
scope-offers-desc = { scope-offers-desc-v1 }
# The permission's name: its button label (plain text) and its name in lists. The current version.
scope-tracking-button = { scope-tracking-button-v1 }
# What the permission means, shown next to its name. The current version.
scope-tracking-desc = { scope-tracking-desc-v1 }

## Asking for, granting and withdrawing permissions.

# Heading of the list of permissions (onboarding and /preferences → Permissions). HTML.
consent-intro = <b>Что мне можно вам присылать?</b> Выберите по одному — ничего не включится, пока вы не нажмёте кнопку:
# Below the list of permissions: how the buttons work.
consent-outro = Нажмите кнопку, чтобы разрешить (нажмите ещё раз, чтобы выключить). Бот полезен, даже если вы ничего не разрешите. Когда закончите, нажмите «Готово».
# Button under a delivered message that switches this permission off (plain text).
scope-birthday-stop_button = 🔕 Больше не поздравлять с днём рождения
# Button under a delivered message that switches this permission off (plain text).
scope-samples-stop_button = 🔕 Больше не предлагать пробники
# Button under a delivered message that switches this permission off (plain text).
scope-feedback-stop_button = 🔕 Больше не спрашивать отзывов
# Button under a delivered message that switches this permission off (plain text).
scope-offers-stop_button = 🔕 Больше не присылать предложения
# Button under a delivered message that switches this permission off (plain text).
scope-tracking-stop_button = 🔕 Отключить персональное отслеживание
# Pop-up after pressing a permission button that switched it on.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-granted = Разрешено: { $scope }
# Pop-up after pressing a permission button that switched it off.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-withdrawn = Отключено: { $scope }
# Pop-up: the permission was already on.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-already_on = «{ $scope }» уже разрешено.
# Pop-up: the permission was already off.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-already_off = «{ $scope }» уже отключено.
# Reply after a “no more ...” button under a delivered message.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-withdrawn_msg = Готово: «{ $scope }» отключено. Я больше не буду вам это присылать. Включить снова можно в /preferences.
# End of onboarding when nothing was allowed.
consent-none = Хорошо — я ничего не буду вам присылать. Вы всё равно можете меня о чём-то спросить, посмотреть /mydata или разрешить что-то позже в /preferences.
# End of the permission question when something was allowed; the preference questions follow.
#   $scopes: the names of several permissions, comma-separated
consent-thanks = Спасибо! Вы разрешили: { $scopes }. Несколько коротких вопросов, чтобы мои сообщения вам подходили — каждый можно пропустить.
# Reply to /stop (or “Stop everything”): what was switched off.
#   $scopes: the names of several permissions, comma-separated
stop-done = Готово. Я отключил: { $scopes }. Больше ничего из этого я присылать не буду. Чтобы вернуться, нажмите /start или воспользуйтесь /preferences.
# Reply to /stop when nothing was allowed.
stop-nothing = Вы ничего не разрешали, поэтому я ничего вам не присылаю. Чтобы что-то разрешить, воспользуйтесь /preferences.
# When the customer wrote that they want something: confirmation with a button.
#   $desc: the description of that permission
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
optin-confirm = Хотите разрешить «{ $scope }» — { $desc }? Нажмите кнопку, чтобы подтвердить.
# Button under the confirmation of a withdrawal written in words (words can be misread). Consent evidence (ledger id words.undo@v1).
words-undo = ↩️ Отменить: разрешить снова
# Reply when that button allowed the permissions again.
#   $scopes: the names of several permissions, comma-separated
words-undone = Снова разрешено: { $scopes }.
# Reply when that button is pressed after the choices changed.
words-undo_stale = Это уже нельзя отменить: ваш выбор с тех пор изменился. /preferences показывает и меняет его.

## Consent records (bot/consent/records.py): the ISO/IEC TS 27560 records in /mydata, /export and the API.
# How to withdraw consent (the record's “withdrawal method”), plain text, no HTML.
record-withdrawal = В чате с этим ботом: кнопка 🔕 под любым сообщением отключает его разрешение; /preferences отключает любое разрешение; /stop или слова вроде «стоп» отключают всё сразу; /forget стирает ваши персональные данные.

## Withdrawal of named scopes: words that name what to switch off (bot/routers/words.py).
# Withdrawal of named scopes. Reply when words switched off several permissions they named (not everything). Consent evidence (ledger id words.undo@v1): its undo button follows it.
#   $scopes: the names of several permissions, comma-separated
words-withdrawn_named = Готово. Я отключил: { $scopes }. Это я больше присылать не буду; всё остальное остаётся как было. Включить снова можно в /preferences.
# Withdrawal of named scopes. Sent after that reply when the words also named permissions that were not switched on.
#   $scopes: the names of one or more permissions, comma-separated
words-not_granted = Не было включено, поэтому отключать нечего: { $scopes }.
# Withdrawal of named scopes. Reply when every permission the words named was not switched on: nothing changed.
#   $scopes: the names of one or more permissions, comma-separated
words-none_granted = Не было включено, поэтому я это не присылаю и ничего не изменилось: { $scopes }. Чтобы отключить всё, отправьте /stop.
