"""Texts of scheduled deliveries: greetings, samples, feedback."""

DELIVERY: dict[str, dict[str, str]] = {
    "birthday.greeting": {
        "en": "Happy birthday{name_sep}{name}! 🎂 We wish you a wonderful year full of joy.",
        "uk": "З днем народження{name_sep}{name}! 🎂 Бажаємо вам чудового року, сповненого радості.",
        "ru": "С днём рождения{name_sep}{name}! 🎂 Желаем вам прекрасного года, полного радости.",
        "pl": "Wszystkiego najlepszego z okazji urodzin{name_sep}{name}! 🎂 Życzymy wspaniałego roku pełnego radości.",
    },
    "birthday.perk": {
        "en": "A small gift from us: your code <b>{code}</b>.",
        "uk": "Невеликий подарунок від нас: ваш код <b>{code}</b>.",
        "ru": "Небольшой подарок от нас: ваш код <b>{code}</b>.",
        "pl": "Mały prezent od nas: Twój kod <b>{code}</b>.",
    },
    "birthday.thanks_button": {"en": "🎉 Thank you!", "uk": "🎉 Дякую!", "ru": "🎉 Спасибо!", "pl": "🎉 Dziękuję!"},
    "response.thanks": {"en": "😊 Glad to hear it!", "uk": "😊 Раді чути!", "ru": "😊 Рады слышать!",
                        "pl": "😊 Miło nam!"},
    "sample.offer": {
        "en": "Hello{name_sep}{name}! We have a free sample for you: <b>{product}</b>. It is yours if you want it — while stock lasts, until {expires}.",
        "uk": "Вітаємо{name_sep}{name}! У нас є для вас безкоштовний пробник: <b>{product}</b>. Він ваш, якщо бажаєте — поки є в наявності, до {expires}.",
        "ru": "Здравствуйте{name_sep}{name}! У нас есть для вас бесплатный пробник: <b>{product}</b>. Он ваш, если хотите — пока есть в наличии, до {expires}.",
        "pl": "Cześć{name_sep}{name}! Mamy dla Ciebie darmową próbkę: <b>{product}</b>. Jest Twoja, jeśli chcesz — do wyczerpania zapasów, do {expires}.",
    },
    "sample.accept_button": {"en": "🎁 Yes, I want it", "uk": "🎁 Так, хочу", "ru": "🎁 Да, хочу",
                             "pl": "🎁 Tak, chcę"},
    "sample.accepted": {
        "en": "Great! Your sample of {product} is reserved. We will let you know when it is on its way.",
        "uk": "Чудово! Ваш пробник «{product}» зарезервовано. Ми повідомимо, коли він буде в дорозі.",
        "ru": "Отлично! Ваш пробник «{product}» зарезервирован. Мы сообщим, когда он будет в пути.",
        "pl": "Świetnie! Twoja próbka „{product}” jest zarezerwowana. Damy znać, gdy będzie w drodze.",
    },
    "sample.already": {
        "en": "You have already reserved this sample.", "uk": "Ви вже зарезервували цей пробник.",
        "ru": "Вы уже зарезервировали этот пробник.", "pl": "Ta próbka jest już dla Ciebie zarezerwowana.",
    },
    "sample.gone": {
        "en": "Sorry, this sample is no longer available.", "uk": "На жаль, цей пробник уже недоступний.",
        "ru": "К сожалению, этот пробник больше недоступен.", "pl": "Niestety, ta próbka nie jest już dostępna.",
    },
    "sample.delivered": {
        "en": "Your sample of {product} is on its way. Enjoy!", "uk": "Ваш пробник «{product}» уже в дорозі. Насолоджуйтеся!",
        "ru": "Ваш пробник «{product}» уже в пути. Наслаждайтесь!", "pl": "Twoja próbka „{product}” jest w drodze. Smacznego!",
    },
    "feedback.request": {
        "en": "Hello{name_sep}{name}! How did you like <b>{product}</b>? Please rate it from 1 to 5:",
        "uk": "Вітаємо{name_sep}{name}! Як вам <b>{product}</b>? Оцініть, будь ласка, від 1 до 5:",
        "ru": "Здравствуйте{name_sep}{name}! Как вам <b>{product}</b>? Оцените, пожалуйста, от 1 до 5:",
        "pl": "Cześć{name_sep}{name}! Jak Ci się podoba <b>{product}</b>? Oceń, proszę, od 1 do 5:",
    },
    "feedback.rated": {
        "en": "Thank you for your rating ({rating}/5)! Would you like to add a comment? Just write it, or press «Skip».",
        "uk": "Дякуємо за оцінку ({rating}/5)! Бажаєте додати коментар? Просто напишіть його або натисніть «Пропустити».",
        "ru": "Спасибо за оценку ({rating}/5)! Хотите добавить комментарий? Просто напишите его или нажмите «Пропустить».",
        "pl": "Dziękujemy za ocenę ({rating}/5)! Chcesz dodać komentarz? Po prostu go napisz albo naciśnij „Pomiń”.",
    },
    "feedback.saved": {
        "en": "Thank you, your feedback is saved. It helps us a lot!",
        "uk": "Дякуємо, ваш відгук збережено. Це нам дуже допомагає!",
        "ru": "Спасибо, ваш отзыв сохранён. Это нам очень помогает!",
        "pl": "Dziękujemy, Twoja opinia została zapisana. Bardzo nam pomaga!",
    },
    "feedback.already": {
        "en": "You have already rated this. Thank you!", "uk": "Ви вже поставили оцінку. Дякуємо!",
        "ru": "Вы уже поставили оценку. Спасибо!", "pl": "Ta ocena została już zapisana. Dziękujemy!",
    },
    "staff.low_rating": {
        "en": "⚠️ Low rating {rating}/5 from customer {customer} for {subject}.",
        "uk": "⚠️ Низька оцінка {rating}/5 від клієнта {customer} за {subject}.",
        "ru": "⚠️ Низкая оценка {rating}/5 от клиента {customer} за {subject}.",
        "pl": "⚠️ Niska ocena {rating}/5 od klienta {customer} za {subject}.",
    },
    "staff.comment": {
        "en": "💬 Comment from customer {customer} on {subject}: {comment}",
        "uk": "💬 Коментар клієнта {customer} щодо {subject}: {comment}",
        "ru": "💬 Комментарий клиента {customer} о {subject}: {comment}",
        "pl": "💬 Komentarz klienta {customer} o {subject}: {comment}",
    },
}
