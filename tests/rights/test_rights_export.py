"""/export never hands a spreadsheet a formula (OWASP "CSV Injection")."""

import csv
import io

import pytest

from bot.exports import FORMULA_STARTS, csv_bytes, safe_cell
from tests.delivery.test_delivery import make_customer
from tests.rights.test_rights_erasure import OWNER, owner_harness  # noqa: F401 - the fixture

LINK = '=HYPERLINK("http://x","y")'


def cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode())))


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_becomes_text(start):
    value = f"{start}1+2"
    assert safe_cell(value) == "'" + value
    assert cells(csv_bytes(["a"], [[value]]))[1] == ["'" + value]


def test_plain_values_stay_as_they_are():
    assert [safe_cell(v) for v in ("Ann", "Tom & Jerry", " =x", "", 42, -3, 12.5, None)] == [
        "Ann",
        "Tom & Jerry",
        " =x",
        "",
        42,
        -3,
        12.5,
        None,
    ]
    raw = csv_bytes(["id", "name"], [[1, "Ann"]]).decode()
    assert raw.splitlines() == ['"id","name"', '"1","Ann"']  # every cell quoted


async def test_a_formula_first_name_reaches_the_owner_as_text(owner_harness):
    h = owner_harness
    await make_customer(h, 31, ["samples"], name=LINK)
    await make_customer(h, 32, ["samples"], name="\tTAB")
    await make_customer(h, 33, ["samples"], name="\rCR")
    await h.say(31, "@everyone stop sending me samples")
    await h.say(32, "-stop sending me samples")
    replies = await h.say(OWNER, "/export segment friend former")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(replies[-1]["file_bytes"].decode()))}
    assert rows["31"]["name"] == "'" + LINK
    assert (rows["32"]["name"], rows["33"]["name"]) == ("'\tTAB", "'\rCR")
    ledger = list(csv.DictReader(io.StringIO((await h.say(OWNER, "/export"))[-1]["file_bytes"].decode())))
    words = {r["customer_id"]: r["customer_words"] for r in ledger if r["method"] == "words"}
    assert words == {"31": "'@everyone stop sending me samples", "32": "'-stop sending me samples"}
    for row in rows.values():
        assert not any(str(v).startswith(FORMULA_STARTS) for v in row.values())
