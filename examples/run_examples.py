"""Run example scripts against the embedded MailStore emulator.

    python examples/run_examples.py                 # the tutorial's examples (examples/seed)
    python examples/run_examples.py examples/*.py   # any scripts you name

The emulator listens on 127.0.0.1:8463, the port the scripts expect, and each
script runs unchanged in its own process; MAILSTORE_CA_BUNDLE tells the client
to trust the emulator's certificate.
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    from mailstore.emulator import Emulator

    here = os.path.dirname(os.path.abspath(__file__))
    scripts = argv or sorted(glob.glob(os.path.join(here, "seed", "*.py")))
    failed = 0
    with Emulator(port=8463) as emu:
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
