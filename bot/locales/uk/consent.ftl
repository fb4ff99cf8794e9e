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
scope-birthday-button-v1 = Привітання з днем народження
# Version 1 of: What the permission means, shown next to its name.
scope-birthday-desc-v1 = привітання (а іноді й маленький подарунок) у ваш день народження — раз на рік
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-samples-button-v1 = Безкоштовні зразки
# Version 1 of: What the permission means, shown next to its name.
scope-samples-desc-v1 = пропозиції безкоштовних зразків відповідно до ваших інтересів — щонайбільше кілька разів на місяць
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-feedback-button-v1 = Запити на відгук
# Version 1 of: What the permission means, shown next to its name.
scope-feedback-desc-v1 = коротке запитання про те, як вам покупка чи зразок — приблизно через тиждень після неї
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-offers-button-v1 = Новини та пропозиції
# Version 1 of: What the permission means, shown next to its name.
scope-offers-desc-v1 = новини про нові товари й персональні пропозиції — не частіше за ваш тижневий ліміт
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-tracking-button-v1 = Персональне відстеження
# Version 1 of: What the permission means, shown next to its name.
scope-tracking-desc-v1 = ми можемо пов'язувати ваші натискання кнопок із вашим профілем, щоб пропозиції були доречнішими; без цього вони зберігаються лише під псевдонімом

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
consent-intro = <b>Що мені можна вам надсилати?</b> Оберіть по одному — нічого не ввімкнеться, доки ви не натиснете кнопку:
# Below the list of permissions: how the buttons work.
consent-outro = Натисніть кнопку, щоб дозволити (натисніть ще раз, щоб вимкнути). Бот корисний, навіть якщо ви нічого не дозволите. Коли закінчите, натисніть «Готово».
# Button under a delivered message that switches this permission off (plain text).
scope-birthday-stop_button = 🔕 Більше не вітати з днем народження
# Button under a delivered message that switches this permission off (plain text).
scope-samples-stop_button = 🔕 Більше не пропонувати зразки
# Button under a delivered message that switches this permission off (plain text).
scope-feedback-stop_button = 🔕 Більше не питати відгуків
# Button under a delivered message that switches this permission off (plain text).
scope-offers-stop_button = 🔕 Більше не надсилати пропозиції
# Button under a delivered message that switches this permission off (plain text).
scope-tracking-stop_button = 🔕 Вимкнути персональне відстеження
# Pop-up after pressing a permission button that switched it on.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-granted = Дозволено: { $scope }
# Pop-up after pressing a permission button that switched it off.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-withdrawn = Вимкнено: { $scope }
# Pop-up: the permission was already on.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-already_on = «{ $scope }» уже дозволено.
# Pop-up: the permission was already off.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-already_off = «{ $scope }» уже вимкнено.
# Reply after a “no more ...” button under a delivered message.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-withdrawn_msg = Готово: «{ $scope }» вимкнено. Я більше не надсилатиму вам цього. Увімкнути знову можна в /preferences.
# End of onboarding when nothing was allowed.
consent-none = Гаразд — я нічого вам не надсилатиму. Ви все одно можете мене про щось запитати, переглянути /mydata або дозволити щось пізніше в /preferences.
# End of the permission question when something was allowed; the preference questions follow.
#   $scopes: the names of several permissions, comma-separated
consent-thanks = Дякую! Ви дозволили: { $scopes }. Кілька коротких запитань, щоб мої повідомлення вам пасували — кожне можна пропустити.
# Reply to /stop (or “Stop everything”): what was switched off.
#   $scopes: the names of several permissions, comma-separated
stop-done = Готово. Я вимкнув: { $scopes }. Більше нічого з цього я не надсилатиму. Щоб повернутися, натисніть /start або скористайтеся /preferences.
# Reply to /stop when nothing was allowed.
stop-nothing = Ви нічого не дозволяли, тож я нічого вам не надсилаю. Щоб щось дозволити, скористайтеся /preferences.
# When the customer wrote that they want something: confirmation with a button.
#   $desc: the description of that permission
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
optin-confirm = Бажаєте дозволити «{ $scope }» — { $desc }? Натисніть кнопку, щоб підтвердити.
# Button under the confirmation of a withdrawal written in words (words can be misread). Consent evidence (ledger id words.undo@v1).
words-undo = ↩️ Скасувати: дозволити знову
# Reply when that button allowed the permissions again.
#   $scopes: the names of several permissions, comma-separated
words-undone = Знову дозволено: { $scopes }.
# Reply when that button is pressed after the choices changed.
words-undo_stale = Це вже не можна скасувати: ваш вибір відтоді змінився. /preferences показує і змінює його.

## Consent records (bot/consent/records.py): the ISO/IEC TS 27560 records in /mydata, /export and the API.
# How to withdraw consent (the record's “withdrawal method”), plain text, no HTML.
record-withdrawal = У чаті з цим ботом: кнопка 🔕 під будь-яким повідомленням вимикає його дозвіл; /preferences вимикає будь-який дозвіл; /stop або слова на кшталт «стоп» вимикають усе одразу; /forget стирає ваші персональні дані.

## Withdrawal of named scopes: words that name what to switch off (bot/routers/words.py).
# Withdrawal of named scopes. Reply when words switched off several permissions they named (not everything). Consent evidence (ledger id words.undo@v1): its undo button follows it.
#   $scopes: the names of several permissions, comma-separated
words-withdrawn_named = Готово. Я вимкнув: { $scopes }. Цього я більше не надсилатиму; усе інше залишається як було. Увімкнути знову можна в /preferences.
# Withdrawal of named scopes. Sent after that reply when the words also named permissions that were not switched on.
#   $scopes: the names of one or more permissions, comma-separated
words-not_granted = Не було ввімкнено, тож вимикати нічого: { $scopes }.
# Withdrawal of named scopes. Reply when every permission the words named was not switched on: nothing changed.
#   $scopes: the names of one or more permissions, comma-separated
words-none_granted = Не було ввімкнено, тож я цього не надсилаю і нічого не змінилося: { $scopes }. Щоб вимкнути все, надішліть /stop.
