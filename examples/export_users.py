"""Export the MailStore users with their details to a CSV file.

One row per user: userName, fullName, authentication, emailAddresses, privileges,
loginPrivileges, folders (the archive folders the user may access, with privileges),
mfaStatus, distinguishedName. List values are joined with "; ".

GetUsers lists the users; one GetUserInfo call per user fetches the details, several at a
time (--threads): one client is shared by all threads and keeps its connections open.

    python export_users.py                       # CSV to stdout
    python export_users.py -o users.csv          # to a file, UTF-8 with BOM (opens in Excel)

Connection settings come from the environment: MAILSTORE_HOST, MAILSTORE_PORT,
MAILSTORE_USERNAME, MAILSTORE_PASSWORD, and MAILSTORE_FINGERPRINT or MAILSTORE_CA_BUNDLE.
"""

from __future__ import annotations

import argparse
import csv
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, List, Optional

import mailstore
from mailstore.errors import MailStoreError

COLUMNS = [
    "userName",
    "fullName",
    "authentication",
    "emailAddresses",
    "privileges",
    "loginPrivileges",
    "folders",
    "mfaStatus",
    "distinguishedName",
]


def row(info: Dict[str, Any]) -> Dict[str, str]:
    folders = [
        f"{p['folder']} ({','.join(p['privileges'])})"
        for p in info.get("privilegesOnFolders") or []
    ]
    values = dict(info, folders=folders)
    return {
        column: "; ".join(values[column])
        if isinstance(values.get(column), list)
        else ("" if values.get(column) is None else str(values[column]))
        for column in COLUMNS
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", help="CSV file to write (default: stdout)")
    parser.add_argument("--threads", type=int, default=8, help="parallel requests (8)")
    args = parser.parse_args(argv)
    threads = max(1, args.threads)

    try:
        with mailstore.mgmt.ServerClient(
            logLevel=1, raiseOnFailure=True, poolSize=threads
        ) as client:
            names = [user["userName"] for user in client.GetUsers()["result"]]
            with ThreadPoolExecutor(max_workers=threads) as pool:
                infos = list(pool.map(lambda name: client.GetUserInfo(name)["result"], names))
    except MailStoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    if args.output:
        out = open(args.output, "w", newline="", encoding="utf-8-sig")
    else:
        sys.stdout.reconfigure(encoding="utf-8", newline="")  # type: ignore[attr-defined]
        out = sys.stdout
    try:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(row(info) for info in infos)
    finally:
        if out is not sys.stdout:
            out.close()
    if args.output:
        print(f"{len(infos)} users written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
