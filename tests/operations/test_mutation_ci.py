"""With CI=true a missing PostgreSQL or Redis fails the run instead of skipping its variants
(.ci/run's services step, and the conftest's checks)."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SERVICE_SKIP, ci_service_problems, ci_strict

ROOT = Path(__file__).resolve().parents[2]
UNREACHABLE_PG = "postgresql://postgres@127.0.0.1:9/test_nowhere"
UNREACHABLE_REDIS = "redis://127.0.0.1:9/8"


def run_services(env: dict, tmp_path: Path) -> subprocess.CompletedProcess:
    # An empty PATH: neither pg_isready nor redis-cli can be found, so neither service can start.
    empty = tmp_path / "bin"
    empty.mkdir()
    return subprocess.run(
        ["/bin/bash", "-c", "source .ci/run && services"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": str(empty), **env},
        timeout=60,
    )


def test_ci_run_fails_when_services_cannot_start(tmp_path):
    result = run_services({"CI": "true"}, tmp_path)
    assert result.returncode != 0
    assert "PostgreSQL: could not be started, and CI=true requires it" in result.stderr


def test_ci_run_skips_services_outside_ci(tmp_path):
    result = run_services({}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "PostgreSQL variants are skipped" in result.stdout
    assert "Redis tests are skipped" in result.stdout


def test_service_problems_name_each_missing_or_silent_service():
    assert ci_strict({"CI": "true"}) and not ci_strict({}) and not ci_strict({"CI": "false"})
    problems = ci_service_problems({"CI": "true", "TEST_DATABASE_URL": UNREACHABLE_PG}, timeout=0.5)
    assert problems[0].startswith(f"PostgreSQL: {UNREACHABLE_PG} does not answer")
    assert problems[1] == "Redis: TEST_REDIS_URL is not set"
    assert all(SERVICE_SKIP.search(p) for p in problems)


def test_the_skip_reasons_of_the_suite_are_recognised():
    for reason in (
        "PostgreSQL: TEST_DATABASE_URL is not set",
        f"PostgreSQL at {UNREACHABLE_PG} does not answer: x",
        "Redis: TEST_REDIS_URL is not set",
        "Redis at redis://x does not answer: y",
        "Redis: TEST_REDIS_URL not set or not answering (the shared rate limit needs it)",
    ):
        assert SERVICE_SKIP.search(reason), reason
    assert not SERVICE_SKIP.search("PostgreSQL restart: needs pg_ctlcluster and root on this machine")


def _pytest(env_extra: dict, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "TEST_DATABASE_URL", "TEST_REDIS_URL")}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_pytest_with_ci_true_and_unreachable_services_fails(tmp_path):
    result = _pytest(
        {"CI": "true", "TEST_DATABASE_URL": UNREACHABLE_PG, "TEST_REDIS_URL": UNREACHABLE_REDIS},
        tmp_path,
        "tests/consent/test_ledger.py",
        "-k",
        "postgresql",
    )
    assert result.returncode != 0
    assert "CI=true, and the PostgreSQL/Redis variants cannot run" in result.stdout + result.stderr
    assert "does not answer" in result.stdout + result.stderr


def _through_the_hook(reason: str):
    from _pytest.reports import TestReport

    from tests.conftest import pytest_runtest_makereport

    report = TestReport("t.py::test", ("t.py", 1, "test"), {}, "skipped", ("t.py", 1, f"Skipped: {reason}"), "setup")
    hook = pytest_runtest_makereport(None, None)
    next(hook)
    try:
        hook.send(report)
    except StopIteration as stop:
        return stop.value
    raise AssertionError("the hook did not return the report")


def test_a_service_skip_fails_under_ci_only(monkeypatch):
    monkeypatch.setenv("CI", "true")
    report = _through_the_hook("Redis: TEST_REDIS_URL is not set")
    assert report.outcome == "failed"
    assert "which CI must not skip: Redis: TEST_REDIS_URL is not set" in report.longrepr
    assert _through_the_hook("needs a GPU").outcome == "skipped"  # other skips stay skips
    monkeypatch.delenv("CI")
    assert _through_the_hook("Redis: TEST_REDIS_URL is not set").outcome == "skipped"
