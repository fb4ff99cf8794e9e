"""What every bot process shares, whichever command started it (`run`, `shell`): the event loop,
the heap after start-up, and the services with the NLU client. `bot.cli` and `bot.shell` both
import it, so neither imports the other's internals."""

from __future__ import annotations

import asyncio
import gc

from bot.config import Settings


def serve(main):
    """Run a main coroutine on uvloop where it is installed (libuv's socket handling costs less
    CPU per request than asyncio's own loop; not measured apart here), else on asyncio's; returns
    its result. Also used by the local Bot API and the load benchmark, which share the cores with
    the bot in benchmarks."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


def settle_heap() -> None:
    """After start-up: the ~170,000 container objects of the imported libraries go to the garbage
    collector's permanent generation, and young collections run less often. Otherwise every
    full collection walks them all, and an update (hundreds of short-lived pydantic and ORM
    objects) triggers several young collections."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


async def make_runtime_services(settings: Settings):
    """The dispatcher's services for a running bot: the database, Redis when set, and the NLU."""
    from bot.app import make_services
    from bot.runtime import make_nlu

    return make_services(settings, nlu=make_nlu(settings))
