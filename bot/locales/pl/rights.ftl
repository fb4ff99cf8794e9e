### The data rights: /mydata (what is stored) and /forget (erasure).
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# A line of /mydata (everything stored about the customer).
mydata-title = <b>Co o Tobie przechowuję</b>
# A line of /mydata (everything stored about the customer).
#   $value: the current value of the setting (or the “not set” text)
mydata-stage = Status: { $value }
# A line of /mydata (everything stored about the customer).
#   $value: the current value of the setting (or the “not set” text)
mydata-scopes = Obecne zgody: { $value }
# A line of /mydata (everything stored about the customer).
mydata-history = <b>Historia zgód</b> (UTC):
# A line of /mydata (everything stored about the customer).
mydata-granted = zgoda
# A line of /mydata (everything stored about the customer).
mydata-withdrawn = wyłączono
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-more =
    { $n ->
        [one] … i { $n } wcześniejszy wpis (zob. plik).
        [few] … i { $n } wcześniejsze wpisy (zob. plik).
        [many] … i { $n } wcześniejszych wpisów (zob. plik).
       *[other] … i { $n } wcześniejszego wpisu (zob. plik).
    }
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-sent = Wiadomości, które Ci wysłałem: { $n }.
# A line of /mydata (everything stored about the customer).
mydata-file = Pełny zapis jest w pliku poniżej.
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-stranger = nieznajomy
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-friend = przyjaciel
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-customer = klient
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-loyal = stały klient
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-former = były klient
# Question before /forget erases personal data (consent evidence: stored in the ledger as forget.confirm@v1; a changed meaning needs a new id in the code).
forget-confirm = Usunąć Twoje dane osobowe? Usunę Twoje imię, datę urodzin, zainteresowania i odpowiedzi oraz wyłączę wszystko. Zachowam tylko zapis dawnych zgód i to, że nie wolno się z Tobą kontaktować, bez żadnych treści osobistych.
# Reply to “No” to the /forget question.
forget-cancelled = Nic nie zostało usunięte.
# Reply after the erasure.
forget-done = Gotowe: Twoje dane osobowe zostały usunięte i nie będę się z Tobą kontaktować. Jeśli zechcesz wrócić, naciśnij /start.
# A line of /mydata (everything stored about the customer).
#   $last_seen: a date and time (YYYY-MM-DD HH:MM, UTC)
#   $reachable: the text mydata-yes or mydata-no
#   $since: a date (YYYY-MM-DD)
mydata-contact = Ze mną od { $since }; ostatnio { $last_seen } (UTC). Moje wiadomości do Ciebie docierają: { $reachable }.
# A line of /mydata (everything stored about the customer).
mydata-yes = tak
# A line of /mydata (everything stored about the customer).
mydata-no = nie (czat jest zablokowany)
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-purchases = Zapisanych zakupów: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-feedback = Twoich ocen i komentarzy: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-samples = Zamówionych przez Ciebie próbek: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-referrals = Znajomych, którzy przyszli z Twojego linku: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
#   $pseudonymous: how many of them are kept under a pseudonym (a number)
mydata-responses = Twoich odpowiedzi na moje wiadomości: { $n } (z tego { $pseudonymous } pod pseudonimem, bez Twojego imienia).
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-queued = Wiadomości czekających na wysłanie: { $n }.

# mydata vocabulary
# /mydata: an empty list (no permissions allowed now, no interests chosen).
mydata-none = brak
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-button = przyciskiem
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-command = poleceniem
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-words = Twoimi słowami
# /mydata, consent history: how a permission was switched off (after the scope, in brackets): Telegram said the chat is blocked.
mydata-method-blocked = czat został zablokowany

# mydata: automation and shop data
# A line of /mydata, shown only when not zero: the shop's customer ids linked to the chat through a link from the shop's order page.
#   $n: a count (a number)
mydata-shop-links = Konta sklepu powiązane z tym czatem: { $n }.
# A line of /mydata, shown only when not zero: automated series (messages with delays) the customer entered.
#   $n: a count (a number)
mydata-sequences = Automatyczne serie wiadomości, w których jesteś lub byłeś(-aś): { $n }.
# A line of /mydata, shown only when not zero: withdrawal reasons recorded beside each switched-off permission.
#   $n: a count (a number)
mydata-reasons = Powody zapisane, gdy coś wyłączałeś(-aś): { $n }.
# A line of /mydata, shown only when not zero: win-back messages sent before an inactive customer is counted as former.
#   $n: a count (a number)
mydata-win-backs = Wiadomości, by Cię odzyskać: { $n }.
# A line of /mydata, shown only when not zero: events about the customer (permission changes, erasure) sent by webhook to the shop's systems.
#   $n: a count (a number)
mydata-shop-sent = Zapisy o Tobie wysłane do systemów sklepu: { $n }.
