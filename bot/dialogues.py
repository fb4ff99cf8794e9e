"""The two dialogues drawn from their tables as Mermaid diagrams (docs/dialogues.md):
the preference steps (bot/flow.py STEPS) and the staff campaign dialogue
(bot/routers/staff/campaigns.py CAMPAIGN_STEPS). `python -m bot.dialogues > docs/dialogues.md`
writes the file again; a test checks that it matches the tables."""

from __future__ import annotations

import asyncio

HEADER = """# Dialogues

Generated from the tables of steps by `python -m bot.dialogues > docs/dialogues.md`
(tests/conversation/test_dialogues_docs.py fails when this file and the tables differ).
"""


def preferences_mermaid() -> str:
    """Onboarding asks, in this order, each step a granted scope makes needed (skipping the others);
    /preferences asks one step, then shows the preferences again."""
    from bot.flow import STEPS

    lines = ["flowchart TD", '    granted(["permissions chosen"])']
    previous = "granted"
    for step in STEPS.values():
        how = []
        if step.state is not None:
            how.append(f"typed: {step.state.state}")
        how.append("buttons")
        needed = ", ".join(sorted(step.needed_for)) or "none: from /preferences only"
        lines.append(f'    {step.name}["<b>{step.name}</b><br/>needed for: {needed}<br/>{" · ".join(how)}"]')
        if step.needed_for:
            lines.append(f"    {previous} --> {step.name}")
            previous = step.name
        else:
            lines.append(f"    prefs -. edit .-> {step.name}")
    lines += [
        '    done(["preferences shown"])',
        f"    {previous} --> done",
        '    prefs(["/preferences"])',
        "    done --> prefs",
    ]
    return "\n".join(lines)


def _targets(step) -> list[tuple[str, str]]:
    """(label, next step) of each way out of a campaign step."""
    if step.typed is not None:
        return [("typed", step.then)]
    if step.final:
        empty = [("launch, audience 0", step.if_empty)] if step.if_empty else []
        return [*empty, ("launch", "launched"), ("cancel", "cancelled")]
    if step.toggles:
        return [("next", step.pressed({"segment": {}}, "__next")[1])]
    values = asyncio.run(step.values(None))
    out: dict[str, list[str]] = {}
    for value in values:
        # Two variants: the way to an A/B test is open (bot/abtest.py), as after a second variant.
        out.setdefault(step.pressed({"segment": {}, "variants": ["A", "B"]}, value)[1], []).append(value)
    many = "a goal" if step.name == "goal" else "a choice"
    return [(" / ".join(v) if len(v) < 3 else many, target) for target, v in out.items()]


def campaign_mermaid() -> str:
    from bot.routers.staff.campaigns import CAMPAIGN_STEPS

    lines = ["stateDiagram-v2", f"    [*] --> {next(iter(CAMPAIGN_STEPS))}: /campaign"]
    for step in CAMPAIGN_STEPS.values():
        for label, target in _targets(step):
            end = "[*]" if target in ("launched", "cancelled") else target
            lines.append(f"    {step.name} --> {end}: {label}")
    lines.append("    note left of goal: /cancel leaves at any step")
    return "\n".join(lines)


def markdown() -> str:
    return (
        f"{HEADER}\n## Preference steps (bot/flow.py `STEPS`)\n\n```mermaid\n{preferences_mermaid()}\n```\n\n"
        "## Staff campaign dialogue (bot/routers/staff/campaigns.py `CAMPAIGN_STEPS`)\n\n"
        f"```mermaid\n{campaign_mermaid()}\n```\n"
    )


if __name__ == "__main__":
    print(markdown(), end="")
