"""Every column that refers to a customer is declared in bot/consent/personal_data.py.

The walk over SQLModel.metadata finds them: a foreign key to `customer.id`, a BigInteger column
(Telegram ids are 64-bit: every user id in the schema is one), or a name that says so
(`customer_id`, `user_id`, `shop_customer_id`). A new table with any of them fails here, named,
until someone decides what /mydata shows of it and what /forget does with it.
"""

from sqlalchemy import BigInteger
from sqlmodel import SQLModel

import storage.models  # noqa: F401 - every table registered
from bot.consent.personal_data import PERSONAL_DATA, deleted_columns, mydata_keys


def customer_columns() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            to_customer = any(fk.target_fullname == "customer.id" for fk in column.foreign_keys)
            if (
                to_customer
                or isinstance(column.type, BigInteger)
                or column.name in ("customer_id", "user_id")
                or column.name.endswith("_customer_id")
            ):
                found.setdefault(table.name, set()).add(column.name)
    return found


def test_the_walk_finds_the_known_columns():
    """The detection itself: it finds ids by foreign key, by type and by name."""
    found = customer_columns()
    assert {"id", "referrer_id"} <= found["customer"]
    assert found["referral"] == {"referrer_id", "friend_id"}
    assert found["link_token"] == {"used_by", "shop_customer_id"}
    assert found["audit_log"] == {"staff_id"}
    assert "category" not in found and "ab_test" not in found


def test_every_column_that_refers_to_a_customer_is_declared():
    undeclared = []
    for name, columns in sorted(customer_columns().items()):
        entry = PERSONAL_DATA.get(name)
        declared = set(entry.customer + entry.linked + entry.staff) if entry else set()
        missing = columns - declared
        if missing:
            undeclared.append(f"{name}: {', '.join(sorted(missing))}")
    assert not undeclared, (
        "declare these in bot/consent/personal_data.py (what /mydata shows, what /forget does): "
        + "; ".join(undeclared)
    )


def test_the_declaration_names_only_real_tables_and_columns():
    tables = SQLModel.metadata.tables
    for name, entry in PERSONAL_DATA.items():
        assert name in tables, name
        for column in entry.customer + entry.linked + entry.staff:
            assert column in tables[name].c, (name, column)
        assert entry.why.strip(), name
        # A table the customer's data lives in is shown in /mydata; only staff-only tables and the
        # staff's command log are not.
        if entry.forget != "not_theirs" and name != "audit_log":
            assert entry.mydata, name
        if entry.forget == "not_theirs":
            assert not entry.customer and not entry.mydata, name
    assert ("shop_customer", "customer_id") in deleted_columns()
    assert all(PERSONAL_DATA[name].forget == "deleted" for name, _ in deleted_columns())
    assert not any(name in ("consent_event", "scope_state", "stage_change") for name, _ in deleted_columns())


def test_the_mydata_file_has_exactly_the_declared_keys():
    """Checked against a real record in test_rights_mydata; here: the declared keys are the file's keys."""
    assert {
        "shop_links",
        "sequences",
        "withdrawal_reasons",
        "win_backs",
        "sent_to_the_shop",
        "pauses",
        "frequency_limits",
        "consent_history",
    } <= mydata_keys()
