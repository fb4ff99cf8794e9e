"""Local Telegram Bot API server: the terminal chat, end-to-end tests and benchmarks run the
real aiogram Bot against it over HTTP. See `devtools.localapi.server`."""
from .server import SEND_METHODS, BotAPIError, LocalBotAPI, SimUser

__all__ = ["SEND_METHODS", "BotAPIError", "LocalBotAPI", "SimUser"]
