"""Telegram's HTML parse mode, as the Bot API server (tdlib's `parse_html`) reads it.

`parse_html(text)` returns the plain text and the message entities (offsets and lengths
in UTF-16 code units, as Telegram counts them), or raises `EntityParseError` whose str()
is the description Telegram gives after "Bad Request: " ("can't parse entities: ...").

Like tdlib: only the documented tags are allowed and every `<` starts a tag (a bare `<`
is "Unsupported start tag" or "Unclosed start tag"); end tags must match (`</>` closes
the innermost tag); `&lt; &gt; &amp; &quot;` and numeric references (`&#65;`, `&#x41;`)
are decoded, the `;` may be left out.

One rule is stricter than tdlib's code and follows the documentation instead ("All `<`,
`>` and `&` symbols that are not a part of a tag or an HTML entity must be replaced with
the corresponding HTML entities"): with `strict_ampersand=True` (the default) an `&` in
the text that does not start one of those entities is refused, where tdlib keeps it as a
literal `&`. A text that passes here passes on Telegram; `Tom & Jerry` unescaped shows
the bot forgot to escape, which breaks on `Tom &lt;3`. Attribute values (an `href` with
`?a=1&b=2`) keep tdlib's leniency. A bare `>` is kept as text, as tdlib does.
"""

from __future__ import annotations

import re

__all__ = ["EntityParseError", "parse_html", "utf16_len"]

_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
# td::is_space; the end of the text counts as a space too (tdlib reads the C string's NUL).
_SPACE = frozenset(" \t\r\n\v\0")
_HEX = frozenset("0123456789abcdefABCDEF")
_SPECIAL = re.compile("[<&]")


class EntityParseError(ValueError):
    """The message text is not valid Telegram HTML/Markdown; str() is Telegram's description."""


def utf16_len(text: str) -> int:
    # Characters outside the BMP take two UTF-16 code units.
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """tdlib's decode_html_entity: (character, index after the reference) or None."""
    n = len(text)
    end = pos + 1
    if end < n and text[end] == "#":
        end += 1
        code = 0
        if end < n and text[end] == "x":  # tdlib: lower-case x only
            end += 1
            while end < n and text[end] in _HEX:
                code = code * 16 + int(text[end], 16)
                end += 1
        else:
            while end < n and "0" <= text[end] <= "9":
                code = code * 10 + ord(text[end]) - 48
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10 or 0xD800 <= code <= 0xDFFF:
            return None
        char = chr(code)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        char = _NAMED.get(text[pos + 1 : end])
        if char is None:
            return None
    if end < n and text[end] == ";":
        end += 1
    return char, end


def _at(text: str, i: int) -> str:
    return text[i] if i < len(text) else "\0"


def parse_html(text: str, *, strict_ampersand: bool = True) -> tuple[str, list[dict]]:
    out: list[str] = []
    pos16 = 0  # UTF-16 length of the output so far
    stack: list[tuple[str, int, dict[str, str]]] = []  # (tag, start offset, attributes)
    entities: list[dict] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c != "<" and c != "&":
            special = _SPECIAL.search(text, i)
            j = n if special is None else special.start()
            piece = text[i:j]
            out.append(piece)
            pos16 += utf16_len(piece)
            i = j
            continue
        if c == "&":
            decoded = _decode_entity(text, i)
            if decoded is not None:
                out.append(decoded[0])
                pos16 += utf16_len(decoded[0])
                i = decoded[1]
                continue
            if strict_ampersand:
                raise EntityParseError(
                    f"can't parse entities: Character '&' at byte offset {_byte_offset(text, i)} is not a part "
                    f'of an HTML entity and must be replaced with "&amp;"'
                )
            out.append("&")
            pos16 += 1
            i += 1
            continue
        # text[i] == "<"
        begin = i
        i += 1
        if _at(text, i) != "/":
            i = _start_tag(text, begin, i, pos16, stack)
            continue
        # end of an entity
        if not stack:
            raise EntityParseError(
                f"can't parse entities: Unexpected end tag at byte offset {_byte_offset(text, begin)}"
            )
        while _at(text, i) not in _SPACE and text[i] != ">":
            i += 1
        end_name = text[begin + 2 : i].lower()
        while i < n and text[i] in _SPACE:
            i += 1
        if _at(text, i) != ">":
            raise EntityParseError(f"can't parse entities: Unclosed end tag at byte offset {_byte_offset(text, begin)}")
        open_name, start, attrs = stack[-1]
        if end_name and end_name != open_name:
            raise EntityParseError(
                f"can't parse entities: Unmatched end tag at byte offset {_byte_offset(text, begin)}, "
                f'expected "</{open_name}>", found "</{end_name}>"'
            )
        stack.pop()
        _close(entities, open_name, start, pos16, attrs, stack)
        i += 1
    if stack:
        raise EntityParseError(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{stack[-1][0]}\""
        )
    plain = "".join(out)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return plain, entities


def _start_tag(text: str, begin: int, i: int, pos16: int, stack: list) -> int:
    """Reads `<name attr="value" ...>` from text[begin]; pushes it; returns the index after `>`."""
    n = len(text)
    while _at(text, i) not in _SPACE and text[i] != ">":
        i += 1
    if i >= n:
        raise EntityParseError(f"can't parse entities: Unclosed start tag at byte offset {_byte_offset(text, begin)}")
    name = text[begin + 1 : i].lower()
    if name not in _SIMPLE:
        raise EntityParseError(
            f'can\'t parse entities: Unsupported start tag "{name}" at byte offset {_byte_offset(text, begin)}'
        )
    attrs: dict[str, str] = {}
    while _at(text, i) != ">":
        while i < n and text[i] in _SPACE:
            i += 1
        if _at(text, i) == ">":
            break
        attr_begin = i
        while _at(text, i) not in _SPACE and text[i] not in "=>":
            i += 1
        attr = text[attr_begin:i]
        if not attr:
            raise EntityParseError(
                f'can\'t parse entities: Empty attribute name in the tag "{name}" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        while i < n and text[i] in _SPACE:
            i += 1
        if _at(text, i) != "=":
            if name == "blockquote" and attr.lower() == "expandable":  # <blockquote expandable>
                attrs["expandable"] = ""
                continue
            raise EntityParseError(
                f"can't parse entities: Expected equal sign in declaration of an attribute of the "
                f'tag "{name}" at byte offset {_byte_offset(text, begin)}'
            )
        i += 1
        while i < n and text[i] in _SPACE:
            i += 1
        if i >= n:
            raise EntityParseError(
                f'can\'t parse entities: Unclosed start tag "{name}" at byte offset {_byte_offset(text, begin)}'
            )
        if text[i] not in "'\"":
            # A name token (letters, digits, periods, hyphens), not case-sensitive.
            token_begin = i
            while i < n and (text[i].isascii() and text[i].isalnum() or text[i] in ".-"):
                i += 1
            value = text[token_begin:i].lower()
            if _at(text, i) not in _SPACE and text[i] != ">":
                raise EntityParseError(
                    f"can't parse entities: Unexpected end of name token at byte offset "
                    f"{_byte_offset(text, token_begin)}"
                )
        else:
            quote = text[i]
            i += 1
            parts: list[str] = []
            while i < n and text[i] != quote:
                if text[i] == "&":
                    decoded = _decode_entity(text, i)
                    if decoded is not None:
                        parts.append(decoded[0])
                        i = decoded[1]
                        continue
                parts.append(text[i])
                i += 1
            if i < n:
                i += 1
            value = "".join(parts)
        if i >= n:
            raise EntityParseError(
                f"can't parse entities: Unclosed start tag at byte offset {_byte_offset(text, begin)}"
            )
        attrs[attr.lower()] = value
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError(
            f'can\'t parse entities: Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(text, begin)}'
        )
    stack.append((name, pos16, attrs))
    return i + 1


def _close(
    entities: list[dict],
    tag: str,
    start: int,
    end: int,
    attrs: dict[str, str],
    stack: list[tuple[str, int, dict[str, str]]],
) -> None:
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
                stack[-1][2]["_language"] = language[len("language-") :]
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
