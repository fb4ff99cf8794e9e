### Scheduled messages (birthday, samples, feedback requests) and the staff notices they cause.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# The birthday greeting (sent by the birthday job).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
birthday-greeting = С днём рождения{ $name_sep }{ $name }! 🎂 Желаем вам прекрасного года, полного радости.
# Second line of the birthday greeting when a gift code is set.
#   $code: the gift code (shown in bold)
birthday-perk = Небольшой подарок от нас: ваш код <b>{ $code }</b>.
# Button under the birthday greeting (plain text).
birthday-thanks_button = 🎉 Спасибо!
# Reply to that button.
response-thanks = 😊 Рады слышать!
# A free sample offer (sent to customers who allowed samples).
#   $expires: the last day of the offer (YYYY-MM-DD)
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $product: a product name
sample-offer = Здравствуйте{ $name_sep }{ $name }! У нас есть для вас бесплатный пробник: <b>{ $product }</b>. Он ваш, если хотите — пока есть в наличии, до { $expires }.
# Button under the sample offer (plain text).
sample-accept_button = 🎁 Да, хочу
# Reply when a sample is reserved.
#   $product: a product name
sample-accepted = Отлично! Ваш пробник «{ $product }» зарезервирован. Мы сообщим, когда он будет в пути.
# Reply: already reserved.
sample-already = Вы уже зарезервировали этот пробник.
# Reply: the sample is no longer available.
sample-gone = К сожалению, этот пробник больше недоступен.
# Sent when staff mark the sample delivered.
#   $product: a product name
sample-delivered = Ваш пробник «{ $product }» уже в пути. Наслаждайтесь!
# A feedback request after a purchase or sample; rating buttons 1–5 follow.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $product: a product name
feedback-request = Здравствуйте{ $name_sep }{ $name }! Как вам <b>{ $product }</b>? Оцените, пожалуйста, от 1 до 5:
# Reply to a rating: a comment may follow.
#   $rating: the rating, 1 to 5
feedback-rated = Спасибо за оценку ({ $rating }/5)! Хотите добавить комментарий? Просто напишите его или нажмите «Пропустить».
# Reply when the comment is stored.
feedback-saved = Спасибо, ваш отзыв сохранён. Это нам очень помогает!
# Reply: this was already rated.
feedback-already = Вы уже поставили оценку. Спасибо!
# Sent to staff (in their language) when a customer gives a low rating.
#   $customer: the customer's Telegram id
#   $rating: the rating, 1 to 5
#   $subject: what was rated, e.g. sample:12 or purchase:7
staff-low_rating = ⚠️ Низкая оценка { $rating }/5 от клиента { $customer } за { $subject }.
# Sent to staff when a customer comments on a purchase or sample.
#   $comment: the customer's comment as typed
#   $customer: the customer's Telegram id
#   $subject: what was rated, e.g. sample:12 or purchase:7
staff-comment = 💬 Комментарий клиента { $customer } о { $subject }: { $comment }

# sequences and gift window (bot/sequences.py, bot/gifts.py, bot/delivery/render.py)
# After the perk line of the birthday greeting when a /gift window is set.
#   $date: the perk's last valid day, e.g. "15 May"
gift-valid_until = Действует до { $date }.
# Sent N days before the birthday (a /gift window): the perk and its last valid day.
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $code: the perk as staff set it (shown in bold)
#   $date: the perk's last valid day, e.g. "15 May"
gift-announce = Здравствуйте{ $name_sep }{ $name }! Скоро ваш день рождения, и у нас есть для вас подарок: ваш код <b>{ $code }</b>, действует до { $date }. 🎁
# Sent M days before the birthday perk expires (a /gift window).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $code: the perk as staff set it (shown in bold)
#   $date: the perk's last valid day, e.g. "15 May"
gift-reminder = Здравствуйте{ $name_sep }{ $name }! Напоминаем: ваш подарок ко дню рождения <b>{ $code }</b> действует до { $date }. 🎁
# Button under a message of a sequence (plain text): the customer's response.
sequence-button = 👍 Полезно знать
# Welcome series, step 1 (an hour after the first permission; needs the offers permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_1 = Добро пожаловать{ $name_sep }{ $name }! 👋 Теперь мы будем писать вам только о том, что вы разрешили, и не чаще, чем вы установили. Изменить это можно в любой момент в /preferences.
# Welcome series, step 2 (two days later; needs the samples permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_2 = Совет{ $name_sep }{ $name }: расскажите нам в /preferences, что вам нравится (кофе, чай, книги…), и мы будем предлагать бесплатные образцы именно этого.
# Welcome series, step 3 (five days later; needs the offers permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_3 = Как у нас дела{ $name_sep }{ $name }? Если хотите слышать от нас о чём-то особенном, просто напишите здесь: мы читаем каждое сообщение.

# ab tests, reasons, win-back (bot/winback.py)
# The one win-back message to a customer inactive for a long time who allowed offers (plain text, no tags).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
winback-message = Мы скучаем по вам{ $name_sep }{ $name }! Давно не виделись. Можем ли мы что-то для вас сделать? Чтобы сказать, что вы всё ещё с нами, достаточно нажать кнопку ниже.
# Button under the win-back message (plain text).
winback-button = 👋 Я здесь
