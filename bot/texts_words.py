"""Customer texts of withdrawal by words and its one-tap undo, in en/uk/ru/pl."""
from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {}
