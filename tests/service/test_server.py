"""Several workers share one listening socket that says it is TCP, so the connections it accepts
get ``TCP_NODELAY`` from asyncio (without it each keep-alive response waits ~40 ms)."""

from __future__ import annotations

import asyncio
import socket

import uvicorn

from bundlekg.service.server import APP, _tcp_listener


def test_the_shared_listener_is_tcp_and_its_connections_get_nodelay() -> None:
    config = uvicorn.Config(APP, factory=True, host="127.0.0.1", port=0, workers=2)
    listener = _tcp_listener(config)
    seen: list[int] = []

    async def accept_one() -> None:
        def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            sock = writer.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(connected, sock=listener)
        async with server:
            host, port = listener.getsockname()[:2]
            _, writer = await asyncio.open_connection(host, port)
            for _ in range(100):
                if seen:
                    break
                await asyncio.sleep(0.01)
            writer.close()
            await writer.wait_closed()

    try:
        assert listener.proto == socket.IPPROTO_TCP
        asyncio.run(accept_one())
        assert seen and seen[0] != 0
    finally:
        listener.close()
