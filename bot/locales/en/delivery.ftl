### Scheduled messages (birthday, samples, feedback requests) and the staff notices they cause.
### Texts are HTML (Telegram parse_mode HTML) unless the comment says "plain text":
### keep tags such as <b>…</b> as they are and do not type a bare < or & (write &lt; &amp;).
### { $name } and the like are variables filled in by the code: keep their names, move them freely.
### Counts use Fluent plural variants: [one] [few] [many] *[other] as your language needs (CLDR).

# The birthday greeting (sent by the birthday job).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
birthday-greeting = Happy birthday{ $name_sep }{ $name }! 🎂 We wish you a wonderful year full of joy.
# Second line of the birthday greeting when a gift code is set.
#   $code: the gift code (shown in bold)
birthday-perk = A small gift from us: your code <b>{ $code }</b>.
# Button under the birthday greeting (plain text).
birthday-thanks_button = 🎉 Thank you!
# Reply to that button.
response-thanks = 😊 Glad to hear it!
# A free sample offer (sent to customers who allowed samples).
#   $expires: the last day of the offer (YYYY-MM-DD)
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $product: a product name
sample-offer = Hello{ $name_sep }{ $name }! We have a free sample for you: <b>{ $product }</b>. It is yours if you want it — while stock lasts, until { $expires }.
# Button under the sample offer (plain text).
sample-accept_button = 🎁 Yes, I want it
# Reply when a sample is reserved.
#   $product: a product name
sample-accepted = Great! Your sample of { $product } is reserved. We will let you know when it is on its way.
# Reply: already reserved.
sample-already = You have already reserved this sample.
# Reply: the sample is no longer available.
sample-gone = Sorry, this sample is no longer available.
# Sent when staff mark the sample delivered.
#   $product: a product name
sample-delivered = Your sample of { $product } is on its way. Enjoy!
# A feedback request after a purchase or sample; rating buttons 1–5 follow.
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $product: a product name
feedback-request = Hello{ $name_sep }{ $name }! How did you like <b>{ $product }</b>? Please rate it from 1 to 5:
# Reply to a rating: a comment may follow.
#   $rating: the rating, 1 to 5
feedback-rated = Thank you for your rating ({ $rating }/5)! Would you like to add a comment? Just write it, or press «Skip».
# Reply when the comment is stored.
feedback-saved = Thank you, your feedback is saved. It helps us a lot!
# Reply: this was already rated.
feedback-already = You have already rated this. Thank you!
# Sent to staff (in their language) when a customer gives a low rating.
#   $customer: the customer's Telegram id
#   $rating: the rating, 1 to 5
#   $subject: what was rated, e.g. sample:12 or purchase:7
staff-low_rating = ⚠️ Low rating { $rating }/5 from customer { $customer } for { $subject }.
# Sent to staff when a customer comments on a purchase or sample.
#   $comment: the customer's comment as typed
#   $customer: the customer's Telegram id
#   $subject: what was rated, e.g. sample:12 or purchase:7
staff-comment = 💬 Comment from customer { $customer } on { $subject }: { $comment }

# sequences and gift window (bot/sequences.py, bot/gifts.py, bot/delivery/render.py)
# After the perk line of the birthday greeting when a /gift window is set.
#   $date: the perk's last valid day, e.g. "15 May"
gift-valid_until = Valid until { $date }.
# Sent N days before the birthday (a /gift window): the perk and its last valid day.
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $code: the perk as staff set it (shown in bold)
#   $date: the perk's last valid day, e.g. "15 May"
gift-announce = Hello{ $name_sep }{ $name }! Your birthday is coming, and we have a gift for you: your code <b>{ $code }</b>, valid until { $date }. 🎁
# Sent M days before the birthday perk expires (a /gift window).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
#   $code: the perk as staff set it (shown in bold)
#   $date: the perk's last valid day, e.g. "15 May"
gift-reminder = Hello{ $name_sep }{ $name }! A reminder: your birthday gift <b>{ $code }</b> is valid until { $date }. 🎁
# Button under a message of a sequence (plain text): the customer's response.
sequence-button = 👍 Good to know
# Welcome series, step 1 (an hour after the first permission; needs the offers permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_1 = Welcome{ $name_sep }{ $name }! 👋 From now on you will hear from us only about what you allowed, never more often than you set. You can change it any time in /preferences.
# Welcome series, step 2 (two days later; needs the samples permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_2 = A tip{ $name_sep }{ $name }: tell us what you like in /preferences (coffee, tea, books…), and we will offer you free samples that match.
# Welcome series, step 3 (five days later; needs the offers permission).
#   $name: the customer's name; may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
sequence-welcome_3 = How are we doing{ $name_sep }{ $name }? If there is something you would like to hear about from us, just write it here: we read every message.

# ab tests, reasons, win-back (bot/winback.py)
# The one win-back message to a customer inactive for a long time who allowed offers (plain text, no tags).
#   $name: the customer's name (as they gave it, or their Telegram first name); may be empty
#   $name_sep: ", " when $name is not empty, else nothing (set by the code: write it right before $name)
winback-message = We miss you{ $name_sep }{ $name }! It has been a while. Is there anything we can do for you? A tap on the button below is enough to tell us you are still with us.
# Button under the win-back message (plain text).
winback-button = 👋 I'm still here
