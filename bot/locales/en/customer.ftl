### The customer conversation: /start, the preference questions, /preferences, /help, errors, small talk.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# Reply to /start: who the bot is and what it may send.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
start-welcome = Hello{ $name_sep }{ $name }! 👋 I am the shop's assistant. With your permission I can greet you on your birthday, offer free samples of what you like, ask how you liked a purchase and tell you about new products — only what you allow, never more, and you can change your mind at any time.
# A button label (plain text, not HTML).
btn-scopes_done = Done ✔
# A button label (plain text, not HTML).
btn-skip = Skip
# A button label (plain text, not HTML).
btn-done = Done ✔
# A button label (plain text, not HTML).
btn-yes = Yes
# A button label (plain text, not HTML).
btn-no = No
# A button label (plain text, not HTML).
btn-preferences = ⚙️ Preferences
# A button label (plain text, not HTML).
btn-mydata = 📄 My data
# A button label (plain text, not HTML).
btn-stop_all = 🔕 Stop everything
# A button label (plain text, not HTML).
btn-help = ❓ Help
# The name of this language in itself, on the language buttons.
lang-name = English
# A button of the /preferences menu (plain text).
prefs-btn-scopes = Permissions
# A button of the /preferences menu (plain text).
prefs-btn-name = Name
# A button of the /preferences menu (plain text).
prefs-btn-birthday = Birthday
# A button of the /preferences menu (plain text).
prefs-btn-interests = Interests
# A button of the /preferences menu (plain text).
prefs-btn-timezone = Time zone
# A button of the /preferences menu (plain text).
prefs-btn-quiet = Quiet hours
# A button of the /preferences menu (plain text).
prefs-btn-cap = Messages per week
# A button of the /preferences menu (plain text).
prefs-btn-language = Language
# Pop-up when an old button is pressed.
error-expired = This button has expired. Please use /preferences or /help.
# A photo/sticker sent where a typed answer is expected.
error-need_text = Please answer with text, or press a button.
# Sent when handling a message failed (nothing was changed).
error-internal = Sorry, something went wrong and nothing was changed. Please try again.
# End of the preference questions.
onboarding-done = All set! You can see and change everything at any time with /preferences, and stop everything with /stop.
# Reply to “Skip” in a preference question.
step-skipped = Skipped.
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-keep = Yes, call me { $name }
# The name question (onboarding and /preferences).
name-change = Use another name
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-ask_confirm = May I call you { $name }?
# The name question (onboarding and /preferences).
name-ask = How shall I call you? Type your name.
# The name question (onboarding and /preferences).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
name-saved = Nice to meet you, { $name }!
# The name question (onboarding and /preferences).
name-invalid = That does not look like a name. Please type just your name (letters, up to 64 characters), or press «Skip».
# The birthday question.
birthday-ask = When is your birthday? For example: 12 May, 12.05.1990 or 1990-05-12. The year is optional.
# Asked again after “No” to the confirmation.
birthday-reenter = Let's try again. Please type your birthday, for example 12 May.
# Reply when the birthday is stored.
#   $date: a date as the customer typed or will see it (e.g. 12 May)
birthday-saved = Saved: your birthday is { $date }.
# The date understood, to confirm with Yes/No.
#   $date: a date as the customer typed or will see it (e.g. 12 May)
birthday-confirm = Is your birthday { $date }?
# Why a typed birthday was not accepted (followed by an example).
birthday-error-empty = I did not get a date.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-not_a_date = I could not read that as a date.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-relative = Please give the day and month of your birthday, not a relative date like «yesterday».
# Why a typed birthday was not accepted (followed by an example).
birthday-error-impossible = That date does not exist.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-future = That date is in the future.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-too_old = That would make you older than 120 — please check the year.
# Why a typed birthday was not accepted (followed by an example).
birthday-error-incomplete = Please give both the day and the month.
# The interests question (categories as buttons).
interests-ask = What are you interested in? Choose any, then press «Done».
# The interests question (categories as buttons).
interests-saved = Interests saved.
# The time zone question.
timezone-ask = Which time zone are you in? Choose one or type your city (for example Kyiv, Warsaw, New York) or an offset such as UTC+2.
# The time zone question.
#   $zone: the city in this language and its zone, such as “Київ (Europe/Kyiv)”, or an offset such as UTC+2
timezone-saved = Time zone saved: { $zone }.
# The time zone question.
timezone-invalid = I do not know that place. Type your city (for example Warsaw or London), or an offset such as UTC+2.
# The quiet hours question (hours when nothing is sent).
quiet-ask = When should I never write to you? Choose quiet hours or type them (for example “from 11pm to 7am” or 22:00-08:00).
# The quiet hours question (hours when nothing is sent).
quiet-none = No quiet hours
# The quiet hours question (hours when nothing is sent).
#   $end: the end time, HH:MM
#   $start: the start time, HH:MM
quiet-saved = Quiet hours saved: { $start }–{ $end }.
# The quiet hours question (hours when nothing is sent).
quiet-saved_none = No quiet hours.
# The quiet hours question (hours when nothing is sent).
quiet-invalid = Please type quiet hours from–to, for example “from 10pm to 8am” or 22:00-08:00.
# The question of how many messages a week at most.
cap-ask = How many messages a week at most?
# A button with a weekly limit (plain text).
#   $n: a count (a number)
cap-option = { $n } / week
# Reply when the weekly limit is stored.
#   $n: a count (a number)
cap-saved =
    { $n ->
        [one] At most { $n } message a week.
       *[other] At most { $n } messages a week.
    }
# The language question (/language).
language-ask = Choose your language:
# Reply in the new language.
language-saved = Language: English.
# A line of the /preferences summary.
prefs-title = <b>Your preferences</b>
# A line of the /preferences summary.
prefs-not_set = not set
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-name = Name: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-birthday = Birthday: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-interests = Interests: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-timezone = Time zone: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-quiet = Quiet hours: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-cap = Messages per week at most: { $value }
# A line of the /preferences summary.
#   $value: the current value of the setting (or the “not set” text)
prefs-language = Language: { $value }
# Reply to /help. Each line starting with a command stays a command (do not translate the commands).
help-text =
    I send only what you allowed.
    /preferences — see and change permissions and preferences
    /mydata — everything I store about you
    /stop — switch everything off at once
    /forget — erase your personal data
    /language — change the language
    You can also just write to me, for example «stop sending samples».
# Reply to /cancel in a question.
cancel-done = Cancelled.
# Reply to a message the bot did not understand; the help follows it.
fallback-too_long = That message is too long for me. Please write a shorter one, or use the buttons.
# Reply to a message the bot did not understand; the help follows it.
fallback-unknown = Sorry, I did not understand that. Here is what I can do:
# Reply to a message the bot did not understand; the help follows it.
fallback-unknown_command = I do not know that command. Here is what I can do:
# Reply to a message the bot did not understand; the help follows it.
fallback-not_text = I can only read text messages. Here is what I can do:
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-greet = Hello{ $name_sep }{ $name }! How can I help? /help shows what I can do.
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-goodbye = Goodbye{ $name_sep }{ $name }! I'm here whenever you need me.
# Reply to a greeting, goodbye or thanks written by the customer.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
smalltalk-thanks = You're welcome{ $name_sep }{ $name }!

# shop linking (bot/linking.py): replies to /start link_<token>, a link the shop gave the customer
# (order page, e-mail). Linking grants no permission: the permission buttons follow each reply.
# The chat is now linked to the customer's account at the shop.
link-linked = ✅ This chat is now linked to your customer account at the shop. That allows nothing by itself: below you choose what I may send you.
# The link was already used, by this same chat.
link-already = This chat is already linked to your customer account at the shop: nothing more to do.
# The link is malformed or its signature is wrong (cut when copied, or forged).
link-invalid = ⚠️ This link is not valid (perhaps it was copied incompletely). Please ask the shop for a new one.
# The link is well formed but the bot has no record of it.
link-unknown = ⚠️ I do not know this link. Please ask the shop for a new one.
# The link was already used from another Telegram account.
link-foreign = ⚠️ This link was already used from another Telegram account, so it cannot link this chat. If it was meant for you, please ask the shop for a new one.
# The link is older than its validity.
link-expired = ⌛ This link has expired. Please ask the shop for a new one.

# birthday by words (bot/dates.py reads a date inside a sentence; bot/routers/customer.py)
# Why a typed birthday was not accepted (followed by an example): the sentence has two different dates.
birthday-error-ambiguous = I see more than one date there. Please type just your birthday.
# A birthday typed while birthday greetings are not allowed: nothing is stored; the scope's button follows.
#   $date: the date understood (e.g. 12 May)
#   $scope: the name of the permission (e.g. Birthday greeting)
#   $desc: what the permission allows, as on the permission buttons
birthday-needs_scope = To remember your birthday ({ $date }) I need your permission «{ $scope }» — { $desc }. Press the button to allow it; then I will ask you to confirm the date. Nothing is saved until then.
# A new birthday typed while another one is stored: asked to confirm the change (Yes / No buttons follow).
#   $old: the birthday stored now (e.g. 4 May)
#   $date: the new date understood (e.g. 5 May)
birthday-change_confirm = Your birthday is saved as { $old }. Change it to { $date }?
# Button: confirm the change of the birthday (plain text).
#   $date: the new date (e.g. 5 May)
birthday-change_yes = Yes, { $date }
# Button: keep the stored birthday (plain text).
#   $old: the birthday stored now (e.g. 4 May)
birthday-change_keep = No, keep { $old }
# Reply to "No, keep": nothing changed.
#   $date: the birthday stored (e.g. 4 May)
birthday-kept = Nothing changed: your birthday stays { $date }.

# frequency and pause (bot/frequency.py, bot/routers/pause.py)
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-pause = Pause all messages for a while
# Description of a command in Telegram's command menu (plain text, at most 256 characters).
cmd-resume = End a pause now
# Button of /preferences: one's own frequency limits (plain text).
prefs-btn-limits = How often
# Button of /preferences: pause all messages (plain text).
prefs-btn-pause = Pause
# The question of the frequency step in /preferences; the choices follow as buttons.
freq-ask = How often may I write to you at most? The shop's own limits always apply too: yours can only make them stricter.
# "All messages", in a frequency limit (plain text; also inside buttons).
freq-scope_all = all messages
# A frequency limit per day (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name such as "Offers and news")
freq-per_day = at most { $n } a day: { $what }
# A frequency limit per week (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name)
freq-per_week = at most { $n } a week: { $what }
# A frequency limit per 30 days (plain text; also a button).
#   $n: the number of messages
#   $what: which messages (all messages, or a permission's name)
freq-per_month = at most { $n } a month: { $what }
# Button: no limits of one's own, only the shop's (plain text).
freq-btn_none = Only the shop's limits
# Reply after choosing a limit.
#   $limit: the limit chosen (e.g. at most 1 a week: all messages)
freq-saved = Saved: { $limit }.
# Reply after choosing "only the shop's limits".
freq-saved_none = Saved: no limits of your own; the shop's limits apply.
# A line of the /preferences summary: the customer's own frequency limits.
#   $value: the limits, separated by ";" (or the “not set” text)
freq-prefs_own = Your limits: { $value }
# A line of the /preferences summary: the shop's frequency limits.
#   $value: the limits, separated by ";" (or the “not set” text)
freq-prefs_shop = The shop's limits: { $value }
# The question of /pause and of the pause step in /preferences; buttons follow.
pause-ask = Pause all my messages for how long? Your permissions stay as they are; I will let you know when the pause ends.
# Button: pause for a week (plain text; under every message the bot sends by itself).
pause-btn_7 = ⏸ 1 week
# Button: pause for two weeks (plain text).
pause-btn_14 = ⏸ 2 weeks
# Button: pause for a month (plain text).
pause-btn_30 = ⏸ 1 month
# Button in /preferences while paused: end the pause now (plain text).
pause-btn_resume = ▶️ Resume now
# Reply after a pause was set.
#   $until: when the pause ends, in the customer's time zone (e.g. 4 Dec 2026, 14:00)
pause-started = ⏸ Paused until { $until }. Nothing is withdrawn: your permissions stay as they are. /resume ends the pause earlier.
# Reply to /resume (or the resume button) when a pause was running.
pause-resumed = ▶️ The pause has ended: messages you allowed can come again.
# Reply to /resume when no pause was running.
pause-not_paused = There is no pause running.
# The one short note the bot sends by itself when a pause ends.
pause-ended = ▶️ Your pause has ended: messages you allowed can come again. /preferences changes what and how often.
# A line of the /preferences summary: the pause.
#   $value: when the pause ends (or the “not set” text)
pause-prefs = Pause until: { $value }

# time zones and quiet hours
# The time zone question: the customer typed a country or a name that has several time zones.
#   $place: what the customer typed
#   $cities: some of its cities, in this language, comma-separated
timezone-ambiguous = “{ $place }” has more than one time zone. Type your city, for example: { $cities }
