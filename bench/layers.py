"""Where the time of one small call goes: the same GetServerInfo through each layer.

    python bench/layers.py [--rounds 9] [--calls 400]

Each line sends GetServerInfo over an already open keep-alive connection to an
emulator in a child process, through one more layer than the line before, and
prints the median time per call and its ratio to ``client.GetServerInfo()``
(median of per-round ratios), wall time and this process's CPU time. The client's
transport and endpoint are reached through private attributes on purpose: this is
a diagnostic, not an API user.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from typing import Any, Callable, Dict, List

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import baselines  # noqa: E402
import urllib3  # noqa: E402
from emuserver import EmulatorProcess  # noqa: E402

import mailstore  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--calls", type=int, default=400)
    options = parser.parse_args()
    with EmulatorProcess() as emu:
        raw_call, raw_close = baselines.raw_keepalive(
            emu.host, emu.port, emu.ca_file, "admin", "admin"
        )
        ours = mailstore.mgmt.ServerClient(
            host=emu.host, port=emu.port, caBundle=emu.ca_file, logLevel=0
        )
        endpoint = ours._endpoint
        headers = dict(endpoint._headers)
        pool = urllib3.HTTPSConnectionPool(emu.host, emu.port, ca_certs=emu.ca_file, maxsize=1)

        def via_pool() -> Any:
            response = pool.urlopen(
                "POST",
                "/api/invoke/GetServerInfo",
                body=b"",
                headers=headers,
                retries=False,
                preload_content=False,
            )
            data = response.read()
            response.release_conn()
            return data

        layers: Dict[str, Callable[[], Any]] = {
            "raw http.client keep-alive + json.loads": lambda: raw_call("GetServerInfo", []),
            "urllib3 pool: urlopen + read + release_conn": via_pool,
            "mailstore: transport.send": lambda: endpoint.transport.send(
                "invoke/GetServerInfo", b"", headers, timeout=120.0, replayable=False
            ),
            "mailstore: endpoint.post (+ encoding, decoding)": lambda: endpoint.post(
                "invoke/GetServerInfo", [], function="GetServerInfo"
            ),
            "mailstore: client.GetServerInfo()": ours.GetServerInfo,
        }
        wall: Dict[str, List[float]] = {name: [] for name in layers}
        cpu: Dict[str, List[float]] = {name: [] for name in layers}
        for fn in layers.values():
            for _ in range(20):
                fn()
        for _ in range(options.rounds):
            for name, fn in layers.items():
                started, started_cpu = time.perf_counter(), time.process_time()
                for _ in range(options.calls):
                    fn()
                wall[name].append((time.perf_counter() - started) / options.calls)
                cpu[name].append((time.process_time() - started_cpu) / options.calls)
        raw_close()
        ours.close()
        base = wall["mailstore: client.GetServerInfo()"]
        print("| layer | time per call | CPU per call (client) | vs client.GetServerInfo() |")
        print("|---|---:|---:|---:|")
        for name, values in wall.items():
            ratio = statistics.median([a / b for a, b in zip(values, base)])
            print(
                f"| {name} | {statistics.median(values) * 1e6:.0f} µs "
                f"| {statistics.median(cpu[name]) * 1e6:.0f} µs | {ratio:.2f} |"
            )


if __name__ == "__main__":
    main()
