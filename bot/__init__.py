"""The permission-marketing bot (aiogram 3). Importing it changes nothing in aiogram or
pydantic: the entry points call `bot.aiogram_patches.install()` first."""
