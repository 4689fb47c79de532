"""Freeze the running SPE instances, run a backup command, and thaw them again.

MailStore's SPE backup guidance: freeze the instances (their archives stay consistent
while files are copied), back up, thaw. This script freezes every running instance the
filter selects, runs the command given after "--", and thaws exactly the instances it
froze - also when the command fails or is interrupted with Ctrl-C. Instances that were
frozen or stopped before are left as they are.

    python backup_freeze.py -- robocopy E:\\Instances \\\\backup\\spe /MIR
    python backup_freeze.py --filter "*instancehost01" -- ./backup.sh

Exit code: the command's, or 1 if freezing or thawing failed (the command does not run
when freezing failed; the instances that froze are thawed).

Connection settings come from the environment: MAILSTORE_HOST, MAILSTORE_PORT,
MAILSTORE_USERNAME, MAILSTORE_PASSWORD, and MAILSTORE_FINGERPRINT or MAILSTORE_CA_BUNDLE
(the SPE emulator, python -m mailstore.emulator --spe, prints them).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any, Callable, Dict, List, Optional

import mailstore
from mailstore.errors import MailStoreError


def frozen(spe: mailstore.SPEClient, ids: List[str]) -> List[str]:
    """Which of the instances ``ids`` are frozen now."""
    if not ids:
        return []
    listed = spe.GetInstances(" ".join(ids))["result"]
    return [i["instanceID"] for i in listed if i["status"] == "frozen"]


def transition(method: Callable[[str], Dict[str, Any]], ids: List[str]) -> bool:
    """FreezeInstances or ThawInstances on ``ids``; say how it went. True if all made it."""
    status = method(" ".join(ids))
    if status["statusCode"] == "succeeded":
        print(f"{method.__name__}: {', '.join(ids)}", file=sys.stderr)
        return True
    print(f"{method.__name__} failed: {status['error']['message']}", file=sys.stderr)
    return False


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filter", default="*", help="instanceFilter ('*': all instances)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- the backup command")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the backup command after --")

    with mailstore.mgmt.SPEClient(logLevel=1) as spe:
        try:
            listed = spe.GetInstances(args.filter)["result"]
        except MailStoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        running = [i["instanceID"] for i in listed if i["status"] == "running"]
        code = 1
        try:
            if not running:
                print("no running instance: nothing to freeze", file=sys.stderr)
            if not running or transition(spe.FreezeInstances, running):
                code = subprocess.call(command)
                print(f"backup command ended with exit code {code}", file=sys.stderr)
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            code = 130
        except (MailStoreError, OSError) as exc:  # e.g. the command does not exist
            print(f"error: {exc}", file=sys.stderr)
        finally:
            ours = frozen(spe, running)  # also those a failed or interrupted freeze froze
            if ours and not transition(spe.ThawInstances, ours):
                code = 1
    return code


if __name__ == "__main__":
    sys.exit(main())
