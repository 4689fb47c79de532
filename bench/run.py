"""Benchmarks of the mailstore client against the emulator over HTTPS on loopback.

    python bench/run.py            # the full run (a few minutes)
    python bench/run.py --quick    # small counts: checks that everything works
    python bench/run.py --in-process   # emulator on threads of this process
    python bench/run.py --only spe     # one part (server, spe, big, import)

Prints a Markdown table: every figure is the median over repeated rounds, next to
its baseline measured in the same rounds, and their ratio (the median of the
per-round ratios). What is measured and why is in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import baselines  # noqa: E402
from emuserver import EmulatorInProcess, EmulatorProcess  # noqa: E402

import mailstore  # noqa: E402
from mailstore._encoding import check_envelope, decode_json  # noqa: E402

USER, PASSWORD = "admin", "admin"


@dataclass
class Counts:
    """How much work each benchmark does."""

    rounds: int = 7  # rounds of the sequential benchmark
    calls: int = 300  # sequential calls per client and round
    tasks: int = 25  # long-running tasks followed
    fanout_calls: int = 2000
    fanout_rounds: int = 3
    latency: float = 0.005
    users: int = 50000
    decode_rounds: int = 7
    imports: int = 40  # fresh interpreters per module
    instances: int = 100  # SPE instances for forEachInstance
    instance_rounds: int = 9


QUICK = Counts(
    rounds=2,
    calls=20,
    tasks=3,
    fanout_calls=48,
    fanout_rounds=1,
    users=2000,
    decode_rounds=2,
    imports=3,
    instances=16,
    instance_rounds=1,
)


@dataclass
class Row:
    """One line of the table."""

    name: str
    ours: str
    baseline: str
    ratio: str
    target: str = ""
    met: Optional[bool] = None


def median(values: List[float]) -> float:
    return statistics.median(values)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def make_client(emu: Any, **options: Any) -> Any:
    """Our client, trusting the emulator's CA."""
    return mailstore.mgmt.ServerClient(
        username=USER,
        password=PASSWORD,
        host=emu.host,
        port=emu.port,
        caBundle=emu.ca_file,
        logLevel=0,
        **options,
    )


def baseline(maker: Callable[..., baselines.Maker], emu: Any) -> baselines.Maker:
    return maker(emu.host, emu.port, emu.ca_file, USER, PASSWORD)


# -- 1. sequential small calls -----------------------------------------------------------


def bench_sequential(emu: Any, counts: Counts) -> List[Row]:
    """GetServerInfo in a loop: ours vs urllib, plain requests and raw http.client."""
    client = make_client(emu)
    makers = {
        "urllib": baselines.urllib_new_connection,
        "requests": baselines.requests_session,
        "raw": baselines.raw_keepalive,
    }
    calls: Dict[str, Callable[[], Any]] = {"ours": client.GetServerInfo}
    closers = [client.close]
    for name, maker in makers.items():
        call, close = baseline(maker, emu)
        calls[name] = lambda call=call: call("GetServerInfo", [])
        closers.append(close)
    per_call: Dict[str, List[float]] = {name: [] for name in calls}
    for call in calls.values():  # warm up: connections, caches
        for _ in range(5):
            assert call()["statusCode"] == "succeeded"
    for round_no in range(counts.rounds):
        names = list(calls)
        names = names[round_no % len(names) :] + names[: round_no % len(names)]
        for name in names:
            call = calls[name]
            started = time.perf_counter()
            for _ in range(counts.calls):
                call()
            per_call[name].append((time.perf_counter() - started) / counts.calls)
    for close in closers:
        close()

    def ratios(a: str, b: str) -> float:
        return median([x / y for x, y in zip(per_call[a], per_call[b])])

    ours = median(per_call["ours"])
    rate = {name: 1 / median(values) for name, values in per_call.items()}
    speedup = ratios("urllib", "ours")
    vs_requests = ratios("ours", "requests")
    vs_floor = ratios("raw", "ours")  # a rate ratio: ours per second / floor per second
    return [
        Row(
            "GetServerInfo calls/s: ours vs urllib, new connection per call (MailStore's wrapper)",
            f"{rate['ours']:.0f}/s",
            f"{rate['urllib']:.0f}/s",
            f"{speedup:.2f}x",
            ">= 5x",
            speedup >= 5,
        ),
        Row(
            "GetServerInfo time per call: ours vs requests.Session().post",
            ms(ours),
            ms(median(per_call["requests"])),
            f"{vs_requests:.2f}x",
            "<= 1.15x",
            vs_requests <= 1.15,
        ),
        Row(
            "GetServerInfo calls/s: ours vs raw http.client keep-alive (the floor)",
            f"{rate['ours']:.0f}/s ({ms(ours)})",
            f"{rate['raw']:.0f}/s ({ms(median(per_call['raw']))})",
            f"{vs_floor:.2f}x",
            ">= 0.65x",
            vs_floor >= 0.65,
        ),
        Row(
            "emulator ceiling: raw http.client keep-alive loop",
            "",
            f"{rate['raw']:.0f}/s",
            "",
        ),
    ]


# -- 2. long-running task completion -------------------------------------------------------


def _raw_follow(call: baselines.Call, first: Dict[str, Any]) -> Dict[str, Any]:
    status = first
    while status["statusCode"] == "running":
        fields = [
            ("token", status["token"]),
            ("lastKnownStatusVersion", str(status["statusVersion"])),
            ("millisecondsTimeout", "1000"),
        ]
        status = call("get-status", fields)
    return status


def bench_task_completion(emu: Any, counts: Counts) -> List[Row]:
    """Time from the emulator ending a task to the client returning (waitTime=1000).

    VerifyStore of an empty store: a few progress versions 20 ms apart, so the
    client is waiting in a get-status long poll when the task ends.
    """
    client = make_client(emu, waitTime=1000)
    store = client.CreateStore("Bench empty store")["result"]["id"]
    raw_call, raw_close = baseline(baselines.raw_keepalive, emu)

    def ours() -> str:
        status = client.VerifyStore(store, False)
        assert status["statusCode"] == "succeeded", status
        return str(status["token"])

    def raw() -> str:
        first = raw_call("VerifyStore", [("id", str(store)), ("includeIndexes", "false")])
        status = _raw_follow(raw_call, first)
        assert status["statusCode"] == "succeeded", status
        return str(status["token"])

    delays: Dict[str, List[float]] = {"ours": [], "raw": []}
    for _ in range(counts.tasks):
        for name, run in (("ours", ours), ("raw", raw)):
            token = run()
            returned = time.monotonic()
            ended = emu.command("finished_at", token=token)
            delays[name].append(returned - ended)
    client.close()
    raw_close()
    ours_ms = median(delays["ours"])
    ratio = median([a / b for a, b in zip(delays["ours"], delays["raw"])])
    return [
        Row(
            "task end -> client returns (waitTime=1000): ours vs raw http.client long poll",
            ms(ours_ms),
            ms(median(delays["raw"])),
            f"{ratio:.2f}x",
            "ours < 20 ms",
            ours_ms < 0.020,
        )
    ]


# -- 3. fan-out ------------------------------------------------------------------------------


def raw_per_thread(emu: Any) -> baselines.Maker:
    """A raw http.client call that keeps one keep-alive connection per thread, and its closer."""
    local = threading.local()
    closers: List[Callable[[], None]] = []

    def call(function: str, fields: baselines.Fields) -> Any:
        if not hasattr(local, "call"):
            local.call, close = baseline(baselines.raw_keepalive, emu)
            closers.append(close)
        return local.call(function, fields)

    def close_all() -> None:
        for close in closers:
            close()

    return call, close_all


def bench_fanout(emu: Any, counts: Counts) -> List[Row]:
    """GetUserInfo with 5 ms server latency: 8 threads sharing one client vs sequential."""
    threads = 8
    client = make_client(emu, poolSize=threads)
    names = [u["userName"] for u in client.GetUsers()["result"]]
    work = [names[i % len(names)] for i in range(counts.fanout_calls)]
    emu.command("latency", seconds=counts.latency, function="GetUserInfo")

    def one(name: str) -> None:
        assert client.GetUserInfo(name)["statusCode"] == "succeeded"

    raw_call, raw_close = raw_per_thread(emu)

    def raw_one(name: str) -> None:
        raw_call("GetUserInfo", [("userName", name)])

    timings: Dict[str, List[float]] = {"seq": [], "par": [], "raw": []}
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, names * 2))  # warm up: open the pooled connections
        list(pool.map(raw_one, names * 2))
        for _ in range(counts.fanout_rounds):
            started = time.perf_counter()
            for name in work:
                one(name)
            timings["seq"].append(time.perf_counter() - started)
            started = time.perf_counter()
            list(pool.map(one, work))
            timings["par"].append(time.perf_counter() - started)
            started = time.perf_counter()
            list(pool.map(raw_one, work))
            timings["raw"].append(time.perf_counter() - started)
    emu.command("clear")
    client.close()
    raw_close()
    speedup = median([s / p for s, p in zip(timings["seq"], timings["par"])])
    floor = counts.fanout_calls * counts.latency / threads
    return [
        Row(
            f"fan-out, {counts.fanout_calls} GetUserInfo (+{counts.latency * 1000:g} ms each): "
            f"ours {threads} threads vs ours sequential",
            f"{median(timings['par']):.2f} s",
            f"{median(timings['seq']):.2f} s",
            f"{speedup:.2f}x",
            ">= 6.5x",
            speedup >= 6.5,
        ),
        Row(
            f"fan-out ceiling: ours {threads} threads vs {threads} raw http.client connections "
            f"(latency floor {floor:.2f} s)",
            f"{median(timings['par']):.2f} s",
            f"{median(timings['raw']):.2f} s",
            f"{median([p / r for p, r in zip(timings['par'], timings['raw'])]):.2f}x",
        ),
    ]


# -- 4. SPE fan-out over instances -------------------------------------------------------------


def bench_spe_fanout(emu: Any, counts: Counts) -> List[Row]:
    """GetUsers on every instance of an SPE, 5 ms server latency each: forEachInstance with
    8 workers vs the serial loop MSP scripts run, both on one client, in the same rounds."""
    workers = 8
    client = mailstore.mgmt.SPEClient(
        USER, PASSWORD, emu.host, emu.port, caBundle=emu.ca_file, logLevel=0
    )
    emu.command("latency", seconds=counts.latency, function="GetUsers")

    def serial() -> Dict[str, str]:
        codes = {}
        for instance in client.GetInstances("*")["result"]:
            if instance["status"] == "running":
                name = instance["instanceID"]
                codes[name] = client.GetUsers(instanceID=name)["statusCode"]
        return codes

    def fanned() -> Dict[str, str]:
        outcomes = client.forEachInstance(lambda c, i: c.GetUsers()["statusCode"], workers=workers)
        return outcomes.results

    names = [i["instanceID"] for i in client.GetInstances("*")["result"]]
    raw_call, raw_close = raw_per_thread(emu)

    def raw_one(name: str) -> str:
        return str(raw_call("GetUsers", [("instanceID", name)])["statusCode"])

    timings: Dict[str, List[float]] = {"serial": [], "fan": [], "pool": [], "raw": []}
    cpu: Dict[str, List[float]] = {name: [] for name in (*timings, "emulator")}
    with ThreadPoolExecutor(workers) as pool:

        def plain_pool() -> Dict[str, str]:
            listed = client.GetInstances("*")["result"]
            running = [i["instanceID"] for i in listed if i["status"] == "running"]
            calls = pool.map(lambda name: client.GetUsers(instanceID=name)["statusCode"], running)
            return dict(zip(running, calls))

        def raw() -> Dict[str, str]:
            return dict(zip(names, pool.map(raw_one, names)))

        runs = {"serial": serial, "fan": fanned, "pool": plain_pool, "raw": raw}
        for run in runs.values():  # warm up: open the pooled connections
            run()
        for round_no in range(counts.instance_rounds):
            order = list(runs)
            order = order[round_no % len(order) :] + order[: round_no % len(order)]
            for name in order:
                emulator_cpu = emu.command("cpu")
                started, started_cpu = time.perf_counter(), time.process_time()
                codes = runs[name]()
                timings[name].append(time.perf_counter() - started)
                cpu[name].append((time.process_time() - started_cpu) / len(names))
                if name == "fan":
                    cpu["emulator"].append((emu.command("cpu") - emulator_cpu) / len(names))
                assert len(codes) == len(names) and set(codes.values()) == {"succeeded"}, codes
    emu.command("clear")
    client.close()
    raw_close()

    def ratio(a: str, b: str) -> float:
        return median([x / y for x, y in zip(timings[a], timings[b])])

    speedup = ratio("serial", "fan")
    floor = -(-len(names) // workers) * counts.latency
    what = f"{len(names)} instances, GetUsers (+{counts.latency * 1000:g} ms each)"
    return [
        Row(
            f"SPE fan-out, {what}: forEachInstance {workers} workers vs the serial loop",
            ms(median(timings["fan"])),
            ms(median(timings["serial"])),
            f"{speedup:.2f}x",
            ">= 6x",
            speedup >= 6,
        ),
        Row(
            f"SPE fan-out: forEachInstance vs a plain ThreadPoolExecutor({workers}) on the client",
            ms(median(timings["fan"])),
            ms(median(timings["pool"])),
            f"{ratio('fan', 'pool'):.2f}x",
        ),
        Row(
            f"SPE fan-out ceiling: forEachInstance vs {workers} raw http.client connections "
            f"(latency floor {ms(floor)})",
            ms(median(timings["fan"])),
            ms(median(timings["raw"])),
            f"{ratio('fan', 'raw'):.2f}x",
        ),
        Row(
            "SPE fan-out: client CPU per call, forEachInstance vs raw http.client threads "
            f"(emulator: {ms(median(cpu['emulator']))} per call{where_cpu(emu)})",
            ms(median(cpu["fan"])),
            ms(median(cpu["raw"])),
            f"{median([a / b for a, b in zip(cpu['fan'], cpu['raw'])]):.2f}x",
        ),
    ]


def where_cpu(emu: Any) -> str:
    """A remark for CPU figures: in-process, the emulator's work counts as the client's too."""
    return ", counted in the client's too" if isinstance(emu, EmulatorInProcess) else ""


# -- 5. big result -----------------------------------------------------------------------


def bench_big_result(emu: Any, counts: Counts) -> List[Row]:
    """GetUsers with many users: decode time vs json.loads, call time, peak memory."""
    body = baselines.raw_post_bytes(emu.host, emu.port, emu.ca_file, USER, PASSWORD, "GetUsers")

    def ours_decode() -> Any:
        data = decode_json(body, function="GetUsers", status_code=200)
        return check_envelope(data, function="GetUsers", status_code=200)

    def plain_decode() -> Any:
        import json

        return json.loads(body)

    assert len(ours_decode()["result"]) == len(plain_decode()["result"]) >= counts.users
    decode: Dict[str, List[float]] = {"ours": [], "plain": []}
    for _ in range(counts.decode_rounds):
        for name, fn in (("ours", ours_decode), ("plain", plain_decode)):
            started = time.perf_counter()
            fn()
            decode[name].append(time.perf_counter() - started)
    decode_ratio = median([a / b for a, b in zip(decode["ours"], decode["plain"])])

    client = make_client(emu)
    raw_call, raw_close = baseline(baselines.raw_keepalive, emu)
    calls: Dict[str, List[float]] = {"ours": [], "raw": []}
    for _ in range(counts.decode_rounds):
        for name, fn in (("ours", client.GetUsers), ("raw", lambda: raw_call("GetUsers", []))):
            started = time.perf_counter()
            fn()
            calls[name].append(time.perf_counter() - started)
    call_ratio = median([a / b for a, b in zip(calls["ours"], calls["raw"])])

    peaks = {}
    for name, fn in (("ours", client.GetUsers), ("raw", lambda: raw_call("GetUsers", []))):
        tracemalloc.start()
        result = fn()
        peaks[name] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del result
    client.close()
    raw_close()
    users = f"{counts.users:,}"
    mb = 1024 * 1024
    return [
        Row(
            f"GetUsers, {users} users ({len(body) / mb:.1f} MB): decode, ours vs json.loads",
            ms(median(decode["ours"])),
            ms(median(decode["plain"])),
            f"{decode_ratio:.2f}x",
            "<= 1.3x",
            decode_ratio <= 1.3,
        ),
        Row(
            f"GetUsers, {users} users: whole call, ours vs raw http.client + json.loads",
            ms(median(calls["ours"])),
            ms(median(calls["raw"])),
            f"{call_ratio:.2f}x",
        ),
        Row(
            f"GetUsers, {users} users: peak memory (tracemalloc), ours vs raw http.client",
            f"{peaks['ours'] / mb:.1f} MB",
            f"{peaks['raw'] / mb:.1f} MB",
            f"{peaks['ours'] / peaks['raw']:.2f}x",
        ),
    ]


# -- 6. import time --------------------------------------------------------------------------

IMPORT_SNIPPET = "import time; t = time.perf_counter(); import {}; print(time.perf_counter() - t)"


def bench_import(counts: Counts) -> List[Row]:
    """`import mailstore` vs `import requests`, each in fresh interpreters."""
    times: Dict[str, List[float]] = {"mailstore": [], "requests": []}
    for _ in range(counts.imports):
        for module in times:
            out = subprocess.run(
                [sys.executable, "-c", IMPORT_SNIPPET.format(module)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            times[module].append(float(out))
    ratio = median([a / b for a, b in zip(times["mailstore"], times["requests"])])
    return [
        Row(
            "import time (fresh interpreter): import mailstore vs import requests",
            ms(median(times["mailstore"])),
            ms(median(times["requests"])),
            f"{ratio:.2f}x",
            "<= 0.7x",
            ratio <= 0.7,
        )
    ]


# -- the table -------------------------------------------------------------------------------


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.release()}, "
        f"requests {__import__('requests').__version__}, "
        f"urllib3 {__import__('urllib3').__version__}"
    )


def table(rows: List[Row], quick: bool) -> str:
    lines = [
        "| benchmark | ours | baseline | ratio | target | result |",
        "|---|---:|---:|---:|---|---|",
    ]
    for row in rows:
        if row.met is None:
            result = ""
        elif quick:
            result = "not judged (quick)"
        else:
            result = "met" if row.met else "MISSED"
        lines.append(
            f"| {row.name} | {row.ours} | {row.baseline} | {row.ratio} | {row.target} | {result} |"
        )
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small counts (a smoke run)")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run the emulator on threads of this process (default: a child process)",
    )
    parser.add_argument(
        "--only",
        choices=("server", "spe", "big", "import"),
        help="run one part: the Server calls, the SPE fan-out, the big result, the import",
    )
    options = parser.parse_args(argv)
    counts = QUICK if options.quick else Counts()
    emulator = EmulatorInProcess if options.in_process else EmulatorProcess
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    started = time.perf_counter()
    print(f"# mailstore benchmarks{' (quick mode: figures are not meaningful)' * options.quick}")
    print(f"command: python bench/run.py {' '.join(sys.argv[1:] if argv is None else argv)}")
    print(f"machine: {machine()}")

    def wanted(part: str) -> bool:
        return options.only in (None, part)

    rows: List[Row] = []
    if wanted("server"):
        with emulator() as emu:
            print(f"emulator: {emu.where}, https://{emu.host}:{emu.port}", flush=True)
            rows += bench_sequential(emu, counts)
            rows += bench_task_completion(emu, counts)
            rows += bench_fanout(emu, counts)
    if wanted("spe"):
        with emulator(spe_instances=counts.instances) as emu:
            print(f"SPE emulator: {emu.where}, {counts.instances} instances", flush=True)
            rows += bench_spe_fanout(emu, counts)
    if wanted("big"):
        with emulator(extra_users=counts.users) as emu:
            rows += bench_big_result(emu, counts)
    if wanted("import"):
        rows += bench_import(counts)
    print()
    print(table(rows, options.quick))
    print()
    print(f"took {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
