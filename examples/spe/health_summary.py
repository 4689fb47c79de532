"""Summarise the health of an SPE: service messages, instances and their archive stores.

Checks, worst first:

| finding | state |
|---|---|
| an error in GetServiceStatus's messages | CRITICAL |
| an instance with a startStopError, or stopped although it starts automatically | CRITICAL |
| a store of a running instance with an error | CRITICAL |
| a warning in the messages; a frozen instance; a store that needs an upgrade or a search-index rebuild | WARNING |
| a running instance that could not be asked | UNKNOWN |

The stores of the running instances are read several at a time (SPEClient.forEachInstance).
The first line is a Nagios-style summary, then one line per finding; the exit code is 0, 1,
2 or 3 for OK, WARNING, CRITICAL, UNKNOWN.

    python health_summary.py

Connection settings come from the environment: MAILSTORE_HOST, MAILSTORE_PORT,
MAILSTORE_USERNAME, MAILSTORE_PASSWORD, and MAILSTORE_FINGERPRINT or MAILSTORE_CA_BUNDLE
(the SPE emulator, python -m mailstore.emulator --spe, prints them).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Any, Dict, List, Optional, Tuple

import mailstore
from mailstore.errors import MailStoreError

OK, WARNING, CRITICAL, UNKNOWN = 0, 1, 2, 3
NAMES = {OK: "OK", WARNING: "WARNING", CRITICAL: "CRITICAL", UNKNOWN: "UNKNOWN"}
ORDER = [CRITICAL, UNKNOWN, WARNING]  # how findings are listed
Finding = Tuple[int, str]


def service_findings(status: Dict[str, Any]) -> List[Finding]:
    found = []
    for message in status.get("messages") or []:
        kind = str(message.get("type", "")).lower()
        if kind in ("error", "warning"):
            state = CRITICAL if kind == "error" else WARNING
            found.append((state, f"service: {message.get('text')}"))
    return found


def instance_findings(instance: Dict[str, Any], known: List[Finding]) -> List[Finding]:
    name, status = instance["instanceID"], instance["status"]
    error = instance.get("startStopError")
    if error:  # GetServiceStatus may have said it already
        said = any(error in text for _, text in known)
        return [] if said else [(CRITICAL, f"{name}: {status}: {error}")]
    if status == "stopped" and instance.get("startMode") == "automatic":
        return [(CRITICAL, f"{name}: stopped, although it starts automatically")]
    if status == "frozen":
        return [(WARNING, f"{name}: frozen (a backup running, or a thaw forgotten?)")]
    return []


def store_findings(client: Any, instance: Dict[str, Any]) -> List[Finding]:
    found = []
    for store in client.GetStores(includeSize=False)["result"]:
        where = f"{instance['instanceID']}: store {store['id']} ({store['name']})"
        if store.get("error"):
            found.append((CRITICAL, f"{where}: {store['error']}"))
        if store.get("needsUpgrade"):
            found.append((WARNING, f"{where}: needs an upgrade"))
        if store.get("searchIndexesNeedRebuild"):
            found.append((WARNING, f"{where}: search indexes need a rebuild"))
    return found


def main(argv: Optional[List[str]] = None) -> int:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    try:
        with mailstore.mgmt.SPEClient(logLevel=1, raiseOnFailure=True) as spe:
            service = spe.GetServiceStatus()["result"]
            stores = spe.forEachInstance(store_findings)
    except MailStoreError as exc:
        print(f"SPE UNKNOWN - {exc}")
        return UNKNOWN
    found = service_findings(service)
    for outcome in stores:
        found += instance_findings(outcome.instance, found)
        found += outcome.value or []
        if outcome.error is not None:
            found.append((UNKNOWN, f"{outcome.instanceID}: not checked: {outcome.error}"))
    worst = max((state for state, _ in found), key=ORDER[::-1].index, default=OK)
    counts = Counter(outcome.instance["status"] for outcome in stores)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    print(f"SPE {NAMES[worst]} - {len(stores)} instances ({summary}), {len(found)} finding(s)")
    for state in ORDER:
        for finding_state, text in found:
            if finding_state == state:
                print(f"[{NAMES[state]}] {text}")
    return worst


if __name__ == "__main__":
    sys.exit(main())
