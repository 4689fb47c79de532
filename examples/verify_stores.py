"""Verify MailStore archive stores one after the other, showing the progress of each.

VerifyStore is a long-running task: the script starts it without waiting
(autoHandleToken=False) and follows it with YieldStatus, which yields every new status of
the task. Progress goes to stdout in steps of --step percent; --log prints the server's own
log lines as well.

    python verify_stores.py            # every store that is not disabled
    python verify_stores.py 1 3        # stores 1 and 3
    python verify_stores.py --deadline 3600 --no-indexes

--deadline bounds the time spent on each store: when it passes, the task is cancelled on the
server. Ctrl-C cancels the running task too. Exit code 0 when every store verified cleanly,
1 when a verification failed or was cancelled, 3 for a connection or login problem.

Connection settings come from the environment: MAILSTORE_HOST, MAILSTORE_PORT,
MAILSTORE_USERNAME, MAILSTORE_PASSWORD, and MAILSTORE_FINGERPRINT or MAILSTORE_CA_BUNDLE.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Dict, List, Optional

import mailstore
from mailstore.errors import MailStoreError, TaskDeadlineError


def verify(client: Any, store: Dict[str, Any], step: int, log: bool) -> str:
    """Verify one store, printing its progress; return the final statusCode."""
    label = f"store {store['id']} ({store['name']})"
    print(f"{label}: starting", flush=True)
    first = client.VerifyStore(store["id"], includeIndexes=store["includeIndexes"])
    final = first
    shown = -step
    try:
        for status in client.YieldStatus(first):
            final = status
            if log and status.get("logOutput"):
                print(status["logOutput"].replace("\r\n", "\n"), end="", flush=True)
            percent = status.get("percentProgress")
            if (
                status["statusCode"] == "running"
                and percent is not None
                and percent >= shown + step
            ):
                shown = percent - percent % step
                print(f"{label}: {shown:3d}%", flush=True)
    except (KeyboardInterrupt, TaskDeadlineError) as exc:
        if final.get("token"):
            client.CancelAsync(final)
            final = client.HandleToken(final)  # wait for the cancellation to land
        print(f"{label}: stopped ({type(exc).__name__}), {final['statusCode']}")
        if isinstance(exc, KeyboardInterrupt):
            raise
        return str(final["statusCode"])
    if final["statusCode"] == "succeeded":
        print(f"{label}: verified")
    else:
        print(f"{label}: {final['statusCode']}: {(final.get('error') or {}).get('message')}")
    return str(final["statusCode"])


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", type=int, help="store ids (default: all enabled)")
    parser.add_argument("--step", type=int, default=25, help="progress step in percent (25)")
    parser.add_argument("--log", action="store_true", help="print the server's log lines")
    parser.add_argument("--deadline", type=float, help="seconds allowed per store")
    parser.add_argument("--no-indexes", action="store_true", help="skip the search indexes")
    args = parser.parse_args(argv)

    try:
        client = mailstore.mgmt.ServerClient(autoHandleToken=False, deadline=args.deadline)
        known = {s["id"]: s for s in client.GetStores()["result"]}
        ids = args.ids or [i for i, s in known.items() if s["requestedState"] != "disabled"]
        results = {}
        for store_id in ids:
            if store_id not in known:
                print(f"store {store_id}: no such store")
                results[store_id] = "unknown"
                continue
            store = dict(known[store_id], includeIndexes=not args.no_indexes)
            results[store_id] = verify(client, store, max(1, args.step), args.log)
    except MailStoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130

    good = sum(1 for code in results.values() if code == "succeeded")
    print(f"{good} of {len(results)} store(s) verified without errors")
    return 0 if good == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
