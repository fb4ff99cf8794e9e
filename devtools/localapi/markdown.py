"""Telegram's MarkdownV2 and (legacy) Markdown parse modes, as tdlib's `parse_markdown_v2`
and `parse_markdown` read them: plain text and entities (UTF-16 offsets), or
`EntityParseError` with Telegram's description ("can't parse entities: Character '.' is
reserved and must be escaped with the preceding '\\'", "can't parse entities: Can't find
end of Bold entity at byte offset 0", ...). Byte offsets are in the UTF-8 text, as
Telegram reports them.

Links: a `[text](url)` whose URL does not look like one is dropped (tdlib drops links its
URL check refuses, without an error); `tg://user?id=N` becomes a `text_mention`-like
`text_link` here (the stand-in knows no users' privacy settings).
"""

from __future__ import annotations

import re

from .html import EntityParseError

__all__ = ["parse_markdown", "parse_markdown_v2"]

_V2_RESERVED = frozenset(b"_*[]()~`>#+-=|{}.!\n")
_CODE_RESERVED = frozenset(b"`")
_SPACES = frozenset(b" \t\r\n\v\0")
_LINK = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*://\S+|[^\s/:]+\.[^\s]+)")
_EMOJI_URL = re.compile(r"tg://emoji\?id=(\d+)")

# Bot API entity types for tdlib's MessageEntity::Type names (used in the error texts).
_TYPES = {
    "Bold": "bold",
    "Italic": "italic",
    "Underline": "underline",
    "Strikethrough": "strikethrough",
    "Spoiler": "spoiler",
    "Code": "code",
    "Pre": "pre",
    "PreCode": "pre",
    "TextUrl": "text_link",
    "CustomEmoji": "custom_emoji",
    "BlockQuote": "blockquote",
}


def _reserved(char: int) -> EntityParseError:
    return EntityParseError(
        f"can't parse entities: Character '{chr(char)}' is reserved and must be escaped with the preceding '\\'"
    )


def _checked_link(url: str) -> str:
    url = url.strip()
    return url if url and _LINK.fullmatch(url) else ""


class _Bytes:
    """The UTF-8 text with tdlib's C-string reads: past the end is NUL (0)."""

    __slots__ = ("data", "size")

    def __init__(self, text: str) -> None:
        self.data = text.encode("utf-8", "surrogatepass")
        self.size = len(self.data)

    def __getitem__(self, i: int) -> int:
        return self.data[i] if i < self.size else 0


def _utf16_units(byte: int) -> int:
    """UTF-16 units a UTF-8 lead byte starts (0 for continuation bytes)."""
    if byte & 0xC0 == 0x80:
        return 0
    return 2 if byte >= 0xF0 else 1


def _entity(kind: str, offset: int, length: int, argument: str = "") -> dict:
    entity: dict = {"type": _TYPES[kind], "offset": offset, "length": length}
    if kind == "PreCode" and argument:
        entity["language"] = argument
    elif kind == "TextUrl":
        entity["url"] = argument
    elif kind == "CustomEmoji":
        entity["custom_emoji_id"] = argument
    return entity


def _finish(result: bytearray, entities: list[dict]) -> tuple[str, list[dict]]:
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return result.decode("utf-8", "surrogatepass"), entities


def parse_markdown_v2(text: str) -> tuple[str, list[dict]]:
    t = _Bytes(text)
    result = bytearray()
    entities: list[dict] = []
    utf16 = 0
    # (type, argument, utf16 offset, byte offset of the markup, result length at the start)
    nested: list[list] = []
    have_blockquote = False
    i = 0
    while i < t.size:
        c = t[i]
        if c == 0x5C and 0 < t[i + 1] <= 126:  # "\" escapes any ASCII character
            i += 1
            utf16 += 1
            result.append(t[i])
            i += 1
            continue
        reserved = _V2_RESERVED
        if nested and nested[-1][0] in ("Code", "Pre", "PreCode"):
            reserved = _CODE_RESERVED
        if c not in reserved:
            utf16 += _utf16_units(c)
            result.append(c)
            i += 1
            continue

        is_end = False
        if nested:
            top = nested[-1][0]
            if have_blockquote and c == 0x0A and (i + 1 == t.size or t[i + 1] != 0x3E):
                is_end = True
            elif top == "Bold":
                is_end = c == 0x2A
            elif top == "Italic":
                is_end = c == 0x5F and t[i + 1] != 0x5F
            elif top == "Code":
                is_end = c == 0x60
            elif top in ("Pre", "PreCode"):
                is_end = c == 0x60 and t[i + 1] == 0x60 and t[i + 2] == 0x60
            elif top in ("TextUrl", "CustomEmoji"):
                is_end = c == 0x5D
            elif top == "Underline":
                is_end = c == 0x5F and t[i + 1] == 0x5F
            elif top == "Strikethrough":
                is_end = c == 0x7E
            elif top == "Spoiler":
                is_end = c == 0x7C and t[i + 1] == 0x7C

        if not is_end:
            kind = ""
            argument = ""
            markup_offset = i
            if c == 0x5F:  # _
                if t[i + 1] == 0x5F:
                    kind = "Underline"
                    i += 1
                else:
                    kind = "Italic"
            elif c == 0x2A:  # *
                kind = "Bold"
            elif c == 0x7E:  # ~
                kind = "Strikethrough"
            elif c == 0x7C:  # |
                if t[i + 1] != 0x7C:
                    raise _reserved(c)
                i += 1
                kind = "Spoiler"
            elif c == 0x5B:  # [
                kind = "TextUrl"
            elif c == 0x60:  # `
                if t[i + 1] == 0x60 and t[i + 2] == 0x60:
                    i += 3
                    kind = "Pre"
                    language_end = i
                    while t[language_end] not in _SPACES and t[language_end] != 0x60:
                        language_end += 1
                    if i != language_end and language_end < t.size and t[language_end] != 0x60:
                        kind = "PreCode"
                        argument = t.data[i:language_end].decode("utf-8", "replace")
                        i = language_end
                    if t[i] in (0x0A, 0x0D):  # one new line after the opening is skipped
                        if t[i + 1] in (0x0A, 0x0D) and t[i] != t[i + 1]:
                            i += 2
                        else:
                            i += 1
                    i -= 1
                else:
                    kind = "Code"
            elif c == 0x21:  # !
                if t[i + 1] != 0x5B:
                    raise _reserved(c)
                i += 1
                kind = "CustomEmoji"
            elif c == 0x0A:  # a new line: text, or the start of a block quote's line
                utf16 += 1
                result.append(0x0A)
                if i + 1 < t.size and t[i + 1] == 0x3E:
                    i += 1
                    if not have_blockquote:
                        kind = "BlockQuote"
                        have_blockquote = True
                if not kind:
                    i += 1
                    continue
            elif c == 0x3E:  # >
                if i != 0:
                    raise _reserved(c)
                kind = "BlockQuote"
                have_blockquote = True
            else:
                raise _reserved(c)
            nested.append([kind, argument, utf16, markup_offset, len(result)])
            i += 1
            continue

        # end of an entity
        kind, argument, offset, markup_offset, result_start = nested[-1]
        if c == 0x0A and kind != "BlockQuote":
            raise EntityParseError(
                f"can't parse entities: Can't find end of {kind} entity at byte offset {markup_offset}"
            )
        skip = utf16 == offset
        if kind in ("Underline", "Spoiler"):
            i += 1
        elif kind in ("Pre", "PreCode"):
            i += 2
        elif kind == "TextUrl":
            if t[i + 1] != 0x28:  # no "(": the text is the URL
                url = bytes(result[result_start:]).decode("utf-8", "replace")
            else:
                i += 2
                url_begin = i
                raw = bytearray()
                while i < t.size and t[i] != 0x29:
                    if t[i] == 0x5C and 0 < t[i + 1] <= 126:
                        raw.append(t[i + 1])
                        i += 2
                        continue
                    raw.append(t[i])
                    i += 1
                if t[i] != 0x29:
                    raise EntityParseError(f"can't parse entities: Can't find end of a URL at byte offset {url_begin}")
                url = raw.decode("utf-8", "replace")
            argument = _checked_link(url)
            if not argument:
                skip = True
        elif kind == "CustomEmoji":
            if t[i + 1] != 0x28:
                raise EntityParseError("can't parse entities: Custom emoji entity must contain a tg://emoji URL")
            i += 2
            url_begin = i
            raw = bytearray()
            while i < t.size and t[i] != 0x29:
                if t[i] == 0x5C and 0 < t[i + 1] <= 126:
                    raw.append(t[i + 1])
                    i += 2
                    continue
                raw.append(t[i])
                i += 1
            if t[i] != 0x29:
                raise EntityParseError(
                    f"can't parse entities: Can't find end of a custom emoji URL at byte offset {url_begin}"
                )
            match = _EMOJI_URL.fullmatch(raw.decode("utf-8", "replace"))
            if match is None:
                raise EntityParseError("can't parse entities: Invalid custom emoji identifier specified")
            argument = match.group(1)
        elif kind == "BlockQuote":
            have_blockquote = False
            result.append(t[i])
            utf16 += 1
        if not skip:
            entities.append(_entity(kind, offset, utf16 - offset, argument))
        nested.pop()
        i += 1
    if have_blockquote and nested and nested[-1][0] == "BlockQuote":
        _kind, _argument, offset, _markup, _start = nested.pop()
        if utf16 != offset:
            entities.append(_entity("BlockQuote", offset, utf16 - offset))
    if nested:
        kind, _argument, _offset, markup_offset, _start = nested[-1]
        raise EntityParseError(f"can't parse entities: Can't find end of {kind} entity at byte offset {markup_offset}")
    return _finish(result, entities)


def parse_markdown(text: str) -> tuple[str, list[dict]]:
    """The legacy "Markdown" mode: *bold*, _italic_, `code`, ```pre```, [text](url)."""
    t = _Bytes(text)
    result = bytearray()
    entities: list[dict] = []
    utf16 = 0
    i = 0
    while i < t.size:
        c = t[i]
        if c == 0x5C and t[i + 1] in (0x5F, 0x2A, 0x60, 0x5B):
            i += 1
            result.append(t[i])
            utf16 += 1
            i += 1
            continue
        if c not in (0x5F, 0x2A, 0x60, 0x5B):
            utf16 += _utf16_units(c)
            result.append(c)
            i += 1
            continue
        begin = i
        end_char = 0x5D if c == 0x5B else c
        is_pre = False
        language = ""
        i += 1
        if c == 0x60 and t[i] == 0x60 and t[i + 1] == 0x60:
            i += 2
            is_pre = True
            language_end = i
            while t[language_end] not in _SPACES and t[language_end] != 0x60:
                language_end += 1
            if i != language_end and language_end < t.size and t[language_end] != 0x60:
                language = t.data[i:language_end].decode("utf-8", "replace")
                i = language_end
            if t[i] in (0x0A, 0x0D):
                if t[i + 1] in (0x0A, 0x0D) and t[i] != t[i + 1]:
                    i += 2
                else:
                    i += 1
        offset = utf16
        while i < t.size and (t[i] != end_char or (is_pre and not (t[i + 1] == 0x60 and t[i + 2] == 0x60))):
            utf16 += _utf16_units(t[i])
            result.append(t[i])
            i += 1
        if i == t.size:
            raise EntityParseError(
                f"can't parse entities: Can't find end of the entity starting at byte offset {begin}"
            )
        if utf16 != offset:
            length = utf16 - offset
            if c == 0x5F:
                entities.append(_entity("Italic", offset, length))
            elif c == 0x2A:
                entities.append(_entity("Bold", offset, length))
            elif c == 0x5B:
                if t[i + 1] != 0x28:
                    url = t.data[begin + 1 : i].decode("utf-8", "replace")
                else:
                    i += 2
                    raw = bytearray()
                    while i < t.size and t[i] != 0x29:
                        raw.append(t[i])
                        i += 1
                    url = raw.decode("utf-8", "replace")
                url = _checked_link(url)
                if url:
                    entities.append(_entity("TextUrl", offset, length, url))
            elif is_pre:
                entities.append(_entity("PreCode" if language else "Pre", offset, length, language))
            else:
                entities.append(_entity("Code", offset, length))
        if is_pre:
            i += 2
        i += 1
    return _finish(result, entities)
