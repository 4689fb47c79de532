"""The fault matrix: one scenario per kind of failure, driven by the emulator's faults.

Each scenario builds its own emulator, provokes the failure, asserts the expected
behaviour and returns an :class:`Outcome` (how the call ended, how many invokes of the
function the server received, how long it took). Two rules hold for every scenario:

* the caller ends with the final status, or with an exception that carries the task's
  token (where the client ever received one: a reply that never arrived cannot);
* no invoke is sent twice: the emulator's log shows each function invoked at most once.

Used by ``test_rel_faults.py`` and by ``bench/reliability_report.py``.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterator, List, Optional

import mailstore
from mailstore import errors

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from hostile import (  # noqa: E402
    Certificates,
    ConnectProxy,
    HostileServer,
    response,
    status_body,
)

Status = Dict[str, Any]
TASK = "VerifyStore"  # the long-running function used throughout (store 3: ~70 versions)


@dataclass
class Outcome:
    ends_with: str
    invokes: int
    seconds: float = 0.0


@dataclass
class Scenario:
    id: str
    fault: str
    expected: str
    run: Callable[[Ctx], Outcome]
    main_thread: bool = False  # needs the main thread (signals)


class Ctx:
    """Emulators and clients of one scenario; everything is closed at the end."""

    def __init__(self, data_dir: str) -> None:
        self.data_dir = data_dir
        self._emulators: List[Any] = []
        self._clients: List[Any] = []
        self._servers: List[Any] = []
        self._certs: Optional[Certificates] = None
        self._environ: Dict[str, str] = {}

    def emulator(self, step_interval: float = 0.01, **kw: Any) -> Any:
        from mailstore.emulator import Emulator

        emu = Emulator(data_dir=self.data_dir, step_interval=step_interval, **kw).start()
        self._emulators.append(emu)
        return emu

    def client(self, emu: Any = None, **kw: Any) -> Any:
        if emu is not None:
            kw.setdefault("host", emu.host)
            kw.setdefault("port", emu.port)
            kw.setdefault("caBundle", emu.ca_file)
            if isinstance(emu, HostileServer):  # it answers only what the scenario sends
                kw.setdefault("connect", False)
        # Quiet by default; MAILSTORE_TEST_LOGLEVEL=4 (the secrets rerun) makes them log.
        kw.setdefault("logLevel", int(os.environ.get("MAILSTORE_TEST_LOGLEVEL") or 0))
        with _environment(self._environ):  # the environment is read when a client is made
            c = mailstore.mgmt.ServerClient(**kw)
        self._clients.append(c)
        return c

    def __enter__(self) -> Ctx:
        return self

    def hostile(self, behaviour: Any) -> HostileServer:
        """A misbehaving TLS server (see tests/hostile.py) trusted through ``certs``."""
        server = HostileServer(self.certs, behaviour)
        self._servers.append(server)
        return server

    def proxy(self, **kw: Any) -> ConnectProxy:
        """A CONNECT proxy that the environment names for this scenario's clients."""
        proxy = ConnectProxy(**kw)
        self._servers.append(proxy)
        self._environ.update(HTTPS_PROXY=proxy.url, NO_PROXY="")
        return proxy

    @property
    def certs(self) -> Certificates:
        if self._certs is None:
            self._certs = Certificates(self.data_dir, "hostile")
        return self._certs

    def __exit__(self, *exc: object) -> None:
        for c in self._clients:
            c.close()
        for emu in self._emulators:
            emu.stop()
        for server in self._servers:
            server.close()


# -- helpers ------------------------------------------------------------------------------


@contextmanager
def _environment(values: Dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def hostile_invokes(server: HostileServer, function: str = TASK) -> int:
    """How many invokes of ``function`` a hostile server received."""
    return server.paths().count(f"/api/invoke/{function}")


def invokes(emu: Any, function: str = TASK) -> int:
    """How many invokes of ``function`` the emulator received."""
    return int(emu.stats.requests_by_path.get(f"/api/invoke/{function}", 0))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def at_status(n: int, action: Callable[[Status], Any], seen: Optional[List[Status]] = None):
    """A callback that runs ``action`` when it receives its ``n``-th status."""
    seen = [] if seen is None else seen

    def callback(status: Status) -> None:
        seen.append(status)
        if len(seen) == n:
            action(status)

    return callback


def check_transcript(statuses: List[Status]) -> None:
    """Every log line of a VerifyStore(3) run arrived exactly once and in order."""
    lines = "".join(s.get("logOutput") or "" for s in statuses).split("\r\n")
    assert lines[0] == "Verifying file group #3...", lines[:3]
    assert lines[-2:] == ["Finished. No errors have been found.", ""], lines[-3:]
    assert len(lines) == len(set(lines)), "a log line arrived twice"
    versions = [s["statusVersion"] for s in statuses]
    assert versions == sorted(set(versions)), versions


def expect(exc_type: type, call: Callable[[], Any]) -> BaseException:
    try:
        call()
    except exc_type as exc:
        return exc
    raise AssertionError(f"expected {exc_type.__name__}")


def notes(exc: BaseException) -> str:
    return "\n".join(getattr(exc, "__notes__", []) or [])


def wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def finished_ok(emu: Any, c: Any, status: Status) -> Status:
    """Resume a task from a status (e.g. an exception's) and return its final status."""
    emu.step_interval = 0.002  # let the rest of the task run quickly
    c.deadline = None
    final = c.HandleToken(status)
    assert final["statusCode"] == "succeeded", final
    return final


# -- scenarios ------------------------------------------------------------------------------


def s_refused(ctx: Ctx) -> Outcome:
    port = free_port()
    err = expect(errors.ConnectError, lambda: ctx.client(host="127.0.0.1", port=port, retries=2))
    assert "cannot connect" in str(err) and isinstance(err, ConnectionRefusedError)
    c = ctx.client(host="127.0.0.1", port=port, retries=2, connect=False)
    err = expect(errors.ConnectError, lambda: c.VerifyStore(3))
    assert "cannot connect" in str(err)
    return Outcome("ConnectError when the client is made, and on a call (after 2 retries)", 0)


def s_refused_then_up(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    c = ctx.client(emu, retries=5)
    assert c.GetServerInfo()["statusCode"] == "succeeded"
    emu.stop()
    c.close()  # the pooled connection is gone with the server anyway
    timer = threading.Timer(0.3, emu.start)
    timer.start()
    try:
        final = c.VerifyStore(3)
    finally:
        timer.join()
    assert final["statusCode"] == "succeeded"
    assert invokes(emu) == 1
    return Outcome("final status succeeded (connect retried until the server was back)", 1)


def s_drop_before_read_invoke(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    emu.faults.drop_before_read(TASK)
    c = ctx.client(emu)
    err = expect(errors.ConnectionLostError, lambda: c.VerifyStore(3))
    assert "check the result before calling again" in str(err)
    time.sleep(0.1)
    assert invokes(emu) == 0 and emu.tasks.running() == []
    return Outcome("ConnectionLostError; not resent (nothing ran)", 0)


def s_drop_after_read_invoke(ctx: Ctx) -> Outcome:
    emu = ctx.emulator(step_interval=0.05)
    emu.faults.drop_after_read(TASK)
    c = ctx.client(emu)
    err = expect(errors.ConnectionLostError, lambda: c.VerifyStore(3))
    assert "may have received the request" in str(err)
    time.sleep(0.2)
    assert invokes(emu) == 1, "an invoke that may have reached the server was sent again"
    assert len(emu.tasks.running()) == 1  # the task runs; its token never reached the client
    return Outcome("ConnectionLostError; not resent (the task runs; no reply, no token)", 1)


def _mid_task_recovers(ctx: Ctx, inject: Callable[[Any], Any], **client_kw: Any) -> Outcome:
    emu = ctx.emulator()
    seen: List[Status] = []
    c = ctx.client(emu, callback=at_status(2, lambda s: inject(emu), seen), **client_kw)
    final = c.VerifyStore(3)
    assert final["statusCode"] == "succeeded", final
    check_transcript(seen)
    assert invokes(emu) == 1
    return Outcome("final status succeeded; get-status retried; every log line once", 1)


def s_drop_before_read_status(ctx: Ctx) -> Outcome:
    return _mid_task_recovers(ctx, lambda emu: emu.faults.drop_before_read("get-status"))


def s_drop_after_read_status(ctx: Ctx) -> Outcome:
    return _mid_task_recovers(ctx, lambda emu: emu.faults.drop_after_read("get-status"))


def s_slow_invoke(ctx: Ctx) -> Outcome:
    emu = ctx.emulator(step_interval=0.05)
    emu.faults.latency(1.0, function=TASK, count=1)
    c = ctx.client(emu, readTimeout=0.3)
    started = time.monotonic()
    err = expect(errors.RequestTimeout, lambda: c.VerifyStore(3))
    assert time.monotonic() - started < 0.9
    assert "may still be running on the server" in str(err)
    assert wait_until(lambda: invokes(emu) == 1, 5.0)  # the server acts on it late ...
    time.sleep(0.3)
    assert invokes(emu) == 1  # ... once
    return Outcome("RequestTimeout after readTimeout; not resent (server ran it late, once)", 1)


def s_slow_status_once(ctx: Ctx) -> Outcome:
    return _mid_task_recovers(
        ctx, lambda emu: emu.faults.slow_status(1.0, count=1), readTimeout=0.3, waitTime=100
    )


def s_slow_status_always(ctx: Ctx) -> Outcome:
    emu = ctx.emulator(step_interval=0.05)
    seen: List[Status] = []
    c = ctx.client(
        emu,
        readTimeout=0.3,
        waitTime=100,
        callback=at_status(2, lambda s: emu.faults.slow_status(0.8), seen),
    )
    err = expect(errors.RequestTimeout, lambda: c.VerifyStore(3))
    assert isinstance(err, errors.MailStoreError) and err.token == seen[0]["token"]
    assert emu.stats.requests_by_path["/api/get-status"] >= 4  # 1 + 3 retries of the last poll
    emu.faults.clear()
    c.callback = None
    finished_ok(emu, c, err.status)
    assert invokes(emu) == 1
    return Outcome("RequestTimeout carrying the token (after 3 poll retries); resumable", 1)


def s_http_500_invoke(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    emu.faults.http_error(500, function=TASK)
    c = ctx.client(emu)
    err = expect(errors.ServerError, lambda: c.VerifyStore(3))
    assert err.status_code == 500
    assert invokes(emu) == 1 and emu.tasks.running() == []  # answered, not executed, not resent
    return Outcome("ServerError (HTTP 500, HTML page); not resent", 1)


def s_http_502_status(ctx: Ctx) -> Outcome:
    return _mid_task_recovers(ctx, lambda emu: emu.faults.http_error(502, "get-status", count=2))


def s_http_503_status_always(ctx: Ctx) -> Outcome:
    emu = ctx.emulator(step_interval=0.05)
    seen: List[Status] = []
    c = ctx.client(
        emu, callback=at_status(2, lambda s: emu.faults.http_error(503, "get-status", None), seen)
    )
    err = expect(errors.ServerError, lambda: c.VerifyStore(3))
    assert err.status_code == 503 and err.token == seen[0]["token"]
    emu.faults.clear()
    c.callback = None
    finished_ok(emu, c, err.status)
    assert invokes(emu) == 1
    return Outcome("ServerError (503) carrying the token after 3 poll retries; resumable", 1)


def s_truncated_invoke(ctx: Ctx) -> Outcome:
    emu = ctx.emulator(step_interval=0.05)
    emu.faults.truncated_json(TASK)
    c = ctx.client(emu)
    err = expect(errors.ProtocolError, lambda: c.VerifyStore(3))
    [task] = emu.tasks.running()
    # The half reply that arrived still shows the token in the error's body excerpt.
    assert err.body and task.token in err.body
    assert invokes(emu) == 1
    return Outcome("ProtocolError (truncated JSON); not resent; token visible in err.body", 1)


def s_truncated_status(ctx: Ctx) -> Outcome:
    return _mid_task_recovers(ctx, lambda emu: emu.faults.truncated_json("get-status", count=2))


def s_no_bom(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    emu.faults.no_bom()
    seen: List[Status] = []
    c = ctx.client(emu, callback=seen.append)
    assert c.VerifyStore(3)["statusCode"] == "succeeded"
    check_transcript(seen)
    assert invokes(emu) == 1
    return Outcome("final status succeeded (replies without BOM)", 1)


def s_401_mid_task(ctx: Ctx) -> Outcome:
    emu = ctx.emulator(step_interval=0.05)
    seen: List[Status] = []
    polls: List[int] = []

    def inject(status: Status) -> None:
        polls.append(emu.stats.requests_by_path.get("/api/get-status", 0))
        emu.faults.unauthorized(count=1)

    c = ctx.client(emu, callback=at_status(2, inject, seen))
    err = expect(errors.AuthenticationError, lambda: c.VerifyStore(3))
    assert err.status_code == 401 and err.token == seen[0]["token"]
    assert emu.stats.requests_by_path["/api/get-status"] == polls[0] + 1  # 401: not retried
    c.callback = None
    finished_ok(emu, c, err.status)
    assert invokes(emu) == 1
    return Outcome("AuthenticationError (401) carrying the token; resumable", 1)


def s_expired_token(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    seen: List[Status] = []
    c = ctx.client(emu, callback=at_status(2, lambda s: emu.faults.expire_tokens(), seen))
    err = expect(errors.TokenNotFoundError, lambda: c.VerifyStore(3))
    assert err.status_code == 404 and err.token == seen[0]["token"]
    assert invokes(emu) == 1
    return Outcome("TokenNotFoundError (404) carrying the token", 1)


def s_restart_mid_task(ctx: Ctx) -> Outcome:
    emu = ctx.emulator(step_interval=0.5)
    seen: List[Status] = []
    timers: List[threading.Timer] = []

    def restart_soon(status: Status) -> None:
        timers.append(threading.Timer(0.2, emu.restart))  # while the next long poll waits
        timers[-1].start()

    c = ctx.client(emu, waitTime=5000, callback=at_status(1, restart_soon, seen))
    started = time.monotonic()
    err = expect(errors.TokenNotFoundError, lambda: c.VerifyStore(3))
    for t in timers:
        t.join()
    assert err.token == seen[0]["token"]
    assert time.monotonic() - started < 4
    assert invokes(emu) == 1
    return Outcome("TokenNotFoundError carrying the token (poll retried, task gone)", 1)


def s_restart_between_calls(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    c = ctx.client(emu)
    assert c.GetServerInfo()["statusCode"] == "succeeded"
    emu.restart()  # the pooled keep-alive connection is now dead
    assert c.VerifyStore(3)["statusCode"] == "succeeded"
    assert invokes(emu) == 1
    return Outcome("final status succeeded on a fresh connection", 1)


def s_cancel_during_long_poll(ctx: Ctx) -> Outcome:
    emu = ctx.emulator(step_interval=0.5)
    first = threading.Event()
    seen: List[Status] = []
    result: Dict[str, Any] = {}

    def note(status: Status) -> None:
        seen.append(status)
        first.set()

    c = ctx.client(emu, waitTime=10000, callback=note)

    def run() -> None:
        try:
            result["final"] = c.VerifyStore(3)
        except BaseException as exc:  # noqa: BLE001
            result["error"] = exc

    worker = threading.Thread(target=run)
    worker.start()
    assert first.wait(5)
    time.sleep(0.2)  # the worker now waits in a long poll (up to 10 s)
    started = time.monotonic()
    c.CancelAsync(seen[0])
    worker.join(10)
    took = time.monotonic() - started
    assert "error" not in result, result
    assert result["final"]["statusCode"] == "cancelled", result["final"]
    assert took < 2, took  # the long poll was woken, not waited out
    assert invokes(emu) == 1 and emu.stats.requests_by_path["/api/cancel-async"] == 1
    return Outcome("final status cancelled, the long poll woken at once", 1)


def s_callback_raises(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    seen: List[Status] = []

    def boom(status: Status) -> None:
        raise ValueError("callback failed")

    c = ctx.client(emu, callback=at_status(3, boom, seen))
    err = expect(ValueError, lambda: c.VerifyStore(3))
    token = seen[0]["token"]
    assert token in notes(err), notes(err)  # __notes__ (printed by tracebacks on 3.11+)
    assert emu.stats.requests_by_path.get("/api/cancel-async", 0) == 0  # the task goes on
    c.callback = None
    finished_ok(emu, c, seen[-1])
    assert invokes(emu) == 1
    return Outcome("the callback's exception, with a note naming the token; resumable", 1)


@contextmanager
def sigint(handler: Any) -> Iterator[Callable[[float], None]]:
    """Send SIGINT to ``handler`` inside the block (main thread only).

    Yields ``press(delay)``, which sends SIGINT to this process after ``delay``
    seconds; presses still pending at the end are stopped.
    """
    if threading.current_thread() is not threading.main_thread():
        raise RuntimeError("this scenario needs the main thread")
    timers: List[threading.Timer] = []

    def press(delay: float) -> None:
        timers.append(threading.Timer(delay, os.kill, (os.getpid(), signal.SIGINT)))
        timers[-1].start()

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield press
    finally:
        for t in timers:
            t.cancel()
            t.join()
        signal.signal(signal.SIGINT, previous)


def _ctrl_c(ctx: Ctx, cancel_fails: bool) -> Outcome:
    emu = ctx.emulator(step_interval=0.5)
    if cancel_fails:
        emu.faults.http_error(500, "cancel-async")
    armed = threading.Event()

    def on_sigint(signum: int, frame: Any) -> None:
        if armed.is_set():
            armed.clear()
            raise KeyboardInterrupt

    seen: List[Status] = []
    with sigint(on_sigint) as press:

        def press_ctrl_c_soon(status: Status) -> None:
            armed.set()
            press(0.3)

        c = ctx.client(emu, waitTime=5000, callback=at_status(1, press_ctrl_c_soon, seen))
        started = time.monotonic()
        err = expect(KeyboardInterrupt, lambda: c.VerifyStore(3))
        took = time.monotonic() - started
    token = seen[0]["token"]
    assert took < 3, took  # interrupted inside the long poll
    cancels = emu.stats.calls("cancel-async")
    assert cancels == [{"token": token}], cancels
    assert token in notes(err), "the KeyboardInterrupt should name the task's token"
    emu.step_interval = 0.002
    checker = ctx.client(emu, autoHandleToken=False)
    final = checker.HandleToken(seen[0])
    assert invokes(emu) == 1
    if cancel_fails:
        emu.faults.clear()
        assert final["statusCode"] == "succeeded"  # not cancelled: the caller has the token
        return Outcome("KeyboardInterrupt naming the token; the failed cancel is logged", 1)
    assert final["statusCode"] == "cancelled", final
    return Outcome("KeyboardInterrupt after cancel-async (once); task ends cancelled", 1)


def s_ctrl_c(ctx: Ctx) -> Outcome:
    return _ctrl_c(ctx, cancel_fails=False)


def s_ctrl_c_cancel_fails(ctx: Ctx) -> Outcome:
    return _ctrl_c(ctx, cancel_fails=True)


def s_ctrl_c_during_invoke(ctx: Ctx) -> Outcome:
    emu = ctx.emulator(step_interval=0.5)
    emu.faults.latency(1.0, "VerifyStore", count=1)  # the task starts; its reply is late
    with sigint(signal.default_int_handler) as press:
        c = ctx.client(emu)
        press(0.3)
        err = expect(KeyboardInterrupt, lambda: c.VerifyStore(3))
    cancels = emu.stats.calls("cancel-async")
    assert len(cancels) == 1, cancels
    token = cancels[0]["token"]
    assert token in notes(err), "the KeyboardInterrupt should name the task's token"
    assert invokes(emu) == 1 and not emu.stats.calls("get-status")
    emu.step_interval = 0.002
    final = ctx.client(emu).HandleToken(
        {"token": token, "statusVersion": 0, "statusCode": "running"}
    )
    assert final["statusCode"] == "cancelled", final
    return Outcome("KeyboardInterrupt once the reply was in; the task it started cancelled", 1)


def s_deadline_slow_server(ctx: Ctx) -> Outcome:
    emu = ctx.emulator(step_interval=0.05)
    emu.faults.slow_status(0.3)
    c = ctx.client(emu, deadline=0.5)
    started = time.monotonic()
    err = expect(errors.TaskDeadlineError, lambda: c.VerifyStore(3))
    took = time.monotonic() - started
    assert err.token and err.status["statusCode"] == "running"
    assert took < 0.5 + 0.3 + 0.5, took  # overshoot bounded by one slow poll
    emu.faults.clear()
    finished_ok(emu, c, err.status)
    assert invokes(emu) == 1
    return Outcome("TaskDeadlineError carrying the token; resumable", 1)


def s_401_invoke(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    emu.faults.unauthorized(count=1, function=TASK)
    c = ctx.client(emu)
    err = expect(errors.AuthenticationError, lambda: c.VerifyStore(3))
    assert err.status_code == 401 and "admin" not in (err.body or "")
    assert invokes(emu) == 1 and emu.tasks.running() == []  # refused, not run, not resent
    assert c.VerifyStore(3)["statusCode"] == "succeeded"  # the next call is fine
    return Outcome("AuthenticationError (401); not resent; nothing ran", 1)


def s_metadata_reset(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    emu.faults.drop_after_read("get-metadata")
    c = ctx.client(emu)  # get-metadata is the client's first request
    assert any(f["name"] == TASK for f in c.metadata)
    assert emu.stats.requests_by_path["/api/get-metadata"] == 2  # idempotent: retried once
    return Outcome("the client is made (get-metadata retried once)", 0)


def s_proxy_wrong_pin(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    tunnel = ctx.proxy()
    c = ctx.client(host=emu.host, port=emu.port, fingerprint="ab" * 32, retries=0, connect=False)
    err = expect(errors.TLSError, lambda: c.VerifyStore(3))
    assert "does not match the pinned fingerprint" in str(err)
    assert tunnel.connects == [f"{emu.host}:{emu.port}"]  # it went through the proxy ...
    assert invokes(emu) == 0  # ... and was refused there
    return Outcome("TLSError through the proxy; nothing sent", 0)


def s_proxy_man_in_the_middle(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    mitm = ctx.proxy(mitm=Certificates(ctx.data_dir, "mitm"))
    c = ctx.client(
        host=emu.host, port=emu.port, fingerprint=emu.fingerprint, retries=0, connect=False
    )
    expect(errors.TLSError, lambda: c.VerifyStore(3))
    assert mitm.intercepted == [] and invokes(emu) == 0  # no request, no password reached it
    return Outcome("TLSError; the man in the middle saw no request", 0)


def _retrying_session(**retry: Any) -> Any:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    session = requests.Session()
    session.mount("https://", HTTPAdapter(max_retries=Retry(backoff_factor=0, **retry)))
    return session


def s_retrying_session_reset(ctx: Ctx) -> Outcome:
    emu = ctx.emulator(step_interval=0.05)
    emu.faults.drop_after_read(TASK, count=None)
    session = _retrying_session(total=3, allowed_methods=None)
    c = ctx.client(emu, session=session)
    err = expect(errors.ConnectionLostError, lambda: c.VerifyStore(3))
    assert "check the result before calling again" in str(err)
    time.sleep(0.2)
    assert invokes(emu) == 1, "the session's adapter sent the invoke again"
    return Outcome("ConnectionLostError; the adapter's retries could not resend it", 1)


def s_retrying_session_503(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    emu.faults.http_error(503, function=TASK, count=None)
    session = _retrying_session(total=3, allowed_methods=None, status_forcelist=[503])
    c = ctx.client(emu, session=session)
    expect(errors.MailStoreError, lambda: c.VerifyStore(3))
    assert invokes(emu) == 1, "the session's adapter sent the invoke again"
    return Outcome("an error; the adapter's status retries could not resend it", 1)


def s_dripped_reply(ctx: Ctx) -> Outcome:
    reply = response(status_body())
    server = ctx.hostile(HostileServer.drip(reply, 0.05))  # about 9 s for the whole reply
    c = ctx.client(server, readTimeout=0.5)
    started = time.monotonic()
    expect(errors.RequestTimeout, lambda: c.VerifyStore(3))
    took = time.monotonic() - started
    assert took < 1.3, took
    assert hostile_invokes(server) == 1
    return Outcome("RequestTimeout at readTimeout (0.5 s); not resent", 1, took)


def s_dripped_poll_deadline(ctx: Ctx) -> Outcome:
    server = ctx.hostile(HostileServer.task_with_dripped_polls("t-drip"))
    c = ctx.client(server, readTimeout=30, deadline=1.0)
    started = time.monotonic()
    err = expect(errors.TaskDeadlineError, lambda: c.VerifyStore(3))
    took = time.monotonic() - started
    assert err.token == "t-drip" and took < 1.8, took
    assert hostile_invokes(server) == 1
    return Outcome("TaskDeadlineError at the deadline, with the token", 1, took)


def s_gigabyte_reply(ctx: Ctx) -> Outcome:
    server = ctx.hostile(None)
    server.behaviour = server.flood(1 << 30, chunked=True)
    c = ctx.client(server, maxReplyBytes=16 << 20)
    err = expect(errors.ReplyTooLargeError, lambda: c.VerifyStore(3))
    assert "maxReplyBytes" in str(err) and server.bytes_sent < 64 << 20
    assert hostile_invokes(server) == 1
    return Outcome("ReplyTooLargeError after 16 MiB; not resent", 1)


def s_deep_json(ctx: Ctx) -> Outcome:
    server = ctx.hostile(HostileServer.reply(b"[" * 100_000 + b"]" * 100_000))
    c = ctx.client(server)
    err = expect(errors.ProtocolError, lambda: c.VerifyStore(3))
    assert "nested too deeply" in str(err)
    assert hostile_invokes(server) == 1
    return Outcome("ProtocolError; not resent", 1)


def s_absurd_settings(ctx: Ctx) -> Outcome:
    server = ctx.hostile(HostileServer.reply(status_body()))
    for option in ({"readTimeout": float("inf")}, {"connectTimeout": float("nan")}):
        try:
            ctx.client(server, **option)
        except errors.ArgumentError:
            continue
        raise AssertionError(f"{option} was accepted")
    assert server.requests == []
    return Outcome("ArgumentError before anything is sent", 0)


def s_explicit_beats_environment(ctx: Ctx) -> Outcome:
    emu = ctx.emulator()
    ctx._environ.update(MAILSTORE_FINGERPRINT="ab" * 32)  # a wrong pin in the environment
    c = ctx.client(emu)  # caBundle= given: the environment's TLS settings are not read
    assert c.VerifyStore(3)["statusCode"] == "succeeded"
    assert invokes(emu) == 1
    return Outcome("caBundle= wins over MAILSTORE_FINGERPRINT; final status", 1)


def s_secrets_in_json_arguments(ctx: Ctx) -> Outcome:
    import io
    import logging

    emu = ctx.emulator()
    c = ctx.client(emu, logLevel=None)
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    logger = logging.getLogger("mailstore")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    secrets = {"accessToken": "tok-4711x", "bindPwd": "pwd-4711x", "pin": "pin-4711x"}
    try:
        c.SetDirectoryServicesConfiguration({"type": "ldap", "nested": {"deeper": secrets}})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    shown = out.getvalue()
    assert "SetDirectoryServicesConfiguration" in shown
    assert not any(value in shown for value in secrets.values()), shown
    calls = emu.stats.requests_by_path.get("/api/invoke/SetDirectoryServicesConfiguration")
    assert calls == 1
    return Outcome("logged at DEBUG with every secret masked; sent once", 1)


SCENARIOS: List[Scenario] = [
    Scenario(
        "refused",
        "nothing listens on the port",
        "ConnectError after the connect retries",
        s_refused,
    ),
    Scenario(
        "refused-then-up",
        "server down, back after 0.3 s",
        "connect retried; the call succeeds; one invoke",
        s_refused_then_up,
    ),
    Scenario(
        "reset-before-read-invoke",
        "drop_before_read on the invoke",
        "ConnectionLostError; not resent",
        s_drop_before_read_invoke,
    ),
    Scenario(
        "reset-after-read-invoke",
        "drop_after_read on the invoke (task started)",
        "ConnectionLostError; never resent",
        s_drop_after_read_invoke,
    ),
    Scenario(
        "reset-before-read-status",
        "drop_before_read on one get-status",
        "poll retried; final status",
        s_drop_before_read_status,
    ),
    Scenario(
        "reset-after-read-status",
        "drop_after_read on one get-status",
        "poll retried; final status, no log line lost or doubled",
        s_drop_after_read_status,
    ),
    Scenario(
        "slow-invoke",
        "invoke answered 1 s late, readTimeout 0.3 s",
        "RequestTimeout; not resent",
        s_slow_invoke,
    ),
    Scenario(
        "slow-status-once",
        "one get-status 1 s late, readTimeout 0.3 s",
        "poll retried; final status",
        s_slow_status_once,
    ),
    Scenario(
        "slow-status-always",
        "every get-status late",
        "RequestTimeout with the token; resumable",
        s_slow_status_always,
    ),
    Scenario(
        "html-500-invoke",
        "HTTP 500 HTML page on the invoke",
        "ServerError; not resent",
        s_http_500_invoke,
    ),
    Scenario(
        "html-502-status",
        "HTTP 502 HTML page on two get-status",
        "polls retried; final status",
        s_http_502_status,
    ),
    Scenario(
        "html-503-status-always",
        "HTTP 503 on every get-status",
        "ServerError with the token; resumable",
        s_http_503_status_always,
    ),
    Scenario(
        "truncated-invoke",
        "truncated JSON reply to the invoke",
        "ProtocolError; not resent",
        s_truncated_invoke,
    ),
    Scenario(
        "truncated-status",
        "truncated JSON on two get-status",
        "polls retried; final status",
        s_truncated_status,
    ),
    Scenario("no-bom", "replies without UTF-8 BOM", "final status", s_no_bom),
    Scenario(
        "401-mid-task",
        "HTTP 401 on a get-status mid-task",
        "AuthenticationError with the token; resumable",
        s_401_mid_task,
    ),
    Scenario(
        "expired-token",
        "tokens expire mid-task",
        "TokenNotFoundError with the token",
        s_expired_token,
    ),
    Scenario(
        "restart-mid-task",
        "server restart during a long poll",
        "TokenNotFoundError with the token",
        s_restart_mid_task,
    ),
    Scenario(
        "restart-between-calls",
        "server restart between two calls (stale keep-alive)",
        "the next call succeeds; one invoke",
        s_restart_between_calls,
    ),
    Scenario(
        "cancel-during-long-poll",
        "CancelAsync from another thread during a 10 s long poll",
        "final status cancelled at once",
        s_cancel_during_long_poll,
    ),
    Scenario(
        "callback-raises",
        "the callback raises at the 3rd status",
        "the exception propagates, noted with the token",
        s_callback_raises,
    ),
    Scenario(
        "ctrl-c",
        "SIGINT during a long poll",
        "cancel-async once, KeyboardInterrupt re-raised",
        s_ctrl_c,
        main_thread=True,
    ),
    Scenario(
        "ctrl-c-cancel-fails",
        "SIGINT during a long poll, cancel-async answers 500",
        "KeyboardInterrupt naming the token",
        s_ctrl_c_cancel_fails,
        main_thread=True,
    ),
    Scenario(
        "ctrl-c-during-invoke",
        "SIGINT while the invoke of a task waits for its reply",
        "the task's token is not lost: the task is cancelled",
        s_ctrl_c_during_invoke,
        main_thread=True,
    ),
    Scenario(
        "deadline-slow-server",
        "client deadline 0.5 s, get-status 0.3 s late",
        "TaskDeadlineError with the token; resumable",
        s_deadline_slow_server,
    ),
    Scenario(
        "401-invoke",
        "HTTP 401 on the invoke",
        "AuthenticationError; not resent",
        s_401_invoke,
    ),
    Scenario(
        "reset-after-read-metadata",
        "drop_after_read on get-metadata",
        "retried (idempotent); the list",
        s_metadata_reset,
    ),
    Scenario(
        "proxy-wrong-pin",
        "HTTPS_PROXY set, a wrong pin",
        "TLSError through the proxy; nothing sent",
        s_proxy_wrong_pin,
    ),
    Scenario(
        "proxy-man-in-the-middle",
        "a proxy that answers the TLS handshake itself",
        "TLSError; no request reaches it",
        s_proxy_man_in_the_middle,
    ),
    Scenario(
        "retrying-session-reset",
        "a caller's session retrying POSTs; the invoke runs, then the connection drops",
        "ConnectionLostError; one invoke",
        s_retrying_session_reset,
    ),
    Scenario(
        "retrying-session-503",
        "a caller's session retrying on 503; the invoke answers 503",
        "an error; one invoke",
        s_retrying_session_503,
    ),
    Scenario(
        "dripped-reply",
        "the reply sent one byte every 50 ms, readTimeout 0.5 s",
        "RequestTimeout at 0.5 s; not resent",
        s_dripped_reply,
    ),
    Scenario(
        "dripped-poll-deadline",
        "each get-status dripped, deadline 1 s",
        "TaskDeadlineError at 1 s with the token",
        s_dripped_poll_deadline,
    ),
    Scenario(
        "gigabyte-reply",
        "a 1 GiB chunked reply, maxReplyBytes 16 MiB",
        "ReplyTooLargeError; reading stops",
        s_gigabyte_reply,
    ),
    Scenario(
        "deep-json",
        "JSON nested 100,000 deep",
        "ProtocolError",
        s_deep_json,
    ),
    Scenario(
        "absurd-settings",
        "readTimeout=inf, connectTimeout=nan",
        "ArgumentError; nothing sent",
        s_absurd_settings,
    ),
    Scenario(
        "explicit-beats-environment",
        "caBundle= given, a wrong MAILSTORE_FINGERPRINT set",
        "the argument wins; final status",
        s_explicit_beats_environment,
    ),
    Scenario(
        "secrets-in-json-arguments",
        "accessToken, bindPwd, pin nested in a JSON argument, DEBUG logging",
        "every secret masked in the log; one invoke",
        s_secrets_in_json_arguments,
    ),
]


def run(scenario: Scenario, data_dir: str) -> Outcome:
    """Run one scenario in its own context; returns its outcome (assertions raise)."""
    with Ctx(data_dir) as ctx:
        started = time.monotonic()
        outcome = scenario.run(ctx)
        if not outcome.seconds:
            outcome.seconds = time.monotonic() - started
        return outcome
