"""The consent core: what may be sent to whom, and how a customer's permission changes.

    scopes.py      the scopes a customer can grant, the message kinds they cover, the languages
    policy.py      may this message go to this customer now? (pure: no aiogram, no database)
    ledger.py      record a grant or a withdrawal (append-only ledger + current state), stage changes
    erasure.py     /forget: erase personal data, keep the consent proof
    records.py     every ledger row as an ISO/IEC TS 27560 consent record (/mydata, /export, the API)
    withdrawal.py  is this text a withdrawal? (keyword rules first, then the NLU), read before any step
    keywords.py    the keyword rules for withdrawal and erasure words in en, uk, ru, pl

Importing this package imports nothing: `bot.consent.policy` and `bot.consent.scopes` stay
free of aiogram and of the database (tests/consent/test_consent_imports.py).
"""
