"""Staff-facing replies. Staff work in English (customers get all four languages).

Replies go out with parse_mode HTML. `st()` returns ready HTML: the template is plain text
(its `<user_id>` placeholders are shown as typed) and every field is escaped, since fields
carry stored or typed text (names, usernames, products, slugs, codes). A field that is
already HTML (another `st()` result, or `Html(...)`) is kept as it is.
"""
from bot.html_text import esc


class Html(str):
    """A string that is already HTML: `st()` does not escape it again."""

STAFF_TEXTS: dict[str, str] = {
    "staff.role_denied": "Your role ({role}) cannot use this command; allowed: {roles}.",
    "staff.none": "No staff besides the owners in ADMIN_IDS.",
    "staff.added": "User {user} is now {role}.",
    "staff.removed": "User {user} is no longer staff.",
    "staff.not_staff": "User {user} is not staff; nothing changed.",
    "staff.configured_owner": "User {user} is an owner from ADMIN_IDS (configuration), which /staff cannot change: "
                              "remove the id from ADMIN_IDS and restart the bot.",
    "staff.usage_staff": "Usage: /staff, /staff add <user_id> <owner|marketer|support>, /staff remove <user_id>",
    "staff.usage_sample_new": "Usage: /sample_new <category> <stock> <days valid> <product name>\n"
                              "Example: /sample_new coffee 50 14 Ethiopian Yirgacheffe 100 g",
    "staff.unknown_category": "Unknown category {slug}. Categories: {slugs}",
    "staff.sample_created": "Sample offer #{id} created: {product}, stock {stock}, valid until {expires}.",
    "staff.sample_enqueued": "Offered to {added} customer(s) with the samples permission and a matching interest.",
    "staff.no_samples": "No sample offers yet.",
    "staff.not_found": "Not found.",
    "staff.sample_closed": "Sample offer #{id} closed; {cancelled} queued offer(s) of it cancelled (not sent).",
    "staff.no_requests": "No sample requests waiting.",
    "staff.already_delivered": "Request #{id} was already marked delivered.",
    "staff.fulfilled": "Request #{id} marked delivered. Feedback request scheduled: {feedback}.",
    "staff.yes": "yes",
    "staff.no": "no (no feedback permission)",
    "staff.usage_purchase": "Usage: /purchase <customer id | @username> <product> [amount]",
    "staff.no_customer": "No customer {ref}.",
    "staff.ambiguous_customer": "{ref} matches {count} customers; nothing was done. Name one by id:",
    "staff.purchase_recorded": "Purchase #{id} recorded for {customer}: {product}. Stage: {stage}. "
                               "Feedback request scheduled: {feedback}.",
    "staff.usage_perk": "Usage: /perk <code> (the birthday gift code) or /perk off",
    "staff.perk_set": "Birthday perk set to {code}.",
}


def st(key: str, **fields) -> Html:
    text = esc(STAFF_TEXTS[key])
    values = {name: value if isinstance(value, Html) else esc(value) for name, value in fields.items()}
    return Html(text.format(**values) if values else text)
