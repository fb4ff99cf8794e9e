"""The local Bot API is a development tool in the repository (devtools/localapi), not part of the
installed bot: the package does not ship it, the terminal chat finds it in the checkout (or says
in one line that it needs one), it runs on its own for benchmarks, and bot.cli and bot.shell do
not import each other."""

from __future__ import annotations

import ast
import asyncio
import shutil
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import aiohttp
from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "42:LAYOUT"


def test_the_installed_packages_leave_the_local_bot_api_out():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    packages = find_packages(str(ROOT), include=config["include"], exclude=config.get("exclude", ()))
    assert "bot" in packages and "storage" in packages
    assert not [p for p in packages if "localapi" in p or p.split(".")[0] == "devtools"], packages
    assert not (ROOT / "bot" / "localapi").exists()


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_cli_and_shell_do_not_import_each_other():
    assert not {"bot.cli", "bot.cli.main"} & _imports(ROOT / "bot" / "shell.py")
    assert not {"bot.cli", "bot.shell"} & _imports(ROOT / "bot" / "process.py")
    # The product never imports the development tool, except the terminal chat.
    for path in (ROOT / "bot").rglob("*.py"):
        if path.name != "shell.py":
            assert not [n for n in _imports(path) if n.startswith("devtools")], path


def test_shell_without_the_checkout_says_so_in_one_line(tmp_path):
    # The bot as installed from a wheel: its packages without the repository around them.
    for package in ("bot", "storage"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "shell"],
        cwd=tmp_path,
        input="/quit\n",
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "needs the repository checkout" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr and not proc.stdout.strip()


def test_shell_finds_the_local_bot_api_of_its_checkout_from_anywhere(tmp_path):
    # Started outside the checkout (the repository root is not on sys.path): the shell still
    # loads devtools/localapi from the checkout its bot package comes from.
    code = (
        "import sys, bot; from bot.shell import local_bot_api; "
        "print(local_bot_api().__module__, sys.modules['devtools'].__file__, bot.__file__)"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    module, origin, bot_origin = proc.stdout.split()
    assert module == "devtools.localapi.server"
    checkout = Path(bot_origin).resolve().parent.parent
    assert checkout != tmp_path and Path(origin).resolve() == checkout / "devtools" / "__init__.py"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_the_local_bot_api_runs_on_its_own():
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "devtools.localapi", "--port", str(port), "--token", TOKEN, "--users", "1-3"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = await asyncio.wait_for(asyncio.to_thread(proc.stdout.readline), 60)
        assert line.strip() == f"local Bot API on http://127.0.0.1:{port}"
        base = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/bot{TOKEN}/getMe") as resp:
                assert (await resp.json())["result"]["id"] == 42
            async with http.post(f"{base}/_test/send_text", json={"user_id": 2, "text": "/start"}) as resp:
                update = (await resp.json())["result"]
            async with http.get(f"{base}/bot{TOKEN}/getUpdates") as resp:
                assert (await resp.json())["result"] == [update]
            async with http.post(
                f"{base}/bot{TOKEN}/sendMessage", json={"chat_id": 2, "text": "<b>hi", "parse_mode": "HTML"}
            ) as resp:
                assert resp.status == 400  # Telegram's HTML check, in the standalone server too
            async with http.get(f"{base}/_test/state") as resp:
                state = (await resp.json())["result"]
        assert state["users"] == 3 and state["stats"]["400"] == 1
    finally:
        proc.terminate()
        proc.wait(15)
