"""`python -m bot import purchases FILE.csv`: dry run, a real run, the same file twice, bad lines."""

from __future__ import annotations

from argparse import Namespace

from sqlalchemy import func, select

from bot.consent.ledger import record_consent
from bot.importing import import_command, import_purchases
from storage.models import Customer, Outbox, Purchase, ShopCustomer

GOOD = """order_id,customer,product,purchased_at,amount
A-1,501,green tea,2026-05-01T10:00:00+02:00,12.50
A-2,C-77,coffee beans,,
A-3,502,teapot,2026-05-03,"30,00"
"""

BAD = """order_id;customer;product;purchased_at
B-1;501;mug;2026-05-04T09:00:00Z
B-2;999999;mug;
B-3;501;;
B-4;501;mug;yesterday
A-1;502;green tea;2026-05-01T10:00:00+02:00
B-5;C-404;mug;
"""


async def setup(sessions):
    async with sessions() as session, session.begin():
        ann, bob, cy = Customer(id=501, first_name="Ann"), Customer(id=502, first_name="Bob"), Customer(id=503)
        session.add_all([ann, bob, cy])
        await session.flush()
        session.add(ShopCustomer(shop_customer_id="C-77", customer_id=503))
        await record_consent(session, customer=ann, scope="feedback", grant=True, method="button")


async def counts(sessions):
    async with sessions() as session:
        purchases = (await session.execute(select(func.count()).select_from(Purchase))).scalar_one()
        feedback = (
            await session.execute(select(func.count()).select_from(Outbox).where(Outbox.kind == "feedback"))
        ).scalar_one()
        stages = dict((await session.execute(select(Customer.id, Customer.stage))).all())
    return purchases, feedback, stages


async def test_dry_run_then_real_then_twice(sessions, settings_factory, tmp_path):
    settings = settings_factory()
    await setup(sessions)
    path = tmp_path / "purchases.csv"
    path.write_text(GOOD, encoding="utf-8")

    report = await import_purchases(sessions, settings, path, dry_run=True)
    assert (report.lines, report.added, report.already, report.errors) == (3, 3, 0, [])
    assert report.feedback_scheduled == 1  # only Ann allowed feedback
    assert (await counts(sessions))[:2] == (0, 0)  # a dry run writes nothing

    report = await import_purchases(sessions, settings, path)
    assert (report.added, report.already, report.errors, report.feedback_scheduled) == (3, 0, [], 1)
    purchases, feedback, stages = await counts(sessions)
    assert (purchases, feedback) == (3, 1)
    assert stages[501] == stages[502] == stages[503] == "customer"
    async with sessions() as session:
        rows = {p.order_id: p for p in (await session.execute(select(Purchase))).scalars()}
    assert rows["A-2"].customer_id == 503 and rows["A-2"].source == "csv"  # by the shop's linked id
    assert rows["A-1"].amount == 12.5 and rows["A-3"].amount == 30.0
    assert rows["A-1"].at.isoformat().startswith("2026-05-01T08:00:00")

    report = await import_purchases(sessions, settings, path)
    assert (report.added, report.already, report.errors) == (0, 3, [])
    assert (await counts(sessions))[:2] == (3, 1)


async def test_bad_lines_are_reported_and_the_good_ones_imported(sessions, settings_factory, tmp_path, capsys):
    settings = settings_factory()
    await setup(sessions)
    (tmp_path / "good.csv").write_text(GOOD, encoding="utf-8")
    await import_purchases(sessions, settings, tmp_path / "good.csv")
    path = tmp_path / "bad.csv"
    path.write_text(BAD, encoding="utf-8")
    status = await import_command(settings, Namespace(file=str(path), dry_run=False))
    out = capsys.readouterr().out
    assert status == 1
    errors = [line for line in out.splitlines() if line.startswith("line ")]
    assert [e.split(":")[0] for e in errors] == ["line 3", "line 4", "line 5", "line 6", "line 7"]
    assert "999999" in errors[0] and "product: empty" in errors[1] and "yesterday" in errors[2]
    assert "already recorded with other content" in errors[3] and "C-404" in errors[4]
    assert "6 line(s): 1 purchase(s) added, 0 already imported, 5 with errors" in out
    async with sessions() as session:
        orders = set((await session.execute(select(Purchase.order_id))).scalars())
    assert orders == {"A-1", "A-2", "A-3", "B-1"}


async def test_a_wrong_header_imports_nothing(sessions, settings_factory, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("order,customer,item\n1,501,tea\n", encoding="utf-8")
    report = await import_purchases(sessions, settings_factory(), path)
    assert report.lines == 0 and report.errors[0][0] == 1
    assert "missing column(s) order_id, product" in report.errors[0][1]
