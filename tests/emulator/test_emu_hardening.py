"""The emulator under hostile or broken clients, over raw sockets: what it reads, how long it
waits, what it logs, and how it behaves without free file descriptors."""

from __future__ import annotations

import socket
import ssl
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from emu_helpers import ApiClient, basic, connect, decode, read_reply

from mailstore.emulator import Emulator
from mailstore.emulator.logs import printable

GOOD_AUTH = f"Authorization: {basic('admin', 'admin')}\r\n".encode()
BAD_AUTH = f"Authorization: {basic('admin', 'wrong')}\r\n".encode()


def exchange(srv: Emulator, data: bytes) -> bytes:
    with connect(srv) as tls:
        tls.sendall(data)
        return read_reply(tls)


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the peer has closed ``sock``; waits for the socket's (short) timeout."""
    try:
        return sock.recv(1) == b""
    except socket.timeout:
        return False
    except OSError:  # reset, or a TLS end without close_notify
        return True


def seconds_until_closed(sock: socket.socket, drip: bytes = b"", limit: float = 3.0) -> float:
    """Send ``drip`` one byte per 0.1 s (or nothing) until the server closes ``sock``."""
    sock.settimeout(0.1)
    started = time.monotonic()
    position = 0
    while time.monotonic() - started < limit:
        if position < len(drip):
            try:
                sock.sendall(drip[position : position + 1])
            except OSError:
                break
            position += 1
        if closed_by_server(sock):
            break
    return time.monotonic() - started


# -- the body is read only after authentication -----------------------------------------------


@pytest.mark.parametrize(
    "body_headers",
    [
        b"Content-Length: 1000000\r\n",
        b"Transfer-Encoding: chunked\r\n",
        b"Content-Length: 1000000\r\nExpect: 100-continue\r\n",
    ],
)
def test_an_unauthenticated_body_is_never_read(srv: Emulator, body_headers: bytes) -> None:
    head = b"POST /api/invoke/GetServerInfo HTTP/1.1\r\nHost: x\r\n" + BAD_AUTH + body_headers
    started = time.monotonic()
    reply = exchange(srv, head + b"\r\n" + b"userName=a")  # the announced body never comes
    assert time.monotonic() - started < 2.0
    assert reply.startswith(b"HTTP/1.1 401 Unauthorized\r\n"), reply[:80]
    assert b"100 Continue" not in reply
    assert b"Connection: close\r\n" in reply
    assert srv.stats.calls("GetServerInfo") == [{}]  # counted, arguments unread


def test_a_refused_request_without_a_body_keeps_the_connection(srv: Emulator) -> None:
    client = ApiClient(srv, "admin", "wrong")
    try:
        assert client.post("/api/invoke/GetServerInfo").status == 401
        assert client.raw("/api/invoke/GetServerInfo", auth=basic("admin", "admin")).status == 200
    finally:
        client.close()
    assert srv.stats.connections == 1


# -- chunk sizes and content lengths ----------------------------------------------------------


def chunked(first_line: bytes) -> bytes:
    return (
        b"POST /api/invoke/GetUserInfo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + GOOD_AUTH
        + b"Transfer-Encoding: chunked\r\n\r\n"
        + first_line
        + b"\r\nuserName=anna.schmidt\r\n0\r\n\r\n"
    )


@pytest.mark.parametrize(
    "size", [b"-1", b"+15", b"0x15", b"1_5", b" 15", b"", b"zz", b"1" * 9, b"-0"]
)
def test_malformed_chunk_sizes_are_refused(srv: Emulator, size: bytes) -> None:
    started = time.monotonic()
    reply = exchange(srv, chunked(size))
    assert time.monotonic() - started < 2.0
    assert reply.startswith(b"HTTP/1.1 400 Bad Request\r\n"), reply[:80]


def test_a_chunk_longer_than_its_size_is_refused(srv: Emulator) -> None:
    assert exchange(srv, chunked(b"5")).startswith(b"HTTP/1.1 400 Bad Request\r\n")


def test_a_well_formed_chunked_body_still_works(srv: Emulator) -> None:
    reply = exchange(srv, chunked(b"15;name=value"))
    head, _, payload = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK")
    assert decode(payload)["result"]["userName"] == "anna.schmidt"


@pytest.mark.parametrize("length", [b"+5", b"\xb2", b"0x10", b"5, 5"])
def test_malformed_content_lengths_are_refused(srv: Emulator, length: bytes) -> None:
    request = (
        b"POST /api/invoke/GetServerInfo HTTP/1.1\r\nHost: x\r\n"
        + GOOD_AUTH
        + b"Content-Length: "
        + length
        + b"\r\n\r\nabcde"
    )
    assert exchange(srv, request).startswith(b"HTTP/1.1 400 Bad Request\r\n")


# -- half-sent requests and handshakes are cut off --------------------------------------------


def test_a_dripping_request_head_is_cut_off(srv: Emulator) -> None:
    srv.request_timeout = 0.3
    with connect(srv) as tls:
        tls.sendall(b"POST /api/invoke/GetServerInfo HTTP/1.1\r\n")
        assert seconds_until_closed(tls, drip=b"X-Slow: " + b"x" * 100) < 2.0


def test_a_stalled_request_body_is_cut_off(srv: Emulator) -> None:
    srv.request_timeout = 0.3
    with connect(srv) as tls:
        tls.sendall(
            b"POST /api/invoke/GetUserInfo HTTP/1.1\r\nHost: x\r\n"
            + GOOD_AUTH
            + b"Content-Length: 50\r\n\r\nuserName="
        )
        assert seconds_until_closed(tls) < 2.0


def test_a_dripping_tls_handshake_is_cut_off(srv: Emulator) -> None:
    srv.request_timeout = 0.3
    context = ssl.create_default_context(cafile=srv.ca_file)
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = context.wrap_bio(incoming, outgoing, server_hostname="127.0.0.1")
    with pytest.raises(ssl.SSLWantReadError):
        tls.do_handshake()
    client_hello = outgoing.read()
    with socket.create_connection(("127.0.0.1", srv.port), timeout=3) as sock:
        assert seconds_until_closed(sock, drip=client_hello) < 2.0


def test_an_idle_keep_alive_connection_is_not_cut_off(srv: Emulator, api: ApiClient) -> None:
    srv.request_timeout = 0.2
    assert api.post("/api/invoke/GetServerInfo").status == 200
    time.sleep(0.6)  # idle between requests: longer than a request may take
    assert api.post("/api/invoke/GetServerInfo").status == 200
    assert srv.stats.connections == 1


# -- log lines ---------------------------------------------------------------------------------


def test_control_characters_cannot_forge_log_lines(
    srv: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    srv.verbose = True
    forged = "127.0.0.1%20POST%20/api/invoke/Forged%20200%201.0%20ms"
    request = (
        (
            f"POST /api/invoke/X%0d%0a{forged}%1b[2J HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            "Content-Length: 0\r\n"
        ).encode()
        + GOOD_AUTH
        + b"\r\n"
    )
    assert exchange(srv, request).startswith(b"HTTP/1.1 404")
    srv.verbose = False
    lines = capsys.readouterr().err.splitlines()
    assert not [line for line in lines if line.startswith("127.0.0.1 POST /api/invoke/Forged")]
    (logged,) = [line for line in lines if "/api/invoke/X" in line]
    assert "X\\x0d\\x0a127.0.0.1 POST /api/invoke/Forged 200 1.0 ms\\x1b[2J 404 " in logged


def test_printable_escapes_every_control_character() -> None:
    assert (
        printable("a\r\nb\tc\x1b[0m\x7f\x85\u2028ü")
        == "a\\x0d\\x0ab\\x09c\\x1b[0m\\x7f\\x85\\u2028ü"
    )


# -- out of file descriptors --------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import os, resource, sys, time
    from mailstore.emulator import Emulator

    emulator = Emulator(data_dir=sys.argv[1]).start()
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, hard), hard))
    fillers = []
    try:
        while True:
            fillers.append(os.open(os.devnull, os.O_RDONLY))
    except OSError:
        pass
    print(emulator.port, flush=True)
    sys.stdin.readline()  # a client waits in the listen queue: every accept fails now
    started = time.process_time()
    time.sleep(0.6)
    print(time.process_time() - started, flush=True)
    for fd in fillers:
        os.close(fd)
    sys.stdin.readline()
    emulator.stop()
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="needs resource.setrlimit")
def test_no_busy_loop_without_free_file_descriptors(mailstore_emulator_data_dir: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(mailstore_emulator_data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        port = int(child.stdout.readline())
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            child.stdin.write("connected\n")
            child.stdin.flush()
            cpu_seconds = float(child.stdout.readline())
            # With descriptors free again the waiting client is served.
            context = ssl.create_default_context(
                cafile=str(mailstore_emulator_data_dir / "certs" / "ca.pem")
            )
            with context.wrap_socket(sock, server_hostname="127.0.0.1") as tls:
                tls.sendall(
                    b"POST /api/get-metadata HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
                )
                first = tls.recv(64)
        child.stdin.write("done\n")
        child.stdin.flush()
        assert child.wait(timeout=10) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert cpu_seconds < 0.15, f"{cpu_seconds:.2f} s of CPU in 0.6 s while accept() fails"
    assert first.startswith(b"HTTP/1.1 200 OK")
