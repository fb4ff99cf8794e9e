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
scope-birthday-button-v1 = Życzenia urodzinowe
# Version 1 of: What the permission means, shown next to its name.
scope-birthday-desc-v1 = życzenia (a czasem mały prezent) w Twoje urodziny — raz w roku
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-samples-button-v1 = Darmowe próbki
# Version 1 of: What the permission means, shown next to its name.
scope-samples-desc-v1 = propozycje darmowych próbek zgodnych z Twoimi zainteresowaniami — najwyżej kilka razy w miesiącu
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-feedback-button-v1 = Prośby o opinię
# Version 1 of: What the permission means, shown next to its name.
scope-feedback-desc-v1 = krótkie pytanie, jak Ci się podoba zakup lub próbka — mniej więcej tydzień później
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-offers-button-v1 = Nowości i oferty
# Version 1 of: What the permission means, shown next to its name.
scope-offers-desc-v1 = nowości o produktach i oferty dla Ciebie — nie częściej niż Twój tygodniowy limit
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-tracking-button-v1 = Personalne śledzenie
# Version 1 of: What the permission means, shown next to its name.
scope-tracking-desc-v1 = możemy łączyć Twoje odpowiedzi na przyciski z Twoim profilem, aby oferty były trafniejsze; bez tego są przechowywane tylko pod pseudonimem

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
consent-intro = <b>Co mogę Ci wysyłać?</b> Wybierz po kolei — nic nie zostanie włączone, dopóki nie naciśniesz przycisku:
# Below the list of permissions: how the buttons work.
consent-outro = Naciśnij przycisk, aby wyrazić zgodę (naciśnij ponownie, aby wyłączyć). Bot jest przydatny, nawet jeśli na nic nie pozwolisz. Gdy skończysz, naciśnij «Gotowe».
# Button under a delivered message that switches this permission off (plain text).
scope-birthday-stop_button = 🔕 Bez życzeń urodzinowych
# Button under a delivered message that switches this permission off (plain text).
scope-samples-stop_button = 🔕 Bez propozycji próbek
# Button under a delivered message that switches this permission off (plain text).
scope-feedback-stop_button = 🔕 Bez próśb o opinię
# Button under a delivered message that switches this permission off (plain text).
scope-offers-stop_button = 🔕 Bez ofert
# Button under a delivered message that switches this permission off (plain text).
scope-tracking-stop_button = 🔕 Wyłącz personalne śledzenie
# Pop-up after pressing a permission button that switched it on.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-granted = Zgoda wyrażona: { $scope }
# Pop-up after pressing a permission button that switched it off.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-withdrawn = Wyłączono: { $scope }
# Pop-up: the permission was already on.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-already_on = «{ $scope }» jest już włączone.
# Pop-up: the permission was already off.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-already_off = «{ $scope }» jest już wyłączone.
# Reply after a “no more ...” button under a delivered message.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-withdrawn_msg = Gotowe: «{ $scope }» wyłączone. Nie będę już tego wysyłać. Możesz to ponownie włączyć w /preferences.
# End of onboarding when nothing was allowed.
consent-none = W porządku — nic nie będę Ci wysyłać. Nadal możesz mnie o coś zapytać, zajrzeć do /mydata albo pozwolić na coś później w /preferences.
# End of the permission question when something was allowed; the preference questions follow.
#   $scopes: the names of several permissions, comma-separated
consent-thanks = Dziękuję! Pozwolono na: { $scopes }. Kilka krótkich pytań, żeby moje wiadomości Ci odpowiadały — każde można pominąć.
# Reply to /stop (or “Stop everything”): what was switched off.
#   $scopes: the names of several permissions, comma-separated
stop-done = Gotowe. Wyłączyłem: { $scopes }. Nie będę już nic z tego wysyłać. Aby wrócić, naciśnij /start albo użyj /preferences.
# Reply to /stop when nothing was allowed.
stop-nothing = Nie masz włączonych żadnych zgód, więc nic Ci nie wysyłam. Aby na coś pozwolić, użyj /preferences.
# When the customer wrote that they want something: confirmation with a button.
#   $desc: the description of that permission
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
optin-confirm = Czy chcesz pozwolić na «{ $scope }» — { $desc }? Naciśnij przycisk, aby potwierdzić.
# Button under the confirmation of a withdrawal written in words (words can be misread). Consent evidence (ledger id words.undo@v1).
words-undo = ↩️ Cofnij: zezwól ponownie
# Reply when that button allowed the permissions again.
#   $scopes: the names of several permissions, comma-separated
words-undone = Ponownie dozwolone: { $scopes }.
# Reply when that button is pressed after the choices changed.
words-undo_stale = Tego nie można już cofnąć: Twoje wybory zmieniły się od tamtej pory. /preferences je pokazuje i zmienia.

## Consent records (bot/consent/records.py): the ISO/IEC TS 27560 records in /mydata, /export and the API.
# How to withdraw consent (the record's “withdrawal method”), plain text, no HTML.
record-withdrawal = W czacie z tym botem: przycisk 🔕 pod dowolną wiadomością wyłącza jej zgodę; /preferences wyłącza dowolną zgodę; /stop lub słowa takie jak „stop” wyłączają wszystko naraz; /forget usuwa Twoje dane osobowe.

## Withdrawal of named scopes: words that name what to switch off (bot/routers/words.py).
# Withdrawal of named scopes. Reply when words switched off several permissions they named (not everything). Consent evidence (ledger id words.undo@v1): its undo button follows it.
#   $scopes: the names of several permissions, comma-separated
words-withdrawn_named = Gotowe. Wyłączyłem: { $scopes }. Nie będę już tego wysyłać; wszystko inne zostaje bez zmian. Możesz to ponownie włączyć w /preferences.
# Withdrawal of named scopes. Sent after that reply when the words also named permissions that were not switched on.
#   $scopes: the names of one or more permissions, comma-separated
words-not_granted = Nie było włączone, więc nie było czego wyłączać: { $scopes }.
# Withdrawal of named scopes. Reply when every permission the words named was not switched on: nothing changed.
#   $scopes: the names of one or more permissions, comma-separated
words-none_granted = Nie było włączone, więc tego nie wysyłam i nic się nie zmieniło: { $scopes }. Aby wyłączyć wszystko, wyślij /stop.
