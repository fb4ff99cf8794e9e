"""`python -m bot run --role api`: the integration API served by uvicorn inside the bot's event loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.config import ConfigError

log = logging.getLogger(__name__)


class ApiServer:
    """A uvicorn Server on API_HOST:API_PORT as a task of the running loop; `stop()` ends it."""

    def __init__(self, services) -> None:
        import uvicorn

        from bot.api.app import create_app

        settings = services.settings
        self.app = create_app(services)
        config = uvicorn.Config(
            self.app,
            host=settings.api_host,
            port=settings.api_port,
            loop="none",  # the bot's loop (uvloop where installed), already running
            lifespan="off",
            log_config=None,  # the bot's logging
            access_log=False,  # every call is in the audit log
            proxy_headers=True,
        )
        self.server = uvicorn.Server(config)
        # The bot's process handles SIGINT/SIGTERM; uvicorn must not take them over.
        self.server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign]
        self.task: asyncio.Task | None = None

    async def start(self) -> None:
        self.task = asyncio.create_task(self._serve(), name="api-server")
        while not self.server.started:
            if self.task.done():
                # uvicorn logs why (e.g. the port is taken) and exits; say which setting to look at.
                raise ConfigError(
                    f"configuration error: API_HOST/API_PORT: the integration API could not listen on "
                    f"{self.server.config.host}:{self.server.config.port} (see the log above)"
                )
            await asyncio.sleep(0.05)
        log.info("integration API on http://%s:%s/v1", self.server.config.host, self.server.config.port)

    async def _serve(self) -> None:
        try:
            await self.server.serve()
        except SystemExit:  # uvicorn's way to fail at start-up: a task must not end the loop with it
            log.error("the integration API server could not start")

    async def stop(self) -> None:
        self.server.should_exit = True
        if self.task is not None:
            try:
                await asyncio.wait_for(self.task, timeout=10)
            except (TimeoutError, asyncio.CancelledError):
                self.task.cancel()
        await self.app.state.limiter.close()


async def start_api(services) -> ApiServer:
    server = ApiServer(services)
    await server.start()
    return server
