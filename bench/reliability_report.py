"""Run the reliability suite's scenarios at full size and print the report (Markdown).

    python bench/reliability_report.py                      # print the report
    python bench/reliability_report.py --update docs/reliability.md   # and put it in the doc
    python bench/reliability_report.py --quick              # reduced sizes, for a smoke run

It runs: the fault matrix (tests/reliability/rel_scenarios.py), the load run (16 threads x
1,000 GetUserInfo calls sharing one client, with poolSize=16 and with the default pool
of 10), the soak run (one task of 10,000 status updates), the logLevel=4 secrets rerun of
the client tests plus the fault matrix, the side-effects probe, and the TLS and encoding
tests. Every figure in the output is measured by this run. Exit code 1 if anything failed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import ssl
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any, Dict, List

REPO = Path(__file__).resolve().parent.parent
RELIABILITY = REPO / "tests" / "reliability"
sys.path[:0] = [str(RELIABILITY), str(REPO / "tests"), str(REPO)]
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost,::1")

BEGIN = "<!-- BEGIN REPORT (bench/reliability_report.py) -->"
END = "<!-- END REPORT -->"
MB = 1024 * 1024


def matrix(data_dir: str, out: List[str]) -> bool:
    from rel_scenarios import SCENARIOS, run

    out += [
        "### Fault matrix",
        "",
        "| # | scenario | fault injected | expected | outcome | invokes | s | result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    ok = True
    for n, scenario in enumerate(SCENARIOS, 1):
        try:
            outcome = run(scenario, data_dir)
            row = (outcome.ends_with, str(outcome.invokes), f"{outcome.seconds:.2f}", "pass")
        except BaseException as exc:  # noqa: BLE001 - a failed scenario is reported
            ok = False
            traceback.print_exc()
            row = (f"{type(exc).__name__}: {exc}"[:160], "?", "-", "**FAIL**")
        out.append(
            f"| {n} | `{scenario.id}` | {scenario.fault} | {scenario.expected} | "
            + " | ".join(row)
            + " |"
        )
    out.append("")
    return ok


def load(data_dir: str, calls: int, out: List[str]) -> bool:
    from rel_harness import run_load

    out += [
        "### Load: 16 threads sharing one client",
        "",
        f"Each thread calls `GetUserInfo(user)` {calls:,} times ({max(1, calls // 5):,} with "
        "poolSize=2, the contention case) over the 31 users of the default dataset and "
        "checks that the reply is that user's. The emulator runs in a child process; "
        "`connections` is the number of TCP connections it accepted; `max ms` is the "
        "slowest single call (a thread starved of connections would show here).",
        "",
        "| pool | calls | errors | mismatched replies | server invokes | connections | "
        "calls/s | p50 ms | p99 ms | max ms | s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    ok = True
    for pool, per_thread in ((16, calls), (None, calls), (2, max(1, calls // 5))):
        r = run_load(data_dir, threads=16, calls=per_thread, pool_size=pool)
        good = (
            not r["errors"]
            and not r["mismatches"]
            and r["server_invokes"] == r["calls"]
            and r["connections"] <= r["pool_size"]
            and r["max_ms"] < 1000  # no thread starved waiting for a connection
        )
        ok = ok and good
        label = f"poolSize={pool}" if pool else "default (10)"
        out.append(
            f"| {label} | {r['calls']:,} | {len(r['errors'])} | {len(r['mismatches'])} | "
            f"{r['server_invokes']:,} | {r['connections']} | {r['calls_per_second']:,.0f} | "
            f"{r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.1f} | {r['seconds']:.1f} |"
        )
        if r["errors"]:
            out.append(f"\nfirst errors: {r['errors'][:3]}\n")
    out.append("")
    return ok


def soak(data_dir: str, updates: int, out: List[str]) -> bool:
    from rel_harness import run_soak

    r = run_soak(data_dir, updates=updates)
    ok = (
        r["final_status"] == "succeeded"
        and r["updates_seen"] >= updates
        and r["version_gaps"] == 0
        and r["traced_growth_bytes"] < 5 * MB
        and r["rss_growth_bytes"] < 5 * MB
        and r["fds_after_close"] == r["fds_before"]
        and r["fds_during"] == r["fds_end"]
    )
    out += [
        "### Soak: one task with many status updates",
        "",
        "`SyncUsersWithDirectoryServices(dryRun=True)` over a directory of "
        f"{updates - 2:,} new users, the emulator in lockstep (each version waits until a "
        "reply has delivered it), so the callback sees every version. Memory is measured "
        f"in the client process from the 500th status to the end.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| statuses seen by the callback | {r['updates_seen']:,} (gaps in versions: "
        f"{r['version_gaps']}) |",
        f"| final status | {r['final_status']}, statusVersion {r['final_version']:,} |",
        f"| get-status polls / TCP connections | {r['polls']:,} / {r['connections']} |",
        f"| duration | {r['seconds']:.1f} s (tracemalloc on) |",
        f"| traced Python memory growth | {r['traced_growth_bytes'] / 1024:+.1f} KiB "
        f"(peak traced {r['traced_peak_bytes'] / MB:.2f} MiB) |",
        f"| RSS growth | {r['rss_growth_bytes'] / 1024:+.0f} KiB |",
        f"| open fds: before client / during / at end / after close | {r['fds_before']} / "
        f"{r['fds_during']} / {r['fds_end']} / {r['fds_after_close']} |",
        "",
    ]
    return ok


def secrets(full: bool, out: List[str]) -> bool:
    from test_rel_secrets import checkable, leaks, rerun_at_debug

    targets = ["tests/test_client.py"] + (["tests/reliability/test_rel_faults.py"] if full else [])
    with tempfile.TemporaryDirectory() as tmp:
        data = rerun_at_debug(Path(tmp), targets)
    found = leaks(data)
    summary = [
        line for line in data["stdout"].splitlines() if " passed" in line or "failed" in line
    ]
    ok = data["returncode"] == 0 and not found
    out += [
        "### Secrets at logLevel=4",
        "",
        f"Rerun of {', '.join(targets)} with `MAILSTORE_TEST_LOGLEVEL=4` (`-s`, nothing "
        f"captured): {summary[-1].strip(' =') if summary else 'no summary'}. "
        f"{len(data['log']):,} log records, {len(data['errors']):,} error messages and "
        f"{(len(data['stdout']) + len(data['stderr'])) / 1024:,.0f} KiB of stdout and stderr "
        "scanned for "
        f"{len(checkable(data))} distinct secret values (passwords, Authorization header "
        f"values, secret-named arguments, secrets inside JSON): **{len(found)} found**.",
        "",
    ]
    out += [f"- leak: {leak}" for leak in found]
    return ok


def side_effects(data_dir: str, out: List[str]) -> bool:
    from test_rel_side_effects import probe

    r = probe(data_dir)
    out += [
        "### Global side effects",
        "",
        f"A fresh interpreter snapshots its global state, imports mailstore, makes {r['calls']} "
        "calls (CA, pin and no-verification clients at logLevel 0-4 and None; 401, TLS, connect and 404 errors; a cancelled task; 8 threads) and snapshots "
        f"again: **{len(r['mailstore'])} differences**"
        + (f": {sorted(r['mailstore'])}" if r["mailstore"] else "")
        + ". (Importing requests/urllib3 themselves changes: "
        + (", ".join(sorted(r["deps"])) or "nothing")
        + ".)",
        "",
    ]
    return not r["mailstore"]


def pytest_files(out: List[str]) -> bool:
    files = ["tests/reliability/test_rel_tls.py", "tests/reliability/test_rel_encoding.py"]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *files],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr[-300:]
    out += ["### TLS and encoding tests", "", f"`pytest {' '.join(files)}`: {last.strip('= ')}", ""]
    return proc.returncode == 0


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", metavar="FILE", help="replace the report section of FILE")
    parser.add_argument("--quick", action="store_true", help="reduced sizes (smoke run)")
    options = parser.parse_args(argv)
    calls, updates = (100, 1000) if options.quick else (1000, 10000)
    started = time.monotonic()
    out: List[str] = []
    results: Dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as data_dir:
        results["matrix"] = matrix(data_dir, out)
        results["load"] = load(data_dir, calls, out)
        results["soak"] = soak(data_dir, updates, out)
        results["secrets"] = secrets(not options.quick, out)
        results["side effects"] = side_effects(data_dir, out)
        results["tls/encoding"] = pytest_files(out)
    head = [
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC by "
        f"`python bench/reliability_report.py{' --quick' if options.quick else ''}` in "
        f"{time.monotonic() - started:.0f} s: Python {platform.python_version()}, "
        f"{ssl.OPENSSL_VERSION}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, loopback. Result: "
        + ", ".join(f"{k} {'pass' if v else 'FAIL'}" for k, v in results.items())
        + ".",
        "",
    ]
    text = "\n".join(head + out)
    print(text)
    if options.update:
        path = Path(options.update)
        doc = path.read_text(encoding="utf-8")
        if BEGIN not in doc or END not in doc:
            raise SystemExit(f"{path} has no {BEGIN} ... {END} section")
        before, rest = doc.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        path.write_text(f"{before}{BEGIN}\n{text}\n{END}{after}", encoding="utf-8")
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
