"""The clients the benchmarks compare ``mailstore`` with.

Each maker returns ``(call, close)``: ``call(function, fields)`` POSTs form fields to
``/api/invoke/<function>`` (or to ``/api/<path>`` for get-status) and returns the
decoded JSON; ``close()`` releases connections. All of them verify TLS against the
emulator's CA and send HTTP Basic credentials on every request.

* ``urllib_new_connection``: how MailStore's own Python wrapper (2024) works: one
  ``urllib`` opener with an ``HTTPSHandler`` and a default SSL context, a preemptive
  ``Authorization: Basic`` header, and a new HTTPS connection for every call
  (urllib sends ``Connection: close``).
* ``requests_session``: a plain ``requests.Session().post(...)`` per call.
* ``raw_keepalive``: one ``http.client.HTTPSConnection`` kept alive: the floor, as
  little client work as Python allows; its rate is the emulator's ceiling.
"""

from __future__ import annotations

import base64
import http.client
import json
import ssl
import urllib.parse
import urllib.request
from typing import Any, Callable, List, Tuple

Fields = List[Tuple[str, str]]
Call = Callable[[str, Fields], Any]
Maker = Tuple[Call, Callable[[], None]]


def _path(function: str) -> str:
    return "/api/get-status" if function == "get-status" else "/api/invoke/" + function


def _auth(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode("ascii")


def _context(ca_file: str) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=ca_file)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def urllib_new_connection(host: str, port: int, ca_file: str, user: str, password: str) -> Maker:
    """urllib, a new HTTPS connection per call (like MailStore's own wrapper)."""
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=_context(ca_file)))
    base = f"https://{host}:{port}"
    auth = _auth(user, password)

    def call(function: str, fields: Fields) -> Any:
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(base + _path(function), data=data)
        request.add_header("Authorization", auth)
        with opener.open(request) as response:
            return json.loads(response.read())

    return call, lambda: None


def requests_session(host: str, port: int, ca_file: str, user: str, password: str) -> Maker:
    """A plain requests.Session().post(...) per call, verify=ca_file, auth=(user, password)."""
    import requests

    session = requests.Session()
    base = f"https://{host}:{port}"

    def call(function: str, fields: Fields) -> Any:
        response = session.post(
            base + _path(function), data=fields, auth=(user, password), verify=ca_file
        )
        response.raise_for_status()
        return json.loads(response.content)

    return call, session.close


def raw_keepalive(host: str, port: int, ca_file: str, user: str, password: str) -> Maker:
    """One http.client.HTTPSConnection, kept alive: the floor."""
    conn = http.client.HTTPSConnection(host, port, context=_context(ca_file))
    headers = {
        "Authorization": _auth(user, password),
        "Content-Type": "application/x-www-form-urlencoded",
    }

    def call(function: str, fields: Fields) -> Any:
        conn.request("POST", _path(function), urllib.parse.urlencode(fields), headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}")
        return json.loads(body)

    return call, conn.close


def raw_post_bytes(host: str, port: int, ca_file: str, user: str, password: str, fn: str) -> bytes:
    """POST one call with http.client and return the raw reply body (BOM included)."""
    call_conn = http.client.HTTPSConnection(host, port, context=_context(ca_file))
    try:
        call_conn.request(
            "POST",
            _path(fn),
            b"",
            {"Authorization": _auth(user, password), "Content-Length": "0"},
        )
        response = call_conn.getresponse()
        return response.read()
    finally:
        call_conn.close()
