"""The withdrawal spool of webhook mode (bot/spool.py): durable, replayed until stored, one
replayer at a time, nothing dropped when the database is still away."""

import fcntl
import os

from bot.spool import WithdrawalSpool


async def test_replay_keeps_what_is_not_stored_and_stores_it_later(tmp_path):
    spool = WithdrawalSpool(tmp_path / "spool")
    for uid in (1, 2, 3):
        spool.append({"update_id": uid, "message": {"text": "/stop"}})
    assert oct(os.stat(spool.path).st_mode & 0o777) == "0o600"
    fed = []

    async def database_down_after_first(update):
        if fed:
            raise ConnectionRefusedError("database down")
        fed.append(update["update_id"])

    assert await spool.replay(database_down_after_first) == 1
    assert fed == [1]
    assert [line.count('"update_id"') for line in spool.path.read_text().splitlines()] == [1, 1]
    assert spool.pending()

    stored = []

    async def database_up(update):
        stored.append(update["update_id"])

    assert await spool.replay(database_up) == 2
    assert sorted(stored) == [2, 3] and not spool.pending()
    assert await spool.replay(database_up) == 0


async def test_one_replayer_at_a_time_and_a_crashed_replay_is_taken_up(tmp_path):
    spool = WithdrawalSpool(tmp_path)
    spool.append({"update_id": 7})
    fd = os.open(tmp_path / ".lock", os.O_WRONLY | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # another process is replaying

    async def feed(update):
        raise AssertionError("must not run while another process replays")

    try:
        assert await spool.replay(feed) == 0
    finally:
        os.close(fd)
    os.replace(spool.path, tmp_path / "withdrawals.jsonl.999-0.replaying")  # a replay that died midway
    seen = []

    async def record(update):
        seen.append(update["update_id"])

    assert await spool.replay(record) == 1 and seen == [7] and not spool.pending()
