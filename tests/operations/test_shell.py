"""The terminal chat (`python -m bot shell`, `make run` without a token): what it shows, what it
saves, which buttons it presses, how it leaves, and the NLU beside it."""

from __future__ import annotations

import asyncio
import fcntl
import io
import json
import logging
import os
import pty
import select
import shutil
import signal
import socket
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from aiohttp import web

from bot import shell
from bot.config import load_settings
from bot.nlu.client import NLUClient
from bot.texts import t

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable

# A stand-in for the Rasa server: it "loads its model" for DELAY seconds, then answers
# POST /model/parse (greet for a hello, nlu_fallback otherwise). It writes its pid first.
FAKE_NLU = """
import asyncio, os, sys
from aiohttp import web

async def parse(request):
    body = await request.json()
    intent = "greet" if "hello" in body.get("text", "").lower() else "nlu_fallback"
    return web.json_response({"text": body.get("text"), "intent": {"name": intent, "confidence": 0.99}, "entities": []})

async def main(port, delay, pidfile):
    with open(pidfile + ".tmp", "w") as f:
        f.write(str(os.getpid()))
    os.replace(pidfile + ".tmp", pidfile)
    await asyncio.sleep(delay)
    app = web.Application()
    app.router.add_post("/model/parse", parse)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    await asyncio.Event().wait()

asyncio.run(main(int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shell_env(db: str, nlu_url: str = "http://127.0.0.1:9") -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("BOT_TOKEN", "ADMIN_IDS", "MAKEFLAGS", "MAKELEVEL")}
    env.update({"DATABASE_URL": db, "NLU_URL": nlu_url})
    return env


class FakeApi:
    """What the Terminal reads of the local Bot API: the records of the messages the bot sent."""

    def __init__(self) -> None:
        self.messages: dict[int, list[dict]] = {}

    def sent(self, chat_id: int) -> list[dict]:
        return list(self.messages.get(chat_id, ()))

    def add(self, chat_id: int, text: str, buttons: list[list[str]] | None = None, **extra) -> dict:
        records = self.messages.setdefault(chat_id, [])
        record = {"message_id": len(records) + 1, "kind": "text", "text": text, "edits": [], "deleted": False}
        record["reply_markup"] = keyboard(buttons) if buttons else None
        record.update(extra)
        records.append(record)
        return record


def keyboard(rows: list[list[str]]) -> dict:
    return {"inline_keyboard": [[{"text": label, "callback_data": f"cb:{label}"} for label in row] for row in rows]}


def terminal(tmp_path, api=None):
    out = io.StringIO()
    term = shell.Terminal(api or FakeApi(), shell.Screen(out, tty=False), downloads=tmp_path / "downloads")
    return term, out


# ---- what the chat shows ----------------------------------------------------------------------


def test_an_edited_message_is_shown_in_full(tmp_path):
    term, out = terminal(tmp_path)
    question = term.api.add(7, "Is your birthday on <b>4 May</b>?", [["Yes", "No"]])
    term.show_new(7)
    # The bot adds the answer to its question and takes the buttons away (one edit).
    question["text"] = "Is your birthday on <b>4 May</b>?\n\nSaved: your birthday is 4 May. A long line " + "x" * 80
    question["reply_markup"] = None
    question["edits"].append({})
    term.show_new(7)
    shown = out.getvalue().split("\n")
    assert "bot> (edited) Is your birthday on 4 May?" in shown
    assert "     Saved: your birthday is 4 May. A long line " + "x" * 80 in shown  # not cut
    # An edit of the buttons only shows the new buttons, under the same numbers.
    question["reply_markup"] = keyboard([["Yes ✅", "No"]])
    question["edits"].append({})
    term.show_new(7)
    assert out.getvalue().splitlines()[-2:] == [
        "bot> (buttons changed: Is your birthday on 4 May?)",
        "     [1] Yes ✅   [2] No",
    ]


def test_the_buttons_of_an_older_message_can_be_pressed(tmp_path):
    term, out = terminal(tmp_path)
    first = term.api.add(7, "Permissions", [["Birthday", "Samples"], ["Done"]])
    term.api.add(7, "May I call you Alex?", [["Yes, call me Alex"], ["Use another name"]])
    term.show_new(7)
    assert "     [1] Birthday   [2] Samples" in out.getvalue() and "     [5] Use another name" in out.getvalue()
    assert term.button(2, 7) == (1, "cb:Samples")  # the older message's button
    assert term.button(4, 7) == (2, "cb:Yes, call me Alex")
    # Its keyboard edited (a tick): the same numbers press the new buttons.
    first["reply_markup"] = keyboard([["✅ Birthday", "Samples"], ["Done"]])
    first["edits"].append({})
    term.show_new(7)
    assert term.button(1, 7) == (1, "cb:✅ Birthday")
    assert term.button(3, 7) == (1, "cb:Done")
    assert term.button(3, 8) == "(button [3] is in another chat)"
    assert term.button(9, 7) == "(no button [9])"
    first["reply_markup"] = None
    first["edits"].append({})
    term.show_new(7)
    assert term.button(1, 7) == "(button [1] is no longer on screen)"


def test_documents_and_photos_are_saved_and_their_path_shown(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    term, out = terminal(tmp_path)
    term.api.add(7, "", kind="document", file_name="mydata-7.json", file_bytes=b'{"a": 1}', caption="Your data")
    term.api.add(7, "", kind="photo", file_name="../report.png", file_bytes=b"\x89PNG one")
    term.api.add(7, "", kind="photo", file_name="report.png", file_bytes=b"\x89PNG two")
    term.show_new(7)
    lines = out.getvalue().splitlines()
    assert lines[:2] == ["bot> [document: mydata-7.json] Your data", "     saved to downloads/mydata-7.json"]
    assert (tmp_path / "downloads" / "mydata-7.json").read_bytes() == b'{"a": 1}'
    # A name never leaves the folder; a different file of the same name does not replace the first.
    assert "     saved to downloads/report.png" in lines and "     saved to downloads/report-2.png" in lines
    assert (tmp_path / "downloads" / "report.png").read_bytes() == b"\x89PNG one"
    assert (tmp_path / "downloads" / "report-2.png").read_bytes() == b"\x89PNG two"


# ---- quiet start --------------------------------------------------------------------------------


def test_migrations_log_one_line_instead_of_alembics_info_lines(tmp_path, caplog):
    from storage.migrate import upgrade

    caplog.set_level(logging.INFO)
    url = f"sqlite:///{tmp_path}/fresh.db"
    applied = upgrade(url)
    assert applied and applied[-1] == max(applied)
    assert not [r for r in caplog.records if r.name.startswith("alembic") and r.levelno < logging.WARNING]
    assert [r.getMessage() for r in caplog.records if r.name == "storage.migrate"] == [
        f"database migrated to {applied[-1]} ({len(applied)} steps)"
    ]
    caplog.clear()
    assert upgrade(url) == []  # up to date: not a line
    assert not [r for r in caplog.records if r.levelno < logging.WARNING]


# ---- the NLU client picks up a server that comes up late ---------------------------------------


async def serve_fake_nlu(port: int) -> web.AppRunner:
    async def parse(request):
        body = await request.json()
        intent = "greet" if "hello" in body["text"].lower() else "nlu_fallback"
        return web.json_response({"intent": {"name": intent, "confidence": 0.99}, "entities": []})

    app = web.Application()
    app.router.add_post("/model/parse", parse)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


async def test_the_nlu_client_uses_a_late_server_after_a_probe():
    port = free_port()
    client = NLUClient(f"http://127.0.0.1:{port}", backoff=3600)
    try:
        assert await client.parse("hello") is None and not client.available  # nothing there yet
        runner = await serve_fake_nlu(port)
        try:
            assert await client.parse("hello") is None  # within the backoff: not asked
            assert await client.probe() is True and client.available
            assert (await client.parse("hello there")).intent == "greet"
        finally:
            await runner.cleanup()
    finally:
        await client.close()


# ---- the chat in process (the real bot over the local Bot API) ---------------------------------


def chat_settings(tmp_path, db: str, nlu_url: str = "http://127.0.0.1:9"):
    for name in ("BOT_TOKEN", "ADMIN_IDS", "WEBHOOK_URL", "REDIS_URL", "PSEUDONYM_SECRET"):
        os.environ.pop(name, None)
    return load_settings(
        database_url=db,
        nlu_url=nlu_url,
        nlu_timeout=0.5,
        _env_file=None,
        pseudonym_secret_file=str(tmp_path / "pseudonym.key"),
    )


class InProcess:
    def __init__(self, tmp_path, db: str, *, lang: str | None = None, nlu_url: str = "http://127.0.0.1:9") -> None:
        self.out = io.StringIO()
        options = shell.Options(lang=lang, downloads=tmp_path / "downloads")
        self.chat = shell.Chat(chat_settings(tmp_path, db, nlu_url), options, screen=shell.Screen(self.out, tty=False))

    async def __aenter__(self):
        assert await self.chat.start()
        return self

    async def __aexit__(self, *exc):
        await self.chat.stop()

    async def say(self, line: str) -> str:
        """What the chat printed for one line typed."""
        before = len(self.out.getvalue())
        assert await self.chat.handle(line)
        return self.out.getvalue()[before:]

    def number(self, label: str) -> int:
        """The number shown for the last button with this label."""
        found = [line for line in self.out.getvalue().splitlines() if f"] {label}" in line]
        assert found, f"no button {label!r}"
        cell = found[-1].split(f"] {label}")[0]
        return int(cell.rsplit("[", 1)[1])


@pytest.fixture
def shell_db(tmp_path, sqlite_template) -> str:
    path = tmp_path / "shell.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.mark.slow
async def test_a_chat_in_the_terminal(tmp_path, shell_db, monkeypatch):
    from sqlalchemy import select as sql_select

    from storage.models import ConsentEvent, Customer

    monkeypatch.chdir(tmp_path)
    async with InProcess(tmp_path, shell_db) as c:
        await c.say("/start")
        permissions = c.number("☐ Birthday greeting")
        done = c.number("Done ✔")
        await c.say("/help")  # a newer message (with buttons of its own) below the permissions
        shown = await c.say(f"#{permissions}")  # a button of the older message
        assert "✅ Birthday greeting" in shown
        await c.say(f"#{done}")
        # "May I call you Alex?": a typed name is the new name.
        shown = await c.say("Sasha")
        assert t("name.saved", "en", name="Sasha") in shown
        # The birthday: confirmed with a button, the question edited with "Saved: …", shown in full.
        await c.say("4 May")
        shown = await c.say(f"#{c.number(t('btn.yes', 'en'))}")
        assert "(edited)" in shown and t("birthday.saved", "en", date="4 May") in shown
        shown = await c.say("/mydata")
        saved = tmp_path / "downloads" / "mydata-100001.json"
        assert "saved to downloads/mydata-100001.json" in shown
        assert "Sasha" in saved.read_text(encoding="utf-8") and json.loads(saved.read_text(encoding="utf-8"))
        assert "(no button [999])" in await c.say("#999")
        async with c.chat.services.sessions() as session:
            customer = await session.get(Customer, 100001)
            assert (customer.name, customer.birthday_month, customer.birthday_day) == ("Sasha", 5, 4)
            scopes = (await session.execute(sql_select(ConsentEvent.scope))).scalars().all()
            assert scopes == ["birthday"]


@pytest.mark.slow
async def test_yes_typed_at_the_name_question_keeps_the_telegram_name(tmp_path, shell_db):
    from storage.models import Customer

    async with InProcess(tmp_path, shell_db) as c:
        await c.say("/start")
        await c.say(f"#{c.number('☐ Birthday greeting')}")
        shown = await c.say(f"#{c.number('Done ✔')}")
        assert t("name.ask_confirm", "en", name="Alex") in shown
        assert t("name.saved", "en", name="Alex") in await c.say("yes")
        async with c.chat.services.sessions() as session:
            assert (await session.get(Customer, 100001)).name == "Alex"


@pytest.mark.slow
async def test_lang_sets_the_language_of_a_returning_customer(tmp_path, shell_db):
    from storage.models import Customer

    async with InProcess(tmp_path, shell_db) as c:  # first time: the default language
        assert t("help.text", "en").splitlines()[0] in await c.say("/help")
    async with InProcess(tmp_path, shell_db, lang="uk") as c:
        assert t("help.text", "uk").splitlines()[0] in await c.say("/help")
        async with c.chat.services.sessions() as session:
            assert (await session.get(Customer, 100001)).language == "uk"
    async with InProcess(tmp_path, shell_db) as c:  # no --lang: the customer keeps theirs
        assert t("help.text", "uk").splitlines()[0] in await c.say("/help")


@pytest.mark.slow
async def test_a_rasa_server_that_comes_up_later_is_announced_and_used(tmp_path, shell_db, monkeypatch):
    monkeypatch.setattr(shell, "NLU_PROBE_EVERY", 0.05)
    port = free_port()
    async with InProcess(tmp_path, shell_db, nlu_url=f"http://127.0.0.1:{port}") as c:
        assert "NLU: no Rasa server answers" in c.out.getvalue()
        await c.say("/start")
        assert t("fallback.unknown", "en") in await c.say("hello")  # the keyword rules do not read it
        runner = await serve_fake_nlu(port)
        try:
            for _ in range(400):
                if "answers now" in c.out.getvalue():
                    break
                await asyncio.sleep(0.05)
            assert f"NLU: the Rasa server at http://127.0.0.1:{port} answers now" in c.out.getvalue()
            assert t("smalltalk.greet", "en", name_sep=", ", name="Alex") in await c.say("hello")
        finally:
            await runner.cleanup()


# ---- leaving: one Ctrl-C --------------------------------------------------------------------------


def read_until(fd: int, buffer: bytearray, pattern: bytes, seconds: float = 120) -> bool:
    end = time.monotonic() + seconds
    while pattern not in buffer and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buffer.extend(chunk)
    return pattern in buffer


def running(pid: int) -> bool:
    return shell._running(pid)


def test_one_ctrl_c_leaves_at_once_without_a_traceback(tmp_path):
    proc = subprocess.Popen(
        [PY, "-m", "bot", "shell", "--downloads", str(tmp_path / "dl")],
        cwd=ROOT,
        env=shell_env(f"sqlite:///{tmp_path}/bot.db"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    out = bytearray()
    try:
        assert read_until(proc.stdout.fileno(), out, b"you> "), out.decode()
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole process group
        rest, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err.decode()
    assert b"Traceback" not in out + rest and b"Traceback" not in err, err.decode()


def test_ctrl_c_while_waiting_for_the_nlu_leaves_too(tmp_path):
    sleeper = subprocess.Popen([PY, "-c", "import time; time.sleep(600)"])  # a "Rasa" that never answers
    try:
        proc = subprocess.Popen(
            [PY, "-m", "bot", "shell", "--wait-nlu", str(sleeper.pid)],
            cwd=ROOT,
            env=shell_env(f"sqlite:///{tmp_path}/bot.db", f"http://127.0.0.1:{free_port()}"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        out = bytearray()
        assert read_until(proc.stdout.fileno(), out, b"NLU: waiting for the Rasa server"), out.decode()
        os.killpg(proc.pid, signal.SIGINT)
        rest, err = proc.communicate(timeout=60)
        assert proc.returncode == 0 and b"Traceback" not in err + rest, err.decode()
        assert b"you> " not in out + rest
    finally:
        sleeper.kill()
        sleeper.wait()


def test_make_run_waits_for_rasa_and_one_ctrl_c_stops_both(tmp_path):
    """`make run` without a token, in a terminal: the Rasa stand-in loads for a few seconds; the chat
    waits for it (unless its own start took longer), then reads free text with it; one Ctrl-C (typed
    into the terminal) ends the chat and the server, with no traceback."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    fake_venv = tmp_path / "rasa-venv"
    (fake_venv / "bin").mkdir(parents=True)
    (fake_venv / "bin" / "rasa").write_text("#!/bin/sh\n")
    (fake_venv / "bin" / "rasa").chmod(0o755)
    (tmp_path / "model.tar.gz").write_text("a model")
    (tmp_path / "fake_nlu.py").write_text(FAKE_NLU)
    port, pidfile = free_port(), tmp_path / "nlu.pid"
    command = [
        "make",
        "-f",
        str(ROOT / "Makefile"),
        # Not the venv, the migrations or the training: the run itself.
        *("-o", ".venv/.installed", "-o", "migrate", "-o", "nlu-if-possible"),
        "run",
        f"PY={PY}",
        f"RASA_VENV={fake_venv}",
        f"NLU_MODEL={tmp_path / 'model.tar.gz'}",
        f"NLU_SERVER={PY} {tmp_path / 'fake_nlu.py'} {port} 8 {pidfile}",
    ]
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        command,
        cwd=tmp_path,  # its var/ (rasa.log) and no .env with a token
        # From another directory `-m bot` must still find this checkout (not another editable install).
        env={**shell_env(f"sqlite:///{tmp_path}/bot.db", f"http://127.0.0.1:{port}"), "PYTHONPATH": str(ROOT)},
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),  # the pty is its terminal
    )
    os.close(slave)
    out = bytearray()
    try:
        assert read_until(master, out, b"you> "), out.decode(errors="replace")
        text = out.decode(errors="replace")
        assert "NLU: Rasa server starting" in text
        assert "free text is understood" in text and "no Rasa server answers" not in text, text
        os.write(master, b"hello\n")
        assert read_until(master, out, b"How can I help"), out.decode(errors="replace")  # read by the NLU
        nlu_pid = int(pidfile.read_text())
        assert running(nlu_pid)
        os.write(master, b"\x03")  # one Ctrl-C
        proc.wait(timeout=60)
        read_until(master, out, b"\x00", seconds=1)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        os.close(master)
        stray = int(pidfile.read_text()) if pidfile.exists() else None
        if sys.exc_info()[0] is not None and stray is not None and running(stray):
            os.kill(stray, signal.SIGKILL)  # the run failed: the stand-in (its own process group) goes too
    text = out.decode(errors="replace")
    try:
        assert proc.returncode == 0, text
        assert not {"Traceback", "Error", "Interrupt", "Terminated"} & set(text.split()), text
        for _ in range(300):  # the server is stopped with the chat (SIGTERM to its process group)
            if not running(nlu_pid):
                break
            time.sleep(0.1)
        assert not running(nlu_pid), "the NLU server outlived the chat"
    finally:
        # The stand-in runs in a process group of its own (make's job control): a failed run must
        # not leave it behind.
        if stray is not None and running(stray):
            os.kill(stray, signal.SIGKILL)


def test_training_shows_one_progress_line_and_keeps_rasas_output_in_a_log(tmp_path):
    """`make nlu` with a stand-in `rasa` that prints 200 lines: the terminal gets two lines."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    fake_venv = tmp_path / "rasa-venv"
    (fake_venv / "bin").mkdir(parents=True)
    version = "0-test"
    (fake_venv / f".installed-rasa-{version}").touch()
    (fake_venv / "bin" / "rasa").write_text(
        f"#!{PY}\n"
        "import os, sys\n"
        "args = sys.argv[1:]\n"
        "out, name = args[args.index('--out') + 1], args[args.index('--fixed-model-name') + 1]\n"
        "print(\"Starting to train component 'DIETClassifier'.\")\n"
        "for i in range(1, 101):\n"
        "    sys.stderr.write(f'\\rEpochs: {i}%|#| {i}/100')\n"
        "for i in range(200):\n"
        "    print(f'epoch line {i}')\n"
        "if os.environ.get('FAIL_TRAINING'):\n"
        "    print('the reason it failed'); sys.exit(3)\n"
        "open(os.path.join(out, name + '.tar.gz'), 'w').write('model')\n"
    )
    (fake_venv / "bin" / "rasa").chmod(0o755)
    log = tmp_path / "nlu-train.log"

    def make_nlu(**env):
        return subprocess.run(
            [
                "make",
                "-s",
                "--no-print-directory",
                "nlu",
                f"RASA_VENV={fake_venv}",
                f"RASA_VERSION={version}",
                f"NLU_MODEL={tmp_path / 'models' / 'nlu.tar.gz'}",
                f"NLU_HASH={tmp_path / 'models' / 'hash'}",
                f"NLU_TRAIN_LOG={log}",
            ],
            cwd=ROOT,
            env={**shell_env("sqlite://"), **env},
            capture_output=True,
            text=True,
            timeout=120,
        )

    failed = make_nlu(FAIL_TRAINING="1")
    assert failed.returncode != 0 and "training failed" in failed.stdout and "the reason it failed" in failed.stdout
    done = make_nlu()
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("NLU: training") and lines[1].startswith("NLU: trained in")
    assert "epoch line 199" in log.read_text() and (tmp_path / "models" / "nlu.tar.gz").exists()
    assert make_nlu().stdout.strip().endswith("is up to date")


# ---- /jobs: the scheduled automation, shown in the chat -----------------------------------------


def next_may_4_at_10_local() -> str:
    """The customer's next-year birthday at the greeting hour (10:00 in the default time zone, UTC):
    after the grant, so the consent holds at that moment."""
    from storage.types import utcnow

    return f"{utcnow().year + 1}-05-04T10:00:00+00:00"


@pytest.mark.slow
async def test_jobs_run_delivers_a_birthday_greeting_into_the_chat(tmp_path, shell_db):
    from sqlalchemy import select as sql_select

    from bot.delivery.jobs import JOBS
    from storage.models import Customer, Outbox

    async with InProcess(tmp_path, shell_db) as c:
        listed = await c.say("/jobs")
        assert all(name in listed for name in JOBS) and len(listed.splitlines()) == 1
        # Customer 100002 has told their birthday (4 May) but granted no `birthday` scope.
        await c.say("/user 100002")
        await c.say("/start")
        async with c.chat.services.sessions() as session, session.begin():
            other = await session.get(Customer, 100002)
            other.birthday_month, other.birthday_day = 5, 4
        # Customer 100001 grants `birthday` and gives 4 May.
        await c.say("/user 100001")
        await c.say("/start")
        await c.say(f"#{c.number('☐ Birthday greeting')}")
        await c.say(f"#{c.number('Done ✔')}")
        await c.say("Sasha")
        await c.say("4 May")
        await c.say(f"#{c.number(t('btn.yes', 'en'))}")
        at = next_may_4_at_10_local()
        greeting = shell.plain(t("birthday.greeting", "en", name="Sasha")).splitlines()[0]

        await c.say("/as staff")  # run by the owner: the greeting goes to the customer's chat
        shown = await c.say(f"/jobs run birthdays {at}")
        assert shown.splitlines() == [
            f"(birthdays at {at}: 1 enqueued; sent 1, dropped 0, postponed 0, failed 0, blocked 0)"
        ]
        shown = await c.say("/as customer")
        assert f"bot> {greeting}" in shown  # delivered through the chat's own bot, shown on switching
        assert c.number(t("birthday.thanks_button", "en"))  # its button can be pressed like any other
        # The same moment again: nothing twice.
        shown = await c.say(f"/jobs run birthdays {at}")
        assert "1 enqueued" not in shown and "0 enqueued; sent 0" in shown and greeting not in shown
        # The customer without the scope got nothing.
        assert greeting not in await c.say("/user 100002")
        assert not any(greeting in shell.plain(m.get("text", "")) for m in c.chat.api.sent(100002))
        async with c.chat.services.sessions() as session:
            rows = (await session.execute(sql_select(Outbox.customer_id, Outbox.kind, Outbox.status))).all()
        assert [tuple(r) for r in rows] == [(100001, "birthday", "sent")]


@pytest.mark.slow
async def test_jobs_run_for_a_customer_without_the_scope_sends_nothing(tmp_path, shell_db):
    from storage.models import Customer

    async with InProcess(tmp_path, shell_db) as c:
        await c.say("/start")  # no permission granted
        async with c.chat.services.sessions() as session, session.begin():
            customer = await session.get(Customer, 100001)
            customer.birthday_month, customer.birthday_day = 5, 4
        before = len(c.chat.api.sent(100001))
        at = next_may_4_at_10_local()
        shown = await c.say(f"/jobs run birthdays {at}")
        assert shown.splitlines() == [
            f"(birthdays at {at}: 0 enqueued; sent 0, dropped 0, postponed 0, failed 0, blocked 0)"
        ]
        assert len(c.chat.api.sent(100001)) == before


@pytest.mark.slow
async def test_jobs_run_with_an_unknown_job_or_a_bad_time_says_so_in_one_line(tmp_path, shell_db):
    async with InProcess(tmp_path, shell_db) as c:
        shown = await c.say("/jobs run nonsense")
        assert shown.splitlines() == [f"(unknown job 'nonsense'; jobs: {', '.join(shell_jobs())})"]
        shown = await c.say("/jobs run birthdays yesterday-ish")
        assert shown.splitlines() == ["(not an ISO-8601 time or a +Nd/+Nh offset: 'yesterday-ish')"]
        shown = await c.say("/jobs start birthdays")
        assert len(shown.splitlines()) == 1 and "usage" in shown
        # An offset from now is a time too: the job runs (nobody is due).
        shown = await c.say("/jobs run birthdays +1d")
        assert len(shown.splitlines()) == 1 and ": 0 enqueued; sent 0" in shown
        assert "/jobs run NAME" in await c.say("?")


def shell_jobs() -> list[str]:
    from bot.delivery.jobs import JOBS

    return list(JOBS)


def test_times_for_jobs_are_iso_or_offsets_from_now():
    from datetime import datetime, timedelta, timezone

    from bot.jobs_cli import JobRequestError, check_name, parse_when

    now = datetime(2027, 5, 4, 8, 0, tzinfo=timezone.utc)
    assert parse_when("+3d", now=now) == now + timedelta(days=3)
    assert parse_when("+12h", now=now) == now + timedelta(hours=12)
    assert parse_when(None, now=now) == now
    assert parse_when("2027-05-04T10:00+02:00") == datetime(2027, 5, 4, 8, 0, tzinfo=timezone.utc)
    assert parse_when("2027-05-04T10:00") == datetime(2027, 5, 4, 10, 0, tzinfo=timezone.utc)  # UTC
    for bad in ("-3d", "+3w", "tomorrow", "3d"):
        with pytest.raises(JobRequestError):
            parse_when(bad, now=now)
    assert check_name("ab_decide") == "ab_decide"
    with pytest.raises(JobRequestError, match="unknown job 'nope'"):
        check_name("nope")
