"""Where the time of one small call goes: the same GetServerInfo through each layer.

    python bench/layers.py [--rounds 9] [--calls 400]

Each line sends GetServerInfo over an already open keep-alive connection to an
emulator in a child process, through one more layer than the line before, and
prints the median time per call and its ratio to ``client.GetServerInfo()``
(median of per-round ratios). The last line is our client with an adapter that
resolves its urllib3 pool once and skips requests' per-call CA bundle check: what
that change alone would buy. This script reaches into ``mailstore._transport``
internals on purpose; it is a diagnostic, not an API user.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from typing import Any, Callable, Dict, List

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import baselines  # noqa: E402
import requests  # noqa: E402
import urllib3  # noqa: E402
from emuserver import EmulatorProcess  # noqa: E402
from requests.structures import CaseInsensitiveDict  # noqa: E402

import mailstore  # noqa: E402
from mailstore import _transport  # noqa: E402


class PoolOnceAdapter(_transport._Adapter):
    """Our adapter, resolving the connection pool once and skipping cert_verify."""

    _pool: Any = None

    def get_connection_with_tls_context(self, request: Any, verify: Any, proxies=None, cert=None):  # type: ignore[no-untyped-def]
        if self._pool is None:
            self._pool = super().get_connection_with_tls_context(request, verify, proxies, cert)
        return self._pool

    def cert_verify(self, conn: Any, url: Any, verify: Any, cert: Any) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--calls", type=int, default=400)
    options = parser.parse_args()
    with EmulatorProcess() as emu:

        def client() -> Any:
            return mailstore.mgmt.ServerClient(
                host=emu.host, port=emu.port, caBundle=emu.ca_file, logLevel=0
            )

        ours = client()
        pool_once = client()
        transport = pool_once._transport
        adapter = PoolOnceAdapter(10, None, False)
        transport.session.mount(transport.base_url, adapter)
        transport._adapter = adapter

        t = ours._transport
        url = t.base_url + "invoke/GetServerInfo"
        headers = dict(t._headers, **{"Content-Length": "0"})
        prepared = requests.Request("POST", url).prepare()
        pool = t._adapter.get_connection_with_tls_context(prepared, t._verify, t._proxies)
        timeout = urllib3.Timeout(connect=10, read=120)
        raw_call, raw_close = baselines.raw_keepalive(
            emu.host, emu.port, emu.ca_file, "admin", "admin"
        )

        def via_pool() -> Any:
            response = pool.urlopen(
                "POST",
                "/api/invoke/GetServerInfo",
                body=b"",
                headers=headers,
                retries=urllib3.Retry(0, read=False),
                redirect=False,
                assert_same_host=False,
                preload_content=True,
                decode_content=False,
                timeout=timeout,
            )
            return json.loads(response.data.decode("utf-8-sig"))

        def via_adapter() -> Any:
            request = requests.PreparedRequest()
            request.method, request.url, request.body = "POST", url, b""
            request.headers = CaseInsensitiveDict(headers)
            response = t._adapter.send(
                request, timeout=(10, 120), verify=t._verify, proxies=t._proxies
            )
            return json.loads(response.content.decode("utf-8-sig"))

        layers: Dict[str, Callable[[], Any]] = {
            "raw http.client keep-alive + json.loads": lambda: raw_call("GetServerInfo", []),
            "the adapter's urllib3 pool: urlopen(preload_content=True)": via_pool,
            "requests: adapter.send(prepared) + .content": via_adapter,
            "mailstore: Transport.post": lambda: t.post(
                "invoke/GetServerInfo", [], function="GetServerInfo"
            ),
            "mailstore: client.GetServerInfo()": ours.GetServerInfo,
            "mailstore with a pool-once adapter": pool_once.GetServerInfo,
        }
        times: Dict[str, List[float]] = {name: [] for name in layers}
        for fn in layers.values():
            for _ in range(20):
                fn()
        for _ in range(options.rounds):
            for name, fn in layers.items():
                started = time.perf_counter()
                for _ in range(options.calls):
                    fn()
                times[name].append((time.perf_counter() - started) / options.calls)
        raw_close()
        base = times["mailstore: client.GetServerInfo()"]
        print("| layer | time per call | vs client.GetServerInfo() |")
        print("|---|---:|---:|")
        for name, values in times.items():
            ratio = statistics.median([a / b for a, b in zip(values, base)])
            print(f"| {name} | {statistics.median(values) * 1e6:.0f} µs | {ratio:.2f} |")


if __name__ == "__main__":
    main()
