### Scheduled messages (birthday, samples, feedback requests) and the staff notices they cause.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# The birthday greeting (sent by the birthday job).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
birthday-greeting = Wszystkiego najlepszego z okazji urodzin{ $name_sep }{ $name }! 🎂 Życzymy wspaniałego roku pełnego radości.
# Second line of the birthday greeting when a gift code is set.
#   $code: the gift code (shown in bold)
birthday-perk = Mały prezent od nas: Twój kod <b>{ $code }</b>.
# Button under the birthday greeting (plain text).
birthday-thanks_button = 🎉 Dziękuję!
# Reply to that button.
response-thanks = 😊 Miło nam!
# A free sample offer (sent to customers who allowed samples).
#   $expires: the last day of the offer (YYYY-MM-DD)
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $product: a product name
sample-offer = Cześć{ $name_sep }{ $name }! Mamy dla Ciebie darmową próbkę: <b>{ $product }</b>. Jest Twoja, jeśli chcesz — do wyczerpania zapasów, do { $expires }.
# Button under the sample offer (plain text).
sample-accept_button = 🎁 Tak, chcę
# Reply when a sample is reserved.
#   $product: a product name
sample-accepted = Świetnie! Twoja próbka „{ $product }” jest zarezerwowana. Damy znać, gdy będzie w drodze.
# Reply: already reserved.
sample-already = Ta próbka jest już dla Ciebie zarezerwowana.
# Reply: the sample is no longer available.
sample-gone = Niestety, ta próbka nie jest już dostępna.
# Sent when staff mark the sample delivered.
#   $product: a product name
sample-delivered = Twoja próbka „{ $product }” jest w drodze. Smacznego!
# A feedback request after a purchase or sample; rating buttons 1–5 follow.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $product: a product name
feedback-request = Cześć{ $name_sep }{ $name }! Jak Ci się podoba <b>{ $product }</b>? Oceń, proszę, od 1 do 5:
# Reply to a rating: a comment may follow.
#   $rating: the rating, 1 to 5
feedback-rated = Dziękujemy za ocenę ({ $rating }/5)! Chcesz dodać komentarz? Po prostu go napisz albo naciśnij „Pomiń”.
# Reply when the comment is stored.
feedback-saved = Dziękujemy, Twoja opinia została zapisana. Bardzo nam pomaga!
# Reply: this was already rated.
feedback-already = Ta ocena została już zapisana. Dziękujemy!
# Sent to staff (in their language) when a customer gives a low rating.
#   $customer: the customer's Telegram id
#   $rating: the rating, 1 to 5
#   $subject: what was rated, e.g. sample:12 or purchase:7
staff-low_rating = ⚠️ Niska ocena { $rating }/5 od klienta { $customer } za { $subject }.
# Sent to staff when a customer comments on a purchase or sample.
#   $comment: the customer's comment as typed
#   $customer: the customer's Telegram id
#   $subject: what was rated, e.g. sample:12 or purchase:7
staff-comment = 💬 Komentarz klienta { $customer } o { $subject }: { $comment }
