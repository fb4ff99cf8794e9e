"""The permission-marketing bot (aiogram 3)."""
from bot import _lazy_types  # noqa: F401  - first, before anything imports aiogram.types
