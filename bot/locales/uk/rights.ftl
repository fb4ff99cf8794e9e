### The data rights: /mydata (what is stored) and /forget (erasure).
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# A line of /mydata (everything stored about the customer).
mydata-title = <b>Що я зберігаю про вас</b>
# A line of /mydata (everything stored about the customer).
#   $value: the current value of the setting (or the “not set” text)
mydata-stage = Статус: { $value }
# A line of /mydata (everything stored about the customer).
#   $value: the current value of the setting (or the “not set” text)
mydata-scopes = Дозволено зараз: { $value }
# A line of /mydata (everything stored about the customer).
mydata-history = <b>Історія дозволів</b> (UTC):
# A line of /mydata (everything stored about the customer).
mydata-granted = дозволено
# A line of /mydata (everything stored about the customer).
mydata-withdrawn = вимкнено
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-more =
    { $n ->
        [one] … і ще { $n } давніший запис (див. файл).
        [few] … і ще { $n } давніші записи (див. файл).
        [many] … і ще { $n } давніших записів (див. файл).
       *[other] … і ще { $n } давнішого запису (див. файл).
    }
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-sent = Повідомлень, які я вам надіслав: { $n }.
# A line of /mydata (everything stored about the customer).
mydata-file = Повний запис — у файлі нижче.
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-stranger = незнайомець
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-friend = друг
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-customer = покупець
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-loyal = постійний покупець
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-former = колишній покупець
# Question before /forget erases personal data (consent evidence: stored in the ledger as forget.confirm@v1; a changed meaning needs a new id in the code).
forget-confirm = Стерти ваші персональні дані? Я видалю ваше ім'я, день народження, інтереси й відповіді та вимкну все. Залишу лише запис про минулі дозволи і те, що з вами не можна зв'язуватися, без жодного особистого змісту.
# Reply to “No” to the /forget question.
forget-cancelled = Нічого не стерто.
# Reply after the erasure.
forget-done = Готово: ваші персональні дані стерто, і я не зв'язуватимуся з вами. Якщо захочете повернутися, натисніть /start.
# A line of /mydata (everything stored about the customer).
#   $last_seen: a date and time (YYYY-MM-DD HH:MM, UTC)
#   $reachable: the text mydata-yes or mydata-no
#   $since: a date (YYYY-MM-DD)
mydata-contact = Зі мною з { $since }; востаннє на зв’язку { $last_seen } (UTC). Мої повідомлення до вас доходять: { $reachable }.
# A line of /mydata (everything stored about the customer).
mydata-yes = так
# A line of /mydata (everything stored about the customer).
mydata-no = ні (чат заблоковано)
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-purchases = Записаних покупок: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-feedback = Ваших оцінок і коментарів: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-samples = Замовлених вами зразків: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-referrals = Друзів, які прийшли за вашим посиланням: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
#   $pseudonymous: how many of them are kept under a pseudonym (a number)
mydata-responses = Ваших відповідей на мої повідомлення: { $n } (з них { $pseudonymous } під псевдонімом, без вашого імені).
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-queued = Повідомлень, що чекають на надсилання: { $n }.

# mydata vocabulary
# /mydata: an empty list (no permissions allowed now, no interests chosen).
mydata-none = немає
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-button = кнопкою
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-command = командою
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-words = вашими словами
# /mydata, consent history: how a permission was switched off (after the scope, in brackets): Telegram said the chat is blocked.
mydata-method-blocked = чат заблоковано

# mydata: automation and shop data
# A line of /mydata, shown only when not zero: the shop's customer ids linked to the chat through a link from the shop's order page.
#   $n: a count (a number)
mydata-shop-links = Облікових записів магазину, пов'язаних із цим чатом: { $n }.
# A line of /mydata, shown only when not zero: automated series (messages with delays) the customer entered.
#   $n: a count (a number)
mydata-sequences = Автоматичних серій повідомлень, у яких ви є чи були: { $n }.
# A line of /mydata, shown only when not zero: withdrawal reasons recorded beside each switched-off permission.
#   $n: a count (a number)
mydata-reasons = Причин, записаних, коли ви щось вимикали: { $n }.
# A line of /mydata, shown only when not zero: win-back messages sent before an inactive customer is counted as former.
#   $n: a count (a number)
mydata-win-backs = Повідомлень, щоб повернути вас: { $n }.
# A line of /mydata, shown only when not zero: events about the customer (permission changes, erasure) sent by webhook to the shop's systems.
#   $n: a count (a number)
mydata-shop-sent = Записів про вас, надісланих у системи магазину: { $n }.
