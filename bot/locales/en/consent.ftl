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
scope-birthday-button-v1 = Birthday greeting
# Version 1 of: What the permission means, shown next to its name.
scope-birthday-desc-v1 = a greeting (and sometimes a small gift) on your birthday — once a year
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-samples-button-v1 = Free samples
# Version 1 of: What the permission means, shown next to its name.
scope-samples-desc-v1 = offers of free samples that match your interests — at most a few times a month
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-feedback-button-v1 = Feedback requests
# Version 1 of: What the permission means, shown next to its name.
scope-feedback-desc-v1 = a short question about how you liked a purchase or a sample — about a week after it
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-offers-button-v1 = News and offers
# Version 1 of: What the permission means, shown next to its name.
scope-offers-desc-v1 = news about new products and personal offers — never more often than your weekly limit
# Version 1 of: The permission's name: its button label (plain text) and its name in lists.
scope-tracking-button-v1 = Personal tracking
# Version 1 of: What the permission means, shown next to its name.
scope-tracking-desc-v1 = we may link your answers to buttons to your profile to make offers more relevant; without it they are kept only under a pseudonym

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
consent-intro = <b>What may I send you?</b> Choose one by one — nothing is switched on until you press its button:
# Below the list of permissions: how the buttons work.
consent-outro = Press a button to allow it (press again to switch it off). The bot stays useful even if you allow nothing. When you are done, press «Done».
# Button under a delivered message that switches this permission off (plain text).
scope-birthday-stop_button = 🔕 No more birthday greetings
# Button under a delivered message that switches this permission off (plain text).
scope-samples-stop_button = 🔕 No more sample offers
# Button under a delivered message that switches this permission off (plain text).
scope-feedback-stop_button = 🔕 No more feedback requests
# Button under a delivered message that switches this permission off (plain text).
scope-offers-stop_button = 🔕 No more offers
# Button under a delivered message that switches this permission off (plain text).
scope-tracking-stop_button = 🔕 Stop personal tracking
# Pop-up after pressing a permission button that switched it on.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-granted = Allowed: { $scope }
# Pop-up after pressing a permission button that switched it off.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-withdrawn = Switched off: { $scope }
# Pop-up: the permission was already on.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-already_on = { $scope } is already allowed.
# Pop-up: the permission was already off.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-already_off = { $scope } is already switched off.
# Reply after a “no more ...” button under a delivered message.
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
scope-withdrawn_msg = Done: { $scope } is switched off. I will not send you that any more. You can switch it back on in /preferences.
# End of onboarding when nothing was allowed.
consent-none = That's fine — I will not send you anything. You can still ask me anything, see /mydata or allow something later in /preferences.
# End of the permission question when something was allowed; the preference questions follow.
#   $scopes: the names of several permissions, comma-separated
consent-thanks = Thank you! You allowed: { $scopes }. A few quick questions so that my messages suit you — each can be skipped.
# Reply to /stop (or “Stop everything”): what was switched off.
#   $scopes: the names of several permissions, comma-separated
stop-done = Done. I switched off: { $scopes }. I will not send you any of it any more. To come back, press /start or use /preferences.
# Reply to /stop when nothing was allowed.
stop-nothing = You have not allowed anything, so I am not sending you anything. To allow something, use /preferences.
# When the customer wrote that they want something: confirmation with a button.
#   $desc: the description of that permission
#   $scope: the name of one permission (its button label, e.g. “Free samples”)
optin-confirm = Do you want to allow «{ $scope }» — { $desc }? Press the button to confirm.
# Button under the confirmation of a withdrawal written in words (words can be misread). Consent evidence (ledger id words.undo@v1).
words-undo = ↩️ Undo: allow again
# Reply when that button allowed the permissions again.
#   $scopes: the names of several permissions, comma-separated
words-undone = Allowed again: { $scopes }.
# Reply when that button is pressed after the choices changed.
words-undo_stale = This can no longer be undone: your choices have changed since. /preferences shows and changes them.

## Consent records (bot/consent/records.py): the ISO/IEC TS 27560 records in /mydata, /export and the API.
# How to withdraw consent (the record's “withdrawal method”), plain text, no HTML.
record-withdrawal = In the chat with this bot: the 🔕 button under any message switches off its permission; /preferences switches any permission off; /stop or words such as “stop” switch everything off at once; /forget erases your personal data.

## Withdrawal of named scopes: words that name what to switch off (bot/routers/words.py).
# Withdrawal of named scopes. Reply when words switched off several permissions they named (not everything). Consent evidence (ledger id words.undo@v1): its undo button follows it.
#   $scopes: the names of several permissions, comma-separated
words-withdrawn_named = Done. I switched off: { $scopes }. I will not send you these any more; everything else stays as it was. You can switch them back on in /preferences.
# Withdrawal of named scopes. Sent after that reply when the words also named permissions that were not switched on.
#   $scopes: the names of one or more permissions, comma-separated
words-not_granted = Not switched on, so there was nothing to switch off: { $scopes }.
# Withdrawal of named scopes. Reply when every permission the words named was not switched on: nothing changed.
#   $scopes: the names of one or more permissions, comma-separated
words-none_granted = Not switched on, so I am not sending it and nothing changed: { $scopes }. To switch off everything, send /stop.
