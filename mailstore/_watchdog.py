"""Cutting off requests that outlive their time.

A socket timeout bounds each read, not a whole reply: a server that sends one byte
a second keeps every read short and a call busy for hours. The watchdog bounds the
whole exchange instead. A request is watched from the moment it starts going out;
if its reply is not read in full by its deadline, the watchdog shuts the socket
down, the blocked read returns at once, and the transport reports a timeout.

One thread per watchdog, started on first use and ended after a few idle seconds
or by :meth:`Watchdog.close`.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any, Dict, Optional

IDLE_SECONDS = 5.0


class Watch:
    """One watched request: its socket and deadline, and whether it was cut off."""

    __slots__ = ("deadline", "fired", "sock")

    def __init__(self, sock: Any, deadline: float) -> None:
        self.sock = sock
        self.deadline = deadline
        self.fired = False


class Watchdog:
    """Shuts down the sockets of requests still running at their deadline."""

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.Lock())
        self._watched: Dict[int, Watch] = {}
        self._thread: Optional[threading.Thread] = None
        self._wake_at = 0.0
        self._closed = False

    def start(self, sock: Any, seconds: float) -> Watch:
        """Watch ``sock`` for ``seconds`` from now."""
        watch = Watch(sock, time.monotonic() + seconds)
        with self._cond:
            self._watched[id(watch)] = watch
            if self._thread is None:
                self._closed = False
                self._thread = threading.Thread(
                    target=self._run, name="mailstore-watchdog", daemon=True
                )
                self._thread.start()
            elif watch.deadline < self._wake_at:
                self._cond.notify()
        return watch

    def stop(self, watch: Watch) -> bool:
        """Stop watching; True if the deadline had passed and the socket was shut down."""
        with self._cond:
            self._watched.pop(id(watch), None)
            return watch.fired

    def close(self) -> None:
        """End the watchdog's thread (a later :meth:`start` begins a new one)."""
        with self._cond:
            thread, self._thread = self._thread, None
            self._closed = True
            self._cond.notify()
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    def _run(self) -> None:
        me = threading.current_thread()
        idle_since = time.monotonic()
        with self._cond:
            while not self._closed and self._thread is me:
                now = time.monotonic()
                for key, watch in list(self._watched.items()):
                    if watch.deadline <= now:
                        del self._watched[key]
                        watch.fired = True
                        _shut_down(watch.sock)
                if self._watched:
                    idle_since = now
                    self._wake_at = min(w.deadline for w in self._watched.values())
                elif now - idle_since >= IDLE_SECONDS:
                    self._thread = None
                    return
                else:
                    self._wake_at = idle_since + IDLE_SECONDS
                self._cond.wait(max(self._wake_at - now, 0.0))


def _shut_down(sock: Any) -> None:
    """Shut a socket down for both directions (under TLS: the socket beneath)."""
    while sock is not None and not isinstance(sock, socket.socket):
        sock = getattr(sock, "socket", None)  # urllib3's TLS-in-TLS wrapper
    if sock is None:
        return
    try:
        # The plain socket's shutdown: the TLS layer is not touched from this thread.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass
