"""Text that goes into messages sent with parse_mode HTML (the bot's default).

Telegram refuses a whole message (400 "can't parse entities") when a `<` or `&` that is not
part of a tag or an entity is left in it, or when a tag is not closed. So every stored or
user-given text (names, categories, products, perk codes, campaign texts, comments) goes
through `esc()` before it is put into a message, and a message that must be shortened is cut
with `cut_html()`, never with `[:n]`: that may split a tag (`<b` ...) or an entity (`&am`).

Button labels are not parsed by Telegram: they take the plain text, not `esc()`'s output.
"""

from __future__ import annotations

import re
from html import escape as _escape

__all__ = ["ELLIPSIS", "MAX_TEXT", "esc", "cut_html", "visible_length"]

MAX_TEXT = 4096  # a message's text after entity parsing, in UTF-16 code units
MAX_CAPTION = 1024
ELLIPSIS = "…"

# A tag, an entity, or one character (a surrogate-free str: a character is one code point).
_TOKEN = re.compile(r"<[^>]*>|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});|.", re.S)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9-]+)")


def esc(text: object) -> str:
    """`text` as it must appear inside an HTML message: `&`, `<` and `>` become entities.
    None is the empty string."""
    if text is None:
        return ""
    return _escape(str(text), quote=False)


def _units(char: str) -> int:
    # Characters outside the BMP take two UTF-16 code units, as Telegram counts them.
    return 2 if ord(char) > 0xFFFF else 1


def visible_length(html: str) -> int:
    """The length Telegram counts for `html` once its tags are parsed (UTF-16 code units)."""
    total = 0
    for match in _TOKEN.finditer(html):
        token = match.group(0)
        if token.startswith("<") and len(token) > 1:
            continue
        total += 1 if token.startswith("&") and len(token) > 1 else _units(token)
    return total


def cut_html(html: str, limit: int = MAX_TEXT, *, ellipsis: str = ELLIPSIS) -> str:
    """`html` shortened so that its visible text is at most `limit` UTF-16 code units.

    The cut falls only between tags and entities (never inside `<b>` or `&amp;`); tags open at
    the cut are closed; a cut text ends with `ellipsis`, preferably at a line break when one is
    in the last quarter. Text that fits is returned unchanged.
    """
    if limit <= 0:
        return ""
    if (html.isascii() and len(html) <= limit) or visible_length(html) <= limit:
        return html
    budget = limit - sum(_units(c) for c in ellipsis)
    if budget < 0:
        ellipsis, budget = "", limit
    out: list[str] = []
    stack: list[str] = []  # open tag names
    used = 0
    last_break: tuple[int, list[str]] | None = None  # (len(out) before a newline, open tags there)
    for match in _TOKEN.finditer(html):
        token = match.group(0)
        if token.startswith("<") and len(token) > 1:
            name = _TAG_NAME.match(token)
            tag = name.group(1).lower() if name else ""
            if token.startswith("</"):
                if stack and stack[-1] == tag:
                    stack.pop()
            elif not token.endswith("/>"):
                stack.append(tag)
            out.append(token)
            continue
        size = 1 if token.startswith("&") and len(token) > 1 else _units(token)
        if used + size > budget:
            break
        if token == "\n":
            last_break = (len(out), list(stack))
        out.append(token)
        used += size
    if last_break is not None and used - _visible_after(out, last_break[0]) >= budget * 3 // 4:
        del out[last_break[0] :]
        stack = last_break[1]
    # Tags opened and not closed before the cut are closed, innermost first; a tag opened
    # right at the cut with nothing inside is dropped instead (Telegram drops empty entities anyway).
    while out and stack and out[-1].startswith("<") and not out[-1].startswith("</") and len(out[-1]) > 1:
        out.pop()
        stack.pop()
    text = "".join(out).rstrip(" ") + ellipsis
    return text + "".join(f"</{tag}>" for tag in reversed(stack))


def _visible_after(out: list[str], start: int) -> int:
    return visible_length("".join(out[start:]))
