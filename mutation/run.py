"""`make mutation`: mutation testing of the consent core with mutmut, and its score.

1. mutmut writes the mutants of the files listed in pyproject.toml ([tool.mutmut] only_mutate)
   to mutants/ (a fresh copy every run: mutmut keeps a stale copy of a changed file otherwise);
2. this script keeps the mutants of the consent core (SCOPE below: whole functions, or only the
   lines of a function that a promise rests on) and has mutmut run exactly those, each against
   the fast SQLite-only tests that call the mutated function;
3. it prints the score and every surviving mutant with its diff, and writes mutation/score.txt.

A survivor is either killed by a new test (tests/test_mutation_*.py) or listed in
mutation/equivalent.txt with one line saying why the change cannot be observed. Equivalent
mutants are matched by function and by the text of the changed line, so the list survives
mutmut's renumbering when the code around them changes.

Usage: python mutation/run.py [--report-only] [GLOB ...]   (GLOB: mutant names, e.g. 'bot.consent.policy.*')
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.chdir(ROOT)

# (mutant name glob, regex one of the original changed lines must match, or None for every line)
SEP = "ǁ"
SCOPE: list[tuple[str, str | None]] = [
    # The policy: scope, reachability, quiet hours, time zones, the weekly cap.
    ("bot.consent.policy.*", None),
    # A/B statistics: the p-value and the stable assignment.
    ("bot.campaigns.x_significance__mutmut_*", None),
    ("bot.campaigns.x_variant_for__mutmut_*", None),
    (f"bot.campaigns.x{SEP}VariantResult{SEP}*", None),
    # Audience selection (birthdays in the customer's zone, samples, the policy's inputs).
    ("bot.delivery.audience.*", None),
    # The sender: the claim, the send-time re-check, the policy check, waiting out a 429.
    (f"bot.delivery.sender.x{SEP}Sender{SEP}_claim__mutmut_*", None),
    (f"bot.delivery.sender.x{SEP}Sender{SEP}_mark_sending__mutmut_*", None),
    (f"bot.delivery.sender.x{SEP}Sender{SEP}drain_once__mutmut_*", None),
    (f"bot.delivery.sender.x{SEP}Sender{SEP}_call__mutmut_*", r"retry_after|RetryAfter|pause"),
    (f"bot.delivery.sender.x{SEP}RateLimiter{SEP}pause__mutmut_*", None),
    # Ledger writes.
    ("bot.consent.ledger.x_record_consent__mutmut_*", None),
    ("bot.consent.ledger.x__record_consent__mutmut_*", None),
    ("bot.consent.ledger.x__customer_words__mutmut_*", None),
    ("bot.consent.ledger.x_withdraw_all__mutmut_*", None),
    ("bot.consent.ledger.x_set_stage__mutmut_*", None),
    ("bot.consent.ledger.x__stage_after_consent__mutmut_*", None),
    ("storage.queries.x_scopes_from_ledger__mutmut_*", None),
    # /forget.
    ("bot.consent.erasure.x_forget_customer__mutmut_*", None),
    # Withdrawal recognition in words, and which scopes the words switch off.
    ("bot.consent.keywords.*", None),
    ("bot.consent.withdrawal.x_withdrawn_scopes__mutmut_*", None),
    ("bot.consent.withdrawal.x_acts_now__mutmut_*", None),
    # Which scope a message needs (a sequence step carries its own).
    ("bot.consent.scopes.x_scope_of__mutmut_*", None),
    # Why a customer left, and the message before it.
    ("bot.consent.ledger.x_withdrawal_reason__mutmut_*", None),
    ("bot.consent.ledger.x_last_delivery__mutmut_*", None),
    ("bot.consent.ledger.x__note_withdrawal__mutmut_*", None),
    # Consent records (ISO/IEC TS 27560): what each record says.
    ("bot.consent.records.x_principal_id__mutmut_*", None),
    ("bot.consent.records.x_collection_method__mutmut_*", None),
    ("bot.consent.records.x__notice_of__mutmut_*", None),
    ("bot.consent.records.x__purpose__mutmut_*", None),
    ("bot.consent.records.x__evidence__mutmut_*", None),
    ("bot.consent.records.x_build_records__mutmut_*", None),
    # Pauses: who is paused now (the audience and the sender leave them out).
    ("bot.frequency.x_active__mutmut_*", None),
    ("bot.frequency.x_paused__mutmut_*", None),
    ("bot.frequency.x_paused_until__mutmut_*", None),
    ("bot.frequency.x_limits_of__mutmut_*", None),
    ("bot.frequency.x_start_pause__mutmut_*", None),
    ("bot.frequency.x_resume__mutmut_*", None),
    ("bot.frequency.x_expire_pauses__mutmut_*", None),
    # Staff roles: who is staff, which role may do what. (The campaign buttons' own role check is in a
    # router handler, which mutmut does not mutate (decorated): tests/staff/test_campaign_targeting.py covers it.)
    ("bot.routers.staff.common.x_role_of__mutmut_*", None),
    (f"bot.routers.staff.common.x{SEP}IsStaff{SEP}*", None),
    (f"bot.routers.staff.common.x{SEP}Roles{SEP}*", None),
    # Redis is tried again after an outage (dialogues and the chat lock).
    (f"storage.fsm.x{SEP}ResilientStorage{SEP}_call__mutmut_*", None),
    (f"storage.fsm.x{SEP}ChatIsolation{SEP}_shared_usable__mutmut_*", None),
    (f"storage.fsm.x{SEP}ChatIsolation{SEP}_mark_down__mutmut_*", None),
    (f"storage.fsm.x{SEP}ChatIsolation{SEP}_quietly__mutmut_*", None),
]

TARGET = float(os.environ.get("MUTATION_TARGET", "90"))
# Which test files may kill the mutants of each module: mutmut runs, for each mutant, the tests
# that called the mutated function; a test that only passes through (every conversation test
# calls the keyword rules) would make each mutant cost the whole suite. pyproject.toml's
# pytest_add_cli_args_test_selection lists the union of these files.
TESTS_FOR = {
    "bot.consent.policy.": ["tests/consent/test_policy.py", "tests/consent/test_mutation_policy_limits.py"],
    "bot.campaigns.": ["tests/staff/test_mutation_stats.py"],
    "bot.delivery.audience.": [
        "tests/delivery/test_mutation_audience.py",
        "tests/delivery/test_mutation_sender.py",
        "tests/delivery/test_mutation_sender_pause.py",
    ],
    "bot.delivery.sender.": ["tests/delivery/test_mutation_sender.py", "tests/delivery/test_mutation_sender_pause.py"],
    "bot.consent.ledger.": [
        "tests/consent/test_withdrawal_reasons.py",
        "tests/consent/test_ledger.py",
        "tests/consent/test_mutation_ledger.py",
        "tests/rights/test_rights_erasure.py",
        "tests/consent/test_mutation_forget.py",
        "tests/consent/test_mutation_reasons.py",
    ],
    "bot.consent.erasure.": [
        "tests/rights/test_rights_erasure.py",
        "tests/consent/test_mutation_forget.py",
        "tests/rights/test_mutation_records.py",
    ],
    "storage.queries.": [
        "tests/consent/test_ledger.py",
        "tests/consent/test_mutation_ledger.py",
        "tests/rights/test_rights_erasure.py",
        "tests/consent/test_mutation_forget.py",
    ],
    "storage.fsm.": ["tests/storage/test_mutation_fsm.py"],
    "bot.consent.keywords.": ["tests/consent/test_nlu_keywords.py", "tests/consent/test_mutation_keywords.py"],
    "bot.routers.staff.common.": ["tests/staff/test_mutation_staff.py"],
    "bot.consent.withdrawal.": ["tests/consent/test_consent_withdrawal.py", "tests/consent/test_nlu_keywords.py"],
    "bot.consent.scopes.": ["tests/consent/test_policy.py", "tests/consent/test_mutation_scopes.py"],
    "bot.consent.records.": ["tests/rights/test_consent_records.py", "tests/rights/test_mutation_records.py"],
    "bot.frequency.": [
        "tests/delivery/test_frequency_pause.py",
        "tests/consent/test_policy.py",
        "tests/delivery/test_mutation_frequency.py",
    ],
}

KILLED = {"killed", "timeout", "segfault", "caught by type check"}
SCORE_FILE = ROOT / "mutation" / "score.txt"
EQUIVALENT_FILE = ROOT / "mutation" / "equivalent.txt"


def mutmut(*args: str) -> int:
    return subprocess.call([sys.executable, "-m", "mutmut", *args])


def generate() -> None:
    """Write mutants/ afresh (mutmut's own generation step, without running any test)."""
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    (ROOT / "mutants").mkdir()
    from mutmut.__main__ import create_mutants
    from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir

    copy_src_dir()
    copy_also_copy_files()
    create_mutants(os.cpu_count() or 2)


def all_results() -> dict[str, tuple[str, int | None]]:
    """mutant name -> (source path, exit code) from mutmut's .meta files."""
    out = {}
    for meta in (ROOT / "mutants").rglob("*.py.meta"):
        path = str(meta.relative_to(ROOT / "mutants"))[: -len(".meta")]
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            out[name] = (path, code)
    return out


def diff_of(name: str, path: str) -> str:
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    return get_diff_for_mutant(name, path=path)


def changed_lines(diff: str, sign: str) -> list[str]:
    return [line[1:].strip() for line in diff.splitlines() if line.startswith(sign) and not line.startswith(sign * 3)]


def function_of(name: str) -> str:
    return name.rsplit("__mutmut_", 1)[0]


def in_scope(name: str, diff: str) -> bool:
    for pattern, line_re in SCOPE:
        if fnmatch.fnmatchcase(name, pattern):
            if line_re is None:
                return True
            return any(re.search(line_re, line) for line in changed_lines(diff, "-"))
    return False


def equivalents() -> list[tuple[str, str, str]]:
    """(function glob, changed line as mutated, reason) from mutation/equivalent.txt."""
    out = []
    if EQUIVALENT_FILE.exists():
        for line in EQUIVALENT_FILE.read_text().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            function, mutated, reason = (part.strip() for part in line.split(" || ", 2))
            out.append((function, mutated, reason))
    return out


def equivalent_reason(name: str, diff: str, known: list[tuple[str, str, str]]) -> str | None:
    """The reason of the first entry whose function matches and whose line matches: the mutated
    line as written (optionally as `+ LINE`), or, given as `- GLOB`, any original line the mutant
    changed. Only for mutants that survived (or that no test reaches, like import-time code)."""
    added, removed = changed_lines(diff, "+"), changed_lines(diff, "-")
    for function, line, reason in known:
        if not fnmatch.fnmatchcase(function_of(name), function):
            continue
        if line.startswith("- "):
            if any(fnmatch.fnmatchcase(r, line[2:]) for r in removed):
                return reason
        elif line.removeprefix("+ ") in added:
            return reason
    return None


def report(elapsed: float | None) -> int:
    results = all_results()
    known = equivalents()
    status_of = __import__("mutmut.stats", fromlist=["status_by_exit_code"]).status_by_exit_code
    scoped = {}
    for name, (path, code) in sorted(results.items()):
        diff = diff_of(name, path)
        if in_scope(name, diff):
            scoped[name] = (path, status_of[code], diff)
    killed = [n for n, (_, status, _) in scoped.items() if status in KILLED]
    equivalent, survivors = [], []
    for name, (_path, status, diff) in scoped.items():
        if status in KILLED:
            continue
        reason = equivalent_reason(name, diff, known)
        if reason and status in ("survived", "no tests"):
            equivalent.append((name, reason))
        else:
            survivors.append((name, status, diff))
    total = len(scoped)
    postgres_only = sum(reason.startswith("PostgreSQL only") for _, reason in equivalent)
    judged = total - len(equivalent)
    score = 100.0 * len(killed) / judged if judged else 0.0
    raw = 100.0 * len(killed) / total if total else 0.0
    by_file: dict[str, list[int]] = {}
    for name, (path, status, _) in scoped.items():
        counts = by_file.setdefault(path, [0, 0, 0])
        counts[0] += status in KILLED
        counts[1] += 1
        counts[2] += any(e[0] == name for e in equivalent)

    lines = [
        f"mutation score: {score:.1f} % ({len(killed)} killed of {judged} non-equivalent mutants; "
        f"{len(equivalent)} listed in mutation/equivalent.txt, {postgres_only} of them on PostgreSQL-only lines; "
        f"{raw:.1f} % of all {total})",
        f"date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC"
        + (f"; run time: {elapsed / 60:.1f} min" if elapsed is not None else ""),
        "",
        "per file (killed / mutants / equivalent):",
    ]
    lines += [f"  {path}: {k} / {n} / {e}" for path, (k, n, e) in sorted(by_file.items())]
    lines += ["", f"surviving mutants ({len(survivors)}):"]
    for name, status, diff in survivors:
        lines += [f"  {name}: {status}"] + ["      " + d for d in diff.splitlines()[2:]]
    if not survivors:
        lines.append("  none")
    text = "\n".join(lines) + "\n"
    print(text)
    SCORE_FILE.write_text(text)
    if score < TARGET:
        print(f"mutation score {score:.1f} % is under the target of {TARGET} %")
        return 1
    return 0


def prune_stats() -> None:
    path = ROOT / "mutants" / "mutmut-stats.json"
    stats = json.loads(path.read_text())
    tests = stats["tests_by_mangled_function_name"]
    for function, names in tests.items():
        files = next((f for prefix, f in TESTS_FOR.items() if function.startswith(prefix)), [])
        tests[function] = [t for t in names if t.split("::")[0] in files]
    path.write_text(json.dumps(stats))


def main(argv: list[str]) -> int:
    report_only = "--report-only" in argv
    globs = [a for a in argv if not a.startswith("--")]
    if report_only:
        return report(None)
    start = time.monotonic()
    generate()
    names = []
    for name, (path, _) in sorted(all_results().items()):
        if in_scope(name, diff_of(name, path)) and (not globs or any(fnmatch.fnmatchcase(name, g) for g in globs)):
            names.append(name)
    print(f"{len(names)} mutants of the consent core to run")
    # First mutmut collects which test calls which function (running the selection once, and one
    # mutant); then each function keeps only the tests of its own module's files.
    code = mutmut("run", names[0])
    if code not in (0, None):
        print(f"mutmut run exited with {code}")
        return code
    prune_stats()
    code = mutmut("run", *names)
    if code not in (0, None):
        print(f"mutmut run exited with {code}")
        return code
    return report(time.monotonic() - start)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
