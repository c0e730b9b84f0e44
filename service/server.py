"""Running the service under uvicorn, in one process or several.

With several workers uvicorn binds the listening socket itself and hands it to each worker. That
socket is made without naming its protocol, so the connections it accepts do not say they are TCP
and asyncio leaves Nagle's algorithm on for them: every keep-alive response after the first then
waits for the client's delayed ACK, about 40 ms on Linux (uvicorn issue #3149). The listener is
relabelled as TCP here before the workers start, so accepted connections get ``TCP_NODELAY`` as
they do with one worker.
"""

from __future__ import annotations

import socket

import uvicorn
from uvicorn.supervisors import Multiprocess

__all__ = ["run"]

APP = "bundlekg.service.app:app_from_env"


def _tcp_listener(config: uvicorn.Config) -> socket.socket:
    bound = config.bind_socket()
    listener = socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())
    listener.set_inheritable(True)
    return listener


def run(host: str, port: int, workers: int = 1) -> None:
    """Serve the app from the environment's settings on ``host:port`` with ``workers`` processes."""
    config = uvicorn.Config(
        APP, factory=True, host=host, port=port, workers=workers, log_level="info"
    )
    if workers == 1:
        uvicorn.Server(config).run()
        return
    try:
        Multiprocess(config, sockets=[_tcp_listener(config)]).run()
    except KeyboardInterrupt:
        pass
