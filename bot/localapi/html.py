"""Telegram's HTML parse mode, close enough to catch what Telegram rejects.

`parse_html(text)` returns the plain text and the message entities (offsets and lengths
in UTF-16 code units, as Telegram counts them), or raises `EntityParseError` with the
description Telegram gives ("can't parse entities: ...").  Like Telegram (tdlib):
only the documented tags are allowed, every `<` starts a tag, only `&lt; &gt; &amp;
&quot;` and numeric character references are decoded (other `&...;` stay as they are).
"""
from __future__ import annotations

import re

__all__ = ["EntityParseError", "parse_html", "utf16_len"]

_SIMPLE = {
    "b": "bold", "strong": "bold",
    "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_TAG_NAME = re.compile(r"[a-zA-Z0-9-]*")
_TAG_CLOSE = re.compile(r"\s*>")
_ATTR = re.compile(r"""\s+([a-zA-Z0-9_-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_END_TAG = re.compile(r"</([a-zA-Z0-9-]*)\s*>")


class EntityParseError(ValueError):
    """The message text is not valid Telegram HTML; str() is Telegram's description."""


def utf16_len(text: str) -> int:
    # Characters outside the BMP take two UTF-16 code units.
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _unescape(value: str) -> str:
    return _ENTITY.sub(_decode_entity, value)


def _decode_entity(match: re.Match) -> str:
    named, dec, hexa = match.groups()
    if named:
        return _NAMED[named]
    code = int(dec) if dec else int(hexa, 16)
    if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF:
        return chr(code)
    return match.group(0)


def parse_html(text: str) -> tuple[str, list[dict]]:
    out: list[str] = []
    pos16 = 0  # UTF-16 length of the output so far
    stack: list[tuple[str, int, dict[str, str]]] = []  # (tag, start offset, attributes)
    entities: list[dict] = []
    i, n = 0, len(text)
    while i < n:
        lt = text.find("<", i)
        chunk_end = n if lt < 0 else lt
        if chunk_end > i:
            piece = text[i:chunk_end]
            if "&" in piece:
                piece = _unescape(piece)
            out.append(piece)
            pos16 += utf16_len(piece)
            i = chunk_end
            continue
        # text[i] == "<"
        if text.startswith("</", i):
            match = _END_TAG.match(text, i)
            if match is None:
                raise EntityParseError(f"can't parse entities: Can't find end tag at byte offset {_byte_offset(text, i)}")
            name = match.group(1).lower()
            if not stack:
                raise EntityParseError(f'can\'t parse entities: Unexpected end tag at byte offset {_byte_offset(text, i)}')
            open_name, start, attrs = stack.pop()
            if name != open_name:
                raise EntityParseError(
                    f'can\'t parse entities: Unmatched end tag at byte offset {_byte_offset(text, i)}, '
                    f'expected "</{open_name}>", found "</{name}>"')
            _close(entities, open_name, start, pos16, attrs, stack)
            i = match.end()
            continue
        name_match = _TAG_NAME.match(text, i + 1)
        name = name_match.group(0).lower()
        if name not in _SIMPLE:
            raise EntityParseError(
                f'can\'t parse entities: Unsupported start tag "{name}" at byte offset {_byte_offset(text, i)}')
        j = name_match.end()
        attrs: dict[str, str] = {}
        while True:
            close = _TAG_CLOSE.match(text, j)
            if close is not None:
                j = close.end()
                break
            attr = _ATTR.match(text, j)
            if attr is None:
                raise EntityParseError(
                    f"can't parse entities: Can't find end of the tag \"{name}\" starting at byte offset "
                    f"{_byte_offset(text, i)}")
            value = attr.group(2) or ""
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            attrs[attr.group(1).lower()] = _unescape(value)
            j = attr.end()
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'can\'t parse entities: Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, i)}')
        stack.append((name, pos16, attrs))
        i = j
    if stack:
        raise EntityParseError(
            f'can\'t parse entities: Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    plain = "".join(out)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return plain, entities


def _close(entities: list[dict], tag: str, start: int, end: int, attrs: dict[str, str],
           stack: list[tuple[str, int, dict[str, str]]]) -> None:
    length = end - start
    if length <= 0:
        return
    kind = _SIMPLE[tag]
    entity: dict = {"type": kind, "offset": start, "length": length}
    if tag == "a":
        url = attrs.get("href", "")
        if not url:
            return
        entity["url"] = url
    elif tag == "code":
        # <pre><code class="language-x">...</code></pre> is a pre block with a language.
        if stack and stack[-1][0] == "pre":
            language = attrs.get("class", "")
            if language.startswith("language-"):
                stack[-1][2]["_language"] = language[len("language-"):]
            return
    elif tag == "pre":
        if attrs.get("_language"):
            entity["language"] = attrs["_language"]
    elif tag == "blockquote":
        if "expandable" in attrs:
            entity["type"] = "expandable_blockquote"
    elif tag == "tg-emoji":
        entity["custom_emoji_id"] = attrs.get("emoji-id", "")
    entities.append(entity)
