"""docs/dialogues.md is drawn from the tables of steps (bot/dialogues.py): it changes with them."""

from __future__ import annotations

from pathlib import Path

from bot.dialogues import markdown
from bot.flow import STEPS, steps_for
from bot.routers.staff.campaigns import CAMPAIGN_STEPS

ROOT = Path(__file__).resolve().parents[2]


def test_the_diagrams_match_the_tables():
    assert (ROOT / "docs" / "dialogues.md").read_text(encoding="utf-8") == markdown(), (
        "run: python -m bot.dialogues > docs/dialogues.md"
    )


def test_the_tables_keep_the_order_and_the_steps_each_scope_needs():
    assert list(STEPS)[:6] == ["name", "birthday", "interests", "timezone", "quiet", "cap"]
    assert steps_for({"birthday"}) == ["name", "birthday", "timezone", "quiet"]
    assert steps_for({"samples"}) == ["name", "interests", "timezone", "quiet", "cap"]
    assert steps_for({"feedback"}) == ["name", "timezone", "quiet", "cap"]
    assert steps_for({"offers"}) == ["name", "interests", "timezone", "quiet", "cap"]
    assert steps_for(set()) == []
    typed = [s.name for s in CAMPAIGN_STEPS.values() if s.typed]
    assert typed == [
        "name",
        "active_days",
        "min_purchases",
        "offer",
        "variant",
        "ab_window",
        "schedule",
        "budget",
        "target",
    ]
    for step in CAMPAIGN_STEPS.values():  # every way out leads to a declared step
        assert step.then is None or step.then in CAMPAIGN_STEPS
