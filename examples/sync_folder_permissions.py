"""Make MailStore folder privileges match a CSV file (e.g. exported from Exchange or AD).

The CSV has one row per user and archive folder, with a header line:

    userName,folder,privileges
    anna.schmidt,info,read
    jürgen.müller,info,read write
    karen.obrien,anna.schmidt,none

privileges is any of read, write, delete (separated by spaces, commas or semicolons), or
none to take the access away. For every row whose privileges differ from what MailStore has,
the script calls SetUserPrivilegesOnFolder. With --remove-unlisted it also takes away the
privileges that the users named in the file hold on folders the file does not list for them
(their own archive excepted).

    python sync_folder_permissions.py mapping.csv --dry-run    # show what would change
    python sync_folder_permissions.py mapping.csv              # change it

Output: one line per change ("grant", "change", "revoke"), then a summary. Exit code 0 when
everything went through, 1 when a user is unknown or a change failed, 2 for a bad file.

Connection settings come from the environment: MAILSTORE_HOST, MAILSTORE_PORT,
MAILSTORE_USERNAME, MAILSTORE_PASSWORD, and MAILSTORE_FINGERPRINT or MAILSTORE_CA_BUNDLE.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from typing import Dict, FrozenSet, List, Optional, Tuple

import mailstore
from mailstore.errors import MailStoreError

VALID = {"read", "write", "delete"}
ORDER = ("read", "write", "delete")

Wanted = Dict[str, Dict[str, FrozenSet[str]]]  # user -> folder -> privileges


def parse_privileges(text: str) -> FrozenSet[str]:
    words = {w.lower() for w in re.split(r"[\s,;]+", text.strip()) if w}
    if words == {"none"} or not words:
        return frozenset()
    unknown = words - VALID
    if unknown:
        raise ValueError(f"unknown privilege(s) {', '.join(sorted(unknown))}")
    return frozenset(words)


def read_mapping(path: str) -> Wanted:
    wanted: Wanted = {}
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = {"userName", "folder", "privileges"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            user, folder = row["userName"].strip(), row["folder"].strip()
            if not user or not folder:
                raise ValueError(f"{path}, line {line}: userName and folder must not be empty")
            try:
                privileges = parse_privileges(row["privileges"] or "")
            except ValueError as exc:
                raise ValueError(f"{path}, line {line}: {exc}") from None
            wanted.setdefault(user, {})[folder] = privileges
    return wanted


def show(privileges: FrozenSet[str]) -> str:
    return ",".join(p for p in ORDER if p in privileges) or "none"


def plan(wanted: Wanted, current: Dict[str, Dict[str, FrozenSet[str]]], remove_unlisted: bool):
    """The changes to make: (action, user, folder, old, new)."""
    changes: List[Tuple[str, str, str, FrozenSet[str], FrozenSet[str]]] = []
    for user, folders in wanted.items():
        have = current[user]
        targets = dict(folders)
        if remove_unlisted:
            for folder in have:
                if folder not in targets and folder != user:
                    targets[folder] = frozenset()
        for folder, new in sorted(targets.items()):
            old = have.get(folder, frozenset())
            if old == new:
                continue
            action = "revoke" if not new else ("grant" if not old else "change")
            changes.append((action, user, folder, old, new))
    return changes


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="CSV file with the columns userName, folder, privileges")
    parser.add_argument("--dry-run", action="store_true", help="only show what would change")
    parser.add_argument(
        "--remove-unlisted",
        action="store_true",
        help="revoke privileges on folders the file does not list for a user",
    )
    args = parser.parse_args(argv)
    try:
        wanted = read_mapping(args.csv)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    problems = 0
    try:
        with mailstore.mgmt.ServerClient(logLevel=1) as client:
            current: Dict[str, Dict[str, FrozenSet[str]]] = {}
            for user in list(wanted):
                status = client.GetUserInfo(user)
                if status["statusCode"] != "succeeded":
                    print(f"skip {user}: {status['error']['message']}")
                    problems += 1
                    del wanted[user]
                    continue
                held = status["result"].get("privilegesOnFolders") or []
                current[user] = {p["folder"]: frozenset(p["privileges"]) - {"none"} for p in held}

            changes = plan(wanted, current, args.remove_unlisted)
            for action, user, folder, old, new in changes:
                print(f"{action:6} {user} on {folder}: {show(old)} -> {show(new)}")
                if args.dry_run:
                    continue
                status = client.SetUserPrivilegesOnFolder(user, folder, show(new))
                if status["statusCode"] != "succeeded":
                    print(f"  failed: {status['error']['message']}")
                    problems += 1
    except MailStoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    done = "would be made (dry run: nothing changed)" if args.dry_run else "made"
    print(f"{len(changes)} change(s) {done}; {problems} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
