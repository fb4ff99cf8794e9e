### Scheduled messages (birthday, samples, feedback requests) and the staff notices they cause.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# The birthday greeting (sent by the birthday job).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
birthday-greeting = З днем народження{ $name_sep }{ $name }! 🎂 Бажаємо вам чудового року, сповненого радості.
# Second line of the birthday greeting when a gift code is set.
#   $code: the gift code (shown in bold)
birthday-perk = Невеликий подарунок від нас: ваш код <b>{ $code }</b>.
# Button under the birthday greeting (plain text).
birthday-thanks_button = 🎉 Дякую!
# Reply to that button.
response-thanks = 😊 Раді чути!
# A free sample offer (sent to customers who allowed samples).
#   $expires: the last day of the offer (YYYY-MM-DD)
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $product: a product name
sample-offer = Вітаємо{ $name_sep }{ $name }! У нас є для вас безкоштовний пробник: <b>{ $product }</b>. Він ваш, якщо бажаєте — поки є в наявності, до { $expires }.
# Button under the sample offer (plain text).
sample-accept_button = 🎁 Так, хочу
# Reply when a sample is reserved.
#   $product: a product name
sample-accepted = Чудово! Ваш пробник «{ $product }» зарезервовано. Ми повідомимо, коли він буде в дорозі.
# Reply: already reserved.
sample-already = Ви вже зарезервували цей пробник.
# Reply: the sample is no longer available.
sample-gone = На жаль, цей пробник уже недоступний.
# Sent when staff mark the sample delivered.
#   $product: a product name
sample-delivered = Ваш пробник «{ $product }» уже в дорозі. Насолоджуйтеся!
# A feedback request after a purchase or sample; rating buttons 1–5 follow.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $product: a product name
feedback-request = Вітаємо{ $name_sep }{ $name }! Як вам <b>{ $product }</b>? Оцініть, будь ласка, від 1 до 5:
# Reply to a rating: a comment may follow.
#   $rating: the rating, 1 to 5
feedback-rated = Дякуємо за оцінку ({ $rating }/5)! Бажаєте додати коментар? Просто напишіть його або натисніть «Пропустити».
# Reply when the comment is stored.
feedback-saved = Дякуємо, ваш відгук збережено. Це нам дуже допомагає!
# Reply: this was already rated.
feedback-already = Ви вже поставили оцінку. Дякуємо!
# Sent to staff (in their language) when a customer gives a low rating.
#   $customer: the customer's Telegram id
#   $rating: the rating, 1 to 5
#   $subject: what was rated, e.g. sample:12 or purchase:7
staff-low_rating = ⚠️ Низька оцінка { $rating }/5 від клієнта { $customer } за { $subject }.
# Sent to staff when a customer comments on a purchase or sample.
#   $comment: the customer's comment as typed
#   $customer: the customer's Telegram id
#   $subject: what was rated, e.g. sample:12 or purchase:7
staff-comment = 💬 Коментар клієнта { $customer } щодо { $subject }: { $comment }

# sequences and gift window (bot/sequences.py, bot/gifts.py, bot/delivery/render.py)
# After the perk line of the birthday greeting when a /gift window is set.
#   $date: the perk's last valid day, e.g. "15 May"
gift-valid_until = Дійсний до { $date }.
# Sent N days before the birthday (a /gift window): the perk and its last valid day.
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $code: the perk as staff set it (shown in bold)
#   $date: the perk's last valid day, e.g. "15 May"
gift-announce = Вітаємо{ $name_sep }{ $name }! Наближається ваш день народження, і в нас є для вас подарунок: ваш код <b>{ $code }</b>, дійсний до { $date }. 🎁
# Sent M days before the birthday perk expires (a /gift window).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $code: the perk as staff set it (shown in bold)
#   $date: the perk's last valid day, e.g. "15 May"
gift-reminder = Вітаємо{ $name_sep }{ $name }! Нагадуємо: ваш подарунок до дня народження <b>{ $code }</b> дійсний до { $date }. 🎁
# Button under a message of a sequence (plain text): the customer's response.
sequence-button = 👍 Корисно знати
# Welcome series, step 1 (an hour after the first permission; needs the offers permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_1 = Ласкаво просимо{ $name_sep }{ $name }! 👋 Відтепер ми писатимемо вам лише про те, що ви дозволили, і не частіше, ніж ви встановили. Змінити це можна будь-коли в /preferences.
# Welcome series, step 2 (two days later; needs the samples permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_2 = Порада{ $name_sep }{ $name }: розкажіть нам у /preferences, що вам до вподоби (кава, чай, книги…), і ми пропонуватимемо безкоштовні зразки саме цього.
# Welcome series, step 3 (five days later; needs the offers permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_3 = Як нам ведеться{ $name_sep }{ $name }? Якщо хочете чути від нас про щось особливе, просто напишіть тут: ми читаємо кожне повідомлення.

# ab tests, reasons, win-back (bot/winback.py)
# The one win-back message to a customer inactive for a long time who allowed offers (plain text, no tags).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
winback-message = Нам вас бракує{ $name_sep }{ $name }! Давно не бачилися. Чи можемо ми щось для вас зробити? Щоб сказати, що ви досі з нами, досить натиснути кнопку нижче.
# Button under the win-back message (plain text).
winback-button = 👋 Я тут
