"""Telegram's checks of what a bot sends: parse_mode texts (HTML, MarkdownV2, Markdown: see
html.py and markdown.py) turned into plain text and entities, lengths counted after parsing in
UTF-16 code units, and inline keyboards (button fields, callback_data size). Each refusal is
Telegram's 400 with Telegram's description."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .errors import bad, button_error
from .html import EntityParseError, parse_html, utf16_len
from .markdown import parse_markdown, parse_markdown_v2
from .wire import json_param

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
# Uploads larger than this are refused (the Bot API's 50 MB for bots).
MAX_UPLOAD = 50 * 1024 * 1024
# A message older than this can't be deleted (Bot API deleteMessage: "less than 48 hours ago").
DELETE_WINDOW_S = 48 * 3600


def text_and_entities(
    text: str,
    parse_mode: Any,
    entities: Any,
    *,
    caption: bool = False,
    strict_html: bool = True,
    strict_ampersand: bool = True,
) -> tuple[str, list]:
    """Telegram's reading of a text: parse_mode (HTML, MarkdownV2, Markdown; any other ->
    "unsupported parse_mode") or explicit entities, then leading and trailing white space
    cut, then the length checked after parsing, in UTF-16 code units (text 4096, caption
    1024). An empty result: "text must be non-empty" (a caption may be empty)."""
    mode = str(parse_mode or "").lower()
    parsed_entities = json_param(entities, "entities") if entities else []
    plain = text
    if mode and mode not in _PARSERS:
        raise bad("unsupported parse_mode")
    if mode and strict_html and not entities:
        try:
            plain, parsed_entities = _parse_cached(mode, text, strict_ampersand)
        except EntityParseError as exc:
            raise bad(str(exc)) from None
    stripped = plain.strip()
    if stripped != plain and plain:
        lead = utf16_len(plain[: len(plain) - len(plain.lstrip())])
        end = utf16_len(plain.rstrip())
        fixed = []
        for entity in parsed_entities:
            start = max(entity["offset"], lead)
            stop = min(entity["offset"] + entity["length"], end)
            if stop > start:
                fixed.append({**entity, "offset": start - lead, "length": stop - start})
        plain, parsed_entities = stripped, fixed
    limit = MAX_CAPTION if caption else MAX_TEXT
    if utf16_len(plain) > limit:
        raise bad("message caption is too long" if caption else "message is too long")
    if not plain and not caption:
        raise bad("text must be non-empty")
    return plain, parsed_entities


def parse_reply_markup(params: dict) -> dict | None:
    """The reply_markup parameter; inline keyboards are checked button by button."""
    raw = params.get("reply_markup")
    if raw in (None, ""):
        return None
    markup = json_param(raw, "reply_markup", "can't parse reply keyboard markup JSON object")
    if not isinstance(markup, dict):
        raise bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list):
            raise bad('field "inline_keyboard" must be of type Array')
        if not all(isinstance(row, list) for row in rows):
            raise bad('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays')
        for row in rows:
            for button in row:
                check_inline_button(button)
    return markup


def check_inline_button(button: Any) -> None:
    """An InlineKeyboardButton as the Bot API checks it, with its descriptions."""
    if not isinstance(button, dict):
        raise button_error("InlineKeyboardButton must be an Object")
    if "text" not in button:
        raise button_error('Can\'t find field "text"')
    if not isinstance(button["text"], str):
        raise button_error('Field "text" must be of type String')
    if not button["text"]:
        raise bad("BUTTON_TEXT_INVALID")
    data = button.get("callback_data")
    # An empty callback_data counts as none (Telegram's answer to {"text": "x", "callback_data": ""}).
    actions = [k for k in _BUTTON_ACTIONS if button.get(k) not in (None, "")]
    if not actions:
        raise button_error("Text buttons are unallowed in the inline keyboard")
    if data not in (None, "") and len(str(data).encode("utf-8", "surrogatepass")) > MAX_CALLBACK_DATA:
        raise bad("BUTTON_DATA_INVALID")


_BUTTON_ACTIONS = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


_PARSERS: dict[str, Callable[..., tuple[str, list[dict]]]] = {
    "html": parse_html,
    "markdownv2": lambda text, strict: parse_markdown_v2(text),
    "markdown": lambda text, strict: parse_markdown(text),
}


@functools.lru_cache(maxsize=1024)
def _parse_frozen(mode: str, text: str, strict: bool) -> tuple[str, tuple[tuple[tuple[str, Any], ...], ...]]:
    parser = _PARSERS[mode]
    plain, entities = parser(text, strict_ampersand=strict) if mode == "html" else parser(text, strict)
    return plain, tuple(tuple(entity.items()) for entity in entities)


def _parse_cached(mode: str, text: str, strict: bool = True) -> tuple[str, list[dict]]:
    """The parse mode's parser, remembered: a bot sends the same texts over and over (a
    benchmark's thousands of customers get the same few). Entities are handed out as fresh
    dicts since messages keep them. Texts that fail to parse are not remembered (they raise
    each time)."""
    plain, entities = _parse_frozen(mode, text, strict)
    return plain, [dict(entity) for entity in entities]
