"""Run in a fresh interpreter: snapshot global state, use mailstore hard, snapshot again.

Prints one JSON object: ``deps`` (what importing requests/urllib3 changed, for the
record) and ``mailstore`` (what importing and using mailstore changed; must be empty).
The emulator runs in a child process so that only the client lives in this one.
"""

from __future__ import annotations

import gc
import hashlib
import http.client
import io
import json
import logging
import os
import signal
import socket
import ssl
import sys
import threading
import urllib.request
import warnings
from contextlib import redirect_stderr
from typing import Any, Dict, List

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from rel_harness import EmuProcess  # noqa: E402


def snapshot() -> Dict[str, Any]:
    root = logging.getLogger()
    ctx = ssl.create_default_context()
    shot: Dict[str, Any] = {
        "root.handlers": [repr(h) for h in root.handlers],
        "root.level": root.level,
        "logging.disable": logging.root.manager.disable,
        "logging.lastResort": repr(logging.lastResort),
        "logging.raiseExceptions": logging.raiseExceptions,
        "logging.loggerClass": repr(logging.getLoggerClass()),
        "logging.logRecordFactory": repr(logging.getLogRecordFactory()),
        "warnings.filters": [repr(f) for f in warnings.filters],
        "warnings.showwarning": repr(warnings.showwarning),
        "urllib.request._opener": repr(urllib.request._opener),
        "ssl._create_default_https_context": repr(ssl._create_default_https_context),
        "ssl.default.verify_mode": int(ctx.verify_mode),
        "ssl.default.check_hostname": ctx.check_hostname,
        "ssl.default.options": int(ctx.options),
        "ssl.default.minimum_version": str(ctx.minimum_version),
        "ssl.default.maximum_version": str(ctx.maximum_version),
        "ssl.default_verify_paths": repr(ssl.get_default_verify_paths()),
        "ssl.SSLContext.wrap_socket": repr(ssl.SSLContext.wrap_socket),
        "socket.defaulttimeout": socket.getdefaulttimeout(),
        "socket.socket": repr(socket.socket),
        "socket.create_connection": repr(socket.create_connection),
        "http.client.HTTPConnection.debuglevel": http.client.HTTPConnection.debuglevel,
        "http.client.HTTPSConnection": repr(http.client.HTTPSConnection),
        "sys.excepthook": repr(sys.excepthook),
        "threading.excepthook": repr(threading.excepthook),
        "signal.SIGINT": repr(signal.getsignal(signal.SIGINT)),
        "sys.stdout": repr(sys.stdout),
        "sys.stderr": repr(sys.stderr),
        "sys.recursionlimit": sys.getrecursionlimit(),
        "sys.switchinterval": sys.getswitchinterval(),
        "os.environ": dict(os.environ),
        "os.cwd": os.getcwd(),
        "gc.enabled": gc.isenabled(),
        "threads": sorted(t.name for t in threading.enumerate()),
    }
    if "requests" in sys.modules:
        import requests
        import urllib3
        from urllib3 import connectionpool, poolmanager

        for name in ("urllib3", "requests", "urllib3.connectionpool"):
            logger = logging.getLogger(name)
            shot[f"logger.{name}"] = (
                [repr(h) for h in logger.handlers],
                logger.level,
                logger.propagate,
                logger.disabled,
            )
        session = requests.Session()
        shot.update(
            {
                "requests.HTTPAdapter.send": repr(requests.adapters.HTTPAdapter.send),
                "requests.Session.request": repr(requests.Session.request),
                "requests.Session().verify": session.verify,
                "requests.Session().trust_env": session.trust_env,
                "requests.Session().adapters": {
                    k: type(v).__name__ for k, v in session.adapters.items()
                },
                "requests.DEFAULT_CA_BUNDLE_PATH": requests.utils.DEFAULT_CA_BUNDLE_PATH,
                "urllib3.HTTPSConnectionPool._validate_conn": repr(
                    connectionpool.HTTPSConnectionPool._validate_conn
                ),
                "urllib3.pool_classes_by_scheme": {
                    k: v.__name__ for k, v in poolmanager.pool_classes_by_scheme.items()
                },
                "urllib3.disable_warnings": repr(urllib3.disable_warnings),
            }
        )
        session.close()
    return shot


def diff(before: Dict[str, Any], after: Dict[str, Any]) -> Dict[str, Any]:
    return {
        k: {"before": before.get(k), "after": after.get(k)}
        for k in sorted(set(before) | set(after))
        if k in before and before.get(k) != after.get(k)
    }


def heavy_use(data_dir: str) -> int:
    import mailstore
    from mailstore import errors

    calls = 0
    with EmuProcess(data_dir, step_interval=0.002) as srv:
        pem = ssl.get_server_certificate((srv.host, srv.port))
        pin = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest()
        where = {"host": srv.host, "port": srv.port}
        quiet = redirect_stderr(io.StringIO())
        quiet.__enter__()
        clients = [
            mailstore.mgmt.ServerClient(**where, caBundle=srv.ca_file, logLevel=4),
            mailstore.mgmt.ServerClient(**where, caBundle=srv.ca_file, logLevel=None),
            mailstore.mgmt.ServerClient(**where, ignoreInvalidSSLCerts=True, logLevel=3),
            mailstore.mgmt.ServerClient(**where, fingerprint=pin, logLevel=2),
            mailstore.mgmt.ServerClient(**where, caBundle=srv.ca_file, logLevel=1),
            mailstore.mgmt.ServerClient(**where, caBundle=srv.ca_file, logLevel=0),
        ]
        try:
            for c in clients:
                assert c.GetUsers()["statusCode"] == "succeeded"
                assert c.VerifyStore(1, autoHandleToken=True)["statusCode"] == "succeeded"
                calls += 2
            c = clients[0]
            running = c.VerifyStore(3, autoHandleToken=False)
            c.CancelAsync(running)
            c.HandleToken(running)
            failing = [
                lambda: mailstore.mgmt.ServerClient(
                    **where, caBundle=srv.ca_file, password="Wr0ng!", logLevel=4
                ).GetUsers(),
                lambda: mailstore.mgmt.ServerClient(**where).GetUsers(),  # untrusted
                lambda: mailstore.mgmt.ServerClient(**where, fingerprint="00" * 32).GetUsers(),
                lambda: mailstore.mgmt.ServerClient(port=1, retries=0).GetUsers(),
                lambda: c.call("NoSuchFunction"),
            ]
            kinds: List[str] = []
            for fail in failing:
                try:
                    fail()
                except errors.MailStoreError as exc:
                    kinds.append(type(exc).__name__)
                    calls += 1
                else:
                    raise AssertionError("expected a MailStoreError")

            def work() -> None:
                for _ in range(50):
                    clients[1].GetUserInfo("admin")

            threads = [threading.Thread(target=work) for _ in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            calls += 400
            expected = ["AuthenticationError", "TLSError", "TLSError", "RefusedError"]
            assert kinds == expected + ["NotFoundError"], kinds
        finally:
            quiet.__exit__(None, None, None)
        for c in clients:
            c.close()
    return calls


def main() -> None:
    data_dir = sys.argv[1]
    first = snapshot()
    import requests  # noqa: F401 - the dependencies, imported first on purpose
    import urllib3  # noqa: F401

    second = snapshot()
    calls = heavy_use(data_dir)
    gc.collect()
    third = snapshot()
    print(
        json.dumps({"deps": diff(first, second), "mailstore": diff(second, third), "calls": calls})
    )


if __name__ == "__main__":
    main()
