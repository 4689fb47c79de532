"""Run example scripts against the embedded MailStore emulator.

    python examples/run_examples.py                 # the tutorial's examples (examples/seed)
    python examples/run_examples.py examples/*.py   # any scripts you name

The emulator listens on 127.0.0.1:8463, the port the scripts expect, and each
script runs unchanged in its own process; MAILSTORE_CA_BUNDLE tells the client
to trust the emulator's certificate.
"""

from __future__ import annotations

import errno
import glob
import os
import subprocess
import sys
import time

HOST, PORT = "127.0.0.1", 8463


def main(argv: list[str], port: int = PORT) -> int:
    from mailstore.emulator import Emulator

    here = os.path.dirname(os.path.abspath(__file__))
    scripts = argv or sorted(glob.glob(os.path.join(here, "seed", "*.py")))
    try:
        emu = Emulator(HOST, port).start()
    except OSError as exc:
        print(cannot_listen(port, exc), file=sys.stderr)
        return 1
    failed = 0
    with emu:
        env = dict(os.environ, MAILSTORE_CA_BUNDLE=emu.ca_file, PYTHONUNBUFFERED="1")
        for script in scripts:
            print(f"=== {os.path.relpath(script)}", flush=True)
            started = time.monotonic()
            done = subprocess.run([sys.executable, script], env=env, timeout=120)
            took = time.monotonic() - started
            print(f"=== exit {done.returncode} in {took:.1f} s\n", flush=True)
            failed += done.returncode != 0
    if failed:
        print(f"{failed} of {len(scripts)} scripts failed", file=sys.stderr)
    return 1 if failed else 0


def cannot_listen(port: int, exc: OSError) -> str:
    """Why the emulator cannot listen on ``port``, and what to do about it."""
    if exc.errno != errno.EADDRINUSE:
        return f"run_examples: cannot start the emulator on {HOST}:{port}: {exc.strerror or exc}"
    return (
        f"run_examples: port {port} on {HOST} is already in use, and the examples connect "
        f"to port {port}. Stop what listens there (another emulator, or a MailStore Server "
        f"on this machine) and run this again; 'ss -ltnp' (Linux), 'lsof -i :{port}' (macOS) "
        f"or 'netstat -ano | findstr {port}' (Windows) shows which process it is."
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
