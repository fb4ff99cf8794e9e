"""Descriptions of the bot's commands in the Telegram menu."""

COMMAND_TEXTS: dict[str, dict[str, str]] = {
    "cmd.start": {"en": "Start: what I offer and your permissions", "uk": "Почати: що я пропоную і ваші дозволи",
                  "ru": "Начать: что я предлагаю и ваши разрешения", "pl": "Start: co oferuję i Twoje zgody"},
    "cmd.preferences": {"en": "See and change permissions and preferences", "uk": "Переглянути й змінити дозволи та вподобання",
                        "ru": "Посмотреть и изменить разрешения и предпочтения", "pl": "Zobacz i zmień zgody oraz preferencje"},
    "cmd.mydata": {"en": "Everything stored about me", "uk": "Усе, що про мене збережено",
                   "ru": "Всё, что обо мне хранится", "pl": "Wszystko, co o mnie zapisano"},
    "cmd.stop": {"en": "Switch everything off at once", "uk": "Вимкнути все одразу",
                 "ru": "Отключить всё сразу", "pl": "Wyłącz wszystko naraz"},
    "cmd.forget": {"en": "Erase my personal data", "uk": "Стерти мої персональні дані",
                   "ru": "Стереть мои персональные данные", "pl": "Usuń moje dane osobowe"},
    "cmd.language": {"en": "Change the language", "uk": "Змінити мову", "ru": "Сменить язык", "pl": "Zmień język"},
    "cmd.help": {"en": "What I can do", "uk": "Що я вмію", "ru": "Что я умею", "pl": "Co potrafię"},
}
