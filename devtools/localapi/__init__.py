"""A local Telegram Bot API server for the terminal chat, end-to-end tests and benchmarks: a
development tool, not part of the installed bot.

The real aiogram `Bot` talks to it over HTTP exactly as to api.telegram.org::

    async with LocalBotAPI("42:TOKEN") as api:
        bot = Bot("42:TOKEN", session=AiohttpSession(api=TelegramAPIServer.from_base(api.base_url)))
        api.user(7, first_name="Ann")
        update = await api.send_text(7, "/start")       # the bot receives it via getUpdates/webhook
        await api.wait_processed(update["update_id"])   # the bot confirmed it (next getUpdates offset)
        api.sent(7)                                     # what the bot sent to Ann

Where the bot relies on it, the server refuses what Telegram refuses, with Telegram's status
and description (tests/devtools/test_localapi_fidelity.py): parse_mode texts (HTML as tdlib reads it,
plus the documented "&" rule; MarkdownV2; Markdown) -> 400 "can't parse entities: ...";
lengths after parsing in UTF-16 units; inline buttons (callback_data 1-64 bytes, text);
identical edits ("message is not modified"), edits and deletes of missing or deleted
messages; 403 for blocked or deleted users; 429 with retry_after; 5xx as JSON or as a
proxy's HTML page. Callback queries carry an InaccessibleMessage (date 0) for deleted,
inaccessible or old messages (`delete_message`, `make_inaccessible`, `age_messages`).

Where each concern lives:
- server.py      the HTTP layer: aiohttp routes of the Bot API, files, webhook delivery; `LocalBotAPI`
- methods.py     the Bot API methods (sendMessage, editMessageText, getUpdates, ...): parameters and effects
- state.py       the simulated Telegram: users, chats, messages (deleted, inaccessible, aged), updates,
                 callback queries, files; acting as a user and waiting for the bot
- validation.py  Telegram's checks: parse_mode texts, lengths, inline keyboards (html.py, markdown.py parse)
- errors.py      Telegram's error answers and wording
- wire.py        JSON in and out, parameter values, uploads
- faults.py      fault injection: failing calls, delays, 429 storms, rate limits, blocked users
- control.py     the /_test/ endpoints for other processes, and the call stream
- __main__.py    `python -m devtools.localapi`: the server on its own
"""

from .errors import BotAPIError
from .methods import SEND_METHODS
from .server import LocalBotAPI
from .state import SimUser
from .wire import Upload

__all__ = ["SEND_METHODS", "BotAPIError", "LocalBotAPI", "SimUser", "Upload"]
