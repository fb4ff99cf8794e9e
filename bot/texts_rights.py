"""Customer texts of the data rights (/mydata, /forget), in en/uk/ru/pl."""
from __future__ import annotations

RIGHTS: dict[str, dict[str, str]] = {
    'mydata.contact': {
        'en': 'With me since {since}; last seen {last_seen} (UTC). My messages reach you: {reachable}.',
        'uk': 'Зі мною з {since}; востаннє на зв’язку {last_seen} (UTC). Мої повідомлення до вас доходять: {reachable}.',
        'ru': 'Со мной с {since}; последний раз на связи {last_seen} (UTC). Мои сообщения до вас доходят: {reachable}.',
        'pl': 'Ze mną od {since}; ostatnio {last_seen} (UTC). Moje wiadomości do Ciebie docierają: {reachable}.',
    },
    'mydata.yes': {
        'en': 'yes',
        'uk': 'так',
        'ru': 'да',
        'pl': 'tak',
    },
    'mydata.no': {
        'en': 'no (the chat is blocked)',
        'uk': 'ні (чат заблоковано)',
        'ru': 'нет (чат заблокирован)',
        'pl': 'nie (czat jest zablokowany)',
    },
    'mydata.purchases': {
        'en': 'Purchases recorded: {n}.',
        'uk': 'Записаних покупок: {n}.',
        'ru': 'Записанных покупок: {n}.',
        'pl': 'Zapisanych zakupów: {n}.',
    },
    'mydata.feedback': {
        'en': 'Your ratings and comments: {n}.',
        'uk': 'Ваших оцінок і коментарів: {n}.',
        'ru': 'Ваших оценок и комментариев: {n}.',
        'pl': 'Twoich ocen i komentarzy: {n}.',
    },
    'mydata.samples': {
        'en': 'Samples you requested: {n}.',
        'uk': 'Замовлених вами зразків: {n}.',
        'ru': 'Заказанных вами образцов: {n}.',
        'pl': 'Zamówionych przez Ciebie próbek: {n}.',
    },
    'mydata.referrals': {
        'en': 'Friends who came through your link: {n}.',
        'uk': 'Друзів, які прийшли за вашим посиланням: {n}.',
        'ru': 'Друзей, пришедших по вашей ссылке: {n}.',
        'pl': 'Znajomych, którzy przyszli z Twojego linku: {n}.',
    },
    'mydata.responses': {
        'en': 'Your responses to my messages: {n} (of them {pseudonymous} kept under a pseudonym, without your name).',
        'uk': 'Ваших відповідей на мої повідомлення: {n} (з них {pseudonymous} під псевдонімом, без вашого імені).',
        'ru': 'Ваших ответов на мои сообщения: {n} (из них {pseudonymous} под псевдонимом, без вашего имени).',
        'pl': 'Twoich odpowiedzi na moje wiadomości: {n} (z tego {pseudonymous} pod pseudonimem, bez Twojego imienia).',
    },
    'mydata.queued': {
        'en': 'Messages waiting to be sent: {n}.',
        'uk': 'Повідомлень, що чекають на надсилання: {n}.',
        'ru': 'Сообщений, ожидающих отправки: {n}.',
        'pl': 'Wiadomości czekających na wysłanie: {n}.',
    },
}
