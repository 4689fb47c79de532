"""Write an inventory of the SPE's instances to CSV: one row per instance.

Columns: instanceID, alias, displayName, instanceHost, status, startMode, startStopError,
users, stores, messages, sizeMB, error. The figures come from each running instance
(GetUsers, GetStores, GetInstanceStatistics), several instances at a time
(SPEClient.forEachInstance); an instance that is not running gets its listed fields and
empty figures; what an instance refuses stays empty, with the reason in "error" (and the
exit code is 1).

    python instance_inventory.py                    # CSV to stdout
    python instance_inventory.py -o instances.csv   # to a file, UTF-8 with BOM (opens in Excel)

Connection settings come from the environment: MAILSTORE_HOST, MAILSTORE_PORT,
MAILSTORE_USERNAME, MAILSTORE_PASSWORD, and MAILSTORE_FINGERPRINT or MAILSTORE_CA_BUNDLE
(the SPE emulator, python -m mailstore.emulator --spe, prints them).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from typing import Any, Dict, List, Optional

import mailstore
from mailstore.errors import MailStoreError

LISTED = ["instanceID", "alias", "displayName", "instanceHost", "status", "startMode",
          "startStopError"]  # fmt: skip
COLUMNS = LISTED + ["users", "stores", "messages", "sizeMB", "error"]


def answer(status: Dict[str, Any], errors: List[str]) -> Any:
    """The result of a call, or None when it failed (its message added to ``errors``)."""
    if status["statusCode"] == "succeeded":
        return status["result"]
    errors.append(status["error"]["message"])
    return None


def figures(client: Any, instance: Dict[str, Any]) -> Dict[str, Any]:
    """What one running instance reports about itself; what it refuses is left empty."""
    errors: List[str] = []
    users = answer(client.GetUsers(), errors)
    stores = answer(client.GetStores(includeSize=False), errors)
    statistics = answer(client.GetInstanceStatistics(), errors) or {}
    return {
        "users": None if users is None else len(users),
        "stores": None if stores is None else len(stores),
        "messages": statistics.get("numberOfMessages"),
        "sizeMB": statistics.get("totalSizeMB"),
        "error": "; ".join(errors),
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", help="CSV file to write (default: stdout)")
    parser.add_argument("--filter", default="*", help="instanceFilter ('*': all instances)")
    args = parser.parse_args(argv)

    try:
        with mailstore.mgmt.SPEClient(logLevel=1) as spe:
            outcomes = spe.forEachInstance(figures, args.filter)
    except MailStoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    rows = []
    for outcome in outcomes:
        row = {column: outcome.instance.get(column) for column in LISTED}
        row.update(outcome.value or {})
        if outcome.error is not None:
            row["error"] = str(outcome.error)
        rows.append(row)

    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    if args.output:
        with open(args.output, "w", newline="", encoding="utf-8-sig") as out:
            out.write(text.getvalue())
        print(f"{len(rows)} instances written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(text.getvalue().encode("utf-8"))
    return 1 if any(row.get("error") for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
