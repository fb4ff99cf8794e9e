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
