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
staff-role_denied = Your role ({ $role }) cannot use this command; allowed: { $roles }.

## /staff: staff management (owners only)

# /staff when the staff table is empty.
staff-none = No staff besides the owners in ADMIN_IDS.
# /staff add.
#   $user: the Telegram id added
#   $role: the role given
staff-added = User { $user } is now { $role }.
# /staff remove.
#   $user: the Telegram id removed
staff-removed = User { $user } is no longer staff.
# /staff remove of someone who is not staff.
#   $user: the Telegram id given
staff-not_staff = User { $user } is not staff; nothing changed.
# /staff remove of an owner from the configuration.
#   $user: the Telegram id given
staff-configured_owner = User { $user } is an owner from ADMIN_IDS (configuration), which /staff cannot change: remove the id from ADMIN_IDS and restart the bot.
# /staff with wrong arguments.
staff-usage_staff = Usage: /staff, /staff add <user_id> <owner|marketer|support>, /staff remove <user_id>

## Samples

# /sample_new with wrong arguments.
staff-usage_sample_new =
    Usage: /sample_new <category> <stock> <days valid> <product name>
    Example: /sample_new coffee 50 14 Ethiopian Yirgacheffe 100 g
# /sample_new with a category that does not exist.
#   $slug: the category typed
#   $slugs: the existing categories, comma-separated
staff-unknown_category = Unknown category { $slug }. Categories: { $slugs }
# /sample_new done.
#   $id: the offer's number
#   $product: the product name
#   $stock: how many samples there are
#   $expires: the last day (YYYY-MM-DD)
staff-sample_created = Sample offer #{ $id } created: { $product }, stock { $stock }, valid until { $expires }.
# After /sample_new: how many customers the offer was queued for.
#   $added: that number
staff-sample_enqueued =
    { $added ->
        [one] Offered to { $added } customer with the samples permission and a matching interest.
       *[other] Offered to { $added } customers with the samples permission and a matching interest.
    }
# /samples when there are none.
staff-no_samples = No sample offers yet.
# An offer or request number that does not exist.
staff-not_found = Not found.
# /sample_close done.
#   $id: the offer's number
#   $cancelled: how many queued offers were dropped
staff-sample_closed =
    { $cancelled ->
        [one] Sample offer #{ $id } closed; { $cancelled } queued offer of it cancelled (not sent).
       *[other] Sample offer #{ $id } closed; { $cancelled } queued offers of it cancelled (not sent).
    }
# /requests when there are none.
staff-no_requests = No sample requests waiting.
# /fulfil of a request already delivered.
#   $id: the request's number
staff-already_delivered = Request #{ $id } was already marked delivered.
# /fulfil done.
#   $id: the request's number
#   $feedback: the text staff-yes or staff-no
staff-fulfilled = Request #{ $id } marked delivered. Feedback request scheduled: { $feedback }.
# Answer to "feedback request scheduled".
staff-yes = yes
# Answer to "feedback request scheduled" when the customer did not allow feedback requests.
staff-no = no (no feedback permission)

## Purchases and customers

# /purchase with wrong arguments.
staff-usage_purchase = Usage: /purchase <customer id | @username> <product> [amount]
# No customer with that id or username.
#   $ref: what was typed
staff-no_customer = No customer { $ref }.
# A username that several customers had; a list "id: name @username, last seen …" follows.
#   $ref: the username typed
#   $count: how many customers match
staff-ambiguous_customer =
    { $count ->
        [one] { $ref } matches { $count } customer; nothing was done. Name one by id:
       *[other] { $ref } matches { $count } customers; nothing was done. Name one by id:
    }
# The same when more customers match than are listed.
#   $ref: the username typed
#   $count: how many are listed (more match)
staff-ambiguous_customer_many = { $ref } matches more than { $count } customers; nothing was done. Name one by id:
# One customer of that list.
#   $id: the customer's Telegram id
#   $name: their name
#   $username: their username (without @)
#   $last_seen: the date they last wrote (YYYY-MM-DD)
staff-customer_line = { $id }: { $name } @{ $username }, last seen { $last_seen }
# /purchase done.
#   $id: the purchase's number
#   $customer: the customer's Telegram id
#   $product: the product
#   $stage: the customer's stage now (a stage name)
#   $feedback: the text staff-yes or staff-no
staff-purchase_recorded = Purchase #{ $id } recorded for { $customer }: { $product }. Stage: { $stage }. Feedback request scheduled: { $feedback }.
# /perk with wrong arguments.
staff-usage_perk = Usage: /perk <code> (the birthday gift code) or /perk off
# /perk done.
#   $code: the code set (or "off")
staff-perk_set = Birthday perk set to { $code }.

## /customer: one customer's record

# Heading of /customer (in bold); name and @username follow.
#   $id: the customer's Telegram id
console-customer-title = Customer { $id }
# Second line of /customer.
#   $language: the customer's language code
#   $stage: their stage (a stage name)
#   $reachable: whether messages reach them: the text console-customer-reachable_yes or -reachable_no
#   $purchases: how many purchases
#   $last_seen: the date they last wrote (YYYY-MM-DD)
console-customer-state = language { $language }, stage { $stage }, reachable { $reachable }, purchases { $purchases }, last seen { $last_seen }
# The permissions allowed now.
#   $scopes: scope names, comma-separated, or the text console-none
console-customer-scopes = scopes: { $scopes }
# "Nothing" in /customer lists.
console-none = none
# The customer's preferences (owners and marketers only).
#   $birthday: DD.MM or DD.MM.YYYY, or -
#   $interests: category names, or -
#   $zone: a time zone, or -
#   $quiet: quiet hours (HH:MM–HH:MM), or -
#   $cap: the weekly limit, or the text console-customer-cap_default
console-customer-preferences = birthday { $birthday }, interests { $interests }, time zone { $zone }, quiet { $quiet }, weekly cap { $cap }
# The weekly limit when the customer chose none.
console-customer-cap_default = default
# Heading (bold) of the consent history.
console-customer-consent_history = Consent history
# One entry of the consent history.
#   $at: date and time (UTC)
#   $action: grant or withdraw
#   $scope: the scope name
#   $method: how (button, command, words …)
console-customer-consent_event = { $at } { $action } { $scope } by { $method }
# After a consent entry given by a button: which message it was under.
#   $id: the message id
console-customer-consent_message = (message { $id })
# Heading (bold) of the stage history.
console-customer-stage_history = Stage history
# Heading (bold) of the last messages sent.
console-customer-messages = Messages
# After that heading.
#   $n: how many are listed
console-customer-messages_shown = (last { $n })
# The same for support staff, who do not see birthday greetings (they give the birthday away).
#   $n: how many are listed
console-customer-messages_shown_support = (last { $n }, birthday greetings not shown)
# Responses and feedback of the customer.
#   $responses: how many button responses are stored under their name
#   $feedback: their ratings (subject rating/5, comma-separated), or the text console-none
console-customer-responses = responses tracked personally: { $responses }; feedback: { $feedback }
# How many purchases are recorded.
#   $n: that number
console-customer-purchases = purchases recorded: { $n }

## /campaign: the guided campaign dialogue

# First question of /campaign; the goals follow as buttons. Keep the goal names.
console-campaign-start =
    New campaign. What is its goal?
    acquisition = bring a friend, development = up-sell / cross-sell, retention, winback. /cancel leaves.
# /cancel in the dialogue, or the Cancel button.
console-campaign-cancelled = Campaign cancelled; nothing was sent.
# Pop-up for a button of an earlier step.
console-campaign-expired = This button has expired.
# After the goal.
console-campaign-name = Name of the campaign?
# The segment steps, choices as buttons: which stages.
console-campaign-stages = Target stages (none = all):
# Which customer languages.
console-campaign-languages = Languages (none = all):
# Which interests (categories).
console-campaign-interests = Interests (none = any):
# Button to the next segment step (plain text).
console-campaign-next = Next ▶
# Typed text at the goal step (answered with buttons).
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-goal = Choose the goal with a button above: { $buttons }.
# Typed text at a segment step.
#   $buttons: the labels of the button that moves on, each quoted (console-campaign-button), comma-separated
console-campaign-hint-segment = Tick the choices with the buttons above, then press { $buttons }.
# Typed text at the step after a variant.
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-more = Press a button above: { $buttons }.
# Typed text at the summary.
#   $buttons: the labels of the buttons to press, each quoted (console-campaign-button), comma-separated
console-campaign-hint-confirm = Press a button above: { $buttons }.
# A photo, sticker … at a typed step.
console-campaign-need_text = Please type the answer as text.
# Appended to those hints.
console-campaign-leave = /cancel leaves the campaign.
# After the segment steps. Keep "-N".
console-campaign-active_days = Only customers active in the last N days? Type a number (0 = any; a negative number -N = inactive for N days, for win-back).
# A number of days out of range.
#   $max: the largest number allowed
console-campaign-days_invalid = Please type a whole number of days (at most { $max }, or -{ $max }).
# After the days question.
console-campaign-min_purchases = Minimum number of purchases? (0 = any)
# Not a whole number (or too large) for the purchases question.
console-campaign-whole_number = Please type a whole number.
# Keep '-' (typed for "no offer").
console-campaign-offer = The offer, in one line (or '-' for none):
# After the offer: the first message variant.
console-campaign-variant_first = Variant A: type the message.
# After "Add a variant".
#   $variant: the variant's letter (B, C, D)
console-campaign-variant_next = Variant { $variant }: type the message. Vary only one element between variants.
# After a variant; buttons follow.
#   $n: how many variants there are
console-campaign-variants =
    { $n ->
        [one] { $n } variant.
       *[other] { $n } variants.
    }
# Button after a variant (plain text).
console-campaign-add_variant = Add a variant
# Button after a variant (plain text).
console-campaign-variants_done = Variants done
# The schedule question.
#   $now: the word to type for "now" (shown as code; staff type it in English)
console-campaign-schedule = When? Type { $now } or a UTC time like 2026-12-01 10:00.
# Keep the word now: staff type it in English.
console-campaign-schedule_invalid = Please type now, or a time like 2026-12-01 10:00 (UTC).
# After the schedule.
console-campaign-budget = Budget? (a number, 0 = none)
# Not a number for the budget.
console-campaign-budget_invalid = Please type a number (0 = none).
# After the budget.
console-campaign-target = Success criterion: target response rate in % (e.g. 30)?
# Out of range for the target.
console-campaign-target_invalid = Please type a percentage between 1 and 100.
# The summary before launch (after the campaign's name and goal).
#   $segment: who is targeted (console-segment-* texts, joined by "; ")
#   $variants: how many variants
#   $schedule: a UTC time, or the text console-campaign-now
#   $budget: the budget, or -
#   $target: the target response rate in percent
console-campaign-summary =
    segment: { $segment }
    variants: { $variants }, schedule: { $schedule }, budget: { $budget }, target: { $target }%
# Schedule "now" in the summary.
console-campaign-now = now
# Bold line of the summary.
#   $size: how many customers would get it
console-campaign-audience = Audience after consent filtering: { $size }
# After that line.
console-campaign-audience_note = (only customers with the offers permission).
# Button of the summary (plain text).
console-campaign-launch = 🚀 Launch
# Button of the summary (plain text).
console-campaign-cancel = Cancel
# After Launch.
#   $id: the campaign's number
#   $n: how many messages were queued
console-campaign-launched =
    { $n ->
        [one] Campaign #{ $id } launched: { $n } message queued for customers with the offers permission.
       *[other] Campaign #{ $id } launched: { $n } messages queued for customers with the offers permission.
    }

## The segment of a campaign as staff read it (joined by "; ")

#   $values: the chosen stages / languages / interests, comma-separated
console-segment-stages = stages: { $values }
#   $values: the chosen languages, comma-separated
console-segment-languages = languages: { $values }
#   $values: the chosen interests, comma-separated
console-segment-interests = interests: { $values }
#   $n: a number of days
console-segment-active =
    { $n ->
        [one] active in the last { $n } day
       *[other] active in the last { $n } days
    }
#   $n: a number of days
console-segment-inactive =
    { $n ->
        [one] inactive for { $n } day
       *[other] inactive for { $n } days
    }
#   $n: a number of purchases
console-segment-min_purchases =
    { $n ->
        [one] at least { $n } purchase
       *[other] at least { $n } purchases
    }
# The segment when nothing narrows it.
console-segment-all = all

## Reports, exports, categories, audit

# Caption of the /report chart.
console-report-caption = Funnel and response rates
# /stats and /report: heading of the lifecycle funnel (bold).
console-stats-funnel = Lifecycle funnel
# After that heading: what the two numbers of each stage line are ("friend: 12 / 30").
console-stats-funnel_note = (now / ever reached)
# /stats and /report: heading of the number of customers who allowed each scope (bold).
console-stats-scopes = Customers per scope
# /stats: the consent flow of the last 7 days.
#   $opt_ins: the text console-stats-opt_ins
#   $withdrawals: the text console-stats-withdrawals
console-stats-week = This week: { $opt_ins }, { $withdrawals }
# Part of console-stats-week.
#   $n: how many permissions were granted in the last 7 days
console-stats-opt_ins =
    { $n ->
        [one] { $n } opt-in
       *[other] { $n } opt-ins
    }
# Part of console-stats-week.
#   $n: how many permissions were withdrawn in the last 7 days
console-stats-withdrawals =
    { $n ->
        [one] { $n } withdrawal
       *[other] { $n } withdrawals
    }
# /stats: stage changes of the last 7 days.
#   $moves: each stage and how many moved into it, e.g. "→friend 3, →customer 1"
console-stats-moves = Stage moves this week: { $moves }
# /report and /campaigns when there are no campaigns.
console-report-no_campaigns = No campaigns yet.
# /report and /campaigns: heading of the totals over all campaigns (bold, followed by ": ").
console-report-all = All campaigns
# The totals over all campaigns, after console-report-all and ": ".
#   $count: how many campaigns
#   $delivered: how many messages were delivered
#   $conversions: how many purchases or referrals followed them
console-report-totals = { $count }; delivered { $delivered }, conversions { $conversions }
# After the totals: messages delivered per conversion.
#   $ratio: e.g. "2.0:1"
console-report-per_conversion = delivered per conversion { $ratio }
# After the totals when nothing converted yet.
console-report-no_conversions = no conversions yet
# After a campaign's name, goal and status.
#   $rate: the response rate it aims at, e.g. "30%"
console-report-target = target response rate { $rate }
# Verdict of a variant (the text $verdict of console-report-variant).
console-report-nothing_delivered = nothing delivered yet
# Verdict of a variant: its response rate reaches the target.
console-report-meets_target = meets target
# Verdict of a variant: its response rate is below the target.
console-report-below_target = below target
# A variant with no buyers yet (the text $ratio of console-report-variant).
console-report-no_buyers = no buyers yet
# One variant of a campaign (A, B …).
#   $variant: the variant's letter
#   $queued: messages queued
#   $delivered: messages delivered
#   $responded: customers who responded
#   $rate: the response rate, e.g. "12.5%"
#   $verdict: one of the texts console-report-nothing_delivered, -meets_target, -below_target
#   $converted: conversions (purchases or referrals)
#   $ratio: customers informed per buyer, e.g. "2.0:1", or the text console-report-no_buyers
console-report-variant = { $variant }: queued { $queued }, delivered { $delivered }, responded { $responded } ({ $rate }, { $verdict }), converted { $converted }; informed per buyer { $ratio }
# A campaign with several variants: whether their response rates differ (chi-squared test).
#   $result: one of the texts console-report-not_enough_data, -significant, -not_significant
console-report-difference = difference: { $result }
# The difference between variants cannot be tested yet.
console-report-not_enough_data = not enough data
# The difference between variants is significant at the 5 % level.
#   $p: the p-value, e.g. "0.0123"
console-report-significant = p = { $p } (significant at 5 %)
# The difference between variants is not significant at the 5 % level.
#   $p: the p-value, e.g. "0.2345"
console-report-not_significant = p = { $p } (not significant at 5 %)
# Caption of /export segment.
#   $n: how many customers are in the file
console-export-customers =
    { $n ->
        [one] { $n } customer
       *[other] { $n } customers
    }
# Caption of /export.
console-export-ledger = Consent ledger
# /categories when there are none.
console-categories-none = No categories.
# After a category's name in /categories.
console-categories-disabled = (disabled)
#   $slug: the category's slug
console-categories-added = Category { $slug } added.
#   $slug: the category's slug
console-categories-renamed = Category { $slug } renamed.
#   $slug: the category's slug
console-categories-enabled = Category { $slug } enabled.
#   $slug: the category's slug
console-categories-disabled_now = Category { $slug } disabled.
# /categories with wrong arguments. Keep <en> <uk> <ru> <pl>: they are the languages' codes.
console-categories-usage = Usage: /categories, /categories add <slug> <en> <uk> <ru> <pl>, /categories rename <slug> <lang> <name>, /categories disable|enable <slug>
# /audit when nothing is logged.
console-audit-empty = The audit log is empty.

# webhooks (bot/routers/staff/webhooks.py): /webhook, outgoing webhooks to the shop's systems.
# After /webhook add. The secret is shown this once: the shop verifies signatures with it.
#   $id: the endpoint's number; $url: its URL; $events: the events it receives, comma-separated
#   $secret: the signing secret (whsec_...)
console-webhook-added = Webhook { $id } added: { $url } ({ $events }). Signing secret, shown only now: { $secret }
# /webhook add with a URL or events that are not accepted.
#   $reason: what is wrong (English, from the code); $events: the events that exist
console-webhook-invalid = Not added: { $reason }. Events: { $events }
# One line of /webhook list.
#   $id: the endpoint's number; $url: its URL; $events: the events it receives
console-webhook-list_line = { $id }: { $url } ({ $events })
# /webhook list when no webhook is configured.
console-webhook-none = No webhooks. Add one with /webhook add <url>.
#   $id: the endpoint's number
console-webhook-removed = Webhook { $id } removed; its pending deliveries are given up, its log stays.
#   $id: the number typed
console-webhook-not_found = There is no active webhook { $id }.
# One line of /webhook log (newest first).
#   $id: the delivery's number; $endpoint: the webhook's number; $event: e.g. consent.withdrawn
#   $scope: the scope or "-"; $customer: the Telegram id or "-"; $status: pending, sending, delivered or failed
#   $attempts: attempts so far; $http: the last HTTP status or "-"; $error: the last error or "-"; $at: when the event happened (UTC)
console-webhook-log_line = #{ $id } → { $endpoint } { $at } { $event } { $scope } customer { $customer }: { $status }, attempts { $attempts }, HTTP { $http }, { $error }
# /webhook log when nothing was delivered yet.
console-webhook-log_empty = No webhook deliveries yet.
# /webhook with wrong arguments.
#   $events: the events that exist
console-webhook-usage = Usage: /webhook list, /webhook add <url> [events], /webhook remove <id>, /webhook log [<id>]. Events: { $events }

## Consent records (bot/consent/records.py) in /export.
# Caption of the JSON lines file /export sends beside the ledger CSV.
#   $n: how many records (ledger events) are in the file
console-export-records =
    { $n ->
        [one] { $n } consent record (ISO/IEC TS 27560, JSON lines)
       *[other] { $n } consent records (ISO/IEC TS 27560, JSON lines)
    }

## Staff console hints
# staff console hints: what to press, an empty audience, /customer usage, staff /help

# One button label named in a hint (console-campaign-hint-*), in the quotation marks of your language.
#   $label: the button's label as shown
console-campaign-button = “{ $label }”
# Launch was pressed while no customer is in the campaign's audience: asked once more; buttons follow.
console-campaign-empty_audience = The audience is 0: no customer with the offers permission matches this segment now, so nothing would be sent. Launch anyway (the campaign is recorded with 0 messages), or cancel?
# Button after that question (plain text): launch although nobody will get it.
console-campaign-launch_anyway = 🚀 Launch anyway
# /customer without a customer.
console-customer-usage = Usage: /customer <customer id | @username> — what the bot knows about a customer and what it sent them.
# In /customer: messages reach the customer (the text $reachable of console-customer-state).
console-customer-reachable_yes = yes
# In /customer: messages do not reach the customer (they blocked the bot, or were erased).
console-customer-reachable_no = no
# Staff /help: heading (bold); the commands of the staff member's role follow, one a line.
#   $role: their role (owner, marketer or support)
console-help-title = Your commands (role { $role }):
# Staff /help: last line, the commands every customer has (staff are customers too).
console-help-as_customer = As a customer of the bot you also have /start, /preferences, /mydata, /stop, /forget and /language.
# Staff /help: one line about /customer. Keep the command and its <arguments> as they are.
console-help-customer = /customer <id | @username> — what the bot knows about a customer and what it sent them
# Staff /help: one line about /purchase. Keep the command and its <arguments> as they are.
console-help-purchase = /purchase <customer> <product> [amount] — record a purchase (a feedback request follows where allowed)
# Staff /help: one line about /sample_new. Keep the command and its <arguments> as they are.
console-help-sample_new = /sample_new <category> <stock> <days> <product> — offer free samples to the customers interested
# Staff /help: one line about /samples. Keep the command and its <arguments> as they are.
console-help-samples = /samples — the sample offers
# Staff /help: one line about /sample_close. Keep the command and its <arguments> as they are.
console-help-sample_close = /sample_close <offer> — close an offer; its queued offers are not sent
# Staff /help: one line about /requests. Keep the command and its <arguments> as they are.
console-help-requests = /requests — accepted sample offers waiting to be sent out
# Staff /help: one line about /fulfil. Keep the command and its <arguments> as they are.
console-help-fulfil = /fulfil <request> — a sample was delivered (a feedback request follows where allowed)
# Staff /help: one line about /campaign. Keep the command and its <arguments> as they are.
console-help-campaign = /campaign — plan and launch a campaign step by step (/cancel leaves)
# Staff /help: one line about /campaigns. Keep the command and its <arguments> as they are.
console-help-campaigns = /campaigns — the results of the campaigns
# Staff /help: one line about /stats. Keep the command and its <arguments> as they are.
console-help-stats = /stats — the lifecycle funnel and the permissions (customers only, not staff)
# Staff /help: one line about /report. Keep the command and its <arguments> as they are.
console-help-report = /report — a chart of the funnel and the campaigns' results
# Staff /help: one line about /export. Keep the command and its <arguments> as they are.
console-help-export = /export — the consent ledger as CSV; /export segment <stage…> — the customers of those stages
# Staff /help: one line about /staff. Keep the command and its <arguments> as they are.
console-help-staff = /staff — the staff; /staff add <user_id> <role>, /staff remove <user_id>
# Staff /help: one line about /perk. Keep the command and its <arguments> as they are.
console-help-perk = /perk <code> — the birthday gift code; /perk off — none
# Staff /help: one line about /categories. Keep the command and its <arguments> as they are.
console-help-categories = /categories — the interest categories; add, rename, disable, enable
# Staff /help: one line about /audit. Keep the command and its <arguments> as they are.
console-help-audit = /audit — the last 30 staff actions
# Staff /help: one line about /webhook. Keep the command and its <arguments> as they are.
console-help-webhook = /webhook — the shop's webhooks: list, add <url> [events], remove <id>, log [<id>]
# Staff /help: one line about /apikey. Keep the command and its <arguments> as they are.
console-help-apikey = /apikey — API keys of the shop's systems: list, create <name> <scope…>, revoke <id>

# api keys (bot/routers/staff/apikeys.py): /apikey, keys of the shop's systems for the integration API.
# After /apikey create. The key is shown this once (only a hash of it is stored).
#   $id: the key's number; $name: its name; $scopes: what it may do; $apikey: the key itself
console-apikey-created = API key { $id } "{ $name }" created ({ $scopes }). The key, shown only now; copy it into the shop's system, then delete this message: { $apikey }
# /apikey create that cannot be done.
#   $reason: why, in English (from the code)
console-apikey-invalid = Not created: { $reason }
# One line of /apikey list. Keep pbk_{ $prefix }_… as it is: the start of the key.
#   $id, $name, $prefix, $scopes: the key's; $state: console-apikey-active or console-apikey-revoked_on
console-apikey-line = #{ $id } { $name } pbk_{ $prefix }_… — { $scopes } — { $state }
# The state of a key in /apikey list.
console-apikey-active = active
# The state of a revoked key in /apikey list.
#   $at: when it was revoked (UTC)
console-apikey-revoked_on = revoked { $at }
# /apikey list when there are none.
console-apikey-none = No API keys yet.
# After /apikey revoke.
#   $id: the key's number; $name: its name
console-apikey-revoked = API key { $id } "{ $name }" revoked: calls with it are refused from now on.
# /apikey revoke with a number no key has.
#   $id: the number given
console-apikey-not_found = No API key { $id }.
# /apikey with wrong arguments. Keep the commands and <arguments> as they are.
#   $scopes: the scopes a key may hold
console-apikey-usage = Usage: /apikey list, /apikey create <name> <scope…>, /apikey revoke <id>. Scopes: { $scopes }

# frequency and pause (bot/routers/pause.py: /limits)
# /limits: the title above the shop's frequency limits.
console-limits-title = Frequency limits of the shop (every customer; customers can only make them stricter):
# /limits: one limit.
#   $scope: a permission, or "all" (all messages)
#   $period: day, week or month
#   $n: at most this many messages
console-limits-line = { $scope }: at most { $n } per { $period }
# /limits when the shop has none (the weekly cap still applies).
console-limits-none = none (only the weekly cap)
# /limits usage. Keep the command and <arguments> as they are.
#   $scopes: the scopes a limit may name
#   $periods: the periods
console-limits-usage = Usage: /limits <scope> <period> <N|off>. Scopes: { $scopes }. Periods: { $periods }. Example: /limits offers week 1

# sequences and gift window (bot/routers/staff/sequences.py: /sequence, /gift)
# /sequence: the segment of a sequence for every customer (no interest or stage chosen).
console-sequence-everyone = everyone
# /sequence list: one sequence.
#   $id: its number; $name: its name; $status: draft, active, paused or ended
#   $trigger: the event that enters customers (grant, grant:<scope>, purchase, sample)
#   $segment: interest:<slug> / stage:<stage> choices, or everyone
#   $steps: number of steps; $entered: customers who entered it
console-sequence-line = #{ $id } { $name } [{ $status }]: on { $trigger }, segment: { $segment }; steps: { $steps }, entered: { $entered }
# /sequence list when there is none.
console-sequence-none = No sequences yet.
# /sequence create: done. Keep the commands and <arguments> as they are.
#   $id: the new sequence's number; $name: its name
console-sequence-created = Sequence #{ $id } «{ $name }» created as a draft. Add steps with /sequence step { $id } <delay> <scope> <text>, then /sequence start { $id }.
# /sequence with a number that names no sequence.
#   $ref: what was typed
console-sequence-not_found = No sequence { $ref }.
# /sequence step on an ended sequence.
#   $id: the sequence's number
console-sequence-is_ended = Sequence #{ $id } has ended: it takes no more steps.
# /sequence step: done.
#   $id: the sequence's number; $n: the step's number
#   $delay: the delay after the previous step (30m, 2h, 3d); $scope: the permission it is sent within
console-sequence-step_added = Step { $n } of sequence #{ $id }: { $delay } after the previous one, sent within { $scope }.
# /sequence start|pause|end not possible from the current status.
#   $id: the sequence's number; $status: its status (draft, active, paused, ended)
console-sequence-cannot = Sequence #{ $id } is { $status }: that is not possible now.
# /sequence start of a sequence without steps.
#   $id: the sequence's number
console-sequence-no_steps = Sequence #{ $id } has no steps yet: add one first.
# /sequence end: done.
#   $id: the sequence's number; $n: customers who were in it and left it now
console-sequence-ended = Sequence #{ $id } ended; customers who were in it and left: { $n }.
# /sequence start or pause: done.
#   $id: the sequence's number; $status: active or paused
console-sequence-status = Sequence #{ $id } is now { $status }.
# /sequence stats: the first line.
#   $id, $name, $status: the sequence
#   $entered: customers who entered; $active: still in it; $done: got to the end; $left: left it (a withdrawal, or the sequence ended)
console-sequence-stats_title = #{ $id } { $name } [{ $status }]: entered { $entered }, in it { $active }, finished { $done }, left { $left }
# /sequence stats: one step.
#   $n: its number; $scope: its permission; $delay: its delay (30m, 2h, 3d)
#   $queued: messages queued; $sent: delivered; $delivery: delivered / queued in %
#   $responded: customers who pressed its button; $response: responded / delivered in %
console-sequence-stats_step = Step { $n } ({ $scope }, after { $delay }): queued { $queued }, delivered { $sent } ({ $delivery }), responded { $responded } ({ $response })
# /sequence usage. Keep the commands, <arguments> and words like interest:, stage: as they are.
#   $events: the events; $scopes: the permissions a step can be sent within
console-sequence-usage = Usage: /sequence [list]; /sequence create <name> <event> [interest:<slug>…] [stage:<stage>…]; /sequence step <id> <delay> <scope> <text>; /sequence start|pause|end|stats <id>. Events: { $events }. Scopes: { $scopes }. Delays: 30m, 2h, 3d.
# /gift off: done.
console-gift-off = Birthday gift window switched off.
# /gift usage. Keep the commands and <arguments> as they are.
#   $max: the longest window in days
console-gift-usage = Usage: /gift; /gift set <days 0–{ $max }> <reminder days|none> <perk text>; /gift off. The reminder comes after the birthday: fewer days than the window.
# /gift when no window is set.
console-gift-none = No birthday gift window is set (a /perk code, if any, goes with the greeting).
# /gift: the reminder part.
#   $n: days before the perk expires
console-gift-remind = reminder { $n } day(s) before it expires
# /gift: no reminder.
console-gift-no_reminder = no reminder
# /gift: the window in force.
#   $perk: the perk as set; $days: days before and after the birthday
#   $remind: console-gift-remind or console-gift-no_reminder
console-gift-show = Birthday gift: { $perk }; valid this many days before and after the birthday (announced as many days before it): { $days }; { $remind }.
# /help: the /sequence line.
console-help-sequence = /sequence — message sequences: list, create, step, start, pause, end, stats
# /help: the /gift line.
console-help-gift = /gift — the birthday perk window: /gift set <days> <reminder days|none> <perk>, /gift off

# ab tests, reasons, win-back (bot/routers/staff/campaigns.py, bot/reports.py, bot/abtest.py)
# /campaign, after "A/B test first" (console-campaign-ab_test) was pressed: what the test does; console-campaign-ab_share follows on the next line.
console-campaign-ab_mode = Test the variants first? An A/B test sends them to a share of the audience; when its window ends, the winner goes to the rest by itself (the first variant when the difference is not significant).
# Button beside "Variants done": an A/B test first (plain text).
console-campaign-ab_test = A/B test first
# /campaign: which share of the audience gets the test; buttons with percentages follow.
console-campaign-ab_share = Which share of the audience gets the test?
# /campaign: what decides the winner; buttons follow.
console-campaign-ab_criterion = What decides the winner? Chosen now; it cannot change during the test.
# Button: presses of the button under the message decide (plain text).
console-campaign-ab_press = Presses of the button
# Button: purchases after the message decide (plain text).
console-campaign-ab_purchase = Purchases
# /campaign: the length of the test window, typed.
#   $max: the largest number of days taken
console-campaign-ab_window = How many days does the test run? Type a number from 1 to { $max }. With purchases as the criterion, purchases within these days of the delivery count.
# A typed window that is not a whole number from 1 to $max.
#   $max: the largest number of days taken
console-campaign-ab_window_invalid = Type a whole number of days from 1 to { $max }.
# /campaign: the significance level of the decision; buttons with percentages follow.
console-campaign-ab_level = Significance level of the decision? (5 % is usual; a smaller level needs a clearer difference.)
# A line of the campaign summary before launch.
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $days: the test window in days
#   $level: the significance level, e.g. "5%"
console-campaign-ab_summary = A/B test: { $share } of the audience, { $days } days, decided by { $criterion } at level { $level }.
# After launching an A/B test.
#   $id: the campaign's number
#   $n: messages queued for the test group
#   $ends: when the decision is taken (YYYY-MM-DD HH:MM, UTC)
console-campaign-ab_launched =
    { $n ->
        [one] Campaign #{ $id }: A/B test launched, { $n } message queued for the test group. The decision is taken once, at { $ends } UTC; then the winner goes to the rest.
       *[other] Campaign #{ $id }: A/B test launched, { $n } messages queued for the test group. The decision is taken once, at { $ends } UTC; then the winner goes to the rest.
    }
# The criterion "presses" (the $criterion of other texts).
console-report-ab_by_press = presses of the button
# The criterion "purchases" (the $criterion of other texts).
#   $days: purchases within this many days of the delivery count
console-report-ab_by_purchase =
    { $days ->
        [one] purchases within { $days } day
       *[other] purchases within { $days } days
    }
# /report: an A/B test still running (no figure decides before its end).
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $level: the significance level, e.g. "5%"
#   $ends: when the decision is taken (YYYY-MM-DD HH:MM, UTC)
console-report-ab_running = A/B test on { $share } of the audience, decided by { $criterion } at level { $level }: running; the decision is taken once, at { $ends } UTC.
# /report: a decided A/B test, its figures.
#   $when: when it was decided (YYYY-MM-DD HH:MM, UTC)
#   $share: the share of the audience in the test, e.g. "20%"
#   $criterion: console-report-ab_by_press or console-report-ab_by_purchase
#   $arms: each variant's figures (console-report-ab_arm), separated by "; "
console-report-ab_decided = A/B test on { $share } of the audience, decided { $when } UTC by { $criterion }: { $arms }.
# One variant's figures in console-report-ab_decided.
#   $variant: A, B, C or D
#   $successes: customers who met the criterion
#   $delivered: messages delivered in the test
#   $rate: the share, e.g. "12.5%"
console-report-ab_arm = { $variant } { $successes } of { $delivered } ({ $rate })
# /report: the decision when the best variant beat the first one significantly.
#   $winner: the winning variant; $first: the first variant (A)
#   $p: the p-value (Fisher's exact test); $level: the level compared with, e.g. "5%"
#   $rest: messages queued for the rest of the audience
console-report-ab_significant = { $winner } is better than { $first }: Fisher's exact test p = { $p }, below the level { $level }, so { $winner } went to the rest ({ $rest } messages).
# /report: the decision when the difference is not significant.
#   $challenger: the best other variant; $first: the first variant (A)
#   $p: the p-value (Fisher's exact test); $level: the level compared with, e.g. "5%"
#   $rest: messages queued for the rest of the audience
console-report-ab_not_significant = { $challenger } against { $first }: Fisher's exact test p = { $p }, not below the level { $level }, so the first variant { $first } went to the rest ({ $rest } messages).
# /report: the decision when there was nothing to compare.
#   $first: the first variant (A)
#   $rest: messages queued for the rest of the audience
console-report-ab_no_data = Nothing to compare (a variant delivered to nobody, or nobody met the criterion), so the first variant { $first } went to the rest ({ $rest } messages).
# /report: per campaign, customers who withdrew after its message (within 7 days).
#   $left: customers who withdrew
#   $delivered: messages delivered
#   $rate: the share, e.g. "2.5%"
console-report-unsubscribed = unsubscribed after it: { $left } of { $delivered } ({ $rate })
# /stats and /report: customers who withdrew in the last 7 days, by reason.
#   $reasons: "reason: count" parts (console-stats-reason-*), comma-separated
console-stats-reasons = Withdrawals this week by reason (customers): { $reasons }
# The same line when nobody withdrew.
console-stats-reasons_none = Withdrawals this week by reason: none
# Reasons of a withdrawal (parts of console-stats-reasons): the button under a delivered message.
console-stats-reason-message_button = button under a message
# Reason of a withdrawal: a permission switched off in /preferences.
console-stats-reason-preferences = preferences
# Reason of a withdrawal: /stop or the Stop-all button.
console-stats-reason-stop = /stop
# Reason of a withdrawal: words (a message asking to stop).
console-stats-reason-words = words
# Reason of a withdrawal: the customer blocked the bot.
console-stats-reason-blocked = blocked the bot
# Reason of a withdrawal: a staff member.
console-stats-reason-staff = staff
# Reason of a withdrawal: the customer erased their data.
console-stats-reason-erasure = erasure (/forget)
# Reason of a withdrawal: no activity for months: the lifecycle job made the customer former.
console-stats-reason-inactive = inactivity (became former)
# /stats and /report: the unsubscribe rate of each campaign.
#   $campaigns: one part per campaign (console-stats-unsubscribe_campaign), comma-separated
console-stats-unsubscribe = Unsubscribe rate per campaign (withdrew within 7 days of its message): { $campaigns }
# One campaign in console-stats-unsubscribe.
#   $id: the campaign's number
#   $rate: the share, e.g. "2.5%"
#   $left: customers who withdrew
#   $delivered: messages delivered
console-stats-unsubscribe_campaign = #{ $id } { $rate } ({ $left }/{ $delivered })

## Staff follow-ups (bot/routers/staff/help.py, bot/routers/staff/campaigns.py): /limits in /help, paused customers in the campaign preview.
# Staff /help: one line about /limits (bot/routers/pause.py). Keep the command and its <arguments> as they are.
console-help-limits = /limits — the shop's frequency limits; /limits <scope|all> <day|week|month> <N|off> — set or remove one
# Campaign summary, after the audience line, when some of the audience have paused messages at the campaign's send time.
#   $paused: how many of the audience (the line before) have a pause running then
console-campaign-audience_paused = Paused at the send time: { $paused } of them (the sender drops their message unless they resume first).
