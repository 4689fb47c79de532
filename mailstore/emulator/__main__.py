"""Command line: ``python -m mailstore.emulator`` serves the emulator until Ctrl-C.

``--spe`` serves the SPE emulator (the Management API, port 8474) instead of MailStore Server.

It prints, on stdout, the lines that point a client's ``MAILSTORE_*`` environment variables at
it (``export ...``, or ``$env:...`` for PowerShell); everything meant for the person at the
terminal goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import threading
from types import FrameType
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence, Tuple

if TYPE_CHECKING:  # pragma: no cover
    from .server import EmulatorBase

DEFAULT_PORT = 8463
SPE_PORT = 8474
#: Addresses that mean "every interface".
WILDCARDS = ("", "0.0.0.0", "::")
DEFAULT_STEP_INTERVAL = 0.02


def build_parser(prog: str = "python -m mailstore.emulator") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Run a MailStore Server emulator (Administration API over HTTPS), "
        "or with --spe a MailStore SPE emulator (Management API).",
    )
    parser.add_argument(
        "--spe", action="store_true", help="emulate MailStore SPE (instance hosts and instances)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument(
        "--port",
        type=int,
        help=f"TCP port ({DEFAULT_PORT}; with --spe {SPE_PORT}; 0 = any free)",
    )
    parser.add_argument("--cert", metavar="FILE", help="server certificate (PEM)")
    parser.add_argument("--key", metavar="FILE", help="private key of --cert (PEM)")
    parser.add_argument(
        "--data", metavar="FILE", help="load the archive (with --spe: the SPE) from this JSON file"
    )
    parser.add_argument(
        "--save-on-exit",
        metavar="FILE",
        nargs="?",
        const="",
        help="write the archive (or SPE) to FILE when stopping (default: the --data file)",
    )
    parser.add_argument(
        "--speed",
        type=float,
        default=1.0,
        help="speed factor of long-running tasks (2 = twice as fast; default 1)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for the generated certificates (default: per-user data folder)",
    )
    parser.add_argument(
        "--user",
        action="append",
        default=[],
        metavar="NAME:PASSWORD",
        help="add an API administrator (with --spe: a system administrator; may be repeated)",
    )
    parser.add_argument(
        "--replay",
        metavar="FILE",
        help="answer the calls recorded in FILE (a client's record=) as recorded; "
        "other calls go to the emulator",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    parser.add_argument(
        "--shell",
        choices=("sh", "powershell"),
        default="powershell" if os.name == "nt" else "sh",
        help="syntax of the MAILSTORE_* lines printed on stdout (default: this system's)",
    )
    return parser


def _users(values: Sequence[str], parser: argparse.ArgumentParser) -> List[Tuple[str, str]]:
    pairs = []
    for value in values:
        name, sep, password = value.partition(":")
        if not sep or not name:
            parser.error(f"--user expects NAME:PASSWORD, got {value!r}")
        pairs.append((name, password))
    return pairs


def main(argv: Optional[Sequence[str]] = None, *, prog: Optional[str] = None) -> int:
    """Run the emulator until interrupted; return the process exit code.

    ``prog`` names the command in help and error messages (e.g. ``mailstore emulator``).
    """
    parser = build_parser(prog) if prog else build_parser()
    options = parser.parse_args(argv)
    if options.speed <= 0:
        parser.error("--speed must be greater than 0")
    if options.key and not options.cert:
        parser.error("--key needs --cert")
    save_to = options.save_on_exit
    if save_to == "":
        if not options.data:
            parser.error("--save-on-exit needs a FILE when --data is not given")
        save_to = options.data
    users = dict(_users(options.user, parser))

    stop = threading.Event()
    previous = _install_stop_handlers(stop)  # before the banner: a stop request is never lost
    try:
        return _serve(options, users, save_to, stop)
    finally:
        _restore_handlers(previous)


def _serve(
    options: argparse.Namespace,
    users: Dict[str, str],
    save_to: Optional[str],
    stop: threading.Event,
) -> int:
    """Start the emulator, wait for ``stop`` (or Ctrl-C), then shut down; the exit code."""
    emulator_class = _emulator_class(options.spe)
    port = options.port if options.port is not None else SPE_PORT if options.spe else DEFAULT_PORT
    try:
        emulator = emulator_class(
            options.host,
            port,
            certfile=options.cert,
            keyfile=options.key,
            dataset=options.data,
            step_interval=DEFAULT_STEP_INTERVAL / options.speed,
            users=users,
            data_dir=options.data_dir,
            verbose=options.verbose,
        )
        if options.replay:
            emulator.replay(options.replay)
        emulator.start()
    except (OSError, ValueError) as exc:
        print(f"error: cannot start the emulator: {exc}", file=sys.stderr)
        return 1

    _print_banner(emulator, options.shell)
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
        if save_to:
            emulator.save(save_to)
            _note(f"Archive saved to {save_to}")
    _note("Emulator stopped.")
    return 0


def _emulator_class(spe: bool) -> Callable[..., EmulatorBase]:
    """The SPE emulator or the Server one (imported only now: the import needs cryptography)."""
    if spe:
        from .spe import SpeEmulator

        return SpeEmulator
    from .server import Emulator

    return Emulator


def _print_banner(emulator: EmulatorBase, shell: str) -> None:
    """What to use, for the reader on stderr; the environment lines, as output, on stdout."""
    lines = [f"{emulator.api.product} emulator listening on {_listening(emulator)}"]
    if emulator.host in WILDCARDS:
        lines.append(
            f"  from this machine: {emulator.url}; from others: this machine's name or address"
        )
    lines += [
        f"  user name:   {emulator.username}",
        f"  password:    {emulator.password}  (accepted from this machine only; "
        "--user NAME:PASSWORD adds others)",
        f"  certificate SHA-256 fingerprint: {emulator.fingerprint}",
    ]
    if emulator.ca_file:
        lines.append(f"  CA certificate (for caBundle= / verify=): {emulator.ca_file}")
    lines += ["Press Ctrl-C to stop. Paste these lines into the shell that runs your script:"]
    _note("\n".join(lines))
    print("\n".join(environment_lines(emulator, shell)), flush=True)


def _listening(emulator: EmulatorBase) -> str:
    if emulator.host in WILDCARDS:
        family = "IPv6" if ":" in emulator.host else "IPv4"
        return f"all {family} addresses ({emulator.host}), port {emulator.port}"
    return emulator.url


def environment_lines(emulator: EmulatorBase, shell: str = "sh") -> List[str]:
    """Lines that point the client's MAILSTORE_* variables at ``emulator``.

    ``shell`` is ``sh`` (``export``) or ``powershell`` (``$env:``).  Both the CA file and the
    fingerprint are given; the client pins the fingerprint when both are set.
    """
    kwargs = emulator.client_kwargs()
    groups = [
        [
            ("MAILSTORE_HOST", str(kwargs["host"])),
            ("MAILSTORE_PORT", str(kwargs["port"])),
            ("MAILSTORE_USERNAME", emulator.username),
            ("MAILSTORE_PASSWORD", emulator.password),
        ],
        [("MAILSTORE_CA_BUNDLE", emulator.ca_file)] if emulator.ca_file else [],
        [("MAILSTORE_FINGERPRINT", emulator.fingerprint)],
    ]
    if shell == "powershell":
        return [f"$env:{name} = {_powershell_quote(value)}" for g in groups for name, value in g]
    return [
        "export " + " ".join(f"{name}={shlex.quote(value)}" for name, value in group)
        for group in groups
        if group
    ]


def _powershell_quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _note(text: str) -> None:
    """A message for the person at the terminal (stderr: stdout is the program's output)."""
    print(text, file=sys.stderr, flush=True)


def _install_stop_handlers(stop: threading.Event) -> Dict[int, Any]:
    """Make SIGINT/SIGTERM (SIGBREAK on Windows) set ``stop``; return the previous handlers."""

    def handler(signum: int, frame: Optional[FrameType]) -> None:
        stop.set()

    previous: Dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for name in ("SIGINT", "SIGTERM", "SIGBREAK"):
        sig = getattr(signal, name, None)
        if sig is not None:
            try:
                previous[sig] = signal.signal(sig, handler)
            except (OSError, ValueError):  # pragma: no cover - unusual platforms
                pass
    return previous


def _restore_handlers(previous: Dict[int, Any]) -> None:
    for sig, old in previous.items():
        try:
            signal.signal(sig, old)
        except (OSError, ValueError, TypeError):  # pragma: no cover
            pass


if __name__ == "__main__":
    sys.exit(main())
