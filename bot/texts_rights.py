"""Customer texts of the data rights (/mydata, /forget), in en/uk/ru/pl."""
from __future__ import annotations

RIGHTS: dict[str, dict[str, str]] = {}
