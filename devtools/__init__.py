"""Development tools kept in the repository and not installed with the bot (pyproject.toml
installs only `bot` and `storage`): `devtools.localapi`, the local Telegram Bot API server that
the terminal chat (`python -m bot shell`), the tests and the benchmarks run the bot against."""
