"""Monitoring check for MailStore Server archiving profiles (Nagios, Icinga, Checkmk).

For every archiving profile that runs automatically on the server, and every other profile
that ran in the time window, the newest run (GetWorkerResults) decides the profile's state:

    succeeded                                   OK
    completedWithWarnings, completedWithErrors  WARNING
    cancelled, or no run in the window          WARNING (no run: automatic profiles only)
    failed, and any other result                CRITICAL

The check's state is the worst profile state; a connection, login or API problem is
UNKNOWN. Exit codes follow the plugin convention: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.

    python check_mailstore.py                    # Nagios/Icinga plugin output, last 24 hours
    python check_mailstore.py --hours 6
    python check_mailstore.py --format checkmk   # Checkmk local check, one service per profile

Connection settings come from the environment: MAILSTORE_HOST, MAILSTORE_PORT,
MAILSTORE_USERNAME, MAILSTORE_PASSWORD, and MAILSTORE_FINGERPRINT or MAILSTORE_CA_BUNDLE.
Times are the server's local time (--time-zone '$Local'), so run the check in the server's
time zone, or give --time-zone UTC. --now fixes the end of the window (for tests).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional

import mailstore
from mailstore.errors import MailStoreError

OK, WARNING, CRITICAL, UNKNOWN = 0, 1, 2, 3
NAMES = {OK: "OK", WARNING: "WARNING", CRITICAL: "CRITICAL", UNKNOWN: "UNKNOWN"}
SEVERITY = {OK: 0, WARNING: 1, UNKNOWN: 2, CRITICAL: 3}  # how bad, for "the worst state"
RESULT_STATES = {
    "succeeded": OK,
    "completedWithWarnings": WARNING,
    "completedWithErrors": WARNING,
    "cancelled": WARNING,
    "canceled": WARNING,
    "failed": CRITICAL,
}
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"


def worst(states: List[int]) -> int:
    return max(states, key=SEVERITY.__getitem__, default=OK)


def is_automatic(profile: Dict[str, Any]) -> bool:
    """Servers send "true"/"false" as strings here (a bool is accepted too)."""
    execution = profile.get("serverSideExecution") or {}
    return str(execution.get("automatic")).lower() == "true"


def evaluate(
    profiles: List[Dict[str, Any]], runs: List[Dict[str, Any]], hours: float
) -> List[Dict[str, Any]]:
    """One entry per profile to report: name, state, newest run and a text."""
    newest: Dict[int, Dict[str, Any]] = {}
    counts: Dict[int, int] = {}
    for run in runs:
        pid = run.get("profileId")
        if pid is None:  # a temporary run without a profile
            continue
        counts[pid] = counts.get(pid, 0) + 1
        if pid not in newest or run.get("startTime", "") > newest[pid].get("startTime", ""):
            newest[pid] = run
    report = []
    for profile in sorted(profiles, key=lambda p: p["id"]):
        run = newest.get(profile["id"])
        if run is None:
            if not is_automatic(profile):
                continue
            state, text = WARNING, f"no run in the last {hours:g} hours"
        else:
            state = RESULT_STATES.get(run.get("result"), CRITICAL)
            n = counts[profile["id"]]
            text = (
                f"{run.get('result')} at {run.get('startTime')}, "
                f"{run.get('itemsArchived', 0)} items archived"
                f" ({n} run{'' if n == 1 else 's'} in {hours:g} h)"
            )
        report.append(
            {"id": profile["id"], "name": profile["name"], "state": state, "text": text, "run": run}
        )
    return report


def nagios(report: List[Dict[str, Any]], runs: List[Dict[str, Any]], version: str) -> int:
    state = worst([entry["state"] for entry in report])
    tally = {s: sum(1 for e in report if e["state"] == s) for s in (OK, WARNING, CRITICAL)}
    items = sum(r.get("itemsArchived") or 0 for r in runs)
    summary = (
        f"{len(report)} profiles: {tally[OK]} ok, {tally[WARNING]} warning, "
        f"{tally[CRITICAL]} critical (MailStore {version})"
    )
    perfdata = (
        f"profiles_ok={tally[OK]};;;0 profiles_warning={tally[WARNING]};;;0 "
        f"profiles_critical={tally[CRITICAL]};;;0 runs={len(runs)};;;0 items_archived={items};;;0"
    )
    print(f"MAILSTORE {NAMES[state]} - {summary} | {perfdata}")
    for entry in sorted(report, key=lambda e: -SEVERITY[e["state"]]):
        print(f"[{NAMES[entry['state']]}] {entry['name']} (profile {entry['id']}): {entry['text']}")
    return state


def checkmk(report: List[Dict[str, Any]], version: str) -> int:
    for entry in report:
        run = entry["run"] or {}
        metric = f"items_archived={run.get('itemsArchived') or 0}"
        name = f"MailStore profile {entry['name']}".replace('"', "'")
        print(f'{entry["state"]} "{name}" {metric} {entry["text"]} (MailStore {version})')
    return worst([entry["state"] for entry in report])


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=24, help="time window (default 24)")
    parser.add_argument("--now", help="end of the window, YYYY-MM-DDThh:mm:ss (default: now)")
    parser.add_argument("--time-zone", default="$Local", help="server time zone id ($Local)")
    parser.add_argument("--format", choices=("nagios", "checkmk"), default="nagios")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request (30)")
    return parser.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    if args.now:
        end = datetime.strptime(args.now, DATE_FORMAT)
    elif args.time_zone == "UTC":
        end = datetime.now(timezone.utc).replace(tzinfo=None)
    else:
        end = datetime.now()
    start = end - timedelta(hours=args.hours)
    try:
        client = mailstore.mgmt.ServerClient(
            logLevel=0, raiseOnFailure=True, readTimeout=args.timeout, connectTimeout=args.timeout
        )
        with client:
            version = client.GetServerInfo()["result"]["version"]
            profiles = client.GetProfiles(raw=True)["result"]
            runs = client.GetWorkerResults(
                fromIncluding=start.strftime(DATE_FORMAT),
                toExcluding=end.strftime(DATE_FORMAT),
                timeZoneID=args.time_zone,
            )["result"]
    except MailStoreError as exc:
        print(f"MAILSTORE UNKNOWN - {exc}")
        return UNKNOWN
    report = evaluate(profiles, runs, args.hours)
    if args.format == "checkmk":
        return checkmk(report, version)
    return nagios(report, runs, version)


if __name__ == "__main__":
    sys.exit(main())
