"""Webhook load benchmark on PostgreSQL: updates/s, reply latency, memory per process.

1,000 simulated customers each go through a 10-update conversation (/start, three button
presses, name, birthday in Ukrainian, confirm, /preferences, then two free-text messages:
"what do you know about me?" and "please stop sending me samples"): 10,000 updates,
posted to the bot's webhook as Telegram would (with the secret header), round-robin over the
web replicas as a load balancer would. Replies go to the project's local Bot API server (its
own process); the reply latency of an update is the time from its POST until the bot's
first call to that chat (what the customer sees first) and until its last one. The local
Bot API stamps each call with its clock (time.monotonic, the same clock as this process's on
the same machine) when it records it, and streams (chat, stamp) lines to this generator over
one long-lived response (/_test/chat_call_stream); how soon the line arrives does not enter
the latency. Like
Telegram, at most 40 webhook requests are in flight (setWebhook's max_connections), and
the bot answers a request once the update is handled, so a burst waits at "Telegram"
(counted in the latency) rather than inside the bot.

Arrivals are open-loop at each of `--rates` updates/s (default 100, 200, 300): update k is due at
k/rate, and a customer sends their next update only after the reply to the previous one.
`--rate 0` posts as fast as the replies come back (all 1,000 customers at once): the
saturation throughput.

Runs (`--replicas`): `1`, one replica; `2`, two replicas sharing only PostgreSQL (dialogue
state in the database, a chat's updates kept in order by an advisory lock); `2+redis`, two
replicas with Redis FSM storage and the Redis chat lock; `floor`, the performance floor: a bare
aiogram bot (bench/floor_bot.py: one handler answering every update with one message, no
database) on the same webhook server, fed the same conversation by the same harness. With
`floor` in the list, each configuration's web CPU per update is also printed as a ratio to the
floor's at the same rate (in the same round; the summary gives the median): what the project
costs per update in multiples of what aiogram alone costs, a figure that a busy machine moves
less than latency. Without NLU (the NLU_URL points nowhere; keyword rules answer) unless
`--nlu URL` names a running Rasa server.

    .venv/bin/python bench/load_webhook.py [--users 1000] [--rates 50,100,0] [--replicas 1,2,2+redis,floor] [--nlu URL]
        [--database postgresql://postgres@127.0.0.1:5432/test] [--redis redis://127.0.0.1:6379/15]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import aiohttp
import orjson

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "42:LOADBENCH"
SECRET = "bench-secret-token"
BENCH_DB = "pmbot_bench"  # next to the --database given; suffixed with its name unless that is "test"
FLOOR = "floor"
STEPS = [
    ("say", "/start"),
    ("press", "Birthday greeting"),
    ("press", "Free samples"),
    ("press", "Done"),
    ("press", "Yes, call me"),
    ("say", "12 травня 1990"),
    ("press", "Yes"),
    ("say", "/preferences"),
    ("say", "what do you know about me?"),
    ("say", "please stop sending me samples"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time all cores spent outside idle and iowait so far (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


async def fresh_database(base_url: str) -> str:
    """A fresh database next to the given one (dropped and created), migrated; returns its URL."""
    import asyncpg

    parts = urlparse(base_url)
    admin = urlunparse(parts._replace(scheme="postgresql", path="/postgres"))
    given = parts.path.lstrip("/") or "test"
    name = BENCH_DB if given == "test" else f"{BENCH_DB}_{given}"  # benchmarks next to each other's databases
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await conn.execute(f"CREATE DATABASE {name}")
    finally:
        await conn.close()
    url = urlunparse(parts._replace(scheme="postgresql", path=f"/{name}"))
    subprocess.run(
        [sys.executable, "-m", "bot", "migrate"],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "DATABASE_URL": url},
    )
    return url


async def wait_port(port: int, proc: subprocess.Popen, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port} within {timeout}s")


class Load:
    def __init__(self, http: aiohttp.ClientSession, api: str, hooks: list[str], steps_calls: list[int]) -> None:
        self.http, self.api, self.hooks = http, api, hooks
        # Like Telegram: at most max_connections (40) webhook requests in flight, all replicas together.
        self.telegram = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=40), timeout=aiohttp.ClientTimeout(total=120)
        )
        self.expected = steps_calls
        self.update_ids = itertools.count(10**9)
        self.message_ids = itertools.count(10**8)
        self.hook_turn = itertools.count()
        self.hook_headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
        self.first: list[float] = []
        self.by_step: dict[int, list[float]] = {}
        self.complete: list[float] = []
        self.errors: list[str] = []
        # Per chat: the local API's stamps of the calls to it so far (from the call stream), and
        # who waits for how many.
        self.stamps: dict[int, list[float]] = {}
        self.waiting: dict[int, list[tuple[int, asyncio.Future]]] = {}
        self.stream: aiohttp.ClientResponse | None = None
        self.reader: asyncio.Task | None = None

    async def subscribe(self) -> None:
        """Start reading the local API's call stream (before any update is posted)."""
        self.stream = await self.http.get(
            f"{self.api}/_test/chat_call_stream", timeout=aiohttp.ClientTimeout(total=None, sock_read=None)
        )
        if self.stream.status != 200:
            raise RuntimeError(f"chat_call_stream answered {self.stream.status}")
        self.reader = asyncio.create_task(self._read_stream())

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.reader
        if self.stream is not None:
            self.stream.close()
        await self.telegram.close()

    async def _read_stream(self) -> None:
        stamps, waiting = self.stamps, self.waiting
        tail = b""
        try:
            # Lines come in batches; a batch may end mid-line.
            async for chunk in self.stream.content.iter_any():
                lines = (tail + chunk).split(b"\n")
                tail = lines.pop()
                for line in lines:
                    if line == b"reset":
                        stamps.clear()
                        continue
                    chat, _, stamp = line.partition(b" ")
                    chat_id = int(chat)
                    got = stamps.get(chat_id)
                    if got is None:
                        got = stamps[chat_id] = []
                    got.append(float(stamp))
                    for count, future in waiting.get(chat_id, ()):
                        if len(got) >= count and not future.done():
                            future.set_result(None)
            error: Exception = ConnectionError("the local Bot API closed the call stream")
        except Exception as exc:  # noqa: BLE001 - handed to every waiter
            error = exc
        for waiters in waiting.values():
            for _, future in waiters:
                if not future.done():
                    future.set_exception(error)

    async def test(self, action: str, **params) -> object:
        async with self.http.post(f"{self.api}/_test/{action}", json=params) as resp:
            body = await resp.json(loads=orjson.loads)
        if not body.get("ok"):
            raise RuntimeError(f"{action} {params}: {body.get('description')}")
        return body["result"]

    async def build(self, uid: int, kind: str, text: str) -> dict:
        if kind == "press":  # the local API knows the buttons and registers the callback query
            return await self.test("press", user_id=uid, text=text, queue=False)
        message = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "text": text,
            "from": {"id": uid, "is_bot": False, "first_name": "User", "language_code": "en"},
            "chat": {"id": uid, "type": "private", "first_name": "User"},
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return {"update_id": next(self.update_ids), "message": message}

    async def post(self, update: dict) -> None:
        hook = self.hooks[next(self.hook_turn) % len(self.hooks)]
        async with self.telegram.post(hook, data=orjson.dumps(update), headers=self.hook_headers) as resp:
            if resp.status != 200:
                raise RuntimeError(f"webhook answered {resp.status}")

    async def calls(self, uid: int, count: int, timeout: float = 60) -> list[float]:
        """Once at least `count` calls to the chat have been streamed: their stamps (a copy)."""
        got = self.stamps.get(uid)
        if got is None:
            got = self.stamps[uid] = []
        if len(got) < count:
            if self.reader is None or self.reader.done():
                raise ConnectionError("not subscribed to the call stream")
            loop = asyncio.get_running_loop()
            future = loop.create_future()
            entry = (count, future)
            waiters = self.waiting.setdefault(uid, [])
            waiters.append(entry)
            # A timer rather than asyncio.wait_for: no extra task per wait.
            timer = loop.call_later(
                timeout, _expire, future, f"timed out after {timeout}s waiting for {count} calls to chat {uid}"
            )
            try:
                await future
            finally:
                timer.cancel()
                waiters.remove(entry)
                if not waiters:
                    del self.waiting[uid]
            got = self.stamps.get(uid, [])  # a reset line may have replaced it
        return list(got)

    async def customer(self, uid: int, due) -> None:
        seen = len(await self.calls(uid, 0))
        for index, (kind, text) in enumerate(STEPS):
            at = due(index)
            if at is not None:
                delay = at - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
            try:
                update = await self.build(uid, kind, text)
                posted = time.monotonic()
                await self.post(update)
                stamps = await self.calls(uid, seen + self.expected[index])
            except Exception as exc:  # noqa: BLE001 - counted and reported
                self.errors.append(f"user {uid} step {index} ({text}): {exc}")
                return
            self.first.append(stamps[seen] - posted)
            self.by_step.setdefault(index, []).append(stamps[seen] - posted)
            self.complete.append(stamps[seen + self.expected[index] - 1] - posted)
            seen += self.expected[index]


def _expire(future: asyncio.Future, message: str) -> None:
    if not future.done():
        future.set_exception(TimeoutError(message))


async def calibrate(load: Load, uid: int) -> list[int]:
    """How many calls each step causes (one customer, alone, waiting for quiet after each step)."""
    counts = []
    seen = 0
    for kind, text in STEPS:
        update = await load.build(uid, kind, text)
        await load.post(update)
        stamps = await load.calls(uid, seen + 1, timeout=10)
        while True:
            await asyncio.sleep(0.4)
            again = await load.calls(uid, 0)
            if len(again) == len(stamps):
                break
            stamps = again
        counts.append(len(stamps) - seen)
        seen = len(stamps)
    return counts


async def run_config(args, spec: str, rate: float) -> dict:
    floor = spec == FLOOR
    replicas = 1 if floor else int(spec.split("+", 1)[0])
    db_url = None if floor else await fresh_database(args.database)
    redis_url = args.redis if spec.endswith("+redis") else None
    if redis_url:
        from redis.asyncio import Redis

        client = Redis.from_url(redis_url)
        await client.flushdb()
        await client.aclose()
    api_port = free_port()
    n = args.users
    api_proc = subprocess.Popen(
        [sys.executable, "-m", "devtools.localapi", "--port", str(api_port), "--token", TOKEN, "--users", f"1-{n + 1}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    api = f"http://127.0.0.1:{api_port}"
    procs, hooks = [], []
    try:
        await wait_port(api_port, api_proc, "local Bot API")
        for _ in range(replicas):
            port = free_port()
            hook = f"http://127.0.0.1:{port}/webhook"
            env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "WEBHOOK_", "ADMIN_"))}
            env.update(
                {
                    "BOT_TOKEN": TOKEN,
                    "TELEGRAM_API_URL": api,
                    "WEBHOOK_URL": hook,
                    "WEBHOOK_SECRET": SECRET,
                    "WEBHOOK_HOST": "127.0.0.1",
                    "WEBHOOK_PORT": str(port),
                    "NLU_URL": args.nlu or "http://127.0.0.1:9",
                    "LOG_LEVEL": "WARNING",
                }
            )
            if db_url:
                env["DATABASE_URL"] = db_url
            if redis_url:
                env["REDIS_URL"] = redis_url
            log_path = Path(args.logs) / f"web{len(procs) + 1}.log"
            command = [str(ROOT / "bench" / "floor_bot.py")] if floor else ["-m", "bot", "run", "--role", "web"]
            procs.append(
                subprocess.Popen(
                    [sys.executable, *command], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(log_path, "w")
                )
            )
            hooks.append(hook)
            await wait_port(port, procs[-1], "web replica")
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120)) as http:
            load = Load(http, api, hooks, [])
            await load.subscribe()
            load.expected = await calibrate(load, n + 1)  # also warms every replica up (round-robin)
            users = list(range(1, n + 1))

            start = time.monotonic() + 0.5
            if rate > 0:

                def due_for(uid):
                    return lambda step: start + (step * n + uid - 1) / rate
            else:

                def due_for(uid):
                    return lambda step: None

            await asyncio.sleep(max(0.0, start - time.monotonic()))
            watched = [p.pid for p in procs] + [api_proc.pid]
            cpu_before = [cpu_seconds(pid) for pid in watched] + [time.process_time(), machine_busy_seconds()]
            began = time.monotonic()
            await asyncio.gather(*(load.customer(uid, due_for(uid)) for uid in users))
            wall = time.monotonic() - began
            cpu_after = [cpu_seconds(pid) for pid in watched] + [time.process_time(), machine_busy_seconds()]
            cpu = [after - before for before, after in zip(cpu_before, cpu_after)]
            await load.close()
        memory = [peak_rss_mb(p.pid) for p in procs]
        api_memory = peak_rss_mb(api_proc.pid)
    finally:
        for proc in procs:
            proc.terminate()
        for index, proc in enumerate(procs, 1):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log_text = (Path(args.logs) / f"web{index}.log").read_text()
            if "Traceback" in log_text or "ERROR" in log_text:
                print(f"   replica {index} logged errors: {Path(args.logs) / f'web{index}.log'}")
        api_proc.terminate()
        api_proc.wait(10)
    done = len(load.complete)
    return {
        "replicas": replicas,
        "redis": bool(redis_url),
        "floor": floor,
        "rate": rate,
        "updates": done,
        "wall": wall,
        "throughput": done / wall if wall else 0.0,
        "first_p50": pct(load.first, 50) * 1000,
        "first_p95": pct(load.first, 95) * 1000,
        "complete_p95": pct(load.complete, 95) * 1000,
        "mean_first": statistics.fmean(load.first) * 1000 if load.first else float("nan"),
        "memory": memory,
        "api_memory": api_memory,
        # CPU ms per update: each web replica, the local Bot API, this load generator, the whole machine.
        "cpu_ms": [c * 1000 / done if done else float("nan") for c in cpu],
        "step_p95": [pct(load.by_step.get(i, []), 95) * 1000 for i in range(len(STEPS))],
        "errors": load.errors,
        "calls_per_step": load.expected,
    }


def _spread(values: list[float], spec: str) -> str:
    return f"{format(statistics.median(values), spec)} ({format(min(values), spec)}-{format(max(values), spec)})"


def floor_ratios(results: dict[tuple[str, float], list[dict]], spec: str, rate: float) -> list[float]:
    """Web CPU per update of `spec`'s runs at `rate` over the floor's, round by round."""
    floor = results.get((FLOOR, rate), [])
    return [
        sum(run["cpu_ms"][:-3]) / sum(base["cpu_ms"][:-3])
        for run, base in zip(results.get((spec, rate), []), floor)
        if sum(base["cpu_ms"][:-3]) > 0
    ]


def postgres_answers(url: str) -> str | None:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), timeout=1):
            return None
    except OSError as exc:
        return f"PostgreSQL at {parts.hostname}:{parts.port or 5432} does not answer ({exc})"


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--rates", default="100,200,300,0", help="offered updates/s per run; 0 = as fast as possible")
    parser.add_argument(
        "--replicas",
        default="1,2,2+redis",
        help="web replica counts; +redis: with Redis FSM storage and chat lock; floor: a bare "
        "aiogram bot (bench/floor_bot.py), and each run's CPU per update as a ratio to it",
    )
    parser.add_argument(
        "--database", default=os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    )
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"))
    parser.add_argument(
        "--nlu",
        default=None,
        help="a running Rasa server's URL: free text goes through it (default: none, keyword rules)",
    )
    parser.add_argument("--logs", default=None, help="directory for the replicas' logs (default: a temporary one)")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs of each configuration and rate, interleaved (all configurations once, then "
        "again), with a summary line each: median and range; runs on a shared machine differ",
    )
    args = parser.parse_args()
    if args.logs is None:
        import tempfile

        args.logs = tempfile.mkdtemp(prefix="load_webhook-")
    reason = postgres_answers(args.database)
    if reason:
        print(f"skipped: {reason}; this benchmark needs PostgreSQL (--database)")
        return 0
    print(
        f"{args.users} customers x {len(STEPS)} updates through the webhook on PostgreSQL, "
        f"{'NLU at ' + args.nlu if args.nlu else 'no NLU'}; "
        f"{os.cpu_count()} CPU cores shared by the bot, the local Bot API, PostgreSQL and this load generator"
    )
    failed = False
    plan = [(replicas, float(rate)) for replicas in args.replicas.split(",") for rate in args.rates.split(",")]
    results: dict[tuple[str, float], list[dict]] = {}
    for round_ in range(1, args.repeat + 1):
        if args.repeat > 1:
            print(f"-- round {round_} of {args.repeat}", flush=True)
        for replicas, rate in plan:
            result = await run_config(args, replicas, rate)
            results.setdefault((replicas, rate), []).append(result)
            offered = f"offered {rate:.0f}/s" if rate else "saturation"
            mem = ", ".join(f"{m:.0f}" for m in result["memory"])
            how = " + Redis FSM" if result["redis"] else " on PostgreSQL alone" if result["replicas"] > 1 else ""
            who = "aiogram floor (bare bot, 1 process)" if result["floor"] else f"{result['replicas']} replica(s){how}"
            print(
                f"{who}, {offered}: "
                f"{result['updates']} updates in {result['wall']:.1f} s = {result['throughput']:.0f} updates/s; "
                f"first reply p50 {result['first_p50']:.0f} ms, p95 {result['first_p95']:.0f} ms; "
                f"all replies p95 {result['complete_p95']:.0f} ms; peak RSS per web process {mem} MB "
                f"(local Bot API {result['api_memory']:.0f} MB)",
                flush=True,
            )
            *web_cpu, api_cpu, load_cpu, machine_cpu = result["cpu_ms"]
            print(
                f"   CPU per update: web {' + '.join(f'{c:.2f}' for c in web_cpu)} ms, local Bot API {api_cpu:.2f} ms, "
                f"load generator {load_cpu:.2f} ms, whole machine {machine_cpu:.2f} ms "
                f"(PostgreSQL and the rest: {machine_cpu - sum(result['cpu_ms'][:-1]):.2f} ms)"
            )
            print(
                "   first-reply p95 per step (ms): "
                + ", ".join(f"{text} {ms:.0f}" for (_, text), ms in zip(STEPS, result["step_p95"]))
            )
            if result["errors"]:
                failed = True
                print(f"   {len(result['errors'])} customer(s) failed, e.g. {result['errors'][:3]}")
        for replicas, rate in plan:
            ratios = floor_ratios(results, replicas, rate)
            if replicas != FLOOR and len(ratios) == round_:
                print(
                    f"   {replicas} replica(s), {rate:.0f}/s: web CPU per update {ratios[-1]:.2f} x the aiogram floor's"
                )
    if args.repeat > 1:
        print(f"-- summary of {args.repeat} runs each: median (min-max)")
        for (replicas, rate), runs in results.items():
            offered = f"offered {rate:.0f}/s" if rate else "saturation"
            who = "aiogram floor" if replicas == FLOOR else f"{replicas} replica(s)"
            print(
                f"{who}, {offered}: {_spread([r['throughput'] for r in runs], '.0f')} updates/s; "
                f"first reply p95 {_spread([r['first_p95'] for r in runs], '.0f')} ms; web CPU per update "
                f"{_spread([sum(r['cpu_ms'][:-3]) for r in runs], '.2f')} ms; whole machine "
                f"{_spread([r['cpu_ms'][-1] for r in runs], '.2f')} ms"
            )
        for replicas, rate in results:
            ratios = floor_ratios(results, replicas, rate)
            if replicas != FLOOR and ratios:
                print(
                    f"{replicas} replica(s), {f'offered {rate:.0f}/s' if rate else 'saturation'}: web CPU per update "
                    f"{_spread(ratios, '.2f')} x the aiogram floor's (bare aiogram bot, same server and harness)"
                )
    return 1 if failed else 0


if __name__ == "__main__":
    from bot.process import serve  # on uvloop: this generator's CPU is taken from the bot

    sys.exit(serve(main()))
