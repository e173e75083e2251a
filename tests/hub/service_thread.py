"""The exchange service run in a thread of the test process, signed in through a fixed token table."""
from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from servers import free_port

from course.hub.exchange_service import DEFAULT_PREFIX, StaticIdentity, listen, make_app


class ServiceThread:
    """``make_app`` on a free port of 127.0.0.1 until :meth:`stop`; ``url`` ends with the service prefix."""

    def __init__(self, layout, users: dict[str, tuple[str, list[str]]] | None = None, database: Path | None = None,
                 authenticate=None, also=None):
        """``users``: the token table; or ``authenticate`` (e.g. a HubIdentity); ``also``: another tornado
        application served beside it on a port of its own (``also_port``)."""
        self.port, self.also_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}{DEFAULT_PREFIX}"
        self.app = make_app(layout, authenticate or StaticIdentity(users or {}), database=database)
        self.also = also
        self._ready, self._failed = threading.Event(), None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(30)
        if self._failed:
            raise self._failed

    def _run(self) -> None:
        async def serve():
            self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
            try:
                server = listen(self.app, self.port)
                if self.also is not None:
                    self.also.listen(self.also_port, "127.0.0.1")
            except Exception as error:  # noqa: BLE001 - reported to the test that started it
                self._failed = error
                self._ready.set()
                return
            self._ready.set()
            await self._stop.wait()
            server.stop()
        asyncio.run(serve())

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)
        self.app.settings["exchange"].seen.close()
