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

# sequences and gift window (bot/sequences.py, bot/gifts.py, bot/delivery/render.py)
# After the perk line of the birthday greeting when a /gift window is set.
#   $date: the perk's last valid day, e.g. "15 May"
gift-valid_until = Ważny do { $date }.
# Sent N days before the birthday (a /gift window): the perk and its last valid day.
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $code: the perk as staff set it (shown in bold)
#   $date: the perk's last valid day, e.g. "15 May"
gift-announce = Dzień dobry{ $name_sep }{ $name }! Zbliżają się Twoje urodziny i mamy dla Ciebie prezent: Twój kod <b>{ $code }</b>, ważny do { $date }. 🎁
# Sent M days before the birthday perk expires (a /gift window).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $code: the perk as staff set it (shown in bold)
#   $date: the perk's last valid day, e.g. "15 May"
gift-reminder = Dzień dobry{ $name_sep }{ $name }! Przypominamy: Twój urodzinowy prezent <b>{ $code }</b> jest ważny do { $date }. 🎁
# Button under a message of a sequence (plain text): the customer's response.
sequence-button = 👍 Dobrze wiedzieć
# Welcome series, step 1 (an hour after the first permission; needs the offers permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_1 = Witamy{ $name_sep }{ $name }! 👋 Od teraz będziemy pisać tylko o tym, na co się zgodzisz, i nie częściej, niż ustawisz. Możesz to zmienić w każdej chwili w /preferences.
# Welcome series, step 2 (two days later; needs the samples permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_2 = Wskazówka{ $name_sep }{ $name }: powiedz nam w /preferences, co lubisz (kawa, herbata, książki…), a zaproponujemy Ci pasujące darmowe próbki.
# Welcome series, step 3 (five days later; needs the offers permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_3 = Jak nam idzie{ $name_sep }{ $name }? Jeśli chcesz usłyszeć od nas o czymś szczególnym, po prostu napisz tutaj: czytamy każdą wiadomość.

# ab tests, reasons, win-back (bot/winback.py)
# The one win-back message to a customer inactive for a long time who allowed offers (plain text, no tags).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
winback-message = Tęsknimy za Tobą{ $name_sep }{ $name }! Dawno się nie widzieliśmy. Czy możemy coś dla Ciebie zrobić? Wystarczy kliknąć przycisk poniżej, by dać znać, że wciąż jesteś z nami.
# Button under the win-back message (plain text).
winback-button = 👋 Wciąż tu jestem
