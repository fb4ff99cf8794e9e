### The data rights: /mydata (what is stored) and /forget (erasure).
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# A line of /mydata (everything stored about the customer).
mydata-title = <b>Что я храню о вас</b>
# A line of /mydata (everything stored about the customer).
#   $value: the current value of the setting (or the “not set” text)
mydata-stage = Статус: { $value }
# A line of /mydata (everything stored about the customer).
#   $value: the current value of the setting (or the “not set” text)
mydata-scopes = Разрешено сейчас: { $value }
# A line of /mydata (everything stored about the customer).
mydata-history = <b>История разрешений</b> (UTC):
# A line of /mydata (everything stored about the customer).
mydata-granted = разрешено
# A line of /mydata (everything stored about the customer).
mydata-withdrawn = отключено
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-more =
    { $n ->
        [one] … и ещё { $n } более ранняя запись (см. файл).
        [few] … и ещё { $n } более ранние записи (см. файл).
        [many] … и ещё { $n } более ранних записей (см. файл).
       *[other] … и ещё { $n } более ранней записи (см. файл).
    }
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-sent = Сообщений, которые я вам отправил: { $n }.
# A line of /mydata (everything stored about the customer).
mydata-file = Полная запись — в файле ниже.
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-stranger = незнакомец
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-friend = друг
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-customer = покупатель
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-loyal = постоянный покупатель
# A lifecycle stage, the same words in /mydata and in the staff console (/customer, /stats).
stage-former = бывший покупатель
# Question before /forget erases personal data (consent evidence: stored in the ledger as forget.confirm@v1; a changed meaning needs a new id in the code).
forget-confirm = Стереть ваши персональные данные? Я удалю ваше имя, день рождения, интересы и ответы и отключу всё. Оставлю только запись о прошлых разрешениях и о том, что с вами нельзя связываться, без какого-либо личного содержания.
# Reply to “No” to the /forget question.
forget-cancelled = Ничего не стёрто.
# Reply after the erasure.
forget-done = Готово: ваши персональные данные стёрты, и я не буду с вами связываться. Если захотите вернуться, нажмите /start.
# A line of /mydata (everything stored about the customer).
#   $last_seen: a date and time (YYYY-MM-DD HH:MM, UTC)
#   $reachable: the text mydata-yes or mydata-no
#   $since: a date (YYYY-MM-DD)
mydata-contact = Со мной с { $since }; последний раз на связи { $last_seen } (UTC). Мои сообщения до вас доходят: { $reachable }.
# A line of /mydata (everything stored about the customer).
mydata-yes = да
# A line of /mydata (everything stored about the customer).
mydata-no = нет (чат заблокирован)
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-purchases = Записанных покупок: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-feedback = Ваших оценок и комментариев: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-samples = Заказанных вами образцов: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-referrals = Друзей, пришедших по вашей ссылке: { $n }.
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
#   $pseudonymous: how many of them are kept under a pseudonym (a number)
mydata-responses = Ваших ответов на мои сообщения: { $n } (из них { $pseudonymous } под псевдонимом, без вашего имени).
# A line of /mydata (everything stored about the customer).
#   $n: a count (a number)
mydata-queued = Сообщений, ожидающих отправки: { $n }.

# mydata vocabulary
# /mydata: an empty list (no permissions allowed now, no interests chosen).
mydata-none = нет
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-button = кнопкой
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-command = командой
# /mydata, consent history: how a permission was allowed or switched off (after the scope, in brackets).
mydata-method-words = вашими словами
# /mydata, consent history: how a permission was switched off (after the scope, in brackets): Telegram said the chat is blocked.
mydata-method-blocked = чат заблокирован

# mydata: automation and shop data
# A line of /mydata, shown only when not zero: the shop's customer ids linked to the chat through a link from the shop's order page.
#   $n: a count (a number)
mydata-shop-links = Учётных записей магазина, связанных с этим чатом: { $n }.
# A line of /mydata, shown only when not zero: automated series (messages with delays) the customer entered.
#   $n: a count (a number)
mydata-sequences = Автоматических серий сообщений, в которых вы есть или были: { $n }.
# A line of /mydata, shown only when not zero: withdrawal reasons recorded beside each switched-off permission.
#   $n: a count (a number)
mydata-reasons = Причин, записанных, когда вы что-то отключали: { $n }.
# A line of /mydata, shown only when not zero: win-back messages sent before an inactive customer is counted as former.
#   $n: a count (a number)
mydata-win-backs = Сообщений, чтобы вернуть вас: { $n }.
# A line of /mydata, shown only when not zero: events about the customer (permission changes, erasure) sent by webhook to the shop's systems.
#   $n: a count (a number)
mydata-shop-sent = Записей о вас, отправленных в системы магазина: { $n }.
