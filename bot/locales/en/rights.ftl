### The data rights: /mydata (what is stored) and /forget (erasure).
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# A line of /mydata (everything stored about the customer).
mydata-title = <b>What I store about you</b>
# A line of /mydata (everything stored about the customer).
#   $value: the current value of the setting (or the “not set” text)
mydata-stage = Status: { $value }
# A line of /mydata (everything stored about the customer).
#   $value: the current value of the setting (or the “not set” text)
mydata-scopes = Allowed now: { $value }
# A line of /mydata (everything stored about the customer).
mydata-history = <b>Consent history</b> (UTC):
# A line of /mydata (everything stored about the customer).
mydata-granted = allowed
# A line of /mydata (everything stored about the customer).
mydata-withdrawn = switched off
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-more =
    { $n ->
        [one] … and { $n } earlier entry (see the file).
       *[other] … and { $n } earlier entries (see the file).
    }
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-sent = Messages I sent you: { $n }.
# A line of /mydata (everything stored about the customer).
mydata-file = The complete record is in the file below.
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-stranger = stranger
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-friend = friend
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-customer = customer
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-loyal = loyal customer
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-former = former customer
# Question before /forget erases personal data (consent evidence: stored in the ledger as forget.confirm@v1; a changed meaning needs a new id in the code).
forget-confirm = Erase your personal data? I will delete your name, birthday, interests and answers, and switch everything off. I keep only the record of past permissions and that you must not be contacted, with no personal content.
# Reply to “No” to the /forget question.
forget-cancelled = Nothing was erased.
# Reply after the erasure.
forget-done = Done: your personal data is erased and I will not contact you. If you ever want to come back, press /start.
# A line of /mydata (everything stored about the customer).
#   $last_seen: a date and time (YYYY-MM-DD HH:MM, UTC)
#   $reachable: the text mydata-yes or mydata-no
#   $since: a date (YYYY-MM-DD)
mydata-contact = With me since { $since }; last seen { $last_seen } (UTC). My messages reach you: { $reachable }.
# A line of /mydata (everything stored about the customer).
mydata-yes = yes
# A line of /mydata (everything stored about the customer).
mydata-no = no (the chat is blocked)
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-purchases = Purchases recorded: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-feedback = Your ratings and comments: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-samples = Samples you requested: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-referrals = Friends who came through your link: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
#   $pseudonymous: how many of them are kept under a pseudonym (a number)
mydata-responses = Your responses to my messages: { $n } (of them { $pseudonymous } kept under a pseudonym, without your name).
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-queued = Messages waiting to be sent: { $n }.

# mydata vocabulary
# /mydata: an empty list (no permissions allowed now, no interests chosen).
mydata-none = none
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-button = by a button
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-command = by a command
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-words = in your words
# /mydata, consent history: how a permission was switched off (after the scope, in brackets): Telegram said the chat is blocked.
mydata-method-blocked = the chat was blocked

# mydata: automation and shop data
# A line of /mydata, shown only when not zero: the shop's customer ids linked to the chat through a link from the shop's order page.
#   $n: a count (a number)
mydata-shop-links = Shop accounts linked to this chat: { $n }.
# A line of /mydata, shown only when not zero: automated series (messages with delays) the customer entered.
#   $n: a count (a number)
mydata-sequences = Automated message series you are or were in: { $n }.
# A line of /mydata, shown only when not zero: withdrawal reasons recorded beside each switched-off permission.
#   $n: a count (a number)
mydata-reasons = Reasons noted when you switched something off: { $n }.
# A line of /mydata, shown only when not zero: win-back messages sent before an inactive customer is counted as former.
#   $n: a count (a number)
mydata-win-backs = Messages I sent to win you back: { $n }.
# A line of /mydata, shown only when not zero: events about the customer (permission changes, erasure) sent by webhook to the shop's systems.
#   $n: a count (a number)
mydata-shop-sent = Notes about you sent to the shop's own systems: { $n }.
